//! The KYC domain: request values, options, status and retry rules.

pub mod types;

pub use types::{Country, IdType};
