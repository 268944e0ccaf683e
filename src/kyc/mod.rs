//! The KYC domain: request values, options, status and retry rules.

pub mod decision;
pub mod types;

pub use types::{Country, IdType};
