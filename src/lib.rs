//! kyc-submission: the Step 1 KYC identity-document API.
//!
//! Data flows one way: HTTP request ([`api`]) -> valid request -> the Step 1 use case ([`submission`]): OCR lines
//! ([`ocr`]) -> extracted fields ([`extract`]) -> status decision ([`kyc`]) -> images and record stored ([`store`])
//! -> response.

pub mod api;
pub mod cli;
pub mod config;
pub mod eval;
pub mod extract;
pub mod imaging;
pub mod kyc;
pub mod ocr;
pub mod pipeline;
pub mod store;
pub mod submission;
pub mod telemetry;
