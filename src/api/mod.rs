//! HTTP adapter: routing, authentication and the Step 1 flow, over plain `http` types so the same handler serves
//! API Gateway events (`src/bin/lambda.rs`) and the local server ([`server`]).

pub mod error;
pub mod form;
pub mod lambda;
pub mod server;

use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use http::{Method, Request, Response, StatusCode};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use crate::config::Config;
use crate::extract::retry::RetryCode;
use crate::extract::{DocumentHint, Extraction};
use crate::kyc::IdType;
use crate::kyc::decision::{self, CustomOptions, MAX_ATTEMPTS, PolicyCode, PolicyFacts};
use crate::ocr::TextReader;
use crate::store::{ImageStore, KycStatus, Lookup, StoreError, SubmissionRecord, SubmissionStore};
use error::{ApiError, json_response};
use form::Step1Form;

/// How long a submission id stays valid for retries and Step 2.
pub const VALIDITY_SECONDS: i64 = 4 * 3600;

pub const OPENAPI_YAML: &str = include_str!("../../openapi.yaml");
pub const ID_TYPES_JSON: &str = include_str!("../../data/id-types.json");

/// The rear-side rules of `data/id-types.json`.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct IdTypeRules {
    pub rules: Vec<IdTypeRule>,
}

#[derive(Clone, Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdTypeRule {
    pub id_type: IdType,
    pub country: String,
    pub back_required: bool,
}

impl IdTypeRules {
    pub fn embedded() -> Self {
        serde_json::from_str(ID_TYPES_JSON).expect("data/id-types.json is valid (checked by a test)")
    }

    /// The most specific rule: the country's own, else the `*` rule of the type.
    pub fn back_required(&self, id_type: IdType, country: &str) -> bool {
        let of_type = || self.rules.iter().filter(move |r| r.id_type == id_type);
        of_type()
            .find(|r| r.country == country)
            .or_else(|| of_type().find(|r| r.country == "*"))
            .is_some_and(|r| r.back_required)
    }
}

/// Everything a request needs, built once per process (Lambda init or server start).
pub struct AppState {
    pub config: Config,
    pub engine: Arc<dyn TextReader>,
    pub images: Arc<dyn ImageStore>,
    pub records: Arc<dyn SubmissionStore>,
    pub rules: IdTypeRules,
    /// Epoch seconds now (replaceable in tests to exercise expiry).
    pub clock: Arc<dyn Fn() -> i64 + Send + Sync>,
}

impl AppState {
    pub fn now(&self) -> i64 {
        (self.clock)()
    }
    fn today(&self) -> NaiveDate {
        DateTime::<Utc>::from_timestamp(self.now(), 0).unwrap_or_default().date_naive()
    }
}

fn key_matches(given: Option<&str>, keys: &[String]) -> bool {
    let Some(given) = given else { return false };
    // Compare against every key, always, so timing does not tell which key (or how much of one) matched.
    keys.iter().fold(false, |found, k| found | bool::from(k.as_bytes().ct_eq(given.as_bytes())))
}

/// Strip an API Gateway stage prefix (`/prod/submission/step1` -> `/submission/step1`).
fn route_path(path: &str) -> &str {
    const ROOTS: &[&str] = &["/submission", "/id-types", "/openapi.yaml", "/health"];
    if ROOTS.iter().any(|r| path.starts_with(r)) {
        return path;
    }
    match path[1.min(path.len())..].find('/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

/// Handle one request. Never panics into the runtime: every failure becomes a JSON error response.
pub async fn handle(state: Arc<AppState>, req: Request<Bytes>) -> Response<Bytes> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let started = Instant::now();
    let method = req.method().clone();
    let path = route_path(req.uri().path()).to_owned();
    let result = route(&state, req, &request_id).await;
    let mut response = match result {
        Ok(r) => r,
        Err(e) => e.into_response(&request_id),
    };
    if let Ok(v) = http::HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", v);
    }
    // No PII here: method, route, status, duration and the request id only.
    tracing::info!(request_id, %method, path, status = response.status().as_u16(), ms = started.elapsed().as_millis() as u64, "request");
    response
}

async fn route(state: &Arc<AppState>, req: Request<Bytes>, request_id: &str) -> Result<Response<Bytes>, ApiError> {
    let path = route_path(req.uri().path()).to_owned();
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match (req.method(), segments.as_slice()) {
        (&Method::GET, ["health"]) => Ok(json_response(StatusCode::OK, &json!({"status": "ok"}))),
        (&Method::GET, ["openapi.yaml"]) => Ok(Response::builder()
            .header("content-type", "application/yaml")
            .body(Bytes::from_static(OPENAPI_YAML.as_bytes()))
            .expect("valid response")),
        (&Method::GET, ["id-types"]) => Ok(Response::builder()
            .header("content-type", "application/json")
            .body(Bytes::from_static(ID_TYPES_JSON.as_bytes()))
            .expect("valid response")),
        (&Method::POST, ["submission", "step1"]) => {
            authorise(&req, &state.config.api_keys)?;
            step1(state, req, request_id).await
        }
        (&Method::GET, ["submission", id]) => {
            authorise(&req, &state.config.api_keys)?;
            get_submission(state, id).await
        }
        (&Method::POST, ["submission", id, "decision"]) => {
            authorise(&req, &state.config.admin_keys)?;
            decide(state, id, req.body()).await
        }
        (_, ["submission", ..] | ["id-types"] | ["openapi.yaml"] | ["health"]) => {
            Err(ApiError::client(StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", "method not allowed on this path"))
        }
        _ => Err(ApiError::client(StatusCode::NOT_FOUND, "not_found", "no such endpoint; see GET /openapi.yaml")),
    }
}

fn authorise(req: &Request<Bytes>, keys: &[String]) -> Result<(), ApiError> {
    let given = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    if key_matches(given, keys) {
        Ok(())
    } else {
        Err(ApiError::client(StatusCode::UNAUTHORIZED, "unauthorized", "missing or invalid x-api-key header"))
    }
}

fn iso(epoch: i64) -> String {
    DateTime::<Utc>::from_timestamp(epoch, 0).unwrap_or_default().to_rfc3339()
}

async fn step1(state: &Arc<AppState>, req: Request<Bytes>, request_id: &str) -> Result<Response<Bytes>, ApiError> {
    let content_type = req.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(ApiError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send the request as multipart/form-data",
        ));
    }
    let form = form::parse(&content_type, req.into_body()).await?;
    let country = form.issuing_country.to_string();
    if form.id_back_image.is_none() && state.rules.back_required(form.id_type, &country) {
        return Err(ApiError::bad_request(
            "back_image_required",
            format!("idBackImage is required for idType {} from {country} (see GET /id-types)", form.id_type),
        ));
    }
    let now = state.now();

    // A retry must name a live, incomplete submission of the same email.
    let previous = match &form.submission_id {
        None => None,
        Some(id) => {
            let rec = state.records.get(id, now).await?.ok_or_else(|| {
                ApiError::client(StatusCode::NOT_FOUND, "submission_not_found", "submissionId does not exist or has expired (4 hours)")
            })?;
            if rec.email != form.email {
                return Err(ApiError::client(
                    StatusCode::CONFLICT,
                    "submission_email_mismatch",
                    "submissionId belongs to a different email",
                ));
            }
            if rec.status != KycStatus::Incomplete {
                return Err(ApiError::client(
                    StatusCode::CONFLICT,
                    "submission_not_retryable",
                    format!("the submission is {}, only incomplete submissions can be retried", rec.status.as_str()),
                ));
            }
            Some(rec)
        }
    };

    // OCR and extraction are CPU-bound: off the async workers.
    let engine = state.engine.clone();
    let hint = DocumentHint { id_type: form.id_type, country: country.clone() };
    let today = state.today();
    let (form, extraction) = tokio::task::spawn_blocking(move || {
        let scan = crate::pipeline::scan(
            engine.as_ref(),
            &form.id_image.image.rgb,
            form.id_back_image.as_ref().map(|b| &b.image.rgb),
            &hint,
            today,
        );
        (form, scan.map(|s| s.extraction))
    })
    .await
    .map_err(|e| ApiError::Internal(format!("ocr task: {e}")))?;
    let extraction = extraction.map_err(|e| ApiError::Internal(e.to_string()))?;

    let id = previous.as_ref().map(|p| p.id.clone()).unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let attempt = previous.as_ref().map_or(1, |p| p.retry_count + 1);
    let created_at = previous.as_ref().map_or(now, |p| p.created_at);
    let expires_at = created_at + VALIDITY_SECONDS;

    let holder = holder_hash(&extraction);
    let (status, policy) = decide_status(state, &form, &extraction, &id, holder.as_deref(), attempt, &country, now).await?;

    // Images first, then the record with a conditional write; if the record fails, the images go again.
    let front_key = format!("submissions/{id}/{attempt}/front.{}", form.id_image.image.kind.extension());
    let back_key = form.id_back_image.as_ref().map(|b| format!("submissions/{id}/{attempt}/back.{}", b.image.kind.extension()));
    let mut uploads = vec![(&front_key, &form.id_image)];
    if let (Some(k), Some(b)) = (&back_key, &form.id_back_image) {
        uploads.push((k, b));
    }
    let keys: Vec<String> = uploads.iter().map(|(k, _)| (*k).clone()).collect();
    let mut stored: Vec<String> = Vec::new();
    for (key, upload) in uploads {
        if let Err(e) = state.images.put(key, upload.bytes.clone(), upload.image.kind.content_type()).await {
            cleanup(state, &stored).await;
            return Err(e.into());
        }
        stored.push(key.clone());
    }

    let body = response_body(&id, status, attempt, &extraction, &policy, &keys[0], back_key.as_deref(), expires_at, &form);
    let mut image_keys = previous.as_ref().map(|p| p.image_keys.clone()).unwrap_or_default();
    image_keys.extend(keys.iter().cloned());
    let record = SubmissionRecord {
        id: id.clone(),
        email: form.email.clone(),
        user_id: form.user_id.clone(),
        holder_hash: holder,
        status,
        retry_count: attempt,
        created_at,
        expires_at: Some(expires_at),
        decided_at: None,
        image_keys,
        response: body.clone(),
    };
    let written = match &previous {
        None => state.records.create(&record).await,
        Some(p) => state.records.replace(&record, p.retry_count).await,
    };
    if let Err(e) = written {
        cleanup(state, &stored).await;
        return Err(match e {
            StoreError::Conflict => ApiError::client(
                StatusCode::CONFLICT,
                "concurrent_retry",
                "another retry of this submission was processed at the same time; read it with GET /submission/{id}",
            ),
            other => other.into(),
        });
    }
    tracing::info!(request_id, status = status.as_str(), attempt, "step1 stored");
    Ok(json_response(StatusCode::OK, &body))
}

async fn cleanup(state: &AppState, keys: &[String]) {
    for k in keys {
        if let Err(e) = state.images.delete(k).await {
            tracing::error!(cause = %e, "could not delete an image after a failed write");
        }
    }
}

fn holder_hash(x: &Extraction) -> Option<String> {
    let f = &x.fields;
    let name = f.name.as_ref()?.value.clone();
    let birth = f.birth_date.as_ref()?.value.clone();
    let gender = f.gender.as_ref().map(|g| g.value.clone()).unwrap_or_default();
    let nationality = f.nationality.as_ref().map(|n| n.value.clone()).unwrap_or_default();
    Some(decision::holder_hash(&name, &birth, &gender, &nationality))
}

#[allow(clippy::too_many_arguments)]
async fn decide_status(
    state: &AppState,
    form: &Step1Form,
    x: &Extraction,
    id: &str,
    holder: Option<&str>,
    attempt: u32,
    country: &str,
    now: i64,
) -> Result<(KycStatus, Vec<PolicyCode>), ApiError> {
    if !x.retry.is_empty() {
        return Ok(if attempt >= MAX_ATTEMPTS {
            (KycStatus::Rejected, vec![PolicyCode::TooManyRetry])
        } else {
            (KycStatus::Incomplete, vec![])
        });
    }
    let mut related: Vec<SubmissionRecord> = Vec::new();
    let mut lookups = vec![Lookup::Email(form.email.clone())];
    if let Some(u) = &form.user_id {
        lookups.push(Lookup::UserId(u.clone()));
    }
    if let Some(h) = holder {
        lookups.push(Lookup::Holder(h.to_owned()));
    }
    for l in &lookups {
        for r in state.records.find(l, now).await? {
            if r.id != id && !related.iter().any(|x| x.id == r.id) {
                related.push(r);
            }
        }
    }
    let birth = x.fields.birth_date.as_ref().and_then(|b| NaiveDate::parse_from_str(&b.value, "%Y-%m-%d").ok());
    let facts = PolicyFacts {
        issuing_country: country,
        nationality: x.fields.nationality.as_ref().map(|n| n.value.as_str()),
        birth_date: birth,
        today: state.today(),
        now,
        related: &related,
    };
    let codes = decision::policy_codes(&state.config.options, &form.custom_options, &facts);
    Ok(if codes.is_empty() { (KycStatus::Pending, codes) } else { (KycStatus::Rejected, codes) })
}

#[allow(clippy::too_many_arguments)]
fn response_body(
    id: &str,
    status: KycStatus,
    attempt: u32,
    x: &Extraction,
    policy: &[PolicyCode],
    front_key: &str,
    back_key: Option<&str>,
    expires_at: i64,
    form: &Step1Form,
) -> Value {
    let unreadable = x.retry.iter().any(|r| matches!(r, RetryCode::RecognitionFail | RetryCode::ImageTooBlurry));
    let mut retry: Vec<Value> = x.retry.iter().map(|r| serde_json::to_value(r).unwrap_or_default()).collect();
    retry.extend(policy.iter().map(|p| serde_json::to_value(p).unwrap_or_default()));
    let document_fields = if unreadable && form.id_type == IdType::Universal {
        // Universal mode: the array form when OCR fails, as the reference says.
        json!([])
    } else {
        serde_json::to_value(&x.document_fields).unwrap_or_default()
    };
    let mut body = json!({
        "submissionId": id,
        "kycStatus": status.as_str(),
        "retryCount": attempt,
        "retry": retry,
        "document_fields": document_fields,
        "missing_fields": x.missing_fields,
        "idImage": front_key,
        "idBackImage": back_key,
        "file_upload": "true",
        "file_back_upload": if back_key.is_some() { "true" } else { "false" },
        "expiresAt": iso(expires_at),
        "idType": form.id_type.as_str(),
        "issuingCountry": form.issuing_country.as_str(),
    });
    if !unreadable {
        body["reviewOCRData"] = x.fields.review_json();
    }
    if let Some(u) = &form.user_id {
        body["userid"] = json!(u);
    }
    for (i, cf) in form.custom_fields.iter().enumerate() {
        if let Some(v) = cf {
            body[format!("cf{}", i + 1)] = json!(v);
        }
    }
    if form.custom_options != CustomOptions::default() {
        body["customOptions"] = serde_json::to_value(&form.custom_options).unwrap_or_default();
    }
    body
}

async fn get_submission(state: &AppState, id: &str) -> Result<Response<Bytes>, ApiError> {
    let not_found = || ApiError::client(StatusCode::NOT_FOUND, "submission_not_found", "submissionId does not exist or has expired");
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(not_found());
    }
    let rec = state.records.get(id, state.now()).await?.ok_or_else(not_found)?;
    let mut body = rec.response.clone();
    // The record without images: storage keys stay internal here.
    if let Some(o) = body.as_object_mut() {
        o.remove("idImage");
        o.remove("idBackImage");
    }
    body["kycStatus"] = json!(rec.status.as_str());
    body["retryCount"] = json!(rec.retry_count);
    body["createdAt"] = json!(iso(rec.created_at));
    body["expiresAt"] = rec.expires_at.map(iso).into();
    body["decidedAt"] = rec.decided_at.map(iso).into();
    Ok(json_response(StatusCode::OK, &body))
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    decision: String,
    reason: Option<String>,
}

async fn decide(state: &AppState, id: &str, body: &Bytes) -> Result<Response<Bytes>, ApiError> {
    let parsed: DecisionBody = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad_request("invalid_decision", format!("body must be {{\"decision\": \"approved\"|\"rejected\", \"reason\": \"...\"}}: {e}"))
    })?;
    let status = match parsed.decision.as_str() {
        "approved" => KycStatus::Approved,
        "rejected" => KycStatus::Rejected,
        _ => return Err(ApiError::bad_request("invalid_decision", "decision must be approved or rejected")),
    };
    let now = state.now();
    let not_found = || ApiError::client(StatusCode::NOT_FOUND, "submission_not_found", "submissionId does not exist or has expired");
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(not_found());
    }
    let mut rec = state.records.get(id, now).await?.ok_or_else(not_found)?;
    if rec.status != KycStatus::Pending {
        return Err(ApiError::client(
            StatusCode::CONFLICT,
            "submission_not_decidable",
            format!("the submission is {}, only pending submissions can be decided", rec.status.as_str()),
        ));
    }
    let expected = rec.retry_count;
    rec.status = status;
    rec.decided_at = Some(now);
    // Decided records lose the TTL, so the approve/reject periods can be checked later.
    rec.expires_at = None;
    rec.response["kycStatus"] = json!(status.as_str());
    if let Some(r) = parsed.reason.filter(|r| !r.is_empty()) {
        rec.response["decisionReason"] = json!(r.chars().take(1000).collect::<String>());
    }
    state.records.replace(&rec, expected).await.map_err(|e| match e {
        StoreError::Conflict => ApiError::client(StatusCode::CONFLICT, "concurrent_update", "the submission changed meanwhile; retry"),
        other => other.into(),
    })?;
    Ok(json_response(StatusCode::OK, &json!({"submissionId": id, "kycStatus": status.as_str(), "decidedAt": iso(now)})))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stage_prefix_is_stripped() {
        assert_eq!(route_path("/prod/submission/step1"), "/submission/step1");
        assert_eq!(route_path("/submission/step1"), "/submission/step1");
        assert_eq!(route_path("/v1/id-types"), "/id-types");
    }

    #[test]
    fn api_keys_are_compared_exactly() {
        let keys = vec!["secret-1".to_string(), "secret-2".to_string()];
        assert!(key_matches(Some("secret-2"), &keys));
        assert!(!key_matches(Some("secret-"), &keys));
        assert!(!key_matches(None, &keys));
    }

    #[test]
    fn rear_side_rules_prefer_the_country_rule() {
        let rules = IdTypeRules::embedded();
        assert!(rules.back_required(IdType::GovernmentId, "NLD"));
        assert!(!rules.back_required(IdType::GovernmentId, "KOR"));
        assert!(!rules.back_required(IdType::Passport, "NLD"));
        assert!(rules.back_required(IdType::ResidencePermit, "DEU"));
    }
}
