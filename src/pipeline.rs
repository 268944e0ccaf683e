//! One scan of a document: decoded images -> OCR -> field extraction. Shared by the API handler and the CLI.

use chrono::NaiveDate;
use image::RgbImage;

use crate::extract::{self, DocumentHint, Extraction, ImageQuality};
use crate::imaging;
use crate::ocr::{OcrError, OcrPage, TextReader};

pub struct Scan {
    pub extraction: Extraction,
    pub front: OcrPage,
    pub back: Option<OcrPage>,
    pub sharpness: f32,
}

pub fn scan(
    engine: &dyn TextReader,
    front: &RgbImage,
    back: Option<&RgbImage>,
    hint: &DocumentHint,
    today: NaiveDate,
) -> Result<Scan, OcrError> {
    let front_page = engine.read(front)?;
    // The back of a North American licence or ID card holds its data in the PDF417 barcode: it is decoded, not
    // read by OCR (nothing on it would be used, and OCR costs ten times more).
    let barcode_back = extract::document::spec(hint.id_type, &hint.country).barcode_on_back;
    let back_page = if barcode_back { None } else { back.map(|b| engine.read(b)).transpose()? };
    let barcode = if barcode_back { back.map(extract::barcode::read_barcode) } else { None };
    let sharpness = imaging::sharpness(front);
    let extraction = extract::extract_with_barcode(
        &front_page.lines,
        back_page.as_ref().map(|p| p.lines.as_slice()),
        barcode.as_ref(),
        hint,
        ImageQuality { sharpness },
        today,
    );
    Ok(Scan { extraction, front: front_page, back: back_page, sharpness })
}
