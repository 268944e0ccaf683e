//! The API's one error type and the one place that turns errors into HTTP responses.

use bytes::Bytes;
use http::{Response, StatusCode};
use serde_json::json;

use crate::imaging::ImageError;

/// Every client error has a stable `errorCode`; server errors are opaque (the cause goes to the log only).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{msg}")]
    Client { status: StatusCode, code: &'static str, msg: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn client(status: StatusCode, code: &'static str, msg: impl Into<String>) -> Self {
        ApiError::Client { status, code, msg: msg.into() }
    }
    pub fn bad_request(code: &'static str, msg: impl Into<String>) -> Self {
        Self::client(StatusCode::BAD_REQUEST, code, msg)
    }

    /// The image rules as client errors, naming the form field.
    pub fn image(field: &str, e: ImageError) -> Self {
        let code = match e {
            ImageError::NotAnImage => "image_not_an_image",
            ImageError::Unsupported(_) => "image_unsupported_format",
            ImageError::TooSmall { .. } => "image_too_small",
            ImageError::TooLarge { .. } => "image_dimensions_too_large",
            ImageError::Corrupt => "image_corrupt",
        };
        Self::bad_request(code, format!("{field}: {e}"))
    }

    pub fn into_response(self, request_id: &str) -> Response<Bytes> {
        let (status, body) = match self {
            ApiError::Client { status, code, msg } => {
                (status, json!({ "errorCode": code, "errorMsg": msg, "requestId": request_id }))
            }
            ApiError::Internal(cause) => {
                tracing::error!(request_id, %cause, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({
                        "errorCode": "internal_error",
                        "errorMsg": "The request could not be completed. Nothing was stored; retry later, quoting the requestId if it persists.",
                        "requestId": request_id,
                    }),
                )
            }
        };
        json_response(status, &body)
    }
}

pub fn json_response(status: StatusCode, body: &serde_json::Value) -> Response<Bytes> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Bytes::from(serde_json::to_vec(body).unwrap_or_default()))
        .expect("static response parts are valid")
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> Self {
        ApiError::Internal(e.to_string())
    }
}
