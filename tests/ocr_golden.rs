//! Golden tests of the OCR engine on the shared images (read in place, never copied into the repository).

mod common;

use chrono::NaiveDate;
use common::{engine, read_testdata, truth};
use kyc::extract::mrz;
use kyc::imaging;
use kyc::ocr::TextReader;

fn ocr_lines(rel: &str) -> Vec<kyc::ocr::OcrLine> {
    let img = imaging::decode(&read_testdata(rel)).expect("decodes");
    engine().read(&img.rgb).expect("ocr runs").lines
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// The MRZ lines as read, after only the O/0-style normalisation the MRZ grammar allows per position.
fn mrz_lines_read(rel: &str) -> Vec<String> {
    let lines = ocr_lines(rel);
    let pairs: Vec<(String, usize)> = lines.iter().map(|l| (l.text.clone(), l.row)).collect();
    let parsed = mrz::find_and_parse(&pairs, today()).unwrap_or_else(|| panic!("{rel}: no MRZ found"));
    let (normalised, _) = mrz::format::normalise(parsed.format, &parsed.lines);
    normalised
}

fn truth_mrz(set: &str, file: &str) -> Vec<String> {
    let entry = truth(set).into_iter().find(|t| t["file"] == file).expect("in truth.json");
    entry["mrz"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect()
}

#[test]
fn specimen_mrz_lines_are_read_exactly() {
    let specimens = [
        "passport_uto_icao_td3.jpg",
        "passport_bdr_mustermann.jpg",
        "passport_nld_meulendijk.jpg",
        "passport_can_martin.png",
        "passport_est_maennik.jpg",
        "id_uto_icao_td1.jpg",
        "id_swe_specimen.png",
        "visa_usa_niv_traveler.png",
    ];
    for file in specimens {
        assert_eq!(mrz_lines_read(&format!("specimens/{file}")), truth_mrz("specimens", file), "{file}");
    }
}

#[test]
fn a_photo_rotated_by_ninety_degrees_is_read_upright() {
    let file = "traveldoc_lva_mohamada_rotated.jpg";
    assert_eq!(mrz_lines_read(&format!("specimens/{file}")), truth_mrz("specimens", file));
}

#[test]
fn the_back_of_a_synthetic_td1_card_gives_its_mrz() {
    assert_eq!(mrz_lines_read("synthetic-dev/img_0004_back.jpg"), truth_mrz("synthetic-dev", "img_0004.jpg"));
}

#[test]
fn key_printed_lines_of_synthetic_photos_are_read() {
    let cases: [(&str, &[&str]); 3] = [
        ("synthetic-dev/img_0004.jpg", &["VAN DER MEER", "SAAR", "20 JUL 1988", "07 FEB 2031", "234418187"]),
        ("synthetic-dev/img_0000.jpg", &["FISCHER", "KATHARINA", "M2M9Z9C6YWN"]),
        ("synthetic-dev/img_0032.jpg", &["600156443"]),
    ];
    for (file, expected) in cases {
        let text: Vec<String> = ocr_lines(file).into_iter().map(|l| l.text.to_uppercase()).collect();
        for want in expected {
            assert!(text.iter().any(|t| t.contains(want)), "{file}: {want:?} not among {text:?}");
        }
    }
}

#[test]
fn a_blank_image_yields_no_lines() {
    assert!(ocr_lines("synthetic-dev/bad/blank_white.jpg").is_empty());
}

#[test]
fn lines_carry_geometry_and_confidence() {
    for line in ocr_lines("specimens/passport_uto_icao_td3.jpg") {
        assert!((0.5..=1.0).contains(&line.confidence), "{line:?}");
        let [tl, tr, _, bl] = line.r#box;
        assert!(tr.x > tl.x && bl.y > tl.y, "an upright photo gives upright boxes: {line:?}");
    }
}
