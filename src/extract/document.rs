//! What each kind of document carries (an MRZ, a personal number, a gender, ...), from its type and the country's
//! entry of the document catalogue ([`super::catalogue`]). Extraction, acceptance and the retry codes all ask it.

use serde::{Deserialize, Serialize};

use super::Fields;
use super::catalogue;
use super::mrz::{Mrz, MrzFormat};
use crate::kyc::IdType;

/// Which fields a document of this kind carries (`document_fields` in the API).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentFields {
    pub name: bool,
    pub birth_date: bool,
    pub issue_date: bool,
    pub expire_date: bool,
    pub gender: bool,
    pub nationality: bool,
    pub identity_number: bool,
    /// Same as `identityNumber` (the reference lists both names).
    pub id_number: bool,
    pub document_number: bool,
    /// Licence number (driver's licences).
    pub number: bool,
    /// Card serial numbers are not read: always false.
    pub serial_number: bool,
}

/// What is known of a kind of document before it is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// The holder page (or card) has an MRZ: without a confirmed one, nothing is accepted.
    pub carries_mrz: bool,
    /// The MRZ formats this kind uses (empty: any).
    pub mrz_formats: &'static [MrzFormat],
    /// The MRZ is printed on the back (TD1 cards).
    pub mrz_on_back: bool,
    /// The back carries the holder's data in an AAMVA PDF417 barcode (US and Canadian licences and ID cards).
    pub barcode_on_back: bool,
    /// The issuing state writes the holder's personal number on the document.
    pub personal_number: bool,
    pub gender: bool,
    pub nationality: bool,
    pub issue_date: bool,
    pub expiry_date: bool,
    pub birth_date: bool,
}

/// The catalogue entry of a document type issued by a country.
pub fn spec(id_type: IdType, country: &str) -> Spec {
    use IdType::*;
    let north_american = matches!(country, "USA" | "CAN");
    let carries_mrz = match id_type {
        Passport | Visa => true,
        GovernmentId | ResidencePermit => !catalogue::entry(country).without_mrz.contains(&id_type),
        _ => false,
    };
    let mrz_formats: &'static [MrzFormat] = match id_type {
        Passport => &[MrzFormat::Td3],
        Visa => &[MrzFormat::MrvA, MrzFormat::MrvB],
        GovernmentId if country == "FRA" => &[MrzFormat::Td1, MrzFormat::FraCni],
        GovernmentId | ResidencePermit => &[MrzFormat::Td1, MrzFormat::Td2],
        _ => &[],
    };
    Spec {
        carries_mrz,
        mrz_formats,
        mrz_on_back: matches!(id_type, GovernmentId | ResidencePermit) && carries_mrz,
        barcode_on_back: north_american && matches!(id_type, DriversLicense | GovernmentId),
        personal_number: matches!(id_type, Aadhaar | Pancard)
            || catalogue::entry(country).prints_personal_number(id_type),
        gender: match id_type {
            DriversLicense => north_american,
            Pancard | VehicleRegistrationCertificate => false,
            _ => true,
        },
        nationality: matches!(id_type, Passport | GovernmentId | ResidencePermit | Visa | Universal)
            && country != "IND",
        issue_date: !matches!(id_type, Pancard | VehicleRegistrationCertificate),
        expiry_date: !matches!(id_type, Aadhaar | Pancard),
        birth_date: id_type != VehicleRegistrationCertificate,
    }
}

/// Which fields this document carries, from its kind, its country and what was read.
pub fn document_fields(id_type: IdType, country: &str, mrz: Option<&Mrz>, fields: &Fields) -> DocumentFields {
    let s = spec(id_type, country);
    let identity = s.personal_number
        || mrz.is_some_and(|m| m.personal_number.is_some() && catalogue::entry(&m.issuing_state).mrz_personal_number);
    let has_identity_value = fields.identity_number.is_some() && fields.identity_number != fields.document_number;
    DocumentFields {
        name: true,
        birth_date: s.birth_date,
        issue_date: s.issue_date,
        expire_date: s.expiry_date,
        gender: s.gender,
        nationality: s.nationality,
        identity_number: identity || has_identity_value,
        id_number: identity || has_identity_value,
        document_number: true,
        number: id_type == IdType::DriversLicense,
        serial_number: false,
    }
}

/// A field the document carries (an entry of `missing_fields` when it was not read).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CarriedField {
    Name,
    BirthDate,
    IssueDate,
    ExpireDate,
    Gender,
    Nationality,
    IdentityNumber,
    DocumentNumber,
}

/// The carried fields that were not read (`missing_fields`).
pub fn missing(doc: &DocumentFields, f: &Fields) -> Vec<CarriedField> {
    use CarriedField::*;
    let checks: [(bool, bool, CarriedField); 8] = [
        (doc.name, f.last_name.is_some() && f.first_name.is_some(), Name),
        (doc.birth_date, f.birth_date.is_some(), BirthDate),
        (doc.issue_date, f.issue_date.is_some(), IssueDate),
        (doc.expire_date, f.expire_date.is_some(), ExpireDate),
        (doc.gender, f.gender.is_some(), Gender),
        (doc.nationality, f.nationality.is_some(), Nationality),
        (doc.identity_number, f.identity_number.is_some(), IdentityNumber),
        (doc.document_number, f.document_number.is_some(), DocumentNumber),
    ];
    checks.iter().filter(|(carried, read, _)| *carried && !read).map(|(_, _, field)| *field).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passports_and_eu_cards_carry_an_mrz_us_licences_and_korean_cards_do_not() {
        assert!(spec(IdType::Passport, "USA").carries_mrz);
        assert!(spec(IdType::GovernmentId, "DEU").carries_mrz && spec(IdType::GovernmentId, "DEU").mrz_on_back);
        assert!(!spec(IdType::GovernmentId, "KOR").carries_mrz);
        assert!(!spec(IdType::DriversLicense, "USA").carries_mrz);
        assert!(spec(IdType::ResidencePermit, "FRA").carries_mrz);
        // From the catalogue: cards without an MRZ are listed; a green card carries one (TD1), and a country the
        // catalogue does not know is taken to have one (nothing accepted until it is read).
        assert!(!spec(IdType::GovernmentId, "IDN").carries_mrz && !spec(IdType::ResidencePermit, "JPN").carries_mrz);
        assert!(spec(IdType::ResidencePermit, "USA").carries_mrz && spec(IdType::GovernmentId, "UTO").carries_mrz);
    }

    #[test]
    fn one_list_says_who_prints_a_personal_number() {
        assert!(spec(IdType::GovernmentId, "ESP").personal_number);
        assert!(spec(IdType::Passport, "SWE").personal_number);
        assert!(!spec(IdType::Passport, "DEU").personal_number);
        assert!(spec(IdType::Aadhaar, "IND").personal_number);
        assert!(spec(IdType::GovernmentId, "ITA").personal_number, "the codice fiscale on the back");
        assert!(!spec(IdType::Passport, "ITA").personal_number);
    }
}
