//! Extraction on the shared sets (read in place): the accuracy floors the issues set and zero false accepts (no
//! known exception), checked on every run, and the unreadable photos refused as blurred.

mod common;

use chrono::NaiveDate;
use kyc::extract::DocumentHint;
use kyc::kyc::IdType;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

#[test]
fn synthetic_documents_meet_the_accuracy_floor_without_false_accepts() {
    let s = kyc::eval::run(common::engine(), &common::testdata().join("synthetic-dev"), today()).unwrap();
    let (ok, n) = s.documents_all_key_exact;
    assert!(ok as f64 >= 0.95 * n as f64, "all key fields exact on {ok}/{n}");
    assert_eq!(s.false_accepts, 0, "no value is accepted wrongly ({} accepted)", s.accepted);
    assert_eq!(s.unreadable_refused.0, s.unreadable_refused.1);
}

#[test]
fn specimen_mrzs_meet_the_accuracy_floor_without_false_accepts() {
    let s = kyc::eval::run(common::engine(), &common::testdata().join("specimens"), today()).unwrap();
    let (ok, n) = s.mrz_all_seven_exact;
    assert!(ok as f64 >= 0.94 * n as f64, "all 7 MRZ fields exact on {ok}/{n}");
    assert_eq!(s.false_accepts, 0, "no value is accepted wrongly ({} accepted)", s.accepted);
}

#[test]
fn photos_too_blurred_to_read_get_image_too_blurry_and_no_values() {
    for file in ["img_0002.jpg", "img_0018.jpg", "img_0020.jpg"] {
        let img = kyc::imaging::decode(&common::read_testdata(&format!("synthetic-dev/{file}"))).unwrap();
        let hint = DocumentHint { id_type: IdType::Passport, country: "NLD".into() };
        let scan = kyc::pipeline::scan(common::engine(), &img.rgb, None, &hint, today()).unwrap();
        let codes: Vec<&str> = scan.extraction.retry.iter().map(|r| r.code()).collect();
        assert_eq!(codes, ["image_too_blurry"], "{file} (sharpness {})", scan.sharpness);
        assert!(scan.extraction.fields.api_entries().iter().all(|(_, f)| f.is_none()), "{file}");
    }
}

#[test]
fn a_td1_card_is_read_from_front_and_back_with_confirmed_fields() {
    let front = kyc::imaging::decode(&common::read_testdata("synthetic-dev/img_0004.jpg")).unwrap();
    let back = kyc::imaging::decode(&common::read_testdata("synthetic-dev/img_0004_back.jpg")).unwrap();
    let hint = DocumentHint { id_type: IdType::GovernmentId, country: "NLD".into() };
    let scan = kyc::pipeline::scan(common::engine(), &front.rgb, Some(&back.rgb), &hint, today()).unwrap();
    let f = &scan.extraction.fields;
    fn value(x: &Option<kyc::extract::Field>) -> Option<(&str, bool)> {
        x.as_ref().map(|f| (f.value.as_str(), f.accepted))
    }
    assert_eq!(value(&f.last_name), Some(("VAN DER MEER", true)));
    assert_eq!(value(&f.birth_date), Some(("1988-07-20", true)));
    assert_eq!(value(&f.document_number), Some(("FNWVM1666", true)));
    assert_eq!(value(&f.identity_number), Some(("234418187", true)));
    assert!(scan.extraction.retry.is_empty(), "{:?}", scan.extraction.retry);
}

/// The scan walk refuses no photo of the shared sets (baseline, progressive, with restart intervals, from
/// several encoders), and refuses each of them cut at two thirds and closed again with an end marker.
#[test]
fn every_shared_jpeg_decodes_whole_and_is_refused_cut_and_closed() {
    let mut seen = 0;
    for set in ["specimens", "synthetic-dev"] {
        for entry in std::fs::read_dir(common::testdata().join(set)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if !bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
                continue;
            }
            kyc::imaging::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut closed = bytes[..bytes.len() * 2 / 3].to_vec();
            closed.extend_from_slice(&[0xFF, 0xD9]);
            let err = kyc::imaging::decode(&closed).unwrap_err();
            assert_eq!(err, kyc::imaging::ImageError::Corrupt, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 60, "{seen} JPEGs");
}
