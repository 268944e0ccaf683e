//! The API's error codes and the one place that turns errors (of this layer and of the Step 1 service) into HTTP
//! responses. Client errors carry a stable `errorCode` and a message a client developer can act on; server errors
//! are opaque to the client (the cause goes to the log with the request id, and causes never hold holder data).

use bytes::Bytes;
use http::{Response, StatusCode};
use serde::Serialize;

use crate::imaging::ImageError;
use crate::submission::SubmissionError;

macro_rules! error_codes {
    ($($variant:ident = $code:literal, $status:ident;)*) => {
        /// Every `errorCode` the API answers with; `openapi.yaml` lists exactly these (checked by a test).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode { $($variant),* }

        impl ErrorCode {
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code),* }
            }

            pub fn status(self) -> StatusCode {
                match self { $(ErrorCode::$variant => StatusCode::$status),* }
            }
        }
    };
}

error_codes! {
    InvalidMultipart = "invalid_multipart", BAD_REQUEST;
    UnknownField = "unknown_field", BAD_REQUEST;
    DuplicateField = "duplicate_field", BAD_REQUEST;
    MissingField = "missing_field", BAD_REQUEST;
    InvalidField = "invalid_field", BAD_REQUEST;
    FieldTooLong = "field_too_long", BAD_REQUEST;
    InvalidEmail = "invalid_email", BAD_REQUEST;
    InvalidIdType = "invalid_id_type", BAD_REQUEST;
    InvalidCountry = "invalid_country", BAD_REQUEST;
    InvalidCustomOptions = "invalid_custom_options", BAD_REQUEST;
    BackImageRequired = "back_image_required", BAD_REQUEST;
    ImageEmpty = "image_empty", BAD_REQUEST;
    ImageNotAnImage = "image_not_an_image", BAD_REQUEST;
    ImageUnsupportedFormat = "image_unsupported_format", BAD_REQUEST;
    ImageTooSmall = "image_too_small", BAD_REQUEST;
    ImageDimensionsTooLarge = "image_dimensions_too_large", BAD_REQUEST;
    ImageCorrupt = "image_corrupt", BAD_REQUEST;
    InvalidDecision = "invalid_decision", BAD_REQUEST;
    Unauthorized = "unauthorized", UNAUTHORIZED;
    SubmissionNotFound = "submission_not_found", NOT_FOUND;
    NotFound = "not_found", NOT_FOUND;
    MethodNotAllowed = "method_not_allowed", METHOD_NOT_ALLOWED;
    RequestTimeout = "request_timeout", REQUEST_TIMEOUT;
    SubmissionEmailMismatch = "submission_email_mismatch", CONFLICT;
    SubmissionNotRetryable = "submission_not_retryable", CONFLICT;
    SubmissionNotDecidable = "submission_not_decidable", CONFLICT;
    ConcurrentRetry = "concurrent_retry", CONFLICT;
    ConcurrentUpdate = "concurrent_update", CONFLICT;
    ImageTooLarge = "image_too_large", PAYLOAD_TOO_LARGE;
    PayloadTooLarge = "payload_too_large", PAYLOAD_TOO_LARGE;
    UnsupportedMediaType = "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE;
    InternalError = "internal_error", INTERNAL_SERVER_ERROR;
    ServerBusy = "server_busy", SERVICE_UNAVAILABLE;
}

/// Seconds a client should wait before retrying after `server_busy`.
pub const BUSY_RETRY_AFTER_SECONDS: u32 = 2;

/// An error on its way to the client.
#[derive(Debug)]
pub enum ApiError {
    Client {
        code: ErrorCode,
        msg: String,
    },
    /// Opaque to the client; `cause` is logged with the request id.
    Internal {
        cause: String,
    },
}

impl ApiError {
    pub fn new(code: ErrorCode, msg: impl Into<String>) -> Self {
        ApiError::Client { code, msg: msg.into() }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        ApiError::Internal { cause: cause.to_string() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Client { code, .. } => *code,
            ApiError::Internal { .. } => ErrorCode::InternalError,
        }
    }

    /// The image rules as client errors, naming the form field.
    pub fn image(field: &str, e: ImageError) -> Self {
        let code = match e {
            ImageError::NotAnImage => ErrorCode::ImageNotAnImage,
            ImageError::Unsupported(_) => ErrorCode::ImageUnsupportedFormat,
            ImageError::TooSmall { .. } => ErrorCode::ImageTooSmall,
            ImageError::TooLarge { .. } | ImageError::TooManyPixels { .. } | ImageError::OverDecodeBudget { .. } => {
                ErrorCode::ImageDimensionsTooLarge
            }
            ImageError::Corrupt => ErrorCode::ImageCorrupt,
        };
        Self::new(code, format!("{field}: {e}"))
    }

    pub fn into_response(self, request_id: &str) -> Response<Bytes> {
        let (code, msg) = match self {
            ApiError::Client { code, msg } => (code, msg),
            ApiError::Internal { cause } => {
                tracing::error!(request_id, %cause, "internal error");
                (
                    ErrorCode::InternalError,
                    "The request could not be completed and nothing of it was kept; retry later, quoting the requestId if it persists."
                        .to_owned(),
                )
            }
        };
        let body = ErrorBody { error_code: code.code(), error_msg: &msg, request_id };
        let mut resp = json_response(code.status(), &body);
        if code == ErrorCode::ServerBusy {
            resp.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from(BUSY_RETRY_AFTER_SECONDS));
        }
        resp
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody<'a> {
    error_code: &'static str,
    error_msg: &'a str,
    request_id: &'a str,
}

pub fn json_response(status: StatusCode, body: &impl Serialize) -> Response<Bytes> {
    let bytes = match serde_json::to_vec(body) {
        Ok(b) => b,
        Err(_) => br#"{"errorCode":"internal_error","errorMsg":"response serialisation failed"}"#.to_vec(),
    };
    let mut resp = Response::new(Bytes::from(bytes));
    *resp.status_mut() = status;
    resp.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    resp
}

/// The service's errors as the client sees them.
impl From<SubmissionError> for ApiError {
    fn from(e: SubmissionError) -> Self {
        use ErrorCode::*;
        match e {
            SubmissionError::BackImageRequired { id_type, country } => ApiError::new(
                BackImageRequired,
                format!("idBackImage is required for idType {id_type} from {country} (see GET /id-types)"),
            ),
            SubmissionError::Image { field, error } => ApiError::image(field, error),
            SubmissionError::NotFound => {
                ApiError::new(SubmissionNotFound, "submissionId does not exist or has expired (4 hours)")
            }
            SubmissionError::EmailMismatch => {
                ApiError::new(SubmissionEmailMismatch, "submissionId belongs to a different email")
            }
            SubmissionError::NotRetryable(s) => ApiError::new(
                SubmissionNotRetryable,
                format!("the submission is {s}; only incomplete submissions can be retried"),
            ),
            SubmissionError::NotDecidable(s) => ApiError::new(
                SubmissionNotDecidable,
                format!("the submission is {s}; only pending submissions can be decided"),
            ),
            SubmissionError::ConcurrentRetry => ApiError::new(
                ConcurrentRetry,
                "another retry of this submission was processed at the same time and stored first; read it with GET /submission/{id}",
            ),
            SubmissionError::ConcurrentDecision => ApiError::new(
                ConcurrentUpdate,
                "another decision on this submission was stored first; read it with GET /submission/{id}",
            ),
            SubmissionError::Busy => ApiError::new(
                ServerBusy,
                format!(
                    "the service is reading as many documents as it can; retry in {BUSY_RETRY_AFTER_SECONDS} seconds"
                ),
            ),
            e @ (SubmissionError::Storage(_) | SubmissionError::Ocr(_) | SubmissionError::Crashed) => {
                ApiError::internal(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_client_codes_are_4xx() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.code()), "{} twice", c.code());
            let s = c.status().as_u16();
            match c {
                ErrorCode::InternalError => assert_eq!(s, 500),
                ErrorCode::ServerBusy => assert_eq!(s, 503),
                _ => assert!((400..500).contains(&s), "{}", c.code()),
            }
        }
    }

    #[test]
    fn a_busy_answer_says_when_to_retry() {
        let resp = ApiError::from(SubmissionError::Busy).into_response("r");
        assert_eq!(resp.status(), 503);
        assert_eq!(resp.headers()[http::header::RETRY_AFTER], "2");
    }

    #[test]
    fn an_internal_error_does_not_show_its_cause() {
        let resp = ApiError::internal("disk /var/secret full").into_response("r");
        assert_eq!(resp.status(), 500);
        assert!(!String::from_utf8_lossy(resp.body()).contains("secret"));
    }
}
