//! One storage conformance suite, run against the local backends (directory + SQLite) and the AWS backends (S3 +
//! DynamoDB through the real SDK clients, talking HTTP to moto_server).

mod common;

use bytes::Bytes;
use kyc::store::aws::{DynamoSubmissionStore, S3ImageStore};
use kyc::store::local::{DirImageStore, SqliteSubmissionStore};
use kyc::store::{ImageStore, KycStatus, Lookup, StoreError, SubmissionRecord, SubmissionStore};

const NOW: i64 = 1_800_000_000;

fn record(id: &str, email: &str) -> SubmissionRecord {
    SubmissionRecord {
        id: id.into(),
        email: email.into(),
        user_id: Some(format!("user-{id}")),
        holder_hash: Some("holder-1".into()),
        status: KycStatus::Incomplete,
        retry_count: 1,
        created_at: NOW,
        expires_at: Some(NOW + 4 * 3600),
        decided_at: None,
        image_keys: vec![format!("submissions/{id}/1/front.jpg")],
        response: serde_json::json!({"kycStatus": "incomplete"}),
    }
}

async fn conformance(images: &dyn ImageStore, records: &dyn SubmissionStore) {
    // Images: put, read back, delete, absent afterwards.
    images.put("submissions/a/1/front.jpg", Bytes::from_static(b"\xff\xd8\xffjpeg"), "image/jpeg").await.unwrap();
    assert_eq!(images.get("submissions/a/1/front.jpg").await.unwrap().as_deref(), Some(&b"\xff\xd8\xffjpeg"[..]));
    images.delete("submissions/a/1/front.jpg").await.unwrap();
    assert_eq!(images.get("submissions/a/1/front.jpg").await.unwrap(), None);

    // Records: create once; a second create of the same id is a conflict.
    let r = record("sub-1", "a@example.com");
    records.create(&r).await.unwrap();
    assert!(matches!(records.create(&r).await, Err(StoreError::Conflict)));
    assert_eq!(records.get("sub-1", NOW).await.unwrap(), Some(r.clone()));
    assert_eq!(records.get("missing", NOW).await.unwrap(), None);

    // Expired records read as absent, even before the backend deletes them.
    assert_eq!(records.get("sub-1", NOW + 4 * 3600 + 1).await.unwrap(), None);

    // Replace is conditional on the retry count it was read with: one of two concurrent retries loses.
    let mut next = r.clone();
    next.retry_count = 2;
    records.replace(&next, 1).await.unwrap();
    let mut stale = r.clone();
    stale.retry_count = 2;
    assert!(matches!(records.replace(&stale, 1).await, Err(StoreError::Conflict)));
    assert_eq!(records.get("sub-1", NOW).await.unwrap().unwrap().retry_count, 2);

    // Lookups by email, user id and holder hash see live records only.
    let mut other = record("sub-2", "a@example.com");
    other.expires_at = Some(NOW - 1);
    records.create(&other).await.unwrap();
    let by_email = records.find(&Lookup::Email("a@example.com".into()), NOW).await.unwrap();
    assert_eq!(by_email.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["sub-1"]);
    assert_eq!(records.find(&Lookup::UserId("user-sub-1".into()), NOW).await.unwrap().len(), 1);
    assert_eq!(records.find(&Lookup::Holder("holder-1".into()), NOW).await.unwrap().len(), 1);
    assert!(records.find(&Lookup::Email("b@example.com".into()), NOW).await.unwrap().is_empty());

    // A decided record has no expiry and stays readable.
    let mut decided = records.get("sub-1", NOW).await.unwrap().unwrap();
    decided.status = KycStatus::Approved;
    decided.expires_at = None;
    records.replace(&decided, 2).await.unwrap();
    assert_eq!(records.get("sub-1", NOW + 365 * 86400).await.unwrap().unwrap().status, KycStatus::Approved);
}

#[tokio::test]
async fn the_local_directory_and_sqlite_backends_conform() {
    let dir = std::env::temp_dir().join(format!("kyc-store-{}", uuid::Uuid::new_v4()));
    let images = DirImageStore::new(dir.join("images")).unwrap();
    let records = SqliteSubmissionStore::open(&dir.join("kyc.sqlite3")).unwrap();
    conformance(&images, &records).await;
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn the_s3_and_dynamodb_backends_conform() {
    let (s3, bucket, ddb, table) = common::aws::fresh_bucket_and_table().await;
    conformance(&S3ImageStore::new(s3, bucket), &DynamoSubmissionStore::new(ddb, table)).await;
}

#[tokio::test]
async fn s3_objects_are_encrypted_and_typed_and_dynamodb_items_carry_a_numeric_ttl() {
    let (s3, bucket, ddb, table) = common::aws::fresh_bucket_and_table().await;
    let images = S3ImageStore::new(s3.clone(), bucket.clone());
    images.put("submissions/x/1/front.png", Bytes::from_static(b"\x89PNG"), "image/png").await.unwrap();
    let head = s3.head_object().bucket(&bucket).key("submissions/x/1/front.png").send().await.unwrap();
    assert_eq!(head.content_type(), Some("image/png"));
    assert_eq!(head.server_side_encryption().map(|s| s.as_str()), Some("AES256"));

    let records = DynamoSubmissionStore::new(ddb.clone(), table.clone());
    records.create(&record("ttl-1", "t@example.com")).await.unwrap();
    let item = ddb
        .get_item()
        .table_name(&table)
        .key("id", aws_sdk_dynamodb::types::AttributeValue::S("ttl-1".into()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert_eq!(item["expiresAt"].as_n().unwrap(), &(NOW + 4 * 3600).to_string());
    let ttl = ddb.describe_time_to_live().table_name(&table).send().await.unwrap();
    let spec = ttl.time_to_live_description().unwrap();
    assert_eq!(spec.attribute_name(), Some("expiresAt"));
}
