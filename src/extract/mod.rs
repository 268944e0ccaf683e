//! Field extraction: OCR lines of the front (and back) image -> the Step 1 fields.

pub mod mrz;
