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
    let back_page = back.map(|b| engine.read(b)).transpose()?;
    let sharpness = imaging::sharpness(front);
    let extraction = extract::extract(
        &front_page.lines,
        back_page.as_ref().map(|p| p.lines.as_slice()),
        hint,
        ImageQuality { sharpness },
        today,
    );
    Ok(Scan { extraction, front: front_page, back: back_page, sharpness })
}
