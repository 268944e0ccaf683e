//! AWS storage: images in S3 (private, SSE-S3, content type set, tagged for the lifecycle rules), records in
//! DynamoDB (TTL on `expiresAt`, project-scoped GSIs for email, user id and holder hash, versioned conditional
//! writes).
//!
//! Clients get connect and per-attempt timeouts and bounded retries ([`sdk_loader`]): a storage outage or a hung
//! connection costs a request seconds, not the Lambda's whole timeout.

use std::collections::HashMap;
use std::time::Duration;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TimeToLiveSpecification,
};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{ServerSideEncryption, Tag, Tagging};
use bytes::Bytes;

use super::{ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore, check_version_step, index_key};
use crate::kyc::{ProjectId, SubmissionId};

/// Connect within this time, or the attempt fails (and is retried).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// One attempt of one call (an image upload of 2 MB included).
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(4);
/// One call, retries included: well inside API Gateway's 29 s.
pub const OPERATION_TIMEOUT: Duration = Duration::from_secs(9);
/// Attempts per call (the first and two retries, with the SDK's jittered backoff).
pub const MAX_ATTEMPTS: u32 = 3;

/// The AWS configuration loader with this service's timeouts and retries; region, credentials and endpoint come
/// from the standard sources (`AWS_REGION`, `AWS_ENDPOINT_URL`, the Lambda role, ...).
pub fn sdk_loader() -> aws_config::ConfigLoader {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .timeout_config(
            aws_config::timeout::TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .operation_timeout(OPERATION_TIMEOUT)
                .build(),
        )
        .retry_config(aws_config::retry::RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS))
}

/// An S3 client for this configuration (path-style addressing works with S3 and local emulators alike).
pub fn s3_client(sdk: &aws_config::SdkConfig) -> aws_sdk_s3::Client {
    aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(sdk).force_path_style(true).build())
}

fn backend<E: std::error::Error>(e: E) -> StoreError {
    // The SDK's Display is terse; the source chain says what happened. (No holder data: keys and ids only.)
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    StoreError::Backend(msg)
}

/// The tag the bucket's lifecycle rules act on (see `template.yaml`).
pub const RETENTION_TAG: &str = "kyc-retention";
/// New uploads: expired by the lifecycle after a day, which removes the images of submissions that expired
/// undecided (records live 4 hours) and of requests that failed half-way.
pub const RETENTION_SHORT: &str = "short";
/// Images of decided submissions: kept for the long retention period.
pub const RETENTION_DECIDED: &str = "decided";

pub struct S3ImageStore {
    client: aws_sdk_s3::Client,
    bucket: String,
}

impl S3ImageStore {
    pub fn new(client: aws_sdk_s3::Client, bucket: impl Into<String>) -> Self {
        Self { client, bucket: bucket.into() }
    }
}

#[async_trait]
impl ImageStore for S3ImageStore {
    async fn put(&self, key: &str, bytes: Bytes, content_type: &str) -> Result<(), StoreError> {
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .body(ByteStream::from(bytes))
            .content_type(content_type)
            .server_side_encryption(ServerSideEncryption::Aes256)
            .tagging(format!("{RETENTION_TAG}={RETENTION_SHORT}"))
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match self.client.get_object().bucket(&self.bucket).key(key).send().await {
            Ok(out) => Ok(Some(out.body.collect().await.map_err(backend)?.to_vec())),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => Ok(None),
            Err(e) => Err(backend(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.client.delete_object().bucket(&self.bucket).key(key).send().await.map_err(backend)?;
        Ok(())
    }

    async fn retain(&self, key: &str) -> Result<(), StoreError> {
        let tag = Tag::builder().key(RETENTION_TAG).value(RETENTION_DECIDED).build().map_err(backend)?;
        let tagging = Tagging::builder().tag_set(tag).build().map_err(backend)?;
        self.client
            .put_object_tagging()
            .bucket(&self.bucket)
            .key(key)
            .tagging(tagging)
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }
}

pub struct DynamoSubmissionStore {
    client: aws_sdk_dynamodb::Client,
    table: String,
}

pub const EMAIL_INDEX: &str = "projectEmail-index";
pub const USER_INDEX: &str = "projectUserId-index";
pub const HOLDER_INDEX: &str = "projectHolder-index";

impl DynamoSubmissionStore {
    pub fn new(client: aws_sdk_dynamodb::Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }

    /// The item: the record as JSON, plus the attributes that are keyed, indexed, conditioned on or expired by.
    fn item(r: &SubmissionRecord) -> Result<HashMap<String, AttributeValue>, StoreError> {
        let mut item = HashMap::new();
        item.insert("id".into(), AttributeValue::S(r.id.to_string()));
        item.insert("project".into(), AttributeValue::S(r.project.to_string()));
        item.insert("version".into(), AttributeValue::N(r.version.to_string()));
        item.insert("projectEmail".into(), AttributeValue::S(index_key(&r.project, r.email.as_str())));
        if let Some(u) = &r.user_id {
            item.insert("projectUserId".into(), AttributeValue::S(index_key(&r.project, u)));
        }
        if let Some(h) = &r.holder_hash {
            item.insert("projectHolder".into(), AttributeValue::S(index_key(&r.project, h)));
        }
        item.insert("status".into(), AttributeValue::S(r.status.as_str().into()));
        if let Some(e) = r.expires_at {
            // The TTL attribute: a Number of epoch seconds.
            item.insert("expiresAt".into(), AttributeValue::N(e.to_string()));
        }
        let json = serde_json::to_string(r).map_err(|e| super::undecodable(&e))?;
        item.insert("record".into(), AttributeValue::S(json));
        Ok(item)
    }

    fn record(item: &HashMap<String, AttributeValue>) -> Result<SubmissionRecord, StoreError> {
        let json = item
            .get("record")
            .and_then(|v| v.as_s().ok())
            .ok_or_else(|| StoreError::Backend("item has no record attribute".into()))?;
        serde_json::from_str(json).map_err(|e| super::undecodable(&e))
    }

    /// Create the table as `template.yaml` does (for tests and local development against an emulator).
    pub async fn create_table(client: &aws_sdk_dynamodb::Client, table: &str) -> Result<(), StoreError> {
        let attr = |n: &str| {
            AttributeDefinition::builder()
                .attribute_name(n)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(backend)
        };
        let gsi = |name: &str, key: &str| -> Result<GlobalSecondaryIndex, StoreError> {
            GlobalSecondaryIndex::builder()
                .index_name(name)
                .key_schema(
                    KeySchemaElement::builder().attribute_name(key).key_type(KeyType::Hash).build().map_err(backend)?,
                )
                .projection(Projection::builder().projection_type(ProjectionType::All).build())
                .build()
                .map_err(backend)
        };
        client
            .create_table()
            .table_name(table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(attr("id")?)
            .attribute_definitions(attr("projectEmail")?)
            .attribute_definitions(attr("projectUserId")?)
            .attribute_definitions(attr("projectHolder")?)
            .key_schema(
                KeySchemaElement::builder().attribute_name("id").key_type(KeyType::Hash).build().map_err(backend)?,
            )
            .global_secondary_indexes(gsi(EMAIL_INDEX, "projectEmail")?)
            .global_secondary_indexes(gsi(USER_INDEX, "projectUserId")?)
            .global_secondary_indexes(gsi(HOLDER_INDEX, "projectHolder")?)
            .send()
            .await
            .map_err(backend)?;
        client
            .update_time_to_live()
            .table_name(table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder()
                    .attribute_name("expiresAt")
                    .enabled(true)
                    .build()
                    .map_err(backend)?,
            )
            .send()
            .await
            .map_err(backend)?;
        Ok(())
    }
}

/// A conditional put's outcome: a failed condition is a `Conflict`, anything else a backend error.
fn conditional<T>(
    res: Result<T, aws_sdk_dynamodb::error::SdkError<aws_sdk_dynamodb::operation::put_item::PutItemError>>,
) -> Result<(), StoreError> {
    match res {
        Ok(_) => Ok(()),
        Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => {
            Err(StoreError::Conflict)
        }
        Err(e) => Err(backend(e)),
    }
}

#[async_trait]
impl SubmissionStore for DynamoSubmissionStore {
    async fn create(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
        if r.version != 1 {
            return Err(StoreError::Backend(format!("a new record has version 1, not {}", r.version)));
        }
        let res = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(Self::item(r)?))
            .condition_expression("attribute_not_exists(id)")
            .send()
            .await;
        conditional(res)
    }

    async fn get(
        &self,
        project: &ProjectId,
        id: &SubmissionId,
        now: i64,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("id", AttributeValue::S(id.to_string()))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        // DynamoDB deletes expired items late (up to days): an expired item is treated as absent. Another project's
        // record is absent too.
        out.item.map(|i| Self::record(&i)).transpose().map(|r| r.filter(|r| r.is_live(now) && &r.project == project))
    }

    async fn replace(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
        let expected = check_version_step(r)?;
        let res = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(Self::item(r)?))
            .condition_expression("#v = :expected AND #p = :project")
            .expression_attribute_names("#v", "version")
            .expression_attribute_names("#p", "project")
            .expression_attribute_values(":expected", AttributeValue::N(expected.to_string()))
            .expression_attribute_values(":project", AttributeValue::S(r.project.to_string()))
            .send()
            .await;
        conditional(res)
    }

    async fn find(&self, project: &ProjectId, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError> {
        let (index, attr, value) = match lookup {
            Lookup::Email(v) => (EMAIL_INDEX, "projectEmail", index_key(project, v.as_str())),
            Lookup::UserId(v) => (USER_INDEX, "projectUserId", index_key(project, v)),
            Lookup::Holder(v) => (HOLDER_INDEX, "projectHolder", index_key(project, v)),
        };
        let mut out = Vec::new();
        let mut start = None;
        loop {
            let page = self
                .client
                .query()
                .table_name(&self.table)
                .index_name(index)
                .key_condition_expression("#k = :v")
                .expression_attribute_names("#k", attr)
                .expression_attribute_values(":v", AttributeValue::S(value.clone()))
                .set_exclusive_start_key(start)
                .send()
                .await
                .map_err(backend)?;
            for item in page.items() {
                let r = Self::record(item)?;
                if r.is_live(now) && &r.project == project {
                    out.push(r);
                }
            }
            start = page.last_evaluated_key;
            if start.is_none() {
                break;
            }
        }
        Ok(out)
    }
}
