//! Storage: the image store and the submission store, each a small trait with an AWS implementation (S3,
//! DynamoDB) and a local one (a directory, SQLite). One conformance suite (`tests/store_conformance.rs`) runs
//! against both, so they keep the same semantics: expiry, versioned conditional writes, project-scoped lookups.

pub mod aws;
pub mod local;

use async_trait::async_trait;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::extract::retry::RetryCode;
use crate::extract::{DocumentFields, Fields};
use crate::kyc::{Country, CustomOptions, Email, IdType, KycStatus, PolicyCode, ProjectId, SubmissionId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A conditional write lost: the record exists already, or changed since it was read.
    #[error("conditional write failed")]
    Conflict,
    #[error("storage backend error: {0}")]
    Backend(String),
}

/// What the last Step 1 attempt read and decided; the response is rendered from it whenever it is read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attempt {
    pub id_type: IdType,
    pub issuing_country: Country,
    pub front_key: String,
    pub back_key: Option<String>,
    /// `None` when the document could not be read at all (no `reviewOCRData` then).
    pub fields: Option<Fields>,
    pub document_fields: DocumentFields,
    pub missing_fields: Vec<crate::extract::document::CarriedField>,
    pub retry: Vec<RetryCode>,
    pub policy: Vec<PolicyCode>,
    pub user_id: Option<String>,
    pub custom_fields: [Option<String>; 3],
    pub custom_options: CustomOptions,
}

/// One submission as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SubmissionRecord {
    pub id: SubmissionId,
    pub project: ProjectId,
    /// Bumped by every write, and every write is conditional on the version it read: of two concurrent writers of
    /// one record exactly one wins.
    pub version: u64,
    pub email: Email,
    pub user_id: Option<String>,
    pub holder_hash: Option<String>,
    pub status: KycStatus,
    /// Step 1 attempts so far.
    pub retry_count: u32,
    /// Epoch seconds.
    pub created_at: i64,
    /// Epoch seconds after which the submission no longer exists; `None` once decided (kept for the periods).
    pub expires_at: Option<i64>,
    pub decided_at: Option<i64>,
    pub decision_reason: Option<String>,
    /// Every image of every attempt, for retention and clean-up.
    pub image_keys: Vec<String>,
    pub attempt: Attempt,
}

impl SubmissionRecord {
    pub fn is_live(&self, now: i64) -> bool {
        self.expires_at.is_none_or(|e| e > now)
    }
}

/// Secondary keys a submission can be found by (always within one project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Email(Email),
    UserId(String),
    Holder(String),
}

#[async_trait]
pub trait ImageStore: Send + Sync {
    /// Store an image under a key no other request uses. New images are kept for a short time only (a day at
    /// most) unless [`ImageStore::retain`] is called: an upload whose record was never written cleans itself up.
    async fn put(&self, key: &str, bytes: Bytes, content_type: &str) -> Result<(), StoreError>;
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Remove an image; removing an absent image succeeds.
    async fn delete(&self, key: &str) -> Result<(), StoreError>;
    /// Keep an image for the long retention period (the submission was decided by the back office).
    async fn retain(&self, key: &str) -> Result<(), StoreError>;
}

#[async_trait]
pub trait SubmissionStore: Send + Sync {
    /// Insert a new record (version 1); `Conflict` if the id exists.
    async fn create(&self, record: &SubmissionRecord) -> Result<(), StoreError>;
    /// The record of this project, or `None` if it does not exist, belongs to another project, or has expired
    /// (expired items may linger in DynamoDB for days).
    async fn get(
        &self,
        project: &ProjectId,
        id: &SubmissionId,
        now: i64,
    ) -> Result<Option<SubmissionRecord>, StoreError>;
    /// Replace a record only if its stored version is still `record.version - 1`; `Conflict` otherwise.
    async fn replace(&self, record: &SubmissionRecord) -> Result<(), StoreError>;
    /// Live records of this project with this email, user id or holder hash.
    async fn find(&self, project: &ProjectId, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError>;
}

/// The composite index key of a lookup: the project first, so that lookups never cross projects.
pub fn index_key(project: &ProjectId, value: &str) -> String {
    format!("{project}#{value}")
}

/// A record that does not (de)serialise. serde's message can quote the offending value, which may be holder data:
/// only the position goes into the error (and so into the log).
fn undecodable(e: &serde_json::Error) -> StoreError {
    StoreError::Backend(format!(
        "stored record unreadable ({:?} error at line {} column {})",
        e.classify(),
        e.line(),
        e.column()
    ))
}

fn check_version_step(record: &SubmissionRecord) -> Result<u64, StoreError> {
    record
        .version
        .checked_sub(1)
        .filter(|v| *v >= 1)
        .ok_or_else(|| StoreError::Backend(format!("a replacement must carry version >= 2, not {}", record.version)))
}
