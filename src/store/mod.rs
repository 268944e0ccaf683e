//! Storage: the image store and the submission store, each a small trait with an AWS implementation (S3,
//! DynamoDB) and a local one (a directory, SQLite). One conformance suite (`tests/store_conformance.rs`) runs
//! against both, so they keep the same semantics: expiry, conditional writes, lookups.

pub mod aws;
pub mod local;

use async_trait::async_trait;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A conditional write lost: the record exists already, or changed since it was read.
    #[error("conditional write failed")]
    Conflict,
    #[error("storage backend error: {0}")]
    Backend(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KycStatus {
    Pending,
    Incomplete,
    Approved,
    Rejected,
}

impl KycStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KycStatus::Pending => "pending",
            KycStatus::Incomplete => "incomplete",
            KycStatus::Approved => "approved",
            KycStatus::Rejected => "rejected",
        }
    }
}

/// One submission as stored. `response` is the last Step 1 response body (without storage internals).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmissionRecord {
    pub id: String,
    pub email: String,
    pub user_id: Option<String>,
    pub holder_hash: Option<String>,
    pub status: KycStatus,
    pub retry_count: u32,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds after which the submission no longer exists; `None` once decided (kept for the periods).
    pub expires_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub image_keys: Vec<String>,
    pub response: serde_json::Value,
}

impl SubmissionRecord {
    pub fn is_live(&self, now: i64) -> bool {
        self.expires_at.is_none_or(|e| e > now)
    }
}

/// Secondary keys a submission can be found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Email(String),
    UserId(String),
    Holder(String),
}

#[async_trait]
pub trait ImageStore: Send + Sync {
    async fn put(&self, key: &str, bytes: Bytes, content_type: &str) -> Result<(), StoreError>;
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
}

#[async_trait]
pub trait SubmissionStore: Send + Sync {
    /// Insert a new record; `Conflict` if the id exists.
    async fn create(&self, record: &SubmissionRecord) -> Result<(), StoreError>;
    /// The record, or `None` if it does not exist or has expired (expired items may linger in DynamoDB).
    async fn get(&self, id: &str, now: i64) -> Result<Option<SubmissionRecord>, StoreError>;
    /// Replace a record only if its stored `retry_count` is still `expected_retry_count` (optimistic locking).
    async fn replace(&self, record: &SubmissionRecord, expected_retry_count: u32) -> Result<(), StoreError>;
    /// Live records with this email, user id or holder hash.
    async fn find(&self, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError>;
}
