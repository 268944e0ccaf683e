//! The Step 1 multipart form, parsed strictly into a type that can only hold valid input.

use bytes::Bytes;
use email_address::EmailAddress;
use http::StatusCode;

use super::error::ApiError;
use crate::imaging::{self, DecodedImage};
use crate::kyc::decision::CustomOptions;
use crate::kyc::{Country, IdType};

/// Largest accepted image, per the reference (2 MB).
pub const MAX_IMAGE_BYTES: usize = 2 * 1024 * 1024;
/// Largest accepted request body (API Gateway's payload limit is 10 MB; two 2 MB images and fields fit in 6 MB).
pub const MAX_BODY_BYTES: usize = 6 * 1024 * 1024;
pub const MAX_TEXT_CHARS: usize = 256;

/// An uploaded image: its bytes as sent (stored unchanged) and the decoded pixels.
pub struct Upload {
    pub bytes: Bytes,
    pub image: DecodedImage,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Upload({} bytes, {:?})", self.bytes.len(), self.image.kind)
    }
}

/// A valid Step 1 request.
#[derive(Debug)]
pub struct Step1Form {
    pub email: String,
    pub id_type: IdType,
    pub issuing_country: Country,
    pub id_image: Upload,
    pub id_back_image: Option<Upload>,
    pub submission_id: Option<String>,
    pub user_id: Option<String>,
    pub custom_fields: [Option<String>; 3],
    pub custom_options: CustomOptions,
}

const FIELDS: &[&str] = &[
    "email", "idType", "issuingCountry", "idImage", "idBackImage", "submissionId", "userid", "cf1", "cf2", "cf3",
    "customOptions",
];

fn text(name: &str, bytes: &[u8]) -> Result<String, ApiError> {
    let s = std::str::from_utf8(bytes).map_err(|_| ApiError::bad_request("invalid_field", format!("{name} must be UTF-8 text")))?;
    let s = s.trim();
    if s.chars().count() > MAX_TEXT_CHARS {
        return Err(ApiError::bad_request("field_too_long", format!("{name} is longer than {MAX_TEXT_CHARS} characters")));
    }
    Ok(s.to_owned())
}

fn upload(name: &str, bytes: Bytes) -> Result<Upload, ApiError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ApiError::client(
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
            format!("{name} is {} bytes; the limit is {MAX_IMAGE_BYTES} bytes (2 MB)", bytes.len()),
        ));
    }
    if bytes.is_empty() {
        return Err(ApiError::bad_request("image_empty", format!("{name} is empty")));
    }
    let image = imaging::decode(&bytes).map_err(|e| ApiError::image(name, e))?;
    Ok(Upload { bytes, image })
}

/// Parse and validate the multipart body. Unknown and repeated fields are errors that name the field, so a typo
/// such as `dImage` is caught instead of silently ignored.
pub async fn parse(content_type: &str, body: Bytes) -> Result<Step1Form, ApiError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::client(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!("the request body is larger than {MAX_BODY_BYTES} bytes"),
        ));
    }
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| ApiError::bad_request("invalid_multipart", "the multipart/form-data boundary is missing"))?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut raw: std::collections::HashMap<&'static str, Bytes> = std::collections::HashMap::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(ApiError::bad_request("invalid_multipart", format!("the multipart body is malformed: {e}"))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let Some(known) = FIELDS.iter().find(|f| **f == name) else {
            return Err(ApiError::bad_request(
                "unknown_field",
                format!("unknown form field {name:?}; accepted fields: {}", FIELDS.join(", ")),
            ));
        };
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request("invalid_multipart", format!("field {name}: {e}")))?;
        if raw.insert(known, bytes).is_some() {
            return Err(ApiError::bad_request("duplicate_field", format!("form field {name:?} was sent more than once")));
        }
    }
    let required = |name: &'static str| {
        raw.get(name).cloned().ok_or_else(|| ApiError::bad_request("missing_field", format!("{name} is required")))
    };
    let optional_text = |name: &'static str| -> Result<Option<String>, ApiError> {
        raw.get(name).map(|b| text(name, b)).transpose().map(|o| o.filter(|s| !s.is_empty()))
    };

    let email = text("email", &required("email")?)?;
    if !EmailAddress::is_valid(&email) {
        return Err(ApiError::bad_request("invalid_email", "email is not a valid email address"));
    }
    let id_type: IdType =
        text("idType", &required("idType")?)?.parse().map_err(|e: String| ApiError::bad_request("invalid_id_type", e))?;
    let issuing_country = Country::parse(&text("issuingCountry", &required("issuingCountry")?)?)
        .map_err(|e| ApiError::bad_request("invalid_country", format!("issuingCountry: {e}")))?;
    let id_image = upload("idImage", required("idImage")?)?;
    let id_back_image = raw.get("idBackImage").cloned().filter(|b| !b.is_empty()).map(|b| upload("idBackImage", b)).transpose()?;
    let submission_id = optional_text("submissionId")?;
    if let Some(id) = &submission_id
        && uuid::Uuid::parse_str(id).is_err()
    {
        return Err(ApiError::client(StatusCode::NOT_FOUND, "submission_not_found", "no such submissionId"));
    }
    let custom_options = match optional_text("customOptions")? {
        Some(json) => CustomOptions::parse(&json).map_err(|e| ApiError::bad_request("invalid_custom_options", e))?,
        None => CustomOptions::default(),
    };
    Ok(Step1Form {
        email: email.to_lowercase(),
        id_type,
        issuing_country,
        id_image,
        id_back_image,
        submission_id,
        user_id: optional_text("userid")?,
        custom_fields: [optional_text("cf1")?, optional_text("cf2")?, optional_text("cf3")?],
        custom_options,
    })
}
