//! Response bodies, rendered from a stored record whenever it is read (the status is stored once, in the record).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::extract::retry::RetryCode;
use crate::extract::{DocumentFields, Field, Fields};
use crate::kyc::{IdType, PolicyCode};
use crate::store::SubmissionRecord;

/// A `retry[]` item: `{retryCode, retryMsg}` (document and policy codes alike).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RetryItem {
    pub retry_code: &'static str,
    pub retry_msg: &'static str,
}

impl From<RetryCode> for RetryItem {
    fn from(c: RetryCode) -> Self {
        RetryItem { retry_code: c.code(), retry_msg: c.message() }
    }
}

impl From<PolicyCode> for RetryItem {
    fn from(c: PolicyCode) -> Self {
        RetryItem { retry_code: c.code(), retry_msg: c.message() }
    }
}

/// `document_fields`: an object, except in Universal mode when OCR failed, where the reference wants an array.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum DocumentFieldsView {
    Object(DocumentFields),
    Array([(); 0]),
}

macro_rules! review_fields {
    ($($field:ident, $value:literal, $accepted:literal;)*) => {
        /// `reviewOCRData`: every field with its value (null when not read) and whether it is confirmed.
        #[derive(Clone, Debug, Serialize, PartialEq)]
        pub struct ReviewOcrData {
            $(
                #[serde(rename = $value)]
                pub $field: Option<String>,
            )*
            #[serde(flatten)]
            pub accepted: ReviewAccepted,
        }

        #[derive(Clone, Debug, Serialize, PartialEq)]
        pub struct ReviewAccepted {
            $(
                #[serde(rename = $accepted)]
                pub $field: bool,
            )*
        }

        impl From<&Fields> for ReviewOcrData {
            fn from(f: &Fields) -> Self {
                let value = |x: &Option<Field>| x.as_ref().map(|f| f.value.clone());
                let accepted = |x: &Option<Field>| x.as_ref().is_some_and(|f| f.accepted);
                ReviewOcrData {
                    $($field: value(&f.$field),)*
                    accepted: ReviewAccepted { $($field: accepted(&f.$field),)* },
                }
            }
        }
    };
}

review_fields! {
    birth_date, "ocr_birthDate", "accepted_ocr_birthDate";
    issue_date, "ocr_issueDate", "accepted_ocr_issueDate";
    expire_date, "ocr_expireDate", "accepted_ocr_expireDate";
    last_name, "ocr_lastName", "accepted_ocr_lastName";
    first_name, "ocr_firstName", "accepted_ocr_firstName";
    name, "ocr_name", "accepted_ocr_name";
    gender, "ocr_gender", "accepted_ocr_gender";
    nationality, "ocr_nationality", "accepted_ocr_nationality";
    identity_number, "ocr_identityNumber", "accepted_ocr_identityNumber";
    document_number, "ocr_documentNumber", "accepted_ocr_documentNumber";
    license_number, "ocr_licenseNumber", "accepted_ocr_licenseNumber";
}

fn iso(epoch: i64) -> String {
    DateTime::<Utc>::from_timestamp(epoch, 0).unwrap_or_default().to_rfc3339()
}

/// The Step 1 response, and (with [`SubmissionView::Read`]) the body of `GET /submission/{id}`.
#[derive(Clone, Debug, Serialize)]
pub struct SubmissionResponse {
    #[serde(rename = "submissionId")]
    pub submission_id: String,
    #[serde(rename = "kycStatus")]
    pub kyc_status: &'static str,
    #[serde(rename = "retryCount")]
    pub retry_count: u32,
    pub retry: Vec<RetryItem>,
    pub document_fields: DocumentFieldsView,
    pub missing_fields: Vec<crate::extract::document::CarriedField>,
    #[serde(rename = "reviewOCRData", skip_serializing_if = "Option::is_none")]
    pub review_ocr_data: Option<ReviewOcrData>,
    #[serde(rename = "idImage", skip_serializing_if = "Option::is_none")]
    pub id_image: Option<String>,
    /// Present (null when no back was sent) in the Step 1 answer; absent when read back.
    #[serde(rename = "idBackImage", skip_serializing_if = "Option::is_none")]
    pub id_back_image: Option<Option<String>>,
    pub file_upload: &'static str,
    pub file_back_upload: &'static str,
    #[serde(rename = "expiresAt")]
    pub expires_at: Option<String>,
    #[serde(rename = "idType")]
    pub id_type: IdType,
    #[serde(rename = "issuingCountry")]
    pub issuing_country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub userid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cf1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cf2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cf3: Option<String>,
    #[serde(rename = "customOptions", skip_serializing_if = "Option::is_none")]
    pub custom_options: Option<serde_json::Value>,
    #[serde(rename = "createdAt", skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Present (null until decided) when read back.
    #[serde(rename = "decidedAt", skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<Option<String>>,
    #[serde(rename = "decisionReason", skip_serializing_if = "Option::is_none")]
    pub decision_reason: Option<String>,
}

/// Who reads the record: the Step 1 caller gets the storage keys of its images; a later read does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmissionView {
    Step1,
    Read,
}

impl SubmissionResponse {
    pub fn render(r: &SubmissionRecord, view: SubmissionView) -> Self {
        let a = &r.attempt;
        let unreadable = a.retry.iter().any(|c| c.is_unreadable());
        let document_fields = if unreadable && a.id_type == IdType::Universal {
            DocumentFieldsView::Array([])
        } else {
            DocumentFieldsView::Object(a.document_fields.clone())
        };
        let step1 = view == SubmissionView::Step1;
        let [cf1, cf2, cf3] = a.custom_fields.clone();
        let custom = a.custom_options.as_client_json();
        SubmissionResponse {
            submission_id: r.id.to_string(),
            kyc_status: r.status.as_str(),
            retry_count: r.retry_count,
            retry: a.retry.iter().map(|&c| c.into()).chain(a.policy.iter().map(|&c| c.into())).collect(),
            document_fields,
            missing_fields: a.missing_fields.clone(),
            review_ocr_data: a.fields.as_ref().map(ReviewOcrData::from),
            id_image: step1.then(|| a.front_key.clone()),
            id_back_image: step1.then(|| a.back_key.clone()),
            file_upload: "true",
            file_back_upload: if a.back_key.is_some() { "true" } else { "false" },
            expires_at: r.expires_at.map(iso),
            id_type: a.id_type,
            issuing_country: a.issuing_country.to_string(),
            userid: a.user_id.clone(),
            cf1,
            cf2,
            cf3,
            custom_options: custom.as_object().is_some_and(|o| !o.is_empty()).then_some(custom),
            created_at: (!step1).then(|| iso(r.created_at)),
            decided_at: (!step1).then(|| r.decided_at.map(iso)),
            decision_reason: if step1 { None } else { r.decision_reason.clone() },
        }
    }
}

/// The answer to a decision.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionResponse {
    pub submission_id: String,
    pub kyc_status: &'static str,
    pub decided_at: Option<String>,
}

impl DecisionResponse {
    pub fn render(r: &SubmissionRecord) -> Self {
        DecisionResponse {
            submission_id: r.id.to_string(),
            kyc_status: r.status.as_str(),
            decided_at: r.decided_at.map(iso),
        }
    }
}
