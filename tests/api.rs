//! End-to-end tests of the Step 1 API through the real handler, the real OCR engine and local storage, on real
//! photos. Behaviour that does not depend on reading a photo is in `behaviour.rs`, with a scripted reader.

mod common;

use common::app::{API_KEY, Form, TestApp, codes};
use kyc::kyc::ProjectOptions;
use serde_json::Value;

const VALID_PASSPORT: &str = "synthetic-dev/img_0016.jpg"; // ITA passport, valid until 2028-12-05
const BLANK: &str = "synthetic-dev/bad/blank_white.jpg";

#[tokio::test]
async fn a_valid_passport_is_pending_with_confirmed_fields_and_a_stored_image() {
    let app = TestApp::local(ProjectOptions::default());
    let (status, body) = app.step1(&Form::step1("anna@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["kycStatus"], "pending", "{body}");
    assert_eq!(body["retryCount"], 1);
    assert!(codes(&body).is_empty());
    let review = &body["reviewOCRData"];
    assert_eq!(review["ocr_lastName"], "D'ANGELO");
    assert_eq!(review["ocr_birthDate"], "1991-05-01");
    assert_eq!(review["accepted_ocr_birthDate"], true);
    assert_eq!(review["ocr_documentNumber"], "JT9324338");
    assert_eq!(body["file_upload"], "true");
    assert_eq!(body["file_back_upload"], "false");
    let key = body["idImage"].as_str().unwrap();
    assert!(key.starts_with("submissions/") && key.ends_with("/front.jpg"), "{key}");
    let stored = app.images.get(key).await.unwrap().expect("front image stored");
    assert_eq!(stored, common::read_testdata(VALID_PASSPORT));
    // The record can be read back, without image keys, with the same status.
    let id = body["submissionId"].as_str().unwrap();
    let (status, rec) = app.get(id, API_KEY).await;
    assert_eq!(status, 200);
    assert_eq!(rec["kycStatus"], "pending");
    assert_eq!(rec["reviewOCRData"], body["reviewOCRData"]);
    assert!(rec.get("idImage").is_none());
}

#[tokio::test]
async fn an_unreadable_photo_is_incomplete_without_ocr_data() {
    let app = TestApp::local(ProjectOptions::default());
    let (status, body) = app.step1(&Form::step1("b@example.com", "passport", "NLD", BLANK)).await;
    assert_eq!(status, 200);
    assert_eq!(body["kycStatus"], "incomplete");
    assert_eq!(codes(&body), ["recognition_fail"]);
    assert!(body.get("reviewOCRData").is_none(), "no OCR data when OCR fails");
}

#[tokio::test]
async fn every_bad_upload_gets_its_expected_outcome_and_an_invalid_one_stores_nothing() {
    let app = TestApp::local(ProjectOptions::default());
    let expected: Vec<Value> =
        serde_json::from_slice(&common::read_testdata("synthetic-dev/bad/expected.json")).unwrap();
    for case in expected {
        let file = format!("synthetic-dev/{}", case["file"].as_str().unwrap());
        let before = app.stored_files().len();
        let (status, body) = app.step1(&Form::step1("bad@example.com", "passport", "NLD", &file)).await;
        let expect = case["expect"].as_str().unwrap();
        assert!(status < 500, "{file}: {status} {body}");
        match expect {
            "retry_no_document" => {
                assert_eq!(status, 200, "{file}: {body}");
                assert_eq!(body["kycStatus"], "incomplete", "{file}");
                assert!(!codes(&body).is_empty());
            }
            "process_or_reject_4xx" | "reject_unsupported_or_process_4xx" => {
                assert!(status == 200 || (400..500).contains(&status), "{file}: {status}");
            }
            _ => {
                assert!((400..500).contains(&status), "{file}: {status} {body}");
                let code = body["errorCode"].as_str().unwrap();
                let want = match expect {
                    "reject_too_small" => "image_too_small",
                    "reject_corrupt" => "image_corrupt",
                    "reject_too_large" => "image_too_large",
                    "reject_not_an_image" => "image_not_an_image",
                    other => panic!("unknown expectation {other}"),
                };
                assert_eq!(code, want, "{file}");
                assert!(body["requestId"].is_string() && body["errorMsg"].is_string());
                assert_eq!(app.stored_files().len(), before, "{file}: a rejected upload stored something");
            }
        }
    }
}

#[tokio::test]
async fn alpha2_countries_are_normalised() {
    let app = TestApp::local(ProjectOptions::default());
    let form = Form::step1("n@example.com", "passport", "it", VALID_PASSPORT);
    let (status, body) = app.send(form.request(API_KEY)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["issuingCountry"], "ITA");
    // A stage is API Gateway's, removed by the Lambda adapter only (tests/lambda_aws.rs): here it names nothing.
    let (status, body) = app.send(form.request_to("/prod/submission/step1", API_KEY)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("not_found")));
}
