//! Field extraction: OCR lines of the front (and back) image -> the Step 1 fields, each with an honest
//! `accepted` flag, plus `document_fields`, `missing_fields` and retry codes.
//!
//! The pieces: the MRZ ([`mrz`]), the printed zone read by meaning ([`printed`]), the PDF417 barcode of North
//! American cards ([`barcode`]), the document catalogue
//! ([`document`]), the one acceptance policy ([`acceptance`]: a value is accepted only when something independent
//! confirms it) and the retry codes ([`retry`]).

pub mod acceptance;
pub mod barcode;
pub mod catalogue;
pub mod document;
pub mod mrz;
pub mod printed;
pub mod retry;
pub mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::kyc::IdType;
use crate::ocr::OcrLine;
pub use acceptance::{Evidence, Rule};
pub use document::DocumentFields;
use mrz::Mrz;
pub use printed::{dates, names, numbers};
use retry::RetryCode;

/// One extracted value and whether it is confirmed (and by what).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub value: String,
    pub accepted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// The acceptance rule that accepted it (absent when unaccepted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
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
    pub missing_fields: Vec<document::CarriedField>,
    pub retry: Vec<RetryCode>,
    /// What the printed zone read (front, with the back's readings added), for diagnostics (`kyc scan`).
    pub printed: printed::Printed,
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

fn folded(lines: &[OcrLine]) -> Vec<OcrLine> {
    lines.iter().map(|l| OcrLine { text: text::fold_homoglyphs(&l.text), ..l.clone() }).collect()
}

/// The better of the front's and the back's MRZ: confirmed first, then whole, then the one with more checks passing.
fn better_mrz(front: Option<Mrz>, back: Option<Mrz>) -> Option<Mrz> {
    let rank = |m: &Mrz| (m.confirmed(), m.whole, m.checks.all_pass());
    match (front, back) {
        (Some(f), Some(b)) => Some(if rank(&b) > rank(&f) { b } else { f }),
        (f, b) => f.or(b),
    }
}

/// Extract the fields of a document from its OCR lines.
pub fn extract(
    front: &[OcrLine],
    back: Option<&[OcrLine]>,
    hint: &DocumentHint,
    quality: ImageQuality,
    today: NaiveDate,
) -> Extraction {
    extract_with_barcode(front, back, None, hint, quality, today)
}

/// [`extract`], with what the back's PDF417 barcode gave (North American cards: the back is decoded, not read).
pub fn extract_with_barcode(
    front: &[OcrLine],
    back: Option<&[OcrLine]>,
    barcode: Option<&Result<barcode::AamvaRecord, barcode::BarcodeError>>,
    hint: &DocumentHint,
    quality: ImageQuality,
    today: NaiveDate,
) -> Extraction {
    let front = &folded(front)[..];
    let back_owned = back.map(folded);
    let back = back_owned.as_deref();
    // A document type that carries no MRZ (a US licence) keeps one only when it is whole for its format (a passport
    // sent under the wrong type): otherwise two printed lines that happen to look like MRZ characters ("4d DLN
    // 0653291" and an address) would be parsed as a broken TD2 and bring its fields and an MRZ retry code.
    let carries_mrz = document::spec(hint.id_type, &hint.country).carries_mrz;
    let kept = |m: &Mrz| carries_mrz || m.whole || m.confirmed();
    let front_mrz = mrz::find_and_parse(&mrz_input(front), today).filter(kept);
    let back_mrz = back.and_then(|b| mrz::find_and_parse(&mrz_input(b), today)).filter(kept);
    let mrz = better_mrz(front_mrz, back_mrz.clone());
    // The MRZ's dates whose check digits pass settle how the printed zone orders day and month.
    let known: Vec<NaiveDate> = mrz
        .iter()
        .flat_map(|m| [m.birth_date.filter(|_| m.checks.birth_date), m.expiry_date.filter(|_| m.checks.expiry_date)])
        .flatten()
        .collect();
    let mut seen = printed::read_knowing(front, hint.id_type, &hint.country, today, &known);
    if let Some(b) = back {
        // What cards print on the back (issue date, personal number, the name again) fills gaps and adds readings.
        let back_seen = printed::read_knowing(b, hint.id_type, &hint.country, today, &known);
        seen.name_lines.extend(back_seen.name_lines);
        seen.signature_lines.extend(back_seen.signature_lines);
        seen.all_dates.extend(back_seen.all_dates);
        seen.all_numbers.extend(back_seen.all_numbers);
        if seen.personal_number.is_none() {
            seen.personal_number = back_seen.personal_number;
        }
        if seen.issue_date.is_none() {
            seen.issue_date = back_seen.issue_date.filter(|r| r.labelled());
        }
    }
    let fields = match &mrz {
        Some(m) => acceptance::with_mrz(m, &seen, hint),
        None => acceptance::printed_only(&seen, hint),
    };
    // R12: the barcode's values replace the front's, accepted; a front that names someone else is reported.
    let (fields, barcode_facts) = match barcode {
        None => (fields, retry::BarcodeFacts::None),
        Some(Err(_)) => (fields, retry::BarcodeFacts::Unreadable),
        Some(Ok(record)) => {
            let front_agrees = acceptance::front_agrees_with_barcode(&fields, record);
            let country_matches = record.country.as_str() == hint.country;
            (acceptance::with_barcode(record, hint), retry::BarcodeFacts::Read { country_matches, front_agrees })
        }
    };
    let document_fields = document::document_fields(hint.id_type, &hint.country, mrz.as_ref(), &fields);
    let missing_fields = document::missing(&document_fields, &fields);
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
        barcode: barcode_facts,
    });
    // An unreadable document returns no values, only its retry codes: nothing wrong can then be confirmed.
    let fields = if retry.iter().any(|r| r.is_unreadable()) { Fields::default() } else { fields };
    Extraction { fields, mrz, document_fields, missing_fields, retry, printed: seen }
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
            (6..=12).contains(&t.chars().count())
                && t.chars().all(|c| c.is_ascii_alphanumeric())
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().any(|c| c.is_ascii_uppercase())
        })
        .collect();
    tokens.is_empty()
        || tokens.iter().any(|t| {
            t.chars().count() == number.chars().count()
                && t.chars().zip(number.chars()).filter(|(a, b)| a != b).count() <= 2
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kyc::IdType;
    use crate::ocr::geometry::Point;

    fn page(texts: &[&str]) -> Vec<OcrLine> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (y, w) = (20.0 + 30.0 * i as f32, 11.0 * t.chars().count() as f32);
                OcrLine {
                    text: (*t).into(),
                    confidence: 0.98,
                    char_confidences: vec![0.98; t.chars().count()],
                    r#box: [
                        Point::new(10.0, y),
                        Point::new(10.0 + w, y),
                        Point::new(10.0 + w, y + 20.0),
                        Point::new(10.0, y + 20.0),
                    ],
                    height: 20.0,
                    row: i,
                }
            })
            .collect()
    }

    #[test]
    fn a_us_licence_whose_number_and_address_look_like_mrz_characters_gets_no_broken_mrz() {
        let front = page(&[
            "ALASKA",
            "4d DLN 0653291",
            "1 DOE, JANE",
            "3 DOB 07/05/1990",
            "3234 WASHINGTON AVE CLINTON AK94275 12",
        ]);
        let hint = DocumentHint { id_type: IdType::DriversLicense, country: "USA".into() };
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let e = extract(&front, None, &hint, ImageQuality { sharpness: 500.0 }, today);
        assert!(e.mrz.is_none());
        assert_eq!(e.fields.document_number.as_ref().map(|f| f.value.as_str()), Some("0653291"));
    }
}
