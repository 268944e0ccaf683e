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
    // The image alone is stored: bytes after its end marker are no part of it.
    Ok(ImageUpload { bytes: bytes.slice(..info.len), kind: info.kind })
}

/// The body's framing, read from its bytes as any reader must read it: every part has exactly one
/// Content-Disposition header, and nothing but whitespace follows the closing delimiter (`--boundary--`; RFC 2046
/// lets an epilogue follow it, which parsers ignore and a proxy or WAF in front may not). A body without a closing
/// delimiter is left to the parser, which refuses it.
fn check_framing(body: &[u8], boundary: &str) -> Result<(), &'static str> {
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut starts = vec![];
    let mut i = 0;
    while let Some(k) = body[i..].windows(d.len()).position(|w| w == d) {
        let at = i + k;
        if at == 0 || body[..at].ends_with(b"\r\n") {
            starts.push(at + d.len());
        }
        i = at + d.len();
    }
    for &start in &starts {
        let rest = &body[start..];
        if let Some(after) = rest.strip_prefix(b"--") {
            return if after.iter().all(u8::is_ascii_whitespace) {
                Ok(())
            } else {
                Err("the multipart body continues after its closing boundary; nothing may follow it")
            };
        }
        let head_end = rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(rest.len());
        let dispositions = rest[..head_end]
            .split(|&b| b == b'\n')
            .filter(|line| line.len() >= 20 && line[..20].eq_ignore_ascii_case(b"content-disposition:"))
            .count();
        if dispositions > 1 {
            return Err("a part has more than one Content-Disposition header");
        }
    }
    Ok(())
}

/// The `name` parameter of a `form-data` Content-Disposition value, with the disposition type and parameter names
/// compared case-insensitively and the value unquoted (a backslash escapes the next character in a quoted string).
fn form_data_name(value: &str) -> Option<String> {
    let mut params = split_params(value).into_iter();
    if !params.next()?.trim().eq_ignore_ascii_case("form-data") {
        return None;
    }
    let mut names = params.filter_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("name").then(|| unquote(v.trim()))
    });
    let name = names.next()?;
    // Two name parameters are two readings of one part.
    names.next().is_none().then_some(name)
}

/// `value` split at the semicolons outside quoted strings.
fn split_params(value: &str) -> Vec<&str> {
    let (mut out, mut start, mut quoted, mut escaped) = (vec![], 0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&value[start..]);
    out
}

fn unquote(v: &str) -> String {
    match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => {
            let mut out = String::with_capacity(inner.len());
            let mut chars = inner.chars();
            while let Some(c) = chars.next() {
                out.push(if c == '\\' { chars.next().unwrap_or('\\') } else { c });
            }
            out
        }
        None => v.to_owned(),
    }
}

/// Parse and validate the multipart body. Unknown and repeated fields are errors that name the field, so a typo
/// such as `dImage` is caught instead of silently ignored.
pub async fn parse(content_type: &str, body: Bytes) -> Result<Step1Request, ApiError> {
    let boundary = multer::parse_boundary(content_type)
        .map_err(|_| ApiError::new(ErrorCode::InvalidMultipart, "the multipart/form-data boundary is missing"))?;
    check_framing(&body, &boundary).map_err(|e| ApiError::new(ErrorCode::InvalidMultipart, e))?;
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
        // The name as a proxy in front would read it: parameter names in any case (RFC 7578 section 4.2, RFC 2045
        // section 5.1); one Content-Disposition per part is checked on the raw bytes (`check_framing`).
        let disposition = field.headers().get(http::header::CONTENT_DISPOSITION).ok_or_else(|| {
            ApiError::new(ErrorCode::InvalidMultipart, "every part needs a Content-Disposition header")
        })?;
        let name = disposition.to_str().ok().and_then(form_data_name).ok_or_else(|| {
            ApiError::new(ErrorCode::InvalidMultipart, "a part's Content-Disposition is not form-data with a name")
        })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_name_is_read_in_any_case_and_quoting() {
        assert_eq!(form_data_name(r#"form-data; name="email""#).as_deref(), Some("email"));
        assert_eq!(form_data_name(r#"Form-Data; NAME="email""#).as_deref(), Some("email"));
        assert_eq!(form_data_name(r#"form-data; name=email; filename="a;b.jpg""#).as_deref(), Some("email"));
        assert_eq!(form_data_name(r#"form-data; filename="x; name=idImage"; name="cf1""#).as_deref(), Some("cf1"));
        assert_eq!(form_data_name(r#"form-data; name="a\"b""#).as_deref(), Some("a\"b"));
    }

    #[test]
    fn a_part_that_two_readers_could_name_differently_has_no_name() {
        assert_eq!(form_data_name(r#"form-data; name="email"; name="cf1""#), None);
        assert_eq!(form_data_name(r#"attachment; name="email""#), None);
        assert_eq!(form_data_name("form-data"), None);
    }

    #[test]
    fn nothing_follows_the_closing_boundary_and_no_part_has_two_dispositions() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n";
        assert_eq!(check_framing(body, "XyZ"), Ok(()));
        let mut smuggled = body.to_vec();
        smuggled.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n");
        assert!(check_framing(&smuggled, "XyZ").is_err());
        let two = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\ncontent-disposition: form-data; name=\"b\"\r\n\r\n1\r\n--XyZ--\r\n";
        assert!(check_framing(two, "XyZ").is_err());
        // A value that merely holds the words is no header.
        let value = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nContent-Disposition: x\r\n--XyZ--\r\n";
        assert_eq!(check_framing(value, "XyZ"), Ok(()));
    }
}
