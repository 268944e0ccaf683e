//! The AWS mode under faults and races: the real SDK clients talk to moto_server through a proxy that can fail or
//! hang chosen calls (`common::proxy`). Whatever happens after the image upload, a refused request leaves no image
//! and no record behind, and concurrent writers of one submission have exactly one winner.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::app::{API_KEY, Form, TestApp};
use common::fake::{self, ANNA_WIDTH, BLANK_WIDTH, png};
use common::proxy::{Fault, FaultProxy};
use kyc::kyc::ProjectOptions;
use kyc::store::aws::{DynamoSubmissionStore, S3ImageStore};
use kyc::store::{ImageStore, SubmissionStore};

const PUT_ITEM: &str = "DynamoDB_20120810.PutItem";

struct AwsApp {
    app: Arc<TestApp>,
    proxy: FaultProxy,
    s3: aws_sdk_s3::Client,
    bucket: String,
}

/// An app whose S3 and DynamoDB clients go through a fault proxy; the checks below read moto directly.
async fn aws_app() -> AwsApp {
    let (s3, bucket, _ddb, table) = common::aws::fresh_bucket_and_table().await;
    let proxy = FaultProxy::start(common::aws::endpoint()).await;
    let images: Arc<dyn ImageStore> =
        Arc::new(S3ImageStore::new(common::aws::s3_at(&proxy.endpoint).await, bucket.clone()));
    let records: Arc<dyn SubmissionStore> =
        Arc::new(DynamoSubmissionStore::new(common::aws::dynamodb_at(&proxy.endpoint).await, table));
    let dir = std::env::temp_dir().join(format!("kyc-faults-{}", uuid::Uuid::new_v4()));
    let app = Arc::new(TestApp::with_stores(ProjectOptions::default(), fake::reader(), images, records, dir));
    AwsApp { app, proxy, s3, bucket }
}

impl AwsApp {
    async fn objects(&self) -> Vec<String> {
        let out = self.s3.list_objects_v2().bucket(&self.bucket).send().await.unwrap();
        out.contents().iter().filter_map(|o| o.key().map(str::to_owned)).collect()
    }
}

#[tokio::test]
async fn a_storage_outage_after_the_image_upload_leaves_no_image_and_no_record() {
    let t = aws_app().await;
    t.proxy.set(Fault::Fail(PUT_ITEM.into()));
    let (status, body) = t.app.step1(&Form::with_image("outage@example.com", "passport", "UTO", png(ANNA_WIDTH))).await;
    assert_eq!((status, body["errorCode"].as_str()), (500, Some("internal_error")), "{body}");
    assert!(t.objects().await.is_empty(), "the uploaded image was removed: {:?}", t.objects().await);
    t.proxy.set(Fault::None);
    let (status, body) = t.app.step1(&Form::with_image("outage@example.com", "passport", "UTO", png(ANNA_WIDTH))).await;
    assert_eq!((status, body["kycStatus"].as_str()), (200, Some("pending")), "works again once storage is back");
}

#[tokio::test]
async fn hung_storage_after_the_image_upload_fails_within_seconds_and_leaves_nothing() {
    let t = aws_app().await;
    t.proxy.set(Fault::Hang(PUT_ITEM.into()));
    let started = Instant::now();
    let (status, _) = t.app.step1(&Form::with_image("hang@example.com", "passport", "UTO", png(ANNA_WIDTH))).await;
    let took = started.elapsed();
    assert_eq!(status, 500);
    assert!(took < Duration::from_secs(20), "bounded by the client timeouts, took {took:?}");
    assert!(t.objects().await.is_empty(), "{:?}", t.objects().await);
}

#[tokio::test]
async fn when_the_clean_up_fails_too_the_image_is_left_tagged_for_the_lifecycle_rule() {
    let t = aws_app().await;
    t.proxy.set(Fault::Fail(format!("{PUT_ITEM}|DELETE /")));
    let (status, _) = t.app.step1(&Form::with_image("both@example.com", "passport", "UTO", png(ANNA_WIDTH))).await;
    assert_eq!(status, 500);
    let left = t.objects().await;
    assert_eq!(left.len(), 1);
    let tags = t.s3.get_object_tagging().bucket(&t.bucket).key(&left[0]).send().await.unwrap();
    let tags: Vec<String> = tags.tag_set().iter().map(|t| format!("{}={}", t.key(), t.value())).collect();
    assert_eq!(tags, ["kyc-retention=short"], "the bucket's lifecycle expires it within a day (template.yaml)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_ten_concurrent_retries_on_dynamodb_exactly_one_wins_and_its_image_survives() {
    let t = aws_app().await;
    let (_, first) = t.app.step1(&Form::with_image("race@example.com", "passport", "UTO", png(BLANK_WIDTH))).await;
    let id = first["submissionId"].as_str().unwrap().to_owned();
    let form = Form::with_image("race@example.com", "passport", "UTO", png(ANNA_WIDTH)).text("submissionId", &id);
    let racers: Vec<_> = (0..10)
        .map(|_| {
            let (app, form) = (t.app.clone(), form.clone());
            tokio::spawn(async move { app.step1(&form).await })
        })
        .collect();
    let mut results = Vec::new();
    for r in racers {
        results.push(r.await.unwrap());
    }
    let winners: Vec<_> = results.iter().filter(|(s, _)| *s == 200).collect();
    assert_eq!(winners.len(), 1, "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    assert!(results.iter().all(|(s, b)| *s == 200 || b["errorCode"] == "concurrent_retry"));
    let objects = t.objects().await;
    assert!(objects.contains(&winners[0].1["idImage"].as_str().unwrap().to_owned()));
    assert_eq!(objects.len(), 2, "first attempt + the winner: {objects:?}");
    let (_, rec) = t.app.get(&id, API_KEY).await;
    assert_eq!(rec["retryCount"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_concurrent_decisions_on_dynamodb_exactly_one_wins() {
    let t = aws_app().await;
    let (_, first) = t.app.step1(&Form::with_image("decide@example.com", "passport", "UTO", png(ANNA_WIDTH))).await;
    let id = first["submissionId"].as_str().unwrap().to_owned();
    let deciders: Vec<_> = (0..8)
        .map(|i| {
            let (app, id) = (t.app.clone(), id.clone());
            tokio::spawn(async move { app.decide(&id, if i % 2 == 0 { "approved" } else { "rejected" }).await })
        })
        .collect();
    let mut wins = 0;
    for d in deciders {
        let (status, _) = d.await.unwrap();
        assert!(status == 200 || status == 409, "{status}");
        wins += usize::from(status == 200);
    }
    assert_eq!(wins, 1);
    // The decided submission's images are kept for the long retention period.
    let key = first["idImage"].as_str().unwrap();
    let tags = t.s3.get_object_tagging().bucket(&t.bucket).key(key).send().await.unwrap();
    assert_eq!(tags.tag_set()[0].value(), "decided");
}
