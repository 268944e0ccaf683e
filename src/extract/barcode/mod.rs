//! The PDF417 barcode on the back of US and Canadian driver's licences and ID cards, and the AAMVA record it
//! carries: error-corrected holder data that confirms the front of the card exactly.
//!
//! [`read_barcode`] is the entry point: locate and straighten the symbol in a phone photo and decode it with rxing
//! (the imaging layer's [`pdf417`]), and accept the first decode that passes the strict AAMVA check
//! ([`aamva::parse_aamva`]). A decode is never trusted on its own: PDF417 decoders can return wrong bytes without an error, and an AAMVA file whose
//! header, directory and subfiles add up exactly is the confirmation. It is CPU-bound (a few tens of
//! milliseconds for a 1280-1600 px photo, about 0.1 s when nothing decodes): call it off the async workers, like
//! OCR. Every failure is a [`BarcodeError`], reported as the retry code `barcode_protocol_fail`.

pub mod aamva;

use image::RgbImage;

use crate::imaging::pdf417;

pub use aamva::{
    AamvaError, AamvaRecord, Address, DocumentKind, Height, JURISDICTIONS, Jurisdiction, Sex, parse_aamva,
};

/// Why no AAMVA record came out of a back image. Both variants mean the user should retake the photo; the API
/// reports them as the retry code `barcode_protocol_fail`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BarcodeError {
    /// No PDF417 symbol could be decoded (none in the image, or too damaged, blurred or small).
    #[error("no PDF417 barcode could be decoded")]
    NotFound,
    /// A PDF417 symbol was decoded but is not a valid AAMVA DL/ID record (the error of the last decode tried).
    #[error("the barcode is not a valid AAMVA record: {0}")]
    NotAamva(AamvaError),
}

impl BarcodeError {
    /// The retry code the API reports for this error.
    pub fn retry_code(&self) -> &'static str {
        "barcode_protocol_fail"
    }
}

/// Everything one read produced, for the CLI and the benchmark: the record (or the error), the bytes behind
/// it, and the decodes the AAMVA check refused.
#[derive(Debug)]
pub struct BarcodeScan {
    /// What [`read_barcode`] returns.
    pub result: Result<AamvaRecord, BarcodeError>,
    /// The accepted payload, or else the last decoded payload the AAMVA check refused.
    pub payload: Option<Vec<u8>>,
    /// Distinct payloads decoded but refused.
    pub refused: usize,
    /// Candidate regions located.
    pub regions: usize,
    /// rxing calls made.
    pub attempts: usize,
}

/// Reads the AAMVA record from a photo of a card back. Never panics; a back without a readable barcode is a
/// [`BarcodeError`].
pub fn read_barcode(img: &RgbImage) -> Result<AamvaRecord, BarcodeError> {
    scan_barcode(img).result
}

/// [`read_barcode`] with what it tried: the CLI and the benchmark need the raw bytes even when the AAMVA check
/// refuses them (a malformed payload must be decoded exactly and still be refused).
pub fn scan_barcode(img: &RgbImage) -> BarcodeScan {
    let mut record = None;
    let mut last_error = None;
    let outcome = pdf417::decode(img, &mut |bytes| match parse_aamva(bytes) {
        Ok(r) => {
            record = Some(r);
            true
        }
        Err(e) => {
            last_error = Some(e);
            false
        }
    });
    let result = match (record, last_error) {
        (Some(r), _) => Ok(r),
        (None, Some(e)) => Err(BarcodeError::NotAamva(e)),
        (None, None) => Err(BarcodeError::NotFound),
    };
    BarcodeScan {
        result,
        payload: outcome.accepted.or_else(|| outcome.refused.last().cloned()),
        refused: outcome.refused.len(),
        regions: outcome.regions,
        attempts: outcome.attempts,
    }
}
