//! Field extraction: OCR lines of the front (and back) image -> the Step 1 fields, each with an honest
//! `accepted` flag, plus `document_fields`, `missing_fields` and retry codes.
//!
//! A value is accepted only when something independent confirms it: an MRZ check digit, the MRZ and the printed
//! zone agreeing, a self-checking number format, or (documents without an MRZ) a readable label plus high OCR
//! confidence. Everything else is still returned, for the user to confirm in Step 2.

pub mod barcode;
pub mod dates;
pub mod mrz;
pub mod names;
pub mod numbers;
pub mod retry;
pub mod viz;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kyc::IdType;
use crate::ocr::OcrLine;
use mrz::Mrz;
use names::{same_name, strip_accents, tidy};
use retry::RetryCode;
use viz::{Read, VizFields};

/// Minimum character confidence for a printed value to be accepted on its own.
const PRINTED_MIN_CONFIDENCE: f32 = 0.9;

/// One extracted value and whether it is confirmed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    pub accepted: bool,
}

impl Field {
    fn new(value: impl Into<String>, accepted: bool) -> Self {
        Self { value: value.into(), accepted }
    }
}

/// The holder's fields, as the API names them (see [`Fields::api_entries`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Fields {
    pub birth_date: Option<Field>,
    pub issue_date: Option<Field>,
    pub expire_date: Option<Field>,
    pub last_name: Option<Field>,
    pub first_name: Option<Field>,
    pub name: Option<Field>,
    pub gender: Option<Field>,
    pub nationality: Option<Field>,
    pub identity_number: Option<Field>,
    pub document_number: Option<Field>,
    pub license_number: Option<Field>,
}

impl Fields {
    /// (API suffix, field) pairs: `ocr_<suffix>` and `accepted_ocr_<suffix>`.
    pub fn api_entries(&self) -> [(&'static str, &Option<Field>); 11] {
        [
            ("birthDate", &self.birth_date),
            ("issueDate", &self.issue_date),
            ("expireDate", &self.expire_date),
            ("lastName", &self.last_name),
            ("firstName", &self.first_name),
            ("name", &self.name),
            ("gender", &self.gender),
            ("nationality", &self.nationality),
            ("identityNumber", &self.identity_number),
            ("documentNumber", &self.document_number),
            ("licenseNumber", &self.license_number),
        ]
    }

    fn any(&self) -> bool {
        self.api_entries().iter().any(|(_, f)| f.is_some())
    }
}

/// Which fields a document of this kind carries (`document_fields`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFields {
    pub name: bool,
    pub birth_date: bool,
    pub issue_date: bool,
    pub expire_date: bool,
    pub gender: bool,
    pub nationality: bool,
    pub identity_number: bool,
    /// Same as `identityNumber` (the reference lists both names).
    pub id_number: bool,
    pub document_number: bool,
    /// Licence number (driver's licences).
    pub number: bool,
    /// Card serial numbers are not read: always false.
    pub serial_number: bool,
}

/// What the caller knows about the document (from the request).
#[derive(Clone, Debug)]
pub struct DocumentHint {
    pub id_type: IdType,
    /// ISO 3166-1 alpha-3 issuing country as requested.
    pub country: String,
}

/// Everything extraction produces for one submission.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub fields: Fields,
    pub mrz: Option<Mrz>,
    pub document_fields: DocumentFields,
    pub missing_fields: Vec<&'static str>,
    pub retry: Vec<RetryCode>,
}

/// Image-level facts that bear on the decision (measured by the caller on the decoded image).
#[derive(Clone, Copy, Debug, Default)]
pub struct ImageQuality {
    /// Variance of the Laplacian of the downscaled grey image: low means blurred.
    pub sharpness: f32,
}

/// Below this sharpness a document that also fails to read is reported as too blurry.
/// Measured on the shared sets: the photos too blurred to read score 27-50, the readable ones 150 and more.
pub const BLURRY_BELOW: f32 = 90.0;

fn mrz_input(lines: &[OcrLine]) -> Vec<(String, usize)> {
    lines.iter().map(|l| (l.text.clone(), l.row)).collect()
}

/// Fold Greek and Cyrillic capitals that look like Latin ones (the recogniser's dictionary has all three scripts,
/// and a Latin-script document read as "ESΡ" must still say ESP).
pub fn fold_homoglyphs(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'Α' | 'А' => 'A',
            'Β' | 'В' => 'B',
            'Ε' | 'Е' => 'E',
            'Ζ' => 'Z',
            'Η' | 'Н' => 'H',
            'Ι' | 'І' => 'I',
            'Κ' | 'К' => 'K',
            'Μ' | 'М' => 'M',
            'Ν' => 'N',
            'Ο' | 'О' => 'O',
            'Ρ' | 'Р' => 'P',
            'Τ' | 'Т' => 'T',
            'Υ' | 'У' => 'Y',
            'Χ' | 'Х' => 'X',
            'С' => 'C',
            'а' => 'a',
            'е' => 'e',
            'о' => 'o',
            'р' => 'p',
            'с' => 'c',
            'х' => 'x',
            'у' => 'y',
            'і' => 'i',
            c => c,
        })
        .collect()
}

fn folded(lines: &[OcrLine]) -> Vec<OcrLine> {
    lines.iter().map(|l| OcrLine { text: fold_homoglyphs(&l.text), ..l.clone() }).collect()
}

/// Extract the fields of a document from its OCR lines.
pub fn extract(
    front: &[OcrLine],
    back: Option<&[OcrLine]>,
    hint: &DocumentHint,
    quality: ImageQuality,
    today: NaiveDate,
) -> Extraction {
    let front = &folded(front)[..];
    let back_owned = back.map(folded);
    let back = back_owned.as_deref();
    let front_mrz = mrz::find_and_parse(&mrz_input(front), today);
    let back_mrz = back.and_then(|b| mrz::find_and_parse(&mrz_input(b), today));
    let mrz = match (&front_mrz, &back_mrz) {
        (Some(f), Some(b)) => Some(if b.checks.all_pass() && !f.checks.all_pass() { b.clone() } else { f.clone() }),
        (Some(f), None) => Some(f.clone()),
        (None, b) => b.clone(),
    };
    let mut viz = viz::parse(front, hint.id_type, &hint.country, today);
    if let Some(b) = back {
        // Fields a few cards print on the back (issue date, personal number) fill gaps only.
        let back_viz = viz::parse(b, hint.id_type, &hint.country, today);
        viz.name_lines.extend(back_viz.name_lines);
        viz.all_dates.extend(back_viz.all_dates);
        if viz.identity_number.is_none() {
            viz.identity_number = back_viz.identity_number;
        }
    }
    let fields = match &mrz {
        Some(m) => merge_with_mrz(m, &viz, hint, front),
        None => printed_only(&viz, hint, front),
    };
    let document_fields = document_fields(hint, mrz.as_ref(), &fields);
    let missing_fields = missing(&document_fields, &fields);
    let retry = retry::decide(&retry::Facts {
        hint,
        fields: &fields,
        mrz: mrz.as_ref(),
        front_lines: front.len(),
        back_given: back.is_some(),
        back_mrz: back_mrz.as_ref(),
        back_matches_front: back_mrz.as_ref().is_none_or(|b| back_belongs_to_front(b, front)),
        missing: &missing_fields,
        quality,
        today,
        any_field: fields.any(),
    });
    // An unreadable document returns no values, only its retry codes: nothing wrong can then be confirmed.
    let fields = if retry.iter().any(|r| matches!(r, RetryCode::RecognitionFail | RetryCode::ImageTooBlurry)) {
        Fields::default()
    } else {
        fields
    };
    Extraction { fields, mrz, document_fields, missing_fields, retry }
}

/// Whether the back's MRZ belongs to the front: the front prints the same document number (up to two characters
/// misread), or prints no document-number-like token at all (nothing to compare).
fn back_belongs_to_front(back: &Mrz, front: &[OcrLine]) -> bool {
    if !back.checks.document_number {
        return true;
    }
    let number = back.document_number.as_str();
    let tokens: Vec<String> = front
        .iter()
        .flat_map(|l| {
            let compact: String = l.text.split_whitespace().collect();
            l.text.split_whitespace().map(str::to_owned).chain(std::iter::once(compact)).collect::<Vec<_>>()
        })
        .map(|t| t.to_uppercase())
        .filter(|t| {
            (6..=12).contains(&t.len())
                && t.chars().all(|c| c.is_ascii_alphanumeric())
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().any(|c| c.is_ascii_uppercase())
        })
        .collect();
    tokens.is_empty()
        || tokens.iter().any(|t| {
            t.len() == number.len() && t.chars().zip(number.chars()).filter(|(a, b)| a != b).count() <= 2
        })
}

/// The printed spelling of an MRZ name (accents as printed), when a printed line matches it.
fn printed_form(mrz_name: &str, truncated: bool, viz: &VizFields) -> Option<String> {
    let mut best: Option<&(String, f32)> = None;
    for cand in &viz.name_lines {
        if same_name(&cand.0, mrz_name, truncated) {
            best = Some(cand);
            break;
        }
    }
    best.map(|(s, _)| tidy(s))
}

/// `expiry` is a whole number of years (1-20) after `issue`, give or take a day: how documents are issued.
fn validity_consistent(issue: NaiveDate, expiry: NaiveDate) -> bool {
    use chrono::Datelike;
    (1..=20).any(|years| {
        issue.with_year(issue.year() + years).is_some_and(|e| (expiry - e).num_days().abs() <= 1)
    })
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A printed document number that the MRZ's own check digit confirms, when the MRZ number as read fails it
/// (the printed zone often survives a glare spot or a misread character that hit the MRZ).
fn printed_number_confirmed_by_mrz(m: &Mrz, lines: &[OcrLine]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for l in lines {
        // Numbers are often printed in groups ("ZS 0000177"): try the whole line without spaces too.
        let compact: String = l.text.split_whitespace().collect();
        for token in l.text.split_whitespace().chain(std::iter::once(compact.as_str())) {
            let t = token.to_uppercase();
            // The same number with at most two characters read differently: a random word passes a check digit
            // one time in ten, so the candidate must be close to what the MRZ says.
            let differing = t.chars().zip(m.document_number.chars()).filter(|(a, b)| a != b).count();
            let plausible = t.len() == m.document_number.len()
                && differing <= 2
                && t.chars().all(|c| c.is_ascii_alphanumeric());
            if plausible && t != m.document_number && m.confirms_document_number(&t) && !found.contains(&t) {
                found.push(t);
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

fn merge_with_mrz(m: &Mrz, viz: &VizFields, hint: &DocumentHint, front: &[OcrLine]) -> Fields {
    let all = m.checks.all_pass();
    let printed_has = |d: NaiveDate| viz.all_dates.contains(&d);
    let date_field = |d: Option<NaiveDate>, check: bool, fallback: &Option<Read>| match d {
        Some(d) => Some(Field::new(d.to_string(), check || printed_has(d))),
        None => fallback.as_ref().map(|r| Field::new(r.value.clone(), false)),
    };
    // The MRZ has two-digit years; a printed date with the same day, month and year-in-century settles the
    // century (a 1911 birth date is otherwise read as 2011).
    let birth = m.birth_date.map(|d| {
        use chrono::Datelike;
        viz.all_dates
            .iter()
            .copied()
            .find(|p| p.month() == d.month() && p.day() == d.day() && p.year() % 100 == d.year() % 100 && p.year() < d.year())
            .unwrap_or(d)
    });
    let birth_date = date_field(birth, m.checks.birth_date, &viz.birth_date);
    let expire_date = date_field(m.expiry_date, m.checks.expiry_date, &viz.expire_date);

    // Issue date: printed only. The printed date that is neither the birth nor the expiry date, between them.
    let issue_date = {
        let (b, e) = (birth, m.expiry_date);
        let mut candidates: Vec<NaiveDate> = viz
            .all_dates
            .iter()
            .copied()
            .filter(|d| Some(*d) != b && Some(*d) != e)
            .filter(|d| b.is_none_or(|b| *d > b) && e.is_none_or(|e| *d < e))
            .collect();
        candidates.sort();
        candidates.dedup();
        candidates.last().map(|&d| {
            // A visa's first printed date is often "valid from", not an issue date: only a label confirms it there.
            let labelled = viz.issue_date.as_ref().is_some_and(|r| r.labelled && r.value == d.to_string());
            let confirmed = candidates.len() == 1
                && m.checks.expiry_date
                && e.is_some_and(|e| validity_consistent(d, e))
                && (hint.id_type != IdType::Visa || labelled);
            Field::new(d.to_string(), confirmed)
        })
    };

    let document_number = match (m.checks.document_number, printed_number_confirmed_by_mrz(m, front)) {
        (false, Some(printed)) => Some(Field::new(printed, true)),
        // No number in the MRZ (its line was lost): the printed one, unconfirmed.
        _ if m.document_number.is_empty() => viz.document_number.as_ref().map(|r| Field::new(r.value.clone(), false)),
        _ => Some(Field::new(m.document_number.clone(), m.checks.document_number)),
    };
    let personal = m.personal_number.as_ref().filter(|_| carries_personal_number_in_mrz(&m.issuing_state)).map(|p| {
        let confirmed = match m.format {
            mrz::MrzFormat::Td3 => m.checks.optional == Some(true) && all,
            _ => all,
        };
        Field::new(p.clone(), confirmed)
    });
    let identity_number = personal.clone().or_else(|| {
        if carries_personal_number_in_mrz(&m.issuing_state) {
            // This state prints a personal number; the MRZ did not carry it, so look for it in the printed zone
            // (unconfirmed), rather than passing the document number off as it.
            printed_personal_number(front, &m.document_number)
                .map(|p| Field::new(p, false))
                .or_else(|| document_number.as_ref().map(|d| Field::new(d.value.clone(), false)))
        } else {
            document_number.clone()
        }
    });

    let surname_printed = printed_form(&m.surname, m.name_truncated, viz);
    let given_printed = printed_form(&m.given_names, m.name_truncated, viz);
    let last_name = (!m.surname.is_empty()).then(|| {
        Field::new(surname_printed.clone().unwrap_or_else(|| m.surname.clone()), all && surname_printed.is_some())
    });
    let first_name = (!m.given_names.is_empty()).then(|| {
        Field::new(given_printed.clone().unwrap_or_else(|| m.given_names.clone()), all && given_printed.is_some())
    });
    let name = full_name(&first_name, &last_name);

    let gender = m.sex.map(|s| {
        let printed_agrees = viz.gender.as_ref().is_some_and(|g| g.value.starts_with(s));
        Field::new(s.to_string(), all && printed_agrees)
    });
    let nationality = (!m.nationality.is_empty()).then(|| {
        let valid = crate::kyc::Country::parse(&m.nationality).is_ok();
        let agrees = viz.nationality.as_ref().is_some_and(|n| n.value == m.nationality)
            || m.nationality == m.issuing_state;
        Field::new(m.nationality.clone(), all && valid && agrees)
    });
    let license_number =
        (hint.id_type == IdType::DriversLicense).then(|| document_number.clone()).flatten();
    Fields {
        birth_date,
        issue_date,
        expire_date,
        last_name,
        first_name,
        name,
        gender,
        nationality,
        identity_number,
        document_number,
        license_number,
    }
}

/// A printed personal number: one token of 9-13 digits (hyphens allowed) that is not the document number.
fn printed_personal_number(lines: &[OcrLine], document_number: &str) -> Option<String> {
    lines.iter().map(|l| l.text.trim()).find_map(|t| {
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let shape = t.chars().all(|c| c.is_ascii_digit() || c == '-') && (9..=13).contains(&digits);
        (shape && t.replace('-', "") != document_number).then(|| t.to_owned())
    })
}

/// States known to write the holder's national personal number in the MRZ optional data. Elsewhere the optional
/// data holds other things (a second document number, an office code), which must not be reported as the holder's
/// identity number.
fn carries_personal_number_in_mrz(state: &str) -> bool {
    const STATES: &[&str] = &[
        "NLD", "ESP", "SWE", "FIN", "EST", "LVA", "LTU", "POL", "ISL", "CZE", "SVK", "TWN", "SRB", "UTO", "INP",
        "AZE", "BEL", "NOR", "DNK", "BGR", "ROU", "HRV", "SVN", "PRT", "KOR", "TUR", "UKR", "MKD", "MNE", "BIH",
        "ALB", "XXA",
    ];
    STATES.contains(&state)
}

fn full_name(first: &Option<Field>, last: &Option<Field>) -> Option<Field> {
    match (first, last) {
        (Some(f), Some(l)) => Some(Field::new(format!("{} {}", f.value, l.value), f.accepted && l.accepted)),
        (None, Some(l)) => Some(Field::new(l.value.clone(), false)),
        (Some(f), None) => Some(Field::new(f.value.clone(), false)),
        (None, None) => None,
    }
}

/// Whether a signature-like line (mixed case, e.g. "K. Fischer") ends with this name: an independent second
/// printing of the surname on the card.
fn signature_confirms(name: &str, lines: &[OcrLine], exclude: &str) -> bool {
    let want = strip_accents(name);
    lines.iter().any(|l| {
        let t = l.text.trim();
        t != exclude && t.chars().any(|c| c.is_lowercase()) && strip_accents(t).ends_with(&want) && want.len() >= 2
    })
}

fn printed_only(viz: &VizFields, hint: &DocumentHint, lines: &[OcrLine]) -> Fields {
    let strong = |r: &Read| r.confidence >= PRINTED_MIN_CONFIDENCE;
    let dates_consistent = match (&viz.birth_date, &viz.issue_date, &viz.expire_date) {
        (Some(b), Some(i), Some(e)) => {
            b.value < i.value
                && parse_date(&i.value).zip(parse_date(&e.value)).is_some_and(|(i, e)| validity_consistent(i, e))
        }
        (Some(b), Some(i), None) => b.value < i.value && !matches!(hint.id_type, IdType::DriversLicense),
        _ => false,
    };
    let date = |r: &Option<Read>| {
        r.as_ref().map(|r| Field::new(r.value.clone(), strong(r) && (r.labelled || dates_consistent)))
    };
    let name_field = |r: &Option<Read>| {
        r.as_ref().map(|r| {
            let value = tidy(&r.value);
            let confirmed = strong(r) && (r.labelled || signature_confirms(&value, lines, &r.value));
            Field::new(value, confirmed)
        })
    };
    let last_name = name_field(&viz.last_name);
    // Given names are confirmed only by a label or by appearing in full in the signature line.
    let first_name = viz.first_name.as_ref().map(|r| {
        let value = tidy(&r.value);
        let in_signature = lines.iter().any(|l| {
            let t = l.text.trim();
            t != r.value && t.chars().any(|c| c.is_lowercase()) && strip_accents(t).starts_with(&strip_accents(&value))
        });
        Field::new(value, strong(r) && (r.labelled || in_signature))
    });
    let name = full_name(&first_name, &last_name);
    let number = |r: &Option<Read>| r.as_ref().map(|r| Field::new(r.value.clone(), strong(r) && r.labelled));
    let document_number = number(&viz.document_number);
    let identity_number = number(&viz.identity_number).or_else(|| document_number.clone());
    let gender = viz.gender.as_ref().map(|g| Field::new(g.value.clone(), strong(g) && g.labelled));
    let carries_nationality = !matches!(hint.id_type, IdType::DriversLicense | IdType::Aadhaar | IdType::Pancard);
    let nationality = viz
        .nationality
        .as_ref()
        .filter(|_| carries_nationality)
        .map(|n| Field::new(n.value.clone(), strong(n) && n.labelled));
    let license_number = (hint.id_type == IdType::DriversLicense).then(|| document_number.clone()).flatten();
    Fields {
        birth_date: date(&viz.birth_date),
        issue_date: date(&viz.issue_date),
        expire_date: date(&viz.expire_date),
        last_name,
        first_name,
        name,
        gender,
        nationality,
        identity_number,
        document_number,
        license_number,
    }
}

/// Which fields this kind of document carries.
pub fn document_fields(hint: &DocumentHint, mrz: Option<&Mrz>, fields: &Fields) -> DocumentFields {
    use IdType::*;
    let t = hint.id_type;
    let c = hint.country.as_str();
    let north_american = matches!(c, "USA" | "CAN");
    let personal_number_countries = matches!(c, "ESP" | "NLD" | "KOR" | "IND" | "SWE" | "FIN" | "EST" | "LVA" | "LTU");
    let identity = match t {
        Aadhaar | Pancard => true,
        Passport | GovernmentId | ResidencePermit => {
            personal_number_countries || mrz.is_some_and(|m| m.personal_number.is_some())
        }
        _ => false,
    };
    let has_identity_value =
        fields.identity_number.is_some() && fields.identity_number != fields.document_number;
    DocumentFields {
        name: true,
        birth_date: t != VehicleRegistrationCertificate,
        issue_date: !matches!(t, Pancard | VehicleRegistrationCertificate),
        expire_date: !matches!(t, Aadhaar | Pancard),
        gender: match t {
            DriversLicense => north_american,
            Pancard | VehicleRegistrationCertificate => false,
            _ => true,
        },
        nationality: matches!(t, Passport | GovernmentId | ResidencePermit | Visa | Universal) && c != "IND",
        identity_number: identity || has_identity_value,
        id_number: identity || has_identity_value,
        document_number: true,
        number: t == DriversLicense,
        serial_number: false,
    }
}

fn missing(doc: &DocumentFields, f: &Fields) -> Vec<&'static str> {
    let mut out = Vec::new();
    let checks: [(bool, bool, &'static str); 8] = [
        (doc.name, f.last_name.is_some() && f.first_name.is_some(), "name"),
        (doc.birth_date, f.birth_date.is_some(), "birthDate"),
        (doc.issue_date, f.issue_date.is_some(), "issueDate"),
        (doc.expire_date, f.expire_date.is_some(), "expireDate"),
        (doc.gender, f.gender.is_some(), "gender"),
        (doc.nationality, f.nationality.is_some(), "nationality"),
        (doc.identity_number, f.identity_number.is_some(), "identityNumber"),
        (doc.document_number, f.document_number.is_some(), "documentNumber"),
    ];
    for (carried, read, name) in checks {
        if carried && !read {
            out.push(name);
        }
    }
    out
}
