//! Shared test helpers: where the shared test data lives, and one OCR engine per test binary.
#![allow(dead_code)]

pub mod app;
pub mod aws;

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

pub fn engine() -> &'static PpOcr {
    static ENGINE: OnceLock<PpOcr> = OnceLock::new();
    ENGINE.get_or_init(|| PpOcr::new().expect("embedded models load"))
}

pub fn truth(set: &str) -> Vec<serde_json::Value> {
    serde_json::from_slice(&read_testdata(&format!("{set}/truth.json"))).expect("truth.json parses")
}
