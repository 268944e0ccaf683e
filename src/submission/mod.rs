//! The Step 1 use case, transport-free: from a valid request to a stored outcome. The Lambda, the local server and
//! the CLI all call this; HTTP lives in `api`, the rules in `kyc`, reading documents in `ocr` + `extract`.
//!
//! Guarantees (README, "Concurrency and failures"):
//! - Every record write is conditional on the version it read: of concurrent retries or decisions of one
//!   submission exactly one wins, the others get `Concurrent*` (409).
//! - Images are stored under keys unique to the request, before the record; a request that fails after uploading
//!   removes what it wrote (with retries), so a loser never deletes a winner's image. What still escapes (a crash,
//!   a storage outage during clean-up) is removed by the retention rules: S3 lifecycle / the local sweep.
//! - A record write that fails ambiguously (a timeout after the write may have landed) is read back before anything
//!   is deleted: the images of a stored record are never removed.

pub mod pool;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::extract::{DocumentHint, Extraction};
use crate::imaging::{self, ImageError, ImageKind};
use crate::kyc::policy::{self, PolicyFacts, RelatedSubmission};
use crate::kyc::{
    Country, CustomOptions, Email, IdType, IdTypeRules, KycStatus, ProjectId, ProjectOptions, SubmissionId,
};
use crate::ocr::{OcrError, TextReader};
use crate::store::{Attempt, ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore};
pub use pool::{OcrPool, PoolError};

/// How long a submission id stays valid for retries and Step 2.
pub const VALIDITY_SECONDS: i64 = 4 * 3600;

/// An image the request carries: its bytes as sent (stored unchanged) and its format, already checked from its
/// headers ([`imaging::inspect`]); the pixels are decoded later, inside the bounded pool.
#[derive(Clone)]
pub struct ImageUpload {
    pub bytes: Bytes,
    pub kind: ImageKind,
}

impl std::fmt::Debug for ImageUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ImageUpload({} bytes, {:?})", self.bytes.len(), self.kind)
    }
}

/// A valid Step 1 request (built by the API's form parser, or by a test).
#[derive(Clone, Debug)]
pub struct Step1Request {
    pub email: Email,
    pub id_type: IdType,
    pub issuing_country: Country,
    pub front: ImageUpload,
    pub back: Option<ImageUpload>,
    pub submission_id: Option<SubmissionId>,
    pub user_id: Option<String>,
    pub custom_fields: [Option<String>; 3],
    pub custom_options: CustomOptions,
}

/// A back-office decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// Why a Step 1 call or a decision did not produce a stored outcome.
#[derive(Debug, thiserror::Error)]
pub enum SubmissionError {
    #[error("idBackImage is required for idType {id_type} from {country}")]
    BackImageRequired { id_type: IdType, country: Country },
    #[error("{field}: {error}")]
    Image { field: &'static str, error: ImageError },
    #[error("submission not found")]
    NotFound,
    #[error("the submission belongs to a different email")]
    EmailMismatch,
    #[error("the submission is {0}, only incomplete submissions can be retried")]
    NotRetryable(KycStatus),
    #[error("the submission is {0}, only pending submissions can be decided")]
    NotDecidable(KycStatus),
    #[error("another retry of this submission was stored first")]
    ConcurrentRetry,
    #[error("another decision on this submission was stored first")]
    ConcurrentDecision,
    #[error("busy")]
    Busy,
    #[error("storage: {0}")]
    Storage(#[from] StoreError),
    #[error("ocr: {0}")]
    Ocr(#[from] OcrError),
    #[error("the document reader failed unexpectedly")]
    Crashed,
}

impl From<PoolError> for SubmissionError {
    fn from(e: PoolError) -> Self {
        match e {
            PoolError::Busy => SubmissionError::Busy,
            PoolError::Panicked => SubmissionError::Crashed,
        }
    }
}

/// Epoch seconds now (a fixed clock in tests).
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(|| Utc::now().timestamp())
}

/// The Step 1 service: the engine, the stores and the rules, built once per process.
pub struct Step1Service {
    pub engine: Arc<dyn TextReader>,
    pub images: Arc<dyn ImageStore>,
    pub records: Arc<dyn SubmissionStore>,
    pub rules: IdTypeRules,
    pub pool: OcrPool,
    pub clock: Clock,
}

/// Attempts at removing one image after a failed request, and the pause before each retry.
const CLEANUP_BACKOFF: [Duration; 3] = [Duration::ZERO, Duration::from_millis(100), Duration::from_millis(500)];

impl Step1Service {
    pub fn now(&self) -> i64 {
        (self.clock)()
    }

    pub fn today(&self) -> NaiveDate {
        DateTime::<Utc>::from_timestamp(self.now(), 0).unwrap_or_default().date_naive()
    }

    /// Read a submission of this project (`NotFound` when absent, expired or another project's).
    pub async fn get(&self, project: &ProjectId, id: &SubmissionId) -> Result<SubmissionRecord, SubmissionError> {
        self.records.get(project, id, self.now()).await?.ok_or(SubmissionError::NotFound)
    }

    /// One Step 1 attempt: read the document, decide, store images and record. `request_id` makes the storage keys
    /// of this request unique.
    pub async fn step1(
        &self,
        project: &ProjectId,
        options: &ProjectOptions,
        req: Step1Request,
        request_id: &str,
    ) -> Result<SubmissionRecord, SubmissionError> {
        if req.back.is_none() && self.rules.back_required(req.id_type, &req.issuing_country) {
            return Err(SubmissionError::BackImageRequired { id_type: req.id_type, country: req.issuing_country });
        }
        let now = self.now();
        let previous = match &req.submission_id {
            None => None,
            Some(id) => {
                let rec = self.records.get(project, id, now).await?.ok_or(SubmissionError::NotFound)?;
                if rec.email != req.email {
                    return Err(SubmissionError::EmailMismatch);
                }
                if rec.status != KycStatus::Incomplete {
                    return Err(SubmissionError::NotRetryable(rec.status));
                }
                Some(rec)
            }
        };

        let extraction = self.read_document(&req).await?;

        let id = previous.as_ref().map_or_else(SubmissionId::new_random, |p| p.id);
        let attempt = previous.as_ref().map_or(1, |p| p.retry_count + 1);
        let created_at = previous.as_ref().map_or(now, |p| p.created_at);
        let holder = holder_hash(&extraction);
        let policy_codes = if extraction.retry.is_empty() {
            self.policy_codes(project, options, &req, &extraction, id, holder.as_deref(), now).await?
        } else {
            Vec::new()
        };
        let (status, policy_codes) = policy::attempt_status(!extraction.retry.is_empty(), attempt, policy_codes);

        // Images first, under keys only this request uses; then the record.
        let request_part: String = request_id.chars().filter(char::is_ascii_alphanumeric).take(12).collect();
        let key = |side: &str, kind: ImageKind| {
            format!("submissions/{id}/{attempt}-{request_part}/{side}.{}", kind.extension())
        };
        let front_key = key("front", req.front.kind);
        let back_key = req.back.as_ref().map(|b| key("back", b.kind));
        let mut stored: Vec<String> = Vec::new();
        let uploads = std::iter::once((&front_key, &req.front)).chain(back_key.iter().zip(req.back.iter()));
        for (k, upload) in uploads {
            if let Err(e) = self.images.put(k, upload.bytes.clone(), upload.kind.content_type()).await {
                self.remove_images(&stored).await;
                return Err(e.into());
            }
            stored.push(k.clone());
        }

        let unreadable = extraction.retry.iter().any(|r| r.is_unreadable());
        let mut image_keys = previous.as_ref().map(|p| p.image_keys.clone()).unwrap_or_default();
        image_keys.extend(stored.iter().cloned());
        let record = SubmissionRecord {
            id,
            project: project.clone(),
            version: previous.as_ref().map_or(1, |p| p.version + 1),
            email: req.email.clone(),
            user_id: req.user_id.clone(),
            holder_hash: holder,
            status,
            retry_count: attempt,
            created_at,
            expires_at: Some(created_at + VALIDITY_SECONDS),
            decided_at: None,
            decision_reason: None,
            image_keys,
            attempt: Attempt {
                id_type: req.id_type,
                issuing_country: req.issuing_country.clone(),
                front_key: front_key.clone(),
                back_key,
                fields: (!unreadable).then(|| extraction.fields.clone()),
                document_fields: extraction.document_fields.clone(),
                missing_fields: extraction.missing_fields.clone(),
                retry: extraction.retry.clone(),
                policy: policy_codes,
                user_id: req.user_id.clone(),
                custom_fields: req.custom_fields.clone(),
                custom_options: req.custom_options.clone(),
            },
        };
        let written = match &previous {
            None => self.records.create(&record).await,
            Some(_) => self.records.replace(&record).await,
        };
        match written {
            Ok(()) => {}
            Err(StoreError::Conflict) => {
                self.remove_images(&stored).await;
                return Err(match previous {
                    Some(_) => SubmissionError::ConcurrentRetry,
                    // A fresh random id that exists already: not a race any client can cause; treat as a failure.
                    None => SubmissionError::Storage(StoreError::Conflict),
                });
            }
            Err(e) => {
                // A timeout may hide a write that landed: read it back before removing anything it points to.
                match self.records.get(project, &id, now).await {
                    Ok(Some(r)) if r.attempt.front_key == front_key => {
                        tracing::warn!(request_id, "the record write reported an error but was stored");
                        return Ok(r);
                    }
                    Ok(_) => self.remove_images(&stored).await,
                    Err(_) => tracing::warn!(
                        request_id,
                        "record write and read-back failed; images are left to the retention rules"
                    ),
                }
                return Err(e.into());
            }
        }
        tracing::info!(request_id, status = status.as_str(), attempt, "step1 stored");
        Ok(record)
    }

    /// Decode and read the document inside the bounded pool.
    async fn read_document(&self, req: &Step1Request) -> Result<Extraction, SubmissionError> {
        let engine = self.engine.clone();
        let front = req.front.bytes.clone();
        let back = req.back.as_ref().map(|b| b.bytes.clone());
        let hint = DocumentHint { id_type: req.id_type, country: req.issuing_country.to_string() };
        let today = self.today();
        self.pool
            .run(move || -> Result<Extraction, SubmissionError> {
                let image = |field: &'static str, bytes: &[u8]| {
                    imaging::decode(bytes).map(|d| d.rgb).map_err(|error| SubmissionError::Image { field, error })
                };
                let front = image("idImage", &front)?;
                let back = back.map(|b| image("idBackImage", &b)).transpose()?;
                let scan = crate::pipeline::scan(engine.as_ref(), &front, back.as_ref(), &hint, today)?;
                Ok(scan.extraction)
            })
            .await?
    }

    #[allow(clippy::too_many_arguments)]
    async fn policy_codes(
        &self,
        project: &ProjectId,
        options: &ProjectOptions,
        req: &Step1Request,
        x: &Extraction,
        id: SubmissionId,
        holder: Option<&str>,
        now: i64,
    ) -> Result<Vec<crate::kyc::PolicyCode>, SubmissionError> {
        let mut lookups = vec![Lookup::Email(req.email.clone())];
        if let Some(u) = &req.user_id {
            lookups.push(Lookup::UserId(u.clone()));
        }
        if let Some(h) = holder {
            lookups.push(Lookup::Holder(h.to_owned()));
        }
        let mut seen = Vec::new();
        let mut related = Vec::new();
        for l in &lookups {
            for r in self.records.find(project, l, now).await? {
                if r.id != id && !seen.contains(&r.id) {
                    seen.push(r.id);
                    related.push(RelatedSubmission { status: r.status, decided_at: r.decided_at });
                }
            }
        }
        let birth = x.fields.birth_date.as_ref().and_then(|b| NaiveDate::parse_from_str(&b.value, "%Y-%m-%d").ok());
        let facts = PolicyFacts {
            issuing_country: &req.issuing_country,
            nationality: x.fields.nationality.as_ref().map(|n| n.value.as_str()),
            birth_date: birth,
            today: self.today(),
            now,
            related: &related,
        };
        Ok(policy::policy_codes(options, &req.custom_options, &facts))
    }

    /// A back-office decision on a pending submission: its images are kept for the long retention period first,
    /// then the record is written conditionally (of two concurrent decisions exactly one wins).
    pub async fn decide(
        &self,
        project: &ProjectId,
        id: &SubmissionId,
        decision: Decision,
        reason: Option<String>,
    ) -> Result<SubmissionRecord, SubmissionError> {
        let now = self.now();
        let current = self.records.get(project, id, now).await?.ok_or(SubmissionError::NotFound)?;
        if current.status != KycStatus::Pending {
            return Err(SubmissionError::NotDecidable(current.status));
        }
        for key in &current.image_keys {
            self.images.retain(key).await?;
        }
        let mut next = current.clone();
        next.version += 1;
        next.status = match decision {
            Decision::Approve => KycStatus::Approved,
            Decision::Reject => KycStatus::Rejected,
        };
        next.decided_at = Some(now);
        // Decided records lose the TTL, so the approve/reject periods can be checked later.
        next.expires_at = None;
        next.decision_reason = reason.filter(|r| !r.trim().is_empty()).map(|r| r.chars().take(1000).collect());
        match self.records.replace(&next).await {
            Ok(()) => Ok(next),
            Err(StoreError::Conflict) => Err(SubmissionError::ConcurrentDecision),
            Err(e) => Err(e.into()),
        }
    }

    /// Remove this request's images, retrying each a few times; what cannot be removed is left to the retention
    /// rules (logged by key, which holds no holder data).
    async fn remove_images(&self, keys: &[String]) {
        for key in keys {
            let mut removed = false;
            for pause in CLEANUP_BACKOFF {
                tokio::time::sleep(pause).await;
                if self.images.delete(key).await.is_ok() {
                    removed = true;
                    break;
                }
            }
            if !removed {
                tracing::error!(
                    key = key.as_str(),
                    "could not remove an image after a failed request; the retention rules will"
                );
            }
        }
    }
}

/// A stable, non-reversible key for "the same person": name, birth date, gender and nationality, upper-cased and
/// accent-free.
pub fn holder_hash(x: &Extraction) -> Option<String> {
    let f = &x.fields;
    let name = f.name.as_ref()?.value.clone();
    let birth = f.birth_date.as_ref()?.value.clone();
    let gender = f.gender.as_ref().map(|g| g.value.clone()).unwrap_or_default();
    let nationality = f.nationality.as_ref().map(|n| n.value.clone()).unwrap_or_default();
    Some(hash_holder(&name, &birth, &gender, &nationality))
}

pub fn hash_holder(name: &str, birth: &str, gender: &str, nationality: &str) -> String {
    let canonical = format!(
        "{}|{}|{}|{}",
        crate::extract::text::strip_accents(name),
        birth.trim(),
        gender.trim().to_uppercase(),
        nationality.trim().to_uppercase()
    );
    Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_hash_ignores_accents_and_case() {
        assert_eq!(
            hash_holder("Émile Le Goff", "1996-05-18", "m", "fra"),
            hash_holder("EMILE LE GOFF", "1996-05-18", "M", "FRA")
        );
        assert_ne!(
            hash_holder("EMILE LE GOFF", "1996-05-18", "M", "FRA"),
            hash_holder("EMILE LE GOFF", "1996-05-19", "M", "FRA")
        );
    }
}
