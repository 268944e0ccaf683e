//! `kyc serve`: the same handler over HTTP/1 on a local address, and the state builder shared with Lambda.

use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

use super::{AppState, IdTypeRules, handle};
use crate::config::{Config, StorageConfig};
use crate::ocr::PpOcr;
use crate::store::aws::{DynamoSubmissionStore, S3ImageStore};
use crate::store::local::{DirImageStore, SqliteSubmissionStore};
use crate::store::{ImageStore, SubmissionStore};

/// Build the application: models and storage clients once, for every request after.
pub async fn build_state(config: Config) -> Result<Arc<AppState>, Box<dyn std::error::Error + Send + Sync>> {
    let engine = Arc::new(PpOcr::new()?);
    let (images, records): (Arc<dyn ImageStore>, Arc<dyn SubmissionStore>) = match &config.storage {
        StorageConfig::Local { data_dir } => (
            Arc::new(DirImageStore::new(data_dir.join("images"))?),
            Arc::new(SqliteSubmissionStore::open(&data_dir.join("submissions.sqlite3"))?),
        ),
        StorageConfig::Aws { bucket, table } => {
            let sdk = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
            // Path-style addressing works with S3 and with local emulators alike.
            let s3 = aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&sdk).force_path_style(true).build());
            (
                Arc::new(S3ImageStore::new(s3, bucket.clone())),
                Arc::new(DynamoSubmissionStore::new(aws_sdk_dynamodb::Client::new(&sdk), table.clone())),
            )
        }
    };
    Ok(Arc::new(AppState {
        config,
        engine,
        images,
        records,
        rules: IdTypeRules::embedded(),
        clock: Arc::new(|| chrono::Utc::now().timestamp()),
    }))
}

/// Serve until the process is stopped.
pub async fn serve(state: Arc<AppState>, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    eprintln!("kyc: listening on http://{}", listener.local_addr()?);
    serve_listener(state, listener).await
}

pub async fn serve_listener(state: Arc<AppState>, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let state = state.clone();
                async move {
                    let (parts, body) = req.into_parts();
                    // Read at most a little over the body limit; a larger body is refused by the handler's check.
                    let limit = super::form::MAX_BODY_BYTES + 1024;
                    let bytes = match Limited::new(body, limit).collect().await {
                        Ok(b) => b.to_bytes(),
                        Err(_) => {
                            let e = super::error::ApiError::client(
                                http::StatusCode::PAYLOAD_TOO_LARGE,
                                "payload_too_large",
                                format!("the request body is larger than {} bytes", super::form::MAX_BODY_BYTES),
                            );
                            let r = e.into_response("-");
                            return Ok::<_, std::convert::Infallible>(r.map(Full::new));
                        }
                    };
                    let resp = handle(state, http::Request::from_parts(parts, bytes)).await;
                    Ok(resp.map(Full::<Bytes>::new))
                }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}
