//! One scan of a document: decoded images -> OCR -> field extraction. Shared by the API handler and the CLI.

use chrono::NaiveDate;
use image::RgbImage;

use crate::extract::{self, DocumentHint, Extraction, ImageQuality};
use crate::imaging;
use crate::ocr::{OcrError, OcrLine, OcrPage, TextReader};

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
    // A photo taken in low light is read brightened (imaging::brighten_dim), and its sharpness measured so: the
    // Laplacian's variance grows with the square of the contrast, and a dark photo scored as a blurred one and
    // lost every field.
    let front_lit = imaging::brighten_dim(front);
    let back_lit = back.and_then(imaging::brighten_dim);
    let front = front_lit.as_ref().unwrap_or(front);
    let back = back_lit.as_ref().or(back);
    let front_page = engine.read(front)?;
    // The back of a North American licence or ID card holds its data in the PDF417 barcode: it is decoded, not
    // read by OCR (nothing on it would be used, and OCR costs ten times more).
    let barcode_back = extract::document::spec(hint.id_type, &hint.country).barcode_on_back;
    let back_page = if barcode_back { None } else { back.map(|b| engine.read(b)).transpose()? };
    let barcode = if barcode_back { back.map(extract::barcode::read_barcode) } else { None };
    let sharpness = imaging::sharpness(front);
    let run = |front_lines: &[OcrLine], back_lines: Option<&[OcrLine]>| {
        extract::extract_with_barcode(
            front_lines,
            back_lines,
            barcode.as_ref(),
            hint,
            ImageQuality { sharpness },
            today,
        )
    };
    let mut extraction = run(&front_page.lines, back_page.as_ref().map(|p| p.lines.as_slice()));
    if !extraction.mrz.as_ref().is_some_and(|m| m.confirmed()) {
        // The MRZ is on the side whose lines look like one: read those lines again and try the readings together.
        let on_back = back_page.as_ref().is_some_and(|b| mrz_like(&b.lines).len() > mrz_like(&front_page.lines).len());
        let (image, page) = match (on_back, back, &back_page) {
            (true, Some(image), Some(page)) => (image, page),
            _ => (front, &front_page),
        };
        if let Some(better) = reread_mrz(engine, image, &page.lines, |lines| {
            if on_back {
                run(&front_page.lines, Some(lines))
            } else {
                run(lines, back_page.as_ref().map(|p| p.lines.as_slice()))
            }
        })? {
            extraction = better;
        }
    }
    Ok(Scan { extraction, front: front_page, back: back_page, sharpness })
}

/// Lines that look like MRZ lines (fillers in them), at most three: indexes into `lines`.
fn mrz_like(lines: &[OcrLine]) -> Vec<usize> {
    let idx: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].text.matches('<').count() >= 3).collect();
    if idx.len() > 3 { Vec::new() } else { idx }
}

/// An MRZ whose check digits fail is often right in another reading: its lines are read again from slightly different
/// crops and every combination of readings is extracted, fewest changed lines first. The first combination whose MRZ
/// is confirmed (whole, every check digit including the composite) is returned; the check digits confirm it exactly as
/// they would a first reading, so nothing is accepted on weaker evidence. Costs a few line recognitions, only on
/// documents whose MRZ failed.
fn reread_mrz(
    engine: &dyn TextReader,
    image: &RgbImage,
    lines: &[OcrLine],
    extract: impl Fn(&[OcrLine]) -> Extraction,
) -> Result<Option<Extraction>, OcrError> {
    let idx = mrz_like(lines);
    if idx.is_empty() {
        return Ok(None);
    }
    let targets: Vec<OcrLine> = idx.iter().map(|&i| lines[i].clone()).collect();
    let variants = engine.reread(image, &targets)?;
    if variants.is_empty() {
        return Ok(None);
    }
    // Choice per MRZ line: 0 = as first read, v + 1 = variant v.
    let options = variants.len() + 1;
    let mut combos: Vec<Vec<usize>> = (0..options.pow(idx.len() as u32))
        .map(|mut n| {
            (0..idx.len())
                .map(|_| {
                    let c = n % options;
                    n /= options;
                    c
                })
                .collect()
        })
        .skip(1)
        .collect();
    combos.sort_by_key(|c| c.iter().filter(|&&x| x != 0).count());
    for combo in combos {
        let mut page = lines.to_vec();
        for (k, &choice) in combo.iter().enumerate() {
            if choice > 0 {
                page[idx[k]] = variants[choice - 1][k].clone();
            }
        }
        let extraction = extract(&page);
        if extraction.mrz.as_ref().is_some_and(|m| m.confirmed()) {
            return Ok(Some(extraction));
        }
    }
    Ok(None)
}
