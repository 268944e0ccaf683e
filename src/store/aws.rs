//! AWS storage: images in S3 (private, SSE-S3, content type set), records in DynamoDB (TTL on `expiresAt`,
//! GSIs for email, user id and holder hash, conditional writes for creation and retries).

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TimeToLiveSpecification,
};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::ServerSideEncryption;
use bytes::Bytes;

use super::{ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore};

fn backend<E: std::error::Error>(e: E) -> StoreError {
    // The SDK's Display is terse; the source chain says what happened.
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    StoreError::Backend(msg)
}

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
}

pub struct DynamoSubmissionStore {
    client: aws_sdk_dynamodb::Client,
    table: String,
}

pub const EMAIL_INDEX: &str = "email-index";
pub const USER_INDEX: &str = "userId-index";
pub const HOLDER_INDEX: &str = "holderHash-index";

impl DynamoSubmissionStore {
    pub fn new(client: aws_sdk_dynamodb::Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }

    fn item(r: &SubmissionRecord) -> Result<HashMap<String, AttributeValue>, StoreError> {
        let mut item = HashMap::new();
        item.insert("id".into(), AttributeValue::S(r.id.clone()));
        item.insert("email".into(), AttributeValue::S(r.email.clone()));
        if let Some(u) = &r.user_id {
            item.insert("userId".into(), AttributeValue::S(u.clone()));
        }
        if let Some(h) = &r.holder_hash {
            item.insert("holderHash".into(), AttributeValue::S(h.clone()));
        }
        item.insert("retryCount".into(), AttributeValue::N(r.retry_count.to_string()));
        item.insert("status".into(), AttributeValue::S(r.status.as_str().into()));
        if let Some(e) = r.expires_at {
            // The TTL attribute: a Number of epoch seconds.
            item.insert("expiresAt".into(), AttributeValue::N(e.to_string()));
        }
        let json = serde_json::to_string(r).map_err(|e| StoreError::Backend(e.to_string()))?;
        item.insert("record".into(), AttributeValue::S(json));
        Ok(item)
    }

    fn record(item: &HashMap<String, AttributeValue>) -> Result<SubmissionRecord, StoreError> {
        let json = item
            .get("record")
            .and_then(|v| v.as_s().ok())
            .ok_or_else(|| StoreError::Backend("item has no record attribute".into()))?;
        serde_json::from_str(json).map_err(|e| StoreError::Backend(e.to_string()))
    }

    /// Create the table as `template.yaml` does (for tests and local development against an emulator).
    pub async fn create_table(client: &aws_sdk_dynamodb::Client, table: &str) -> Result<(), StoreError> {
        let attr = |n: &str| {
            AttributeDefinition::builder().attribute_name(n).attribute_type(ScalarAttributeType::S).build().unwrap()
        };
        let gsi = |name: &str, key: &str| {
            GlobalSecondaryIndex::builder()
                .index_name(name)
                .key_schema(KeySchemaElement::builder().attribute_name(key).key_type(KeyType::Hash).build().unwrap())
                .projection(Projection::builder().projection_type(ProjectionType::All).build())
                .build()
                .unwrap()
        };
        client
            .create_table()
            .table_name(table)
            .billing_mode(BillingMode::PayPerRequest)
            .attribute_definitions(attr("id"))
            .attribute_definitions(attr("email"))
            .attribute_definitions(attr("userId"))
            .attribute_definitions(attr("holderHash"))
            .key_schema(KeySchemaElement::builder().attribute_name("id").key_type(KeyType::Hash).build().unwrap())
            .global_secondary_indexes(gsi(EMAIL_INDEX, "email"))
            .global_secondary_indexes(gsi(USER_INDEX, "userId"))
            .global_secondary_indexes(gsi(HOLDER_INDEX, "holderHash"))
            .send()
            .await
            .map_err(backend)?;
        client
            .update_time_to_live()
            .table_name(table)
            .time_to_live_specification(
                TimeToLiveSpecification::builder().attribute_name("expiresAt").enabled(true).build().unwrap(),
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
        Err(e) if e.as_service_error().is_some_and(|s| s.is_conditional_check_failed_exception()) => Err(StoreError::Conflict),
        Err(e) => Err(backend(e)),
    }
}

#[async_trait]
impl SubmissionStore for DynamoSubmissionStore {
    async fn create(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
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

    async fn get(&self, id: &str, now: i64) -> Result<Option<SubmissionRecord>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key("id", AttributeValue::S(id.to_owned()))
            .consistent_read(true)
            .send()
            .await
            .map_err(backend)?;
        // DynamoDB deletes expired items late (up to days): an expired item is treated as absent.
        out.item.map(|i| Self::record(&i)).transpose().map(|r| r.filter(|r| r.is_live(now)))
    }

    async fn replace(&self, r: &SubmissionRecord, expected: u32) -> Result<(), StoreError> {
        let res = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(Self::item(r)?))
            .condition_expression("retryCount = :expected")
            .expression_attribute_values(":expected", AttributeValue::N(expected.to_string()))
            .send()
            .await;
        conditional(res)
    }

    async fn find(&self, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError> {
        let (index, attr, value) = match lookup {
            Lookup::Email(v) => (EMAIL_INDEX, "email", v),
            Lookup::UserId(v) => (USER_INDEX, "userId", v),
            Lookup::Holder(v) => (HOLDER_INDEX, "holderHash", v),
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
                if r.is_live(now) {
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
