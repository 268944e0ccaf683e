//! End-to-end tests of the Step 1 API through the real handler, OCR and storage.

mod common;

use bytes::Bytes;
use common::app::{ADMIN_KEY, API_KEY, Form, TestApp};
use kyc::config::ProjectOptions;
use serde_json::Value;

const VALID_PASSPORT: &str = "synthetic-dev/img_0016.jpg"; // ITA passport, valid until 2028
const BLANK: &str = "synthetic-dev/bad/blank_white.jpg";

fn codes(body: &Value) -> Vec<String> {
    body["retry"].as_array().unwrap().iter().map(|r| r["retryCode"].as_str().unwrap().to_owned()).collect()
}

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
    assert!(key.starts_with("submissions/") && key.ends_with("/1/front.jpg"), "{key}");
    let stored = app.images.get(key).await.unwrap().expect("front image stored");
    assert_eq!(stored, common::read_testdata(VALID_PASSPORT));
    // The record can be read back, without image keys.
    let id = body["submissionId"].as_str().unwrap();
    let (status, rec) = app.send(get(&format!("/submission/{id}"), API_KEY)).await;
    assert_eq!(status, 200);
    assert_eq!(rec["kycStatus"], "pending");
    assert!(rec.get("idImage").is_none());
}

#[tokio::test]
async fn an_unreadable_image_is_incomplete_and_three_failures_reject_the_submission() {
    let app = TestApp::local(ProjectOptions::default());
    let (status, first) = app.step1(&Form::step1("b@example.com", "passport", "NLD", BLANK)).await;
    assert_eq!(status, 200);
    assert_eq!(first["kycStatus"], "incomplete");
    assert_eq!(codes(&first), ["recognition_fail"]);
    assert!(first.get("reviewOCRData").is_none(), "no OCR data when OCR fails");
    let id = first["submissionId"].as_str().unwrap().to_owned();
    let retry = || Form::step1("b@example.com", "passport", "NLD", BLANK).text("submissionId", &id);
    let (_, second) = app.step1(&retry()).await;
    assert_eq!((second["kycStatus"].as_str(), second["retryCount"].as_u64()), (Some("incomplete"), Some(2)));
    let (_, third) = app.step1(&retry()).await;
    assert_eq!(third["kycStatus"], "rejected");
    assert_eq!(third["retryCount"], 3);
    assert!(codes(&third).contains(&"too_many_retry".to_string()));
    // A rejected submission cannot be retried again.
    let (status, body) = app.step1(&retry()).await;
    assert_eq!((status, body["errorCode"].as_str()), (409, Some("submission_not_retryable")));
}

#[tokio::test]
async fn a_retry_must_name_a_live_submission_of_the_same_email() {
    let app = TestApp::local(ProjectOptions::default());
    let (_, first) = app.step1(&Form::step1("c@example.com", "passport", "NLD", BLANK)).await;
    let id = first["submissionId"].as_str().unwrap().to_owned();
    let (status, body) = app.step1(&Form::step1("other@example.com", "passport", "NLD", BLANK).text("submissionId", &id)).await;
    assert_eq!((status, body["errorCode"].as_str()), (409, Some("submission_email_mismatch")));
    let unknown = uuid::Uuid::new_v4().to_string();
    let (status, body) = app.step1(&Form::step1("c@example.com", "passport", "NLD", BLANK).text("submissionId", &unknown)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")));
    app.advance(4 * 3600 + 1);
    let (status, body) = app.step1(&Form::step1("c@example.com", "passport", "NLD", BLANK).text("submissionId", &id)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")), "expired after 4 hours");
}

#[tokio::test]
async fn concurrent_retries_of_one_submission_do_not_both_count() {
    let app = TestApp::local(ProjectOptions::default());
    let (_, first) = app.step1(&Form::step1("d@example.com", "passport", "NLD", BLANK)).await;
    let id = first["submissionId"].as_str().unwrap().to_owned();
    let form = Form::step1("d@example.com", "passport", "NLD", BLANK).text("submissionId", &id);
    let (a, b) = tokio::join!(app.step1(&form), app.step1(&form));
    let statuses = [a.0, b.0];
    assert!(statuses.contains(&200), "{statuses:?}");
    let (_, rec) = app.send(get(&format!("/submission/{id}"), API_KEY)).await;
    let ok_count = statuses.iter().filter(|s| **s == 200).count() as u64;
    assert_eq!(rec["retryCount"].as_u64(), Some(1 + ok_count));
    if ok_count == 1 {
        let loser = if a.0 == 200 { &b.1 } else { &a.1 };
        assert_eq!(loser["errorCode"], "concurrent_retry");
    }
}

#[tokio::test]
async fn project_options_reject_and_custom_options_switch_them_off() {
    let options = ProjectOptions {
        blacklist_countries: ["ITA".to_string()].into(),
        age_limit: Some(40),
        ..Default::default()
    };
    let app = TestApp::local(options);
    let (_, body) = app.step1(&Form::step1("e@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(body["kycStatus"], "rejected");
    assert_eq!(codes(&body), ["blacklistCountry", "under_ageLimit"]);
    let off = r#"{"blacklistCountries": false, "ageLimit": false}"#;
    let (_, body) = app.step1(&Form::step1("f@example.com", "passport", "ITA", VALID_PASSPORT).text("customOptions", off)).await;
    assert_eq!(body["kycStatus"], "pending", "{body}");
}

#[tokio::test]
async fn duplicates_and_the_approved_period_are_enforced() {
    let options = ProjectOptions { reject_duplicate_user: true, approve_period_days: Some(30), ..Default::default() };
    let app = TestApp::local(options);
    let (_, first) = app.step1(&Form::step1("g@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(first["kycStatus"], "pending");
    // The same holder under another email is a duplicate while the first is pending.
    let (_, dup) = app.step1(&Form::step1("h@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(codes(&dup), ["duplicate_user"]);
    let (_, allowed) = app
        .step1(&Form::step1("i@example.com", "passport", "ITA", VALID_PASSPORT).text("customOptions", r#"{"rejectDuplicateUser": false}"#))
        .await;
    assert_eq!(allowed["kycStatus"], "pending", "{allowed}");
    // Approve the first: its TTL goes, and the approve period now applies to the same holder.
    let id = first["submissionId"].as_str().unwrap();
    let decision = http::Request::post(format!("/submission/{id}/decision"))
        .header("x-api-key", ADMIN_KEY)
        .body(Bytes::from_static(br#"{"decision": "approved", "reason": "checked"}"#))
        .unwrap();
    let (status, decided) = app.send(decision).await;
    assert_eq!((status, decided["kycStatus"].as_str()), (200, Some("approved")));
    app.advance(5 * 3600);
    let (status, rec) = app.send(get(&format!("/submission/{id}"), API_KEY)).await;
    assert_eq!((status, rec["kycStatus"].as_str()), (200, Some("approved")), "a decided record outlives the 4 hours");
    let (_, again) = app
        .step1(&Form::step1("j@example.com", "passport", "ITA", VALID_PASSPORT).text("customOptions", r#"{"rejectDuplicateUser": false}"#))
        .await;
    assert_eq!(codes(&again), ["approvePeriod"]);
    let off = r#"{"rejectDuplicateUser": false, "approvePeriod": false}"#;
    let (_, ok) = app.step1(&Form::step1("k@example.com", "passport", "ITA", VALID_PASSPORT).text("customOptions", off)).await;
    assert_eq!(ok["kycStatus"], "pending");
}

#[tokio::test]
async fn every_bad_upload_gets_its_expected_outcome_and_an_invalid_one_stores_nothing() {
    let app = TestApp::local(ProjectOptions::default());
    let expected: Vec<Value> = serde_json::from_slice(&common::read_testdata("synthetic-dev/bad/expected.json")).unwrap();
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
async fn malformed_requests_are_refused_with_stable_codes() {
    let app = TestApp::local(ProjectOptions::default());
    let good = Form::step1("m@example.com", "passport", "NLD", BLANK);
    let (status, body) = app.send(good.request("wrong-key")).await;
    assert_eq!((status, body["errorCode"].as_str()), (401, Some("unauthorized")));
    let json = http::Request::post("/submission/step1")
        .header("x-api-key", API_KEY)
        .header("content-type", "application/json")
        .body(Bytes::from_static(b"{}"))
        .unwrap();
    assert_eq!(app.send(json).await.0, 415);
    let cases: Vec<(Form, &str)> = vec![
        (good.clone().text("dImage", "x"), "unknown_field"),
        (good.clone().text("email", "again@example.com"), "duplicate_field"),
        (Form::new().text("email", "m@example.com").text("idType", "passport").text("issuingCountry", "NLD"), "missing_field"),
        (Form::step1("not-an-email", "passport", "NLD", BLANK), "invalid_email"),
        (Form::step1("m@example.com", "passports", "NLD", BLANK), "invalid_id_type"),
        (Form::step1("m@example.com", "passport", "XYZ", BLANK), "invalid_country"),
        (good.clone().text("cf1", &"x".repeat(300)), "field_too_long"),
        (good.clone().text("customOptions", r#"{"ageLimit": true}"#), "invalid_custom_options"),
        (Form::step1("m@example.com", "government_id", "NLD", BLANK), "back_image_required"),
    ];
    for (form, code) in cases {
        let (status, body) = app.step1(&form).await;
        assert_eq!((status, body["errorCode"].as_str()), (400, Some(code)), "{body}");
    }
    assert!(app.stored_files().is_empty(), "refused requests store nothing");
}

#[tokio::test]
async fn alpha2_countries_are_normalised_and_a_stage_prefix_is_accepted() {
    let app = TestApp::local(ProjectOptions::default());
    let form = Form::step1("n@example.com", "passport", "it", VALID_PASSPORT);
    let mut req = form.request(API_KEY);
    *req.uri_mut() = "/prod/submission/step1".parse().unwrap();
    let (status, body) = app.send(req).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["issuingCountry"], "ITA");
}

#[tokio::test]
async fn the_rear_side_rules_and_the_contract_are_served() {
    let app = TestApp::local(ProjectOptions::default());
    let (status, rules) = app.send(get("/id-types", "")).await;
    assert_eq!(status, 200);
    assert!(rules["rules"].as_array().unwrap().len() >= 5);
    let resp = kyc::api::handle(app.state.clone(), get("/openapi.yaml", "")).await;
    assert_eq!(resp.status(), 200);
    assert!(std::str::from_utf8(resp.body()).unwrap().starts_with("openapi: 3.1"));
}

fn get(path: &str, key: &str) -> http::Request<Bytes> {
    http::Request::get(path).header("x-api-key", key).body(Bytes::new()).unwrap()
}

#[tokio::test]
async fn real_responses_only_use_fields_and_codes_the_contract_documents() {
    let contract = kyc::api::OPENAPI_YAML;
    let documented = |name: &str| contract.contains(&format!(" {name}:")) || contract.contains(&format!("- {name}\n"));
    let app = TestApp::local(ProjectOptions::default());
    let (_, ok) = app.step1(&Form::step1("o@example.com", "passport", "ITA", VALID_PASSPORT).text("cf1", "x")).await;
    let (_, incomplete) = app.step1(&Form::step1("o@example.com", "passport", "NLD", BLANK)).await;
    for body in [&ok, &incomplete] {
        for key in body.as_object().unwrap().keys() {
            assert!(documented(key), "response field {key} is not in openapi.yaml");
        }
        for key in body["reviewOCRData"].as_object().into_iter().flat_map(|o| o.keys()) {
            assert!(documented(key), "reviewOCRData.{key} is not in openapi.yaml");
        }
        for key in body["document_fields"].as_object().into_iter().flat_map(|o| o.keys()) {
            assert!(documented(key), "document_fields.{key} is not in openapi.yaml");
        }
        for code in codes(body) {
            assert!(documented(&code), "retry code {code} is not in openapi.yaml");
        }
    }
    let (_, err) = app.step1(&Form::step1("o@example.com", "passports", "NLD", BLANK)).await;
    assert!(documented(err["errorCode"].as_str().unwrap()));
    for key in err.as_object().unwrap().keys() {
        assert!(documented(key), "error field {key}");
    }
}

#[tokio::test]
async fn the_rejected_period_refuses_the_same_holder_unless_switched_off() {
    let options = ProjectOptions { reject_period_days: Some(30), ..Default::default() };
    let app = TestApp::local(options);
    let (_, first) = app.step1(&Form::step1("p@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    let id = first["submissionId"].as_str().unwrap();
    let decision = http::Request::post(format!("/submission/{id}/decision"))
        .header("x-api-key", ADMIN_KEY)
        .body(Bytes::from_static(br#"{"decision": "rejected", "reason": "photo of a screen"}"#))
        .unwrap();
    assert_eq!(app.send(decision).await.0, 200);
    // An API key is not an admin key.
    let again = http::Request::post(format!("/submission/{id}/decision"))
        .header("x-api-key", API_KEY)
        .body(Bytes::from_static(br#"{"decision": "approved"}"#))
        .unwrap();
    assert_eq!(app.send(again).await.0, 401);
    app.advance(86400);
    let (_, refused) = app.step1(&Form::step1("q@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(codes(&refused), ["rejectPeriod"]);
    assert_eq!(refused["kycStatus"], "rejected");
    let (_, allowed) = app
        .step1(&Form::step1("r@example.com", "passport", "ITA", VALID_PASSPORT).text("customOptions", r#"{"rejectPeriod": false}"#))
        .await;
    assert_eq!(allowed["kycStatus"], "pending", "{allowed}");
    // After the period the holder may submit again.
    app.advance(31 * 86400);
    let (_, later) = app.step1(&Form::step1("s@example.com", "passport", "ITA", VALID_PASSPORT)).await;
    assert_eq!(later["kycStatus"], "pending", "{later}");
}

#[tokio::test]
async fn universal_mode_answers_document_fields_as_an_empty_array_when_ocr_fails() {
    let app = TestApp::local(ProjectOptions::default());
    let (status, body) = app.step1(&Form::step1("u@example.com", "universal", "NLD", BLANK)).await;
    assert_eq!(status, 200);
    assert_eq!(body["document_fields"], serde_json::json!([]));
    let (_, typed) = app.step1(&Form::step1("v@example.com", "passport", "NLD", BLANK)).await;
    assert!(typed["document_fields"].is_object(), "other types keep the object form");
}
