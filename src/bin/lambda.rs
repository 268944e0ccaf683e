//! AWS Lambda entry point: build the state once (models, SDK clients), then serve API Gateway events with the same
//! handler as `kyc serve` (see `kyc::api::lambda`).

use std::sync::Arc;

use lambda_http::{Error, Request, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    kyc::telemetry::init_json();
    let config = kyc::config::Config::from_env()?;
    let state = kyc::api::server::build_state(config).await.map_err(|e| Error::from(e.to_string()))?;
    run(service_fn(move |req: Request| {
        let state = Arc::clone(&state);
        async move { Ok::<_, Error>(kyc::api::lambda::handle(state, req).await) }
    }))
    .await
}
