//! The Lambda path end to end: API Gateway events (REST v1 and HTTP API v2, base64 multipart, stage prefix) through
//! the Lambda adapter onto the AWS backends (real SDK clients against moto_server).

mod common;

use std::sync::Arc;

use common::app::{Form, TestApp};
use kyc::kyc::{ProjectId, ProjectOptions, SubmissionId};
use kyc::store::aws::{DynamoSubmissionStore, S3ImageStore};
use kyc::store::{ImageStore, SubmissionStore};

async fn aws_app() -> (TestApp, aws_sdk_s3::Client, String) {
    let (s3, bucket, ddb, table) = common::aws::fresh_bucket_and_table().await;
    let images: Arc<dyn ImageStore> = Arc::new(S3ImageStore::new(s3.clone(), bucket.clone()));
    let records: Arc<dyn SubmissionStore> = Arc::new(DynamoSubmissionStore::new(ddb, table));
    let dir = std::env::temp_dir().join(format!("kyc-aws-{}", uuid::Uuid::new_v4()));
    let app = TestApp::with_stores(ProjectOptions::default(), common::app::shared_engine(), images, records, dir);
    (app, s3, bucket)
}

async fn invoke(app: &TestApp, event_file: &str, key: &str) -> (u16, serde_json::Value) {
    let json = std::fs::read_to_string(format!("{}/events/{event_file}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let json = json.replace("event-api-key", key);
    let req = lambda_http::request::from_str(&json).expect("a valid API Gateway event");
    let resp = kyc::api::lambda::handle(app.state.clone(), req).await;
    let status = resp.status().as_u16();
    let body = match resp.body() {
        lambda_http::Body::Text(t) => serde_json::from_str(t).unwrap(),
        other => panic!("unexpected body {other:?}"),
    };
    (status, body)
}

#[tokio::test]
async fn rest_and_http_api_events_reach_the_handler_and_store_in_s3_and_dynamodb() {
    let (app, s3, bucket) = aws_app().await;
    for event in ["step1-rest-v1.json", "step1-http-v2.json"] {
        let (status, body) = invoke(&app, event, common::app::API_KEY).await;
        assert_eq!(status, 200, "{event}: {body}");
        assert_eq!(body["kycStatus"], "incomplete", "{event}: a blank image holds no document");
        let key = body["idImage"].as_str().unwrap();
        let head = s3.head_object().bucket(&bucket).key(key).send().await.expect("image stored in S3");
        assert_eq!(head.content_type(), Some("image/png"));
        let id = SubmissionId::parse(body["submissionId"].as_str().unwrap()).unwrap();
        let rec = app
            .records
            .get(&ProjectId::default_project(), &id, app.state.service.now())
            .await
            .unwrap()
            .expect("record in DynamoDB");
        assert_eq!(rec.expires_at, Some(rec.created_at + 4 * 3600));
    }
    let (status, body) = invoke(&app, "step1-rest-v1.json", "wrong-key").await;
    assert_eq!((status, body["errorCode"].as_str()), (401, Some("unauthorized")));
}

#[tokio::test]
async fn a_valid_passport_is_pending_on_the_aws_backends() {
    let (app, s3, bucket) = aws_app().await;
    let (status, body) =
        app.step1(&Form::step1("aws@example.com", "passport", "ITA", "synthetic-dev/img_0016.jpg")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["kycStatus"], "pending");
    let obj = s3.get_object().bucket(&bucket).key(body["idImage"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(obj.body.collect().await.unwrap().to_vec(), common::read_testdata("synthetic-dev/img_0016.jpg"));
}

#[tokio::test]
async fn an_invalid_upload_leaves_nothing_in_s3() {
    let (app, s3, bucket) = aws_app().await;
    let (status, _) =
        app.step1(&Form::step1("aws@example.com", "passport", "NLD", "synthetic-dev/bad/truncated.jpg")).await;
    assert_eq!(status, 400);
    let listed = s3.list_objects_v2().bucket(&bucket).send().await.unwrap();
    assert_eq!(listed.key_count(), Some(0));
}
