//! The vocabulary of identity documents: field labels (the captions of `data/documents/labels.json`, per kind and
//! language: the EU/EEA languages, Portuguese/Brazilian, Latin American Spanish, Greek and Bulgarian Cyrillic), the
//! field numbering of driving licences (ISO/IEC 18013-1 and the
//! AAMVA DL/ID Card Design Standard), and header text that is never a holder's name (document titles, countries in
//! their own languages, US states and Canadian provinces).
//!
//! Only document vocabulary lives here, never holders' names: a word such as YORK or VIRGINIA is a name on some
//! documents, so states are headers only as whole phrases, and only for unlabelled lines.

use crate::extract::text::{edit_distance, latin_lookalike, normalise, within_one_edit};

/// The words of a street address (suffixes and their abbreviations, in the languages of the lexicon): a line with
/// one of them and a number is an address.
pub const STREET_WORDS: &[&str] = &[
    "ST", "RD", "AVE", "AV", "BLVD", "DR", "LN", "WAY", "CT", "PL", "HWY", "STREET", "ROAD", "AVENUE", "DRIVE", "LANE",
    "COURT", "PLACE", "CIRCLE", "CIR", "TERRACE", "TER", "PKWY", "APT", "UNIT", "STRASSE", "STR", "RUE", "CALLE",
    "VIA", "AVENIDA", "STRAAT", "WEG", "PLAZA", "ULICA", "UL",
];

/// What a label (or a field number) says its value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Surname,
    GivenNames,
    /// A full name ("NAME", "NAME/NOM" on North American cards): "SURNAME, GIVEN" or "GIVEN SURNAME".
    FullName,
    BirthDate,
    BirthPlace,
    IssueDate,
    ExpiryDate,
    /// "Valid from": an issue-like date that is not always the issue date (visas).
    ValidFrom,
    Sex,
    Nationality,
    DocumentNumber,
    PersonalNumber,
    Authority,
    Address,
    DocumentType,
    Code,
    Height,
    Weight,
    Eyes,
    Hair,
    Class,
    Restrictions,
    Endorsements,
    /// AAMVA field 5 "DD": an audit number, never the licence number.
    Discriminator,
    Signature,
    /// Labels of values we do not read ("UNDER 21 UNTIL", "DONOR", remarks).
    Other,
}

impl Kind {
    pub fn is_date(self) -> bool {
        matches!(self, Kind::BirthDate | Kind::IssueDate | Kind::ExpiryDate | Kind::ValidFrom)
    }
}

/// The field captions of `data/documents/labels.json`, in its order of kinds: per kind, the captions of every
/// language (normalised: upper case, accents and punctuation removed; see [`normalise`]).
static LABELS: std::sync::LazyLock<Vec<(Kind, Vec<String>)>> = std::sync::LazyLock::new(|| {
    #[derive(serde::Deserialize)]
    struct File {
        kinds: Vec<KindLabels>,
    }
    #[derive(serde::Deserialize)]
    struct KindLabels {
        kind: Kind,
        labels: std::collections::BTreeMap<String, Vec<String>>,
    }
    let file: File = serde_json::from_str(include_str!("../../../data/documents/labels.json"))
        .expect("data/documents/labels.json is valid (a test loads it)");
    file.kinds.into_iter().map(|k| (k.kind, k.labels.into_values().flatten().collect())).collect()
});

/// Header text: document titles, issuing bodies and generic words that never are a holder's name.
const HEADERS: &[&str] = &[
    "PASSPORT",
    "PASSEPORT",
    "PASAPORTE",
    "PASSAPORTO",
    "REISEPASS",
    "PASPOORT",
    "PASSAPORTE",
    "PASZPORT",
    "CESTOVNI PAS",
    "CESTOVNY PAS",
    "UTLEVEL",
    "PASAPORT",
    "POTNI LIST",
    "PUTOVNICA",
    "PASSI",
    "PASSIN",
    "PASS",
    "PASAS",
    "PASE",
    "VEGABREF",
    "ΔΙΑΒΑΤΗΡΙΟ",
    "ПАСПОРТ",
    "TRAVEL DOCUMENT",
    "DOCUMENT DE VOYAGE",
    "IDENTITY CARD",
    "NATIONAL IDENTITY CARD",
    "IDENTIFICATION CARD",
    "ID CARD",
    "IDENTIFICATION",
    "CARTE NATIONALE",
    "CARTE NATIONALE D IDENTITE",
    "CARTE D IDENTITE",
    "PERSONALAUSWEIS",
    "DOCUMENTO NACIONAL DE IDENTIDAD",
    "DOCUMENTO DE IDENTIDAD",
    "CARTA D IDENTITA",
    "CARTA DI IDENTITA",
    "IDENTITEITSKAART",
    "IDENTITEITSBEWIJS",
    "CARTAO DE CIDADAO",
    "CARTAO DE IDENTIDADE",
    "CEDULA DE IDENTIDAD",
    "CEDULA DE CIUDADANIA",
    "DOWOD OSOBISTY",
    "OBCANSKY PRUKAZ",
    "SZEMELYAZONOSITO IGAZOLVANY",
    "CARTE DE IDENTITATE",
    "OSEBNA IZKAZNICA",
    "OSOBNA ISKAZNICA",
    "HENKILOKORTTI",
    "IDENTITETSKORT",
    "NATIONELLT ID KORT",
    "ISIKUTUNNISTUS",
    "PERSONAS APLIECIBA",
    "ASMENS TAPATYBES KORTELE",
    "KARTA TAL IDENTITA",
    "NAFNSKIRTEINI",
    "ΔΕΛΤΙΟ ΤΑΥΤΟΤΗΤΑΣ",
    "ЛИЧНА КАРТА",
    "DRIVER LICENSE",
    "DRIVERS LICENSE",
    "DRIVER S LICENSE",
    "DRIVER LICENCE",
    "DRIVERS LICENCE",
    "DRIVER S LICENCE",
    "DRIVING LICENCE",
    "OPERATOR LICENSE",
    "OPERATORS LICENSE",
    "OPERATOR S LICENSE",
    "CHAUFFEUR",
    "LICENSE",
    "LICENCE",
    "DRIVING LICENSE",
    "DRIVING PRIVILEGE",
    "COMMERCIAL DRIVER LICENSE",
    "LEARNER PERMIT",
    "INSTRUCTION PERMIT",
    "PERMIS DE CONDUIRE",
    "FUHRERSCHEIN",
    "PERMISO DE CONDUCCION",
    "PERMISO DE CONDUCIR",
    "LICENCIA DE CONDUCIR",
    "LICENCIA DE CONDUCCION",
    "PATENTE DI GUIDA",
    "RIJBEWIJS",
    "CARTA DE CONDUCAO",
    "CARTEIRA NACIONAL DE HABILITACAO",
    "PRAWO JAZDY",
    "RIDICSKY PRUKAZ",
    "VODICSKY PREUKAZ",
    "VEZETOI ENGEDELY",
    "PERMIS DE CONDUCERE",
    "VOZNISKO DOVOLJENJE",
    "VOZACKA DOZVOLA",
    "AJOKORTTI",
    "KORKORT",
    "FORERKORT",
    "JUHILUBA",
    "VADITAJA APLIECIBA",
    "VAIRUOTOJO PAZYMEJIMAS",
    "LICENZJA TAS SEWQAN",
    "CEADUNAS TIOMANA",
    "OKUSKIRTEINI",
    "ΑΔΕΙΑ ΟΔΗΓΗΣΗΣ",
    "СВИДЕТЕЛСТВО ЗА УПРАВЛЕНИЕ",
    "RESIDENCE PERMIT",
    "RESIDENT PERMIT",
    "PERMANENT RESIDENT",
    "RESIDENT CARD",
    "TITRE DE SEJOUR",
    "CARTE DE SEJOUR",
    "AUFENTHALTSTITEL",
    "AUFENTHALTSERLAUBNIS",
    "PERMISO DE RESIDENCIA",
    "TARJETA DE RESIDENCIA",
    "PERMESSO DI SOGGIORNO",
    "VERBLIJFSVERGUNNING",
    "VERBLIJFSDOCUMENT",
    "TITULO DE RESIDENCIA",
    "AUTORIZACAO DE RESIDENCIA",
    "KARTA POBYTU",
    "POVOLENI K POBYTU",
    "TARTOZKODASI ENGEDELY",
    "PERMIS DE SEDERE",
    "DOVOLJENJE ZA PREBIVANJE",
    "OLESKELULUPA",
    "UPPEHALLSTILLSTAND",
    "OPHOLDSTILLADELSE",
    "OPPHOLDSTILLATELSE",
    "ELAMISLUBA",
    "UZTURESANAS ATLAUJA",
    "LEIDIMAS GYVENTI",
    "VISA",
    "VISAS",
    "VISUM",
    "VISADO",
    "VISTO",
    "WIZA",
    "VIZUM",
    "VIZA",
    "VIISUMI",
    "VIISAS",
    "REPUBLIC",
    "REPUBLIC OF",
    "REPUBLIQUE",
    "REPUBLIK",
    "BUNDESREPUBLIK",
    "REPUBBLICA",
    "REPUBLICA",
    "REPUBLIEK",
    "RZECZPOSPOLITA",
    "KINGDOM",
    "KONINKRIJK",
    "ROYAUME",
    "KONIGREICH",
    "REINO",
    "KONUNGARIKET",
    "KONGERIKET",
    "KONGERIGET",
    "GRAND DUCHE",
    "GROSSHERZOGTUM",
    "PRINCIPALITY",
    "FURSTENTUM",
    "COMMONWEALTH",
    "FEDERATION",
    "FEDERAL",
    "STATE OF",
    "STATES",
    "UNITED STATES",
    "UNITED STATES OF AMERICA",
    "UNITED KINGDOM",
    "GREAT BRITAIN",
    "NORTHERN IRELAND",
    "EUROPEAN UNION",
    "UNION EUROPEENNE",
    "EUROPAISCHE UNION",
    "UNION EUROPEA",
    "UNIONE EUROPEA",
    "EUROPESE UNIE",
    "UNIAO EUROPEIA",
    "UNIA EUROPEJSKA",
    "EUROPEAN",
    "MINISTRY",
    "MINISTERE",
    "MINISTERIO",
    "MINISTERO",
    "MINISTERIE",
    "GOVERNMENT",
    "GOUVERNEMENT",
    "GOBIERNO",
    "DEPARTMENT",
    "DEPARTMENT OF MOTOR VEHICLES",
    "MOTOR VEHICLES",
    "MOTOR VEHICLE",
    "TRANSPORT",
    "TRANSPORTATION",
    "BUREAU",
    "INTERIOR",
    "HOME AFFAIRS",
    "FOREIGN AFFAIRS",
    "POLICE",
    "PREFECTURE",
    "REAL ID",
    "SAMPLE",
    "SPECIMEN",
    "MUSTER",
    "MUESTRA",
    "MODELE",
    "ESPECIMEN",
    "CAMPIONE",
    "ORGAN DONOR",
    "DONOR",
    "VETERAN",
    "NOT FOR FEDERAL IDENTIFICATION",
    "FEDERAL LIMITS APPLY",
    "NOT VALID FOR DRIVING",
    "NOT FOR REAL ID PURPOSES",
    "ENHANCED",
    "NONE",
    "HOLDER",
    "TITULAIRE",
    "INHABER",
    "TITULAR",
    "TITOLARE",
    "HOUDER",
    "USA",
    "PROVINCE",
    "RESIDENT",
    "RESIDENT REGISTRATION CARD",
    "REGISTRATION",
    "REGISTRATION CARD",
    "CERTIFICATE",
    "AADHAAR",
    "GOVERNMENT OF INDIA",
    "INCOME TAX DEPARTMENT",
    "PERMANENT ACCOUNT NUMBER",
    "UNIQUE IDENTIFICATION AUTHORITY",
];

/// The fifty states, the District of Columbia, the territories, and Canada's provinces and territories (in
/// English and French): the headline of a North American card.
const STATES: &[&str] = &[
    "ALABAMA",
    "ALASKA",
    "ARIZONA",
    "ARKANSAS",
    "CALIFORNIA",
    "COLORADO",
    "CONNECTICUT",
    "DELAWARE",
    "FLORIDA",
    "GEORGIA",
    "HAWAII",
    "IDAHO",
    "ILLINOIS",
    "INDIANA",
    "IOWA",
    "KANSAS",
    "KENTUCKY",
    "LOUISIANA",
    "MAINE",
    "MARYLAND",
    "MASSACHUSETTS",
    "MICHIGAN",
    "MINNESOTA",
    "MISSISSIPPI",
    "MISSOURI",
    "MONTANA",
    "NEBRASKA",
    "NEVADA",
    "NEW HAMPSHIRE",
    "NEW JERSEY",
    "NEW MEXICO",
    "NEW YORK",
    "NEW YORK STATE",
    "NORTH CAROLINA",
    "NORTH DAKOTA",
    "OHIO",
    "OKLAHOMA",
    "OREGON",
    "PENNSYLVANIA",
    "RHODE ISLAND",
    "SOUTH CAROLINA",
    "SOUTH DAKOTA",
    "TENNESSEE",
    "TEXAS",
    "UTAH",
    "VERMONT",
    "VIRGINIA",
    "WASHINGTON",
    "WEST VIRGINIA",
    "WISCONSIN",
    "WYOMING",
    "DISTRICT OF COLUMBIA",
    "WASHINGTON DC",
    "WASHINGTON D C",
    "PUERTO RICO",
    "GUAM",
    "AMERICAN SAMOA",
    "US VIRGIN ISLANDS",
    "VIRGIN ISLANDS",
    "NORTHERN MARIANA ISLANDS",
    "ALBERTA",
    "BRITISH COLUMBIA",
    "COLOMBIE BRITANNIQUE",
    "MANITOBA",
    "NEW BRUNSWICK",
    "NOUVEAU BRUNSWICK",
    "NEWFOUNDLAND AND LABRADOR",
    "NEWFOUNDLAND LABRADOR",
    "TERRE NEUVE ET LABRADOR",
    "NOVA SCOTIA",
    "NOUVELLE ECOSSE",
    "ONTARIO",
    "PRINCE EDWARD ISLAND",
    "ILE DU PRINCE EDOUARD",
    "QUEBEC",
    "SASKATCHEWAN",
    "NORTHWEST TERRITORIES",
    "TERRITOIRES DU NORD OUEST",
    "NUNAVUT",
    "YUKON",
    "CANADA",
];

/// Country names as documents print them, in their own languages (the English names come from the ISO table).
const COUNTRY_NAMES: &[&str] = &[
    "DEUTSCHLAND",
    "ESPANA",
    "ITALIA",
    "NEDERLAND",
    "NEDERLANDEN",
    "BELGIQUE",
    "BELGIE",
    "BELGIEN",
    "OSTERREICH",
    "POLSKA",
    "CESKA REPUBLIKA",
    "CESKO",
    "SLOVENSKO",
    "SLOVENSKA REPUBLIKA",
    "MAGYARORSZAG",
    "ROMANIA",
    "БЪЛГАРИЯ",
    "HRVATSKA",
    "SLOVENIJA",
    "SUOMI",
    "FINLAND",
    "SVERIGE",
    "NORGE",
    "NOREG",
    "DANMARK",
    "EESTI",
    "LATVIJA",
    "LATVIJAS",
    "LIETUVA",
    "LIETUVOS",
    "ΕΛΛΑΣ",
    "ΕΛΛΑΔΑ",
    "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ",
    "ΚΥΠΡΙΑΚΗ ΔΗΜΟΚΡΑΤΙΑ",
    "REPUBLIC OF CYPRUS",
    "HELLENIC REPUBLIC",
    "ISLAND",
    "EIRE",
    "ERIN",
    "MALTA",
    "LUXEMBOURG",
    "LETZEBUERG",
    "PORTUGAL",
    "PORTUGUESA",
    "SCHWEIZ",
    "SUISSE",
    "SVIZZERA",
    "SVIZRA",
    "LIECHTENSTEIN",
    "ΚΥΠΡΟΣ",
    "KYPROS",
    "KIBRIS",
    "FRANCE",
    "FRANCAISE",
    "ITALIANA",
    "ESPANOLA",
    "FEDERATIVA DO BRASIL",
    "BRASIL",
    "MEXICO",
    "ESTADOS UNIDOS MEXICANOS",
    "ARGENTINA",
    "COLOMBIA",
    "CHILE",
    "PERU",
    "URUGUAY",
    "PARAGUAY",
    "BOLIVIA",
    "ECUADOR",
    "VENEZUELA",
    "TURKIYE",
    "TURKIYE CUMHURIYETI",
    "SRBIJA",
    "CRNA GORA",
    "BOSNA I HERCEGOVINA",
    "SHQIPERIA",
    "UKRAINA",
    "УКРАЇНА",
    "РОССИЯ",
    "BHARAT",
    "NIPPON",
    "DAEHAN MINGUK",
];

/// The words (six letters or more) of the Greek and Cyrillic headers and country names, in Latin look-alikes.
static LOOKALIKE_HEADER_WORDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut words: Vec<String> = HEADERS
        .iter()
        .chain(COUNTRY_NAMES)
        .flat_map(|h| h.split(' '))
        .filter(|w| w.chars().any(|c| ('\u{0370}'..='\u{04ff}').contains(&c)))
        .filter_map(|w| w.chars().map(latin_lookalike).collect::<Option<String>>())
        .filter(|w| w.chars().count() >= 6)
        .collect();
    words.sort();
    words.dedup();
    words
});

/// Whether an OCR word matches a vocabulary word: exactly, or (words of six letters or more) within one edit, so a
/// misread letter in NATIONALITY or GEBURTSDATUM still reads as the label.
fn word_matches(ocr: &str, vocabulary: &str) -> bool {
    ocr == vocabulary
        || (vocabulary.chars().count() >= 6 && within_one_edit(ocr, vocabulary))
        || (vocabulary.chars().count() >= 5 && {
            let (o, v) = (fold_ocr_confusions(ocr), fold_ocr_confusions(vocabulary));
            o == v || (v.chars().count() >= 6 && within_one_edit(&o, &v))
        })
}

static FOLDED_HEADERS: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| HEADERS.iter().map(|h| fold_ocr_confusions(h)).collect());

/// Letter pairs OCR reads as one letter in small print ("SURNAME" as "SUMAME", "LIC" as "UC", "VV" for "W"): both
/// sides folded the same way compare equal.
fn fold_ocr_confusions(word: &str) -> String {
    word.replace("RN", "M").replace("LI", "U").replace("VV", "W")
}

/// Every label without its spaces, with its kind (for labels OCR ran together).
static JOINED: std::sync::LazyLock<std::collections::HashMap<String, Kind>> = std::sync::LazyLock::new(|| {
    let mut m = std::collections::HashMap::new();
    for (kind, phrases) in LABELS.iter() {
        let kind = *kind;
        for p in phrases.iter().filter(|p| p.chars().count() >= 2) {
            m.entry(p.replace(' ', "")).or_insert(kind);
        }
    }
    m
});

/// A word that is two labels of one kind run together, exactly or with one stray letter ("EXPIEXP").
fn run_together_labels(word: &str) -> Option<Kind> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    let split = |w: &[char]| -> Option<Kind> {
        (2..w.len().saturating_sub(1)).find_map(|k| {
            let (a, b): (String, String) = (w[..k].iter().collect(), w[k..].iter().collect());
            match (JOINED.get(&a), JOINED.get(&b)) {
                (Some(x), Some(y)) if x == y && (a.chars().count() >= 3 || b.chars().count() >= 3) => Some(*x),
                _ => None,
            }
        })
    };
    split(&chars).or_else(|| {
        (0..chars.len()).find_map(|skip| {
            let w: Vec<char> = chars.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, c)| *c).collect();
            split(&w)
        })
    })
}

/// Whether `words[i..]` starts with `phrase` (word by word, each word tolerantly: [`word_matches`]); returns the
/// number of words it covers. A phrase longer than the words left does not match.
fn phrase_at(words: &[&str], i: usize, phrase: &str) -> Option<usize> {
    let pw: Vec<&str> = phrase.split(' ').collect();
    if i + pw.len() > words.len() {
        return None;
    }
    pw.iter().zip(&words[i..]).all(|(p, w)| word_matches(w, p)).then_some(pw.len())
}

/// Labels at the start of a text, in every language the text has them in ("Surname / Nom / Apellidos"), and how
/// many of its (normalised) words they cover.
pub fn leading_labels(text: &str) -> (Vec<Kind>, usize) {
    let norm = normalise(&text.replace('/', " / "));
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kinds = Vec::new();
    let mut i = 0;
    loop {
        while i < words.len() && words[i] == "/" {
            i += 1;
        }
        let mut best: Option<(Kind, usize)> = None;
        for (kind, phrases) in LABELS.iter() {
            let kind = *kind;
            for phrase in phrases {
                if let Some(n) = phrase_at(&words, i, phrase)
                    && best.is_none_or(|(_, m)| n > m)
                {
                    best = Some((kind, n));
                }
            }
        }
        // A label run into one word by OCR ("DATEOFBIRTH", "LASTNAME"), or two languages of one label run together
        // ("NUMBERNUMERO", "CLASSICATEGORIE").
        if best.is_none() && i < words.len() {
            for (kind, phrases) in LABELS.iter() {
                let kind = *kind;
                if phrases.iter().any(|p| p.contains(' ') && word_matches(words[i], &p.replace(' ', ""))) {
                    best = Some((kind, 1));
                    break;
                }
            }
            if best.is_none() {
                best = run_together_labels(words[i]).map(|k| (k, 1));
            }
        }
        match best {
            Some((kind, n)) => {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
                i += n;
            }
            None => break,
        }
    }
    (kinds, i)
}

/// The text after its leading labels, as printed (case, accents and separators kept).
pub fn after_labels(text: &str, label_words: usize) -> String {
    if label_words == 0 {
        return text.trim().to_owned();
    }
    // Walk the words of the original text (split on spaces and '/'), counting them as `normalise` would.
    let mut seen = 0;
    let mut start = None;
    let mut i = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    while i < bytes.len() {
        let is_sep = |c: char| c.is_whitespace() || c == '/';
        if is_sep(bytes[i].1) {
            i += 1;
            continue;
        }
        let word_start = bytes[i].0;
        let mut j = i;
        while j < bytes.len() && !is_sep(bytes[j].1) {
            j += 1;
        }
        let word_end = bytes.get(j).map_or(text.len(), |b| b.0);
        if seen >= label_words {
            start = Some(word_start);
            break;
        }
        let word = &text[word_start..word_end];
        let n = normalise(word);
        if !n.is_empty() {
            // A word that normalises to two ("D'EXPIRATION") counts as two.
            seen += n.split(' ').count();
        }
        // "Lic#:5937333": the value run into the last label word after its colon or hash.
        if seen >= label_words
            && let Some(k) = word.find([':', '#'])
            && word[k..].chars().any(|c| c.is_ascii_digit())
        {
            return word[k..].trim_start_matches([':', '#', ' ']).to_owned() + &text[word_end..];
        }
        i = j;
    }
    start.map_or(String::new(), |s| text[s..].trim_start_matches([':', '.', ' ', '/', '-']).trim().to_owned())
}

/// The whole text is labels (a label line whose value sits elsewhere).
pub fn is_only_labels(text: &str) -> bool {
    let (kinds, n) = leading_labels(text);
    !kinds.is_empty() && after_labels(text, n).chars().all(|c| !c.is_alphanumeric())
}

/// Driving-licence field numbering: ISO/IEC 18013-1 (EU and most of the world) or the AAMVA card design (US and
/// Canada). They agree on 1-4b and differ on 4d and 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Numbering {
    Iso18013,
    Aamva,
}

impl Numbering {
    pub fn for_country(iso3: &str) -> Self {
        if matches!(iso3, "USA" | "CAN") { Numbering::Aamva } else { Numbering::Iso18013 }
    }

    fn kind(self, number: &str) -> Option<Kind> {
        Some(match (number, self) {
            ("1", _) => Kind::Surname,
            ("2", _) => Kind::GivenNames,
            ("3", _) => Kind::BirthDate,
            ("4A", _) => Kind::IssueDate,
            ("4B", _) => Kind::ExpiryDate,
            ("4C", _) => Kind::Authority,
            ("4D", Numbering::Aamva) => Kind::DocumentNumber,
            ("4D", Numbering::Iso18013) => Kind::PersonalNumber,
            ("5", Numbering::Aamva) => Kind::Discriminator,
            ("5", Numbering::Iso18013) => Kind::DocumentNumber,
            ("7", _) => Kind::Signature,
            ("8", _) => Kind::Address,
            ("9" | "9A", _) => Kind::Class,
            ("10" | "11", _) => Kind::Other,
            ("12", _) => Kind::Restrictions,
            // ISO/IEC 18013 numbers its fields up to 12; the AAMVA card goes on to 19.
            (_, Numbering::Iso18013) => return None,
            ("15", _) => Kind::Sex,
            ("16", _) => Kind::Height,
            ("17", _) => Kind::Weight,
            ("18", _) => Kind::Eyes,
            ("19", _) => Kind::Hair,
            _ => return None,
        })
    }
}

/// A field number at the start of a line ("1. SURNAME", "4d DLN 123", "4b EXP 01/02/2030"), read tolerantly: the
/// small numbers are often misread (`4d` as `40`/`4o`, `4b` as `46`, `1` as `l` or `I`). Returns the field's kind
/// and the rest of the line.
pub fn field_number(text: &str, numbering: Numbering) -> Option<(Kind, String)> {
    let t = text.trim_start();
    // "s. 86738977": field 5 of an EU licence with its 5 read as an s, before a number.
    if numbering == Numbering::Iso18013
        && let Some(rest) = ["s.", "S.", "s)", "S)"].iter().find_map(|p| t.strip_prefix(p))
        && rest.starts_with(' ')
        && rest.split_whitespace().next().is_some_and(|w| w.chars().filter(char::is_ascii_digit).count() >= 5)
    {
        return Some((Kind::DocumentNumber, rest.trim_start().to_owned()));
    }
    let mut chars = t.char_indices().peekable();
    let mut number = String::new();
    let mut end = 0;
    while let Some(&(i, c)) = chars.peek() {
        let mapped = match (number.as_str(), c) {
            ("", 'l' | 'I' | '|') => '1',
            ("4", 'a' | 'A') => 'A',
            ("4", 'b' | 'B' | '6') => 'B',
            ("4", 'c' | 'C') => 'C',
            ("4", 'd' | 'D' | '0' | 'o' | 'O') => 'D',
            // AAMVA has no field 44: it is 4d with the d misread.
            ("4", '4') if numbering == Numbering::Aamva => 'D',
            ("9", 'a' | 'A') => 'A',
            (_, d) if d.is_ascii_digit() => d,
            _ => break,
        };
        number.push(mapped);
        end = i + c.len_utf8();
        chars.next();
        if number.len() >= 2 {
            break;
        }
    }
    if number.is_empty() {
        return None;
    }
    let rest = &t[end..];
    // "I. Khmelnytska": a signature's initial, not field 1 misread. A name after a misread 1 is in capitals.
    if raw_is_letter_one(&t[..end]) && rest.trim_start_matches(['.', ' ']).chars().any(char::is_lowercase) {
        return None;
    }
    // "17.07.1949" is a date, not field 17; "5.35308498" is field 5 run into its number, "3.29.03.1986" field 3
    // run into a date: a number directly followed by a separator and a digit is a field number only when the line
    // does not start with a date.
    let mut after = rest.chars();
    if matches!(after.next(), Some('.' | '/' | '-' | ',' | ' '))
        && after.next().is_some_and(|c| c.is_ascii_digit())
        && starts_with_date(t, numbering)
    {
        return None;
    }
    // The number must stand apart from its value: "1. X", "4d X", "4dDLN X" (a label run into it), not "1985".
    let raw = &t[..end];
    // "17 302 551": a number printed in groups of three, not field 17 (fields 10-19 never hold such a value).
    let groups: Vec<&str> = rest.split_whitespace().collect();
    if raw.chars().count() == 2
        && raw.chars().all(|c| c.is_ascii_digit())
        && groups.len() >= 2
        && groups.iter().all(|g| g.chars().count() == 3 && g.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    // "4a" alone on its line, its value beside it read as a line of its own (field numbers printed in small boxes):
    // a bare label. A lone digit only on an EU licence, whose fields all carry numbers.
    // (The characters as printed: an "I" or "l" read for 1, a "40" or "46" for 4d or 4b, stand alone for other things.)
    let raw_second = raw.chars().nth(1);
    if rest.trim_matches(['.', ')', ':']).is_empty()
        && (raw_second.is_some_and(|c| matches!(c.to_ascii_lowercase(), 'a'..='d'))
            || numbering == Numbering::Iso18013 && raw.len() == 1 && raw.chars().all(|c| c.is_ascii_digit()))
    {
        return Some((numbering.kind(&number)?, String::new()));
    }
    let run_in = rest.chars().next().is_some_and(|c| c.is_alphabetic());
    // "40 DLN" is 4d misread; "40 MAIN ST" is an address.
    let misread_4d = raw == "44" || raw == "40";
    // After a misread 4d, a label for the number or the number itself ("44 UA671751S": no address has a token
    // like that first).
    let number_first = rest.split_whitespace().next().is_some_and(|w| {
        w.chars().count() >= 6
            && w.chars().filter(char::is_ascii_digit).count() >= 3
            && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let separated = (rest.starts_with(['.', ' ', ':', ')'])
        && (!misread_4d || leading_labels(rest).0.first() == Some(&Kind::DocumentNumber) || number_first))
        // A label or value run into a lettered number ("4dDLN", "44WDL123": 4d with its d misread).
        || (run_in && number.chars().any(|n| n.is_ascii_alphabetic()));
    // "1AL-FARSI": the family name (or "2JANE" the given names) run into its field number; a street ("2ND AVE")
    // has too few letters before its space, and "INDIANA" is no "1" misread before "NDIANA": the digit must be one.
    // A name printed in title case runs in too ("1Fontaine"), and one that opens with a particle ("1DE BOER").
    // ("1LA SALLE ST" is a street with its house number run in.)
    let particle_first = rest.split_whitespace().count() >= 2
        && rest.split_whitespace().next().is_some_and(|w| NAME_PARTICLES.contains(&w))
        && !rest.split_whitespace().last().is_some_and(|w| STREET_WORDS.contains(&w))
        && rest.split_whitespace().skip(1).all(|w| w.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'')));
    let run_in_name = matches!(raw, "1" | "2")
        && (particle_first
            || rest.split_whitespace().next().is_some_and(|w| {
                let title_case = w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).all(|c| c.is_lowercase() || matches!(c, '-' | '\''));
                w.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && (title_case || w.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | ',' | '.')))
            }));
    if run_in && run_in_name {
        return Some((numbering.kind(&number)?, rest.to_owned()));
    }
    // "ILN", "2FN DANIEL": the field's own label run into its number.
    if run_in && numbering.kind(&number).is_some_and(|k| leading_labels(rest).0.first() == Some(&k)) {
        return Some((numbering.kind(&number)?, rest.to_owned()));
    }
    // "5CT8958522Z": an EU licence's field 5 run into a number that starts with letters.
    if numbering == Numbering::Iso18013
        && number == "5"
        && run_in
        && rest.chars().count() >= 6
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
        && rest.chars().filter(char::is_ascii_digit).count() >= 3
    {
        return Some((Kind::DocumentNumber, rest.to_owned()));
    }
    // "4EXP 06/04/2029": AAMVA has no field 4, and the date label run into it says which 4 it was (4b).
    if number == "4"
        && run_in
        && let Some(&k) = leading_labels(rest).0.first()
        && matches!(k, Kind::IssueDate | Kind::ExpiryDate)
    {
        return Some((k, rest.to_owned()));
    }
    // "4d627BJ5873", "4b06/04/2029": a field number printed in small letters with its value run into it (a number
    // that merely starts so would be in capitals).
    if raw_second.is_some_and(|c| matches!(c, 'a'..='d')) && rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Some((numbering.kind(&number)?, rest.to_owned()));
    }
    // AAMVA has no field 4: "4S1234567" is 4d whose d was lost, run into the number.
    if numbering == Numbering::Aamva
        && number == "4"
        && run_in
        && rest.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 6
    {
        return Some((Kind::DocumentNumber, rest.to_owned()));
    }
    if !separated || rest.trim_start_matches(['.', ' ', ':', ')']).is_empty() && number.len() > 2 {
        return None;
    }
    let kind = numbering.kind(&number)?;
    Some((kind, rest.trim_start_matches(['.', ' ', ':', ')']).to_owned()))
}

/// Particles that open a surname ("DE BOER", "VAN DIJK", "DA SILVA"): a two-letter first word run into field
/// number 1 or 2 that is one of them is the name's, not a street's ("2ND AVE").
pub const NAME_PARTICLES: &[&str] = &[
    "DE", "DA", "DI", "DU", "DO", "DOS", "DAS", "DEL", "DELLA", "LE", "LA", "EL", "AL", "VAN", "VON", "TER", "TEN",
    "MAC", "MC",
];

/// A field number 1 that was read as a letter ("I", "l", "|").
fn raw_is_letter_one(raw: &str) -> bool {
    matches!(raw, "I" | "l" | "|")
}

/// The words a specimen card is stamped with. They are header vocabulary, but also the name that issuers give the
/// holders of their sample cards ("SAMPLE, JANE"), so a value under a name label or field number may be one.
const SPECIMEN_MARKERS: &[&str] = &["SAMPLE", "SPECIMEN", "MUSTER", "MUESTRA", "MODELE", "ESPECIMEN", "CAMPIONE"];

/// The whole text is one specimen marker.
pub fn is_specimen_marker(text: &str) -> bool {
    let norm = normalise(text);
    SPECIMEN_MARKERS.contains(&norm.as_str())
}

/// The text starts with a numeric date that is a real one in the numbering's country group (day first under ISO/IEC
/// 18013, month first on AAMVA cards).
fn starts_with_date(t: &str, numbering: Numbering) -> bool {
    static DATE: std::sync::LazyLock<regex::Regex> =
        // ("10 04 2020": spaces only with a four-digit year.)
        std::sync::LazyLock::new(|| {
            regex::Regex::new(r"^(\d{1,2})(?:[./,-](\d{1,2})[./,-]\d{2,4}|\s(\d{1,2})\s\d{4}\b)").unwrap()
        });
    DATE.captures(t).is_some_and(|c| {
        let second = c.get(2).or_else(|| c.get(3)).map_or("", |m| m.as_str());
        let (a, b) = (c[1].parse::<u32>().unwrap_or(0), second.parse::<u32>().unwrap_or(0));
        let day_month = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        match numbering {
            Numbering::Iso18013 => day_month(a, b),
            Numbering::Aamva => day_month(b, a),
        }
    })
}

/// Header vocabulary in a text: a document title, an issuing body, a country or (with `states`) a US state or
/// Canadian province, as whole words or phrases.
pub fn has_header_words(text: &str, states: bool) -> bool {
    let norm = normalise(text);
    let padded = format!(" {norm} ");
    let contains = |phrase: &str| padded.contains(&format!(" {phrase} "));
    if HEADERS.iter().any(|h| contains(h)) || COUNTRY_NAMES.iter().any(|c| contains(c)) {
        return true;
    }
    // With OCR's letter-pair confusions folded on both sides ("DRIVER UCENSE").
    let folded = format!(" {} ", fold_ocr_confusions(&norm));
    if FOLDED_HEADERS.iter().any(|h| h.chars().count() >= 5 && folded.contains(&format!(" {h} "))) {
        return true;
    }
    let words: Vec<&str> = norm.split(' ').collect();
    // Long header words misread by a letter ("KONINKRIK", "PERSONALAUSWEIS" as "PERSONALAUSWE1S").
    let long_word = |h: &str| !h.contains(' ') && h.chars().count() >= 8;
    let near = |w: &&str| {
        w.chars().count() >= 8 && HEADERS.iter().chain(COUNTRY_NAMES).any(|h| long_word(h) && within_one_edit(w, h))
    };
    // A header word cut short by glare or a hologram ("IFICATION" of IDENTIFICATION).
    let cut = |w: &&str| {
        w.chars().count() >= 6
            && HEADERS.iter().any(|h| long_word(h) && h != w && (h.ends_with(*w) || h.starts_with(*w)))
    };
    // Very long header words two letters off ("RENTIFICATION"): no name of twelve letters or more is that close
    // to one.
    let near2 = |w: &&str| {
        w.chars().count() >= 12
            && HEADERS.iter().any(|h| long_word(h) && h.chars().count() >= 12 && edit_distance(w, h) <= 2)
    };
    // A Greek or Cyrillic header read by a Latin-only OCR model ("KYPIAKH AHMOKPATIA" for ΚΥΠΡΙΑΚΗ ΔΗΜΟΚΡΑΤΙΑ).
    let lookalike = |w: &&str| {
        let n = w.chars().count();
        n >= 6 && LOOKALIKE_HEADER_WORDS.iter().any(|h| edit_distance(w, h) <= if n >= 8 { 2 } else { 1 })
    };
    // A header phrase with its space lost ("DRIVERUICENSE" for DRIVER LICENSE), a letter or two off.
    let run_together = |w: &&str| {
        let n = w.chars().count();
        n >= 10
            && HEADERS.iter().any(|h| {
                let joined: String = h.chars().filter(|c| c.is_alphabetic()).collect();
                h.contains(' ')
                    && joined.chars().count() >= 10
                    && edit_distance(w, &joined) <= if n >= 12 { 2 } else { 1 }
            })
    };
    if words.iter().any(near)
        || words.iter().any(cut)
        || words.iter().any(near2)
        || words.iter().any(lookalike)
        || words.iter().any(run_together)
    {
        return true;
    }
    if states && (STATES.iter().any(|s| contains(s)) || english_country_name(&norm)) {
        return true;
    }
    false
}

/// The whole text is one English country name from the ISO table ("GERMANY", "UNITED STATES OF AMERICA").
fn english_country_name(norm: &str) -> bool {
    isocountry::CountryCode::iter().any(|c| normalise(c.name()) == norm)
}

/// The date role of the text before a date on its line: its labels or field number, else a short label that OCR
/// ran into a letter or two ("EXPE", "D0B"), which is trusted only there, right before a date.
pub fn date_label(prefix: &str, numbering: Numbering) -> Option<Kind> {
    let p = prefix.trim();
    if let Some((kind, rest)) = field_number(&format!("{p} "), numbering) {
        let label = leading_labels(&rest).0.first().copied().filter(|k| k.is_date());
        // A name or number field holds no date: its small number was misread ("3." as "1."), and the date is
        // placed by order instead. (A discriminator or class field may hold dates that are none of the three.)
        let misread = matches!(kind, Kind::Surname | Kind::GivenNames | Kind::DocumentNumber | Kind::PersonalNumber);
        return label.or((!misread).then_some(kind));
    }
    if let Some(&k) = leading_labels(p).0.first() {
        return Some(k);
    }
    let last = normalise(p).rsplit(' ').next().unwrap_or("").replace('0', "O");
    const SHORT: &[(&str, Kind)] = &[
        ("DOB", Kind::BirthDate),
        ("EXP", Kind::ExpiryDate),
        ("ISS", Kind::IssueDate),
        ("DDN", Kind::BirthDate),
        ("DEL", Kind::IssueDate),
    ];
    SHORT
        .iter()
        .find(|(l, _)| {
            last.starts_with(l) && last.chars().count() <= l.len() + 2 || (last.len() >= 3 && within_one_edit(&last, l))
        })
        .map(|&(_, k)| k)
}

/// The distinguishing signs of the EU/EEA states that an EU licence prints in its flag (UN 1949/1968 road traffic
/// conventions): "SLO", "EST", "IRL" alone on a line are the flag's, not a name. (One-letter signs are left out:
/// a lone initial is commoner.)
pub const EU_DISTINGUISHING_SIGNS: &[&str] = &[
    "BG", "CY", "CZ", "DK", "EST", "GR", "FIN", "HR", "IRL", "LT", "LV", "NL", "PL", "RO", "SLO", "SK", "UK", "IS",
    "FL", "CH", "GB", "NI",
];

/// The driving-licence categories (EU directive 2006/126/EC, with national ones) that field 9 lists.
const CATEGORIES: &[&str] = &[
    "AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T", "M", "L", "G", "F",
    "K", "P", "Q",
];

/// A line that only lists licence categories ("AM A1 A2 B C1E CE", "B BE"): no name and no number.
pub fn is_categories(text: &str) -> bool {
    let words: Vec<&str> = text.split([' ', ',', '/']).filter(|w| !w.is_empty()).collect();
    words.len() >= 2 && words.iter().all(|w| CATEGORIES.contains(&w.trim_matches('.')))
}

/// Words of the field labels of North American cards that no holder there is named, for label lines OCR garbled
/// past recognition ("ENP DATE", "DATE GF RTH", "FIRST MIDOLE", "DRIVER LCENSE NO").
const LABEL_WORDS: &[&str] = &[
    "DATE",
    "BIRTH",
    "EXPIRES",
    "EXPIRATION",
    "EXPIRY",
    "ISSUED",
    "LICENSE",
    "LICENCE",
    "NUMBER",
    "ADDRESS",
    "HEIGHT",
    "WEIGHT",
    "EYES",
    "NAME",
    "NAMES",
    "SURNAME",
    "FIRST",
    "MIDDLE",
    "GIVEN",
    "RESTRICTIONS",
    "ENDORSEMENTS",
    "CUSTOMER",
    "SIGNATURE",
    "CLASS",
    "DONOR",
    "VETERAN",
    "UNTIL",
];

/// Label words compared one letter off ("LCENSE"): long, and no holder's name is near them.
const LOOSE_LABEL_WORDS: &[&str] =
    &["LICENSE", "LICENCE", "EXPIRES", "EXPIRATION", "SIGNATURE", "RESTRICTIONS", "ENDORSEMENTS", "CUSTOMER"];

/// A text with a label word in it, exact or (long words) one letter off, or a word run into "DATE" ("ISSDATE"):
/// a label line, never a name.
pub fn has_label_words(text: &str) -> bool {
    normalise(text).split(' ').any(|w| {
        let n = w.chars().count();
        // Only words no surname is near are compared loosely: WEIGHT is one letter from WRIGHT, MIDDLE from RIDDLE,
        // ADDRESS from ANDRESS.
        LABEL_WORDS.contains(&w)
            || n >= 6 && LOOSE_LABEL_WORDS.iter().any(|l| within_one_edit(w, l))
            || n >= 6 && w.ends_with("DATE")
    })
}

/// A word that is a name field's label garbled by OCR ("NAMIE", "SRNASE" for SURNAME), not exactly a label: close
/// to NAME by one letter or to a longer name label by two. (NAMES is left out: JAMES is one letter from it.)
pub fn near_name_label(word: &str) -> bool {
    let w = normalise(word).replace(' ', "");
    let n = w.chars().count();
    n >= 4
        && (edit_distance(&w, "NAME") == 1
            || ["SURNAME", "LASTNAME", "FAMILYNAME", "GIVENNAMES", "FIRSTNAME"]
                .iter()
                .any(|l| n >= 6 && (1..=2).contains(&edit_distance(&w, l))))
}

/// A text that is only labels or field numbers and labels: never a value.
pub fn is_label_text(text: &str) -> bool {
    is_only_labels(text)
        || field_number(text, Numbering::Aamva).is_some_and(|(_, rest)| rest.trim().is_empty() || is_only_labels(&rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_captions_file_loads_normalised_with_no_caption_twice_in_a_kind() {
        assert_eq!(LABELS.len(), 26, "every kind of labels.json loads");
        for (kind, captions) in LABELS.iter() {
            let mut seen = std::collections::HashSet::new();
            for c in captions {
                // "SURNAME(S)" and the AAMVA "DL#", "ID#", "LIC#" keep the sign they are printed with.
                let kept: String = c.chars().filter(|ch| !matches!(ch, '(' | ')' | '#')).collect();
                assert_eq!(normalise(&kept), kept, "{kind:?}: {c} is not normalised");
                assert!(seen.insert(c.as_str()), "{kind:?}: {c} twice");
            }
        }
    }

    #[test]
    fn labels_are_found_in_many_languages_and_in_bilingual_runs() {
        assert_eq!(leading_labels("Surname / Nom / Apellidos").0, [Kind::Surname]);
        assert_eq!(leading_labels("Date of birth/Date de naissance").0, [Kind::BirthDate]);
        assert_eq!(leading_labels("Fecha de expedición").0, [Kind::IssueDate]);
        assert_eq!(leading_labels("Nazwisko").0, [Kind::Surname]);
        assert_eq!(leading_labels("Příjmení").0, [Kind::Surname]);
        assert_eq!(leading_labels("Staatsangehörigkeit").0, [Kind::Nationality]);
        assert_eq!(leading_labels("ΗΜΕΡΟΜΗΝΙΑ ΓΕΝΝΗΣΗΣ").0, [Kind::BirthDate]);
        assert_eq!(leading_labels("DATEOFBIRTH").0, [Kind::BirthDate], "run together by OCR");
        assert_eq!(leading_labels("NATIONALTY").0, [Kind::Nationality], "one letter misread");
        assert_eq!(leading_labels("HAMBURG").0, []);
        assert_eq!(leading_labels("NUMBERNUMÉRO").0, [Kind::DocumentNumber], "two languages run together");
        assert_eq!(leading_labels("EXPIEXP").0, [Kind::ExpiryDate]);
        assert_eq!(leading_labels("CLASSICATÉGORIE").0, [Kind::Class]);
        assert_eq!(leading_labels("KOWALSKI").0, []);
        assert_eq!(leading_labels("NOM/Sumame").0, [Kind::Surname], "rn read as m");
        assert_eq!(leading_labels("Prüimek/Sumame").0, [Kind::Surname]);
        // Turkish and Indonesian captions (labels.json), as the cards print them.
        assert_eq!(leading_labels("Soyadı / Surname").0, [Kind::Surname]);
        assert_eq!(leading_labels("Doğum Tarihi / Date of Birth").0, [Kind::BirthDate]);
        assert_eq!(leading_labels("Son Geçerlilik / Valid Until").0, [Kind::ExpiryDate]);
        let (kinds, words) = leading_labels("T.C. Kimlik No / TR Identity No 12345678950");
        assert_eq!(
            (kinds, words),
            (vec![Kind::PersonalNumber], 7),
            "both captions (T.C. read as one word), then the value"
        );
        assert_eq!(leading_labels("Jenis Kelamin").0, [Kind::Sex]);
        assert_eq!(leading_labels("Berlaku Hingga").0, [Kind::ExpiryDate]);
        assert_eq!(leading_labels("Anne Adı").0, [Kind::Other], "the mother's name is not the holder's");
    }

    #[test]
    fn a_number_in_groups_of_three_is_no_field_number_and_garbled_name_labels_are_near_ones() {
        assert_eq!(field_number("17 302 551", Numbering::Aamva), None);
        assert_eq!(field_number("17 165 lb", Numbering::Aamva).map(|f| f.0), Some(Kind::Weight));
        for garbled in ["NAMIE", "SRNASE", "LASTNAMF", "GIVENNAMFS"] {
            assert!(near_name_label(garbled), "{garbled}");
        }
        for name in ["JAMES", "NAME", "DAVIES", "SURNAME", "OKAFOR"] {
            assert!(!near_name_label(name), "{name}");
        }
    }

    #[test]
    fn garbled_us_label_lines_have_label_words_and_names_do_not() {
        for label in ["ENP DATE", "DATE GF RTH", "FIRST MIDOLE", "ORVER LCENSE NO", "EXPODATE", "ISSDATE"] {
            assert!(has_label_words(label), "{label}");
        }
        for name in ["WRIGHT", "RIDDLE", "HUMBER", "DWAYNE MATTHEW", "Ben Youssef", "MIDDLETON", "ANDRESS"] {
            assert!(!has_label_words(name), "{name}");
        }
        assert_eq!(leading_labels("4a ISS DATE".split_once(' ').unwrap().1), (vec![Kind::IssueDate], 2));
        assert_eq!(leading_labels("FIRST MIDDLE").0, [Kind::GivenNames]);
        assert_eq!(leading_labels("DRIVER LICENSE NO.").0, [Kind::DocumentNumber]);
        assert_eq!(leading_labels("DRIVER LICENSE").0, [], "the card's title is no label");
    }

    #[test]
    fn the_value_after_a_label_keeps_its_case_and_accents() {
        let (kinds, n) = leading_labels("DOB: 02/23/1991");
        assert_eq!(kinds, [Kind::BirthDate]);
        assert_eq!(after_labels("DOB: 02/23/1991", n), "02/23/1991");
        let text = "Nom/Surname DVOŘÁK";
        let (kinds, n) = leading_labels(text);
        assert_eq!(kinds, [Kind::Surname]);
        assert_eq!(after_labels(text, n), "DVOŘÁK");
        assert!(is_only_labels("Given names / Prénoms"));
        assert!(!is_only_labels("LN JONES"));
    }

    #[test]
    fn field_numbers_are_read_tolerantly_and_per_numbering() {
        assert_eq!(field_number("1. HOLZAPFEL", Numbering::Iso18013), Some((Kind::Surname, "HOLZAPFEL".into())));
        assert_eq!(field_number("4d DLN 123456", Numbering::Aamva).map(|x| x.0), Some(Kind::DocumentNumber));
        assert_eq!(field_number("40 DLN 123456", Numbering::Aamva).map(|x| x.0), Some(Kind::DocumentNumber));
        assert_eq!(field_number("1AL-FARSI", Numbering::Aamva), Some((Kind::Surname, "AL-FARSI".into())));
        assert_eq!(field_number("2ND AVE", Numbering::Aamva), None);
        assert_eq!(field_number("INDIANA", Numbering::Aamva), None);
        assert_eq!(field_number("5.35308498", Numbering::Iso18013), Some((Kind::DocumentNumber, "35308498".into())));
        assert_eq!(field_number("3.29.03.1986 HELSINKI", Numbering::Iso18013).map(|x| x.0), Some(Kind::BirthDate));
        assert_eq!(field_number("17.07.1949 HAMBURG", Numbering::Iso18013), None);
        assert_eq!(field_number("44  UA671751S", Numbering::Aamva).map(|x| x.0), Some(Kind::DocumentNumber));
        assert_eq!(field_number("40 MAIN ST", Numbering::Aamva), None);
        assert_eq!(field_number("1ST.JOHN", Numbering::Aamva), Some((Kind::Surname, "ST.JOHN".into())));
        assert_eq!(field_number("4d. 850101-1234", Numbering::Iso18013).map(|x| x.0), Some(Kind::PersonalNumber));
        assert_eq!(field_number("5. AB123456", Numbering::Iso18013).map(|x| x.0), Some(Kind::DocumentNumber));
        assert_eq!(field_number("5 DD 12345", Numbering::Aamva).map(|x| x.0), Some(Kind::Discriminator));
        assert_eq!(field_number("l THOMPSON", Numbering::Aamva).map(|x| x.0), Some(Kind::Surname));
        assert_eq!(field_number("1985", Numbering::Aamva), None);
        assert_eq!(field_number("44WDLB12345", Numbering::Aamva), Some((Kind::DocumentNumber, "WDLB12345".into())));
        assert_eq!(field_number("4402 RIVER RD", Numbering::Aamva), None, "a house number");
        assert_eq!(field_number("4S15999877", Numbering::Aamva), Some((Kind::DocumentNumber, "S15999877".into())));
        assert_eq!(field_number("12/31/2023", Numbering::Aamva), None);
        assert_eq!(field_number("17.07.1949 HAMBURG", Numbering::Iso18013), None, "a date, not field 17");
        assert_eq!(field_number("15 SEX M", Numbering::Iso18013), None, "ISO numbers stop at 12");
        assert_eq!(date_label("EXPE", Numbering::Aamva), Some(Kind::ExpiryDate));
        assert_eq!(date_label("D0B", Numbering::Aamva), Some(Kind::BirthDate));
        assert_eq!(date_label("4b", Numbering::Iso18013), Some(Kind::ExpiryDate));
    }

    #[test]
    fn headers_are_titles_countries_and_states_never_single_name_words() {
        assert!(has_header_words("REPUBLIC OF KOREA", false));
        assert!(has_header_words("FÜHRERSCHEIN", false));
        assert!(has_header_words("WASHINGTON DRIVER LICENSE", false));
        assert!(has_header_words("DRIVER UCENSE", false), "LI read as U");
        assert!(has_header_words("DRIVERUICENSE", false), "its space lost too");
        assert!(!has_header_words("FITZPATRICKHUGHES", false));
        assert!(has_header_words("MARYLAND", true));
        assert!(has_header_words("QUÉBEC", true));
        assert!(has_header_words("NEW YORK STATE", true));
        assert!(!has_header_words("YORK", true), "a surname");
        assert!(!has_header_words("MARYLAND", false), "states only where asked");
        assert!(!has_header_words("VAN DER BERGH", true));
        assert!(has_header_words("KONINKRIK DERNEDERLANDEN", false));
        assert!(has_header_words("RENTIFICATION CARD", false), "a very long header word two letters off");
        assert!(!has_header_words("FITZPATRICK-HUGHES", false));
        assert!(has_header_words("KYPIAKH AHMOKPATIA", false), "Greek read as Latin look-alikes");
        assert!(!has_header_words("PAPADOPOULOS", false));
        assert!(!has_header_words("CHRISTODOULOU", false));
    }
}
