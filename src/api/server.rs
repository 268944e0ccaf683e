//! `kyc serve`: the handler over HTTP/1 on a local address, hardened for slow, idle and abusive clients, and the
//! state builder shared with Lambda.
//!
//! - The request head must arrive within `header_timeout`; an idle keep-alive connection is closed after the same
//!   time; the body must arrive within `body_timeout`; a connection lives at most [`MAX_CONNECTION_LIFETIME`].
//! - At most `max_connections` connections are served; beyond that a new connection gets a 503 and is closed.
//! - Request bodies held in memory are bounded in total (`body_budget_bytes`); beyond that the answer is 503.
//! - The route and the API key are checked before any body byte is read.
//! - An accept error (descriptor exhaustion, say) pauses the accept loop briefly; it never ends the server.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::AsyncWriteExt;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::error::{ApiError, ErrorCode};
use super::{AppState, Caller, RequestBody, handle, too_large};
use crate::config::{Config, Limits, StorageConfig};
use crate::kyc::IdTypeRules;
use crate::ocr::PpOcr;
use crate::store::aws::{DynamoSubmissionStore, S3ImageStore};
use crate::store::local::{DirImageStore, SqliteSubmissionStore};
use crate::store::{ImageStore, SubmissionStore};
use crate::submission::{OcrPool, Step1Service, system_clock};

/// A connection is closed after this long whatever it does (a client reading its response byte by byte).
pub const MAX_CONNECTION_LIFETIME: Duration = Duration::from_secs(300);

/// Build the application: models and storage clients once, for every request after.
pub async fn build_state(config: Config) -> Result<Arc<AppState>, Box<dyn std::error::Error + Send + Sync>> {
    let engine = Arc::new(PpOcr::new()?);
    let (images, records): (Arc<dyn ImageStore>, Arc<dyn SubmissionStore>) = match &config.storage {
        StorageConfig::Local { data_dir } => {
            let images = Arc::new(DirImageStore::new(data_dir.join("images"))?);
            let records = Arc::new(SqliteSubmissionStore::open(&data_dir.join("submissions.sqlite3"))?);
            spawn_local_sweeper(images.clone(), records.clone());
            (images, records)
        }
        StorageConfig::Aws { bucket, table } => {
            let sdk = crate::store::aws::sdk_loader().load().await;
            (
                Arc::new(S3ImageStore::new(crate::store::aws::s3_client(&sdk), bucket.clone())),
                Arc::new(DynamoSubmissionStore::new(aws_sdk_dynamodb::Client::new(&sdk), table.clone())),
            )
        }
    };
    let service = Step1Service {
        engine,
        images,
        records,
        rules: IdTypeRules::embedded(),
        pool: OcrPool::new(config.limits.ocr_workers, config.limits.ocr_queue),
        clock: system_clock(),
    };
    Ok(Arc::new(AppState { service, projects: config.projects }))
}

/// The local counterpart of the S3 lifecycle rules: at start and every hour, images that no record holds any more
/// (older than an hour) and temporary files a crash left are removed.
fn spawn_local_sweeper(images: Arc<DirImageStore>, records: Arc<SqliteSubmissionStore>) {
    if tokio::runtime::Handle::try_current().is_err() {
        return;
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            let now = chrono::Utc::now().timestamp();
            match crate::store::local::sweep(&images, &records, now, Duration::from_secs(3600)).await {
                Ok(s) if s.images + s.temporary_files > 0 => {
                    tracing::info!(images = s.images, temporary_files = s.temporary_files, "swept unreferenced images")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(cause = %e, "sweep failed"),
            }
        }
    });
}

/// Serve until the process is stopped.
pub async fn serve(state: Arc<AppState>, addr: SocketAddr, limits: Limits) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    eprintln!("kyc: listening on http://{}", listener.local_addr()?);
    serve_listener(state, listener, limits).await
}

/// A request body read from the connection: with a size limit, a deadline, and a share of the memory budget that
/// is held until the request is answered.
struct IncomingBody {
    body: Incoming,
    content_length: Option<u64>,
    timeout: Duration,
    budget: Arc<Semaphore>,
    held: Arc<Mutex<Option<OwnedSemaphorePermit>>>,
}

/// Take `kib` more of the budget for a body, held with what it holds already until the answer is ready.
fn reserve(budget: &Arc<Semaphore>, held: &Mutex<Option<OwnedSemaphorePermit>>, kib: u32) -> Result<(), ApiError> {
    let permit = budget.clone().try_acquire_many_owned(kib).map_err(|_| {
        ApiError::new(ErrorCode::ServerBusy, "the service is receiving as many uploads as it can hold; retry shortly")
    })?;
    if let Ok(mut slot) = held.lock() {
        match slot.as_mut() {
            Some(h) => h.merge(permit),
            None => *slot = Some(permit),
        }
    }
    Ok(())
}

/// A share of the budget in KiB for `bytes` bytes (at least one).
fn kib(bytes: usize) -> u32 {
    (bytes / 1024 + 1).min(u32::MAX as usize) as u32
}

#[async_trait]
impl RequestBody for IncomingBody {
    async fn read(self, limit: usize) -> Result<Bytes, ApiError> {
        if self.content_length.is_some_and(|n| n > limit as u64) {
            return Err(too_large(limit));
        }
        let unreadable = || ApiError::new(ErrorCode::InvalidMultipart, "the request body could not be read to its end");
        let IncomingBody { body, content_length, timeout, budget, held } = self;
        let read = async {
            match content_length {
                // A declared length takes its whole share before the first byte is read.
                Some(n) => {
                    reserve(&budget, &held, kib(n as usize))?;
                    match Limited::new(body, limit).collect().await {
                        Ok(collected) => Ok(collected.to_bytes()),
                        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => {
                            Err(too_large(limit))
                        }
                        Err(_) => Err(unreadable()),
                    }
                }
                // A chunked body of unknown length holds a share of what has arrived, taken chunk by chunk: an
                // upload of a few hundred KiB no longer holds the whole upload limit while it comes in.
                None => {
                    let mut body = body;
                    let mut buf = bytes::BytesMut::new();
                    let mut taken = 0u32;
                    while let Some(frame) = body.frame().await {
                        let Ok(data) = frame.map_err(|_| unreadable())?.into_data() else { continue };
                        if buf.len() + data.len() > limit {
                            return Err(too_large(limit));
                        }
                        let want = kib(buf.len() + data.len());
                        if want > taken {
                            reserve(&budget, &held, want - taken)?;
                            taken = want;
                        }
                        buf.extend_from_slice(&data);
                    }
                    Ok(buf.freeze())
                }
            }
        };
        match tokio::time::timeout(timeout, read).await {
            Ok(result) => result,
            Err(_) => Err(ApiError::new(
                ErrorCode::RequestTimeout,
                format!("the request body did not arrive within {} seconds", timeout.as_secs()),
            )),
        }
    }
}

pub async fn serve_listener(
    state: Arc<AppState>,
    listener: tokio::net::TcpListener,
    limits: Limits,
) -> std::io::Result<()> {
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    let budget = Arc::new(Semaphore::new((limits.body_budget_bytes / 1024).max(1)));
    let mut backoff = Duration::from_millis(10);
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => {
                backoff = Duration::from_millis(10);
                stream
            }
            Err(e) => {
                // EMFILE/ENFILE and friends: wait for descriptors to come back (idle connections time out).
                tracing::warn!(cause = %e, pause_ms = backoff.as_millis() as u64, "accept failed; pausing");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(1));
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            tokio::spawn(refuse_busy(stream));
            continue;
        };
        let state = state.clone();
        let budget = budget.clone();
        let limits = limits.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let service = service_fn(move |req: hyper::Request<Incoming>| {
                let state = state.clone();
                let held = Arc::new(Mutex::new(None));
                let (parts, body) = req.into_parts();
                let content_length = body_length(&parts);
                let body = IncomingBody {
                    body,
                    content_length,
                    timeout: limits.body_timeout,
                    budget: budget.clone(),
                    held: held.clone(),
                };
                async move {
                    let resp = handle(state, http::Request::from_parts(parts, body), Caller::Unverified).await;
                    // The body's share of the budget goes back once the answer is ready.
                    drop(held);
                    Ok::<_, std::convert::Infallible>(resp.map(Full::<Bytes>::new))
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_buf_size(64 * 1024)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(MAX_CONNECTION_LIFETIME, conn).await;
        });
    }
}

fn body_length(parts: &http::request::Parts) -> Option<u64> {
    parts.headers.get(http::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok())
}

/// Over the connection cap: a short 503 and close, without reading the request.
async fn refuse_busy(mut stream: tokio::net::TcpStream) {
    let body = r#"{"errorCode":"server_busy","errorMsg":"too many open connections; retry shortly","requestId":"-"}"#;
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nretry-after: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        super::error::BUSY_RETRY_AFTER_SECONDS,
        body.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), write).await;
}
