//! Shared test helpers: where the shared test data lives, and one OCR engine per test binary.
#![allow(dead_code)]

pub mod app;
pub mod aws;
pub mod fake;
pub mod proxy;

use std::path::PathBuf;
use std::sync::OnceLock;

use kyc::ocr::PpOcr;

/// `../shared/testdata` beside the checkout (CI lays it there too); `KYC_TESTDATA` overrides.
pub fn testdata() -> PathBuf {
    std::env::var_os("KYC_TESTDATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata"))
}

pub fn read_testdata(rel: &str) -> Vec<u8> {
    let path = testdata().join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("test data {} is missing: {e}", path.display()))
}

/// Every test binary logs like the service does (JSON, `info` and everything of this crate down to `trace`) into
/// `target/test-logs/`, where `scripts/check_test_logs.py` (run by `make test`) looks for holder data.
pub fn init_test_logs() {
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-logs");
        let _ = std::fs::create_dir_all(&dir);
        let exe = std::env::current_exe().ok().and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()));
        let path = dir.join(format!("{}-{}.log", exe.unwrap_or_else(|| "test".into()), std::process::id()));
        if let Ok(file) = std::fs::File::create(path) {
            let _ = tracing_subscriber::fmt()
                .json()
                .with_env_filter(tracing_subscriber::EnvFilter::new("info,kyc=trace"))
                .with_writer(std::sync::Mutex::new(file))
                .try_init();
        }
    });
}

pub fn engine() -> &'static PpOcr {
    static ENGINE: OnceLock<PpOcr> = OnceLock::new();
    ENGINE.get_or_init(|| PpOcr::new().expect("embedded models load"))
}

pub fn truth(set: &str) -> Vec<serde_json::Value> {
    serde_json::from_slice(&read_testdata(&format!("{set}/truth.json"))).expect("truth.json parses")
}
