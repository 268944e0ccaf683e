//! AWS Lambda entry point: build the state once (models, SDK clients), then serve API Gateway REST (v1) and HTTP
//! API (v2) events with the same handler as `kyc serve`.

use std::sync::Arc;

use lambda_http::{Body, Error, Request, Response, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    kyc::telemetry::init_json();
    let config = kyc::config::Config::from_env()?;
    let state = kyc::api::server::build_state(config).await.map_err(|e| Error::from(e.to_string()))?;
    run(service_fn(move |req: Request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Error>(handle(state, req).await) }
    }))
    .await
}

async fn handle(state: Arc<kyc::api::AppState>, req: Request) -> Response<Body> {
    let (parts, body) = req.into_parts();
    // lambda_http has already decoded base64 bodies (binary media types) into bytes.
    let bytes = match body {
        Body::Empty => bytes::Bytes::new(),
        Body::Text(t) => bytes::Bytes::from(t),
        Body::Binary(b) => bytes::Bytes::from(b),
        _ => bytes::Bytes::new(),
    };
    let resp = kyc::api::handle(state, http::Request::from_parts(parts, bytes)).await;
    resp.map(|b| Body::Text(String::from_utf8_lossy(&b).into_owned()))
}
