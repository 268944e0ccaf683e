//! Retry codes: why a Step 1 attempt is `incomplete` and what the user should do. Names follow the vendor the API
//! reference comes from, so existing client code keeps working.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::mrz::Mrz;
use super::{BLURRY_BELOW, DocumentHint, Fields, ImageQuality};
use crate::kyc::IdType;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryCode {
    RecognitionFail,
    ImageTooBlurry,
    MrzProtocolFail,
    DocumentExpired,
    MissingName,
    MissingBirthDate,
    MissingExpiryDate,
    MissingIssueDate,
    MissingDocumentNumber,
    DocumentCountryMismatch,
    InvalidBackDocument,
    MissingBackImage,
    BarcodeProtocolFail,
    BarcodeMismatch,
}

impl RetryCode {
    pub const ALL: [RetryCode; 14] = [
        RetryCode::RecognitionFail,
        RetryCode::ImageTooBlurry,
        RetryCode::MrzProtocolFail,
        RetryCode::DocumentExpired,
        RetryCode::MissingName,
        RetryCode::MissingBirthDate,
        RetryCode::MissingExpiryDate,
        RetryCode::MissingIssueDate,
        RetryCode::MissingDocumentNumber,
        RetryCode::DocumentCountryMismatch,
        RetryCode::InvalidBackDocument,
        RetryCode::MissingBackImage,
        RetryCode::BarcodeProtocolFail,
        RetryCode::BarcodeMismatch,
    ];

    /// Codes that mean nothing could be read: no values are returned with them.
    pub fn is_unreadable(self) -> bool {
        matches!(self, RetryCode::RecognitionFail | RetryCode::ImageTooBlurry)
    }

    pub fn code(self) -> &'static str {
        match self {
            RetryCode::RecognitionFail => "recognition_fail",
            RetryCode::ImageTooBlurry => "image_too_blurry",
            RetryCode::MrzProtocolFail => "mrz_protocol_fail",
            RetryCode::DocumentExpired => "document_expired",
            RetryCode::MissingName => "missing_name",
            RetryCode::MissingBirthDate => "missing_birth_date",
            RetryCode::MissingExpiryDate => "missing_expiry_date",
            RetryCode::MissingIssueDate => "missing_issue_date",
            RetryCode::MissingDocumentNumber => "missing_document_number",
            RetryCode::DocumentCountryMismatch => "document_country_mismatch",
            RetryCode::InvalidBackDocument => "invalid_back_document",
            RetryCode::MissingBackImage => "missing_back_image",
            RetryCode::BarcodeProtocolFail => "barcode_protocol_fail",
            RetryCode::BarcodeMismatch => "barcode_mismatch",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            RetryCode::RecognitionFail => {
                "No identity document could be read in the image. Photograph the whole document, flat, with a little margin around it."
            }
            RetryCode::ImageTooBlurry => {
                "The image is too blurred to read. Hold the camera steady, focus, and retake the photo."
            }
            RetryCode::MrzProtocolFail => {
                "The machine-readable zone (the lines of <<< at the bottom) could not be read or failed its checks. Retake the photo with the whole zone visible and without glare."
            }
            RetryCode::DocumentExpired => "The document has expired. Submit a valid document.",
            RetryCode::MissingName => {
                "The holder's name could not be read. Retake the photo so the name is sharp and free of glare."
            }
            RetryCode::MissingBirthDate => {
                "The date of birth could not be read. Retake the photo so it is sharp and free of glare."
            }
            RetryCode::MissingExpiryDate => {
                "The expiry date could not be read. Retake the photo so it is sharp and free of glare."
            }
            RetryCode::MissingIssueDate => {
                "The issue date could not be read. Retake the photo so it is sharp and free of glare."
            }
            RetryCode::MissingDocumentNumber => {
                "The document number could not be read. Retake the photo so it is sharp and free of glare."
            }
            RetryCode::DocumentCountryMismatch => {
                "The document was issued by a different country than the issuingCountry submitted. Check the country or the document."
            }
            RetryCode::InvalidBackDocument => {
                "The back image does not show the back of this document. Submit the back of the same document."
            }
            RetryCode::MissingBackImage => "This document carries data on its back: submit idBackImage too.",
            RetryCode::BarcodeProtocolFail => {
                "The barcode on the back could not be read. Photograph the whole back, flat and sharp, with the barcode free of glare."
            }
            RetryCode::BarcodeMismatch => {
                "The barcode on the back does not match the front. Submit the front and the back of the same document."
            }
        }
    }
}

/// Stored by code, so a record stays readable when messages are reworded.
impl Serialize for RetryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for RetryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RetryCode::ALL.into_iter().find(|c| c.code() == s).ok_or_else(|| serde::de::Error::custom("unknown retry code"))
    }
}

/// What the decision looks at.
pub struct Facts<'a> {
    pub hint: &'a DocumentHint,
    pub fields: &'a Fields,
    pub mrz: Option<&'a Mrz>,
    pub front_lines: usize,
    pub back_given: bool,
    pub back_mrz: Option<&'a Mrz>,
    /// False when the back's MRZ names another document than the front prints.
    pub back_matches_front: bool,
    pub missing: &'a [super::document::CarriedField],
    pub quality: ImageQuality,
    pub today: NaiveDate,
    pub any_field: bool,
    pub barcode: BarcodeFacts,
}

/// What the back's barcode said, where the document has one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BarcodeFacts {
    /// No barcode expected, or no back sent.
    #[default]
    None,
    /// A back was sent and no valid AAMVA record could be read from it.
    Unreadable,
    /// The record was read.
    Read {
        /// Its jurisdiction is in the requested issuing country.
        country_matches: bool,
        /// The front and the record name the same holder (or the front read too little to tell).
        front_agrees: bool,
    },
}

/// Document types whose holder page always has an MRZ.
fn expects_mrz(t: IdType) -> bool {
    matches!(t, IdType::Passport)
}

/// Decide the retry codes of one attempt (empty: nothing blocks the submission).
pub fn decide(f: &Facts) -> Vec<RetryCode> {
    let mut out = Vec::new();
    let blurry = f.quality.sharpness > 0.0 && f.quality.sharpness < BLURRY_BELOW;
    let mrz_ok = f.mrz.is_some_and(|m| m.confirmed());
    if blurry && !mrz_ok {
        // What a blurred photo yields is guesswork; only an MRZ whose check digits all pass is trusted through it.
        out.push(RetryCode::ImageTooBlurry);
        return out;
    }
    let barcode_read = matches!(f.barcode, BarcodeFacts::Read { .. });
    let unreadable = (f.front_lines < 3 || !f.any_field) && !barcode_read;
    if unreadable {
        out.push(RetryCode::RecognitionFail);
        return out;
    }
    if (expects_mrz(f.hint.id_type) && !mrz_ok) || f.mrz.is_some_and(|m| !m.confirmed()) {
        out.push(RetryCode::MrzProtocolFail);
    }
    if let Some(m) = f.mrz {
        let state = m.issuing_state.as_str();
        let requested = f.hint.country.as_str();
        // Visas are issued by the visiting country, which is what the request names too.
        if mrz_ok && !state.is_empty() && state != requested && !(state == "D" && requested == "DEU") {
            out.push(RetryCode::DocumentCountryMismatch);
        }
    }
    match f.barcode {
        BarcodeFacts::Unreadable => out.push(RetryCode::BarcodeProtocolFail),
        BarcodeFacts::Read { country_matches, front_agrees } => {
            if !country_matches {
                out.push(RetryCode::DocumentCountryMismatch);
            }
            if !front_agrees {
                out.push(RetryCode::BarcodeMismatch);
            }
        }
        BarcodeFacts::None => {}
    }
    if f.back_given && f.barcode == BarcodeFacts::None {
        let td1_card = matches!(f.hint.id_type, IdType::GovernmentId | IdType::ResidencePermit);
        let back_ok = match f.back_mrz {
            Some(_) => f.back_matches_front,
            None => !td1_card || f.mrz.is_some_and(|m| m.format != super::mrz::MrzFormat::Td1),
        };
        if !back_ok {
            out.push(RetryCode::InvalidBackDocument);
        }
    }
    if let Some(e) = &f.fields.expire_date
        && let Ok(d) = NaiveDate::parse_from_str(&e.value, "%Y-%m-%d")
        && d < f.today
    {
        out.push(RetryCode::DocumentExpired);
    }
    use super::document::CarriedField;
    for (field, code) in [
        (CarriedField::Name, RetryCode::MissingName),
        (CarriedField::BirthDate, RetryCode::MissingBirthDate),
        (CarriedField::ExpireDate, RetryCode::MissingExpiryDate),
        (CarriedField::IssueDate, RetryCode::MissingIssueDate),
        (CarriedField::DocumentNumber, RetryCode::MissingDocumentNumber),
    ] {
        if f.missing.contains(&field) {
            out.push(code);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Field, mrz};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn icao_td3(line2: &str) -> Mrz {
        let lines = vec!["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string(), line2.to_string()];
        mrz::parse(&lines, today()).unwrap()
    }

    fn valid_mrz() -> Mrz {
        // The ICAO specimen with its expiry moved to 2034 (check digits recomputed).
        let cd = |f: &str| char::from(b'0' + mrz::check_digit(f).unwrap());
        let body = format!("L898902C36UTO7408122F340415{}ZE184226B<<<<<1", cd("340415"));
        let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        icao_td3(&format!("{body}{}", mrz::check_digit(&composite).unwrap()))
    }

    fn fields(expiry: &str) -> Fields {
        let f = |v: &str| Some(Field { value: v.into(), accepted: true, evidence: None, rule: None });
        Fields {
            birth_date: f("1974-08-12"),
            issue_date: f("2024-04-16"),
            expire_date: f(expiry),
            last_name: f("ERIKSSON"),
            first_name: f("ANNA MARIA"),
            document_number: f("L898902C3"),
            ..Default::default()
        }
    }

    fn decide_with<'a>(
        hint: &'a DocumentHint,
        fields: &'a Fields,
        mrz: Option<&'a Mrz>,
        tweak: impl FnOnce(&mut Facts<'a>),
    ) -> Vec<&'static str> {
        let mut facts = Facts {
            hint,
            fields,
            mrz,
            front_lines: 20,
            back_given: false,
            back_mrz: None,
            back_matches_front: true,
            missing: &[],
            quality: ImageQuality { sharpness: 500.0 },
            today: today(),
            any_field: true,
            barcode: BarcodeFacts::None,
        };
        tweak(&mut facts);
        decide(&facts).into_iter().map(RetryCode::code).collect()
    }

    fn passport(country: &str) -> DocumentHint {
        DocumentHint { id_type: IdType::Passport, country: country.into() }
    }

    #[test]
    fn a_valid_readable_passport_needs_no_retry() {
        let m = valid_mrz();
        assert!(m.checks.all_pass(), "{:?}", m.checks);
        assert!(decide_with(&passport("UTO"), &fields("2034-04-15"), Some(&m), |_| {}).is_empty());
    }

    #[test]
    fn nothing_read_is_a_recognition_failure_or_blur_when_the_image_is_blurred() {
        let f = Fields::default();
        let h = passport("UTO");
        assert_eq!(
            decide_with(&h, &f, None, |x| {
                x.front_lines = 0;
                x.any_field = false
            }),
            ["recognition_fail"]
        );
        assert_eq!(
            decide_with(&h, &f, None, |x| {
                x.front_lines = 1;
                x.quality.sharpness = 5.0
            }),
            ["image_too_blurry"]
        );
    }

    #[test]
    fn a_passport_without_a_passing_mrz_is_an_mrz_protocol_failure() {
        assert!(decide_with(&passport("UTO"), &fields("2034-04-15"), None, |_| {}).contains(&"mrz_protocol_fail"));
        let broken = icao_td3("L898902C36UTO7408132F1204159ZE184226B<<<<<10");
        assert!(
            decide_with(&passport("UTO"), &fields("2034-04-15"), Some(&broken), |_| {}).contains(&"mrz_protocol_fail")
        );
    }

    #[test]
    fn an_mrz_of_another_state_is_a_country_mismatch() {
        let m = valid_mrz();
        assert!(
            decide_with(&passport("NLD"), &fields("2034-04-15"), Some(&m), |_| {})
                .contains(&"document_country_mismatch")
        );
    }

    #[test]
    fn an_expired_document_is_reported() {
        let m = valid_mrz();
        assert!(decide_with(&passport("UTO"), &fields("2020-01-01"), Some(&m), |_| {}).contains(&"document_expired"));
    }

    #[test]
    fn each_missing_field_has_its_code() {
        let m = valid_mrz();
        let (h, f) = (passport("UTO"), fields("2034-04-15"));
        use crate::extract::document::CarriedField::*;
        let missing = [Name, BirthDate, ExpireDate, IssueDate, DocumentNumber];
        let codes = decide_with(&h, &f, Some(&m), |x| x.missing = &missing);
        for c in [
            "missing_name",
            "missing_birth_date",
            "missing_expiry_date",
            "missing_issue_date",
            "missing_document_number",
        ] {
            assert!(codes.contains(&c), "{c} in {codes:?}");
        }
    }

    #[test]
    fn an_unreadable_barcode_a_foreign_one_and_one_of_another_holder_have_their_codes() {
        let licence = DocumentHint { id_type: IdType::DriversLicense, country: "USA".into() };
        let f = fields("2034-04-15");
        let codes = |b: BarcodeFacts| decide_with(&licence, &f, None, |x| x.barcode = b);
        assert_eq!(codes(BarcodeFacts::Unreadable), ["barcode_protocol_fail"]);
        assert_eq!(
            codes(BarcodeFacts::Read { country_matches: false, front_agrees: true }),
            ["document_country_mismatch"]
        );
        assert_eq!(codes(BarcodeFacts::Read { country_matches: true, front_agrees: false }), ["barcode_mismatch"]);
        assert!(codes(BarcodeFacts::Read { country_matches: true, front_agrees: true }).is_empty());
    }

    #[test]
    fn a_back_image_that_is_not_this_cards_back_is_invalid() {
        let card = DocumentHint { id_type: IdType::GovernmentId, country: "UTO".into() };
        let f = fields("2034-04-15");
        // No MRZ on the back of a TD1 card.
        assert!(decide_with(&card, &f, None, |x| x.back_given = true).contains(&"invalid_back_document"));
        // An MRZ whose number differs from the number printed on the front.
        let other = valid_mrz();
        let codes = decide_with(&card, &f, Some(&other), |x| {
            x.back_given = true;
            x.back_mrz = Some(&other);
            x.back_matches_front = false;
        });
        assert!(codes.contains(&"invalid_back_document"), "{codes:?}");
    }
}
