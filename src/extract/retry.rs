//! Retry codes: why a Step 1 attempt is `incomplete` and what the user should do. Names follow the vendor the API
//! reference comes from, so existing client code keeps working.

use chrono::NaiveDate;
use serde::Serialize;

use super::mrz::Mrz;
use super::{DocumentHint, Fields, ImageQuality, BLURRY_BELOW};
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
}

impl RetryCode {
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
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            RetryCode::RecognitionFail => {
                "No identity document could be read in the image. Photograph the whole document, flat, with a little margin around it."
            }
            RetryCode::ImageTooBlurry => "The image is too blurred to read. Hold the camera steady, focus, and retake the photo.",
            RetryCode::MrzProtocolFail => {
                "The machine-readable zone (the lines of <<< at the bottom) could not be read or failed its checks. Retake the photo with the whole zone visible and without glare."
            }
            RetryCode::DocumentExpired => "The document has expired. Submit a valid document.",
            RetryCode::MissingName => "The holder's name could not be read. Retake the photo so the name is sharp and free of glare.",
            RetryCode::MissingBirthDate => "The date of birth could not be read. Retake the photo so it is sharp and free of glare.",
            RetryCode::MissingExpiryDate => "The expiry date could not be read. Retake the photo so it is sharp and free of glare.",
            RetryCode::MissingIssueDate => "The issue date could not be read. Retake the photo so it is sharp and free of glare.",
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
        }
    }
}

impl Serialize for RetryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Retry", 2)?;
        st.serialize_field("retryCode", self.code())?;
        st.serialize_field("retryMsg", self.message())?;
        st.end()
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
    pub front_document_number: Option<&'a str>,
    pub missing: &'a [&'static str],
    pub quality: ImageQuality,
    pub today: NaiveDate,
    pub any_field: bool,
}

/// Document types whose holder page always has an MRZ.
fn expects_mrz(t: IdType) -> bool {
    matches!(t, IdType::Passport)
}

/// Decide the retry codes of one attempt (empty: nothing blocks the submission).
pub fn decide(f: &Facts) -> Vec<RetryCode> {
    let mut out = Vec::new();
    let blurry = f.quality.sharpness > 0.0 && f.quality.sharpness < BLURRY_BELOW;
    let unreadable = f.front_lines < 3 || !f.any_field;
    if unreadable {
        out.push(if blurry { RetryCode::ImageTooBlurry } else { RetryCode::RecognitionFail });
        return out;
    }
    let mrz_ok = f.mrz.is_some_and(|m| m.checks.all_pass());
    if blurry && !mrz_ok && f.mrz.is_some() {
        // A blurred MRZ that fails its checks would only give confident misreads.
        out.push(RetryCode::ImageTooBlurry);
        return out;
    }
    if (expects_mrz(f.hint.id_type) && !mrz_ok) || f.mrz.is_some_and(|m| !m.checks.all_pass()) {
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
    if f.back_given {
        let td1_card = matches!(f.hint.id_type, IdType::GovernmentId | IdType::ResidencePermit);
        let back_ok = match f.back_mrz {
            Some(b) => f
                .front_document_number
                .is_none_or(|n| !b.checks.document_number || n.replace(' ', "") == b.document_number || !n.chars().any(|c| c.is_ascii_digit())),
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
    for (field, code) in [
        ("name", RetryCode::MissingName),
        ("birthDate", RetryCode::MissingBirthDate),
        ("expireDate", RetryCode::MissingExpiryDate),
        ("issueDate", RetryCode::MissingIssueDate),
        ("documentNumber", RetryCode::MissingDocumentNumber),
    ] {
        if f.missing.contains(&field) {
            out.push(code);
        }
    }
    out
}
