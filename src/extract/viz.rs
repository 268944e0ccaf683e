//! The visual inspection zone (printed fields): label/value pairing by line geometry, with positional fallbacks
//! for the layouts whose labels are too small to read.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates::{DayOrder, find_dates};
use super::names::{looks_like_name, strip_accents};
use super::numbers;
use crate::kyc::IdType;
use crate::ocr::OcrLine;

/// A value read from the printed zone, with the weakest character confidence behind it and whether a label (or a
/// self-checking format) identified it.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub value: String,
    pub confidence: f32,
    pub labelled: bool,
}

#[derive(Clone, Debug, Default)]
pub struct VizFields {
    pub birth_date: Option<Read>,
    pub issue_date: Option<Read>,
    pub expire_date: Option<Read>,
    pub last_name: Option<Read>,
    pub first_name: Option<Read>,
    pub gender: Option<Read>,
    pub nationality: Option<Read>,
    pub document_number: Option<Read>,
    pub identity_number: Option<Read>,
    /// Every printed line that could be a name (for matching MRZ names with their accented printed forms).
    pub name_lines: Vec<(String, f32)>,
    /// All dates seen, for cross-checking the MRZ.
    pub all_dates: Vec<NaiveDate>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DateRole {
    Birth,
    Issue,
    Expiry,
    /// Visas' "valid from": reported as the issue date when no issue date is printed, never confirmed as one.
    ValidFrom,
}

/// Upper-case and accent-free, for label matching.
fn key(text: &str) -> String {
    strip_accents(text).replace(' ', "")
}

fn key_spaced(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars().flat_map(char::to_uppercase) {
        s.push(c);
    }
    s
}

fn date_role_from_label(label: &str) -> Option<DateRole> {
    let k = key(label);
    let raw = key_spaced(label);
    // Issue first: Spanish "EXPEDICION" is an issue date, though it starts like "EXP".
    const ISSUE: &[&str] = &[
        "ISSUE", "ISS", "DELIVR", "AUSSTELL", "EXPEDI", "RILASC", "EMISS", "AFGIFTE", "UITGIFTE", "VALIDFROM",
        "DATEOFIS", "EMITID",
    ];
    const EXPIRY: &[&str] = &[
        "EXPIR", "EXP", "GULTIG", "ABLAUF", "CADUC", "VALIDEZ", "SCADENZA", "VERVAL", "GELDIG", "VALIDADE",
        "VALIDUNTIL", "VALIDTO", "VALABLE", "UNTIL", "VALIDTHRU",
    ];
    const BIRTH: &[&str] = &["BIRTH", "DOB", "NAISS", "GEBURT", "NACIM", "NASC", "GEBOORTE", "GEB.", "BORN"];
    // "Place of issue/birth" labels a place, not the date next to it.
    if ["PLACE", "LUGAR", "LIEU", "LUOGO"].iter().any(|w| k.contains(w)) {
        return None;
    }
    if ["VALIDFROM", "APARTIR", "VALABLEDU", "GULTIGAB", "VALIDODESDE"].iter().any(|w| k.contains(w)) {
        return Some(DateRole::ValidFrom);
    }
    if BIRTH.iter().any(|w| k.contains(w)) {
        return Some(DateRole::Birth);
    }
    if ISSUE.iter().any(|w| k.contains(w)) || raw.trim_start().starts_with("4A") {
        return Some(DateRole::Issue);
    }
    if EXPIRY.iter().any(|w| k.contains(w)) || raw.trim_start().starts_with("4B") {
        return Some(DateRole::Expiry);
    }
    if raw.trim_start().starts_with("3.") {
        return Some(DateRole::Birth);
    }
    None
}

/// Text that labels line `i`: what precedes the value on its own line, and the nearest line just above that
/// overlaps it horizontally (labels sit above values on most cards).
fn label_context(lines: &[OcrLine], i: usize, prefix: &str) -> String {
    let me = &lines[i];
    let (x0, x1) = x_range(me);
    let top = me.r#box[0].y.min(me.r#box[1].y);
    let mut best: Option<(f32, &OcrLine)> = None;
    for (j, other) in lines.iter().enumerate() {
        if j == i {
            continue;
        }
        let (ox0, ox1) = x_range(other);
        let bottom = other.r#box[2].y.max(other.r#box[3].y);
        let gap = top - bottom;
        let overlap = x1.min(ox1) - x0.max(ox0);
        if gap > -me.height * 0.3 && gap < me.height * 1.5 && overlap > 0.0 && other.row < me.row {
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, other));
            }
        }
    }
    let above = best.map(|(_, l)| l.text.as_str()).unwrap_or("");
    format!("{prefix} | {above}")
}

fn x_range(l: &OcrLine) -> (f32, f32) {
    let xs = l.r#box.iter().map(|p| p.x);
    (xs.clone().fold(f32::MAX, f32::min), xs.fold(f32::MIN, f32::max))
}

fn min_conf(l: &OcrLine) -> f32 {
    l.char_confidences.iter().copied().fold(1.0, f32::min)
}

/// Words that mark a line as a heading, label or other non-name text.
const NOT_A_NAME: &[&str] = &[
    "REPUBLIC", "REPUBLIQUE", "REPUBLIK", "REPUBBLICA", "REPUBLICA", "KINGDOM", "KONINKRIJK", "KONIGREICH", "STATE",
    "GOVERNMENT", "MINISTRY", "PASSPORT", "PASSEPORT", "PASAPORTE", "PASSAPORTO", "REISEPASS", "PASPOORT",
    "LICENCE", "LICENSE", "DRIVER", "DRIVERS", "DRIVING", "PERMIS", "CONDUIRE", "FUHRERSCHEIN", "PATENTE", "GUIDA",
    "RIJBEWIJS", "PERMISO", "CONDUCCION", "CONDUCIR", "IDENTITY", "IDENTITE", "IDENTIDAD", "IDENTITA",
    "IDENTITEITSKAART", "PERSONALAUSWEIS", "CARD", "CARTE", "TARJETA", "CARTA", "RESIDENT", "RESIDENCE",
    "REGISTRATION", "VISA", "FEMALE", "MALE", "INDIA", "CANADA", "ONTARIO", "USA", "UNITED", "DEUTSCHLAND",
    "BUNDESREPUBLIK", "NEDERLANDEN", "ESPANA", "ITALIANA", "FRANCAISE", "EUROPEAN", "UNION", "AADHAAR",
    "ADDRESS", "SEX", "SEXE", "NATIONALITY", "CLASS", "SIGNATURE", "AUTHORITY", "PREFECTURE", "MAYOR", "BUSINESS",
    "DAYS", "REMARKS", "OFFICE", "SURNAME", "NAME", "NAMES", "GIVEN", "NOM", "NOMS", "PRENOMS", "PRENOM", "TYPE",
    "CODE", "DATE", "COUNTRY", "PLACE", "HEIGHT", "EYES", "ENTRIES", "DURATION", "STAY", "VALID", "OF", "AND",
    "NUMBER", "NUMERO", "KOREA", "NEW", "YORK", "LETTONIE", "LATVIA", "DOCUMENT", "TRAVEL", "SPECIMEN", "POLICE",
    "NEDERLANDSE", "CANADIAN", "CANADIENNE", "DEUTSCH", "BRITISH", "CITIZEN", "KOREAN", "INDIAN", "UTOPIAN",
    "UTOPIA", "FRANCE", "ITALIA", "ESPANOLA", "ESPANOLA", "DRIVE", "AUTO", "CATEGORIES", "ENDORSEMENTS", "DONOR",
    "VETERAN", "ISSUED", "AT", "AAM", "AADMI", "ADHIKAR", "FOREIGN", "AFFAIRS", "DIRECTION", "INTERIOR",
];

/// Within one edit (substitution, insertion or deletion) of each other.
fn near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

fn is_name_candidate(text: &str) -> bool {
    if !looks_like_name(text) {
        return false;
    }
    let k = strip_accents(text);
    let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
    // Headings, also misread by a letter or run together ("KONINKRIK DERNEDERLANDEN").
    // Fuzzy matching only for long headings: a short one sits inside real names (FRANCE in FRANCESCO), and a few
    // are one letter away from one (FRANCAISE and FRANCOISE), so those match exactly only.
    const EXACT_ONLY: &[&str] = &["FRANCAISE", "FRANCAIS"];
    let heading = words.iter().any(|w| {
        NOT_A_NAME.iter().any(|s| {
            *s == *w
                || (s.len() >= 8 && !EXACT_ONLY.contains(s) && (near(s, w) || (w.len() > s.len() && w.contains(s))))
        })
    });
    // A lone two-letter capital code is a country badge ("NL", "UK" on EU licences), not a name.
    let badge = words.len() == 1 && words[0].len() <= 2;
    !heading && !badge && k.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Nationality words and names printed on documents, to ISO 3166-1 alpha-3.
pub fn nationality_from_word(text: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("NEDERLANDSE", "NLD"), ("DUTCH", "NLD"), ("NETHERLANDS", "NLD"), ("FRANCAISE", "FRA"), ("FRANCAIS", "FRA"),
        ("FRENCH", "FRA"), ("CANADIAN", "CAN"), ("CANADIENNE", "CAN"), ("DEUTSCH", "DEU"), ("GERMAN", "DEU"),
        ("ITALIANA", "ITA"), ("ITALIANO", "ITA"), ("ITALIAN", "ITA"), ("ESPANOLA", "ESP"), ("ESPANOL", "ESP"),
        ("SPANISH", "ESP"), ("BRITISH", "GBR"), ("KOREAN", "KOR"), ("REPUBLICOFKOREA", "KOR"), ("INDIAN", "IND"),
        ("AMERICAN", "USA"), ("UTOPIAN", "UTO"), ("AUSTRALIAN", "AUS"), ("SUOMI", "FIN"), ("FINNISH", "FIN"),
        ("ICELANDIC", "ISL"), ("ISLENSKUR", "ISL"), ("POLSKIE", "POL"), ("POLISH", "POL"), ("CESKA", "CZE"),
        ("CZECH", "CZE"), ("MAGYAR", "HUN"), ("HUNGARIAN", "HUN"), ("EESTI", "EST"), ("ESTONIAN", "EST"),
        ("LATVIAN", "LVA"), ("LATVIJAS", "LVA"), ("LIETUVOS", "LTU"), ("LITHUANIAN", "LTU"), ("SVENSK", "SWE"),
        ("SWEDISH", "SWE"), ("PORTUGUESA", "PRT"), ("PORTUGUESE", "PRT"), ("LUXEMBOURGEOISE", "LUX"),
        ("SRPSKO", "SRB"), ("SERBIAN", "SRB"), ("LIECHTENSTEIN", "LIE"), ("TAIWAN", "TWN"), ("AZERBAIJAN", "AZE"),
        ("MAROKAS", "MAR"), ("MOROCCAN", "MAR"),
    ];
    let k = key(text).replace(['/', '-', '.', ','], "");
    for (w, code) in WORDS {
        if k.contains(w) {
            return Some(code);
        }
    }
    None
}

/// Parse the printed zone of one side.
pub fn parse(lines: &[OcrLine], id_type: IdType, country: &str, today: NaiveDate) -> VizFields {
    let order = DayOrder::for_country(country);
    let mut out = VizFields::default();

    // Dates, with roles from labels where they can be read.
    let mut dated: Vec<(NaiveDate, Option<DateRole>, f32)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let text = super::dates::normalise(&line.text);
        let mut label_start = 0;
        for found in find_dates(&line.text, order, today) {
            // The label of a date is the text between the previous date on the line and this one.
            let prefix: String = text[label_start..found.start].to_owned();
            label_start = found.end;
            let mut role = date_role_from_label(&prefix);
            if role.is_none() && prefix.trim().is_empty() {
                role = date_role_from_label(&label_context(lines, i, ""));
            }
            let conf = min_conf(line);
            if !dated.iter().any(|(d, _, _)| *d == found.date) {
                dated.push((found.date, role, conf));
            }
            out.all_dates.push(found.date);
        }
    }
    let carries_expiry = !matches!(id_type, IdType::Aadhaar | IdType::Pancard);
    let mut take = |role: DateRole| -> Option<Read> {
        let i = dated.iter().position(|(_, r, _)| *r == Some(role))?;
        let (d, _, c) = dated.remove(i);
        Some(Read { value: d.to_string(), confidence: c, labelled: true })
    };
    out.birth_date = take(DateRole::Birth);
    out.issue_date = take(DateRole::Issue);
    out.expire_date = take(DateRole::Expiry);
    if out.issue_date.is_none() {
        out.issue_date = take(DateRole::ValidFrom).map(|r| Read { labelled: false, ..r });
    }
    // Unlabelled dates by their order: the earliest is the birth date, the latest the expiry, one between the issue.
    dated.sort_by_key(|(d, _, _)| *d);
    let mut rest: Vec<(NaiveDate, f32)> = dated.iter().map(|(d, _, c)| (*d, *c)).collect();
    let read = |(d, c): (NaiveDate, f32)| Read { value: d.to_string(), confidence: c, labelled: false };
    if out.birth_date.is_none() && !rest.is_empty() {
        let first = rest[0];
        let later_than_birth = out.issue_date.iter().chain(&out.expire_date).all(|r| first.0.to_string() < r.value);
        if later_than_birth {
            out.birth_date = Some(read(rest.remove(0)));
        }
    }
    if carries_expiry && out.expire_date.is_none() && !rest.is_empty() {
        out.expire_date = Some(read(rest.pop().unwrap()));
    }
    if out.issue_date.is_none() && !rest.is_empty() {
        let limit = out.expire_date.as_ref().map(|r| r.value.clone()).unwrap_or_else(|| "9999".into());
        if let Some(pos) = rest.iter().rposition(|(d, _)| d.to_string() < limit) {
            out.issue_date = Some(read(rest.remove(pos)));
        }
    }

    // Names.
    for line in lines {
        let t = line.text.trim().trim_end_matches(',');
        if is_name_candidate(t) {
            out.name_lines.push((t.to_owned(), min_conf(line)));
        }
    }
    parse_names(lines, id_type, country, &mut out);

    // Gender.
    for (i, line) in lines.iter().enumerate() {
        let k = key_spaced(&line.text);
        let kk = key(&line.text);
        if kk.contains("SEX") || kk.contains("GESCHLECHT") || kk.contains("SEXO") || kk.contains("GESLACHT") {
            let last = k.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).next_back().unwrap_or("");
            if let Some(g) = gender_token(last)
                && k.split_whitespace().count() >= 2
            {
                out.gender = Some(Read { value: g.to_string(), confidence: min_conf(line), labelled: true });
            }
        }
        let word = k.trim();
        let g = match word {
            "FEMALE" | "WEIBLICH" | "FEMININ" | "FEMENINO" | "FEMMINILE" | "VROUW" => Some('F'),
            "MALE" | "MANNLICH" | "MÄNNLICH" | "MASCULIN" | "MASCULINO" | "MASCHILE" | "MAN" => Some('M'),
            "M" | "F" | "M/M" | "F/F" | "M/H" | "F/M" | "X" => gender_token(&word[..1]),
            _ => None,
        };
        if out.gender.is_none()
            && let Some(g) = g
        {
            let labelled = word.len() > 2 || label_context(lines, i, "").to_uppercase().contains("SEX");
            out.gender = Some(Read { value: g.to_string(), confidence: min_conf(line), labelled });
        }
    }

    // Nationality: a nationality word, or a bare three-letter code line.
    for line in lines {
        if let Some(code) = nationality_from_word(&line.text) {
            out.nationality = Some(Read { value: code.to_owned(), confidence: min_conf(line), labelled: true });
            break;
        }
    }

    // Numbers.
    parse_numbers(lines, id_type, country, &mut out);
    if let Some(rrn) = &out.identity_number
        && let Some((birth, sex, citizen)) = numbers::korean_rrn(&rrn.value)
    {
        // The resident number encodes birth date, sex and citizenship: use it to confirm or fill those fields.
        let conf = rrn.confidence;
        if out.birth_date.is_none() {
            out.birth_date = Some(Read { value: birth.to_string(), confidence: conf, labelled: false });
        }
        if out.gender.is_none() {
            out.gender = Some(Read { value: sex.to_string(), confidence: conf, labelled: false });
        }
        if citizen && out.nationality.is_none() {
            out.nationality = Some(Read { value: "KOR".into(), confidence: conf, labelled: true });
        }
    }
    out
}

fn gender_token(s: &str) -> Option<char> {
    match s.trim() {
        "M" | "H" => Some('M'),
        "F" | "W" | "V" => Some('F'),
        "X" => Some('X'),
        _ => None,
    }
}

fn parse_names(lines: &[OcrLine], id_type: IdType, country: &str, out: &mut VizFields) {
    let read = |v: &str, l: &OcrLine, labelled: bool| Read { value: v.trim().to_owned(), confidence: min_conf(l), labelled };
    // Labelled values on the same line: "LN WILSON", "FN MICHAEL", "SURNAME: X".
    for line in lines {
        let t = line.text.trim();
        let mut words = t.splitn(2, [' ', ':']);
        let (Some(label), Some(value)) = (words.next(), words.next()) else { continue };
        let value = value.trim_start_matches([':', ' ']);
        if !looks_like_name(value) {
            continue;
        }
        match label.to_uppercase().as_str() {
            "LN" | "SURNAME" | "NACHNAME" | "APELLIDOS" | "COGNOME" => out.last_name = Some(read(value, line, true)),
            "FN" | "GIVEN" | "VORNAME" | "VORNAMEN" | "NOMBRE" => out.first_name = Some(read(value, line, true)),
            _ => {}
        }
    }
    // Driving licences number their fields (ISO/IEC 18013, AAMVA): "1. SURNAME", "2 GIVEN NAMES"; a field number
    // alone on its line labels the next line.
    if id_type == IdType::DriversLicense {
        for (i, line) in lines.iter().enumerate() {
            let t = line.text.trim();
            for (number, slot) in [("1", 0), ("2", 1)] {
                let Some(rest) = t.strip_prefix(number) else { continue };
                if rest.starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic()) {
                    continue;
                }
                let rest = rest.trim_start_matches(['.', ' ', ':']);
                let (value, from) = if rest.is_empty() {
                    match lines.get(i + 1) {
                        Some(next) => (next.text.trim().to_owned(), next),
                        None => continue,
                    }
                } else {
                    (rest.to_owned(), line)
                };
                let value = value.trim_end_matches(',').to_owned();
                if !looks_like_name(&value.replace('.', "")) || !is_name_candidate(&value.replace('.', "")) {
                    continue;
                }
                let r = Some(read(&value, from, true));
                if slot == 0 && out.last_name.is_none() {
                    out.last_name = r;
                } else if slot == 1 && out.first_name.is_none() {
                    out.first_name = r;
                }
            }
        }
        if out.last_name.is_some() && out.first_name.is_some() {
            return;
        }
    }
    if out.last_name.is_some() && out.first_name.is_some() {
        return;
    }
    let candidates: Vec<&OcrLine> = lines.iter().filter(|l| is_name_candidate(l.text.trim().trim_end_matches(','))).collect();
    // "SURNAME, GIVEN NAMES" (North American licences).
    for (k, l) in candidates.iter().enumerate() {
        let t = l.text.trim();
        if let Some((sur, given)) = t.split_once(',') {
            out.last_name = Some(read(sur, l, true));
            if looks_like_name(given) {
                out.first_name = Some(read(given, l, true));
            } else if let Some(next) = candidates.get(k + 1) {
                out.first_name = Some(read(&next.text, next, false));
            }
            return;
        }
    }
    let Some(first) = candidates.first() else { return };
    let single_line_full_name = country == "KOR" || country == "IND" || id_type == IdType::Aadhaar;
    if single_line_full_name {
        let words: Vec<&str> = first.text.split_whitespace().collect();
        if words.len() < 2 {
            return;
        }
        // Korean cards print the family name first; Indian cards print it last.
        let (sur, given) = if country == "KOR" {
            (words[0].to_owned(), words[1..].join(" "))
        } else {
            (words[words.len() - 1].to_owned(), words[..words.len() - 1].join(" "))
        };
        out.last_name = Some(read(&sur, first, false));
        out.first_name = Some(read(&given, first, false));
    } else if candidates.len() >= 2 {
        // Surname line, then given-names line (EU licences' fields 1 and 2, passports' data pages).
        out.last_name = Some(read(&first.text, first, false));
        out.first_name = Some(read(&candidates[1].text, candidates[1], false));
    }
}

fn parse_numbers(lines: &[OcrLine], id_type: IdType, country: &str, out: &mut VizFields) {
    let read = |v: String, l: &OcrLine, labelled: bool| Read { value: v, confidence: min_conf(l), labelled };
    for line in lines {
        let t = line.text.trim();
        // Korean resident registration number.
        if let Some(m) = find(&KOREAN_RRN, t) {
            out.identity_number = Some(read(m.clone(), line, true));
            out.document_number = Some(read(m, line, true));
            return;
        }
        // Aadhaar: three groups of four digits, Verhoeff-checked.
        if let Some(m) = find(&AADHAAR, t) {
            let digits: String = m.chars().filter(char::is_ascii_digit).collect();
            let ok = numbers::valid_aadhaar(&digits);
            out.identity_number = Some(read(digits.clone(), line, ok));
            out.document_number = Some(read(digits, line, ok));
            return;
        }
        if id_type == IdType::DriversLicense {
            let upper = t.to_uppercase();
            // AAMVA field 4d: "4d DLN D12345678", "4dLIC#WDLABCD456DG 9CLASS B".
            if let Some(rest) = upper.strip_prefix("4D") {
                let rest = rest.trim_start_matches(['.', ' ', ':']);
                let rest = ["DLN", "LIC#", "LIC", "DL", "NO."]
                    .iter()
                    .find_map(|l| rest.strip_prefix(l))
                    .unwrap_or(rest)
                    .trim_start_matches([' ', ':', '#']);
                let v: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                if v.len() >= 5 && v.chars().any(|c| c.is_ascii_digit()) {
                    out.document_number = Some(read(v, line, true));
                    return;
                }
            }
            // US licences: "DL 600156443", "LIC# ...", "NO. ...".
            for label in ["DL ", "DLN ", "LIC ", "LIC# ", "LIC#", "NO. ", "NO ", "5. ", "5 "] {
                if label.starts_with('5') && matches!(country, "USA" | "CAN") {
                    // AAMVA field 5 is the document discriminator, not the licence number.
                    continue;
                }
                if let Some(rest) = upper.strip_prefix(label) {
                    let v: String = rest.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                    if v.chars().filter(char::is_ascii_digit).count() >= 4 {
                        out.document_number = Some(read(v, line, true));
                        return;
                    }
                }
            }
            if country == "USA" {
                continue;
            }
            // Ontario-style "A1234-12345-12345".
            if let Some(m) = find(&ONTARIO_LICENCE, t) {
                out.document_number = Some(read(m, line, true));
                return;
            }
        }
    }
    if id_type == IdType::DriversLicense && out.document_number.is_none() && country != "USA" {
        // EU licences (field 5): the first line that is one alphanumeric token with enough digits and no date.
        for line in lines {
            let t = line.text.trim().trim_start_matches("5.").trim();
            let upper = t.to_uppercase();
            let is_token = upper.len() >= 6
                && upper.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && upper.chars().filter(char::is_ascii_digit).count() >= 3;
            if is_token && find_dates(t, DayOrder::DayFirst, chrono::Local::now().date_naive()).is_empty() {
                let labelled = match country {
                    "ESP" => numbers::valid_spanish_dni(&upper),
                    _ => licence_pattern(country, &upper),
                };
                out.document_number = Some(read(upper, line, labelled));
                break;
            }
        }
    }
    if out.document_number.is_none() && id_type != IdType::DriversLicense {
        // Card and passport numbers: a token of 6-12 letters/digits with at least 3 digits, first such line.
        for line in lines {
            let upper = line.text.trim().to_uppercase();
            let ok = (6..=12).contains(&upper.len())
                && upper.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && upper.chars().filter(char::is_ascii_digit).count() >= 3
                && upper.chars().any(|c| c.is_ascii_uppercase());
            if ok {
                out.document_number = Some(read(upper, line, false));
                break;
            }
        }
    }
    if out.identity_number.is_none() {
        // Personal numbers with their own checks: Spanish DNI, Dutch BSN.
        for line in lines {
            let upper = line.text.trim().to_uppercase();
            if country == "ESP" && numbers::valid_spanish_dni(&upper) {
                out.identity_number = Some(read(upper, line, true));
                break;
            }
            if country == "NLD" && numbers::valid_dutch_bsn(&upper) {
                out.identity_number = Some(read(upper, line, true));
                break;
            }
        }
    }
}

/// Licence-number shapes of the countries we have seen; a number of this shape counts as format-confirmed.
fn licence_pattern(country: &str, v: &str) -> bool {
    let re: &Regex = match country {
        "GBR" => &GBR_LICENCE,
        "NLD" => &NLD_LICENCE,
        "DEU" => &DEU_LICENCE,
        "FRA" => &FRA_LICENCE,
        "ITA" => &ITA_LICENCE,
        _ => return false,
    };
    re.is_match(v)
}

// Patterns are compiled once per process, not per line.
static KOREAN_RRN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{6}-\d{7}\b").unwrap());
static AADHAAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{4}\s\d{4}\s\d{4}\b").unwrap());
static ONTARIO_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[A-Z]\d{4}-\d{5}-\d{5}\b").unwrap());
static GBR_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}$").unwrap());
static NLD_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{10}$").unwrap());
static DEU_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z0-9]{11}$").unwrap());
static FRA_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{2}[A-Z]{2}\d{8}$").unwrap());
static ITA_LICENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[A-Z]{2}\d{7}[A-Z]$").unwrap());

fn find(re: &Regex, text: &str) -> Option<String> {
    re.find(text).map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_labels_in_several_languages_give_roles() {
        assert_eq!(date_role_from_label("Date of birth"), Some(DateRole::Birth));
        assert_eq!(date_role_from_label("DOB:"), Some(DateRole::Birth));
        assert_eq!(date_role_from_label("Fecha de expedición"), Some(DateRole::Issue));
        assert_eq!(date_role_from_label("Date d'expiration"), Some(DateRole::Expiry));
        assert_eq!(date_role_from_label("4b."), Some(DateRole::Expiry));
        assert_eq!(date_role_from_label("Iss"), Some(DateRole::Issue));
        assert_eq!(date_role_from_label("EXP"), Some(DateRole::Expiry));
        assert_eq!(date_role_from_label("HAMBURG"), None);
        assert_eq!(date_role_from_label("Place of Issue/Lugar de expedición"), None);
        assert_eq!(date_role_from_label("Valid from/Valido a partir de"), Some(DateRole::ValidFrom));
    }

    #[test]
    fn nationality_words_map_to_iso3() {
        assert_eq!(nationality_from_word("NEDERLANDSE"), Some("NLD"));
        assert_eq!(nationality_from_word("CANADIAN/CANADIENNE"), Some("CAN"));
        assert_eq!(nationality_from_word("FRANÇAISE"), Some("FRA"));
        assert_eq!(nationality_from_word("AMSTERDAM"), None);
    }

    #[test]
    fn headings_are_not_names() {
        assert!(!is_name_candidate("REPUBLIC OF KOREA"));
        assert!(!is_name_candidate("FÜHRERSCHEIN"));
        assert!(is_name_candidate("VAN DER MEER"));
        assert!(is_name_candidate("SÁNCHEZ PÉREZ"));
        assert!(!is_name_candidate("KONINKRIK DERNEDERLANDEN"));
        assert!(!is_name_candidate("NL"));
        assert!(is_name_candidate("FRANCESCO"));
        assert!(is_name_candidate("FRANÇOISE"));
        assert!(near("KONINKRIJK", "KONINKRIK"));
        assert!(!near("MULDER", "MUNDEX"));
    }

    #[test]
    fn licence_shapes_are_checked_per_country() {
        assert!(licence_pattern("GBR", "SMITH556206L99LJ"));
        assert!(licence_pattern("ITA", "NW0283577M"));
        assert!(!licence_pattern("ITA", "NW028357M"));
    }
}
