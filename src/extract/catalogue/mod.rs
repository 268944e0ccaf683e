//! The document catalogue: what is known of the world's documents before one is read, as data
//! (`data/documents/`), loaded once and checked by the tests below.
//!
//! - `regions.json` (generated from ISO 3166-1/-2 and CLDR by `scripts/catalogue/generate.py`): every country with
//!   its official languages, its names in them (and in English, French and Spanish) and its subdivisions;
//! - `months.json` (generated from CLDR): month names and abbreviations per language;
//! - `documents.json` (written from the sources each entry names): per country, the holder's personal number and
//!   the documents that print it, the day-month order, the documents that print the name whole on one line.
//!
//! The request's `issuingCountry` selects the entry ([`entry`]); a country the catalogue does not describe reads
//! with the defaults of [`Entry::default`].

pub mod personal;

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::extract::text::normalise;
use crate::kyc::IdType;
pub use personal::Scheme;

const REGIONS_JSON: &str = include_str!("../../../data/documents/regions.json");
const MONTHS_JSON: &str = include_str!("../../../data/documents/months.json");
const DOCUMENTS_JSON: &str = include_str!("../../../data/documents/documents.json");

/// The order of the two names when a document prints them whole on one unlabelled line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameLine {
    /// "JANE MARIE CITIZEN": the surname last.
    GivenSurname,
    /// "KIM MINJUN": the family name first.
    SurnameGiven,
}

/// Which of day and month a numeric date prints first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrderName {
    #[default]
    DayFirst,
    MonthFirst,
}

/// The field numbers a country's driving licences print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenceNumbering {
    /// ISO/IEC 18013-1 (the EU model licence of Directive 2006/126/EC and the states that follow it): 1 surname,
    /// 2 given names, 3 birth, 4a-4d, 5 licence number, 9 categories.
    Iso18013,
    /// The AAMVA DL/ID Card Design Standard's numbers (1, 2, 3, 4a, 4b, 4d, 5 DD, ...).
    Aamva,
    /// No field numbers: a number before a value is part of it ("12 JAN 1967" is a date, not field 12).
    None,
}

/// What the catalogue knows of one country's documents (`documents.json`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The scheme of the holder's self-checking national number.
    #[serde(default)]
    pub personal_number: Option<Scheme>,
    /// The documents that print the holder's personal number.
    #[serde(default)]
    pub personal_number_on: Vec<IdType>,
    /// The state writes the holder's personal number in its MRZ.
    #[serde(default)]
    pub mrz_personal_number: bool,
    /// Documents that print the personal number beside a card number of their own, with no MRZ field for it.
    #[serde(default)]
    pub personal_number_beside_card_number: Vec<IdType>,
    /// Documents numbered with the holder's personal number.
    #[serde(default)]
    pub document_number_is_personal: Vec<IdType>,
    /// A document number that passes the personal-number scheme is self-checking too.
    #[serde(default)]
    pub document_number_checked: bool,
    #[serde(default)]
    pub day_order: DayOrderName,
    /// Documents (by id type, `*` for all) that print the whole name on one line, and in which order.
    #[serde(default)]
    pub name_line: HashMap<String, NameLine>,
    /// Documents whose header names the issuing subdivision.
    #[serde(default)]
    pub subdivision_header: Vec<IdType>,
    /// The field numbers its licences print (none given: ISO/IEC 18013-1 outside North America).
    #[serde(default)]
    pub licence_numbering: Option<LicenceNumbering>,
    /// Identity cards or residence permits of the state that carry no MRZ (passports and visas always do; any
    /// other card is taken to carry one unless listed, so that nothing is accepted from a card whose MRZ went
    /// unread).
    #[serde(default)]
    pub without_mrz: Vec<IdType>,
    pub sources: Vec<String>,
}

impl Entry {
    pub fn prints_personal_number(&self, id_type: IdType) -> bool {
        self.personal_number_on.contains(&id_type)
    }

    /// The order of the name line of this kind of document, if it prints the name whole on one line.
    pub fn name_line(&self, id_type: IdType) -> Option<NameLine> {
        self.name_line.get(id_type.as_str()).or_else(|| self.name_line.get("*")).copied()
    }

    /// Whether `v` is a valid personal number of the country's scheme.
    pub fn personal_number_valid(&self, v: &str) -> bool {
        self.personal_number.is_some_and(|s| s.valid(v))
    }
}

#[derive(Deserialize)]
struct DocumentsFile {
    countries: HashMap<String, Entry>,
}

/// One country of ISO 3166-1 (`regions.json`).
#[derive(Clone, Debug, Deserialize)]
pub struct Region {
    pub alpha2: String,
    /// Official languages (CLDR codes).
    pub languages: Vec<String>,
    /// Its names, in its languages and in English, French and Spanish.
    pub names: Vec<String>,
    pub subdivisions: Vec<Subdivision>,
}

/// One subdivision of ISO 3166-2.
#[derive(Clone, Debug, Deserialize)]
pub struct Subdivision {
    pub code: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub parent: Option<String>,
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct RegionsFile {
    regions: HashMap<String, Region>,
}

#[derive(Deserialize)]
struct MonthsFile {
    months: HashMap<String, Vec<Vec<String>>>,
}

/// The catalogue, parsed once.
pub struct Catalogue {
    entries: HashMap<String, Entry>,
    regions: HashMap<String, Region>,
    /// Per language, the month of each normalised form.
    months: HashMap<String, HashMap<String, u32>>,
    /// Per country, the normalised names of the country and of its subdivisions.
    place_names: HashMap<String, (Vec<String>, Vec<String>)>,
    default_entry: Entry,
}

impl Catalogue {
    fn load() -> Self {
        let documents: DocumentsFile =
            serde_json::from_str(DOCUMENTS_JSON).expect("documents.json (checked by a test)");
        let regions: RegionsFile = serde_json::from_str(REGIONS_JSON).expect("regions.json (checked by a test)");
        let months: MonthsFile = serde_json::from_str(MONTHS_JSON).expect("months.json (checked by a test)");
        let months = months
            .months
            .into_iter()
            .map(|(lang, forms)| {
                let mut by_form = HashMap::new();
                for (m, names) in forms.iter().enumerate() {
                    for name in names {
                        by_form.entry(month_key(name)).or_insert(m as u32 + 1);
                    }
                }
                (lang, by_form)
            })
            .collect();
        let place_names = regions
            .regions
            .iter()
            .map(|(code, r)| {
                let own: Vec<String> = r.names.iter().map(|n| place_key(n)).collect();
                let subs: Vec<String> =
                    r.subdivisions.iter().flat_map(|s| s.names.iter().map(|n| place_key(n))).collect();
                (code.clone(), (own, subs))
            })
            .collect();
        Self {
            entries: documents.countries,
            regions: regions.regions,
            months,
            place_names,
            default_entry: Entry::default(),
        }
    }

    pub fn get() -> &'static Catalogue {
        static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::load);
        &CATALOGUE
    }

    /// The entry of a country (ISO 3166-1 alpha-3, or an ICAO code), or the defaults.
    pub fn entry(&self, country: &str) -> &Entry {
        self.entries.get(country).unwrap_or(&self.default_entry)
    }

    pub fn region(&self, country: &str) -> Option<&Region> {
        self.regions.get(country)
    }

    /// The month a word names in one of `languages` (CLDR codes), first language first.
    pub fn month_in(&self, word: &str, languages: &[&str]) -> Option<u32> {
        let key = month_key(word);
        languages.iter().find_map(|l| self.months.get(*l).and_then(|m| m.get(&key)).copied())
    }

    /// The month a word names in every language that has it (`None` when languages disagree: "LIS" is November in
    /// Polish and Czech, October in Croatian).
    pub fn month_anywhere(&self, word: &str) -> Option<u32> {
        let key = month_key(word);
        let mut found = self.months.values().filter_map(|m| m.get(&key).copied());
        let first = found.next()?;
        found.all(|m| m == first).then_some(first)
    }

    /// Whether the whole `text` is the name of `country` or of one of its subdivisions (with
    /// `subdivisions`), in any of the languages the catalogue has: a document's header, never a holder's name.
    pub fn is_place_name(&self, country: &str, text: &str, subdivisions: bool) -> bool {
        let Some((own, subs)) = self.place_names.get(country) else { return false };
        let t = place_key(text);
        !t.is_empty() && (own.contains(&t) || (subdivisions && subs.contains(&t)))
    }
}

/// A place name as compared: [`normalise`]d, with the marks Latin folding leaves (Greek tonos, Cyrillic breve)
/// removed too.
fn place_key(name: &str) -> String {
    normalise(&without_marks(name))
}

fn without_marks(text: &str) -> String {
    use icu_normalizer::DecomposingNormalizerBorrowed;
    DecomposingNormalizerBorrowed::new_nfd()
        .normalize(text)
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .collect()
}

/// A month form as compared: upper case, marks removed (documents print Greek capitals without their tonos, and OCR
/// loses small marks), no trailing full stop.
fn month_key(word: &str) -> String {
    without_marks(&word.trim().trim_end_matches('.').to_uppercase())
}

/// The catalogue entry of a country.
pub fn entry(country: &str) -> &'static Entry {
    Catalogue::get().entry(country)
}

/// The languages a country's documents print their month names in: its own (CLDR), then ICAO 9303's English,
/// French and Spanish.
pub fn date_languages(country: &str) -> Vec<&'static str> {
    let mut langs: Vec<&'static str> =
        Catalogue::get().region(country).map(|r| r.languages.iter().map(String::as_str).collect()).unwrap_or_default();
    for l in ["en", "fr", "es"] {
        if !langs.contains(&l) {
            langs.push(l);
        }
    }
    langs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_loads_and_every_entry_is_a_country_with_sources() {
        let c = Catalogue::get();
        assert_eq!(c.regions.len(), 249, "ISO 3166-1 has 249 countries");
        // ICAO's codes for documents of no state (UTO: the specimen state; XXA, INP) are entries too.
        let icao_only = ["UTO", "XXA", "INP"];
        for (code, e) in &c.entries {
            assert!(c.regions.contains_key(code) || icao_only.contains(&code.as_str()), "{code} is no country");
            assert!(!e.sources.is_empty(), "{code} names no source");
            for t in e.name_line.keys() {
                assert!(t == "*" || t.parse::<IdType>().is_ok(), "{code}: {t} is no id type");
            }
            if e.document_number_checked {
                assert!(e.personal_number.is_some(), "{code}: a checked document number needs a scheme");
            }
        }
    }

    #[test]
    fn every_language_has_twelve_months_that_its_forms_tell_apart() {
        let file: MonthsFile = serde_json::from_str(MONTHS_JSON).unwrap();
        assert!(file.months.len() >= 60);
        for (lang, forms) in &file.months {
            assert_eq!(forms.len(), 12, "{lang}");
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (m, names) in forms.iter().enumerate() {
                assert!(!names.is_empty(), "{lang} month {}", m + 1);
                for n in names {
                    if let Some(&other) = seen.get(&month_key(n)) {
                        assert_eq!(other, m, "{lang}: {n} names two months");
                    }
                    seen.insert(month_key(n), m);
                }
            }
        }
    }

    #[test]
    fn month_names_are_read_in_the_documents_languages_and_ambiguous_ones_only_there() {
        let c = Catalogue::get();
        assert_eq!(c.month_in("LIS", &["hr"]), Some(10));
        assert_eq!(c.month_in("LIS", &["pl"]), Some(11));
        assert_eq!(c.month_anywhere("LIS"), None);
        assert_eq!(c.month_in("ΙΑΝ", &["el"]), Some(1));
        assert_eq!(c.month_in("OCAK", &["tr"]), Some(1));
        assert_eq!(c.month_anywhere("FEABHRA"), Some(2));
        assert_eq!(date_languages("HRV")[0], "hr");
    }

    #[test]
    fn the_readme_table_names_every_entry() {
        let readme = include_str!("../../../README.md");
        for code in Catalogue::get().entries.keys() {
            assert!(readme.contains(&format!("\n| {code} |")), "README's catalogue table has no row for {code}");
        }
    }

    #[test]
    fn a_serbian_jmbg_is_a_self_checking_personal_number() {
        // Added as a data entry only: the JMBG uses EMŠO's algorithm.
        let srb = entry("SRB");
        assert!(srb.personal_number_valid("0101990710008"));
        assert!(!srb.personal_number_valid("0101990710007"));
        assert!(srb.prints_personal_number(IdType::GovernmentId));
    }

    #[test]
    fn places_are_known_in_their_languages() {
        let c = Catalogue::get();
        assert!(c.is_place_name("AUS", "NEW SOUTH WALES", true));
        assert!(c.is_place_name("AUS", "Australia", false));
        assert!(!c.is_place_name("AUS", "NEW SOUTH WALES", false));
        assert!(c.is_place_name("DEU", "BAYERN", true));
        assert!(c.is_place_name("GRC", "ΕΛΛΑΔΑ", false));
        assert!(!c.is_place_name("AUS", "JANE CITIZEN", true));
    }
}
