//! The Step 1 multipart form, parsed strictly into a [`Step1Request`] that can only hold valid input. Images are
//! checked from their headers here (format, completeness, dimensions); their pixels are decoded later, inside the
//! bounded OCR pool.

use bytes::Bytes;

use super::error::{ApiError, ErrorCode};
use crate::imaging;
use crate::kyc::{Country, CustomOptions, Email, IdType, SubmissionId, text};
use crate::submission::{ImageUpload, Step1Request};

/// Largest accepted image, per the reference (2 MB).
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;
/// Largest accepted request body on the local server: two 2 MB images and the text fields fit with room to spare.
/// (Behind API Gateway the invoke payload limit is lower; see README, "Limits".)
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;
pub const MAX_TEXT_CHARS: usize = 256;

const FIELDS: &[&str] = &[
    "email",
    "idType",
    "issuingCountry",
    "idImage",
    "idBackImage",
    "submissionId",
    "userid",
    "cf1",
    "cf2",
    "cf3",
    "customOptions",
];

/// A text field: UTF-8, at most [`MAX_TEXT_CHARS`], with no control, invisible or direction-changing character
/// anywhere (`crate::kyc::text`), a trailing line break included; surrounding spaces are trimmed.
fn text(name: &str, bytes: &[u8]) -> Result<String, ApiError> {
    let s = std::str::from_utf8(bytes)
        .map_err(|_| ApiError::new(ErrorCode::InvalidField, format!("{name} must be UTF-8 text")))?;
    if let Some(c) = text::forbidden_char(s) {
        return Err(ApiError::new(ErrorCode::InvalidField, text::forbidden_message(name, c)));
    }
    let s = s.trim();
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::new(
            ErrorCode::FieldTooLong,
            format!("{name} is longer than {MAX_TEXT_CHARS} characters"),
        ));
    }
    Ok(s.to_owned())
}

fn upload(name: &str, bytes: Bytes) -> Result<ImageUpload, ApiError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            ErrorCode::ImageTooLarge,
            format!("{name} is {} bytes; the limit is {MAX_IMAGE_BYTES} bytes (2 MB)", bytes.len()),
        ));
    }
    if bytes.is_empty() {
        return Err(ApiError::new(ErrorCode::ImageEmpty, format!("{name} is empty")));
    }
    let info = imaging::inspect(&bytes).map_err(|e| ApiError::image(name, e))?;
    Ok(ImageUpload { bytes, kind: info.kind })
}

/// Parse and validate the multipart body. Unknown and repeated fields are errors that name the field, so a typo
/// such as `dImage` is caught instead of silently ignored.
pub async fn parse(content_type: &str, body: Bytes) -> Result<Step1Request, ApiError> {
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| ApiError::new(ErrorCode::InvalidMultipart, "the multipart/form-data boundary is missing"))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut raw: std::collections::HashMap<&'static str, Bytes> = std::collections::HashMap::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidMultipart,
                    format!("the multipart body is malformed: {e}"),
                ));
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let Some(known) = FIELDS.iter().find(|f| **f == name) else {
            let shown: String = name.chars().take(64).collect();
            return Err(ApiError::new(
                ErrorCode::UnknownField,
                format!("unknown form field {shown:?}; accepted fields: {}", FIELDS.join(", ")),
            ));
        };
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::new(ErrorCode::InvalidMultipart, format!("field {known}: {e}")))?;
        if raw.insert(known, bytes).is_some() {
            return Err(ApiError::new(
                ErrorCode::DuplicateField,
                format!("form field {known:?} was sent more than once"),
            ));
        }
    }
    let required = |name: &'static str| {
        raw.get(name).cloned().ok_or_else(|| ApiError::new(ErrorCode::MissingField, format!("{name} is required")))
    };
    let optional_text = |name: &'static str| -> Result<Option<String>, ApiError> {
        raw.get(name).map(|b| text(name, b)).transpose().map(|o| o.filter(|s| !s.is_empty()))
    };

    let email =
        Email::parse(&text("email", &required("email")?)?).map_err(|e| ApiError::new(ErrorCode::InvalidEmail, e))?;
    let id_type: IdType = text("idType", &required("idType")?)?
        .parse()
        .map_err(|e: String| ApiError::new(ErrorCode::InvalidIdType, e))?;
    let issuing_country = Country::parse(&text("issuingCountry", &required("issuingCountry")?)?)
        .map_err(|e| ApiError::new(ErrorCode::InvalidCountry, format!("issuingCountry: {e}")))?;
    let front = upload("idImage", required("idImage")?)?;
    let back =
        raw.get("idBackImage").cloned().filter(|b| !b.is_empty()).map(|b| upload("idBackImage", b)).transpose()?;
    let submission_id = optional_text("submissionId")?
        .map(|id| SubmissionId::parse(&id))
        .transpose()
        .map_err(|_| ApiError::new(ErrorCode::SubmissionNotFound, "no such submissionId"))?;
    let custom_options = match optional_text("customOptions")? {
        Some(json) => CustomOptions::parse(&json).map_err(|e| ApiError::new(ErrorCode::InvalidCustomOptions, e))?,
        None => CustomOptions::default(),
    };
    Ok(Step1Request {
        email,
        id_type,
        issuing_country,
        front,
        back,
        submission_id,
        // One user id per spelling: compatibility forms (full-width, ligatures) folded before any duplicate rule.
        user_id: optional_text("userid")?.map(|u| text::nfkc(&u)),
        custom_fields: [optional_text("cf1")?, optional_text("cf2")?, optional_text("cf3")?],
        custom_options,
    })
}
