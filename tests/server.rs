//! The local server against slow, idle and abusive clients, over real TCP on loopback, with limits made small so
//! that each behaviour shows within a second or two. (Load, descriptor exhaustion and memory under many clients
//! are measured by `make bench-server`, not asserted here.)

mod common;

use std::time::{Duration, Instant};

use common::app::{API_KEY, Form, TestApp};
use common::fake::{self, ANNA_WIDTH, png};
use kyc::config::Limits;
use kyc::kyc::ProjectOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn limits() -> Limits {
    Limits {
        ocr_workers: 1,
        ocr_queue: 4,
        max_connections: 3,
        header_timeout: Duration::from_secs(1),
        body_timeout: Duration::from_secs(1),
        body_budget_bytes: 64 * 1024 * 1024,
    }
}

async fn start(limits: Limits) -> (std::net::SocketAddr, TestApp) {
    let app = TestApp::local_with(ProjectOptions::default(), fake::reader());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(kyc::api::server::serve_listener(app.state.clone(), listener, limits));
    (addr, app)
}

/// Everything the server sends until it closes the connection (or `wait` passes).
async fn read_all(stream: &mut TcpStream, wait: Duration) -> (String, bool) {
    let mut out = Vec::new();
    let closed = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => out.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&out).into_owned(), closed)
}

#[tokio::test]
async fn a_full_upload_is_served_over_tcp() {
    let (addr, _app) = start(limits()).await;
    let body = Form::with_image("tcp@example.com", "passport", "UTO", png(ANNA_WIDTH)).body();
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: {API_KEY}\r\ncontent-type: multipart/form-data; boundary={}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        common::app::BOUNDARY,
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body).await.unwrap();
    let (resp, _) = read_all(&mut s, Duration::from_secs(10)).await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(resp.contains("\"kycStatus\":\"pending\""), "{resp}");
}

#[tokio::test]
async fn a_wrong_key_is_refused_before_a_single_body_byte_is_sent() {
    let (addr, _app) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: wrong-key\r\ncontent-type: multipart/form-data; boundary=b\r\ncontent-length: 6000000\r\n\r\n";
    s.write_all(head.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (resp, _) = read_all(&mut s, Duration::from_millis(800)).await;
    assert!(resp.starts_with("HTTP/1.1 401"), "{resp}");
    assert!(started.elapsed() < Duration::from_millis(800));
}

#[tokio::test]
async fn a_declared_body_over_the_limit_is_refused_without_reading_it() {
    let (addr, _app) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: {API_KEY}\r\ncontent-type: multipart/form-data; boundary=b\r\ncontent-length: 60000000\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let (resp, _) = read_all(&mut s, Duration::from_millis(800)).await;
    assert!(resp.starts_with("HTTP/1.1 413") && resp.contains("payload_too_large"), "{resp}");
}

#[tokio::test]
async fn a_client_that_stalls_in_its_headers_is_disconnected() {
    let (addr, _app) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-").await.unwrap();
    let started = Instant::now();
    let (_, closed) = read_all(&mut s, Duration::from_secs(5)).await;
    assert!(closed, "still open after 5 s");
    assert!(started.elapsed() >= Duration::from_millis(900), "closed by the header timeout, not at once");
}

#[tokio::test]
async fn an_idle_connection_is_closed() {
    let (addr, _app) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    // One request, then nothing on the kept-alive connection.
    s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\n\r\n").await.unwrap();
    let (resp, closed) = read_all(&mut s, Duration::from_secs(5)).await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    assert!(closed, "an idle keep-alive connection is closed by the header timeout");
}

#[tokio::test]
async fn a_client_that_stalls_in_its_body_gets_408() {
    let (addr, _app) = start(limits()).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: {API_KEY}\r\ncontent-type: multipart/form-data; boundary=b\r\ncontent-length: 100000\r\n\r\n--b\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let (resp, _) = read_all(&mut s, Duration::from_secs(5)).await;
    assert!(resp.starts_with("HTTP/1.1 408") && resp.contains("request_timeout"), "{resp}");
}

#[tokio::test]
async fn connections_over_the_cap_get_503_and_are_closed() {
    let (addr, _app) = start(limits()).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut extra = TcpStream::connect(addr).await.unwrap();
    let (resp, closed) = read_all(&mut extra, Duration::from_secs(2)).await;
    assert!(resp.starts_with("HTTP/1.1 503") && resp.contains("retry-after: 2"), "{resp}");
    assert!(closed);
    drop(held);
    // Once the held connections go (or time out), the server answers again.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").await.unwrap();
    let (resp, _) = read_all(&mut s, Duration::from_secs(3)).await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
}

#[tokio::test]
async fn bodies_beyond_the_memory_budget_get_503() {
    let mut l = limits();
    l.body_budget_bytes = 100 * 1024;
    let (addr, _app) = start(l).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: {API_KEY}\r\ncontent-type: multipart/form-data; boundary=b\r\ncontent-length: 500000\r\n\r\n"
    );
    s.write_all(head.as_bytes()).await.unwrap();
    let (resp, _) = read_all(&mut s, Duration::from_millis(800)).await;
    assert!(resp.starts_with("HTTP/1.1 503") && resp.contains("server_busy"), "{resp}");
}

/// Sends `body` chunked (16 KiB chunks) after the request head; the last chunk only when `finish`.
async fn send_chunked(s: &mut TcpStream, body: &[u8], finish: bool) {
    let head = format!(
        "POST /submission/step1 HTTP/1.1\r\nhost: x\r\nx-api-key: {API_KEY}\r\ncontent-type: multipart/form-data; boundary={}\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n",
        common::app::BOUNDARY
    );
    s.write_all(head.as_bytes()).await.unwrap();
    // (Writes may fail once the server has answered and closed: what it answered is what the tests read.)
    for chunk in body.chunks(16 * 1024) {
        let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), chunk, b"\r\n"].concat();
        if s.write_all(&framed).await.is_err() {
            return;
        }
    }
    if finish {
        let _ = s.write_all(b"0\r\n\r\n").await;
    }
}

#[tokio::test]
async fn a_chunked_upload_holds_a_share_of_what_has_arrived_not_the_whole_upload_limit() {
    // A budget smaller than one upload's limit: a chunked upload used to take the whole limit and get 503.
    let mut l = limits();
    l.body_budget_bytes = 1024 * 1024;
    let (addr, _app) = start(l).await;
    let body = Form::with_image("chunked@example.com", "passport", "UTO", png(ANNA_WIDTH)).body();
    assert!(body.len() < 1024 * 1024);
    let mut s = TcpStream::connect(addr).await.unwrap();
    send_chunked(&mut s, &body, true).await;
    let (resp, _) = read_all(&mut s, Duration::from_secs(10)).await;
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
}

#[tokio::test]
async fn a_chunked_body_that_grows_past_the_budget_gets_503() {
    let mut l = limits();
    l.body_budget_bytes = 100 * 1024;
    let (addr, _app) = start(l).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    send_chunked(&mut s, &vec![b'x'; 300 * 1024], false).await;
    let (resp, _) = read_all(&mut s, Duration::from_millis(800)).await;
    assert!(resp.starts_with("HTTP/1.1 503") && resp.contains("server_busy"), "{resp}");
}
