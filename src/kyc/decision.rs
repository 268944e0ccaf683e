//! The status decision after extraction: retries, then the project options (blacklist, age, duplicates,
//! re-submission periods), each of which `customOptions` may switch off for one submission.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::ProjectOptions;
use crate::store::{KycStatus, SubmissionRecord};

/// Attempts allowed before a submission is rejected.
pub const MAX_ATTEMPTS: u32 = 3;

/// Codes that reject a submission for policy reasons (names as in the reference's vendor).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyCode {
    TooManyRetry,
    BlacklistCountry,
    UnderAgeLimit,
    DuplicateUser,
    ApprovePeriod,
    RejectPeriod,
}

impl PolicyCode {
    pub fn code(self) -> &'static str {
        match self {
            PolicyCode::TooManyRetry => "too_many_retry",
            PolicyCode::BlacklistCountry => "blacklistCountry",
            PolicyCode::UnderAgeLimit => "under_ageLimit",
            PolicyCode::DuplicateUser => "duplicate_user",
            PolicyCode::ApprovePeriod => "approvePeriod",
            PolicyCode::RejectPeriod => "rejectPeriod",
        }
    }
    pub fn message(self) -> &'static str {
        match self {
            PolicyCode::TooManyRetry => "Step 1 failed three times; the submission is rejected. Start a new submission.",
            PolicyCode::BlacklistCountry => "Documents from this country are not accepted by this project.",
            PolicyCode::UnderAgeLimit => "The holder is younger than this project's minimum age.",
            PolicyCode::DuplicateUser => "This user or document holder already has a pending or approved submission.",
            PolicyCode::ApprovePeriod => "This holder was approved recently; a new submission is not accepted yet.",
            PolicyCode::RejectPeriod => "This holder was rejected recently; a new submission is not accepted yet.",
        }
    }
}

impl Serialize for PolicyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::extract::retry::serialize_retry(self.code(), self.message(), s)
    }
}

/// `customOptions`: per-submission switches. Only `false` turns an option off; `rejectDuplicateUser` may be either.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomOptions {
    pub blacklist_countries_off: bool,
    pub approve_period_off: bool,
    pub reject_period_off: bool,
    pub age_limit_off: bool,
    pub reject_duplicate_user: Option<bool>,
}

impl CustomOptions {
    /// Parse the JSON string the client sends; every deviation is an error naming the key.
    pub fn parse(json: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("customOptions is not valid JSON: {e}"))?;
        let obj = value.as_object().ok_or("customOptions must be a JSON object")?;
        let mut out = CustomOptions::default();
        for (k, v) in obj {
            let only_false = |v: &serde_json::Value| match v {
                serde_json::Value::Bool(false) => Ok(true),
                _ => Err(format!("customOptions.{k} accepts only false")),
            };
            match k.as_str() {
                "blacklistCountries" => out.blacklist_countries_off = only_false(v)?,
                "approvePeriod" => out.approve_period_off = only_false(v)?,
                "rejectPeriod" => out.reject_period_off = only_false(v)?,
                "ageLimit" => out.age_limit_off = only_false(v)?,
                "rejectDuplicateUser" => {
                    out.reject_duplicate_user =
                        Some(v.as_bool().ok_or("customOptions.rejectDuplicateUser must be true or false")?)
                }
                _ => return Err(format!("customOptions has an unknown key {k:?}")),
            }
        }
        Ok(out)
    }
}

/// A stable, non-reversible key for "the same person": name, birth date, gender and nationality, upper-cased.
pub fn holder_hash(name: &str, birth: &str, gender: &str, nationality: &str) -> String {
    let canonical = format!(
        "{}|{}|{}|{}",
        crate::extract::names::strip_accents(name),
        birth.trim(),
        gender.trim().to_uppercase(),
        nationality.trim().to_uppercase()
    );
    Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Facts for the policy checks.
pub struct PolicyFacts<'a> {
    pub issuing_country: &'a str,
    pub nationality: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub today: NaiveDate,
    pub now: i64,
    /// Other live submissions of the same email, user id or holder (this submission excluded).
    pub related: &'a [SubmissionRecord],
}

/// Policy codes that reject this submission (empty: none).
pub fn policy_codes(options: &ProjectOptions, custom: &CustomOptions, f: &PolicyFacts) -> Vec<PolicyCode> {
    let mut out = Vec::new();
    if !custom.blacklist_countries_off
        && (options.blacklist_countries.contains(f.issuing_country)
            || f.nationality.is_some_and(|n| options.blacklist_countries.contains(n)))
    {
        out.push(PolicyCode::BlacklistCountry);
    }
    if let (Some(limit), Some(birth), false) = (options.age_limit, f.birth_date, custom.age_limit_off)
        && age_on(birth, f.today) < limit as i32
    {
        out.push(PolicyCode::UnderAgeLimit);
    }
    let reject_duplicates = custom.reject_duplicate_user.unwrap_or(options.reject_duplicate_user);
    if reject_duplicates && f.related.iter().any(|r| matches!(r.status, KycStatus::Pending | KycStatus::Approved)) {
        out.push(PolicyCode::DuplicateUser);
    }
    let within = |days: u32, status: KycStatus| {
        f.related.iter().any(|r| r.status == status && r.decided_at.is_some_and(|d| f.now - d < days as i64 * 86400))
    };
    if let (Some(days), false) = (options.approve_period_days, custom.approve_period_off)
        && within(days, KycStatus::Approved)
    {
        out.push(PolicyCode::ApprovePeriod);
    }
    if let (Some(days), false) = (options.reject_period_days, custom.reject_period_off)
        && within(days, KycStatus::Rejected)
    {
        out.push(PolicyCode::RejectPeriod);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_options_accept_only_what_the_reference_allows() {
        let c = CustomOptions::parse(r#"{"blacklistCountries":false,"rejectDuplicateUser":true}"#).unwrap();
        assert!(c.blacklist_countries_off);
        assert_eq!(c.reject_duplicate_user, Some(true));
        assert!(CustomOptions::parse(r#"{"ageLimit":true}"#).is_err());
        assert!(CustomOptions::parse(r#"{"agelimit":false}"#).is_err());
        assert!(CustomOptions::parse("[]").is_err());
        assert!(CustomOptions::parse("{").is_err());
    }

    #[test]
    fn age_counts_whole_years() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(age_on(d(2008, 11, 26), d(2026, 11, 25)), 17);
        assert_eq!(age_on(d(2008, 11, 25), d(2026, 11, 25)), 18);
    }

    #[test]
    fn the_holder_hash_ignores_accents_and_case() {
        assert_eq!(holder_hash("Théo Le Gall", "1996-05-18", "m", "fra"), holder_hash("THEO LE GALL", "1996-05-18", "M", "FRA"));
        assert_ne!(holder_hash("THEO LE GALL", "1996-05-18", "M", "FRA"), holder_hash("THEO LE GALL", "1996-05-19", "M", "FRA"));
    }

    #[test]
    fn blacklist_and_age_checks_can_be_switched_off_per_submission() {
        let options = ProjectOptions {
            blacklist_countries: ["PRK".to_string()].into(),
            age_limit: Some(18),
            ..Default::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let facts = PolicyFacts {
            issuing_country: "PRK",
            nationality: None,
            birth_date: NaiveDate::from_ymd_opt(2010, 1, 1),
            today,
            now: 0,
            related: &[],
        };
        assert_eq!(policy_codes(&options, &CustomOptions::default(), &facts), [PolicyCode::BlacklistCountry, PolicyCode::UnderAgeLimit]);
        let off = CustomOptions { blacklist_countries_off: true, age_limit_off: true, ..Default::default() };
        assert!(policy_codes(&options, &off, &facts).is_empty());
    }
}
