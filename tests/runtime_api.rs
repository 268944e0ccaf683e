//! The real `bootstrap` binary under the Lambda Runtime API: a loopback server plays the runtime (next invocation,
//! response, error, init error), the binary runs as Lambda runs it (`AWS_LAMBDA_RUNTIME_API`), on S3 and DynamoDB
//! (moto_server, real SDK clients), and answers API Gateway REST (v1) and HTTP API (v2) events.

mod common;

use std::collections::VecDeque;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::Notify;

const KEY: &str = "runtime-test-key";
const GATEWAY_KEY_ID: &str = "gw-key-id-1";

/// What the fake runtime saw.
#[derive(Default)]
struct Runtime {
    events: VecDeque<(String, Value)>,
    responses: Vec<(String, Value)>,
    errors: Vec<(String, Value)>,
    init_errors: Vec<Value>,
}

struct FakeRuntime {
    addr: String,
    state: Arc<Mutex<Runtime>>,
    changed: Arc<Notify>,
}

impl FakeRuntime {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let state = Arc::new(Mutex::new(Runtime::default()));
        let changed = Arc::new(Notify::new());
        let (st, ch) = (state.clone(), changed.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (st, ch) = (st.clone(), ch.clone());
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (st, ch) = (st.clone(), ch.clone());
                        async move { Ok::<_, std::convert::Infallible>(serve(req, st, ch).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self { addr, state, changed }
    }

    fn push(&self, id: &str, event: Value) {
        self.state.lock().unwrap().events.push_back((id.to_owned(), event));
        self.changed.notify_waiters();
    }

    /// Wait until `done` holds of the runtime's state (or the time is up).
    async fn wait_for(&self, limit: Duration, done: impl Fn(&Runtime) -> bool) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            if done(&self.state.lock().unwrap()) {
                return true;
            }
            if Instant::now() > deadline {
                return false;
            }
            let _ = tokio::time::timeout(Duration::from_millis(100), self.changed.notified()).await;
        }
    }
}

async fn serve(
    req: hyper::Request<hyper::body::Incoming>,
    st: Arc<Mutex<Runtime>>,
    ch: Arc<Notify>,
) -> hyper::Response<Full<Bytes>> {
    let path = req.uri().path().to_owned();
    let ok = |body: Bytes| hyper::Response::builder().status(202).body(Full::new(body)).unwrap();
    if path == "/2018-06-01/runtime/invocation/next" {
        // Long-poll: the runtime waits here until an event is queued.
        loop {
            let next = st.lock().unwrap().events.pop_front();
            if let Some((id, event)) = next {
                let deadline = (chrono::Utc::now().timestamp_millis() + 60_000).to_string();
                return hyper::Response::builder()
                    .status(200)
                    .header("lambda-runtime-aws-request-id", id)
                    .header("lambda-runtime-deadline-ms", deadline)
                    .header("lambda-runtime-invoked-function-arn", "arn:aws:lambda:us-east-1:123456789012:function:kyc")
                    .header("lambda-runtime-trace-id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700")
                    .body(Full::new(Bytes::from(event.to_string())))
                    .unwrap();
            }
            let _ = tokio::time::timeout(Duration::from_millis(200), ch.notified()).await;
        }
    }
    let body = req.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let value: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    {
        let mut s = st.lock().unwrap();
        match parts.as_slice() {
            ["2018-06-01", "runtime", "invocation", id, "response"] => s.responses.push(((*id).to_owned(), value)),
            ["2018-06-01", "runtime", "invocation", id, "error"] => s.errors.push(((*id).to_owned(), value)),
            ["2018-06-01", "runtime", "init", "error"] => s.init_errors.push(value),
            _ => return hyper::Response::builder().status(404).body(Full::new(Bytes::new())).unwrap(),
        }
    }
    ch.notify_waiters();
    ok(Bytes::new())
}

/// The bootstrap binary as Lambda starts it, with this configuration on top of the runtime's variables.
fn bootstrap(runtime: &FakeRuntime, config: &[(&str, String)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_bootstrap"));
    cmd.env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", &runtime.addr)
        .env("AWS_LAMBDA_FUNCTION_NAME", "kyc")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "2048")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/kyc")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "test")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in config {
        cmd.env(k, v);
    }
    cmd.spawn().expect("the bootstrap binary starts")
}

/// A REST (v1) event of `body` (multipart) with these headers and request identity.
fn rest_event(body: &[u8], headers: Value, identity: Value, path: &str, method: &str) -> Value {
    let mut event: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{}/events/step1-rest-v1.json", env!("CARGO_MANIFEST_DIR"))).unwrap(),
    )
    .unwrap();
    event["body"] = base64::engine::general_purpose::STANDARD.encode(body).into();
    event["headers"] = headers.clone();
    event["multiValueHeaders"] =
        Value::Object(headers.as_object().unwrap().iter().map(|(k, v)| (k.clone(), json!([v]))).collect());
    event["requestContext"]["identity"] = identity;
    event["path"] = path.into();
    event["resource"] = path.into();
    event["httpMethod"] = method.into();
    event["requestContext"]["httpMethod"] = method.into();
    event["requestContext"]["path"] = format!("/prod{path}").into();
    event
}

fn response_body(r: &Value) -> (u16, Value) {
    let status = r["statusCode"].as_u64().unwrap_or(0) as u16;
    let raw = r["body"].as_str().unwrap_or("");
    let text = if r["isBase64Encoded"] == true {
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(raw).unwrap()).unwrap()
    } else {
        raw.to_owned()
    };
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bootstrap_binary_answers_rest_and_http_api_events_through_the_runtime_api() {
    let (_s3, bucket, _ddb, table) = common::aws::fresh_bucket_and_table().await;
    let runtime = FakeRuntime::start().await;
    let mut child = bootstrap(
        &runtime,
        &[
            ("KYC_STORAGE", "aws".into()),
            ("KYC_S3_BUCKET", bucket),
            ("KYC_DYNAMODB_TABLE", table),
            ("KYC_API_KEYS", KEY.into()),
            ("KYC_GATEWAY_KEY_IDS", GATEWAY_KEY_ID.into()),
            ("AWS_ENDPOINT_URL", common::aws::endpoint()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "testing".into()),
            ("AWS_SECRET_ACCESS_KEY", "testing".into()),
        ],
    );

    // The sample events, with the client's key in x-api-key.
    for (id, file) in [("v1", "step1-rest-v1.json"), ("v2", "step1-http-v2.json")] {
        let json = std::fs::read_to_string(format!("{}/events/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        runtime.push(id, serde_json::from_str(&json.replace("event-api-key", KEY)).unwrap());
    }
    // A real passport photo, authenticated by API Gateway's usage-plan key (its id in the request context, no
    // key for the function to compare).
    let form = common::app::Form::step1("runtime@example.com", "passport", "ITA", "synthetic-dev/img_0016.jpg");
    let headers = json!({"content-type": format!("multipart/form-data; boundary={}", common::app::BOUNDARY)});
    runtime.push(
        "jpeg",
        rest_event(
            &form.body(),
            headers.clone(),
            json!({"sourceIp": "127.0.0.1", "apiKeyId": GATEWAY_KEY_ID}),
            "/submission/step1",
            "POST",
        ),
    );
    // An unknown gateway key id and no x-api-key: refused by the function.
    runtime.push(
        "nokey",
        rest_event(
            &form.body(),
            headers,
            json!({"sourceIp": "127.0.0.1", "apiKeyId": "unknown"}),
            "/submission/step1",
            "POST",
        ),
    );

    // A body marked base64 that does not decode (lambda_http would panic on it), and a path climbing out.
    let mut undecodable = rest_event(
        b"",
        json!({"content-type": "multipart/form-data; boundary=x", "x-api-key": KEY}),
        json!({"sourceIp": "127.0.0.1"}),
        "/submission/step1",
        "POST",
    );
    undecodable["body"] = "%%% not base64 %%%".into();
    runtime.push("undecodable", undecodable);
    runtime.push(
        "dotdot",
        rest_event(b"", json!({"x-api-key": KEY}), json!({"sourceIp": "127.0.0.1"}), "/../../submission/step1", "POST"),
    );

    let all = runtime.wait_for(Duration::from_secs(120), |r| r.responses.len() + r.errors.len() >= 6).await;
    let mut stderr_tail = || {
        let _ = child.kill();
        let _ = child.wait();
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        err.chars().rev().take(2000).collect::<String>().chars().rev().collect::<String>()
    };
    let state = runtime.state.lock().unwrap();
    if !all {
        drop(state);
        panic!("not every event was answered; bootstrap stderr: {}", stderr_tail());
    }
    assert!(state.errors.is_empty(), "{:?}", state.errors);
    let by_id = |id: &str| response_body(&state.responses.iter().find(|(i, _)| i == id).expect("answered").1);
    for id in ["v1", "v2"] {
        let (status, body) = by_id(id);
        assert_eq!(status, 200, "{id}: {body}");
        assert_eq!(body["kycStatus"], "incomplete", "{id}: a blank image holds no document");
    }
    let (status, body) = by_id("jpeg");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["kycStatus"], "pending", "{body}");
    assert_eq!(body["reviewOCRData"]["accepted_ocr_birthDate"], true);
    let (status, body) = by_id("nokey");
    assert_eq!((status, body["errorCode"].as_str()), (401, Some("unauthorized")));
    let (status, body) = by_id("undecodable");
    assert_eq!((status, body["errorCode"].as_str()), (400, Some("invalid_multipart")), "{body}");
    let (status, body) = by_id("dotdot");
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("not_found")), "{body}");
    drop(state);
    let _ = child.kill();
    let _ = child.wait();
}

#[tokio::test]
async fn a_missing_configuration_is_an_init_error_not_a_hang() {
    let runtime = FakeRuntime::start().await;
    let mut child = bootstrap(&runtime, &[("KYC_STORAGE", "local".into())]);
    let reported = runtime.wait_for(Duration::from_secs(20), |r| !r.init_errors.is_empty()).await;
    assert!(reported, "the runtime heard of the failed initialisation");
    let error = runtime.state.lock().unwrap().init_errors[0].clone();
    assert_eq!(error["errorType"], "Runtime.InitError");
    assert!(error["errorMessage"].as_str().unwrap().contains("KYC_API_KEYS"), "{error}");
    // And the process ends.
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "bootstrap still running after its init error");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
