//! `spawn_app()`-style helpers: an application on its own storage and a fixed clock, requests built like a
//! client would.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

use bytes::Bytes;
use kyc::api::{AppState, Caller};
use kyc::config::Project;
use kyc::kyc::{IdTypeRules, ProjectId, ProjectOptions};
use kyc::ocr::{PpOcr, TextReader};
use kyc::store::local::{DirImageStore, SqliteSubmissionStore};
use kyc::store::{ImageStore, SubmissionStore};
use kyc::submission::{OcrPool, Step1Service};

pub const API_KEY: &str = "test-api-key";
pub const ADMIN_KEY: &str = "test-admin-key";
/// A second project's client key: it must never see the first project's submissions.
pub const OTHER_PROJECT_KEY: &str = "other-project-key";
pub const BOUNDARY: &str = "----kyc-test-boundary";
/// The tests' "now": 2026-11-26 12:00:00 UTC, fixed so that documents do not expire under the tests.
pub const NOW: i64 = 1_795_694_400;

pub fn shared_engine() -> Arc<dyn TextReader> {
    static ENGINE: OnceLock<Arc<PpOcr>> = OnceLock::new();
    ENGINE.get_or_init(|| Arc::new(PpOcr::new().expect("models load"))).clone()
}

pub struct TestApp {
    pub state: Arc<AppState>,
    pub now: Arc<AtomicI64>,
    pub images: Arc<dyn ImageStore>,
    pub records: Arc<dyn SubmissionStore>,
    pub data_dir: std::path::PathBuf,
}

pub fn projects(options: ProjectOptions) -> Vec<Project> {
    vec![
        Project {
            id: ProjectId::default_project(),
            api_keys: vec![API_KEY.into()],
            admin_keys: vec![ADMIN_KEY.into()],
            gateway_key_ids: vec![],
            admin_principals: vec![],
            options,
        },
        Project {
            id: ProjectId::parse("other").unwrap(),
            api_keys: vec![OTHER_PROJECT_KEY.into()],
            admin_keys: vec![],
            gateway_key_ids: vec![],
            admin_principals: vec![],
            options: ProjectOptions::default(),
        },
    ]
}

impl TestApp {
    /// An app on fresh local storage (a temporary directory and SQLite file) with the real OCR engine.
    pub fn local(options: ProjectOptions) -> Self {
        Self::local_with(options, shared_engine())
    }

    /// The same with another text reader (a scripted one for behaviour tests).
    pub fn local_with(options: ProjectOptions, engine: Arc<dyn TextReader>) -> Self {
        let dir = std::env::temp_dir().join(format!("kyc-api-{}", uuid::Uuid::new_v4()));
        let images: Arc<dyn ImageStore> = Arc::new(DirImageStore::new(dir.join("images")).unwrap());
        let records: Arc<dyn SubmissionStore> = Arc::new(SqliteSubmissionStore::open(&dir.join("db.sqlite3")).unwrap());
        Self::with_stores(options, engine, images, records, dir)
    }

    pub fn with_stores(
        options: ProjectOptions,
        engine: Arc<dyn TextReader>,
        images: Arc<dyn ImageStore>,
        records: Arc<dyn SubmissionStore>,
        data_dir: std::path::PathBuf,
    ) -> Self {
        super::init_test_logs();
        let now = Arc::new(AtomicI64::new(NOW));
        let clock_now = now.clone();
        let service = Step1Service {
            engine,
            images: images.clone(),
            records: records.clone(),
            rules: IdTypeRules::embedded(),
            pool: OcrPool::new(2, 64),
            clock: Arc::new(move || clock_now.load(Ordering::SeqCst)),
        };
        let state = Arc::new(AppState { service, projects: projects(options) });
        Self { state, now, images, records, data_dir }
    }

    pub fn advance(&self, seconds: i64) {
        self.now.fetch_add(seconds, Ordering::SeqCst);
    }

    pub async fn send(&self, req: http::Request<Bytes>) -> (u16, serde_json::Value) {
        let resp = kyc::api::handle(self.state.clone(), req, Caller::Unverified).await;
        let status = resp.status().as_u16();
        let body = serde_json::from_slice(resp.body()).unwrap_or(serde_json::Value::Null);
        (status, body)
    }

    pub async fn step1(&self, form: &Form) -> (u16, serde_json::Value) {
        self.send(form.request(API_KEY)).await
    }

    pub async fn get(&self, id: &str, key: &str) -> (u16, serde_json::Value) {
        self.send(get(&format!("/submission/{id}"), key)).await
    }

    pub async fn decide(&self, id: &str, decision: &str) -> (u16, serde_json::Value) {
        let req = http::Request::post(format!("/submission/{id}/decision"))
            .header("x-api-key", ADMIN_KEY)
            .body(Bytes::from(format!(r#"{{"decision": "{decision}", "reason": "checked by hand"}}"#)))
            .unwrap();
        self.send(req).await
    }

    /// Every stored image file under the local data directory.
    pub fn stored_files(&self) -> Vec<String> {
        fn walk(p: &std::path::Path, out: &mut Vec<String>) {
            if let Ok(rd) = std::fs::read_dir(p) {
                for e in rd.flatten() {
                    if e.path().is_dir() { walk(&e.path(), out) } else { out.push(e.path().display().to_string()) }
                }
            }
        }
        let mut out = vec![];
        walk(&self.data_dir.join("images"), &mut out);
        out.sort();
        out
    }
}

pub fn get(path: &str, key: &str) -> http::Request<Bytes> {
    http::Request::get(path).header("x-api-key", key).body(Bytes::new()).unwrap()
}

/// The retry codes of a response.
pub fn codes(body: &serde_json::Value) -> Vec<String> {
    body["retry"]
        .as_array()
        .map_or(vec![], |a| a.iter().map(|r| r["retryCode"].as_str().unwrap_or("?").to_owned()).collect())
}

/// A multipart form as a client sends it.
#[derive(Clone, Default)]
pub struct Form {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

impl Form {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn text(mut self, name: &str, value: &str) -> Self {
        self.parts.push((name.into(), None, value.as_bytes().to_vec()));
        self
    }
    pub fn file(mut self, name: &str, filename: &str, bytes: Vec<u8>) -> Self {
        self.parts.push((name.into(), Some(filename.into()), bytes));
        self
    }
    /// The usual required fields with a front image from the shared test data.
    pub fn step1(email: &str, id_type: &str, country: &str, image: &str) -> Self {
        Self::with_image(email, id_type, country, super::read_testdata(image))
    }
    /// The usual required fields with these image bytes.
    pub fn with_image(email: &str, id_type: &str, country: &str, image: Vec<u8>) -> Self {
        Self::new().text("email", email).text("idType", id_type).text("issuingCountry", country).file(
            "idImage",
            "front.png",
            image,
        )
    }
    pub fn body(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, filename, bytes) in &self.parts {
            out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            match filename {
                Some(f) => out.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
                ),
                None => out.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
            }
            out.extend_from_slice(bytes);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        out
    }
    pub fn request(&self, key: &str) -> http::Request<Bytes> {
        self.request_to("/submission/step1", key)
    }
    pub fn request_to(&self, path: &str, key: &str) -> http::Request<Bytes> {
        http::Request::post(path)
            .header("x-api-key", key)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(Bytes::from(self.body()))
            .unwrap()
    }
}
