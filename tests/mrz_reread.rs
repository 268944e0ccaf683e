//! An MRZ whose check digits fail on the first reading is read again from other crops, and a reading is kept only
//! when its check digits (the composite included) all pass.

mod common;

use chrono::NaiveDate;
use kyc::extract::DocumentHint;
use kyc::kyc::IdType;
use kyc::ocr::geometry::Point;
use kyc::ocr::{OcrError, OcrLine, OcrPage, TextReader, Timings};
use kyc::pipeline;

use common::fake::OLE;

/// Reads the scripted page, and answers re-reads with the scripted variants of the MRZ lines.
struct Reader {
    page: Vec<String>,
    variants: Vec<Vec<String>>,
}

fn line(text: &str, i: usize) -> OcrLine {
    let y = 20.0 + 30.0 * i as f32;
    let w = 12.0 * text.chars().count() as f32;
    OcrLine {
        confidence: 0.99,
        char_confidences: vec![0.99; text.chars().count()],
        text: text.to_owned(),
        r#box: [
            Point::new(10.0, y),
            Point::new(10.0 + w, y),
            Point::new(10.0 + w, y + 20.0),
            Point::new(10.0, y + 20.0),
        ],
        height: 20.0,
        row: i,
    }
}

impl TextReader for Reader {
    fn read(&self, _image: &image::RgbImage) -> Result<OcrPage, OcrError> {
        let lines = self.page.iter().enumerate().map(|(i, t)| line(t, i)).collect();
        Ok(OcrPage { lines, rotation_deg: 0.0, timings_ms: Timings::default() })
    }

    fn reread(&self, _image: &image::RgbImage, lines: &[OcrLine]) -> Result<Vec<Vec<OcrLine>>, OcrError> {
        Ok(self
            .variants
            .iter()
            .map(|v| lines.iter().zip(v).map(|(l, t)| OcrLine { text: t.clone(), ..l.clone() }).collect())
            .collect())
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn scan(reader: &Reader) -> kyc::extract::Extraction {
    let img = image::RgbImage::new(640, 480);
    let hint = DocumentHint { id_type: IdType::Passport, country: "UTO".into() };
    pipeline::scan(reader, &img, None, &hint, today()).unwrap().extraction
}

/// The holder's page with one digit of the birth date misread in MRZ line 2 (its check digit then fails).
fn misread_page() -> (Vec<String>, String, String) {
    let page = OLE.passport_lines();
    let (line1, line2) = (page[8].clone(), page[9].clone());
    let mut bad = page.clone();
    bad[9] = format!("{}{}{}", &line2[..13], if &line2[13..14] == "8" { "3" } else { "8" }, &line2[14..]);
    (bad, line1, line2)
}

#[test]
fn a_misread_mrz_is_confirmed_by_the_rereading_whose_check_digits_pass() {
    let (page, line1, line2) = misread_page();
    let bad2 = page[9].clone();
    let reader = Reader { page, variants: vec![vec![line1.clone(), bad2], vec![line1, line2]] };
    let extraction = scan(&reader);
    let mrz = extraction.mrz.expect("an MRZ");
    assert!(mrz.confirmed(), "{mrz:?}");
    assert_eq!(mrz.birth_date, NaiveDate::from_ymd_opt(1985, 1, 1));
}

#[test]
fn rereadings_that_fail_their_check_digits_confirm_nothing() {
    let (page, line1, _) = misread_page();
    let bad2 = page[9].clone();
    let reader = Reader { page, variants: vec![vec![line1.clone(), bad2.clone()], vec![line1, bad2]] };
    let extraction = scan(&reader);
    assert!(!extraction.mrz.is_some_and(|m| m.confirmed()));
}
