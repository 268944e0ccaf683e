//! A fault-injecting HTTP proxy in front of moto_server: the real SDK clients talk to it, and it forwards every
//! request unless the request head contains a chosen marker (an `x-amz-target` such as `DynamoDB_20120810.PutItem`),
//! which it then answers with a 500 or lets hang. Loopback only.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Forward everything.
    None,
    /// Answer requests whose head contains one of the `|`-separated markers with a 500 (a storage outage).
    Fail(String),
    /// Never answer requests whose head contains one of the markers (a hung storage).
    Hang(String),
}

pub struct FaultProxy {
    pub endpoint: String,
    fault: Arc<Mutex<Fault>>,
}

impl FaultProxy {
    pub async fn start(upstream: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let fault = Arc::new(Mutex::new(Fault::None));
        let f = fault.clone();
        let upstream_addr = upstream.trim_start_matches("http://").to_owned();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let f = f.clone();
                let up = upstream_addr.clone();
                tokio::spawn(async move {
                    if let Ok(server) = TcpStream::connect(&up).await {
                        let _ = relay(client, server, f).await;
                    }
                });
            }
        });
        Self { endpoint, fault }
    }

    pub fn set(&self, fault: Fault) {
        *self.fault.lock().unwrap() = fault;
    }
}

/// Read one request head (up to the blank line) into `head`; false at a clean end of stream.
async fn read_head<R: AsyncRead + Unpin>(r: &mut R, buf: &mut Vec<u8>) -> std::io::Result<Option<Vec<u8>>> {
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head: Vec<u8> = buf.drain(..i + 4).collect();
            return Ok(Some(head));
        }
        let mut chunk = [0u8; 8192];
        let n = r.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn read_exact_into<R: AsyncRead + Unpin>(r: &mut R, buf: &mut Vec<u8>, n: usize) -> std::io::Result<Vec<u8>> {
    while buf.len() < n {
        let mut chunk = [0u8; 8192];
        let k = r.read(&mut chunk).await?;
        if k == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..k]);
    }
    Ok(buf.drain(..n).collect())
}

/// The body of a request after its head: by Content-Length, or chunked to its last chunk.
async fn read_body<R: AsyncRead + Unpin>(r: &mut R, buf: &mut Vec<u8>, head: &str) -> std::io::Result<Vec<u8>> {
    let lower = head.to_ascii_lowercase();
    let header = |name: &str| {
        lower.lines().find_map(|l| l.strip_prefix(name).map(|v| v.trim_start_matches(':').trim().to_owned()))
    };
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut out = Vec::new();
        loop {
            let line_end = loop {
                if let Some(i) = buf.windows(2).position(|w| w == b"\r\n") {
                    break i;
                }
                let mut chunk = [0u8; 8192];
                let k = r.read(&mut chunk).await?;
                if k == 0 {
                    return Err(std::io::ErrorKind::UnexpectedEof.into());
                }
                buf.extend_from_slice(&chunk[..k]);
            };
            let size_line: Vec<u8> = buf.drain(..line_end + 2).collect();
            out.extend_from_slice(&size_line);
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&size_line).trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
            if size == 0 {
                // Trailers, then the final blank line.
                loop {
                    let end = loop {
                        if let Some(i) = buf.windows(2).position(|w| w == b"\r\n") {
                            break i;
                        }
                        let mut chunk = [0u8; 8192];
                        let k = r.read(&mut chunk).await?;
                        if k == 0 {
                            return Err(std::io::ErrorKind::UnexpectedEof.into());
                        }
                        buf.extend_from_slice(&chunk[..k]);
                    };
                    let line: Vec<u8> = buf.drain(..end + 2).collect();
                    out.extend_from_slice(&line);
                    if end == 0 {
                        return Ok(out);
                    }
                }
            }
            out.extend(read_exact_into(r, buf, size + 2).await?);
        }
    }
    let len = header("content-length").and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
    read_exact_into(r, buf, len).await
}

fn matches(head: &str, markers: &str) -> bool {
    markers.split('|').any(|m| head.contains(m))
}

async fn relay(client: TcpStream, server: TcpStream, fault: Arc<Mutex<Fault>>) -> std::io::Result<()> {
    let (mut client_r, client_w) = client.into_split();
    let (mut server_r, mut server_w) = server.into_split();
    let client_w = Arc::new(tokio::sync::Mutex::new(client_w));
    let back = client_w.clone();
    // Responses flow back unchanged.
    tokio::spawn(async move {
        let mut buf = [0u8; 16384];
        loop {
            match server_r.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if back.lock().await.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut buf = Vec::new();
    while let Some(head) = read_head(&mut client_r, &mut buf).await? {
        let head_text = String::from_utf8_lossy(&head).into_owned();
        let body = read_body(&mut client_r, &mut buf, &head_text).await?;
        let current = fault.lock().unwrap().clone();
        match current {
            Fault::Fail(markers) if matches(&head_text, &markers) => {
                let msg =
                    br#"{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"injected outage"}"#;
                let resp = format!(
                    "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/x-amz-json-1.0\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    msg.len()
                );
                let mut w = client_w.lock().await;
                w.write_all(resp.as_bytes()).await?;
                w.write_all(msg).await?;
                w.shutdown().await?;
                return Ok(());
            }
            Fault::Hang(markers) if matches(&head_text, &markers) => {
                // Hold the connection open and say nothing.
                tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                return Ok(());
            }
            _ => {
                server_w.write_all(&head).await?;
                server_w.write_all(&body).await?;
            }
        }
    }
    Ok(())
}
