//! The printed zone (the visual inspection zone), read by meaning rather than by template: every line is checked for
//! a field number ([`lexicon::field_number`]) and for labels in any of the EU/EEA languages
//! ([`lexicon::leading_labels`]); a label's value is the rest of its line, the text to its right on the same row, or
//! the line below it. What no label claims is read by position as a last resort (earliest date = birth, ...).
//!
//! Nothing here decides acceptance: each value carries how it was found ([`How`]) and its weakest character
//! confidence, and `extract::acceptance` decides what is confirmed.

pub mod dates;
mod fields;
pub mod jurisdiction;
mod labels;
mod layout;
pub mod lexicon;
pub mod names;
pub mod numbers;

use chrono::NaiveDate;

use crate::extract::catalogue::LicenceNumbering;
use crate::kyc::IdType;
use crate::ocr::OcrLine;
use labels::{Segment, segment};
use layout::{labelled_value, page_tilt};
use lexicon::{Kind, Numbering};
use names::looks_like_name;

/// How a printed value was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// A label (in some language) named it.
    Labelled,
    /// A licence field number named it.
    Numbered,
    /// Its own format checked it (an Aadhaar, a Spanish DNI, a Korean resident number).
    SelfChecking,
    /// Only its position suggests it.
    Positional,
}

/// A value read from the printed zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Read<T> {
    pub value: T,
    /// The weakest character confidence of the line it came from.
    pub confidence: f32,
    pub how: How,
}

impl<T> Read<T> {
    fn new(value: T, confidence: f32, how: How) -> Self {
        Self { value, confidence, how }
    }

    pub fn labelled(&self) -> bool {
        matches!(self.how, How::Labelled | How::Numbered | How::SelfChecking)
    }
}

/// Everything read from the printed zone of one side.
#[derive(Clone, Debug, Default)]
pub struct Printed {
    pub birth_date: Option<Read<NaiveDate>>,
    pub issue_date: Option<Read<NaiveDate>>,
    pub expiry_date: Option<Read<NaiveDate>>,
    /// A visa's "valid from", kept apart from the issue date.
    pub valid_from: Option<Read<NaiveDate>>,
    pub surname: Option<Read<String>>,
    pub given_names: Option<Read<String>>,
    pub sex: Option<Read<char>>,
    /// ISO 3166-1 alpha-3 (or an ICAO code).
    pub nationality: Option<Read<String>>,
    pub document_number: Option<Read<String>>,
    pub personal_number: Option<Read<String>>,
    /// Every line that could be a printed name (for matching the MRZ's names with their accented printed forms).
    pub name_lines: Vec<(String, f32)>,
    /// Lines in mixed case: signatures and their captions, a second printing of the name.
    pub signature_lines: Vec<String>,
    /// Every date on the side, for cross-checks.
    pub all_dates: Vec<NaiveDate>,
    /// Every number-like token on the side (separators removed), vertical ones included, once per line it is on:
    /// second readings of the document number.
    pub all_numbers: Vec<String>,
    /// Surname and given names were cut from one line by a guess (the last word taken for the surname, or where the
    /// signature splits a run-together name): a signature spelling the line confirms no cut point (R10).
    pub names_split_by_guess: bool,
}

/// Read the printed zone of one side.
pub fn read(lines: &[OcrLine], id_type: IdType, country: &str, today: NaiveDate) -> Printed {
    read_knowing(lines, id_type, country, today, &[])
}

/// [`read`], knowing dates another source confirms (the MRZ's): they settle the order of day and month.
pub fn read_knowing(
    lines: &[OcrLine],
    id_type: IdType,
    country: &str,
    today: NaiveDate,
    known: &[NaiveDate],
) -> Printed {
    let north_american = matches!(country, "USA" | "CAN");
    let numbering = match id_type {
        IdType::DriversLicense => match crate::extract::catalogue::entry(country).licence_numbering {
            Some(LicenceNumbering::None) => None,
            Some(LicenceNumbering::Aamva) => Some(Numbering::Aamva),
            Some(LicenceNumbering::Iso18013) => Some(Numbering::Iso18013),
            None => Some(Numbering::for_country(country)),
        },
        IdType::GovernmentId if north_american => Some(Numbering::Aamva),
        _ => None,
    };
    let turned = layout::upright(lines);
    let lines = turned.as_deref().unwrap_or(lines);
    let tilt = page_tilt(lines);
    let mut segs: Vec<Segment> = lines.iter().map(|l| segment(l, numbering, tilt)).collect();
    if numbering == Some(Numbering::Iso18013) {
        labels::field_five_in_the_number_column(&mut segs);
    }
    let mut out = Printed::default();
    // Segments whose text is some label's value (so not free text for positional reading).
    let mut claimed = vec![false; segs.len()];
    let mut value_kind: Vec<Option<Kind>> = vec![None; segs.len()];
    for i in 0..segs.len() {
        if segs[i].labelled()
            && let Some((_, j)) = labelled_value(&segs, i)
            && j != i
        {
            claimed[j] = true;
            value_kind[j] = segs[i].kinds.first().copied();
        }
    }

    // A development aid that prints document text: compiled into debug builds only, never the shipped binary.
    #[cfg(debug_assertions)]
    if std::env::var_os("KYC_DEBUG_PRINTED").is_some() {
        for (i, s) in segs.iter().enumerate() {
            eprintln!(
                "{i:2} {:?} kinds={:?} how={:?} rest={:?} claimed={} value_kind={:?} value_of={:?}",
                s.text,
                s.kinds,
                s.how,
                s.rest,
                claimed[i],
                value_kind[i],
                if s.labelled() { labelled_value(&segs, i).map(|x| x.1) } else { None }
            );
        }
    }
    fields::dates::read_dates(&segs, &value_kind, id_type, country, today, known, &mut out);
    let name_sources = std::cell::RefCell::new(Vec::new());
    fields::names::read_names(&segs, &claimed, id_type, country, today, &mut out, &name_sources);
    let name_sources = name_sources.into_inner();
    fields::sex::read_sex(&segs, &mut out);
    fields::nationality::read_nationality(&segs, &mut out);
    fields::numbers::read_numbers(&segs, &claimed, &value_kind, id_type, country, today, &mut out);
    if country == "USA"
        && let Some(code) = fields::numbers::issuing_jurisdiction(&segs)
    {
        fields::numbers::fit_to_jurisdiction(&segs, &claimed, &value_kind, code, today, &mut out);
    }
    if country == "GBR"
        && id_type == IdType::DriversLicense
        && let Some(read) = &mut out.document_number
        && let Some(fixed) = jurisdiction::in_shape("GBR", &read.value)
    {
        read.value = fixed;
    }

    for s in &segs {
        let t = s.text.trim_end_matches(',');
        if looks_like_name(t) && !s.bare_label() && !lexicon::has_header_words(t, false) {
            out.name_lines.push((t.to_owned(), s.confidence));
        }
        // A second printing of the name is another line than the one the name was read from.
        let source = name_sources.iter().any(|&p| std::ptr::eq(p, s));
        if !source
            && t.chars().any(char::is_lowercase)
            && t.chars().any(char::is_uppercase)
            && !t.chars().any(|c| c.is_ascii_digit())
        {
            out.signature_lines.push(t.to_owned());
        }
    }
    // A surname run into the first given name, its comma and space lost: the signature says where to split it.
    if let Some(sur) = &out.surname
        && out.given_names.as_ref().is_none_or(|g| g.how == How::Positional)
        && let Some((surname, given)) = names::split_run_together(&sur.value, &out.signature_lines)
    {
        let (confidence, how) = (sur.confidence, sur.how);
        out.surname = Some(Read::new(surname, confidence, how));
        out.given_names = Some(Read::new(given, confidence, how));
        out.names_split_by_guess = true;
    }
    if let Some(rrn) = &out.personal_number
        && let Some((birth, sex, _)) = numbers::korean_rrn(&rrn.value)
    {
        // The resident number encodes birth date and sex: a second reading of both.
        let conf = rrn.confidence;
        if out.birth_date.is_none() {
            out.birth_date = Some(Read::new(birth, conf, How::SelfChecking));
        }
        if out.sex.is_none() {
            out.sex = Some(Read::new(sex, conf, How::SelfChecking));
        }
    }
    out
}

#[cfg(test)]
mod tests;
