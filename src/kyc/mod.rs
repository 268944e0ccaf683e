//! The KYC domain, a leaf module: request values that can only hold valid input, the submission status, the
//! project options and `customOptions`, and the policy rules that turn extracted facts into a status.
//!
//! Nothing here knows about HTTP, storage, configuration sources or OCR: those layers depend on this one.

pub mod catalogue;
pub mod options;
pub mod policy;
pub mod text;
pub mod types;

pub use catalogue::IdTypeRules;
pub use options::{CustomOptions, ProjectOptions};
pub use policy::{MAX_ATTEMPTS, PolicyCode, PolicyFacts, RelatedSubmission};
pub use types::{Country, Email, IdType, KycStatus, ProjectId, SubmissionId};
