//! The status decision after extraction: retries first, then the project options (blacklist, age, duplicates,
//! re-submission periods), each of which `customOptions` may switch off for one submission.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Country, CustomOptions, KycStatus, ProjectOptions};

/// Attempts allowed before a submission is rejected.
pub const MAX_ATTEMPTS: u32 = 3;

/// Codes that reject a submission for policy reasons (names as in the reference's vendor).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyCode {
    TooManyRetry,
    BlacklistCountry,
    UnderAgeLimit,
    DuplicateUser,
    ApprovePeriod,
    RejectPeriod,
}

impl PolicyCode {
    pub const ALL: [PolicyCode; 6] = [
        PolicyCode::TooManyRetry,
        PolicyCode::BlacklistCountry,
        PolicyCode::UnderAgeLimit,
        PolicyCode::DuplicateUser,
        PolicyCode::ApprovePeriod,
        PolicyCode::RejectPeriod,
    ];

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
            PolicyCode::TooManyRetry => {
                "Step 1 failed three times; the submission is rejected. Start a new submission."
            }
            PolicyCode::BlacklistCountry => "Documents from this country are not accepted by this project.",
            PolicyCode::UnderAgeLimit => "The holder is younger than this project's minimum age.",
            PolicyCode::DuplicateUser => "This user or document holder already has a pending or approved submission.",
            PolicyCode::ApprovePeriod => "This holder was approved recently; a new submission is not accepted yet.",
            PolicyCode::RejectPeriod => "This holder was rejected recently; a new submission is not accepted yet.",
        }
    }
}

/// Stored by code, so a record stays readable when messages are reworded.
impl Serialize for PolicyCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for PolicyCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PolicyCode::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or_else(|| serde::de::Error::custom("unknown policy code"))
    }
}

pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut age = today.year() - birth.year();
    if (today.month(), today.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// What the policy needs to know of another live submission of the same email, user id or holder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelatedSubmission {
    pub status: KycStatus,
    /// Epoch seconds of the back-office decision, if any.
    pub decided_at: Option<i64>,
}

/// Facts for the policy checks.
pub struct PolicyFacts<'a> {
    pub issuing_country: &'a Country,
    /// ISO 3166-1 alpha-3 as extracted (may be an ICAO code that is no country).
    pub nationality: Option<&'a str>,
    pub birth_date: Option<NaiveDate>,
    pub today: NaiveDate,
    /// Epoch seconds.
    pub now: i64,
    /// Other live submissions of the same email, user id or holder in the same project (this one excluded).
    pub related: &'a [RelatedSubmission],
}

/// Policy codes that reject this submission (empty: none).
pub fn policy_codes(options: &ProjectOptions, custom: &CustomOptions, f: &PolicyFacts) -> Vec<PolicyCode> {
    let mut out = Vec::new();
    let blacklisted = |c: &Country| options.blacklist_countries.contains(c);
    let nationality = f.nationality.and_then(|n| Country::parse(n).ok());
    if !custom.blacklist_countries_off
        && (blacklisted(f.issuing_country) || nationality.as_ref().is_some_and(blacklisted))
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

/// The status of an attempt whose document was read: a document that needs a retry is `Incomplete` (`Rejected`
/// with `too_many_retry` on the last attempt); a readable one is `Rejected` by any policy code, else `Pending`.
pub fn attempt_status(
    document_needs_retry: bool,
    attempt: u32,
    policy: Vec<PolicyCode>,
) -> (KycStatus, Vec<PolicyCode>) {
    if document_needs_retry {
        return if attempt >= MAX_ATTEMPTS {
            (KycStatus::Rejected, vec![PolicyCode::TooManyRetry])
        } else {
            (KycStatus::Incomplete, vec![])
        };
    }
    if policy.is_empty() { (KycStatus::Pending, policy) } else { (KycStatus::Rejected, policy) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(c: &str) -> Country {
        Country::parse(c).unwrap()
    }

    #[test]
    fn age_counts_whole_years() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(age_on(d(2008, 11, 26), d(2026, 11, 25)), 17);
        assert_eq!(age_on(d(2008, 11, 25), d(2026, 11, 25)), 18);
    }

    #[test]
    fn blacklist_and_age_checks_can_be_switched_off_per_submission() {
        let options =
            ProjectOptions { blacklist_countries: [country("PRK")].into(), age_limit: Some(18), ..Default::default() };
        let prk = country("PRK");
        let facts = PolicyFacts {
            issuing_country: &prk,
            nationality: None,
            birth_date: NaiveDate::from_ymd_opt(2010, 1, 1),
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            now: 0,
            related: &[],
        };
        assert_eq!(
            policy_codes(&options, &CustomOptions::default(), &facts),
            [PolicyCode::BlacklistCountry, PolicyCode::UnderAgeLimit]
        );
        let off = CustomOptions { blacklist_countries_off: true, age_limit_off: true, ..Default::default() };
        assert!(policy_codes(&options, &off, &facts).is_empty());
    }

    #[test]
    fn a_blacklisted_nationality_rejects_whatever_the_issuing_country() {
        let options = ProjectOptions { blacklist_countries: [country("IRN")].into(), ..Default::default() };
        let deu = country("DEU");
        let facts = PolicyFacts {
            issuing_country: &deu,
            nationality: Some("IRN"),
            birth_date: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            now: 0,
            related: &[],
        };
        assert_eq!(policy_codes(&options, &CustomOptions::default(), &facts), [PolicyCode::BlacklistCountry]);
    }

    #[test]
    fn the_periods_count_from_the_decision() {
        let options =
            ProjectOptions { approve_period_days: Some(30), reject_period_days: Some(10), ..Default::default() };
        let deu = country("DEU");
        let day = 86400;
        let related = [
            RelatedSubmission { status: KycStatus::Approved, decided_at: Some(100 * day) },
            RelatedSubmission { status: KycStatus::Rejected, decided_at: Some(100 * day) },
        ];
        let at = |now: i64| PolicyFacts {
            issuing_country: &deu,
            nationality: None,
            birth_date: None,
            today: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            now,
            related: &related,
        };
        let none = CustomOptions::default();
        assert_eq!(
            policy_codes(&options, &none, &at(105 * day)),
            [PolicyCode::ApprovePeriod, PolicyCode::RejectPeriod]
        );
        assert_eq!(policy_codes(&options, &none, &at(115 * day)), [PolicyCode::ApprovePeriod]);
        assert!(policy_codes(&options, &none, &at(131 * day)).is_empty());
    }

    #[test]
    fn the_third_failed_attempt_rejects_and_a_policy_code_rejects_at_once() {
        assert_eq!(attempt_status(true, 1, vec![]), (KycStatus::Incomplete, vec![]));
        assert_eq!(attempt_status(true, 3, vec![]), (KycStatus::Rejected, vec![PolicyCode::TooManyRetry]));
        assert_eq!(attempt_status(false, 1, vec![]), (KycStatus::Pending, vec![]));
        assert_eq!(attempt_status(false, 2, vec![PolicyCode::DuplicateUser]).0, KycStatus::Rejected);
    }

    #[test]
    fn policy_codes_are_stored_by_their_code() {
        for c in PolicyCode::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
            assert_eq!(serde_json::from_str::<PolicyCode>(&json).unwrap(), c);
        }
    }
}
