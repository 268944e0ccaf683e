//! kyc-submission: the Step 1 KYC identity-document API.
//!
//! Data flows one way: HTTP request -> validated submission -> images stored -> OCR lines ([`ocr`]) -> extracted
//! fields -> status decision -> record stored -> response.

pub mod api;
pub mod cli;
pub mod imaging;
pub mod kyc;
pub mod ocr;
pub mod pipeline;
pub mod store;
pub mod telemetry;
pub mod config;
pub mod eval;
pub mod extract;
