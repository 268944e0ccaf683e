//! Request-level domain values that can only hold valid input ("parse, don't validate").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Document kinds of the Step 1 reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    Passport,
    GovernmentId,
    DriversLicense,
    ResidencePermit,
    Visa,
    VehicleRegistrationCertificate,
    Aadhaar,
    Pancard,
    Universal,
}

impl IdType {
    pub const ALL: [IdType; 9] = [
        IdType::Passport,
        IdType::GovernmentId,
        IdType::DriversLicense,
        IdType::ResidencePermit,
        IdType::Visa,
        IdType::VehicleRegistrationCertificate,
        IdType::Aadhaar,
        IdType::Pancard,
        IdType::Universal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdType::Passport => "passport",
            IdType::GovernmentId => "government_id",
            IdType::DriversLicense => "drivers_license",
            IdType::ResidencePermit => "residence_permit",
            IdType::Visa => "visa",
            IdType::VehicleRegistrationCertificate => "vehicle_registration_certificate",
            IdType::Aadhaar => "aadhaar",
            IdType::Pancard => "pancard",
            IdType::Universal => "universal",
        }
    }
}

impl FromStr for IdType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IdType::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| format!("idType must be one of: {}", IdType::ALL.map(IdType::as_str).join(", ")))
    }
}

impl fmt::Display for IdType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Codes ICAO 9303 uses beside ISO 3166-1 (specimens, stateless persons, refugees, organisations, Kosovo).
pub const ICAO_SPECIAL_CODES: &[&str] = &[
    "UTO", "XXA", "XXB", "XXC", "XXX", "RKS", "EUE", "UNO", "UNA", "UNK", "XOM", "XPO",
    // British nationals who are not citizens (Doc 9303 part 3): dependent territories, overseas, protected persons,
    // subjects. GBP is one letter from GBR: unlisted, it would be "repaired" into it.
    "GBD", "GBN", "GBO", "GBP", "GBS", // International organisations' laissez-passer.
    "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XES", "XMP",
];

/// An ISO 3166-1 alpha-3 country code (or an ICAO 9303 special code). Alpha-2 input is normalised to alpha-3.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    pub fn parse(input: &str) -> Result<Self, String> {
        let upper = input.trim().to_ascii_uppercase();
        let known = match upper.len() {
            3 => isocountry::CountryCode::for_alpha3(&upper)
                .ok()
                .map(|c| c.alpha3().to_owned())
                .or_else(|| ICAO_SPECIAL_CODES.contains(&upper.as_str()).then(|| upper.clone())),
            2 => isocountry::CountryCode::for_alpha2(&upper).ok().map(|c| c.alpha3().to_owned()),
            _ => None,
        };
        known.map(Country).ok_or_else(|| format!("{input:?} is not an ISO 3166-1 alpha-3 (or alpha-2) country code"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Country {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Country::parse(&s)
    }
}

impl From<Country> for String {
    fn from(c: Country) -> String {
        c.0
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a submission stands. `Incomplete` can be retried; `Pending` waits for the back office, which turns it into
/// `Approved` or `Rejected` (policy rules and the third failed attempt reject at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl fmt::Display for KycStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A submission id: a UUID, so a client cannot guess another's id and storage keys stay path-safe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SubmissionId(uuid::Uuid);

impl SubmissionId {
    pub fn new_random() -> Self {
        SubmissionId(uuid::Uuid::new_v4())
    }
    pub fn parse(s: &str) -> Result<Self, String> {
        uuid::Uuid::parse_str(s.trim()).map(SubmissionId).map_err(|_| "a submissionId is a UUID".to_owned())
    }
}

impl TryFrom<String> for SubmissionId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        SubmissionId::parse(&s)
    }
}

impl From<SubmissionId> for String {
    fn from(id: SubmissionId) -> String {
        id.to_string()
    }
}

impl fmt::Display for SubmissionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// A valid email address, lower-cased so that lookups and comparisons do not depend on how it was typed.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The canonical mailbox: one spelling per mailbox, so the duplicate rule and the stored record see one
    /// identity however the client wrote it. The address alone (no display name, `x <pat@example.com>`), an
    /// unquoted local part (`"pat"@example.com` is refused), the domain lower-cased in its IDNA ASCII form, a
    /// fully qualified domain name (an IP literal `pat@[127.0.0.1]` or a single label `pat@localhost` is no
    /// customer's mailbox), and no control, invisible or direction-changing character anywhere. The local part is
    /// lower-cased too: mail providers treat it case-insensitively, and two spellings of one mailbox must not be
    /// two identities.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(c) = super::text::forbidden_char(s) {
            return Err(super::text::forbidden_message("email", c));
        }
        let invalid = || "email is not a valid email address".to_owned();
        let parsed: email_address::EmailAddress = s.parse().map_err(|_| invalid())?;
        if !parsed.display_part().is_empty() || parsed.email() != s {
            return Err("email must be the address alone, without a display name or angle brackets".to_owned());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(invalid)?;
        if local.starts_with('"') {
            return Err("email: a quoted local part is not accepted".to_owned());
        }
        if domain.starts_with('[') {
            return Err("email: an IP address is not accepted as the domain".to_owned());
        }
        let domain = idna::domain_to_ascii(domain).map_err(|_| invalid())?;
        if !domain.contains('.') || domain.ends_with('.') {
            return Err("email: the domain must be a fully qualified name such as example.com".to_owned());
        }
        Ok(Email(format!("{}@{domain}", local.to_lowercase())))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Emails are holder data: never printed whole in debug output (and so never in a log by accident).
impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Email::parse(&s)
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// The project an API key belongs to: its options apply, and its submissions are visible only to its keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProjectId(String);

impl ProjectId {
    /// The project of a deployment configured with a single key list (`KYC_API_KEYS`).
    pub const DEFAULT: &'static str = "default";

    /// 1-64 characters of `[A-Za-z0-9_-]`, so the id can sit inside storage keys and index keys.
    pub fn parse(s: &str) -> Result<Self, String> {
        let ok =
            !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
        if ok {
            Ok(ProjectId(s.to_owned()))
        } else {
            Err(format!("project id {s:?} must be 1-64 characters of A-Z, a-z, 0-9, - and _"))
        }
    }
    pub fn default_project() -> Self {
        ProjectId(Self::DEFAULT.to_owned())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ProjectId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        ProjectId::parse(&s)
    }
}

impl From<ProjectId> for String {
    fn from(p: ProjectId) -> String {
        p.0
    }
}

impl fmt::Display for ProjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_lower_cased_and_never_debug_printed() {
        let e = Email::parse(" Pat.Doe@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "pat.doe@example.com");
        assert!(!format!("{e:?}").contains("pat"));
        assert!(Email::parse("not-an-email").is_err());
    }

    #[test]
    fn one_mailbox_has_one_spelling_and_other_forms_are_refused() {
        assert_eq!(Email::parse("pat@BÜCHER.example").unwrap().as_str(), "pat@xn--bcher-kva.example");
        for other in [
            "\"pat\"@example.com",
            "x <pat@example.com>",
            "<pat@example.com>",
            "pat@[127.0.0.1]",
            "pat@localhost",
            "pat@example.com\u{202E}",
            "pat\u{200B}@example.com",
            "pat@example.com\nBcc: x@example.com",
        ] {
            assert!(Email::parse(other).is_err(), "{other:?}");
        }
    }

    #[test]
    fn submission_ids_are_uuids() {
        let id = SubmissionId::new_random();
        assert_eq!(SubmissionId::parse(&id.to_string()).unwrap(), id);
        assert!(SubmissionId::parse("../etc/passwd").is_err());
    }

    #[test]
    fn project_ids_are_key_safe() {
        assert!(ProjectId::parse("acme-prod_1").is_ok());
        assert!(ProjectId::parse("a#b").is_err());
        assert!(ProjectId::parse("").is_err());
    }

    #[test]
    fn alpha2_is_normalised_to_alpha3_and_unknown_codes_are_refused() {
        assert_eq!(Country::parse("de").unwrap().as_str(), "DEU");
        assert_eq!(Country::parse("KOR").unwrap().as_str(), "KOR");
        assert_eq!(Country::parse("UTO").unwrap().as_str(), "UTO");
        assert!(Country::parse("ZZZ").is_err());
        assert!(Country::parse("").is_err());
    }

    #[test]
    fn id_types_round_trip_through_their_names() {
        for t in IdType::ALL {
            assert_eq!(t.as_str().parse::<IdType>().unwrap(), t);
        }
        assert!("passports".parse::<IdType>().is_err());
    }
}
