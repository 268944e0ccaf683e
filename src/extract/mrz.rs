//! Machine Readable Zone (ICAO 9303): locate the MRZ among OCR lines, parse TD1/TD2/TD3/MRV-A/MRV-B, verify the
//! check digits and repair OCR confusions only where a field's character class and its check digit agree.
//!
//! Repair is never a guess: a numeric field only maps letters that look like digits (O->0, B->8, ...), an
//! alphabetic field the reverse, and an alphanumeric field (the document number) is repaired only when exactly one
//! look-alike substitution makes its check digit pass (and, where the format has one, the composite digit too).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MrzFormat {
    #[serde(rename = "TD1")]
    Td1,
    #[serde(rename = "TD2")]
    Td2,
    #[serde(rename = "TD3")]
    Td3,
    #[serde(rename = "MRV-A")]
    MrvA,
    #[serde(rename = "MRV-B")]
    MrvB,
    /// French national ID card 1988-2021: 2x36, not ICAO (surname on line 1, number + given names on line 2).
    #[serde(rename = "FRA-CNI")]
    FraCni,
}

impl MrzFormat {
    pub fn line_len(self) -> usize {
        match self {
            MrzFormat::Td1 => 30,
            MrzFormat::Td2 | MrzFormat::MrvB | MrzFormat::FraCni => 36,
            MrzFormat::Td3 | MrzFormat::MrvA => 44,
        }
    }
    pub fn line_count(self) -> usize {
        if self == MrzFormat::Td1 { 3 } else { 2 }
    }
}

/// Result of each check digit: `None` when the format has no such digit (or the field is empty and unchecked).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Checks {
    pub document_number: bool,
    pub birth_date: bool,
    pub expiry_date: bool,
    pub optional: Option<bool>,
    pub composite: Option<bool>,
}

impl Checks {
    pub fn all_pass(&self) -> bool {
        self.document_number
            && self.birth_date
            && self.expiry_date
            && self.optional.unwrap_or(true)
            && self.composite.unwrap_or(true)
    }
}

/// A parsed MRZ. Dates are `None` when the digits do not form a calendar date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mrz {
    pub format: MrzFormat,
    pub lines: Vec<String>,
    pub document_code: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    /// True when the name field ran to the end of its line (ICAO truncation may have cut it).
    pub name_truncated: bool,
    pub document_number: String,
    pub nationality: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<char>,
    pub expiry_date: Option<NaiveDate>,
    /// Personal number (TD3 optional field, or the TD1/TD2 optional data when it looks like one).
    pub personal_number: Option<String>,
    pub checks: Checks,
    /// Characters changed by repair (position-independent count).
    pub repairs: usize,
}

/// ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A-Z as 10-35, `<` as 0.
pub fn check_digit(field: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in field.chars().enumerate() {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += v * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8)
}

fn digit_matches(field: &str, digit: char) -> bool {
    match (check_digit(field), digit) {
        (Some(d), '0'..='9') => d == digit as u8 - b'0',
        // `<` as a check digit means the (empty) field is unchecked; ICAO allows it for optional data.
        (Some(0), '<') => field.chars().all(|c| c == '<'),
        _ => false,
    }
}

/// Map characters that OCR produces for the MRZ filler and common look-alikes to the MRZ alphabet.
pub fn normalise_mrz_text(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '«' | '‹' | '《' | '〈' | 'く' | '<' | '＜' | '∠' | '≤' | '{' | '(' | '[' => '<',
            c => c.to_ascii_uppercase(),
        })
        .map(|c| match c {
            'Ö' | 'Ó' | 'Ò' | 'Ô' => 'O',
            'Ü' | 'Ú' => 'U',
            'Ä' | 'Á' | 'À' => 'A',
            'É' | 'È' | 'Ê' => 'E',
            'Í' | 'Ì' => 'I',
            c => c,
        })
        .collect()
}

/// Share of a string made of MRZ characters, and how MRZ-like it is.
pub fn looks_like_mrz(s: &str) -> bool {
    let n = s.chars().count();
    if n < 20 {
        return false;
    }
    let valid = s.chars().filter(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '<').count();
    let fillers = s.chars().filter(|&c| c == '<').count();
    valid as f32 / n as f32 >= 0.9 && (fillers >= 2 || (n >= 28 && s.chars().filter(char::is_ascii_digit).count() >= 8))
}

const TO_DIGIT: &[(char, char)] = &[
    ('O', '0'), ('Q', '0'), ('D', '0'), ('U', '0'), ('I', '1'), ('L', '1'), ('T', '1'), ('Z', '2'), ('S', '5'),
    ('G', '6'), ('B', '8'), ('A', '4'),
];
const TO_ALPHA: &[(char, char)] = &[('0', 'O'), ('1', 'I'), ('2', 'Z'), ('5', 'S'), ('6', 'G'), ('8', 'B'), ('4', 'A')];

/// Map characters through a look-alike table; returns the text and how many characters changed.
fn map_chars(s: &str, table: &[(char, char)]) -> (String, usize) {
    let mut n = 0;
    let out = s
        .chars()
        .map(|c| match table.iter().find(|(a, _)| *a == c) {
            Some(&(_, d)) => {
                n += 1;
                d
            }
            None => c,
        })
        .collect();
    (out, n)
}

fn to_digits(s: &str) -> (String, usize) {
    map_chars(s, TO_DIGIT)
}

fn to_alpha(s: &str) -> (String, usize) {
    map_chars(s, TO_ALPHA)
}

/// One check-digit character as a digit (O -> 0, ...).
fn digit_char(c: char) -> char {
    TO_DIGIT.iter().find(|(a, _)| *a == c).map_or(c, |&(_, d)| d)
}

/// Alternatives an OCR may have confused a character with, in the other character class.
fn look_alikes(c: char) -> &'static [char] {
    match c {
        '0' => &['O', 'D', 'Q'],
        'O' | 'D' | 'Q' => &['0'],
        '1' => &['I', 'L', 'J'],
        'I' | 'L' | 'J' => &['1'],
        '2' => &['Z'],
        'Z' => &['2'],
        '5' => &['S'],
        'S' => &['5'],
        '6' => &['G'],
        'G' => &['6'],
        '8' => &['B'],
        'B' => &['8'],
        '<' => &['K'],
        'K' => &['<'],
        _ => &[],
    }
}

/// All variants of `field` with exactly one look-alike substituted, that satisfy `ok`.
fn single_substitutions(field: &str, ok: impl Fn(&str) -> bool) -> Vec<String> {
    let chars: Vec<char> = field.chars().collect();
    let mut found = Vec::new();
    for i in 0..chars.len() {
        for &alt in look_alikes(chars[i]) {
            let mut v = chars.clone();
            v[i] = alt;
            let s: String = v.into_iter().collect();
            if ok(&s) {
                found.push(s);
            }
        }
    }
    found
}

/// Fix a line's length: surplus or missing characters are taken from / given to its longest run of fillers, which
/// is where OCR drops or doubles them; a line without fillers is cut or padded at its end.
fn fit_length(line: &str, len: usize) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    while chars.len() != len {
        let (mut best_start, mut best_len, mut i) = (None, 0, 0);
        while i < chars.len() {
            if chars[i] == '<' {
                let start = i;
                while i < chars.len() && chars[i] == '<' {
                    i += 1;
                }
                if i - start >= best_len {
                    best_len = i - start;
                    best_start = Some(start);
                }
            } else {
                i += 1;
            }
        }
        match (chars.len() > len, best_start) {
            (true, Some(s)) if best_len >= 2 => {
                chars.remove(s);
            }
            (true, _) => {
                chars.pop();
            }
            (false, Some(s)) if best_len >= 2 => chars.insert(s, '<'),
            (false, _) => chars.push('<'),
        }
    }
    chars.into_iter().collect()
}

/// Guess the format from line count, lengths and the document code.
fn guess_format(lines: &[String]) -> Option<MrzFormat> {
    // The longest line decides: a name line often loses its trailing fillers to detection (they are refitted).
    let avg = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f32;
    let first = lines.first()?.chars().next()?;
    match lines.len() {
        3 if (26.0..=34.0).contains(&avg) => Some(MrzFormat::Td1),
        2 if (26.0..=34.0).contains(&avg) && is_td1_lower_half(lines) => Some(MrzFormat::Td1),
        2 if (40.0..=48.0).contains(&avg) => Some(if first == 'V' { MrzFormat::MrvA } else { MrzFormat::Td3 }),
        2 if (32.0..40.0).contains(&avg) && lines[0].starts_with("IDFRA") => Some(MrzFormat::FraCni),
        2 if (32.0..40.0).contains(&avg) => Some(if first == 'V' { MrzFormat::MrvB } else { MrzFormat::Td2 }),
        _ => None,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Alpha,
    Digit,
    Alnum,
}

/// Character class of every position of every line of a format (ICAO 9303 parts 4-6).
fn classes(format: MrzFormat) -> Vec<Vec<Class>> {
    use Class::*;
    let spans = |len: usize, spans: &[(usize, usize, Class)]| {
        let mut v = vec![Alnum; len];
        for &(a, b, c) in spans {
            v[a..b].iter_mut().for_each(|x| *x = c);
        }
        v
    };
    let len = format.line_len();
    let name_line = spans(len, &[(0, len, Alpha)]);
    match format {
        MrzFormat::Td1 => vec![
            spans(30, &[(0, 5, Alpha), (5, 14, Alnum), (14, 15, Digit), (15, 30, Alnum)]),
            spans(30, &[(0, 7, Digit), (7, 8, Alpha), (8, 15, Digit), (15, 18, Alpha), (18, 29, Alnum), (29, 30, Digit)]),
            name_line,
        ],
        MrzFormat::Td3 => vec![
            name_line,
            spans(44, &[(9, 10, Digit), (10, 13, Alpha), (13, 20, Digit), (20, 21, Alpha), (21, 28, Digit), (42, 44, Digit)]),
        ],
        MrzFormat::Td2 => vec![
            name_line,
            spans(36, &[(9, 10, Digit), (10, 13, Alpha), (13, 20, Digit), (20, 21, Alpha), (21, 28, Digit), (35, 36, Digit)]),
        ],
        MrzFormat::FraCni => vec![
            spans(36, &[(0, 30, Alpha)]),
            spans(36, &[(12, 13, Digit), (13, 27, Alpha), (27, 34, Digit), (34, 35, Alpha), (35, 36, Digit)]),
        ],
        MrzFormat::MrvA | MrzFormat::MrvB => vec![
            name_line,
            spans(len, &[(9, 10, Digit), (10, 13, Alpha), (13, 20, Digit), (20, 21, Alpha), (21, 28, Digit)]),
        ],
    }
}

/// Map look-alike characters to the class each position allows (O->0 in a date, 0->O in a name or country code);
/// alphanumeric positions are left as read. Returns the lines and how many characters changed.
pub fn grammar_normalise(format: MrzFormat, lines: &[String]) -> (Vec<String>, usize) {
    let mut changed = 0;
    let out = lines
        .iter()
        .zip(classes(format))
        .map(|(line, classes)| {
            line.chars()
                .zip(classes.iter().chain(std::iter::repeat(&Class::Alnum)))
                .map(|(c, class)| {
                    let mapped = match class {
                        Class::Digit => digit_char(c),
                        Class::Alpha => TO_ALPHA.iter().find(|(a, _)| *a == c).map_or(c, |&(_, d)| d),
                        Class::Alnum => c,
                    };
                    changed += usize::from(mapped != c);
                    mapped
                })
                .collect()
        })
        .collect();
    (out, changed)
}

/// Lines 2 and 3 of a TD1 MRZ whose first line was lost (glare, a finger, the card edge): dates and sex, then the
/// name line.
fn is_td1_lower_half(lines: &[String]) -> bool {
    let digits = lines[0].chars().take(15).filter(|c| c.is_ascii_digit()).count();
    let name_line = lines[1].contains("<<") && lines[1].chars().all(|c| c.is_ascii_uppercase() || c == '<' || c == '0');
    digits >= 12 && name_line
}

/// Parse MRZ lines that OCR produced (normalised with [`normalise_mrz_text`]), repairing what the check digits
/// confirm. Returns `None` when the lines do not have the shape of any MRZ.
pub fn parse(raw_lines: &[String], today: NaiveDate) -> Option<Mrz> {
    let format = guess_format(raw_lines)?;
    let mut fitted: Vec<String> = raw_lines.iter().map(|l| fit_length(l, format.line_len())).collect();
    if format == MrzFormat::Td1 && fitted.len() == 2 {
        // The first line is missing: an empty one keeps the layout; its checks fail, so nothing from it is trusted.
        fitted.insert(0, "<".repeat(30));
    }
    let (lines, changed) = grammar_normalise(format, &fitted);
    let mut mrz = match format {
        MrzFormat::Td1 => parse_td1(&lines, today),
        MrzFormat::FraCni => parse_fra_cni(&lines, today),
        _ => parse_two_line(&lines, format, today),
    };
    mrz.repairs += changed;
    Some(mrz)
}

fn sub(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b - a).collect()
}

fn char_at(s: &str, i: usize) -> char {
    s.chars().nth(i).unwrap_or('<')
}

/// A numeric field plus its check digit, repaired to digits; returns (field, check char, passes, repairs).
fn numeric_with_check(field: &str, check: char) -> (String, char, bool, usize) {
    let (f, n1) = to_digits(field);
    let c = digit_char(check);
    let ok = digit_matches(&f, c);
    (f, c, ok, n1 + usize::from(c != check))
}

fn alpha(field: &str) -> (String, usize) {
    to_alpha(field)
}

/// Document number with its check digit: as read, else the unique single look-alike substitution that passes
/// (`extra` adds a further condition, e.g. the composite digit).
fn document_number_with_check(field: &str, check: char, extra: impl Fn(&str) -> bool) -> (String, bool, usize) {
    let c = digit_char(check);
    if digit_matches(field, c) && extra(field) {
        return (field.to_owned(), true, 0);
    }
    let candidates = single_substitutions(field, |s| digit_matches(s, c) && extra(s));
    if candidates.len() == 1 {
        return (candidates[0].clone(), true, 1);
    }
    (field.to_owned(), digit_matches(field, c), 0)
}

/// Split the name field on `<<` into (surname, given names); fillers inside become spaces. OCR may read a filler
/// between fillers as K/C/E: such letters inside filler runs are fillers.
fn split_name(field: &str) -> (String, String, bool) {
    let (field, _) = alpha(field);
    let mut chars: Vec<char> = field.chars().collect();
    for i in 0..chars.len() {
        let prev = i == 0 || chars[i - 1] == '<';
        let next = i + 1 >= chars.len() || chars[i + 1] == '<';
        let next2 = i + 2 >= chars.len() || chars[i + 2] == '<';
        if matches!(chars[i], 'K' | 'C' | 'E' | 'L' | 'X') && prev && next && next2 && i > 0 {
            chars[i] = '<';
        }
    }
    let truncated = chars.last().is_some_and(|&c| c != '<');
    let cleaned: String = chars.into_iter().collect();
    let trimmed = cleaned.trim_end_matches('<');
    let (surname, given) = match trimmed.split_once("<<") {
        Some((s, g)) => (s, g),
        None => (trimmed, ""),
    };
    let tidy = |s: &str| s.split('<').filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    (tidy(surname), tidy(given), truncated)
}

/// YYMMDD to a date. Birth dates are in the past; expiry dates may be up to 50 years ahead.
pub fn mrz_date(yymmdd: &str, today: NaiveDate, is_birth: bool) -> Option<NaiveDate> {
    if yymmdd.len() != 6 || !yymmdd.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let yy: i32 = yymmdd[0..2].parse().ok()?;
    let mm: u32 = yymmdd[2..4].parse().ok()?;
    let dd: u32 = yymmdd[4..6].parse().ok()?;
    let now_yy = today.year() % 100;
    let century = today.year() - now_yy;
    let year = if is_birth {
        if yy > now_yy { century - 100 + yy } else { century + yy }
    } else if yy > (now_yy + 50) % 100 && now_yy + 50 < 100 {
        century - 100 + yy
    } else {
        century + yy
    };
    NaiveDate::from_ymd_opt(year, mm, dd)
}

/// Nationality / state codes: `D` is Germany's ICAO code; the rest are already ISO 3166-1 alpha-3 or ICAO
/// specials (UTO, XXA, ...) and are kept as read.
pub fn state_code(raw: &str) -> String {
    let (code, _) = alpha(raw);
    let trimmed = code.trim_end_matches('<');
    match trimmed {
        "D" => "DEU".to_owned(),
        _ => trimmed.to_owned(),
    }
}

fn sex(c: char) -> Option<char> {
    match c {
        'M' | 'F' => Some(c),
        '<' | 'X' | 'K' => Some('X'),
        'H' => Some('M'),
        _ => None,
    }
}

fn optional_number(s: &str) -> Option<String> {
    let t = s.trim_matches('<').replace('<', "");
    if t.is_empty() { None } else { Some(t) }
}

fn parse_two_line(lines: &[String], format: MrzFormat, today: NaiveDate) -> Mrz {
    let (l1, l2) = (&lines[0], &lines[1]);
    let len = format.line_len();
    let mut repairs = 0;
    let (state, r) = alpha(&sub(l1, 2, 5));
    repairs += r;
    let (surname, given_names, name_truncated) = split_name(&sub(l1, 5, len));
    let (birth, _, birth_ok, r1) = numeric_with_check(&sub(l2, 13, 19), char_at(l2, 19));
    let (expiry, _, expiry_ok, r2) = numeric_with_check(&sub(l2, 21, 27), char_at(l2, 27));
    repairs += r1 + r2;
    let (optional_end, has_composite) = match format {
        MrzFormat::Td3 => (42, true),
        MrzFormat::Td2 => (35, true),
        MrzFormat::MrvA => (44, false),
        _ => (36, false),
    };
    let optional_raw = sub(l2, 28, optional_end);
    let optional_check = if format == MrzFormat::Td3 {
        Some(digit_matches(&optional_raw, digit_char(char_at(l2, 42))))
    } else {
        None
    };
    let composite_digit = digit_char(char_at(l2, len - 1));
    let doc_cd = digit_char(char_at(l2, 9));
    let birth_cd = digit_char(char_at(l2, 19));
    let expiry_cd = digit_char(char_at(l2, 27));
    let composite_with = |docnum: &str| {
        let s = format!("{docnum}{doc_cd}{birth}{birth_cd}{expiry}{expiry_cd}{}", sub(l2, 28, len - 1));
        digit_matches(&s, composite_digit)
    };
    let (document_number, doc_ok, r) = document_number_with_check(&sub(l2, 0, 9), char_at(l2, 9), |s| {
        !has_composite || !(birth_ok && expiry_ok) || composite_with(s)
    });
    repairs += r;
    let composite = has_composite.then(|| composite_with(&document_number));
    let (nationality_raw, r) = alpha(&sub(l2, 10, 13));
    repairs += r;
    let personal_number = if format == MrzFormat::Td3 { optional_number(&optional_raw) } else { None };
    Mrz {
        format,
        lines: lines.to_vec(),
        document_code: sub(l1, 0, 2).trim_end_matches('<').to_owned(),
        issuing_state: state_code(&state),
        surname,
        given_names,
        name_truncated,
        document_number: document_number.trim_end_matches('<').to_owned(),
        nationality: state_code(&nationality_raw),
        birth_date: mrz_date(&birth, today, true),
        sex: sex(char_at(l2, 20)),
        expiry_date: mrz_date(&expiry, today, false),
        personal_number,
        checks: Checks {
            document_number: doc_ok,
            birth_date: birth_ok,
            expiry_date: expiry_ok,
            optional: optional_check,
            composite,
        },
        repairs,
    }
}

fn parse_td1(lines: &[String], today: NaiveDate) -> Mrz {
    let (l1, l2, l3) = (&lines[0], &lines[1], &lines[2]);
    let mut repairs = 0;
    let (state, r) = alpha(&sub(l1, 2, 5));
    repairs += r;
    let (birth, birth_cd, birth_ok, r1) = numeric_with_check(&sub(l2, 0, 6), char_at(l2, 6));
    let (expiry, expiry_cd, expiry_ok, r2) = numeric_with_check(&sub(l2, 8, 14), char_at(l2, 14));
    repairs += r1 + r2;
    let composite_digit = digit_char(char_at(l2, 29));
    let optional2 = sub(l2, 18, 29);
    let composite_with = |upper: &str| {
        let s = format!("{upper}{birth}{birth_cd}{expiry}{expiry_cd}{optional2}");
        digit_matches(&s, composite_digit)
    };
    // Upper line data (document number, its check digit, optional data) as read, else repaired.
    let upper_raw = sub(l1, 5, 30);
    let long_number = char_at(l1, 14) == '<';
    let (document_number, doc_ok, upper, r) = if long_number {
        // Long document numbers continue into the optional field; the last character before `<` is the check digit.
        let rest = sub(l1, 15, 30);
        let tail: Vec<char> = rest.chars().take_while(|&c| c != '<').collect();
        if let [body @ .., cd] = tail.as_slice()
            && !body.is_empty()
        {
            let number = format!("{}{}", sub(l1, 5, 14), body.iter().collect::<String>());
            let cd = *cd;
            let ok = digit_matches(&number, cd);
            (number, ok, upper_raw.clone(), 0)
        } else {
            (sub(l1, 5, 14), false, upper_raw.clone(), 0)
        }
    } else {
        let (num, ok, r) = document_number_with_check(&sub(l1, 5, 14), char_at(l1, 14), |s| {
            !(birth_ok && expiry_ok) || composite_with(&format!("{s}{}", sub(l1, 14, 30)))
        });
        let upper = format!("{num}{}", sub(l1, 14, 30));
        (num, ok, upper, r)
    };
    repairs += r;
    let composite = Some(composite_with(&upper));
    let (nationality_raw, r) = alpha(&sub(l2, 15, 18));
    repairs += r;
    let (surname, given_names, name_truncated) = split_name(l3);
    let optional1 = if long_number { String::new() } else { sub(l1, 15, 30) };
    Mrz {
        format: MrzFormat::Td1,
        lines: lines.to_vec(),
        document_code: sub(l1, 0, 2).trim_end_matches('<').to_owned(),
        issuing_state: state_code(&state),
        surname,
        given_names,
        name_truncated,
        document_number: document_number.trim_end_matches('<').to_owned(),
        nationality: state_code(&nationality_raw),
        birth_date: mrz_date(&birth, today, true),
        sex: sex(char_at(l2, 7)),
        expiry_date: mrz_date(&expiry, today, false),
        personal_number: optional_number(&optional1).or_else(|| optional_number(&optional2)),
        checks: Checks {
            document_number: doc_ok,
            birth_date: birth_ok,
            expiry_date: expiry_ok,
            optional: None,
            composite,
        },
        repairs,
    }
}

/// The French 1988-2021 identity card: line 1 `IDFRA` + surname (25) + office (6); line 2 number (12) + check,
/// given names (14), birth date + check, sex, composite check over both lines. No expiry date, no nationality field
/// (the card is only issued to French nationals).
fn parse_fra_cni(lines: &[String], today: NaiveDate) -> Mrz {
    let (l1, l2) = (&lines[0], &lines[1]);
    let (surname, _, _) = split_name(&format!("{}<<", sub(l1, 5, 30).trim_end_matches('<')));
    let (given_raw, _) = alpha(&sub(l2, 13, 27));
    let given_names = given_raw.split('<').filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    let number = sub(l2, 0, 12);
    let doc_ok = digit_matches(&number, char_at(l2, 12));
    let (birth, _, birth_ok, _) = numeric_with_check(&sub(l2, 27, 33), char_at(l2, 33));
    let composite = digit_matches(&format!("{l1}{}", sub(l2, 0, 35)), char_at(l2, 35));
    Mrz {
        format: MrzFormat::FraCni,
        lines: lines.to_vec(),
        document_code: "ID".into(),
        issuing_state: "FRA".into(),
        surname,
        given_names,
        name_truncated: false,
        document_number: number,
        nationality: "FRA".into(),
        birth_date: mrz_date(&birth, today, true),
        sex: sex(char_at(l2, 34)),
        expiry_date: None,
        personal_number: None,
        checks: Checks {
            document_number: doc_ok,
            birth_date: birth_ok,
            // No expiry date in this format: nothing to fail.
            expiry_date: true,
            optional: None,
            composite: Some(composite),
        },
        repairs: 0,
    }
}

/// Find the MRZ among OCR lines (already in reading order): candidate lines are normalised, pieces of one row are
/// joined, and the last run of 2 or 3 consecutive candidates that parses is taken.
pub fn find_and_parse(lines: &[(String, usize)], today: NaiveDate) -> Option<Mrz> {
    // (text, row index) pairs: join candidates that share a row.
    let mut rows: Vec<String> = Vec::new();
    let mut last_row: Option<usize> = None;
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (text, row_index) in lines {
        let norm = normalise_mrz_text(text);
        let mrz_chars = norm.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<');
        let digits = norm.chars().filter(char::is_ascii_digit).count();
        let candidate =
            looks_like_mrz(&norm) || (mrz_chars && norm.len() >= 8 && (norm.contains("<<") || digits >= 6));
        if !candidate {
            // Other text (a second column, a photo caption) may sit between MRZ rows in reading order.
            continue;
        }
        match (last_row, rows.last_mut()) {
            (Some(r), Some(row)) if r == *row_index => row.push_str(&norm),
            _ => rows.push(norm),
        }
        last_row = Some(*row_index);
    }
    if !rows.is_empty() {
        runs.push(rows);
    }
    let mut best: Option<Mrz> = None;
    for run in runs.iter().rev() {
        let run: Vec<String> = run.iter().filter(|r| r.len() >= 12).cloned().collect();
        for count in [3usize, 2] {
            if run.len() < count {
                continue;
            }
            for start in (0..=run.len() - count).rev() {
                let window = &run[start..start + count];
                // Lines of an upside-down part of the photo come in reverse reading order.
                let reversed: Vec<String> = window.iter().rev().cloned().collect();
                for candidate in [window, &reversed[..]] {
                    if let Some(m) = parse(candidate, today) {
                        let better = best.as_ref().is_none_or(|b| score(&m) > score(b));
                        if better {
                            best = Some(m);
                        }
                    }
                }
            }
        }
    }
    best
}

impl Mrz {
    /// The check digit printed for the document number (as read), for confirming a printed number against it.
    pub fn document_number_check_digit(&self) -> char {
        match self.format {
            MrzFormat::Td1 => char_at(&self.lines[0], 14),
            MrzFormat::FraCni => char_at(&self.lines[1], 12),
            _ => char_at(&self.lines[1], 9),
        }
    }

    fn document_number_width(&self) -> usize {
        if self.format == MrzFormat::FraCni { 12 } else { 9 }
    }

    /// Whether `candidate` (e.g. the number printed in the visual zone) satisfies the MRZ's document-number check
    /// digit.
    pub fn confirms_document_number(&self, candidate: &str) -> bool {
        let width = self.document_number_width();
        let field = format!("{candidate:<<width$}");
        candidate.len() <= width && digit_matches(&field, self.document_number_check_digit())
    }
}

fn score(m: &Mrz) -> u32 {
    let c = m.checks;
    [c.document_number, c.birth_date, c.expiry_date, c.composite.unwrap_or(false), c.optional.unwrap_or(false)]
        .iter()
        .filter(|&&b| b)
        .count() as u32
        * 10
        + u32::from(m.birth_date.is_some())
        + u32::from(m.expiry_date.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn check_digits_follow_icao_9303() {
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
        assert_eq!(check_digit("a"), None);
    }

    #[test]
    fn the_icao_td3_specimen_parses_with_every_check_passing() {
        let m = parse(
            &lines(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]),
            today(),
        )
        .unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert_eq!((m.surname.as_str(), m.given_names.as_str()), ("ERIKSSON", "ANNA MARIA"));
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.nationality, "UTO");
        assert_eq!(m.birth_date, date(1974, 8, 12));
        assert_eq!(m.expiry_date, date(2012, 4, 15));
        assert_eq!(m.sex, Some('F'));
        assert_eq!(m.personal_number.as_deref(), Some("ZE184226B"));
        assert!(m.checks.all_pass(), "{:?}", m.checks);
        assert_eq!(m.repairs, 0);
    }

    #[test]
    fn the_icao_td1_specimen_parses_with_every_check_passing() {
        let m = parse(
            &lines(&["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]),
            today(),
        )
        .unwrap();
        assert_eq!(m.format, MrzFormat::Td1);
        assert_eq!(m.document_number, "D23145890");
        assert_eq!(m.surname, "ERIKSSON");
        assert!(m.checks.all_pass(), "{:?}", m.checks);
    }

    #[test]
    fn the_icao_td2_and_visa_specimens_parse() {
        let td2 = parse(
            &lines(&["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]),
            today(),
        )
        .unwrap();
        assert_eq!(td2.format, MrzFormat::Td2);
        assert!(td2.checks.all_pass(), "{:?}", td2.checks);
        let mrva = parse(
            &lines(&["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"]),
            today(),
        )
        .unwrap();
        assert_eq!(mrva.format, MrzFormat::MrvA);
        assert_eq!(mrva.nationality, "XXX");
        assert_eq!(mrva.expiry_date, date(1996, 12, 10));
        assert!(mrva.checks.all_pass(), "{:?}", mrva.checks);
        let mrvb = parse(&lines(&["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"]), today())
            .unwrap();
        assert_eq!(mrvb.format, MrzFormat::MrvB);
        assert!(mrvb.checks.all_pass(), "{:?}", mrvb.checks);
    }

    #[test]
    fn letters_read_in_date_fields_are_repaired_to_digits() {
        let m = parse(
            &lines(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO74O8122F12O4159ZE184226B<<<<<1O"]),
            today(),
        )
        .unwrap();
        assert_eq!(m.birth_date, date(1974, 8, 12));
        assert!(m.checks.all_pass(), "{:?}", m.checks);
        assert!(m.repairs >= 3);
    }

    #[test]
    fn a_document_number_look_alike_is_repaired_only_when_the_check_digits_confirm_it() {
        // 'L898902C3' read as 'L8989O2C3': one substitution restores both the number and the composite digit.
        let m = parse(
            &lines(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10"]),
            today(),
        )
        .unwrap();
        assert_eq!(m.document_number, "L898902C3");
        assert!(m.checks.all_pass());
    }

    #[test]
    fn a_wrong_digit_is_caught_not_accepted() {
        let m = parse(
            &lines(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408132F1204159ZE184226B<<<<<10"]),
            today(),
        )
        .unwrap();
        assert!(!m.checks.birth_date);
        assert!(!m.checks.all_pass());
    }

    #[test]
    fn grammar_normalisation_only_touches_positions_whose_class_is_fixed() {
        let (l, n) = grammar_normalise(
            MrzFormat::Td3,
            &lines(&["P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408122F1204159ZE184226B<<<<<10"]),
        );
        assert_eq!(l[0], "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(l[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        assert_eq!(n, 2);
        // The document number is alphanumeric: an O there stays an O.
        let (l, _) = grammar_normalise(MrzFormat::Td3, &lines(&["P<UTOX<<Y", "O12345678<UTO"]));
        assert!(l[1].starts_with("O12345678"));
    }

    #[test]
    fn the_old_french_identity_card_format_is_parsed() {
        let m = parse(&lines(&["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"]), today())
            .unwrap();
        assert_eq!(m.format, MrzFormat::FraCni);
        assert_eq!((m.surname.as_str(), m.given_names.as_str()), ("BERTHIER", "CORINNE"));
        assert_eq!(m.document_number, "940992310285");
        assert_eq!(m.birth_date, date(1965, 12, 6));
        assert_eq!(m.sex, Some('F'));
        assert!(m.checks.all_pass(), "{:?}", m.checks);
    }

    #[test]
    fn fillers_read_as_k_inside_filler_runs_are_fillers() {
        let (s, g, _) = split_name("ERIKSSON<<ANNA<MARIA<<<<K<<<<<<<<<<");
        assert_eq!((s.as_str(), g.as_str()), ("ERIKSSON", "ANNA MARIA"));
    }

    #[test]
    fn a_name_line_that_lost_its_trailing_fillers_still_parses() {
        let m = parse(&lines(&["P<UTOERIKSSON<<ANNA<MARIA<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]), today()).unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert_eq!(m.given_names, "ANNA MARIA");
        assert!(m.checks.all_pass());
    }

    #[test]
    fn a_td1_whose_first_line_was_lost_still_gives_dates_names_and_sex() {
        let m = parse(&lines(&["7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]), today()).unwrap();
        assert_eq!(m.format, MrzFormat::Td1);
        assert_eq!((m.surname.as_str(), m.given_names.as_str()), ("ERIKSSON", "ANNA MARIA"));
        assert_eq!(m.birth_date, date(1974, 8, 12));
        assert!(m.checks.birth_date && m.checks.expiry_date);
        assert!(!m.checks.document_number && !m.checks.all_pass());
        assert_eq!(m.document_number, "");
    }

    #[test]
    fn a_long_td1_number_ending_in_a_non_ascii_character_fails_its_check_without_panicking() {
        let m = parse(
            &lines(&["I<UTOD23145890<AB12Ç<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]),
            today(),
        )
        .unwrap();
        assert!(!m.checks.document_number);
        assert!(!m.checks.all_pass());
    }

    #[test]
    fn a_line_with_a_missing_or_extra_filler_is_refitted() {
        assert_eq!(fit_length("ABC<<<<D", 9), "ABC<<<<<D");
        assert_eq!(fit_length("ABC<<<<<<D", 9), "ABC<<<<<D");
        assert_eq!(fit_length("ABCDEFGH", 9), "ABCDEFGH<");
    }

    #[test]
    fn two_digit_years_follow_the_birth_and_expiry_century_rules() {
        assert_eq!(mrz_date("740812", today(), true), date(1974, 8, 12));
        assert_eq!(mrz_date("150101", today(), true), date(2015, 1, 1));
        assert_eq!(mrz_date("300101", today(), true), date(1930, 1, 1));
        assert_eq!(mrz_date("300101", today(), false), date(2030, 1, 1));
        assert_eq!(mrz_date("961210", today(), false), date(1996, 12, 10));
        assert_eq!(mrz_date("991340", today(), false), None);
    }

    #[test]
    fn germany_d_and_icao_specials_map_to_three_letter_codes() {
        assert_eq!(state_code("D<<"), "DEU");
        assert_eq!(state_code("UTO"), "UTO");
        assert_eq!(state_code("XXA"), "XXA");
    }

    #[test]
    fn the_mrz_is_found_among_other_lines_and_split_lines_are_joined() {
        let ocr = vec![
            ("PASSPORT".to_string(), 0),
            ("ERIKSSON".to_string(), 1),
            ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string(), 2),
            ("L898902C36UTO7408122F".to_string(), 3),
            ("1204159ZE184226B<<<<<10".to_string(), 3),
        ];
        let m = find_and_parse(&ocr, today()).unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert!(m.checks.all_pass(), "{:?}", m);
    }
}
