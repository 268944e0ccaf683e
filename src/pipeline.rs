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
    let spec = extract::document::spec(hint.id_type, &hint.country);
    let barcode_back = spec.barcode_on_back;
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
    // The extraction with the MRZ side's lines replaced by another reading of that side.
    let run_side = |on_back: bool, lines: &[OcrLine]| {
        if on_back {
            run(&front_page.lines, Some(lines))
        } else {
            run(lines, back_page.as_ref().map(|p| p.lines.as_slice()))
        }
    };
    let mut extraction = run(&front_page.lines, back_page.as_ref().map(|p| p.lines.as_slice()));
    if !extraction.mrz.as_ref().is_some_and(|m| m.confirmed()) {
        // The MRZ is on the side whose lines look like one: read those lines again and try the readings together.
        let on_back = back_page.as_ref().is_some_and(|b| mrz_like(&b.lines).len() > mrz_like(&front_page.lines).len());
        let (image, page) = match (on_back, back, &back_page) {
            (true, Some(image), Some(page)) => (image, page),
            _ => (front, &front_page),
        };
        if let Some(better) = reread_mrz(engine, image, &page.lines, |lines| run_side(on_back, lines))? {
            extraction = better;
        }
    }
    // (A photo too blurred to read gains nothing from being enlarged: it is answered image_too_blurry at once.)
    if spec.carries_mrz && sharpness >= extract::BLURRY_BELOW && !extraction.mrz.as_ref().is_some_and(|m| m.confirmed())
    {
        // The side the MRZ is on: the back of a card when it was sent, unless the front's lines look more like one.
        let on_back = spec.mrz_on_back
            && back_page.as_ref().is_some_and(|b| mrz_like(&b.lines).len() >= mrz_like(&front_page.lines).len());
        let image = match (on_back, back) {
            (true, Some(image)) => image,
            _ => front,
        };
        if let Some(better) = second_look(engine, image, |lines| run_side(on_back, lines))? {
            extraction = better;
        }
    }
    Ok(Scan { extraction, front: front_page, back: back_page, sharpness })
}

/// A photo at most this many pixels on its long side whose MRZ is not confirmed gets a second look.
const SECOND_LOOK_MAX_SIDE: u32 = 1000;
/// The second look reads the photo this many times larger: an MRZ photographed small (a page 400 px wide sets its
/// characters 8 px apart) lies below the size the detector finds text at, and the recogniser sees each character
/// through more pixels.
const SECOND_LOOK_SCALE: u32 = 2;

/// A small photo whose MRZ was not confirmed, read again enlarged ([`SECOND_LOOK_SCALE`]); its extraction is
/// taken only when its MRZ is confirmed (whole, every check digit including the composite), so the second look
/// accepts nothing on weaker evidence than a first reading would. Costs one more OCR pass, only on small photos
/// whose MRZ failed.
fn second_look(
    engine: &dyn TextReader,
    image: &RgbImage,
    extract: impl Fn(&[OcrLine]) -> Extraction,
) -> Result<Option<Extraction>, OcrError> {
    if image.width().max(image.height()) > SECOND_LOOK_MAX_SIDE {
        return Ok(None);
    }
    let larger = image::imageops::resize(
        image,
        image.width() * SECOND_LOOK_SCALE,
        image.height() * SECOND_LOOK_SCALE,
        image::imageops::FilterType::CatmullRom,
    );
    let read = engine.read(&larger)?;
    let extraction = extract(&read.lines);
    if extraction.mrz.as_ref().is_some_and(|m| m.confirmed()) {
        return Ok(Some(extraction));
    }
    Ok(reread_mrz(engine, &larger, &read.lines, extract)?.filter(|e| e.mrz.as_ref().is_some_and(|m| m.confirmed())))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kyc::IdType;
    use crate::ocr::Timings;
    use crate::ocr::geometry::Point;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Reads the ICAO 9303 specimen's MRZ only from photos at least `min_width` wide; counts its reads.
    struct SmallTextReader {
        min_width: u32,
        reads: AtomicUsize,
    }

    fn line(text: &str, row: usize) -> OcrLine {
        let y = 600.0 + 30.0 * row as f32;
        let w = 14.0 * text.len() as f32;
        OcrLine {
            text: text.into(),
            confidence: 0.97,
            char_confidences: vec![0.97; text.len()],
            r#box: [
                Point::new(10.0, y),
                Point::new(10.0 + w, y),
                Point::new(10.0 + w, y + 24.0),
                Point::new(10.0, y + 24.0),
            ],
            height: 24.0,
            row,
        }
    }

    impl TextReader for SmallTextReader {
        fn read(&self, image: &RgbImage) -> Result<OcrPage, OcrError> {
            self.reads.fetch_add(1, Ordering::SeqCst);
            let lines = if image.width() >= self.min_width {
                vec![
                    line("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", 0),
                    line("L898902C36UTO7408122F1204159ZE184226B<<<<<10", 1),
                ]
            } else {
                Vec::new()
            };
            Ok(OcrPage { lines, rotation_deg: 0.0, timings_ms: Timings::default() })
        }
    }

    /// A sharp photo (a fine checkerboard): the sharpness gate lets it through.
    fn photo(width: u32, height: u32) -> RgbImage {
        RgbImage::from_fn(width, height, |x, y| {
            if (x / 2 + y / 2) % 2 == 0 { image::Rgb([250; 3]) } else { image::Rgb([20; 3]) }
        })
    }

    fn passport() -> DocumentHint {
        DocumentHint { id_type: IdType::Passport, country: "UTO".into() }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2010, 1, 1).unwrap()
    }

    #[test]
    fn a_small_photo_whose_mrz_went_unread_is_read_again_enlarged() {
        let reader = SmallTextReader { min_width: 700, reads: AtomicUsize::new(0) };
        let scan = scan(&reader, &photo(400, 300), None, &passport(), today()).unwrap();
        assert!(scan.extraction.mrz.as_ref().is_some_and(|m| m.confirmed()), "read at twice the size");
        assert_eq!(reader.reads.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_large_photo_or_an_enlarged_reading_without_a_confirmed_mrz_changes_nothing() {
        let reader = SmallTextReader { min_width: 5000, reads: AtomicUsize::new(0) };
        let small = scan(&reader, &photo(400, 300), None, &passport(), today()).unwrap();
        assert!(small.extraction.mrz.is_none(), "the second look found no MRZ: the first reading stands");
        assert_eq!(reader.reads.load(Ordering::SeqCst), 2);
        let large = scan(&reader, &photo(1600, 1200), None, &passport(), today()).unwrap();
        assert!(large.extraction.mrz.is_none());
        assert_eq!(reader.reads.load(Ordering::SeqCst), 3, "a large photo is read once");
    }
}
