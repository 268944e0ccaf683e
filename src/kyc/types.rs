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
pub const ICAO_SPECIAL_CODES: &[&str] = &["UTO", "XXA", "XXB", "XXC", "XXX", "RKS", "EUE", "UNO", "UNA", "UNK", "XOM", "XPO"];

/// An ISO 3166-1 alpha-3 country code (or an ICAO 9303 special code). Alpha-2 input is normalised to alpha-3.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    pub fn parse(input: &str) -> Result<Self, String> {
        let upper = input.trim().to_ascii_uppercase();
        let known = match upper.len() {
            3 => isocountry::CountryCode::for_alpha3(&upper).ok().map(|c| c.alpha3().to_owned()).or_else(|| {
                ICAO_SPECIAL_CODES.contains(&upper.as_str()).then(|| upper.clone())
            }),
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

#[cfg(test)]
mod tests {
    use super::*;

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
