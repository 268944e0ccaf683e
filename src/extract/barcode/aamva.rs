//! The AAMVA DL/ID data string carried by the PDF417 symbol on the back of US and Canadian licences and ID cards
//! (AAMVA DL/ID Card Design Standard, Annex D; versions 01 (DL/ID-2000) to 10 (2020)).
//!
//! ```text
//! header      "@" LF RS CR  file type "ANSI " (or "AAMVA" in version 01)  IIN(6)  version(2)
//!             [jurisdiction version(2), from version 02 on]  number of entries(2)
//! directory   entries x ( subfile type(2) "DL" | "ID" | "Z?"  offset(4)  length(4) )
//! subfiles    type(2), then elements (3-character ID + value) separated by LF; the last one ends with CR
//! ```
//!
//! Offsets count from the first byte of the file; a length counts the subfile's type and its closing CR (and an
//! LF before that CR, which some jurisdictions write). The standard's two samples (versions 01 and 10) add up
//! exactly that way; see the tests.
//!
//! Parsing is strict on purpose: the symbol is error-corrected, so a header, directory or subfile that does not add
//! up means the data is not what the issuer wrote (or not AAMVA at all, e.g. a wrong PDF417 decode), and the
//! caller asks for another photo (`barcode_protocol_fail`) rather than trusting a guess. Structure is parsed on the
//! bytes, never by slicing text; element values become text only at the end (UTF-8 when valid, otherwise
//! ISO 8859-1, PDF417's default character set). Errors carry positions and element IDs, never holder data.

use chrono::NaiveDate;
use serde::Serialize;

use crate::kyc::Country;

const LF: u8 = 0x0A;
const RS: u8 = 0x1E;
const CR: u8 = 0x0D;

/// Oldest and newest AAMVA version this parser knows the layout of.
pub const SUPPORTED_VERSIONS: std::ops::RangeInclusive<u8> = 1..=10;

/// Why a byte string is not a usable AAMVA DL/ID record. Every variant maps to the retry code
/// `barcode_protocol_fail`. Messages name positions and element IDs only, never holder data.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AamvaError {
    #[error("the data is too short for an AAMVA header")]
    TooShort,
    #[error("the data does not start with the compliance indicator '@'")]
    NoComplianceIndicator,
    #[error("the header's separators are not LF, RS, CR")]
    BadSeparators,
    #[error("the file type is neither \"ANSI \" nor (version 01) \"AAMVA\"")]
    BadFileType,
    #[error("the header field {0} is not numeric")]
    NotNumeric(&'static str),
    #[error("AAMVA version {0} is not supported (01 to 10)")]
    UnsupportedVersion(u8),
    #[error("issuer identification number {0} is not a US or Canadian jurisdiction")]
    UnknownIin(u32),
    #[error("the header announces no subfile")]
    NoEntries,
    #[error("subfile designator {index} is malformed")]
    BadDesignator { index: usize },
    #[error("subfile {index} starts at byte {found}, but the previous data ends at byte {expected}")]
    OffsetMismatch { index: usize, expected: usize, found: usize },
    #[error("subfile {index} runs past the end of the data")]
    Truncated { index: usize },
    #[error("subfile {index} does not begin with its type")]
    SubfileTypeMismatch { index: usize },
    #[error("subfile {index} does not end with CR")]
    MissingTerminator { index: usize },
    #[error("{0} bytes follow the last subfile")]
    TrailingBytes(usize),
    #[error("element {element} of subfile {index} is malformed")]
    BadElement { index: usize, element: usize },
    #[error("element {0} appears twice in one subfile")]
    DuplicateElement(String),
    #[error("there is no DL or ID subfile")]
    NoDlIdSubfile,
    #[error("there is more than one DL or ID subfile")]
    SeveralDlIdSubfiles,
    #[error("the mandatory element {0} is missing or empty")]
    MissingElement(&'static str),
    #[error("the element {0} has an invalid value")]
    InvalidElement(&'static str),
    #[error("the country (DCG) disagrees with the issuer identification number")]
    CountryMismatch,
}

/// A US or Canadian licensing jurisdiction, as identified by the IIN in the header. The IIN, not the address
/// state (DAJ), says who issued the card: it decides the date order and the issuing country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Jurisdiction {
    /// AAMVA issuer identification number (6 digits).
    pub iin: u32,
    /// Postal abbreviation of the state, territory or province ("CA", "ON"; "DS" for the State Department).
    pub code: &'static str,
    /// English name, for messages and the CLI.
    pub name: &'static str,
    /// ISO 3166-1 alpha-3 of the issuing country: "USA" (territories included) or "CAN".
    pub country: &'static str,
}

impl Jurisdiction {
    /// The issuing country as the crate's [`Country`] type (what `issuingCountry` is checked against).
    pub fn country(&self) -> Country {
        Country::parse(self.country).expect("USA and CAN are ISO 3166-1 codes")
    }

    /// The jurisdiction that owns an IIN, if it is a US or Canadian one.
    pub fn from_iin(iin: u32) -> Option<&'static Jurisdiction> {
        JURISDICTIONS.iter().find(|j| j.iin == iin)
    }
}

const fn j(iin: u32, code: &'static str, name: &'static str, country: &'static str) -> Jurisdiction {
    Jurisdiction { iin, code, name, country }
}

/// AAMVA's IIN list for the United States (50 states, DC, the five inhabited territories, the State Department)
/// and Canada (10 provinces, 3 territories). Mexican IINs are deliberately absent: not in scope.
pub static JURISDICTIONS: [Jurisdiction; 70] = [
    j(636033, "AL", "Alabama", "USA"),
    j(636059, "AK", "Alaska", "USA"),
    j(636026, "AZ", "Arizona", "USA"),
    j(636021, "AR", "Arkansas", "USA"),
    j(636014, "CA", "California", "USA"),
    j(636020, "CO", "Colorado", "USA"),
    j(636006, "CT", "Connecticut", "USA"),
    j(636011, "DE", "Delaware", "USA"),
    j(636043, "DC", "District of Columbia", "USA"),
    j(636010, "FL", "Florida", "USA"),
    j(636055, "GA", "Georgia", "USA"),
    j(636047, "HI", "Hawaii", "USA"),
    j(636050, "ID", "Idaho", "USA"),
    j(636035, "IL", "Illinois", "USA"),
    j(636037, "IN", "Indiana", "USA"),
    j(636018, "IA", "Iowa", "USA"),
    j(636022, "KS", "Kansas", "USA"),
    j(636046, "KY", "Kentucky", "USA"),
    j(636007, "LA", "Louisiana", "USA"),
    j(636041, "ME", "Maine", "USA"),
    j(636003, "MD", "Maryland", "USA"),
    j(636002, "MA", "Massachusetts", "USA"),
    j(636032, "MI", "Michigan", "USA"),
    j(636038, "MN", "Minnesota", "USA"),
    j(636051, "MS", "Mississippi", "USA"),
    j(636030, "MO", "Missouri", "USA"),
    j(636008, "MT", "Montana", "USA"),
    j(636054, "NE", "Nebraska", "USA"),
    j(636049, "NV", "Nevada", "USA"),
    j(636039, "NH", "New Hampshire", "USA"),
    j(636036, "NJ", "New Jersey", "USA"),
    j(636009, "NM", "New Mexico", "USA"),
    j(636001, "NY", "New York", "USA"),
    j(636004, "NC", "North Carolina", "USA"),
    j(636034, "ND", "North Dakota", "USA"),
    j(636023, "OH", "Ohio", "USA"),
    j(636058, "OK", "Oklahoma", "USA"),
    j(636029, "OR", "Oregon", "USA"),
    j(636025, "PA", "Pennsylvania", "USA"),
    j(636052, "RI", "Rhode Island", "USA"),
    j(636005, "SC", "South Carolina", "USA"),
    j(636042, "SD", "South Dakota", "USA"),
    j(636053, "TN", "Tennessee", "USA"),
    j(636015, "TX", "Texas", "USA"),
    j(636040, "UT", "Utah", "USA"),
    j(636024, "VT", "Vermont", "USA"),
    j(636000, "VA", "Virginia", "USA"),
    j(636045, "WA", "Washington", "USA"),
    j(636061, "WV", "West Virginia", "USA"),
    j(636031, "WI", "Wisconsin", "USA"),
    j(636060, "WY", "Wyoming", "USA"),
    j(604427, "AS", "American Samoa", "USA"),
    j(636019, "GU", "Guam", "USA"),
    j(604430, "MP", "Northern Mariana Islands", "USA"),
    j(604431, "PR", "Puerto Rico", "USA"),
    j(636062, "VI", "US Virgin Islands", "USA"),
    j(636027, "DS", "US Department of State", "USA"),
    j(604432, "AB", "Alberta", "CAN"),
    j(636028, "BC", "British Columbia", "CAN"),
    j(636048, "MB", "Manitoba", "CAN"),
    j(636017, "NB", "New Brunswick", "CAN"),
    j(636016, "NL", "Newfoundland and Labrador", "CAN"),
    j(636013, "NS", "Nova Scotia", "CAN"),
    j(604434, "NT", "Northwest Territories", "CAN"),
    j(604433, "NU", "Nunavut", "CAN"),
    j(636012, "ON", "Ontario", "CAN"),
    j(604426, "PE", "Prince Edward Island", "CAN"),
    j(604428, "QC", "Quebec", "CAN"),
    j(604429, "YT", "Yukon", "CAN"),
    j(636044, "SK", "Saskatchewan", "CAN"),
];

/// Which kind of card the DL/ID subfile describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DocumentKind {
    /// Subfile `DL`: a driver's licence.
    DriverLicence,
    /// Subfile `ID`: an identification card.
    IdCard,
}

/// DBC: 1, 2 or 9 (M or F in version 01). `NotSpecified` is the standard's code 9.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Sex {
    Male,
    Female,
    NotSpecified,
}

/// DAU. Kept in the unit the card uses, so nothing is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Height {
    Inches(u16),
    Centimetres(u16),
}

/// How a jurisdiction writes dates: MMDDCCYY in the USA, CCYYMMDD in Canada and in every version 01 file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateOrder {
    MonthDayYear,
    YearMonthDay,
}

/// The holder's address (DAG, DAH, DAI, DAJ, DAK), values trimmed of the standard's blank padding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Address {
    /// DAG and DAH (second line).
    pub street: Option<String>,
    pub street2: Option<String>,
    /// DAI.
    pub city: Option<String>,
    /// DAJ: the address's state or province code (not necessarily the issuer's).
    pub state: Option<String>,
    /// As encoded, padding removed: 9 digits in the USA ("232690000"), "K7L 3N6" in Canada.
    pub postal_code: Option<String>,
}

/// The holder's data read from an AAMVA DL/ID record: what the front of the card says, error-corrected.
/// Optional fields are `None` when absent, empty or `NONE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AamvaRecord {
    /// The issuer, from the header's IIN: decides the country checked against the request's `issuingCountry`.
    pub jurisdiction: Jurisdiction,
    /// The standard's version (01-10): decides the layout of names, dates and sex codes.
    pub aamva_version: u8,
    /// The jurisdiction's own revision of its layout; absent in version 01 headers.
    pub jurisdiction_version: Option<u8>,
    /// Driver's licence (subfile `DL`) or ID card (`ID`).
    pub kind: DocumentKind,
    /// DAQ: the licence or ID number.
    pub number: String,
    /// DCS (or DAB, or the first part of version 01's DAA).
    pub family_name: String,
    /// DAC (or the first of DCT's given names, or DAA's second part).
    pub first_name: Option<String>,
    /// DAD (or the rest of DCT, or DAA's third part).
    pub middle_names: Option<String>,
    /// DCU (or DAA's fourth part).
    pub name_suffix: Option<String>,
    /// DDE/DDF/DDG = "T": the printed family, first or middle name was cut to fit, so it may be longer than this.
    pub family_name_truncated: bool,
    pub first_name_truncated: bool,
    pub middle_names_truncated: bool,
    /// DBB, DBA and DBD, read in the jurisdiction's order and checked to be real dates.
    pub birth_date: NaiveDate,
    pub expiry_date: NaiveDate,
    pub issue_date: Option<NaiveDate>,
    /// DBC.
    pub sex: Option<Sex>,
    /// DAG-DAK.
    pub address: Address,
    /// The issuing country (from the IIN; DCG, when present, must agree).
    pub country: Country,
    /// DAU.
    pub height: Option<Height>,
    /// DAY, ANSI D-20 code ("BRO", "BLU").
    pub eye_color: Option<String>,
    /// DCF: the document discriminator (unique per issued card).
    pub document_discriminator: Option<String>,
    /// DCA (DAR in version 01): vehicle class, driver's licences only.
    pub vehicle_class: Option<String>,
}

/// One subfile's elements as raw bytes (ID, value), in order.
struct Subfile<'a> {
    kind: [u8; 2],
    elements: Vec<([u8; 3], &'a [u8])>,
}

struct Header {
    iin: u32,
    version: u8,
    jurisdiction_version: Option<u8>,
    entries: usize,
    directory_start: usize,
}

fn digits(bytes: &[u8], field: &'static str) -> Result<u32, AamvaError> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return Err(AamvaError::NotNumeric(field));
    }
    Ok(bytes.iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0')))
}

fn parse_header(data: &[u8]) -> Result<Header, AamvaError> {
    if data.first() != Some(&b'@') {
        return Err(AamvaError::NoComplianceIndicator);
    }
    if data.len() < 19 {
        return Err(AamvaError::TooShort);
    }
    if data[1..4] != [LF, RS, CR] {
        return Err(AamvaError::BadSeparators);
    }
    let file_type = &data[4..9];
    if file_type != b"ANSI " && file_type != b"AAMVA" {
        return Err(AamvaError::BadFileType);
    }
    let iin = digits(&data[9..15], "IIN")?;
    let version = digits(&data[15..17], "AAMVA version")? as u8;
    if !SUPPORTED_VERSIONS.contains(&version) {
        return Err(AamvaError::UnsupportedVersion(version));
    }
    // "AAMVA" is the file type of some early (version 01) files only.
    if file_type == b"AAMVA" && version != 1 {
        return Err(AamvaError::BadFileType);
    }
    let (jurisdiction_version, entries_at) = if version == 1 {
        (None, 17)
    } else {
        if data.len() < 21 {
            return Err(AamvaError::TooShort);
        }
        (Some(digits(&data[17..19], "jurisdiction version")? as u8), 19)
    };
    let entries = digits(&data[entries_at..entries_at + 2], "number of entries")? as usize;
    if entries == 0 {
        return Err(AamvaError::NoEntries);
    }
    Ok(Header { iin, version, jurisdiction_version, entries, directory_start: entries_at + 2 })
}

fn valid_subfile_type(t: &[u8]) -> bool {
    matches!(t, b"DL" | b"ID") || (t.len() == 2 && t[0] == b'Z' && t[1].is_ascii_uppercase())
}

fn parse_subfile(body: &[u8], index: usize) -> Result<Subfile<'_>, AamvaError> {
    // body = type(2) + elements + CR, possibly LF CR.
    let Some((&CR, rest)) = body.split_last() else {
        return Err(AamvaError::MissingTerminator { index });
    };
    let inner = &rest[2..];
    let inner = inner.strip_suffix(&[LF]).unwrap_or(inner);
    let mut elements: Vec<([u8; 3], &[u8])> = Vec::new();
    for (element, item) in inner.split(|&b| b == LF).enumerate() {
        let bad = AamvaError::BadElement { index, element };
        if item.len() < 3 {
            return Err(bad);
        }
        let id = [item[0], item[1], item[2]];
        if !id.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(bad);
        }
        let value = &item[3..];
        // A control character inside a value (a stray CR, RS, NUL...) means the layout is not what it claims.
        if value.iter().any(|&b| b < 0x20 || b == 0x7F) {
            return Err(bad);
        }
        if elements.iter().any(|(seen, _)| *seen == id) {
            return Err(AamvaError::DuplicateElement(String::from_utf8_lossy(&id).into_owned()));
        }
        elements.push((id, value));
    }
    Ok(Subfile { kind: [body[0], body[1]], elements })
}

/// Splits a file into its subfiles, checking that header, directory and subfiles add up to the exact length.
fn parse_file(data: &[u8]) -> Result<(Header, Vec<Subfile<'_>>), AamvaError> {
    let header = parse_header(data)?;
    let directory_end = header.directory_start + 10 * header.entries;
    if data.len() < directory_end {
        return Err(AamvaError::TooShort);
    }
    let mut expected = directory_end;
    let mut subfiles = Vec::with_capacity(header.entries);
    for index in 0..header.entries {
        let d = &data[header.directory_start + 10 * index..header.directory_start + 10 * (index + 1)];
        if !valid_subfile_type(&d[..2]) {
            return Err(AamvaError::BadDesignator { index });
        }
        let offset = digits(&d[2..6], "subfile offset").map_err(|_| AamvaError::BadDesignator { index })? as usize;
        let length = digits(&d[6..10], "subfile length").map_err(|_| AamvaError::BadDesignator { index })? as usize;
        if offset != expected {
            return Err(AamvaError::OffsetMismatch { index, expected, found: offset });
        }
        // Type (2) + one element (3) + CR is the least a subfile can hold.
        if length < 6 {
            return Err(AamvaError::BadDesignator { index });
        }
        let body = data.get(offset..offset + length).ok_or(AamvaError::Truncated { index })?;
        if body[..2] != d[..2] {
            return Err(AamvaError::SubfileTypeMismatch { index });
        }
        subfiles.push(parse_subfile(body, index)?);
        expected = offset + length;
    }
    if expected != data.len() {
        return Err(AamvaError::TrailingBytes(data.len() - expected));
    }
    Ok((header, subfiles))
}

/// Element values as text: UTF-8 when valid (ASCII always is), otherwise ISO 8859-1, PDF417's default
/// character set, in which every byte is a character, so no input can fail or panic here.
fn text(value: &[u8]) -> String {
    let s = match std::str::from_utf8(value) {
        Ok(s) => s.to_owned(),
        Err(_) => value.iter().map(|&b| char::from(b)).collect(),
    };
    s.trim_matches(' ').to_owned()
}

/// Absent, empty and the standard's `NONE` all mean "no value".
fn present(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.is_empty() && !v.eq_ignore_ascii_case("NONE"))
}

struct Elements<'a>(&'a [([u8; 3], &'a [u8])]);

impl Elements<'_> {
    fn raw(&self, id: &str) -> Option<&[u8]> {
        self.0.iter().find(|(k, _)| k.as_slice() == id.as_bytes()).map(|(_, v)| *v)
    }
    fn get(&self, id: &str) -> Option<String> {
        present(self.raw(id).map(text))
    }
}

fn parse_date(value: &str, order: DateOrder, element: &'static str) -> Result<NaiveDate, AamvaError> {
    let bad = AamvaError::InvalidElement(element);
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad);
    }
    let n = |r: std::ops::Range<usize>| value[r].parse::<u32>().map_err(|_| bad.clone());
    let (y, m, d) = match order {
        DateOrder::MonthDayYear => (n(4..8)?, n(0..2)?, n(2..4)?),
        DateOrder::YearMonthDay => (n(0..4)?, n(4..6)?, n(6..8)?),
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(bad)
}

fn parse_sex(value: &str, version: u8) -> Result<Sex, AamvaError> {
    match value {
        "1" => Ok(Sex::Male),
        "2" => Ok(Sex::Female),
        "9" => Ok(Sex::NotSpecified),
        // DL/ID-2000's own sample writes M; later versions are numeric only.
        "M" if version == 1 => Ok(Sex::Male),
        "F" if version == 1 => Ok(Sex::Female),
        _ => Err(AamvaError::InvalidElement("DBC")),
    }
}

fn parse_height(value: &str, version: u8) -> Result<Height, AamvaError> {
    let bad = AamvaError::InvalidElement("DAU");
    let b = value.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return Err(bad);
    }
    let number = u16::from(b[0] - b'0') * 100 + u16::from(b[1] - b'0') * 10 + u16::from(b[2] - b'0');
    let unit = value[3..].trim_start_matches(' ');
    if unit.eq_ignore_ascii_case("in") {
        Ok(Height::Inches(number))
    } else if unit.eq_ignore_ascii_case("cm") {
        Ok(Height::Centimetres(number))
    } else if unit.is_empty() && version == 1 {
        // DL/ID-2000: feet then inches, "509" is 5 ft 9 in.
        let (feet, inches) = (number / 100, number % 100);
        if inches >= 12 {
            return Err(bad);
        }
        Ok(Height::Inches(feet * 12 + inches))
    } else {
        Err(bad)
    }
}

fn parse_truncation(e: &Elements<'_>, id: &'static str) -> Result<bool, AamvaError> {
    match e.get(id).as_deref() {
        None | Some("N") | Some("U") => Ok(false),
        Some("T") => Ok(true),
        Some(_) => Err(AamvaError::InvalidElement(id)),
    }
}

/// Splits a full name on the separator the issuer used (comma, or `$` in some older files).
fn split_name(full: &str) -> Option<Vec<String>> {
    let sep = if full.contains(',') {
        ','
    } else if full.contains('$') {
        '$'
    } else {
        return None;
    };
    Some(full.split(sep).map(|p| p.trim_matches(' ').to_owned()).collect())
}

struct Names {
    family: String,
    first: Option<String>,
    middle: Option<String>,
    suffix: Option<String>,
}

fn names(e: &Elements<'_>) -> Result<Names, AamvaError> {
    // Version 01's full name: LAST,FIRST,MIDDLE[,SUFFIX], sometimes with a trailing separator.
    let full = match e.get("DAA") {
        Some(daa) => Some(split_name(&daa).ok_or(AamvaError::InvalidElement("DAA"))?),
        None => None,
    };
    let part = |i: usize| present(full.as_ref().and_then(|p| p.get(i).cloned()));
    // Versions 02-03: DCT holds the given names, FIRST,MIDDLE (a space where the issuer used no comma).
    let given = e.get("DCT").map(|dct| match split_name(&dct) {
        Some(parts) => {
            let mut it = parts.into_iter();
            let first = present(it.next());
            let rest: Vec<String> = it.filter(|p| !p.is_empty()).collect();
            (first, present(Some(rest.join(" "))))
        }
        None => match dct.split_once(' ') {
            Some((f, m)) => (present(Some(f.to_owned())), present(Some(m.trim_matches(' ').to_owned()))),
            None => (Some(dct), None),
        },
    });
    let family = e.get("DCS").or_else(|| e.get("DAB")).or_else(|| part(0)).ok_or(AamvaError::MissingElement("DCS"))?;
    let first = e.get("DAC").or_else(|| given.as_ref().and_then(|g| g.0.clone())).or_else(|| part(1));
    let middle = e.get("DAD").or_else(|| given.as_ref().and_then(|g| g.1.clone())).or_else(|| part(2));
    let suffix = e.get("DCU").or_else(|| part(3));
    Ok(Names { family, first, middle, suffix })
}

/// Parses and checks an AAMVA DL/ID data string (the bytes decoded from the PDF417 symbol, control characters
/// included). Strict: anything that does not add up is an [`AamvaError`], never a best guess, because the caller
/// treats the result as confirmed data. Mandatory for a record: DAQ, a family name, DBB and DBA.
pub fn parse_aamva(bytes: &[u8]) -> Result<AamvaRecord, AamvaError> {
    let (header, subfiles) = parse_file(bytes)?;
    let jurisdiction = *Jurisdiction::from_iin(header.iin).ok_or(AamvaError::UnknownIin(header.iin))?;
    let mut main = subfiles.iter().filter(|s| matches!(&s.kind, b"DL" | b"ID"));
    let subfile = main.next().ok_or(AamvaError::NoDlIdSubfile)?;
    if main.next().is_some() {
        return Err(AamvaError::SeveralDlIdSubfiles);
    }
    let kind = if &subfile.kind == b"DL" { DocumentKind::DriverLicence } else { DocumentKind::IdCard };
    let e = Elements(&subfile.elements);
    let version = header.version;

    let country = jurisdiction.country();
    if let Some(dcg) = e.get("DCG")
        && dcg != jurisdiction.country
    {
        return Err(AamvaError::CountryMismatch);
    }
    let order =
        if version == 1 || jurisdiction.country == "CAN" { DateOrder::YearMonthDay } else { DateOrder::MonthDayYear };
    let date = |id: &'static str| -> Result<Option<NaiveDate>, AamvaError> {
        e.get(id).map(|v| parse_date(&v, order, id)).transpose()
    };

    let number = e.get("DAQ").ok_or(AamvaError::MissingElement("DAQ"))?;
    let n = names(&e)?;
    let birth_date = date("DBB")?.ok_or(AamvaError::MissingElement("DBB"))?;
    let expiry_date = date("DBA")?.ok_or(AamvaError::MissingElement("DBA"))?;
    let issue_date = date("DBD")?;
    let sex = e.get("DBC").map(|v| parse_sex(&v, version)).transpose()?;
    let height = e.get("DAU").map(|v| parse_height(&v, version)).transpose()?;

    Ok(AamvaRecord {
        jurisdiction,
        aamva_version: version,
        jurisdiction_version: header.jurisdiction_version,
        kind,
        number,
        family_name: n.family,
        first_name: n.first,
        middle_names: n.middle,
        name_suffix: n.suffix,
        family_name_truncated: parse_truncation(&e, "DDE")?,
        first_name_truncated: parse_truncation(&e, "DDF")?,
        middle_names_truncated: parse_truncation(&e, "DDG")?,
        birth_date,
        expiry_date,
        issue_date,
        sex,
        address: Address {
            street: e.get("DAG"),
            street2: e.get("DAH"),
            city: e.get("DAI"),
            state: e.get("DAJ"),
            postal_code: e.get("DAK"),
        },
        country,
        height,
        eye_color: e.get("DAY"),
        document_discriminator: e.get("DCF"),
        vehicle_class: e.get("DCA").or_else(|| e.get("DAR")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The standard's version 10 (2020) sample, as printed in Annex D.
    const SAMPLE_V10: &[u8] = b"@\n\x1e\rANSI 636000100102DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\nDBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \nDCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062018\nDDC06062020\nDDD1\rZVZVA01\r";

    /// The DL/ID-2000 (version 01) sample: no jurisdiction version, DAA full name, CCYYMMDD dates, sex M,
    /// height in feet and inches.
    const SAMPLE_V01: &[u8] = b"@\n\x1e\rANSI 6360000102DL00390187ZV02260032DLDAQ0123456789ABC\nDAAPUBLIC,JOHN,Q\nDAG123 MAIN STREET\nDAIANYTOWN\nDAJVA\nDAK123459999  \nDARDM  \nDAS          \nDAT     \nDAU509\nDAW175\nDAYBL \nDAZBR \nDBA20011201\nDBB19761123\nDBCM\nDBD19961201\rZVZVAJURISDICTIONDEFINEDELEMENT\r";

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Header + directory + subfiles with offsets and lengths that add up.
    fn assemble(file_type: &str, iin: &str, version: u8, jver: Option<u8>, subfiles: &[(&str, &str)]) -> Vec<u8> {
        let mut head = format!("@\n\x1e\r{file_type}{iin}{version:02}");
        if let Some(j) = jver {
            head.push_str(&format!("{j:02}"));
        }
        head.push_str(&format!("{:02}", subfiles.len()));
        let bodies: Vec<String> = subfiles.iter().map(|(t, els)| format!("{t}{els}\r")).collect();
        let mut offset = head.len() + 10 * subfiles.len();
        let mut out = head;
        for ((t, _), body) in subfiles.iter().zip(&bodies) {
            out.push_str(&format!("{t}{offset:04}{:04}", body.len()));
            offset += body.len();
        }
        out.extend(bodies);
        out.into_bytes()
    }

    fn us_v9(elements: &str) -> Vec<u8> {
        assemble("ANSI ", "636014", 9, Some(1), &[("DL", elements)])
    }

    const US_ELEMENTS: &str =
        "DAQD1234567\nDCSDOE-RIVERA\nDACJANE\nDADALEX\nDBB02291992\nDBA03012030\nDBD03012022\nDBC2\nDCGUSA";

    #[test]
    fn the_version_10_sample_reads_as_printed() {
        let r = parse_aamva(SAMPLE_V10).unwrap();
        assert_eq!(r.jurisdiction.code, "VA");
        assert_eq!(r.country.as_str(), "USA");
        assert_eq!((r.aamva_version, r.jurisdiction_version), (10, Some(1)));
        assert_eq!(r.kind, DocumentKind::DriverLicence);
        assert_eq!(r.number, "T64235789");
        assert_eq!(r.family_name, "SAMPLE");
        assert_eq!(r.first_name.as_deref(), Some("MICHAEL"));
        assert_eq!(r.middle_names.as_deref(), Some("JOHN"));
        assert_eq!(r.name_suffix.as_deref(), Some("JR"));
        assert!(!r.family_name_truncated && !r.first_name_truncated && !r.middle_names_truncated);
        assert_eq!(r.birth_date, date(1986, 6, 6));
        assert_eq!(r.expiry_date, date(2024, 12, 10));
        assert_eq!(r.issue_date, Some(date(2019, 6, 6)));
        assert_eq!(r.sex, Some(Sex::Male));
        assert_eq!(r.height, Some(Height::Inches(68)));
        assert_eq!(r.eye_color.as_deref(), Some("BRO"));
        assert_eq!(r.address.street.as_deref(), Some("2300 WEST BROAD STREET"));
        assert_eq!(r.address.city.as_deref(), Some("RICHMOND"));
        assert_eq!(r.address.state.as_deref(), Some("VA"));
        assert_eq!(r.address.postal_code.as_deref(), Some("232690000"));
        assert_eq!(r.document_discriminator.as_deref(), Some("2424244747474786102204"));
        assert_eq!(r.vehicle_class.as_deref(), Some("D"));
    }

    #[test]
    fn the_version_01_sample_reads_as_printed() {
        assert_eq!(SAMPLE_V01.len(), 258);
        let r = parse_aamva(SAMPLE_V01).unwrap();
        assert_eq!((r.aamva_version, r.jurisdiction_version), (1, None));
        assert_eq!(r.number, "0123456789ABC");
        assert_eq!(r.family_name, "PUBLIC");
        assert_eq!(r.first_name.as_deref(), Some("JOHN"));
        assert_eq!(r.middle_names.as_deref(), Some("Q"));
        assert_eq!(r.name_suffix, None);
        assert_eq!(r.birth_date, date(1976, 11, 23));
        assert_eq!(r.expiry_date, date(2001, 12, 1));
        assert_eq!(r.issue_date, Some(date(1996, 12, 1)));
        assert_eq!(r.sex, Some(Sex::Male));
        assert_eq!(r.height, Some(Height::Inches(69)));
        assert_eq!(r.eye_color.as_deref(), Some("BL"));
        assert_eq!(r.vehicle_class.as_deref(), Some("DM"));
        assert_eq!(r.address.postal_code.as_deref(), Some("123459999"));
    }

    #[test]
    fn version_01_files_may_say_aamva_and_end_daa_with_a_comma() {
        let p = assemble(
            "AAMVA",
            "636005",
            1,
            None,
            &[("DL", "DAQ102345678\nDAAHALVORSEN,DAGNY,,\nDBA20310412\nDBB19800412\nDBC2\nDAU507")],
        );
        let r = parse_aamva(&p).unwrap();
        assert_eq!(r.jurisdiction.code, "SC");
        assert_eq!(
            (r.family_name.as_str(), r.first_name.as_deref(), r.middle_names.as_deref()),
            ("HALVORSEN", Some("DAGNY"), None)
        );
        assert_eq!((r.birth_date, r.sex, r.height), (date(1980, 4, 12), Some(Sex::Female), Some(Height::Inches(67))));
        // Letters for sex are a version 01 form only, and "AAMVA" is a version 01 file type only.
        let p = us_v9(&US_ELEMENTS.replace("DBC2", "DBCF"));
        assert_eq!(parse_aamva(&p).unwrap_err(), AamvaError::InvalidElement("DBC"));
        let p = assemble("AAMVA", "636014", 9, Some(1), &[("DL", US_ELEMENTS)]);
        assert_eq!(parse_aamva(&p).unwrap_err(), AamvaError::BadFileType);
    }

    #[test]
    fn versions_02_and_03_split_dct_into_first_and_middle_names() {
        for (dct, first, middle) in [
            ("DCTMARY-KATE,ORLA", Some("MARY-KATE"), Some("ORLA")),
            ("DCTLEIF", Some("LEIF"), None),
            ("DCTJUDE THADDEUS", Some("JUDE"), Some("THADDEUS")),
            ("DCTANH,", Some("ANH"), None),
        ] {
            let p = assemble(
                "ANSI ",
                "636012",
                3,
                Some(0),
                &[("DL", &format!("DCAG\nDBA20300115\nDCSTREMBLAY\n{dct}\nDCU\nDBB19750115\nDBC2\nDAQT1234\nDCGCAN"))],
            );
            let r = parse_aamva(&p).unwrap();
            assert_eq!((r.first_name.as_deref(), r.middle_names.as_deref()), (first, middle), "{dct}");
            assert_eq!(r.name_suffix, None);
        }
    }

    #[test]
    fn dates_are_month_first_in_the_us_and_year_first_in_canada() {
        let r = parse_aamva(&us_v9(US_ELEMENTS)).unwrap();
        assert_eq!((r.birth_date, r.expiry_date), (date(1992, 2, 29), date(2030, 3, 1)));
        assert_eq!(r.kind, DocumentKind::DriverLicence);
        let ca = "DAQA1234-56789-01234\nDCSGAGNON\nDACAUGUSTIN\nDBB19920229\nDBA20300301\nDBC1\nDAK  J1H 5N4 \nDAU178 CM\nDCGCAN";
        let r = parse_aamva(&assemble("ANSI ", "604428", 8, Some(0), &[("ID", ca)])).unwrap();
        assert_eq!((r.jurisdiction.code, r.country.as_str()), ("QC", "CAN"));
        assert_eq!(r.kind, DocumentKind::IdCard);
        assert_eq!((r.birth_date, r.expiry_date), (date(1992, 2, 29), date(2030, 3, 1)));
        assert_eq!(r.address.postal_code.as_deref(), Some("J1H 5N4"));
        assert_eq!(r.height, Some(Height::Centimetres(178)));
        // A Canadian date written month first is not a date: refused, not reinterpreted.
        let wrong = ca.replace("DBB19920229", "DBB02291992");
        assert_eq!(
            parse_aamva(&assemble("ANSI ", "604428", 8, Some(0), &[("ID", &wrong)])).unwrap_err(),
            AamvaError::InvalidElement("DBB")
        );
    }

    #[test]
    fn impossible_dates_and_unknown_codes_are_refused() {
        for (from, to, err) in [
            ("DBB02291992", "DBB02301992", AamvaError::InvalidElement("DBB")),
            ("DBA03012030", "DBA13012030", AamvaError::InvalidElement("DBA")),
            ("DBA03012030", "DBA0301203", AamvaError::InvalidElement("DBA")),
            ("DBD03012022", "DBD0301202X", AamvaError::InvalidElement("DBD")),
            ("DBC2", "DBC3", AamvaError::InvalidElement("DBC")),
            ("DCGUSA", "DCGCAN", AamvaError::CountryMismatch),
            ("DAQD1234567\n", "", AamvaError::MissingElement("DAQ")),
            ("DCSDOE-RIVERA\n", "", AamvaError::MissingElement("DCS")),
            ("DBB02291992\n", "", AamvaError::MissingElement("DBB")),
            ("DBC2", "DBC2\nDAU5 FT", AamvaError::InvalidElement("DAU")),
            ("DBC2", "DBC2\nDDEX", AamvaError::InvalidElement("DDE")),
        ] {
            assert_eq!(parse_aamva(&us_v9(&US_ELEMENTS.replace(from, to))).unwrap_err(), err, "{to}");
        }
        let r = parse_aamva(&us_v9(&US_ELEMENTS.replace("DBC2", "DBC9\nDDFT"))).unwrap();
        assert_eq!((r.sex, r.first_name_truncated), (Some(Sex::NotSpecified), true));
    }

    #[test]
    fn a_header_that_does_not_add_up_is_an_error() {
        let good = SAMPLE_V10.to_vec();
        let with = |at: usize, bytes: &[u8]| {
            let mut p = good.clone();
            p[at..at + bytes.len()].copy_from_slice(bytes);
            p
        };
        assert_eq!(parse_aamva(b"").unwrap_err(), AamvaError::NoComplianceIndicator);
        assert_eq!(parse_aamva(b"@\n\x1e\rANSI 63").unwrap_err(), AamvaError::TooShort);
        assert_eq!(parse_aamva(&good[1..]).unwrap_err(), AamvaError::NoComplianceIndicator);
        assert_eq!(parse_aamva(&with(2, b"\x1c")).unwrap_err(), AamvaError::BadSeparators);
        assert_eq!(parse_aamva(&with(4, b"ANSI6")).unwrap_err(), AamvaError::BadFileType);
        assert_eq!(parse_aamva(&with(9, b"63600A")).unwrap_err(), AamvaError::NotNumeric("IIN"));
        assert_eq!(parse_aamva(&with(9, b"636056")).unwrap_err(), AamvaError::UnknownIin(636056));
        assert_eq!(parse_aamva(&with(15, b"11")).unwrap_err(), AamvaError::UnsupportedVersion(11));
        assert_eq!(parse_aamva(&with(15, b"00")).unwrap_err(), AamvaError::UnsupportedVersion(0));
        assert_eq!(parse_aamva(&with(17, b"x1")).unwrap_err(), AamvaError::NotNumeric("jurisdiction version"));
        assert_eq!(parse_aamva(&with(19, b"00")).unwrap_err(), AamvaError::NoEntries);
        // One entry more or fewer than there are designators: the first offset no longer follows the directory.
        assert_eq!(
            parse_aamva(&with(19, b"03")).unwrap_err(),
            AamvaError::OffsetMismatch { index: 0, expected: 51, found: 41 }
        );
        assert!(matches!(parse_aamva(&with(19, b"01")).unwrap_err(), AamvaError::OffsetMismatch { index: 0, .. }));
    }

    #[test]
    fn a_directory_or_subfile_that_does_not_add_up_is_an_error() {
        let good = SAMPLE_V10.to_vec();
        let with = |at: usize, bytes: &[u8]| {
            let mut p = good.clone();
            p[at..at + bytes.len()].copy_from_slice(bytes);
            p
        };
        // Directory: DL00410278 at byte 21, ZV03190008 at byte 31.
        assert_eq!(
            parse_aamva(&with(23, b"0042")).unwrap_err(),
            AamvaError::OffsetMismatch { index: 0, expected: 41, found: 42 }
        );
        // A wrong length puts the DL subfile's end off its CR.
        assert_eq!(parse_aamva(&with(27, b"0275")).unwrap_err(), AamvaError::MissingTerminator { index: 0 });
        assert_eq!(parse_aamva(&with(27, b"0280")).unwrap_err(), AamvaError::MissingTerminator { index: 0 });
        assert_eq!(parse_aamva(&with(37, b"0009")).unwrap_err(), AamvaError::Truncated { index: 1 });
        assert_eq!(parse_aamva(&with(37, b"0007")).unwrap_err(), AamvaError::MissingTerminator { index: 1 });
        assert_eq!(parse_aamva(&with(21, b"DX")).unwrap_err(), AamvaError::BadDesignator { index: 0 });
        assert_eq!(parse_aamva(&with(25, b"02 8")).unwrap_err(), AamvaError::BadDesignator { index: 0 });
        assert_eq!(parse_aamva(&with(21, b"ID")).unwrap_err(), AamvaError::SubfileTypeMismatch { index: 0 });
        // Truncated anywhere, or without its final CR, or with something after it.
        for cut in [20, 40, 41, 100, 318, 326] {
            assert!(parse_aamva(&good[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(parse_aamva(&good[..326]).unwrap_err(), AamvaError::Truncated { index: 1 });
        let mut longer = good.clone();
        longer.push(b'\n');
        assert_eq!(parse_aamva(&longer).unwrap_err(), AamvaError::TrailingBytes(1));
        // The DL subfile's last byte must be CR.
        assert_eq!(parse_aamva(&with(318, b"\n")).unwrap_err(), AamvaError::MissingTerminator { index: 0 });
    }

    #[test]
    fn elements_must_be_well_formed_and_unique() {
        let err = |els: &str| parse_aamva(&us_v9(els)).unwrap_err();
        assert!(matches!(err(&format!("{US_ELEMENTS}\nDA")), AamvaError::BadElement { index: 0, element: 9 }));
        assert!(matches!(err(&format!("{US_ELEMENTS}\n\n")), AamvaError::BadElement { .. }));
        assert!(matches!(err(&format!("{US_ELEMENTS}\ndaz")), AamvaError::BadElement { .. }));
        assert!(matches!(err(&US_ELEMENTS.replace("DCSDOE", "DCSDO\rE")), AamvaError::BadElement { .. }));
        assert!(matches!(err(&US_ELEMENTS.replace("DCSDOE", "DCSDO\x1eE")), AamvaError::BadElement { .. }));
        assert_eq!(err(&format!("{US_ELEMENTS}\nDCSROE")), AamvaError::DuplicateElement("DCS".into()));
        // LF before the final CR is a jurisdiction quirk the lengths count: accepted.
        assert!(parse_aamva(&us_v9(&format!("{US_ELEMENTS}\n").replace("\n\n", "\n"))).is_ok());
        let lf_cr = assemble("ANSI ", "636014", 9, Some(1), &[("DL", &format!("{US_ELEMENTS}\n"))]);
        assert!(parse_aamva(&lf_cr).is_ok());
    }

    #[test]
    fn exactly_one_dl_or_id_subfile() {
        let z = assemble("ANSI ", "636014", 9, Some(1), &[("ZC", "ZCA01")]);
        assert_eq!(parse_aamva(&z).unwrap_err(), AamvaError::NoDlIdSubfile);
        let both = assemble("ANSI ", "636014", 9, Some(1), &[("DL", US_ELEMENTS), ("ID", US_ELEMENTS)]);
        assert_eq!(parse_aamva(&both).unwrap_err(), AamvaError::SeveralDlIdSubfiles);
        let with_z = assemble("ANSI ", "636014", 9, Some(1), &[("DL", US_ELEMENTS), ("ZC", "ZCA01\nZCBX")]);
        assert!(parse_aamva(&with_z).is_ok());
    }

    #[test]
    fn values_that_are_not_utf8_read_as_iso_8859_1_and_errors_hold_no_holder_data() {
        let mut p = us_v9(&US_ELEMENTS.replace("DOE-RIVERA", "M\u{00dc}LLER"));
        // Re-encode the one non-ASCII character as ISO 8859-1 and fix the subfile length by hand.
        let at = p.windows(2).position(|w| w == "Ü".as_bytes()).unwrap();
        p.splice(at..at + 2, [0xDC]);
        let fixed = format!("{:04}", p.len() - 31);
        p[27..31].copy_from_slice(fixed.as_bytes());
        let r = parse_aamva(&p).unwrap();
        assert_eq!(r.family_name, "MÜLLER");
        // Invalid UTF-8 in the header is simply not a header.
        let mut bad = SAMPLE_V10.to_vec();
        bad[5] = 0xFF;
        assert_eq!(parse_aamva(&bad).unwrap_err(), AamvaError::BadFileType);
        // No message names the holder.
        let e = parse_aamva(&us_v9(&US_ELEMENTS.replace("DBC2", "DBCQUESTIONABLE"))).unwrap_err();
        assert!(!e.to_string().contains("QUESTIONABLE") && !e.to_string().contains("RIVERA"));
    }

    #[test]
    fn the_iin_table_covers_every_us_and_canadian_jurisdiction_once() {
        let mut iins: Vec<u32> = JURISDICTIONS.iter().map(|j| j.iin).collect();
        iins.sort();
        iins.dedup();
        assert_eq!(iins.len(), JURISDICTIONS.len());
        let mut codes: Vec<&str> = JURISDICTIONS.iter().map(|j| j.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), JURISDICTIONS.len());
        assert_eq!(JURISDICTIONS.iter().filter(|j| j.country == "CAN").count(), 13);
        // 50 states, DC, 5 territories, the State Department.
        assert_eq!(JURISDICTIONS.iter().filter(|j| j.country == "USA").count(), 57);
        for j in &JURISDICTIONS {
            assert_eq!(j.country().as_str(), j.country);
            assert!((100_000..=999_999).contains(&j.iin));
        }
        assert_eq!(Jurisdiction::from_iin(636015).unwrap().name, "Texas");
        assert_eq!(Jurisdiction::from_iin(604433).unwrap().code, "NU");
    }
}
