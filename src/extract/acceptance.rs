//! The one acceptance policy: which value each field gets, and whether it is *accepted* (`accepted_ocr_X`).
//!
//! A value is accepted only when something independent of the reading that produced it confirms it
//! ([`Evidence`]). The rules (the README's table says the same):
//!
//! | rule | field(s) | accepted when |
//! | --- | --- | --- |
//! | R1 | birth and expiry dates, document number | the MRZ is whole for its format and every check digit passes (the composite included); a birth date only when its century is settled ([`settle_birth_century`]) |
//! | R2 | document number | as R1; a number the check digits repaired (the unique look-alike substitution that passes), or one holding a character the check digits cannot tell from its look-alike (G/6, L/1, K/<), only when the printed zone reads the same number too: the composite digit weighs the number exactly as its own digit does, so it adds nothing against misreads of the number, and one candidate in ten passes by chance |
//! | R3 | document number | a printed number that passes the MRZ's check digit where the MRZ's reading of it fails, printed twice alike (a check digit passes one wrong reading in ten) |
//! | R4 | names | R1, and the printed zone reads the same name: the printed spelling when the MRZ writes every marked letter out as two letters no other letter shares (Ü as UE), else the MRZ's own spelling (marks the MRZ drops, É or Ř, and letters it cannot tell apart, Ä/Æ, Ö/Ø/Œ, are unconfirmed); a name the MRZ truncated is returned as printed, unaccepted |
//! | R5 | sex | R1, and the printed zone reads the same sex |
//! | R6 | nationality | R1, a country code that is alpha-3 as read (the MRZ parser maps ICAO's two-letter and legacy forms), and the printed nationality or the issuing state agrees |
//! | R7 | personal number | R1 (the optional data is under the composite check, and TD3's under its own), R2's rule on check-blind characters, on documents of states that write the personal number there |
//! | R8 | personal number | a number whose own check character passes (Spanish DNI/NIE, Dutch BSN, Aadhaar, Korean resident number, codice fiscale, CURP, RUN); where the document type carries a personal number the identity number is it, or the document number unaccepted when it was not read |
//! | R9 | birth date, sex | the Korean resident number (R8) encodes the same |
//! | R10 | names (documents without an MRZ) | read by label or field number, and the signature line (a second printing) spells them in place, at word boundaries; never a name beyond ASCII (one recogniser's two readings share its confusions of marks), never a North American front (its barcode is the independent source) |
//! | R11 | anything | on a document that carries an MRZ, nothing only the printed zone says; issue dates never (no MRZ field holds them) |
//! | R12 | every field of a licence or ID card back | decoded from an error-corrected barcode (AAMVA PDF417) |
//!
//! Everything else is returned unaccepted, for the user to confirm in Step 2.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::catalogue;
use super::document;
use super::mrz::checksum::differ_only_where_blind;
use super::mrz::{Mrz, MrzFormat};
use super::printed::names::{same_name, tidy};
use super::printed::{self, How, Printed};
use super::text::strip_accents;
use super::{DocumentHint, Field, Fields};
use crate::kyc::IdType;

/// Which rule of the table above accepted a value: `kyc eval` counts accepted and wrong values per rule, so a rule
/// that leaks shows at once. (R11 only ever withholds acceptance, so no value carries it.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rule {
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    R12,
}

impl Rule {
    /// Every rule, in the table's order.
    pub const ALL: [Rule; 11] = [
        Rule::R1,
        Rule::R2,
        Rule::R3,
        Rule::R4,
        Rule::R5,
        Rule::R6,
        Rule::R7,
        Rule::R8,
        Rule::R9,
        Rule::R10,
        Rule::R12,
    ];

    /// The kind of evidence the rule rests on.
    pub fn evidence(self) -> Evidence {
        match self {
            Rule::R1 | Rule::R2 | Rule::R3 | Rule::R7 => Evidence::MrzCheckDigits,
            Rule::R4 | Rule::R5 | Rule::R6 => Evidence::MrzAndPrinted,
            Rule::R8 | Rule::R9 => Evidence::SelfChecking,
            Rule::R10 => Evidence::TwoPrintings,
            Rule::R12 => Evidence::Barcode,
        }
    }
}

/// What confirms an accepted value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// R1-R3, R7: a whole MRZ whose check digits pass.
    MrzCheckDigits,
    /// R4-R6: the MRZ (whole, checks passing) and the printed zone read the same.
    MrzAndPrinted,
    /// R8, R9: the number's own check character.
    SelfChecking,
    /// R10: two printings on the document read the same.
    TwoPrintings,
    /// R12: an error-corrected barcode.
    Barcode,
}

fn accepted(value: impl Into<String>, rule: Rule) -> Field {
    Field { value: value.into(), accepted: true, evidence: Some(rule.evidence()), rule: Some(rule) }
}

fn unaccepted(value: impl Into<String>) -> Field {
    Field { value: value.into(), accepted: false, evidence: None, rule: None }
}

fn field(value: impl Into<String>, rule: Option<Rule>) -> Field {
    match rule {
        Some(r) => accepted(value, r),
        None => unaccepted(value),
    }
}

/// Whether the printed zone reads this number too (a second reading): as its labelled number, or as any
/// number-like token on the page (a number printed vertically beside the photo included).
fn printed_reads(p: &Printed, number: &str) -> bool {
    let want = number.replace(['-', ' '], "");
    p.document_number.as_ref().is_some_and(|r| r.value.replace(['-', ' '], "") == want) || p.all_numbers.contains(&want)
}

/// R3: a printed number (at most two characters from the MRZ's reading) that passes the MRZ's check digit, when the
/// MRZ's reading does not; only a unique one.
fn printed_number_confirmed_by_mrz(m: &Mrz, p: &Printed) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for t in &p.all_numbers {
        let differing = t.chars().zip(m.document_number.chars()).filter(|(a, b)| a != b).count();
        let plausible =
            t.chars().count() == m.document_number.chars().count() && differing <= 2 && *t != m.document_number;
        // (The composite digit weighs the number as its own digit does: it cannot add anything here.)
        if plausible && m.confirms_document_number(t) && !found.contains(t) {
            found.push(t.clone());
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// The printed spelling of an MRZ name, when a printed line is that name (accents as printed).
fn printed_form(mrz_name: &str, truncated: bool, p: &Printed) -> Option<(String, f32)> {
    p.name_lines.iter().find(|(s, _)| same_name(s, mrz_name, truncated)).map(|(s, c)| (tidy(s), *c))
}

/// Letters whose ICAO 9303 transliteration takes two letters that no other letter takes (Ü -> UE, Å -> AA,
/// ß -> SS, Þ -> TH): the MRZ shows them, so it can confirm them. Ä and Æ both become AE, Ö, Ø and Œ all OE: the MRZ
/// cannot tell which was printed, and the recogniser confuses them, so it confirms none of them. Every other
/// diacritic (É, Ř, Ñ, ...) is simply dropped in the MRZ.
fn mrz_visible(c: char) -> bool {
    let upper: String = c.to_uppercase().collect();
    let shared = matches!(upper.as_str(), "Ä" | "Æ" | "Ö" | "Ø" | "Œ");
    !shared && crate::extract::text::icao_transliterate(&upper).chars().count() >= 2
}

/// R4: the name to return for an MRZ name, and whether it is confirmed. The printed spelling is returned confirmed
/// when the MRZ spells exactly it: its accents are all of the kind the MRZ shows (Ä as AE), and the MRZ is not cut
/// short. A printed spelling with accents the MRZ drops is unconfirmed in those letters, so the MRZ's spelling is
/// returned (confirmed letter by letter); a name the MRZ truncated is returned as printed, unconfirmed.
fn name_field(mrz_name: &str, truncated: bool, p: &Printed, confirmed: bool) -> Option<Field> {
    if mrz_name.is_empty() {
        return None;
    }
    let evidence = confirmed.then_some(Rule::R4);
    Some(match printed_form(mrz_name, truncated, p) {
        Some((printed, _)) => {
            let squash = |s: &str| s.replace([' ', '-', '\''], "");
            let spelled_exactly = squash(&crate::extract::text::icao_transliterate(&printed)) == squash(mrz_name)
                || squash(&strip_accents(&printed)) == squash(mrz_name);
            // Printed accents are confirmed only where the MRZ writes them out: "MÜLLER" by MUELLER, not by MULLER (a
            // state that drops the mark confirms the letters, not the mark).
            let transliterated_exactly =
                squash(&crate::extract::text::icao_transliterate(&printed)) == squash(mrz_name);
            let accents_shown = transliterated_exactly
                && printed.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()).all(mrz_visible);
            // The printed reading lost (or gained) a space between names: the MRZ's separators are the ones read.
            let words = |s: &str| s.split([' ', '-']).filter(|w| !w.is_empty()).count();
            let same_words = words(&printed) == words(mrz_name);
            if !spelled_exactly {
                // The MRZ is cut short: the printed name goes on beyond what it confirms.
                unaccepted(printed)
            } else if accents_shown && same_words {
                field(printed, evidence)
            } else {
                field(mrz_name, evidence)
            }
        }
        None => unaccepted(mrz_name),
    })
}

/// An MRZ name OCR garbled: a digit in it, or a run of fillers read as letters ("TOBIASEECCCCECCECEC").
fn garbled_mrz_name(name: &str) -> bool {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    let filler_run = chars
        .split(|c| !matches!(c, 'C' | 'E' | 'K'))
        .any(|run| run.len() >= 5 && run.iter().filter(|&&c| c == 'C').count() >= 3);
    name.chars().any(|c| c.is_ascii_digit()) || filler_run
}

/// The MRZ surname is the printed surname run on into more letters: the "<<" after it was read as letters
/// ("CHRISTODOULOUCAVASILIMI" for "CHRISTODOULOU<<VASILIKI").
fn runs_on(mrz_surname: &str, printed: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    let printed = squash(&crate::extract::text::icao_transliterate(&strip_accents(printed).to_uppercase()));
    // The first word only: "GARCIA LOPEZ" is no run-on of a printed "GARCIA".
    let mrz = squash(mrz_surname.split_whitespace().next().unwrap_or(""));
    printed.chars().count() >= 3 && mrz.starts_with(&printed) && mrz.chars().count() >= printed.chars().count() + 3
}

/// The MRZ has no given names but its surname is the printed surname and the printed given names in a row: the
/// "<<" between them was read as a letter ("NIKOLIC<SMILAN<BOHDAN" for "NIKOLIC<<MILAN<BOHDAN").
fn separator_lost(mrz_surname: &str, mrz_given: &str, printed_surname: &str, printed_given: &str) -> bool {
    let squash = |s: &str| {
        crate::extract::text::icao_transliterate(&strip_accents(s).to_uppercase())
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect::<String>()
    };
    let (mrz, sur, given) = (squash(mrz_surname), squash(printed_surname), squash(printed_given));
    mrz_given.trim().is_empty()
        && sur.chars().count() >= 2
        && given.chars().count() >= 2
        && mrz.starts_with(&sur)
        && mrz.ends_with(&given)
        && mrz.chars().count() > sur.chars().count() + given.chars().count() - 1
}

/// `expiry` is a whole number of years (1-20) after `issue`, give or take a day: how documents are issued.
fn validity_consistent(issue: NaiveDate, expiry: NaiveDate) -> bool {
    (1..=20).any(|years| issue.with_year(issue.year() + years).is_some_and(|e| (expiry - e).num_days().abs() <= 1))
}

/// The oldest a holder is taken to be when a document is issued to them. People over 110 number a few hundred in
/// the world (the Gerontology Research Group's validated supercentenarians), so a birth century that makes the
/// holder older than this at issue is far likelier a wrong century than a real holder.
const OLDEST_HOLDER_AT_ISSUE_YEARS: i32 = 110;

/// When no issue date was read, the issue is taken to be at most this long before the expiry: ICAO 9303 passports
/// are valid ten years at most, and the longer an assumed validity the younger an old candidate looks, so the
/// shortest common bound errs towards calling the century open.
const ASSUMED_LONGEST_VALIDITY_YEARS: i32 = 10;

/// The MRZ writes two-digit years and its check digit confirms the six digits, not the century. The century of a
/// birth date is settled when a personal number that encodes it says so, when a printed date gives it, or when
/// only one century agrees with the document's other dates (born before issue and expiry, no older at issue than
/// [`OLDEST_HOLDER_AT_ISSUE_YEARS`]). Two sources that name different centuries settle nothing. `expiry` is the
/// MRZ's only when its check digit passes: a misread expiry would otherwise rule out the right century. Returns
/// the date and whether its century is settled; an unsettled one is returned as the best evidence has it (a
/// printed four-digit year before the parser's pivot, which takes the latest century not in the future),
/// unaccepted.
fn settle_birth_century(
    parsed: NaiveDate,
    expiry: Option<NaiveDate>,
    issue: Option<NaiveDate>,
    printed_dates: &[NaiveDate],
    encoded: Option<NaiveDate>,
) -> (NaiveDate, bool) {
    let candidates: Vec<NaiveDate> =
        [Some(parsed), parsed.with_year(parsed.year() - 100)].into_iter().flatten().collect();
    let issued = issue.or_else(|| expiry.and_then(|e| e.with_year(e.year() - ASSUMED_LONGEST_VALIDITY_YEARS)));
    let plausible = |b: &NaiveDate| {
        expiry.is_none_or(|e| *b < e)
            && issue.is_none_or(|i| *b <= i)
            && issued.is_none_or(|i| i.years_since(*b).is_none_or(|age| age as i32 <= OLDEST_HOLDER_AT_ISSUE_YEARS))
    };
    // A printed date that differs from the parser's choice only by the century carries a four-digit year (a
    // two-digit printed year is pivoted the same way as the MRZ's).
    let printed = candidates.iter().find(|c| printed_dates.contains(c) && **c != parsed).copied();
    if let Some(e) = encoded.filter(|e| candidates.contains(e)) {
        // A printed date in the other century contradicts the number. (A two-digit printed year pivoted into the
        // other century contradicts it too: that costs an acceptance, never a wrong one.)
        let contradicted = printed_dates.iter().any(|d| candidates.contains(d) && *d != e);
        return (e, plausible(&e) && !contradicted);
    }
    let agreeing: Vec<NaiveDate> = candidates.iter().copied().filter(plausible).collect();
    match (printed, agreeing.as_slice()) {
        (Some(p), _) if agreeing.contains(&p) => (p, true),
        (Some(p), _) => (p, false),
        (None, [only]) => (*only, true),
        _ => (parsed, false),
    }
}

/// Fields of a document with an MRZ.
pub fn with_mrz(m: &Mrz, p: &Printed, hint: &DocumentHint) -> Fields {
    let confirmed = m.confirmed();
    let by_mrz = confirmed.then_some(Rule::R1);

    // The century of the birth date (see `settle_birth_century`), from the personal number where it encodes it.
    // Only a number something checks: the MRZ's (under the composite check digit) or a printed self-checking one.
    let encoded = [
        m.personal_number.as_deref().filter(|_| confirmed),
        p.personal_number.as_ref().filter(|r| r.how == How::SelfChecking).map(|r| r.value.as_str()),
    ]
    .into_iter()
    .flatten()
    .find_map(|pn| super::printed::numbers::birth_date_in_personal_number(&m.issuing_state, pn));
    let settled = m.birth_date.map(|d| {
        let issue = p.issue_date.as_ref().map(|r| r.value);
        settle_birth_century(d, m.expiry_date.filter(|_| m.checks.expiry_date), issue, &p.all_dates, encoded)
    });
    let birth = settled.map(|(d, _)| d);
    let century_settled = settled.is_some_and(|(_, s)| s);
    let date = |d: Option<NaiveDate>, fallback: &Option<printed::Read<NaiveDate>>, settled: bool| match d {
        Some(d) => Some(field(d.to_string(), by_mrz.filter(|_| settled))),
        None => fallback.as_ref().map(|r| unaccepted(r.value.to_string())),
    };
    let birth_date = date(birth, &p.birth_date, century_settled);
    let expire_date = date(m.expiry_date, &p.expiry_date, true);

    // R11: the issue date is printed only. The labelled one, else the printed date between birth and expiry that
    // fits the validity; never accepted.
    let issue_date = p.issue_date.as_ref().map(|r| r.value).or_else(|| {
        let mut candidates: Vec<NaiveDate> = p
            .all_dates
            .iter()
            .copied()
            .filter(|d| Some(*d) != birth && Some(*d) != m.expiry_date && !printed_has_role(p, *d))
            .filter(|d| birth.is_none_or(|b| *d > b) && m.expiry_date.is_none_or(|e| *d < e))
            .collect();
        candidates.sort();
        candidates.dedup();
        let fitting: Vec<NaiveDate> =
            candidates.iter().copied().filter(|d| m.expiry_date.is_some_and(|e| validity_consistent(*d, e))).collect();
        fitting.last().or(candidates.last()).copied()
    });
    let issue_date = issue_date.map(|d| unaccepted(d.to_string()));

    // R2, R3: the document number.
    let number = &m.document_number;
    let second_reading = printed_reads(p, number);
    let document_number = if number.is_empty() {
        // The line with the number was lost: the printed one, unconfirmed.
        p.document_number.as_ref().map(|r| unaccepted(r.value.clone()))
    } else if !m.checks.document_number {
        // The MRZ's reading fails its check digit. A printed reading that passes it is the better value; a check
        // digit passes one wrong reading in ten, so it is accepted only when the number is printed twice alike.
        match printed_number_confirmed_by_mrz(m, p) {
            Some(printed) => {
                let ok = confirmed_but_number(m) && printed_twice(p, &printed);
                Some(field(printed.clone(), ok.then_some(Rule::R3)))
            }
            None => Some(unaccepted(number.clone())),
        }
    } else {
        let needs_second = m.number.check_blind || m.number.substitutions >= 1;
        let ok = confirmed && m.number.unique && (!needs_second || second_reading);
        // A printed number that differs only where the check digits are blind contradicts the MRZ's reading.
        let contradicted = p.document_number.as_ref().is_some_and(|r| differ_only_where_blind(&r.value, number));
        let rule = if needs_second { Rule::R2 } else { Rule::R1 };
        Some(field(number.clone(), (ok && !contradicted).then_some(rule)))
    };

    // R7: the personal number from the MRZ optional data, where the state writes it there.
    let state_writes_it = catalogue::entry(&m.issuing_state).mrz_personal_number;
    // A Spanish DNI in the optional data, with a misread filler after it: the part that passes its own check.
    let dni = m.personal_number.as_ref().filter(|_| m.issuing_state == "ESP").and_then(|pn| {
        (9..=pn.len())
            .rev()
            .find_map(|n| pn.get(..n).filter(|c| super::printed::numbers::valid_spanish_dni(c)))
            .map(str::to_owned)
    });
    let personal = dni.map(|d| accepted(d, Rule::R8)).or_else(|| {
        m.personal_number.as_ref().filter(|_| state_writes_it).map(|pn| {
            let checked = match m.format {
                MrzFormat::Td3 => m.checks.optional == Some(true),
                _ => true,
            };
            let self_checked =
                p.personal_number.as_ref().is_some_and(|r| r.how == How::SelfChecking && same_number(&r.value, pn));
            let blind = super::mrz::checksum::has_check_blind_character(pn);
            let evidence = if confirmed && checked && (!blind || printed_reads_personal(p, pn)) {
                Some(Rule::R7)
            } else if self_checked {
                Some(Rule::R8)
            } else {
                None
            };
            field(pn.clone(), evidence)
        })
    });
    let identity_number = personal.or_else(|| {
        if document::spec(hint.id_type, &hint.country).personal_number || state_writes_it {
            // The state prints a personal number the MRZ did not carry: the printed one (R8 if self-checking).
            p.personal_number
                .as_ref()
                .map(|r| field(r.value.clone(), (r.how == How::SelfChecking).then_some(Rule::R8)))
                // Not read: the document number, for the user to confirm, never accepted (on these documents it is
                // another number than the holder's).
                .or_else(|| document_number.as_ref().map(|d| unaccepted(d.value.clone())))
        } else {
            document_number.clone()
        }
    });

    // R4b: the MRZ's name line has no check digit. When OCR garbled it (digits, fillers read as letters, the
    // separator read as letters so the printed surname runs on into the given names), the printed zone's names are
    // returned instead, unaccepted like any name the two readings do not both give.
    let garbled = garbled_mrz_name(&m.surname)
        || garbled_mrz_name(&m.given_names)
        || p.surname.as_ref().is_some_and(|s| runs_on(&m.surname, &s.value))
        || p.surname
            .as_ref()
            .zip(p.given_names.as_ref())
            .is_some_and(|(s, g)| separator_lost(&m.surname, &m.given_names, &s.value, &g.value));
    let (last_name, first_name) = if garbled && p.surname.is_some() && p.given_names.is_some() {
        let printed = |r: &Option<printed::Read<String>>| r.as_ref().map(|r| unaccepted(tidy(&r.value)));
        (printed(&p.surname), printed(&p.given_names))
    } else {
        (
            name_field(&m.surname, m.name_truncated, p, confirmed),
            name_field(&m.given_names, m.name_truncated, p, confirmed),
        )
    };
    let name = full_name(&first_name, &last_name);

    // R5.
    let gender = m.sex.map(|s| {
        let agrees = p.sex.as_ref().is_some_and(|g| g.value == s);
        field(s.to_string(), (confirmed && agrees).then_some(Rule::R5))
    });
    // R6.
    let nationality = (!m.nationality.is_empty()).then(|| {
        // Only a three-letter code that is a country's (or ICAO's) as it stands: the MRZ parser has already turned
        // two-letter and legacy forms into alpha-3, so anything else is a misreading.
        let valid = crate::kyc::Country::parse(&m.nationality).is_ok_and(|c| c.as_str() == m.nationality);
        let agrees =
            p.nationality.as_ref().is_some_and(|n| n.value == m.nationality) || m.nationality == m.issuing_state;
        field(m.nationality.clone(), (confirmed && valid && agrees).then_some(Rule::R6))
    });
    let license_number = (hint.id_type == IdType::DriversLicense).then(|| document_number.clone()).flatten();
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

/// Every check passes but the document number's (R3 needs the rest of the MRZ to hold).
fn confirmed_but_number(m: &Mrz) -> bool {
    m.whole && m.checks.birth_date && m.checks.expiry_date && m.checks.optional.unwrap_or(true)
}

/// The printed zone reads this number on two lines (two printings: beside the photo and in the fields, front and
/// back).
fn printed_twice(p: &Printed, number: &str) -> bool {
    p.all_numbers.iter().filter(|n| n.as_str() == number).count() >= 2
}

fn same_number(a: &str, b: &str) -> bool {
    a.replace(['-', ' '], "") == b.replace(['-', ' '], "")
}

fn printed_reads_personal(p: &Printed, pn: &str) -> bool {
    p.personal_number.as_ref().is_some_and(|r| same_number(&r.value, pn))
        || p.all_numbers.iter().any(|n| same_number(n, pn))
}

/// A date the printed zone labelled as birth or expiry date is not an issue-date candidate.
fn printed_has_role(p: &Printed, d: NaiveDate) -> bool {
    [&p.birth_date, &p.expiry_date, &p.valid_from]
        .iter()
        .any(|r| r.as_ref().is_some_and(|r| r.value == d && r.labelled()))
}

fn full_name(first: &Option<Field>, last: &Option<Field>) -> Option<Field> {
    match (first, last) {
        (Some(f), Some(l)) => {
            let both = f.accepted && l.accepted;
            Some(field(format!("{} {}", f.value, l.value), if both { f.rule.or(l.rule) } else { None }))
        }
        (None, Some(l)) => Some(unaccepted(l.value.clone())),
        (Some(f), None) => Some(unaccepted(f.value.clone())),
        (None, None) => None,
    }
}

/// R10: a mixed-case line (a signature or its caption) that spells the name where its role puts it: the surname at
/// the end, after nothing or after the given names read (or their initials: "J. Garcia"); the given names at the
/// start, followed by exactly the surname read. The name meets the rest at a word boundary: a space, or a small
/// letter then a capital where OCR lost the space ("JenniferAdeyemi"), never inside a word ("Ann" is no reading of
/// "Annabel", "Smith" none of "Goldsmith", "Martin" none of "Dupont-Martin"). Which field a name is comes from the
/// label or field number it was read by; names placed by position are confirmed only together (`printed_only`).
fn signature_confirms(value: &str, other: Option<&str>, signatures: &[String], at_end: bool) -> bool {
    // The printed name and its signature are read by the same recogniser, which confuses the marks above a letter
    // (¨ ^ ˚ ´ `) the same way both times ("Zoë" read ZOÊ twice): a name holding any letter beyond ASCII is never
    // confirmed by a second reading. It is still returned, for the user to confirm.
    if !super::printed::names::looks_like_name(value) || !value.is_ascii() {
        return false;
    }
    let want = strip_accents(value);
    let other_words: Vec<String> =
        other.map(strip_accents).unwrap_or_default().split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    let words = |t: &[char]| -> Vec<String> {
        strip_accents(&t.iter().collect::<String>()).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
    };
    // What may stand before the surname: nothing, or the given names read, in order, each whole or as its initial.
    let given_before = |before: &[String]| {
        before.len() <= other_words.len()
            && before.iter().zip(&other_words).all(|(b, g)| b == g || b.len() == 1 && g.starts_with(b.as_str()))
    };
    want.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && signatures.iter().any(|sig| {
            // The case kept, so a small letter then a capital still shows where two words meet. Signature lines are
            // short; a long line is no signature, and the search below is quadratic in its length.
            let chars: Vec<char> = sig.trim().chars().collect();
            if chars.len() > 64 {
                return false;
            }
            let boundary = |k: usize| {
                k == 0
                    || k == chars.len()
                    || chars[k - 1].is_whitespace()
                    || chars[k].is_whitespace()
                    || chars[k - 1] == '.'
                    || chars[k - 1].is_lowercase() && chars[k].is_uppercase()
            };
            let cuts: Vec<usize> = (0..=chars.len()).filter(|&k| boundary(k)).collect();
            cuts.iter().any(|&start| {
                cuts.iter().filter(|&&end| end > start).any(|&end| {
                    let (before, part, after) = (words(&chars[..start]), &chars[start..end], words(&chars[end..]));
                    let placed = if at_end {
                        after.is_empty() && given_before(&before)
                    } else {
                        before.is_empty() && !other_words.is_empty() && after == other_words
                    };
                    placed && strip_accents(&part.iter().collect::<String>()) == want
                })
            })
        })
}

/// Fields of a document without a (found) MRZ. On a document type that carries one, nothing is accepted (R11);
/// elsewhere only self-checking numbers (R8, R9) and names a second printing confirms (R10).
pub fn printed_only(p: &Printed, hint: &DocumentHint) -> Fields {
    let spec = document::spec(hint.id_type, &hint.country);
    let may_accept = !spec.carries_mrz;
    let self_checking = |r: &printed::Read<String>| (may_accept && r.how == How::SelfChecking).then_some(Rule::R8);
    let rrn = p
        .personal_number
        .as_ref()
        .filter(|r| r.how == How::SelfChecking)
        .and_then(|r| super::printed::numbers::korean_rrn(&r.value));
    let date = |r: &Option<printed::Read<NaiveDate>>, from_rrn: Option<NaiveDate>| {
        r.as_ref().map(|r| {
            let confirmed = may_accept && from_rrn == Some(r.value);
            field(r.value.to_string(), confirmed.then_some(Rule::R9))
        })
    };
    // Names placed by position have no role a label gave them; a signature that spells the given names then the
    // surname, both exactly as read, gives it (signatures are written given names first), and confirms both.
    let placed = [&p.surname, &p.given_names].iter().any(|r| r.as_ref().is_some_and(|r| r.how == How::Positional));
    // Cut from one line by a guess, the names have no second printing of the cut (the signature spells the line).
    // A North American card's independent source is its barcode (R12): without it, the front's two printings are
    // one recogniser's two readings and confirm nothing.
    let may_accept_names = may_accept && !p.names_split_by_guess && !spec.barcode_on_back;
    let signed_in_order = match (&p.given_names, &p.surname) {
        (Some(g), Some(s)) => signature_confirms(&tidy(&g.value), Some(&tidy(&s.value)), &p.signature_lines, false),
        _ => false,
    };
    let name = |r: &Option<printed::Read<String>>, other: &Option<printed::Read<String>>, at_end: bool| {
        r.as_ref().map(|r| {
            let value = tidy(&r.value);
            let other = other.as_ref().map(|o| tidy(&o.value));
            let signed = if placed {
                signed_in_order
            } else {
                signature_confirms(&value, other.as_deref(), &p.signature_lines, at_end)
            };
            field(value, (may_accept_names && signed).then_some(Rule::R10))
        })
    };
    let last_name = name(&p.surname, &p.given_names, true);
    let first_name = name(&p.given_names, &p.surname, false);
    let document_number = p.document_number.as_ref().map(|r| field(r.value.clone(), self_checking(r)));
    let identity_number = p
        .personal_number
        .as_ref()
        .map(|r| field(r.value.clone(), self_checking(r)))
        // A card that prints a personal number beside its own card number: the card number is not the holder's, so
        // it is returned for the user to confirm, never accepted.
        .or_else(|| {
            let other_number =
                catalogue::entry(&hint.country).personal_number_beside_card_number.contains(&hint.id_type);
            document_number.as_ref().map(|d| if other_number { unaccepted(d.value.clone()) } else { d.clone() })
        });
    let gender = p.sex.as_ref().map(|g| {
        let confirmed = may_accept && rrn.is_some_and(|(_, s, _)| s == g.value) && g.how != How::SelfChecking;
        field(g.value.to_string(), confirmed.then_some(Rule::R9))
    });
    let nationality = p.nationality.as_ref().filter(|_| spec.nationality).map(|n| unaccepted(n.value.clone()));
    let license_number = (hint.id_type == IdType::DriversLicense).then(|| document_number.clone()).flatten();
    Fields {
        birth_date: date(&p.birth_date, rrn.map(|(b, _, _)| b)),
        issue_date: date(&p.issue_date, None),
        expire_date: date(&p.expiry_date, None),
        name: full_name(&first_name, &last_name),
        last_name,
        first_name,
        gender,
        nationality,
        identity_number,
        document_number,
        license_number,
    }
}

/// R12: the fields of a North American licence or ID card from its AAMVA barcode, every one confirmed by the
/// symbol's error correction and the record's exact structure.
pub fn with_barcode(r: &super::barcode::AamvaRecord, hint: &DocumentHint) -> Fields {
    use super::barcode::Sex;
    let by_barcode = |v: String| accepted(v, Rule::R12);
    let given = [r.first_name.as_deref(), r.middle_names.as_deref()]
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let last_name = Some(by_barcode(r.family_name.trim().to_owned()));
    let first_name = (!given.is_empty()).then(|| by_barcode(given));
    let number = Some(by_barcode(r.number.clone()));
    Fields {
        birth_date: Some(by_barcode(r.birth_date.to_string())),
        issue_date: r.issue_date.map(|d| by_barcode(d.to_string())),
        expire_date: Some(by_barcode(r.expiry_date.to_string())),
        name: full_name(&first_name, &last_name),
        last_name,
        first_name,
        gender: r.sex.map(|s| {
            by_barcode(
                match s {
                    Sex::Male => "M",
                    Sex::Female => "F",
                    Sex::NotSpecified => "X",
                }
                .to_owned(),
            )
        }),
        nationality: None,
        identity_number: number.clone(),
        license_number: (hint.id_type == IdType::DriversLicense).then(|| number.clone()).flatten(),
        document_number: number,
    }
}

/// Whether the front names the same holder as the barcode. The front's OCR may misread a letter or a digit, so a
/// field disagrees only when it is far off (a surname more than two edits away, a number with more than two
/// characters different, another birth date); two disagreeing fields mean another card.
pub fn front_agrees_with_barcode(front: &Fields, r: &super::barcode::AamvaRecord) -> bool {
    let distance = |a: &str, b: &str| -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (strip_accents(a).chars().collect(), strip_accents(b).chars().collect());
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
            }
            prev = cur;
        }
        prev[b.len()]
    };
    let compact = |s: &str| s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    let mut disagreements = 0;
    if let Some(f) = &front.last_name
        && distance(&f.value, &r.family_name) > 2
    {
        disagreements += 1;
    }
    if let Some(f) = &front.birth_date
        && f.value != r.birth_date.to_string()
    {
        disagreements += 1;
    }
    if let Some(f) = &front.document_number
        && distance(&compact(&f.value), &compact(&r.number)) > 2
    {
        disagreements += 1;
    }
    disagreements < 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mrz::{check_digit, parse};
    use crate::extract::printed::Read;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn cd(s: &str) -> char {
        char::from(b'0' + check_digit(s).unwrap())
    }

    /// A TD3 MRZ of a Utopian passport with this number and names, every check digit right.
    fn td3(number: &str, names: &str) -> Mrz {
        td3_dated(number, names, "740812", "340415")
    }

    /// As [`td3`], with these six-digit birth and expiry dates.
    fn td3_dated(number: &str, names: &str, birth: &str, expiry: &str) -> Mrz {
        let num = format!("{number:<<9}");
        let body = format!("{num}{}UTO{birth}{}F{expiry}{}<<<<<<<<<<<<<<", cd(&num), cd(birth), cd(expiry));
        let composite = format!("{}{}{}0", &body[0..10], &body[13..20], &body[21..42]);
        let l2 = format!("{body}0{}", cd(&composite));
        let l1 = format!("{:<<44}", format!("P<UTO{names}"));
        parse(&[l1, l2], today()).unwrap()
    }

    fn printed() -> Printed {
        Printed::default()
    }

    fn passport() -> DocumentHint {
        DocumentHint { id_type: IdType::Passport, country: "UTO".into() }
    }

    fn read(v: &str) -> Option<Read<String>> {
        Some(Read { value: v.into(), confidence: 0.99, how: How::Labelled })
    }

    #[test]
    fn r1_dates_and_number_of_a_whole_mrz_whose_checks_pass_are_accepted() {
        let m = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        assert!(m.confirmed());
        let f = with_mrz(&m, &printed(), &passport());
        assert_eq!(f.birth_date.as_ref().map(|f| (f.value.as_str(), f.accepted)), Some(("1974-08-12", true)));
        assert!(f.expire_date.unwrap().accepted);
        assert!(f.document_number.unwrap().accepted, "no check-blind character: the check digits suffice");
    }

    #[test]
    fn r1_nothing_is_accepted_from_an_mrz_that_is_not_whole() {
        let mut m = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        m.whole = false;
        let f = with_mrz(&m, &printed(), &passport());
        assert!(f.api_entries().iter().all(|(_, f)| f.as_ref().is_none_or(|f| !f.accepted)));
    }

    #[test]
    fn r2_a_number_with_a_g_or_a_6_needs_the_printed_zone_to_read_it_too() {
        let m = td3("G37636592", "NORDLUND<<LIV");
        assert!(!with_mrz(&m, &printed(), &passport()).document_number.unwrap().accepted);
        let mut p = printed();
        p.document_number = read("G37636592");
        assert!(with_mrz(&m, &p, &passport()).document_number.unwrap().accepted);
        // The printed zone reads 6 where the MRZ reads G: the check digits cannot tell which, so neither.
        let mut q = printed();
        q.document_number = read("637636592");
        assert!(!with_mrz(&m, &q, &passport()).document_number.unwrap().accepted);
    }

    #[test]
    fn r3_a_printed_number_that_passes_the_mrz_check_replaces_a_misread_one_and_is_accepted_if_printed_twice() {
        let good = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        let mut lines = good.lines.clone();
        lines[1] = lines[1].replacen("X4B9T3Q7P", "X4B9T3Q7R", 1);
        let m = parse(&lines, today()).unwrap();
        assert!(!m.checks.document_number);
        let mut p = printed();
        p.all_numbers = vec!["X4B9T3Q7P".into()];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(
            f.document_number.as_ref().map(|f| (f.value.as_str(), f.accepted)),
            Some(("X4B9T3Q7P", false)),
            "one reading"
        );
        p.all_numbers = vec!["X4B9T3Q7P".into(), "X4B9T3Q7P".into()];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(
            f.document_number.as_ref().map(|f| (f.value.as_str(), f.accepted)),
            Some(("X4B9T3Q7P", true)),
            "printed twice"
        );
    }

    #[test]
    fn r4_names_need_the_printed_zone_and_accents_the_mrz_drops_give_way_to_its_spelling() {
        let m = td3("X4B9T3Q7P", "DVORAK<<JEROME");
        let f = with_mrz(&m, &printed(), &passport());
        assert!(!f.last_name.unwrap().accepted, "the MRZ alone does not confirm a name");
        let mut p = printed();
        p.name_lines = vec![("DVORÁK".into(), 0.99), ("JÉROME".into(), 0.99)];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(
            f.last_name.as_ref().map(|f| (f.value.as_str(), f.accepted)),
            Some(("DVORAK", true)),
            "the MRZ drops Ř and Á"
        );
        assert_eq!(f.first_name.as_ref().map(|f| (f.value.as_str(), f.accepted)), Some(("JEROME", true)));
        let m = td3("X4B9T3Q7P", "MUELLER<<JOERG");
        p.name_lines = vec![("MÜLLER".into(), 0.99), ("JÖRG".into(), 0.99)];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(
            f.last_name.as_ref().map(|f| (f.value.as_str(), f.accepted)),
            Some(("MÜLLER", true)),
            "the MRZ shows Ü as UE"
        );
        let m = td3("X4B9T3Q7P", "SILVA<<ANA<CLARA");
        p.name_lines = vec![("ANACLARA".into(), 0.99)];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(
            f.first_name.as_ref().map(|f| (f.value.as_str(), f.accepted)),
            Some(("ANA CLARA", true)),
            "the space the print lost"
        );
    }

    #[test]
    fn r4b_a_garbled_mrz_name_line_gives_way_to_the_printed_names_unaccepted() {
        let mut p = printed();
        p.surname = read("WAGNER");
        p.given_names = read("TOBIAS");
        for garbled in ["WAGNER<<TOBIASEECCCCECCECEC<C<ECCCCCECE", "WAGNERCATOBIAS<MARIA", "A7G7BKENS<<BZ"] {
            let f = with_mrz(&td3("X4B9T3Q7P", garbled), &p, &passport());
            assert_eq!(
                f.last_name.as_ref().map(|f| (f.value.as_str(), f.accepted)),
                Some(("WAGNER", false)),
                "{garbled}"
            );
            assert_eq!(
                f.first_name.as_ref().map(|f| (f.value.as_str(), f.accepted)),
                Some(("TOBIAS", false)),
                "{garbled}"
            );
        }
        // The "<<" read as a letter: the MRZ has one long surname that is the printed surname and given names.
        p.surname = read("NIKOLIC");
        p.given_names = read("MILAN BOHDAN");
        let f = with_mrz(&td3("X4B9T3Q7P", "NIKOLIC<SMILAN<BOHDAN"), &p, &passport());
        assert_eq!(f.first_name.map(|f| (f.value, f.accepted)), Some(("MILAN BOHDAN".into(), false)));
        // A compound surname whose first word the print gives is no run-on; an MRZ name without the print's
        // support stays the MRZ's.
        p.surname = read("GARCIA");
        let f = with_mrz(&td3("X4B9T3Q7P", "GARCIA<LOPEZ<<ANA"), &p, &passport());
        assert_eq!(f.last_name.map(|f| f.value), Some("GARCIA LOPEZ".into()));
    }

    #[test]
    fn r5_r6_sex_and_nationality_need_a_second_reading() {
        let m = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        let f = with_mrz(&m, &printed(), &passport());
        assert!(!f.gender.unwrap().accepted);
        assert!(f.nationality.unwrap().accepted, "nationality equals the issuing state");
        let mut p = printed();
        p.sex = Some(Read { value: 'F', confidence: 0.99, how: How::Labelled });
        assert!(with_mrz(&m, &p, &passport()).gender.unwrap().accepted);
    }

    #[test]
    fn r11_the_issue_date_is_never_accepted_and_a_passport_without_mrz_accepts_nothing() {
        let mut p = printed();
        p.issue_date =
            Some(Read { value: NaiveDate::from_ymd_opt(2024, 4, 16).unwrap(), confidence: 1.0, how: How::Labelled });
        p.surname = read("NORDLUND");
        p.signature_lines = vec!["Liv Nordlund".into()];
        p.document_number = Some(Read { value: "36073152K".into(), confidence: 1.0, how: How::SelfChecking });
        let f = printed_only(&p, &passport());
        assert!(f.api_entries().iter().all(|(_, f)| f.as_ref().is_none_or(|f| !f.accepted)));
        let m = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        assert!(!with_mrz(&m, &p, &passport()).issue_date.unwrap().accepted);
    }

    #[test]
    fn r8_r10_without_an_mrz_a_self_checking_number_and_a_signed_name_are_accepted() {
        let licence = DocumentHint { id_type: IdType::DriversLicense, country: "ESP".into() };
        let mut p = printed();
        p.document_number = Some(Read { value: "36073152K".into(), confidence: 1.0, how: How::SelfChecking });
        p.surname = read("GARCIA");
        p.given_names = read("LUCIA");
        p.signature_lines = vec!["Lucia Garcia".into()];
        let f = printed_only(&p, &licence);
        assert!(f.document_number.unwrap().accepted);
        assert!(f.last_name.unwrap().accepted && f.first_name.unwrap().accepted);
        p.signature_lines = vec!["L. Garcla".into()];
        assert!(!printed_only(&p, &licence).last_name.unwrap().accepted);
        // OCR's lost space between the names still parts them; a name inside a longer word is none.
        p.given_names = read("LUCIA");
        p.signature_lines = vec!["LuciaGarcia".into()];
        let f = printed_only(&p, &licence);
        assert!(f.first_name.unwrap().accepted && f.last_name.unwrap().accepted);
        p.given_names = read("ANN");
        p.surname = read("SMITH");
        p.signature_lines = vec!["Annabel Goldsmith".into()];
        let f = printed_only(&p, &licence);
        assert!(!f.first_name.unwrap().accepted && !f.last_name.unwrap().accepted);
        p.surname = read("GARCIA");
        // A one-word signature is the surname: it confirms no given name, even one that reads as it.
        p.given_names = read("GARCIA");
        p.signature_lines = vec!["Garcia".into()];
        assert!(!printed_only(&p, &licence).first_name.unwrap().accepted);
        // Only the names as read, each in its place: the first of two given names is not confirmed by a signature
        // that goes on with the second; a surname after an initial of the given names is.
        p.given_names = read("MARIA");
        p.surname = read("GARCIA");
        p.signature_lines = vec!["Maria Jose Garcia".into()];
        let f = printed_only(&p, &licence);
        assert!(!f.first_name.unwrap().accepted && !f.last_name.unwrap().accepted);
        p.given_names = read("MARIA JOSE");
        p.signature_lines = vec!["M. J. Garcia".into()];
        let f = printed_only(&p, &licence);
        assert!(!f.first_name.unwrap().accepted && f.last_name.unwrap().accepted);
        p.surname = read("MARTIN");
        p.signature_lines = vec!["Dupont-Martin".into()];
        assert!(!printed_only(&p, &licence).last_name.unwrap().accepted);
        // Names placed by position take their roles from a signature that spells given names then surname, both
        // whole: a surname alone, or the names in the other order, confirm nothing.
        p.surname = Some(Read { value: "KOVACS".into(), confidence: 1.0, how: How::Positional });
        p.given_names = Some(Read { value: "ANNA".into(), confidence: 1.0, how: How::Positional });
        p.signature_lines = vec!["Anna Kovacs".into()];
        let f = printed_only(&p, &licence);
        assert!(f.first_name.unwrap().accepted && f.last_name.unwrap().accepted);
        for signature in ["Kovacs", "Kovacs Anna", "A. Kovacs"] {
            p.signature_lines = vec![signature.into()];
            let f = printed_only(&p, &licence);
            assert!(!f.first_name.unwrap().accepted && !f.last_name.unwrap().accepted, "{signature}");
        }
        // Names cut from one line by a guess: the signature spelling the line does not confirm where the cut is.
        p.signature_lines = vec!["Anna Kovacs".into()];
        p.names_split_by_guess = true;
        let f = printed_only(&p, &licence);
        assert!(!f.first_name.unwrap().accepted && !f.last_name.unwrap().accepted);
    }

    #[test]
    fn r9_a_korean_resident_number_confirms_birth_date_and_sex() {
        let card = DocumentHint { id_type: IdType::GovernmentId, country: "KOR".into() };
        let mut p = printed();
        p.personal_number = Some(Read { value: "800101-1234560".into(), confidence: 1.0, how: How::SelfChecking });
        p.birth_date =
            Some(Read { value: NaiveDate::from_ymd_opt(1980, 1, 1).unwrap(), confidence: 1.0, how: How::Labelled });
        let f = printed_only(&p, &card);
        assert!(f.birth_date.unwrap().accepted && f.identity_number.unwrap().accepted);
    }

    fn value_and_acceptance(f: &Option<Field>) -> Option<(&str, bool)> {
        f.as_ref().map(|f| (f.value.as_str(), f.accepted))
    }

    #[test]
    fn class1_marks_above_a_letter_are_never_confirmed_by_a_second_reading_of_the_same_engine() {
        // R10: "Bergström" read BERGSTRÔM on the card and in its signature is one recogniser's confusion twice.
        let licence = DocumentHint { id_type: IdType::DriversLicense, country: "SWE".into() };
        let mut p = printed();
        p.surname = read("BERGSTRÔM");
        p.given_names = read("ANAÏS");
        p.signature_lines = vec!["Anaïs Bergstrôm".into()];
        let f = printed_only(&p, &licence);
        assert_eq!(
            value_and_acceptance(&f.last_name),
            Some(("BERGSTRÔM", false)),
            "returned for the user, not accepted"
        );
        assert_eq!(value_and_acceptance(&f.first_name), Some(("ANAÏS", false)));
        // R4: the MRZ confirms the letters, not marks it drops or cannot tell apart (Ö, Ø and Œ are all OE).
        let m = td3("X4B9T3Q7P", "BERGSTROEM<<ZOE");
        p.name_lines = vec![("BERGSTRÖM".into(), 0.99), ("ZOË".into(), 0.99)];
        let f = with_mrz(&m, &p, &passport());
        assert_eq!(value_and_acceptance(&f.last_name), Some(("BERGSTROEM", true)), "the MRZ's spelling");
        assert_eq!(value_and_acceptance(&f.first_name), Some(("ZOE", true)), "Ë is dropped by the MRZ");
    }

    #[test]
    fn class2_the_birth_century_must_agree_with_the_documents_other_dates() {
        // 121212 on a passport that expired in 2011: 2012 is after the expiry, so only 1912 fits.
        let m = td3_dated("X4B9T3Q7P", "NORDLUND<<LIV", "121212", "111212");
        let f = with_mrz(&m, &printed(), &passport());
        assert_eq!(value_and_acceptance(&f.birth_date), Some(("1912-12-12", true)));
        // Born 2015 or 1915 on a passport valid to 2030: both fit, so the century is a guess and not accepted.
        let m = td3_dated("X4B9T3Q7P", "NORDLUND<<LIV", "150101", "300101");
        let f = with_mrz(&m, &printed(), &passport());
        assert_eq!(value_and_acceptance(&f.birth_date), Some(("2015-01-01", false)));
        // A printed date with the four-digit year settles it.
        let mut p = printed();
        p.all_dates = vec![NaiveDate::from_ymd_opt(1915, 1, 1).unwrap()];
        assert_eq!(value_and_acceptance(&with_mrz(&m, &p, &passport()).birth_date), Some(("1915-01-01", true)));
        // So does a personal number that encodes the century (a Finnish HETU: "+" is the 1800s, "-" the 1900s,
        // "A" the 2000s).
        let mut m = td3_dated("X4B9T3Q7P", "NORDLUND<<LIV", "150101", "300101");
        m.issuing_state = "FIN".into();
        m.personal_number = Some("010115A1239".into());
        let hetu = super::super::printed::numbers::birth_date_in_personal_number("FIN", "010115A1239");
        assert_eq!(hetu, NaiveDate::from_ymd_opt(2015, 1, 1), "the HETU test vector must be valid");
        assert_eq!(value_and_acceptance(&with_mrz(&m, &printed(), &passport()).birth_date), Some(("2015-01-01", true)));
        // A printed date in the other century contradicts the number: nothing is settled.
        let mut p = printed();
        p.all_dates = vec![NaiveDate::from_ymd_opt(1915, 1, 1).unwrap()];
        assert_eq!(value_and_acceptance(&with_mrz(&m, &p, &passport()).birth_date), Some(("2015-01-01", false)));
    }

    #[test]
    fn class2_a_misread_expiry_does_not_rule_out_a_century() {
        // 211227 on a visa that expired in 2005, its expiry misread 2065 (the check digit fails): only the printed
        // four-digit year says 1921, and the broken MRZ accepts nothing.
        let mut m = td3_dated("X4B9T3Q7P", "NORDLUND<<LIV", "211227", "651126");
        m.checks.expiry_date = false;
        let mut p = printed();
        p.all_dates = vec![NaiveDate::from_ymd_opt(1921, 12, 27).unwrap()];
        assert_eq!(value_and_acceptance(&with_mrz(&m, &p, &passport()).birth_date), Some(("1921-12-27", false)));
    }

    #[test]
    fn class3_a_code_that_is_not_alpha_3_as_it_stands_is_not_accepted() {
        let mut m = td3("X4B9T3Q7P", "NORDLUND<<LIV");
        m.nationality = "SI".into();
        m.issuing_state = "SI".into();
        assert_eq!(value_and_acceptance(&with_mrz(&m, &printed(), &passport()).nationality), Some(("SI", false)));
    }

    #[test]
    fn class4_the_card_number_is_not_the_identity_number_of_a_card_that_prints_a_personal_number() {
        let card = DocumentHint { id_type: IdType::GovernmentId, country: "ITA".into() };
        let mut m = td3("CA52345XT", "ROSSI<<MARIO");
        m.issuing_state = "ITA".into();
        let f = with_mrz(&m, &printed(), &card);
        assert!(f.document_number.as_ref().unwrap().accepted);
        assert_eq!(
            value_and_acceptance(&f.identity_number),
            Some(("CA52345XT", false)),
            "the codice fiscale was not read"
        );
        let mut p = printed();
        p.personal_number = Some(Read { value: "RSSMRA85T10A562S".into(), confidence: 0.99, how: How::SelfChecking });
        let f = with_mrz(&m, &p, &card);
        assert_eq!(value_and_acceptance(&f.identity_number), Some(("RSSMRA85T10A562S", true)));
        // Without an MRZ either.
        let mut p = printed();
        p.document_number = Some(Read { value: "CA52345XT".into(), confidence: 0.99, how: How::SelfChecking });
        assert_eq!(value_and_acceptance(&printed_only(&p, &card).identity_number), Some(("CA52345XT", false)));
    }

    #[test]
    fn class5_a_north_american_front_confirms_no_name_without_its_barcode() {
        let licence = DocumentHint { id_type: IdType::DriversLicense, country: "USA".into() };
        let mut p = printed();
        p.surname = read("SAMPLE");
        p.given_names = read("JANE");
        p.signature_lines = vec!["Jane Sample".into()];
        let f = printed_only(&p, &licence);
        assert_eq!(value_and_acceptance(&f.last_name), Some(("SAMPLE", false)));
        assert_eq!(value_and_acceptance(&f.first_name), Some(("JANE", false)));
    }
}
