//! Parsing MRZ lines into fields, per format, with the check digits verified and look-alikes repaired only where
//! the check digits single the repair out.

use chrono::{Datelike, NaiveDate};

use super::checksum::{digit_matches, has_check_blind_character};
use super::format::{self, MrzFormat};
use super::repair::{self, map_alpha, map_digits, to_digit};
use super::{Checks, Mrz, NumberReading};

/// Parse MRZ lines that OCR produced (normalised with [`super::normalise_mrz_text`]). Returns `None` when the
/// lines do not have the shape of any MRZ.
pub fn parse(raw_lines: &[String], today: NaiveDate) -> Option<Mrz> {
    let format = format::guess(raw_lines)?;
    let mut harmless = raw_lines.len() == format.line_count();
    let mut fitted: Vec<String> = raw_lines
        .iter()
        .map(|l| {
            let (line, ok) = format::fit_length(l, format.line_len());
            harmless &= ok;
            line
        })
        .collect();
    if format == MrzFormat::Td1 && fitted.len() == 2 {
        // The first line is missing: an empty one keeps the layout; its checks fail, so nothing from it is trusted.
        fitted.insert(0, "<".repeat(30));
    }
    let (lines, changed) = format::normalise(format, &fitted);
    let whole = harmless && format::grammar_holds(format, &lines) && names_are_well_formed(format, &lines);
    let mut mrz = match format {
        MrzFormat::Td1 => parse_td1(&lines, today),
        MrzFormat::FraCni => parse_fra_cni(&lines, today),
        _ => parse_two_line(&lines, format, today),
    };
    mrz.whole = whole;
    mrz.repairs += changed;
    Some(mrz)
}

/// The name field holds letters and single or double fillers, then only fillers: three fillers inside the name, or
/// a letter after the trailing fillers, mean a misread line.
fn names_are_well_formed(format: MrzFormat, lines: &[String]) -> bool {
    let field = match format {
        MrzFormat::Td1 => lines[2].clone(),
        MrzFormat::FraCni => sub(&lines[0], 5, 30),
        _ => sub(&lines[0], 5, format.line_len()),
    };
    let cleaned = clean_name_fillers(&field);
    !cleaned.trim_end_matches('<').contains("<<<") && !cleaned.trim_start_matches('<').is_empty()
}

pub fn sub(s: &str, a: usize, b: usize) -> String {
    s.chars().skip(a).take(b.saturating_sub(a)).collect()
}

pub fn char_at(s: &str, i: usize) -> char {
    s.chars().nth(i).unwrap_or('<')
}

/// A numeric field plus its check digit, repaired to digits; returns (field, check char, passes, repairs).
fn numeric_with_check(field: &str, check: char) -> (String, char, bool, usize) {
    let (f, n1) = map_digits(field);
    let c = to_digit(check);
    let ok = digit_matches(&f, c);
    (f, c, ok, n1 + usize::from(c != check))
}

/// OCR may read a filler between fillers as K/C/E/L/X: such letters inside filler runs are fillers.
fn clean_name_fillers(field: &str) -> String {
    let (field, _) = map_alpha(field);
    let mut chars: Vec<char> = field.chars().collect();
    for i in 1..chars.len() {
        let prev = chars[i - 1] == '<';
        let next = i + 1 >= chars.len() || chars[i + 1] == '<';
        let next2 = i + 2 >= chars.len() || chars[i + 2] == '<';
        if matches!(chars[i], 'K' | 'C' | 'E' | 'L' | 'X') && prev && next && next2 {
            chars[i] = '<';
        }
    }
    chars.into_iter().collect()
}

/// Split the name field on `<<` into (surname, given names, truncated); fillers inside become spaces.
pub fn split_name(field: &str) -> (String, String, bool) {
    let cleaned = clean_name_fillers(field);
    let truncated = cleaned.chars().last().is_some_and(|c| c != '<');
    let trimmed = cleaned.trim_end_matches('<');
    let (surname, given) = trimmed.split_once("<<").unwrap_or((trimmed, ""));
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

/// Codes some documents still write that ISO 3166-1 has withdrawn, with the alpha-3 code that replaced them where
/// one country did (ISO 3166-3's "formerly used" list): Romania's ROM (until 2002), Zaire's ZAR, East Timor's TMP,
/// Burma's BUR. Codes of states that split (YUG, SCG, CSK) have no single successor and stay as they are (no
/// country: never accepted).
const LEGACY_CODES: &[(&str, &str)] = &[("ROM", "ROU"), ("ZAR", "COD"), ("TMP", "TLS"), ("BUR", "MMR")];

/// Nationality / state codes, always as ISO 3166-1 alpha-3 (or an ICAO special code) whatever the document wrote:
/// `D` is Germany's ICAO code; a two-letter ISO code with a filler (`SI<`, as some older documents wrote it) is
/// that country's alpha-3; withdrawn codes become their successor's ([`LEGACY_CODES`]).
pub fn state_code(raw: &str) -> String {
    let (code, _) = map_alpha(raw);
    match code.trim_end_matches('<') {
        "D" => "DEU".to_owned(),
        two if two.len() == 2 && two.chars().all(|c| c.is_ascii_uppercase()) => {
            crate::kyc::Country::parse(two).map(|c| c.as_str().to_owned()).unwrap_or_else(|_| two.to_owned())
        }
        other => LEGACY_CODES
            .iter()
            .find(|(old, _)| *old == other)
            .map(|(_, new)| (*new).to_owned())
            .or_else(|| known_code_repair(other))
            .unwrap_or_else(|| other.to_owned()),
    }
}

/// Letters OCR confuses in the MRZ font's capitals ("OEU" for DEU, "EGV" for EGY, "CVP" for CYP).
const CODE_LOOKALIKES: &[(char, char)] = &[
    ('O', 'D'),
    ('O', 'Q'),
    ('D', 'Q'),
    ('V', 'Y'),
    ('U', 'V'),
    ('C', 'G'),
    ('E', 'F'),
    ('I', 'L'),
    ('P', 'R'),
    ('M', 'N'),
    ('K', 'X'),
];

/// A three-letter code that is no country (nor an ICAO special code) repaired by one look-alike letter, when
/// exactly one such repair is a known code. The state and the nationality carry no check digit: a code no country
/// has is surely misread, and one swap that lands on a single country is the reading OCR most likely garbled.
pub fn known_code_repair(code: &str) -> Option<String> {
    let known = |c: &str| crate::kyc::Country::parse(c).is_ok() && c.len() == 3;
    if code.chars().count() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) || known(code) {
        return None;
    }
    let chars: Vec<char> = code.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for i in 0..3 {
        for &(a, b) in CODE_LOOKALIKES {
            for (from, to) in [(a, b), (b, a)] {
                if chars[i] == from {
                    let mut c = chars.clone();
                    c[i] = to;
                    let s: String = c.into_iter().collect();
                    if known(&s) && !found.contains(&s) {
                        found.push(s);
                    }
                }
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
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

fn number_reading(r: &repair::Repaired, has_composite: bool) -> NumberReading {
    NumberReading {
        substitutions: r.substitutions,
        unique: r.unique && r.passes && (r.substitutions == 0 || has_composite),
        check_blind: has_check_blind_character(&r.value),
    }
}

fn parse_two_line(lines: &[String], format: MrzFormat, today: NaiveDate) -> Mrz {
    let (l1, l2) = (&lines[0], &lines[1]);
    let len = format.line_len();
    let mut repairs = 0;
    let (state, r) = map_alpha(&sub(l1, 2, 5));
    repairs += r;
    let (surname, given_names, name_truncated) = split_name(&sub(l1, 5, len));
    let (birth, _, birth_ok, r1) = numeric_with_check(&sub(l2, 13, 19), char_at(l2, 19));
    let (expiry, _, expiry_ok, r2) = numeric_with_check(&sub(l2, 21, 27), char_at(l2, 27));
    repairs += r1 + r2;
    let optional_end = match format {
        MrzFormat::Td3 => 42,
        MrzFormat::Td2 => 35,
        MrzFormat::MrvA => 44,
        _ => 36,
    };
    let optional_raw = sub(l2, 28, optional_end);
    let optional_check = (format == MrzFormat::Td3).then(|| digit_matches(&optional_raw, to_digit(char_at(l2, 42))));
    let composite_digit = to_digit(char_at(l2, len - 1));
    let doc_cd = to_digit(char_at(l2, 9));
    let birth_cd = to_digit(char_at(l2, 19));
    let expiry_cd = to_digit(char_at(l2, 27));
    let composite_with = |docnum: &str| {
        let s = format!("{docnum}{doc_cd}{birth}{birth_cd}{expiry}{expiry_cd}{}", sub(l2, 28, len - 1));
        digit_matches(&s, composite_digit)
    };
    let composite_usable = format.has_composite() && birth_ok && expiry_ok;
    let number =
        repair::repair(&sub(l2, 0, 9), |s| digit_matches(s, doc_cd) && (!composite_usable || composite_with(s)));
    repairs += number.substitutions;
    let composite = format.has_composite().then(|| composite_with(&number.value));
    let (nationality_raw, r) = map_alpha(&sub(l2, 10, 13));
    repairs += r;
    Mrz {
        format,
        lines: lines.to_vec(),
        document_code: sub(l1, 0, 2).trim_end_matches('<').to_owned(),
        issuing_state: state_code(&state),
        surname,
        given_names,
        name_truncated,
        document_number: number.value.trim_end_matches('<').to_owned(),
        number: number_reading(&number, composite_usable),
        nationality: state_code(&nationality_raw),
        birth_date: mrz_date(&birth, today, true),
        sex: sex(char_at(l2, 20)),
        expiry_date: mrz_date(&expiry, today, false),
        personal_number: if format == MrzFormat::Td3 { optional_number(&optional_raw) } else { None },
        checks: Checks {
            document_number: number.passes,
            birth_date: birth_ok,
            expiry_date: expiry_ok,
            optional: optional_check,
            composite,
        },
        whole: false,
        repairs,
    }
}

fn parse_td1(lines: &[String], today: NaiveDate) -> Mrz {
    let (l1, l2, l3) = (&lines[0], &lines[1], &lines[2]);
    let mut repairs = 0;
    let (state, r) = map_alpha(&sub(l1, 2, 5));
    repairs += r;
    let (birth, birth_cd, birth_ok, r1) = numeric_with_check(&sub(l2, 0, 6), char_at(l2, 6));
    let (expiry, expiry_cd, expiry_ok, r2) = numeric_with_check(&sub(l2, 8, 14), char_at(l2, 14));
    repairs += r1 + r2;
    let composite_digit = to_digit(char_at(l2, 29));
    let optional2 = sub(l2, 18, 29);
    let composite_with = |upper: &str| {
        let s = format!("{upper}{birth}{birth_cd}{expiry}{expiry_cd}{optional2}");
        digit_matches(&s, composite_digit)
    };
    let composite_usable = birth_ok && expiry_ok;
    let upper_raw = sub(l1, 5, 30);
    let long_number = char_at(l1, 14) == '<';
    let (number, upper) = if long_number {
        // Long document numbers continue into the optional field; the last character before `<` is the check digit.
        let tail: Vec<char> = sub(l1, 15, 30).chars().take_while(|&c| c != '<').collect();
        let read = match tail.as_slice() {
            [body @ .., cd] if !body.is_empty() => {
                let value = format!("{}{}", sub(l1, 5, 14), body.iter().collect::<String>());
                let passes = digit_matches(&value, *cd) && (!composite_usable || composite_with(&upper_raw));
                repair::Repaired { value, substitutions: 0, passes, unique: passes }
            }
            _ => repair::Repaired { value: sub(l1, 5, 14), substitutions: 0, passes: false, unique: false },
        };
        (read, upper_raw.clone())
    } else {
        let rest = sub(l1, 14, 30);
        let cd = to_digit(char_at(l1, 14));
        let read = repair::repair(&sub(l1, 5, 14), |s| {
            digit_matches(s, cd) && (!composite_usable || composite_with(&format!("{s}{rest}")))
        });
        let upper = format!("{}{rest}", read.value);
        (read, upper)
    };
    repairs += number.substitutions;
    let (nationality_raw, r) = map_alpha(&sub(l2, 15, 18));
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
        document_number: number.value.trim_end_matches('<').to_owned(),
        number: number_reading(&number, composite_usable),
        nationality: state_code(&nationality_raw),
        birth_date: mrz_date(&birth, today, true),
        sex: sex(char_at(l2, 7)),
        expiry_date: mrz_date(&expiry, today, false),
        personal_number: optional_number(&optional1).or_else(|| optional_number(&optional2)),
        checks: Checks {
            document_number: number.passes,
            birth_date: birth_ok,
            expiry_date: expiry_ok,
            optional: None,
            composite: Some(composite_with(&upper)),
        },
        whole: false,
        repairs,
    }
}

/// The French 1988-2021 identity card: line 1 `IDFRA` + surname (25) + office (6); line 2 number (12) + check,
/// given names (14), birth date + check, sex, composite check over both lines. No expiry date, no nationality field
/// (the card is only issued to French nationals).
fn parse_fra_cni(lines: &[String], today: NaiveDate) -> Mrz {
    let (l1, l2) = (&lines[0], &lines[1]);
    let (surname, _, _) = split_name(&format!("{}<<", sub(l1, 5, 30).trim_end_matches('<')));
    let (given_raw, _) = map_alpha(&sub(l2, 13, 27));
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
        number: NumberReading { substitutions: 0, unique: doc_ok, check_blind: has_check_blind_character(&number) },
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
        whole: false,
        repairs: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_leaves_as_alpha_3() {
        assert_eq!(state_code("D<<"), "DEU");
        assert_eq!(state_code("SI<"), "SVN", "ICAO's two-letter form with a filler");
        assert_eq!(state_code("FR<"), "FRA");
        assert_eq!(state_code("ROM"), "ROU", "a withdrawn code, to its successor");
        assert_eq!(state_code("GBO"), "GBO", "an ICAO code for British nationals stays itself");
        assert_eq!(state_code("YUG"), "YUG", "no single successor: no country, never accepted");
        assert_eq!(state_code("UTO"), "UTO");
    }
}
