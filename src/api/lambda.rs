//! The Lambda adapter: API Gateway REST (v1) and HTTP API (v2) events, already decoded by `lambda_http` (base64
//! bodies included), through the same handler as the local server.

use std::sync::Arc;

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};

use super::{AppState, Caller};

/// The caller API Gateway established: the id of the usage-plan key it checked, when a project trusts that id.
fn caller(state: &AppState, req: &Request) -> Caller {
    let key_id = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(ctx)) => ctx.identity.api_key_id.clone(),
        _ => None,
    };
    match key_id {
        Some(id) if state.projects.iter().any(|p| p.gateway_key_ids.contains(&id)) => Caller::GatewayKey(id),
        _ => Caller::Unverified,
    }
}

pub async fn handle(state: Arc<AppState>, req: Request) -> Response<Body> {
    let caller = caller(&state, &req);
    let (parts, body) = req.into_parts();
    let bytes = match body {
        Body::Text(t) => bytes::Bytes::from(t),
        Body::Binary(b) => bytes::Bytes::from(b),
        _ => bytes::Bytes::new(),
    };
    let resp = super::handle(state, http::Request::from_parts(parts, bytes), caller).await;
    // Responses are JSON or YAML text.
    resp.map(|b| Body::Text(String::from_utf8_lossy(&b).into_owned()))
}
