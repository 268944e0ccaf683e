//! Behaviour of the Step 1 API that does not depend on reading a real photo: retries, options, projects,
//! concurrency, errors and the contract. A scripted reader stands in for OCR (see `common::fake`), so these run in
//! milliseconds; `api.rs` keeps the end-to-end tests on real photos.

mod common;

use std::sync::Arc;

use bytes::Bytes;
use common::app::{ADMIN_KEY, API_KEY, Form, OTHER_PROJECT_KEY, TestApp, codes, get};
use common::fake::{self, ANNA_WIDTH, BLANK_WIDTH, OLE_WIDTH, YOUNG_WIDTH, png};
use kyc::kyc::{Country, ProjectOptions};
use serde_json::Value;

fn app(options: ProjectOptions) -> TestApp {
    TestApp::local_with(options, fake::reader())
}

fn passport(email: &str, width: u32) -> Form {
    Form::with_image(email, "passport", "UTO", png(width))
}

fn id_of(body: &Value) -> String {
    body["submissionId"].as_str().expect("a submissionId").to_owned()
}

#[tokio::test]
async fn a_readable_passport_is_pending_with_its_fields_confirmed() {
    let app = app(ProjectOptions::default());
    let (status, body) = app.step1(&passport("anna@example.com", ANNA_WIDTH)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["kycStatus"], "pending", "{body}");
    assert_eq!(body["reviewOCRData"]["ocr_lastName"], "NORDLUND");
    assert_eq!(body["reviewOCRData"]["accepted_ocr_documentNumber"], true);
    assert_eq!(body["expiresAt"], "2026-11-26T16:00:00+00:00", "valid for 4 hours from the fixed clock");
}

#[tokio::test]
async fn three_unreadable_attempts_reject_the_submission_and_it_cannot_be_retried_again() {
    let app = app(ProjectOptions::default());
    let (status, first) = app.step1(&passport("b@example.com", BLANK_WIDTH)).await;
    assert_eq!((status, first["kycStatus"].as_str()), (200, Some("incomplete")));
    assert_eq!(codes(&first), ["recognition_fail"]);
    let id = id_of(&first);
    let retry = || passport("b@example.com", BLANK_WIDTH).text("submissionId", &id);
    let (_, second) = app.step1(&retry()).await;
    assert_eq!((second["kycStatus"].as_str(), second["retryCount"].as_u64()), (Some("incomplete"), Some(2)));
    let (_, third) = app.step1(&retry()).await;
    assert_eq!((third["kycStatus"].as_str(), third["retryCount"].as_u64()), (Some("rejected"), Some(3)));
    assert!(codes(&third).contains(&"too_many_retry".to_string()));
    let (status, body) = app.step1(&retry()).await;
    assert_eq!((status, body["errorCode"].as_str()), (409, Some("submission_not_retryable")));
}

#[tokio::test]
async fn a_retry_that_reads_the_document_turns_the_submission_pending() {
    let app = app(ProjectOptions::default());
    let (_, first) = app.step1(&passport("c@example.com", BLANK_WIDTH)).await;
    let id = id_of(&first);
    let (status, second) = app.step1(&passport("c@example.com", ANNA_WIDTH).text("submissionId", &id)).await;
    assert_eq!(status, 200, "{second}");
    assert_eq!((second["submissionId"].as_str(), second["kycStatus"].as_str()), (Some(id.as_str()), Some("pending")));
    assert_eq!(second["retryCount"], 2);
    // Both attempts' images are kept with the record.
    assert_eq!(app.stored_files().len(), 2);
}

#[tokio::test]
async fn a_retry_must_name_a_live_submission_of_the_same_email() {
    let app = app(ProjectOptions::default());
    let (_, first) = app.step1(&passport("d@example.com", BLANK_WIDTH)).await;
    let id = id_of(&first);
    let (status, body) = app.step1(&passport("other@example.com", BLANK_WIDTH).text("submissionId", &id)).await;
    assert_eq!((status, body["errorCode"].as_str()), (409, Some("submission_email_mismatch")));
    let unknown = uuid::Uuid::new_v4().to_string();
    let (status, body) = app.step1(&passport("d@example.com", BLANK_WIDTH).text("submissionId", &unknown)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")));
    let (status, body) = app.step1(&passport("d@example.com", BLANK_WIDTH).text("submissionId", "../../etc")).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")));
    app.advance(4 * 3600 + 1);
    let (status, body) = app.step1(&passport("d@example.com", BLANK_WIDTH).text("submissionId", &id)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")), "expired after 4 hours");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_twenty_concurrent_retries_exactly_one_wins_and_its_images_survive() {
    let app = Arc::new(app(ProjectOptions::default()));
    let (_, first) = app.step1(&passport("race@example.com", BLANK_WIDTH)).await;
    let id = id_of(&first);
    let form = passport("race@example.com", ANNA_WIDTH).text("submissionId", &id);
    let racers: Vec<_> = (0..20)
        .map(|_| {
            let (app, form) = (app.clone(), form.clone());
            tokio::spawn(async move { app.step1(&form).await })
        })
        .collect();
    let mut results = Vec::new();
    for r in racers {
        results.push(r.await.unwrap());
    }
    let winners: Vec<&Value> = results.iter().filter(|(s, _)| *s == 200).map(|(_, b)| b).collect();
    assert_eq!(winners.len(), 1, "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    for (status, body) in &results {
        assert!(*status == 200 || (*status == 409 && body["errorCode"] == "concurrent_retry"), "{status} {body}");
    }
    let (_, rec) = app.get(&id, API_KEY).await;
    assert_eq!(rec["retryCount"], 2, "the retry counts once");
    // The winner's image is there, and only the two attempts' images remain: the losers removed their own.
    let key = winners[0]["idImage"].as_str().unwrap();
    assert!(app.images.get(key).await.unwrap().is_some(), "the winner's image survives");
    assert_eq!(app.stored_files().len(), 2, "{:?}", app.stored_files());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_concurrent_approvals_and_rejections_exactly_one_decision_wins() {
    let app = Arc::new(app(ProjectOptions::default()));
    let (_, first) = app.step1(&passport("decide@example.com", ANNA_WIDTH)).await;
    assert_eq!(first["kycStatus"], "pending");
    let id = id_of(&first);
    let deciders: Vec<_> = (0..10)
        .map(|i| {
            let (app, id) = (app.clone(), id.clone());
            tokio::spawn(async move { app.decide(&id, if i % 2 == 0 { "approved" } else { "rejected" }).await })
        })
        .collect();
    let mut results = Vec::new();
    for d in deciders {
        results.push(d.await.unwrap());
    }
    let winners: Vec<&(u16, Value)> = results.iter().filter(|(s, _)| *s == 200).collect();
    assert_eq!(winners.len(), 1, "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    for (status, body) in &results {
        let code = body["errorCode"].as_str().unwrap_or("");
        assert!(
            *status == 200 || (*status == 409 && ["concurrent_update", "submission_not_decidable"].contains(&code)),
            "{body}"
        );
    }
    let (_, rec) = app.get(&id, API_KEY).await;
    assert_eq!(rec["kycStatus"], winners[0].1["kycStatus"], "the stored status is the winner's");
    assert_eq!(rec["decisionReason"], "checked by hand");
}

#[tokio::test]
async fn project_options_reject_and_custom_options_switch_them_off() {
    let options = ProjectOptions {
        blacklist_countries: [Country::parse("UTO").unwrap()].into(),
        age_limit: Some(18),
        ..Default::default()
    };
    let app = app(options);
    let (_, body) = app.step1(&passport("e@example.com", YOUNG_WIDTH)).await;
    assert_eq!(body["kycStatus"], "rejected");
    assert_eq!(codes(&body), ["blacklistCountry", "under_ageLimit"]);
    let off = r#"{"blacklistCountries": false, "ageLimit": false}"#;
    let (_, body) = app.step1(&passport("f@example.com", YOUNG_WIDTH).text("customOptions", off)).await;
    assert_eq!(body["kycStatus"], "pending", "{body}");
    assert_eq!(body["customOptions"], serde_json::json!({"blacklistCountries": false, "ageLimit": false}));
}

#[tokio::test]
async fn duplicates_and_the_approved_period_are_enforced() {
    let options = ProjectOptions { reject_duplicate_user: true, approve_period_days: Some(30), ..Default::default() };
    let app = app(options);
    let (_, first) = app.step1(&passport("g@example.com", ANNA_WIDTH)).await;
    assert_eq!(first["kycStatus"], "pending");
    let (_, dup) = app.step1(&passport("h@example.com", ANNA_WIDTH)).await;
    assert_eq!(codes(&dup), ["duplicate_user"], "the same holder under another email");
    let (_, other_holder) = app.step1(&passport("h2@example.com", OLE_WIDTH)).await;
    assert_eq!(other_holder["kycStatus"], "pending");
    let no_dup = r#"{"rejectDuplicateUser": false}"#;
    let (_, allowed) = app.step1(&passport("i@example.com", ANNA_WIDTH).text("customOptions", no_dup)).await;
    assert_eq!(allowed["kycStatus"], "pending", "{allowed}");
    let id = id_of(&first);
    let (status, decided) = app.decide(&id, "approved").await;
    assert_eq!((status, decided["kycStatus"].as_str()), (200, Some("approved")));
    app.advance(5 * 3600);
    let (status, rec) = app.get(&id, API_KEY).await;
    assert_eq!((status, rec["kycStatus"].as_str()), (200, Some("approved")), "a decided record outlives the 4 hours");
    let (_, again) = app.step1(&passport("j@example.com", ANNA_WIDTH).text("customOptions", no_dup)).await;
    assert_eq!(codes(&again), ["approvePeriod"]);
    let off = r#"{"rejectDuplicateUser": false, "approvePeriod": false}"#;
    let (_, ok) = app.step1(&passport("k@example.com", ANNA_WIDTH).text("customOptions", off)).await;
    assert_eq!(ok["kycStatus"], "pending");
}

#[tokio::test]
async fn the_rejected_period_refuses_the_same_holder_unless_switched_off() {
    let app = app(ProjectOptions { reject_period_days: Some(30), ..Default::default() });
    let (_, first) = app.step1(&passport("p@example.com", OLE_WIDTH)).await;
    let id = id_of(&first);
    assert_eq!(app.decide(&id, "rejected").await.0, 200);
    // An API key is not an admin key.
    let again = http::Request::post(format!("/submission/{id}/decision"))
        .header("x-api-key", API_KEY)
        .body(Bytes::from_static(br#"{"decision": "approved"}"#))
        .unwrap();
    assert_eq!(app.send(again).await.0, 401);
    app.advance(86400);
    let (_, refused) = app.step1(&passport("q@example.com", OLE_WIDTH)).await;
    assert_eq!((refused["kycStatus"].as_str(), codes(&refused)), (Some("rejected"), vec!["rejectPeriod".to_string()]));
    let (_, allowed) =
        app.step1(&passport("r@example.com", OLE_WIDTH).text("customOptions", r#"{"rejectPeriod": false}"#)).await;
    assert_eq!(allowed["kycStatus"], "pending", "{allowed}");
    app.advance(31 * 86400);
    let (_, later) = app.step1(&passport("s@example.com", OLE_WIDTH)).await;
    assert_eq!(later["kycStatus"], "pending", "{later}");
}

#[tokio::test]
async fn another_projects_key_can_neither_read_retry_decide_nor_collide_with_a_submission() {
    let app = app(ProjectOptions { reject_duplicate_user: true, ..Default::default() });
    let (_, first) = app.step1(&passport("t@example.com", BLANK_WIDTH)).await;
    let id = id_of(&first);
    let (status, body) = app.get(&id, OTHER_PROJECT_KEY).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")));
    let retry = passport("t@example.com", ANNA_WIDTH).text("submissionId", &id);
    let (status, body) = app.send(retry.request(OTHER_PROJECT_KEY)).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("submission_not_found")));
    // The first project's pending holder is no duplicate in the other project.
    let (_, pending) = app.step1(&passport("u@example.com", OLE_WIDTH)).await;
    assert_eq!(pending["kycStatus"], "pending");
    let (status, other) = app.send(passport("u@example.com", OLE_WIDTH).request(OTHER_PROJECT_KEY)).await;
    assert_eq!((status, other["kycStatus"].as_str()), (200, Some("pending")), "{other}");
    // The first project's admin key does not reach the other project's submission.
    let (status, _) = app.decide(&id_of(&other), "approved").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn one_mailbox_and_one_user_id_are_one_identity_however_they_are_spelled() {
    let app = app(ProjectOptions { reject_duplicate_user: true, ..Default::default() });
    let (_, first) = app.step1(&passport("pat@example.com", ANNA_WIDTH).text("userid", "user-42")).await;
    assert_eq!(first["kycStatus"], "pending", "{first}");
    let (_, again) = app.step1(&passport(" PAT@Example.COM ", OLE_WIDTH)).await;
    assert_eq!(codes(&again), ["duplicate_user"], "the same mailbox in other case: {again}");
    let (_, wide) = app.step1(&passport("someone@example.com", OLE_WIDTH).text("userid", "\u{FF55}ser-42")).await;
    assert_eq!(codes(&wide), ["duplicate_user"], "a full-width spelling of the same user id: {wide}");
}

/// A PNG of `width`x`height` with nothing but its header and end: refused before a pixel is decoded.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut p = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    p.extend_from_slice(&width.to_be_bytes());
    p.extend_from_slice(&height.to_be_bytes());
    p.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    p.extend_from_slice(b"\0\0\0\0IEND\xae\x42\x60\x82");
    p
}

/// A JPEG whose frame header says arithmetic coding (SOF9), a variant the decoder does not implement.
fn arithmetic_jpeg() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(300, 300).write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let mut j = out.into_inner();
    let sof = j.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    j[sof + 1] = 0xC9;
    j
}

/// A JPEG cut at half its length and closed again with an end marker: its markers look whole, its scan is not.
fn cut_and_closed_jpeg() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let img = image::RgbImage::from_fn(300, 300, |x, y| image::Rgb([(x * 3) as u8, (y * 7) as u8, (x ^ y) as u8]));
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    let mut j = out.into_inner();
    j.truncate(j.len() / 2);
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

/// Step 1's answer and GET hold a person's data; errors and static routes are marked the same, so no cache between
/// the service and the client keeps any of it.
#[tokio::test]
async fn every_response_says_no_store() {
    let app = app(ProjectOptions::default());
    let step1 = kyc::api::handle(
        app.state.clone(),
        Form::with_image("cache@example.com", "passport", "NLD", png(ANNA_WIDTH)).request(API_KEY),
        kyc::api::Caller::Unverified,
    )
    .await;
    assert_eq!(step1.status(), 200);
    let id = serde_json::from_slice::<Value>(step1.body()).unwrap()["submissionId"].as_str().unwrap().to_owned();
    let read =
        kyc::api::handle(app.state.clone(), get(&format!("/submission/{id}"), API_KEY), kyc::api::Caller::Unverified)
            .await;
    let refused =
        kyc::api::handle(app.state.clone(), get("/submission/nope", "wrong-key"), kyc::api::Caller::Unverified).await;
    for (what, r) in [("step 1", &step1), ("GET", &read), ("401", &refused)] {
        assert_eq!(
            r.headers().get(http::header::CACHE_CONTROL).map(|v| v.to_str().unwrap()),
            Some("no-store"),
            "{what}"
        );
    }
}

#[tokio::test]
async fn a_path_names_a_route_as_written_or_nothing() {
    let app = app(ProjectOptions::default());
    for path in ["/x/submission/step1", "/prod/health", "/%2e%2e/health", "/x/../health", "//health", "/health/"] {
        assert_eq!(app.send(get(path, API_KEY)).await.0, 404, "{path}");
    }
    let post = |path: &str| passport("p@example.com", ANNA_WIDTH).request_to(path, API_KEY);
    let (status, body) = app.send(post("/x/submission/step1")).await;
    assert_eq!((status, body["errorCode"].as_str()), (404, Some("not_found")));
    assert!(app.stored_files().is_empty());
    assert_eq!(app.send(get("/health", "")).await.0, 200);
    let head = http::Request::head("/health").body(Bytes::new()).unwrap();
    assert_eq!(app.send(head).await.0, 200, "HEAD is GET without the body");
}

#[tokio::test]
async fn a_multipart_body_is_read_one_way_or_refused() {
    let app = app(ProjectOptions::default());
    let good = passport("mp@example.com", ANNA_WIDTH);
    let (boundary, body) = (common::app::BOUNDARY, good.body());
    let send = |body: Vec<u8>| {
        http::Request::post("/submission/step1")
            .header("x-api-key", API_KEY)
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(Bytes::from(body))
            .unwrap()
    };
    let text = |s: &str| s.as_bytes().to_vec();
    // Parts after the closing boundary: a second email a proxy might read.
    let mut after = body.clone();
    after.extend(text(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com\r\n--{boundary}--\r\n"
    )));
    // A part with two Content-Disposition headers (a proxy may read the first, a parser the last).
    let two = text(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"cf1\"\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx\r\n"
    ));
    let two = [two, body.clone()].concat();
    for bad in [after, two] {
        let (status, resp) = app.send(send(bad)).await;
        assert_eq!((status, resp["errorCode"].as_str()), (400, Some("invalid_multipart")), "{resp}");
    }
    // Parameter names in upper case are the same parameters.
    let mut upper = body.clone();
    for i in 0..upper.len().saturating_sub(7) {
        if &upper[i..i + 7] == b"; name=" {
            upper[i + 2..i + 6].copy_from_slice(b"NAME");
        }
    }
    let (status, resp) = app.send(send(upper)).await;
    assert_eq!(status, 200, "{resp}");
    let dup = good.clone().text("customOptions", r#"{"ageLimit":false,"ageLimit":false}"#);
    let (status, resp) = app.step1(&dup).await;
    assert_eq!((status, resp["errorCode"].as_str()), (400, Some("invalid_custom_options")));
}

#[tokio::test]
async fn an_image_is_stored_without_what_follows_its_end() {
    let app = app(ProjectOptions::default());
    let image = png(ANNA_WIDTH);
    let mut polyglot = image.clone();
    polyglot.extend_from_slice(b"PK\x03\x04 an archive appended to the image");
    let (status, body) = app.step1(&Form::with_image("poly@example.com", "passport", "UTO", polyglot)).await;
    assert_eq!(status, 200, "{body}");
    let stored = app.stored_files();
    assert_eq!(stored.len(), 1);
    assert_eq!(std::fs::read(&stored[0]).unwrap(), image, "the stored bytes are the image's own");
}

#[tokio::test]
async fn malformed_requests_are_refused_with_stable_codes_and_store_nothing() {
    let app = app(ProjectOptions::default());
    let good = passport("m@example.com", ANNA_WIDTH);
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
        (
            Form::new().text("email", "m@example.com").text("idType", "passport").text("issuingCountry", "NLD"),
            "missing_field",
        ),
        (Form::with_image("not-an-email", "passport", "NLD", png(ANNA_WIDTH)), "invalid_email"),
        (Form::with_image("m@example.com", "passports", "NLD", png(ANNA_WIDTH)), "invalid_id_type"),
        (Form::with_image("m@example.com", "passport", "XYZ", png(ANNA_WIDTH)), "invalid_country"),
        (good.clone().text("cf1", &"x".repeat(300)), "field_too_long"),
        (good.clone().text("cf2", "bell\u{7}"), "invalid_field"),
        (good.clone().text("cf1", "a\nInjected: log"), "invalid_field"),
        (good.clone().text("cf3", "a\tb"), "invalid_field"),
        (good.clone().text("userid", "user-42\u{200B}"), "invalid_field"),
        (good.clone().text("userid", "\u{202E}24-resu"), "invalid_field"),
        (Form::with_image("x <m@example.com>", "passport", "NLD", png(ANNA_WIDTH)), "invalid_email"),
        (Form::with_image("\"m\"@example.com", "passport", "NLD", png(ANNA_WIDTH)), "invalid_email"),
        (Form::with_image("m@[127.0.0.1]", "passport", "NLD", png(ANNA_WIDTH)), "invalid_email"),
        (Form::with_image("m@localhost", "passport", "NLD", png(ANNA_WIDTH)), "invalid_email"),
        (good.clone().text("customOptions", r#"{"ageLimit": true}"#), "invalid_custom_options"),
        (Form::with_image("m@example.com", "government_id", "NLD", png(ANNA_WIDTH)), "back_image_required"),
        (Form::with_image("m@example.com", "passport", "NLD", png(100)), "image_too_small"),
        (Form::with_image("m@example.com", "passport", "NLD", b"hello".to_vec()), "image_not_an_image"),
        (
            Form::with_image("m@example.com", "passport", "NLD", png_header_only(6000, 4000)),
            "image_dimensions_too_large",
        ),
        (
            Form::with_image("m@example.com", "passport", "NLD", png_header_only(8000, 8000)),
            "image_dimensions_too_large",
        ),
        (Form::with_image("m@example.com", "passport", "NLD", arithmetic_jpeg()), "image_unsupported_format"),
        (Form::with_image("m@example.com", "passport", "NLD", cut_and_closed_jpeg()), "image_corrupt"),
    ];
    for (form, code) in cases {
        let (status, body) = app.step1(&form).await;
        assert_eq!((status, body["errorCode"].as_str()), (400, Some(code)), "{body}");
    }
    assert!(app.stored_files().is_empty(), "refused requests store nothing");
}

#[tokio::test]
async fn universal_mode_answers_document_fields_as_an_empty_array_when_ocr_fails() {
    let app = app(ProjectOptions::default());
    let (status, body) = app.step1(&Form::with_image("v@example.com", "universal", "NLD", png(BLANK_WIDTH))).await;
    assert_eq!(status, 200);
    assert_eq!(body["document_fields"], serde_json::json!([]));
    let (_, typed) = app.step1(&Form::with_image("w@example.com", "passport", "NLD", png(BLANK_WIDTH))).await;
    assert!(typed["document_fields"].is_object(), "other types keep the object form");
}

/// A reader that panics with document text in its message.
struct PanickingReader;

impl kyc::ocr::TextReader for PanickingReader {
    fn read(&self, _: &image::RgbImage) -> Result<kyc::ocr::OcrPage, kyc::ocr::OcrError> {
        panic!("SEBASTIÀ ROCAFORT 1985-03-02");
    }
}

#[tokio::test]
async fn a_panic_while_reading_is_an_opaque_500_that_stores_nothing() {
    let app = TestApp::local_with(ProjectOptions::default(), Arc::new(PanickingReader));
    let (status, body) = app.step1(&passport("x@example.com", ANNA_WIDTH)).await;
    assert_eq!((status, body["errorCode"].as_str()), (500, Some("internal_error")));
    assert!(!body.to_string().contains("SEBASTI"), "{body}");
    assert!(app.stored_files().is_empty());
}

/// A reader slow enough to keep the pool busy.
struct SlowReader;

impl kyc::ocr::TextReader for SlowReader {
    fn read(&self, _: &image::RgbImage) -> Result<kyc::ocr::OcrPage, kyc::ocr::OcrError> {
        std::thread::sleep(std::time::Duration::from_millis(300));
        Ok(kyc::ocr::OcrPage { lines: vec![], rotation_deg: 0.0, timings_ms: Default::default() })
    }
}

#[tokio::test]
async fn beyond_the_workers_and_the_queue_the_answer_is_503_with_retry_after() {
    let mut app = TestApp::local_with(ProjectOptions::default(), Arc::new(SlowReader));
    let state = Arc::get_mut(&mut app.state).unwrap();
    state.service.pool = kyc::submission::OcrPool::new(1, 1);
    let app = Arc::new(app);
    let calls: Vec<_> = (0..4)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                let form = passport(&format!("busy{i}@example.com"), BLANK_WIDTH);
                let resp =
                    kyc::api::handle(app.state.clone(), form.request(API_KEY), kyc::api::Caller::Unverified).await;
                (resp.status().as_u16(), resp.headers().get("retry-after").cloned())
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for c in calls {
        let (status, retry_after) = c.await.unwrap();
        if status == 503 {
            assert_eq!(retry_after.unwrap(), "2");
        }
        statuses.push(status);
    }
    statuses.sort();
    assert_eq!(statuses, [200, 200, 503, 503], "one running, one queued, two refused");
    assert_eq!(app.stored_files().len(), 2, "refused requests store nothing");
}

#[tokio::test]
async fn the_rear_side_rules_and_the_contract_are_served() {
    let app = app(ProjectOptions::default());
    let (status, rules) = app.send(get("/id-types", "")).await;
    assert_eq!(status, 200);
    assert!(rules["rules"].as_array().unwrap().len() >= 5);
    let resp = kyc::api::handle(app.state.clone(), get("/openapi.yaml", ""), kyc::api::Caller::Unverified).await;
    assert_eq!(resp.status(), 200);
    assert!(std::str::from_utf8(resp.body()).unwrap().starts_with("openapi: 3.1"));
}

mod contract {
    use super::*;

    fn openapi() -> Value {
        serde_yaml_ng::from_str(kyc::api::OPENAPI_YAML).expect("openapi.yaml parses")
    }

    /// A validator for one component schema, resolving `$ref`s inside the whole document.
    fn validator(doc: &Value, component: &str) -> jsonschema::Validator {
        let mut root = doc.clone();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
        root["$ref"] = format!("#/components/schemas/{component}").into();
        jsonschema::draft202012::new(&root).unwrap_or_else(|e| panic!("schema {component}: {e}"))
    }

    fn assert_valid(doc: &Value, component: &str, body: &Value) {
        let v = validator(doc, component);
        let errors: Vec<String> = v.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{component}: {errors:?}\n{body}");
    }

    #[tokio::test]
    async fn real_responses_validate_against_the_openapi_schemas() {
        let doc = openapi();
        let app = app(ProjectOptions { age_limit: Some(18), ..Default::default() });
        let (_, ok) = app.step1(&passport("o@example.com", ANNA_WIDTH).text("cf1", "x").text("userid", "u-1")).await;
        let (_, incomplete) = app.step1(&passport("o@example.com", BLANK_WIDTH)).await;
        let (_, rejected) = app.step1(&passport("o2@example.com", YOUNG_WIDTH)).await;
        let (_, universal) = app.step1(&Form::with_image("o3@example.com", "universal", "NLD", png(BLANK_WIDTH))).await;
        for body in [&ok, &incomplete, &rejected, &universal] {
            assert_valid(&doc, "Step1Response", body);
        }
        let (_, read) = app.get(&id_of(&ok), API_KEY).await;
        assert_valid(&doc, "Submission", &read);
        let (_, decided) = app.decide(&id_of(&ok), "approved").await;
        assert_valid(&doc, "DecisionResponse", &decided);
        let (_, err) = app.step1(&Form::with_image("o@example.com", "passports", "NLD", png(BLANK_WIDTH))).await;
        assert_valid(&doc, "Error", &err);
    }

    #[test]
    fn the_documented_error_codes_are_exactly_the_ones_the_api_answers_with() {
        let doc = openapi();
        let documented: Vec<String> = doc["components"]["schemas"]["Error"]["properties"]["errorCode"]["enum"]
            .as_array()
            .expect("Error.errorCode has an enum")
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let mut ours: Vec<String> = kyc::api::error::ErrorCode::ALL.iter().map(|c| c.code().to_owned()).collect();
        let mut documented_sorted = documented.clone();
        documented_sorted.sort();
        ours.sort();
        assert_eq!(documented_sorted, ours);
    }

    #[test]
    fn the_documented_retry_codes_are_exactly_the_ones_the_api_answers_with() {
        let doc = openapi();
        let mut documented: Vec<String> = doc["components"]["schemas"]["RetryItem"]["properties"]["retryCode"]["enum"]
            .as_array()
            .expect("RetryItem.retryCode has an enum")
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let mut ours: Vec<String> = kyc::extract::retry::RetryCode::ALL.iter().map(|c| c.code().to_owned()).collect();
        ours.extend(kyc::kyc::PolicyCode::ALL.iter().map(|c| c.code().to_owned()));
        documented.sort();
        ours.sort();
        assert_eq!(documented, ours);
    }
}

#[tokio::test]
async fn a_decision_keeps_the_images_and_an_admin_key_is_needed() {
    let app = app(ProjectOptions::default());
    let (_, first) = app.step1(&passport("y@example.com", ANNA_WIDTH)).await;
    let id = id_of(&first);
    let req = http::Request::post(format!("/submission/{id}/decision"))
        .header("x-api-key", ADMIN_KEY)
        .body(Bytes::from_static(br#"{"decision": "maybe"}"#))
        .unwrap();
    let (status, body) = app.send(req).await;
    assert_eq!((status, body["errorCode"].as_str()), (400, Some("invalid_decision")));
    let (status, _) = app.decide(&id, "approved").await;
    assert_eq!(status, 200);
    let (status, body) = app.decide(&id, "rejected").await;
    assert_eq!((status, body["errorCode"].as_str()), (409, Some("submission_not_decidable")));
    assert_eq!(app.stored_files().len(), 1);
}

mod licence_backs {
    use super::*;
    use common::fake::{LICENCE_WIDTH, aamva_payload, barcode_png};

    fn licence(email: &str, back: Vec<u8>) -> Form {
        Form::with_image(email, "drivers_license", "USA", png(LICENCE_WIDTH)).file("idBackImage", "back.png", back)
    }

    #[tokio::test]
    async fn the_back_barcode_confirms_every_field_of_a_us_licence() {
        let app = app(ProjectOptions::default());
        let back = barcode_png(&aamva_payload(636032, "NOWAK", "JAN", "S123456789012", "08311978", "08312029"));
        let (status, body) = app.step1(&licence("lic@example.com", back)).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["kycStatus"], "pending", "{body}");
        let r = &body["reviewOCRData"];
        for (field, value) in [
            ("lastName", "NOWAK"),
            ("firstName", "JAN"),
            ("birthDate", "1978-08-31"),
            ("expireDate", "2029-08-31"),
            ("licenseNumber", "S123456789012"),
            ("documentNumber", "S123456789012"),
        ] {
            assert_eq!(r[format!("ocr_{field}")], value, "{field}");
            assert_eq!(r[format!("accepted_ocr_{field}")], true, "{field}");
        }
    }

    #[tokio::test]
    async fn a_back_of_another_holder_is_a_barcode_mismatch() {
        let app = app(ProjectOptions::default());
        let back = barcode_png(&aamva_payload(636032, "HALVORSEN", "LIV", "H987654321098", "03052001", "03052030"));
        let (status, body) = app.step1(&licence("other@example.com", back)).await;
        assert_eq!((status, body["kycStatus"].as_str()), (200, Some("incomplete")), "{body}");
        assert!(codes(&body).contains(&"barcode_mismatch".to_string()), "{body}");
    }

    #[tokio::test]
    async fn a_back_without_a_readable_barcode_is_barcode_protocol_fail_and_confirms_nothing() {
        let app = app(ProjectOptions::default());
        let (status, body) = app.step1(&licence("blank@example.com", png(500))).await;
        assert_eq!((status, body["kycStatus"].as_str()), (200, Some("incomplete")), "{body}");
        assert_eq!(codes(&body), ["barcode_protocol_fail"]);
        let r = &body["reviewOCRData"];
        assert_eq!(r["ocr_lastName"], "NOWAK", "the front is still read");
        assert!(r.as_object().unwrap().iter().filter(|(k, _)| k.starts_with("accepted_")).all(|(_, v)| v == false));
    }

    #[tokio::test]
    async fn a_canadian_barcode_on_a_us_licence_is_a_country_mismatch() {
        let app = app(ProjectOptions::default());
        let back = barcode_png(&aamva_payload(636012, "NOWAK", "JAN", "S123456789012", "08311978", "08312029"));
        let (_, body) = app.step1(&licence("can@example.com", back)).await;
        assert!(codes(&body).contains(&"document_country_mismatch".to_string()), "{body}");
    }

    #[tokio::test]
    async fn without_a_back_a_us_licence_is_read_from_its_front_unconfirmed() {
        let app = app(ProjectOptions::default());
        let (status, body) =
            app.step1(&Form::with_image("front@example.com", "drivers_license", "USA", png(LICENCE_WIDTH))).await;
        assert_eq!(status, 200);
        assert_eq!(body["reviewOCRData"]["ocr_lastName"], "NOWAK");
        assert_eq!(body["reviewOCRData"]["accepted_ocr_lastName"], false);
    }
}
