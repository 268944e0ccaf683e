//! The Lambda adapter: API Gateway REST (v1) and HTTP API (v2) events, already decoded by `lambda_http` (base64
//! bodies included), through the same handler as the local server.

use std::sync::Arc;

use lambda_http::{Body, Request, Response};

use super::AppState;

pub async fn handle(state: Arc<AppState>, req: Request) -> Response<Body> {
    let (parts, body) = req.into_parts();
    let bytes = match body {
        Body::Text(t) => bytes::Bytes::from(t),
        Body::Binary(b) => bytes::Bytes::from(b),
        _ => bytes::Bytes::new(),
    };
    let resp = super::handle(state, http::Request::from_parts(parts, bytes)).await;
    // Responses are JSON or YAML text.
    resp.map(|b| Body::Text(String::from_utf8_lossy(&b).into_owned()))
}
