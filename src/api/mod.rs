//! HTTP adapter: routing, authentication (API key -> project), the strict multipart form, and the mapping of
//! results to responses, over plain `http` types so the same handler serves API Gateway events
//! ([`lambda`]) and the local server ([`server`]). The Step 1 flow itself is in [`crate::submission`].

pub mod error;
pub mod form;
pub mod lambda;
pub mod response;
pub mod server;

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use bytes::Bytes;
use futures_util::FutureExt;
use http::request::Parts;
use http::{Method, Request, Response, StatusCode};
use subtle::ConstantTimeEq;

use crate::config::Project;
use crate::kyc::SubmissionId;
use crate::kyc::catalogue::ID_TYPES_JSON;
use crate::submission::{Decision, Step1Service};
use error::{ApiError, ErrorCode, json_response};
use response::{DecisionResponse, SubmissionResponse, SubmissionView};

pub const OPENAPI_YAML: &str = include_str!("../../openapi.yaml");

/// Everything a request needs, built once per process (Lambda init or server start).
pub struct AppState {
    pub service: Step1Service,
    pub projects: Vec<Project>,
}

/// Who the caller is, as established before the handler runs: by an `x-api-key` the handler checks, or by API
/// Gateway, which checked a usage-plan key and names its id in the request context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Caller {
    /// Nothing established yet: the handler checks `x-api-key`.
    Unverified,
    /// API Gateway verified a usage-plan key with this id.
    GatewayKey(String),
    /// API Gateway authorised this IAM principal (AWS_IAM on the decision route).
    IamPrincipal(String),
}

/// The body of a request, read only after the route and the key were checked (a 6 MB body with a wrong key costs
/// nothing). In memory already for Lambda; streamed with limits and timeouts by the local server.
#[async_trait]
pub trait RequestBody: Send {
    async fn read(self, limit: usize) -> Result<Bytes, ApiError>;
}

#[async_trait]
impl RequestBody for Bytes {
    async fn read(self, limit: usize) -> Result<Bytes, ApiError> {
        if self.len() > limit {
            return Err(too_large(limit));
        }
        Ok(self)
    }
}

pub fn too_large(limit: usize) -> ApiError {
    ApiError::new(ErrorCode::PayloadTooLarge, format!("the request body is larger than {limit} bytes"))
}

fn key_matches(given: &str, keys: &[String]) -> bool {
    // Compare against every key, always, so timing does not tell which key (or how much of one) matched.
    keys.iter().fold(false, |found, k| found | bool::from(k.as_bytes().ct_eq(given.as_bytes())))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Client,
    Admin,
}

/// The caller's project for a role; every project's keys are compared, so timing tells nothing.
fn authenticate<'a>(state: &'a AppState, parts: &Parts, caller: &Caller, role: Role) -> Result<&'a Project, ApiError> {
    let unauthorized = || ApiError::new(ErrorCode::Unauthorized, "missing or invalid x-api-key header");
    let listed = |list: &[String], id: &str| list.iter().any(|k| k == id || k == "*");
    match (caller, role) {
        (Caller::GatewayKey(id), Role::Client) => {
            return state.projects.iter().find(|p| listed(&p.gateway_key_ids, id)).ok_or_else(unauthorized);
        }
        (Caller::IamPrincipal(arn), Role::Admin) => {
            return state.projects.iter().find(|p| listed(&p.admin_principals, arn)).ok_or_else(|| {
                ApiError::new(ErrorCode::Unauthorized, "this IAM principal decides no project's submissions")
            });
        }
        _ => {}
    }
    let given = parts.headers.get("x-api-key").and_then(|v| v.to_str().ok()).ok_or_else(unauthorized)?;
    let mut found = None;
    for p in &state.projects {
        let keys = if role == Role::Client { &p.api_keys } else { &p.admin_keys };
        if key_matches(given, keys) && found.is_none() {
            found = Some(p);
        }
    }
    found.ok_or_else(unauthorized)
}

/// The route of a request path, or `None` for a path that is not a plain one: an empty, `.` or `..` segment, a
/// percent-encoded byte (`%2e%2e` is `..` to some readers, no route of the API needs one) or a backslash. Such a
/// path names nothing here (404), whatever a proxy in front might make of it. No segment is dropped: API Gateway's
/// stage is removed by the Lambda adapter, and only the stage the event names (`lambda::handle`).
pub(crate) fn route_path(path: &str) -> Option<&str> {
    let plain = path.strip_prefix('/').is_some_and(|rest| {
        rest.is_empty()
            || rest.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains(['%', '\\']))
    });
    plain.then_some(path)
}

/// Handle one request. Never panics into the runtime: every failure, a panic included, becomes a JSON error
/// response; a panic's payload (which may hold document text) is never read.
pub async fn handle<B: RequestBody>(state: Arc<AppState>, req: Request<B>, caller: Caller) -> Response<Bytes> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let method = parts.method.clone();
    let path = route_path(parts.uri.path()).unwrap_or("(not a plain path)").to_owned();
    let routed = std::panic::AssertUnwindSafe(route(&state, parts, body, caller, &request_id)).catch_unwind().await;
    let mut response = match routed {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => e.into_response(&request_id),
        Err(_panic) => ApiError::internal("the handler panicked").into_response(&request_id),
    };
    if let Ok(v) = http::HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    // A response may hold a person's data (Step 1, GET): no cache between here and the client keeps a copy.
    response.headers_mut().entry(http::header::CACHE_CONTROL).or_insert(http::HeaderValue::from_static("no-store"));
    // No holder data here: method, route, status, duration and the request id only.
    let route = if path.starts_with("/submission/") && path != "/submission/step1" {
        "/submission/{id}"
    } else {
        path.as_str()
    };
    tracing::info!(request_id, %method, route, status = response.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    response
}

async fn route<B: RequestBody>(
    state: &AppState,
    parts: Parts,
    body: B,
    caller: Caller,
    request_id: &str,
) -> Result<Response<Bytes>, ApiError> {
    let Some(path) = route_path(parts.uri.path()) else {
        return Err(ApiError::new(ErrorCode::NotFound, "no such endpoint; see GET /openapi.yaml"));
    };
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    // HEAD is GET without the body (RFC 9110 section 9.3.2); the server sends no body for it.
    let method = if parts.method == Method::HEAD { &Method::GET } else { &parts.method };
    match (method, segments.as_slice()) {
        (&Method::GET, ["health"]) => Ok(json_response(StatusCode::OK, &serde_json::json!({"status": "ok"}))),
        (&Method::GET, ["openapi.yaml"]) => Ok(static_response("application/yaml", OPENAPI_YAML)),
        (&Method::GET, ["id-types"]) => Ok(static_response("application/json", ID_TYPES_JSON)),
        (&Method::POST, ["submission", "step1"]) => {
            let project = authenticate(state, &parts, &caller, Role::Client)?;
            let content_type = parts.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
            if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "send the request as multipart/form-data"));
            }
            let bytes = body.read(form::MAX_BODY_BYTES).await?;
            let req = form::parse(content_type, bytes).await?;
            let record = state.service.step1(&project.id, &project.options, req, request_id).await?;
            Ok(json_response(StatusCode::OK, &SubmissionResponse::render(&record, SubmissionView::Step1)))
        }
        (&Method::GET, ["submission", id]) => {
            let project = authenticate(state, &parts, &caller, Role::Client)?;
            let id = submission_id(id)?;
            let record = state.service.get(&project.id, &id).await?;
            Ok(json_response(StatusCode::OK, &SubmissionResponse::render(&record, SubmissionView::Read)))
        }
        (&Method::POST, ["submission", id, "decision"]) => {
            let project = authenticate(state, &parts, &caller, Role::Admin)?;
            let bytes = body.read(16 * 1024).await?;
            let (decision, reason) = parse_decision(&bytes)?;
            let id = submission_id(id)?;
            let record = state.service.decide(&project.id, &id, decision, reason).await?;
            Ok(json_response(StatusCode::OK, &DecisionResponse::render(&record)))
        }
        (_, ["submission", ..] | ["id-types"] | ["openapi.yaml"] | ["health"]) => {
            Err(ApiError::new(ErrorCode::MethodNotAllowed, "method not allowed on this path"))
        }
        _ => Err(ApiError::new(ErrorCode::NotFound, "no such endpoint; see GET /openapi.yaml")),
    }
}

fn static_response(content_type: &'static str, body: &'static str) -> Response<Bytes> {
    let mut resp = Response::new(Bytes::from_static(body.as_bytes()));
    resp.headers_mut().insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static(content_type));
    resp
}

fn submission_id(s: &str) -> Result<SubmissionId, ApiError> {
    SubmissionId::parse(s)
        .map_err(|_| ApiError::new(ErrorCode::SubmissionNotFound, "submissionId does not exist or has expired"))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    decision: String,
    reason: Option<String>,
}

fn parse_decision(body: &[u8]) -> Result<(Decision, Option<String>), ApiError> {
    let parsed: DecisionBody = serde_json::from_slice(body).map_err(|_| {
        ApiError::new(
            ErrorCode::InvalidDecision,
            r#"the body must be {"decision": "approved"|"rejected", "reason": "..."}"#,
        )
    })?;
    let decision = match parsed.decision.as_str() {
        "approved" => Decision::Approve,
        "rejected" => Decision::Reject,
        _ => return Err(ApiError::new(ErrorCode::InvalidDecision, "decision must be approved or rejected")),
    };
    // The reason is shown in back offices and returned by GET: the text fields' rules apply.
    if let Some(c) = parsed.reason.as_deref().and_then(crate::kyc::text::forbidden_char) {
        return Err(ApiError::new(ErrorCode::InvalidField, crate::kyc::text::forbidden_message("reason", c)));
    }
    Ok((decision, parsed.reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_are_routes_and_no_segment_is_dropped() {
        assert_eq!(route_path("/submission/step1"), Some("/submission/step1"));
        assert_eq!(route_path("/prod/submission/step1"), Some("/prod/submission/step1"), "routed as is: 404");
        for odd in [
            "",
            "submission",
            "//health",
            "/submission//step1",
            "/./health",
            "/x/../health",
            "/%2e%2e/health",
            "/submission/step1/",
            "/a\\b",
        ] {
            assert_eq!(route_path(odd), None, "{odd:?}");
        }
    }

    #[test]
    fn api_keys_are_compared_exactly() {
        let keys = vec!["secret-1".to_string(), "secret-2".to_string()];
        assert!(key_matches("secret-2", &keys));
        assert!(!key_matches("secret-", &keys));
        assert!(!key_matches("", &keys));
    }

    #[test]
    fn a_decision_body_is_strict() {
        assert_eq!(parse_decision(br#"{"decision":"approved"}"#).unwrap().0, Decision::Approve);
        assert!(parse_decision(br#"{"decision":"maybe"}"#).is_err());
        assert!(parse_decision(br#"{"decision":"approved","extra":1}"#).is_err());
        assert!(parse_decision(b"\xff").is_err());
        // The reason follows the text fields' rules: no line break to forge a back-office line with.
        let forged = parse_decision(br#"{"decision":"rejected","reason":"ok\nApproved by: admin"}"#).unwrap_err();
        assert!(matches!(forged, ApiError::Client { code: ErrorCode::InvalidField, .. }), "{forged:?}");
        assert!(parse_decision(br#"{"decision":"rejected","reason":"blurred photo"}"#).is_ok());
    }
}
