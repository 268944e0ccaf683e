//! The PDF417 barcode on the back of US and Canadian driver's licences and ID cards, and the AAMVA record it
//! carries: error-corrected holder data that confirms the front of the card exactly.

pub mod aamva;

pub use aamva::{AamvaError, AamvaRecord, Address, DocumentKind, Height, Jurisdiction, Sex, parse_aamva};
