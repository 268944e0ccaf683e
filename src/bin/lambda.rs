//! AWS Lambda entry point: build the state once (models, SDK clients), then serve API Gateway events with the same
//! handler as `kyc serve` (see `kyc::api::lambda`). A configuration that does not hold is reported to the Runtime
//! API as an init error, so a misconfigured function fails fast with the reason instead of hanging.

use std::sync::Arc;

use lambda_http::request::LambdaRequest;
use lambda_http::tower::ServiceExt;
use lambda_http::{Adapter, Error, LambdaEvent, Request, lambda_runtime, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    kyc::telemetry::init_json();
    let state = match init().await {
        Ok(state) => state,
        Err(e) => {
            tracing::error!(cause = %e, "initialisation failed");
            if let Ok(api) = std::env::var("AWS_LAMBDA_RUNTIME_API") {
                let _ = kyc::api::lambda::report_init_error(&api, &e.to_string()).await;
            }
            return Err(e);
        }
    };
    let handler = service_fn(move |req: Request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Error>(kyc::api::lambda::handle(state, req).await) }
    });
    // lambda_http::run, with one step before the event is converted: a body that does not decode and a path that
    // is not plain are answered there (kyc::api::lambda::answer_before_conversion), not panicked on or resolved.
    let adapter = Adapter::from(handler);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<serde_json::Value>| {
        let adapter = adapter.clone();
        async move {
            if let Some(answer) = kyc::api::lambda::answer_before_conversion(&event.payload) {
                return Ok::<_, Error>(answer);
            }
            let request: LambdaRequest = serde_json::from_value(event.payload)?;
            let response = adapter.oneshot(LambdaEvent::new(request, event.context)).await?;
            Ok(serde_json::to_value(response)?)
        }
    }))
    .await
}

async fn init() -> Result<Arc<kyc::api::AppState>, Error> {
    let config = kyc::config::Config::from_env()?;
    kyc::api::server::build_state(config).await.map_err(|e| Error::from(e.to_string()))
}
