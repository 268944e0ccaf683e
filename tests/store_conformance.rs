//! One storage conformance suite, run against the local backends (directory + SQLite) and the AWS backends (S3 +
//! DynamoDB through the real SDK clients, talking HTTP to moto_server).

mod common;

use bytes::Bytes;
use kyc::extract::DocumentFields;
use kyc::kyc::{Country, CustomOptions, Email, IdType, KycStatus, ProjectId, SubmissionId};
use kyc::store::aws::{DynamoSubmissionStore, S3ImageStore};
use kyc::store::local::{DirImageStore, SqliteSubmissionStore};
use kyc::store::{Attempt, ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore};

const NOW: i64 = 1_800_000_000;

fn project(p: &str) -> ProjectId {
    ProjectId::parse(p).unwrap()
}

fn record(id: SubmissionId, email: &str) -> SubmissionRecord {
    SubmissionRecord {
        id,
        project: project("acme"),
        version: 1,
        email: Email::parse(email).unwrap(),
        user_id: Some(format!("user-{email}")),
        holder_hash: Some("holder-1".into()),
        status: KycStatus::Incomplete,
        retry_count: 1,
        created_at: NOW,
        expires_at: Some(NOW + 4 * 3600),
        decided_at: None,
        decision_reason: None,
        image_keys: vec![format!("submissions/{id}/1-r/front.jpg")],
        attempt: Attempt {
            id_type: IdType::Passport,
            issuing_country: Country::parse("NLD").unwrap(),
            front_key: format!("submissions/{id}/1-r/front.jpg"),
            back_key: None,
            fields: None,
            document_fields: DocumentFields::default(),
            missing_fields: vec![kyc::extract::document::CarriedField::Name],
            retry: vec![kyc::extract::retry::RetryCode::RecognitionFail],
            policy: vec![],
            user_id: None,
            custom_fields: [Some("cf".into()), None, None],
            custom_options: CustomOptions::default(),
        },
    }
}

fn next(r: &SubmissionRecord) -> SubmissionRecord {
    let mut n = r.clone();
    n.version += 1;
    n
}

async fn conformance(images: &dyn ImageStore, records: &dyn SubmissionStore) {
    // Images: put, read back, keep, delete, absent afterwards; deleting again is fine.
    images.put("submissions/a/1-r/front.jpg", Bytes::from_static(b"\xff\xd8\xffjpeg"), "image/jpeg").await.unwrap();
    assert_eq!(images.get("submissions/a/1-r/front.jpg").await.unwrap().as_deref(), Some(&b"\xff\xd8\xffjpeg"[..]));
    images.retain("submissions/a/1-r/front.jpg").await.unwrap();
    images.delete("submissions/a/1-r/front.jpg").await.unwrap();
    assert_eq!(images.get("submissions/a/1-r/front.jpg").await.unwrap(), None);
    images.delete("submissions/a/1-r/front.jpg").await.unwrap();

    // Records: create once; a second create of the same id is a conflict; the record reads back whole.
    let id = SubmissionId::new_random();
    let r = record(id, "a@example.com");
    records.create(&r).await.unwrap();
    assert!(matches!(records.create(&r).await, Err(StoreError::Conflict)));
    assert_eq!(records.get(&project("acme"), &id, NOW).await.unwrap(), Some(r.clone()));
    assert_eq!(records.get(&project("acme"), &SubmissionId::new_random(), NOW).await.unwrap(), None);

    // Another project cannot read it, find it, or replace it.
    assert_eq!(records.get(&project("globex"), &id, NOW).await.unwrap(), None);
    let email = Lookup::Email(Email::parse("a@example.com").unwrap());
    assert!(records.find(&project("globex"), &email, NOW).await.unwrap().is_empty());
    let mut stolen = next(&r);
    stolen.project = project("globex");
    assert!(matches!(records.replace(&stolen).await, Err(StoreError::Conflict)));

    // Expired records read as absent, even before the backend deletes them.
    assert_eq!(records.get(&project("acme"), &id, NOW + 4 * 3600 + 1).await.unwrap(), None);

    // Every replace is conditional on the version read: of two writers from version 1, exactly one wins.
    let mut a = next(&r);
    a.retry_count = 2;
    let mut b = next(&r);
    b.retry_count = 2;
    b.status = KycStatus::Pending;
    records.replace(&a).await.unwrap();
    assert!(matches!(records.replace(&b).await, Err(StoreError::Conflict)));
    let stored = records.get(&project("acme"), &id, NOW).await.unwrap().unwrap();
    assert_eq!((stored.version, stored.status), (2, KycStatus::Incomplete));

    // Lookups by email, user id and holder hash see live records of the project only.
    let mut other = record(SubmissionId::new_random(), "a@example.com");
    other.expires_at = Some(NOW - 1);
    records.create(&other).await.unwrap();
    let by_email = records.find(&project("acme"), &email, NOW).await.unwrap();
    assert_eq!(by_email.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert_eq!(
        records.find(&project("acme"), &Lookup::UserId("user-a@example.com".into()), NOW).await.unwrap().len(),
        1
    );
    assert_eq!(records.find(&project("acme"), &Lookup::Holder("holder-1".into()), NOW).await.unwrap().len(), 1);
    let nobody = Lookup::Email(Email::parse("b@example.com").unwrap());
    assert!(records.find(&project("acme"), &nobody, NOW).await.unwrap().is_empty());

    // A decided record has no expiry and stays readable.
    let mut decided = next(&stored);
    decided.status = KycStatus::Approved;
    decided.expires_at = None;
    decided.decided_at = Some(NOW);
    records.replace(&decided).await.unwrap();
    assert_eq!(
        records.get(&project("acme"), &id, NOW + 365 * 86400).await.unwrap().unwrap().status,
        KycStatus::Approved
    );
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
async fn s3_objects_are_encrypted_typed_and_tagged_and_dynamodb_items_carry_a_numeric_ttl() {
    let (s3, bucket, ddb, table) = common::aws::fresh_bucket_and_table().await;
    let images = S3ImageStore::new(s3.clone(), bucket.clone());
    images.put("submissions/x/1-r/front.png", Bytes::from_static(b"\x89PNG"), "image/png").await.unwrap();
    let head = s3.head_object().bucket(&bucket).key("submissions/x/1-r/front.png").send().await.unwrap();
    assert_eq!(head.content_type(), Some("image/png"));
    assert_eq!(head.server_side_encryption().map(|s| s.as_str()), Some("AES256"));
    let tags = |s3: aws_sdk_s3::Client, bucket: String| async move {
        let out = s3.get_object_tagging().bucket(&bucket).key("submissions/x/1-r/front.png").send().await.unwrap();
        out.tag_set().iter().map(|t| format!("{}={}", t.key(), t.value())).collect::<Vec<_>>()
    };
    // New uploads carry the short retention tag the bucket's lifecycle expires; a decision keeps them.
    assert_eq!(tags(s3.clone(), bucket.clone()).await, ["kyc-retention=short"]);
    images.retain("submissions/x/1-r/front.png").await.unwrap();
    assert_eq!(tags(s3.clone(), bucket.clone()).await, ["kyc-retention=decided"]);

    let records = DynamoSubmissionStore::new(ddb.clone(), table.clone());
    let id = SubmissionId::new_random();
    records.create(&record(id, "t@example.com")).await.unwrap();
    let item = ddb
        .get_item()
        .table_name(&table)
        .key("id", aws_sdk_dynamodb::types::AttributeValue::S(id.to_string()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert_eq!(item["expiresAt"].as_n().unwrap(), &(NOW + 4 * 3600).to_string());
    assert_eq!(item["version"].as_n().unwrap(), "1");
    assert_eq!(item["projectEmail"].as_s().unwrap(), "acme#t@example.com");
    let ttl = ddb.describe_time_to_live().table_name(&table).send().await.unwrap();
    assert_eq!(ttl.time_to_live_description().unwrap().attribute_name(), Some("expiresAt"));
}

#[tokio::test]
async fn the_local_sweep_removes_unreferenced_images_and_leftover_temporary_files_only() {
    let dir = std::env::temp_dir().join(format!("kyc-sweep-{}", uuid::Uuid::new_v4()));
    let images = DirImageStore::new(dir.join("images")).unwrap();
    let records = SqliteSubmissionStore::open(&dir.join("kyc.sqlite3")).unwrap();
    let id = SubmissionId::new_random();
    let r = record(id, "s@example.com");
    records.create(&r).await.unwrap();
    let kept = r.image_keys[0].clone();
    let orphan = format!("submissions/{id}/2-other/front.jpg");
    let stray = format!("submissions/{}/1-x/front.jpg", SubmissionId::new_random());
    for k in [&kept, &orphan, &stray] {
        images.put(k, Bytes::from_static(b"img"), "image/jpeg").await.unwrap();
    }
    let tmp = dir.join(format!("images/submissions/{id}/1-r/.front.jpg.abc.tmp-upload"));
    std::fs::write(&tmp, b"half").unwrap();
    // Within the grace time nothing goes (a request may be between its image and its record).
    let swept = kyc::store::local::sweep(&images, &records, NOW, std::time::Duration::from_secs(3600)).await.unwrap();
    assert_eq!((swept.images, swept.temporary_files), (0, 0));
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let swept = kyc::store::local::sweep(&images, &records, NOW, std::time::Duration::ZERO).await.unwrap();
    assert_eq!((swept.images, swept.temporary_files), (2, 1));
    assert!(images.get(&kept).await.unwrap().is_some());
    assert!(images.get(&orphan).await.unwrap().is_none() && images.get(&stray).await.unwrap().is_none());
    assert!(!tmp.exists());
    std::fs::remove_dir_all(dir).ok();
}
