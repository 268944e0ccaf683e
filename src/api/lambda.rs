//! The Lambda adapter: API Gateway REST (v1) and HTTP API (v2) events, already decoded by `lambda_http` (base64
//! bodies included), through the same handler as the local server.

use std::sync::Arc;

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};

use super::error::{ApiError, ErrorCode};
use super::{AppState, Caller};

/// The caller API Gateway established: the IAM principal it authorised (the decision route), or the id of the
/// usage-plan key it checked, when a project trusts it. Anything else is checked by the handler (`x-api-key`).
fn caller(state: &AppState, req: &Request) -> Caller {
    let Some(RequestContext::ApiGatewayV1(ctx)) = req.request_context_ref() else { return Caller::Unverified };
    let trusted = |list: &dyn Fn(&crate::config::Project) -> &Vec<String>, id: &str| {
        state.projects.iter().any(|p| list(p).iter().any(|k| k == id || k == "*"))
    };
    if let Some(arn) = ctx.identity.user_arn.as_deref().filter(|a| !a.is_empty())
        && trusted(&|p| &p.admin_principals, arn)
    {
        return Caller::IamPrincipal(arn.to_owned());
    }
    match ctx.identity.api_key_id.as_deref() {
        Some(id) if !id.is_empty() && trusted(&|p| &p.gateway_key_ids, id) => Caller::GatewayKey(id.to_owned()),
        _ => Caller::Unverified,
    }
}

/// Tell the Lambda Runtime API that initialisation failed (so the invocation fails at once with the reason,
/// instead of the runtime waiting for a handler that will never start). A plain HTTP/1.1 POST: `lambda_runtime`
/// keeps its own init-error request private.
pub async fn report_init_error(runtime_api: &str, message: &str) -> std::io::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = serde_json::json!({"errorMessage": message, "errorType": "Runtime.InitError"}).to_string();
    let request = format!(
        "POST /2018-06-01/runtime/init/error HTTP/1.1\r\nhost: {runtime_api}\r\ncontent-type: application/json\r\nlambda-runtime-function-error-type: Runtime.InitError\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = tokio::net::TcpStream::connect(runtime_api).await?;
    stream.write_all(request.as_bytes()).await?;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), stream.read_to_end(&mut answer)).await;
    Ok(())
}

/// The answer to an event that `lambda_http` would mishandle while converting it into a request, before it does:
/// a body API Gateway marked base64 (`isBase64Encoded`) that does not decode (the conversion panics: the invocation
/// fails and API Gateway answers 502) is a 400 `invalid_multipart`; a path with dot segments, encoded bytes or empty
/// segments (the conversion resolves `/../../submission/step1` to `/submission/step1`) is a 404, as on the local
/// server. `None` for every other event. The event is never logged (its body is the upload).
pub fn answer_before_conversion(event: &serde_json::Value) -> Option<serde_json::Value> {
    use base64::Engine;
    let path = event.get("rawPath").or_else(|| event.get("path")).and_then(|p| p.as_str());
    let error = if path.is_some_and(|p| super::route_path(p).is_none()) {
        ApiError::new(ErrorCode::NotFound, "no such endpoint; see GET /openapi.yaml")
    } else {
        let body = event.get("body").and_then(|b| b.as_str());
        let marked = event.get("isBase64Encoded") == Some(&serde_json::Value::Bool(true));
        match body {
            Some(b) if marked && base64::engine::general_purpose::STANDARD.decode(b).is_err() => {
                ApiError::new(ErrorCode::InvalidMultipart, "the request body is marked base64 but does not decode")
            }
            _ => return None,
        }
    };
    let request_id = uuid::Uuid::new_v4().to_string();
    let response = error.into_response(&request_id);
    let status = response.status().as_u16();
    tracing::info!(request_id, status, "request: refused before conversion");
    Some(serde_json::json!({
        "statusCode": status,
        "headers": {"content-type": "application/json", "x-request-id": request_id},
        "multiValueHeaders": {"content-type": ["application/json"], "x-request-id": [request_id]},
        "body": String::from_utf8_lossy(response.body()),
        "isBase64Encoded": false,
    }))
}

/// The stage API Gateway reports for the event (`lambda_http` puts it in front of the path); `$default` is none.
fn stage(req: &Request) -> Option<String> {
    match req.request_context_ref()? {
        RequestContext::ApiGatewayV1(ctx) => ctx.stage.clone(),
        RequestContext::ApiGatewayV2(ctx) => ctx.stage.clone(),
        _ => None,
    }
    .filter(|s| !s.is_empty() && s != "$default")
}

/// `uri` without the `/{stage}` in front of its path; any other path is left as it came (and routed as such).
fn without_stage(uri: &http::Uri, stage: Option<&str>) -> http::Uri {
    let Some(rest) = stage.and_then(|s| uri.path().strip_prefix('/')?.strip_prefix(s)).filter(|r| r.starts_with('/'))
    else {
        return uri.clone();
    };
    let path_and_query = match uri.query() {
        Some(q) => format!("{rest}?{q}"),
        None => rest.to_owned(),
    };
    http::Uri::builder().path_and_query(path_and_query).build().unwrap_or_else(|_| uri.clone())
}

pub async fn handle(state: Arc<AppState>, req: Request) -> Response<Body> {
    let caller = caller(&state, &req);
    let stage = stage(&req);
    let (mut parts, body) = req.into_parts();
    parts.uri = without_stage(&parts.uri, stage.as_deref());
    let bytes = match body {
        Body::Text(t) => bytes::Bytes::from(t),
        Body::Binary(b) => bytes::Bytes::from(b),
        _ => bytes::Bytes::new(),
    };
    let resp = super::handle(state, http::Request::from_parts(parts, bytes), caller).await;
    // Responses are JSON or YAML text.
    resp.map(|b| Body::Text(String::from_utf8_lossy(&b).into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undecodable_body_or_a_climbing_path_is_answered_before_conversion() {
        let event = |path: &str, body: serde_json::Value, b64: bool| serde_json::json!({"path": path, "body": body, "isBase64Encoded": b64});
        let code = |answer: serde_json::Value| {
            let body: serde_json::Value = serde_json::from_str(answer["body"].as_str().unwrap()).unwrap();
            (answer["statusCode"].as_u64().unwrap(), body["errorCode"].as_str().unwrap().to_owned())
        };
        let refused = answer_before_conversion(&event("/submission/step1", "%%% not base64 %%%".into(), true));
        assert_eq!(code(refused.expect("refused")), (400, "invalid_multipart".to_owned()));
        let climbing = answer_before_conversion(&event("/../../submission/step1", serde_json::Value::Null, false));
        assert_eq!(code(climbing.expect("refused")), (404, "not_found".to_owned()));
        let v2 = serde_json::json!({"rawPath": "/prod/%2e%2e/health"});
        assert_eq!(code(answer_before_conversion(&v2).expect("refused")), (404, "not_found".to_owned()));
        assert!(answer_before_conversion(&event("/submission/step1", "aGVsbG8=".into(), true)).is_none());
        assert!(answer_before_conversion(&event("/submission/step1", "%%% text %%%".into(), false)).is_none());
        assert!(answer_before_conversion(&event("/health", serde_json::Value::Null, true)).is_none());
    }

    #[test]
    fn only_the_reported_stage_is_removed() {
        let uri = |s: &str| s.parse::<http::Uri>().unwrap();
        assert_eq!(without_stage(&uri("/prod/submission/step1"), Some("prod")), uri("/submission/step1"));
        assert_eq!(without_stage(&uri("/prod/health?x=1"), Some("prod")), uri("/health?x=1"));
        assert_eq!(without_stage(&uri("/x/submission/step1"), Some("prod")), uri("/x/submission/step1"));
        assert_eq!(without_stage(&uri("/production/health"), Some("prod")), uri("/production/health"));
        assert_eq!(without_stage(&uri("/submission/step1"), None), uri("/submission/step1"));
    }
}
