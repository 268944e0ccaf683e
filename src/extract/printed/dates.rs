//! Dates as printed in the visual zone: numeric (12.08.1974, 12/08/1974, 1974-08-12, 2003. 08. 08.) and with month
//! names in EN/FR/DE/ES/IT/NL/PT, bilingual forms included (16 APR/AVR 2014, 12 AUGUST/AOUT 74).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// Which of day and month comes first in an all-numeric date (US documents print month first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

impl DayOrder {
    /// The day and the month of a numeric date whose first two numbers are `a` and `b`.
    pub fn day_month(self, a: u32, b: u32) -> (u32, u32) {
        match self {
            DayOrder::DayFirst => (a, b),
            DayOrder::MonthFirst => (b, a),
        }
    }

    /// The order of the country's documents (the catalogue's `day_order`; day first unless it says otherwise).
    pub fn for_country(iso3: &str) -> Self {
        match crate::extract::catalogue::entry(iso3).day_order {
            crate::extract::catalogue::DayOrderName::MonthFirst => DayOrder::MonthFirst,
            crate::extract::catalogue::DayOrderName::DayFirst => DayOrder::DayFirst,
        }
    }
}

/// The order a document prints its numeric dates in: the one its unambiguous dates show (a first number over 12 is
/// a day: "30/11/2030"), or the one in which a date reads as a `known` date (the MRZ's birth or expiry date, check
/// digits passing), else `custom` (the issuing country's). A US visa or passport may print day first; reading its
/// "01/12/2020" month first would contradict the "30/11/2030" beside it.
pub fn document_order<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    known: &[NaiveDate],
    custom: DayOrder,
    today: NaiveDate,
) -> DayOrder {
    let (mut day_first, mut month_first) = (0, 0);
    for text in texts {
        let text = normalise(text);
        for (a, b, c) in numeric_dmy(&text) {
            match ((13..=31).contains(&a), (13..=31).contains(&b)) {
                (true, false) if (1..=12).contains(&b) => day_first += 1,
                (false, true) if (1..=12).contains(&a) => month_first += 1,
                (false, false) if a != b => {
                    let year = full_year(&c[5], today);
                    let is_known = |m: u32, d: u32| {
                        year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)).is_some_and(|date| known.contains(&date))
                    };
                    day_first += usize::from(is_known(b, a));
                    month_first += usize::from(is_known(a, b));
                }
                _ => {}
            }
        }
    }
    match (day_first, month_first) {
        (d, 0) if d > 0 => DayOrder::DayFirst,
        (0, m) if m > 0 => DayOrder::MonthFirst,
        _ => custom,
    }
}

/// The numeric day-month-year candidates of a text: both numbers before the year, and the captures. Candidates can
/// overlap ("3. 14.07.1981": "3. 14" is no date, "14.07.1981" is), so after one that is not a date the search
/// resumes one character later rather than after it.
fn numeric_dmy(text: &str) -> Vec<(u32, u32, regex::Captures<'_>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len()
        && let Some(c) = NUMERIC_DMY.captures_at(text, pos)
    {
        let m = c.get(0).unwrap();
        let numbers = (|| {
            // Both separators alike ("12.08.1974", "12. 08. 1974"): in "3. 12.12.1951" a field number and the start
            // of the date look like a date of their own.
            if c[2] != c[4] {
                return None;
            }
            // "3.12.09.1994" is field 3 run into 12.09.1994, not 3 December 2009: a date goes on no further.
            let mut after = text[m.end()..].chars();
            if matches!(after.next(), Some('.' | '/' | '-')) && after.next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            // A space-separated form needs four-digit years, or "12 08 74" could be anything.
            if c[2].trim().is_empty() && c[5].len() != 4 {
                return None;
            }
            let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
            // A day and a month in one order or the other.
            ((1..=31).contains(&a) && (1..=31).contains(&b) && (a <= 12 || b <= 12)).then_some((a, b))
        })();
        match numbers {
            Some((a, b)) => {
                pos = m.end();
                out.push((a, b, c));
            }
            None => pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// A date found in a line, with where it was (char range in the normalised text).
#[derive(Clone, Debug, PartialEq)]
pub struct FoundDate {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

const MONTHS: &[(&str, u32)] = &[
    ("JANUARY", 1),
    ("JANVIER", 1),
    ("JANUAR", 1),
    ("JÄNNER", 1),
    ("JANUARI", 1),
    ("ENERO", 1),
    ("GENNAIO", 1),
    ("JANEIRO", 1),
    ("JANV", 1),
    ("JAN", 1),
    ("JÄN", 1),
    ("ENE", 1),
    ("GEN", 1),
    ("FEBRUARY", 2),
    ("FÉVRIER", 2),
    ("FEVRIER", 2),
    ("FEBRUAR", 2),
    ("FEBRUARI", 2),
    ("FEBRERO", 2),
    ("FEBBRAIO", 2),
    ("FEVEREIRO", 2),
    ("FEB", 2),
    ("FÉV", 2),
    ("FEV", 2),
    ("MARCH", 3),
    ("MARS", 3),
    ("MÄRZ", 3),
    ("MAART", 3),
    ("MARZO", 3),
    ("MARÇO", 3),
    ("MAR", 3),
    ("MÄR", 3),
    ("MRZ", 3),
    ("MRT", 3),
    ("APRIL", 4),
    ("AVRIL", 4),
    ("ABRIL", 4),
    ("APRILE", 4),
    ("APR", 4),
    ("AVR", 4),
    ("ABR", 4),
    ("MAY", 5),
    ("MAI", 5),
    ("MEI", 5),
    ("MAYO", 5),
    ("MAGGIO", 5),
    ("MAIO", 5),
    ("MAG", 5),
    ("JUNE", 6),
    ("JUIN", 6),
    ("JUNI", 6),
    ("JUNIO", 6),
    ("GIUGNO", 6),
    ("JUNHO", 6),
    ("JUN", 6),
    ("GIU", 6),
    ("JULY", 7),
    ("JUILLET", 7),
    ("JULI", 7),
    ("JULIO", 7),
    ("LUGLIO", 7),
    ("JULHO", 7),
    ("JUIL", 7),
    ("JUL", 7),
    ("LUG", 7),
    ("AUGUST", 8),
    ("AOÛT", 8),
    ("AOUT", 8),
    ("AUGUSTUS", 8),
    ("AGOSTO", 8),
    ("AUG", 8),
    ("AGO", 8),
    ("AOU", 8),
    ("SEPTEMBER", 9),
    ("SEPTEMBRE", 9),
    ("SEPTIEMBRE", 9),
    ("SETTEMBRE", 9),
    ("SETEMBRO", 9),
    ("SEPT", 9),
    ("SEP", 9),
    ("SET", 9),
    ("OCTOBER", 10),
    ("OCTOBRE", 10),
    ("OKTOBER", 10),
    ("OCTUBRE", 10),
    ("OTTOBRE", 10),
    ("OUTUBRO", 10),
    ("OCT", 10),
    ("OKT", 10),
    ("OTT", 10),
    ("OUT", 10),
    ("NOVEMBER", 11),
    ("NOVEMBRE", 11),
    ("NOVIEMBRE", 11),
    ("NOVEMBRO", 11),
    ("NOV", 11),
    ("DECEMBER", 12),
    ("DÉCEMBRE", 12),
    ("DECEMBRE", 12),
    ("DEZEMBER", 12),
    ("DICIEMBRE", 12),
    ("DICEMBRE", 12),
    ("DEZEMBRO", 12),
    ("DEC", 12),
    ("DÉC", 12),
    ("DEZ", 12),
    ("DIC", 12),
    // Polish, Hungarian, Nordic, Czech, Finnish and Icelandic abbreviations printed on EU/EEA documents.
    ("STY", 1),
    ("LUT", 2),
    ("KWI", 4),
    ("MAJ", 5),
    ("CZE", 6),
    ("LIP", 7),
    ("SIE", 8),
    ("WRZ", 9),
    ("PAŹ", 10),
    ("PAZ", 10),
    ("LIS", 11),
    ("GRU", 12),
    ("FEBR", 2),
    ("MÁRC", 3),
    ("MÁR", 3),
    ("ÁPR", 4),
    ("MÁJ", 5),
    ("JÚN", 6),
    ("JÚL", 7),
    ("SZEPT", 9),
    ("SZEP", 9),
    ("DES", 12),
    ("LED", 1),
    ("ÚNO", 2),
    ("BŘE", 3),
    ("DUB", 4),
    ("KVĚ", 5),
    ("ČER", 6),
    ("ČVC", 7),
    ("SRP", 8),
    ("ZÁŘ", 9),
    ("ŘÍJ", 10),
    ("PRO", 12),
    ("TAMMI", 1),
    ("HELMI", 2),
    ("MAALIS", 3),
    ("HUHTI", 4),
    ("TOUKO", 5),
    ("KESÄ", 6),
    ("HEINÄ", 7),
    ("ELO", 8),
    ("SYYS", 9),
    ("LOKA", 10),
    ("MARRAS", 11),
    ("JOULU", 12),
    ("MAÍ", 5),
    ("JÚNÍ", 6),
    ("JÚLÍ", 7),
    ("ÁGÚ", 8),
];

/// The month a word names on a document printed in `languages` (CLDR codes, the document's own first): in those
/// languages (the catalogue's CLDR months), else by the forms above, else in any language where every language that
/// has the word agrees on its month ("LIS" is November in Polish and Czech but October in Croatian: only a
/// Croatian, Polish or Czech document says which).
pub fn month_named(word: &str, languages: &[&str]) -> Option<u32> {
    let catalogue = crate::extract::catalogue::Catalogue::get();
    catalogue.month_in(word, languages).or_else(|| month_from_name(word)).or_else(|| catalogue.month_anywhere(word))
}

pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_uppercase();
    let exact = |w: &str| MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m);
    exact(&w).or_else(|| {
        // A bilingual month with its slash lost ("MAPMAR" for ΜΑΡ/MAR, "JANJANV" for JAN/JANV, "EEIUSEP" for
        // ΣΕΠ/SEP): a known abbreviation at either end of a short word, the same one if at both.
        let chars: Vec<char> = w.chars().collect();
        if !(5..=9).contains(&chars.len()) || !chars.iter().all(|c| c.is_alphabetic()) {
            return None;
        }
        let part = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
        let n = chars.len();
        let front = [3, 4].iter().filter(|&&k| k < n).find_map(|&k| exact(&part(0, k)));
        let back = [3, 4].iter().filter(|&&k| k < n).find_map(|&k| exact(&part(n - k, n)));
        match (front, back) {
            (Some(a), Some(b)) if a != b => None,
            (a, b) => a.or(b),
        }
    })
}

static NUMERIC_YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\b\.?").unwrap());
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})(\s*[.\-/ ]\s*)(\d{1,2})(\s*[.\-/ ]\s*)(\d{4}|\d{2})\b").unwrap());
/// A numeric date with one of its two separators lost by OCR ("03/062021", "0620/2025"): two-digit day and month,
/// four-digit year, read only where no whole date was found.
static ONE_SEPARATOR_LOST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:(\d{2})[ ./-](\d{2})(\d{4})|(\d{2})(\d{2})[ ./-](\d{4}))\b").unwrap());
/// A field number run into its date ("402/18/2020" is field 4a, its "a" lost, before 02/18/2020; "DO804/21/2017"
/// is DOB misread, "317 03 1996" field 3 before 17 03 1996): one or two digits, then a whole two-digit day-month
/// date with a four-digit year.
static FIELD_NUMBER_RUN_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}(\d{2})([./ -])(\d{2})([./ -])(\d{4})\b").unwrap());
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d{1,2})[\s.]*([\p{L}]{3,12})\.?(?:\s*/\s*([\p{L}]{3,12})\.?)?[\s,.]*(\d{4}|\d{2})\b").unwrap()
});

/// Two-digit years: up to 20 years ahead is this century, otherwise the last one (works for birth, issue and
/// expiry dates alike on documents valid for at most 20 years).
fn full_year(y: &str, today: NaiveDate) -> Option<i32> {
    let v: i32 = y.parse().ok()?;
    if y.len() == 4 {
        return Some(v);
    }
    let century = today.year() - today.year() % 100;
    Some(if v <= today.year() % 100 + 20 { century + v } else { century - 100 + v })
}

/// The text as the date patterns see it (look-alike letters in digit runs fixed, labels split from dates).
pub fn normalise(text: &str) -> String {
    let tokens: Vec<String> = text
        .split(' ')
        .map(|t| glued_dates(t).or_else(|| date_token_lookalikes(t)).unwrap_or_else(|| t.to_owned()))
        .collect();
    digitise(&tokens.join(" "))
}

/// "05/08/194711/22/202605/08/2032": dates printed in a row with their labels too small or faint to be read, which
/// OCR then joins into one token. Two or three whole dates of the same shape (two, two and four digits, one separator)
/// are split apart; anything else is left as it was.
fn glued_dates(token: &str) -> Option<String> {
    let chars: Vec<char> = token.chars().collect();
    if !(chars.len() == 20 || chars.len() == 30) {
        return None;
    }
    let sep = chars[2];
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let date_shaped =
        |d: &[char]| d.iter().enumerate().all(|(i, &c)| if i == 2 || i == 5 { c == sep } else { c.is_ascii_digit() });
    chars
        .chunks(10)
        .all(date_shaped)
        .then(|| chars.chunks(10).map(|d| d.iter().collect::<String>()).collect::<Vec<_>>().join(" "))
}

/// "08/2V/2009", "T1/25/2022": a token in the shape of a numeric date (two, two and four characters, one
/// separator twice) with one or two digits read as look-alike letters, those letters turned back into digits.
fn date_token_lookalikes(token: &str) -> Option<String> {
    let mut chars: Vec<char> = token.chars().collect();
    // "14,02.2019": a full stop read as a comma.
    if chars.len() == 10
        && [chars[2], chars[5]].contains(&',')
        && [chars[2], chars[5]].iter().all(|&c| matches!(c, ',' | '.'))
    {
        chars[2] = '.';
        chars[5] = '.';
        if chars.iter().enumerate().all(|(i, c)| i == 2 || i == 5 || c.is_ascii_digit()) {
            return Some(chars.into_iter().collect());
        }
    }
    let sep = *chars.get(2)?;
    if chars.len() != 10 || !matches!(sep, '/' | '.' | '-') || chars[5] != sep {
        return None;
    }
    let digit = |c: char| {
        Some(match c {
            '0'..='9' => c,
            'O' | 'o' | 'D' | 'Q' => '0',
            'I' | 'l' | '|' | 'T' | 'i' => '1',
            'Z' | 'z' => '2',
            'S' | 's' => '5',
            'G' | 'b' => '6',
            'B' => '8',
            'g' | 'q' => '9',
            _ => return None,
        })
    };
    let letters = chars.iter().enumerate().filter(|&(i, c)| i != 2 && i != 5 && !c.is_ascii_digit()).count();
    if letters == 0 || letters > 2 {
        return None;
    }
    chars.iter().enumerate().map(|(i, &c)| if i == 2 || i == 5 { Some(c) } else { digit(c) }).collect()
}

/// Replace letters OCR confuses with digits inside digit-like tokens (O->0 in "2O14"), so dates are found.
fn digitise(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let near_digit = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(|c| c.is_ascii_digit());
        let prev = near_digit(i.checked_sub(1));
        let next = near_digit(Some(i + 1));
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        let mapped = match c {
            'O' | 'o' | 'D' if prev && next => '0',
            // "O8 DEC 2028": a day whose leading zero was read as the letter.
            'O' | 'o' if word_start && next && !chars.get(i + 2).is_some_and(|c| c.is_alphanumeric()) => '0',
            'I' | 'l' if prev && next => '1',
            _ => c,
        };
        // "ISS01/06/2015": a label run into its date; a space lets the date patterns see a word boundary.
        if mapped.is_ascii_digit() && out.chars().last().is_some_and(|p: char| p.is_alphabetic()) {
            out.push(' ');
        }
        out.push(mapped);
    }
    out
}

/// Every date in a line of text, left to right, without overlaps. Positions refer to [`normalise`]d text. Month
/// names are read in any language ([`month_named`] with none given).
pub fn find_dates(text: &str, order: DayOrder, today: NaiveDate) -> Vec<FoundDate> {
    find_dates_in(text, order, today, &[])
}

/// [`find_dates`] on a document printed in `languages` (its country's, [`crate::extract::catalogue::date_languages`]).
pub fn find_dates_in(text: &str, order: DayOrder, today: NaiveDate, languages: &[&str]) -> Vec<FoundDate> {
    let text = normalise(text);
    let mut found: Vec<FoundDate> = Vec::new();
    let push = |d: Option<NaiveDate>, start: usize, end: usize, found: &mut Vec<FoundDate>| {
        if let Some(date) = d
            && (1900..=2100).contains(&date.year())
            && !found.iter().any(|f| start < f.end && f.start < end)
        {
            found.push(FoundDate { date, start, end });
        }
    };
    for c in NUMERIC_YMD.captures_iter(&text) {
        let m = c.get(0).unwrap();
        let d = (|| NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))();
        push(d, m.start(), m.end(), &mut found);
    }
    for c in NAMED.captures_iter(&text) {
        let m = c.get(0).unwrap();
        let d = (|| {
            // Bilingual forms ("26 MAÍ/MAY 99"): the second language is tried when the first is not known.
            let month =
                month_named(&c[2], languages).or_else(|| c.get(3).and_then(|m| month_named(m.as_str(), languages)))?;
            NaiveDate::from_ymd_opt(full_year(&c[4], today)?, month, c[1].parse().ok()?)
        })();
        push(d, m.start(), m.end(), &mut found);
    }
    for (a, b, c) in numeric_dmy(&text) {
        let m = c.get(0).unwrap();
        let (day, month) = order.day_month(a, b);
        let d = full_year(&c[5], today).and_then(|y| NaiveDate::from_ymd_opt(y, month, day));
        push(d, m.start(), m.end(), &mut found);
    }
    for c in ONE_SEPARATOR_LOST.captures_iter(&text) {
        let m = c.get(0).unwrap();
        let (a, b, y) = match (c.get(1), c.get(4)) {
            (Some(_), _) => (&c[1], &c[2], &c[3]),
            _ => (&c[4], &c[5], &c[6]),
        };
        let d = (|| {
            let (a, b, year): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
            let (day, month) = order.day_month(a, b);
            NaiveDate::from_ymd_opt(year, month, day)
        })();
        push(d, m.start(), m.end(), &mut found);
    }
    for c in FIELD_NUMBER_RUN_IN.captures_iter(&text) {
        if c[2] != c[4] {
            continue;
        }
        let start = c.get(1).unwrap().start();
        let d = (|| {
            let (a, b, year): (u32, u32, i32) = (c[1].parse().ok()?, c[3].parse().ok()?, c[5].parse().ok()?);
            let (day, month) = order.day_month(a, b);
            NaiveDate::from_ymd_opt(year, month, day)
        })();
        push(d, start, c.get(0).unwrap().end(), &mut found);
    }
    found.sort_by_key(|f| f.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn dates(text: &str, order: DayOrder) -> Vec<String> {
        find_dates(text, order, today()).into_iter().map(|f| f.date.to_string()).collect()
    }

    #[test]
    fn every_common_printed_form_is_read() {
        let d = DayOrder::DayFirst;
        assert_eq!(dates("12 AUG 1974", d), ["1974-08-12"]);
        assert_eq!(dates("12.08.1974 HAMBURG", d), ["1974-08-12"]);
        assert_eq!(dates("12/08/1974", d), ["1974-08-12"]);
        assert_eq!(dates("1974-08-12", d), ["1974-08-12"]);
        assert_eq!(dates("2003. 08. 08.", d), ["2003-08-08"]);
        assert_eq!(dates("18 05 1996", d), ["1996-05-18"]);
        assert_eq!(dates("DOB: 13/12/1959", d), ["1959-12-13"]);
    }

    #[test]
    fn a_full_stop_read_as_a_comma_in_a_date_is_read_as_one() {
        assert_eq!(dates("14,02.2019", DayOrder::DayFirst), ["2019-02-14"]);
        assert_eq!(dates("14.02,2019 TARTU", DayOrder::DayFirst), ["2019-02-14"]);
    }

    #[test]
    fn dates_in_a_row_that_ocr_joined_into_one_token_are_read_apart() {
        let m = DayOrder::MonthFirst;
        assert_eq!(dates("05/08/194711/22/202605/08/2032", m), ["1947-05-08", "2026-11-22", "2032-05-08"]);
        assert_eq!(dates("07/28/195405/08/2023", m), ["1954-07-28", "2023-05-08"]);
        // Not two whole dates: left alone.
        assert_eq!(dates("05/08/19471122/2026", m), Vec::<String>::new());
    }

    #[test]
    fn digits_read_as_look_alike_letters_in_a_date_shaped_token_are_turned_back() {
        let m = DayOrder::MonthFirst;
        assert_eq!(dates("T1/25/2022", m), ["2022-11-25"]);
        assert_eq!(dates("O8/2I/2009", m), ["2009-08-21"]);
        assert_eq!(dates("12/0S/199B", m), ["1998-12-05"]);
        // Letters with no sure digit (V could be 1 or 4), or too many of them, leave the token as it was.
        assert!(dates("08/2V/2009", m).is_empty());
        assert!(dates("AB/CD/2009", m).is_empty());
    }

    #[test]
    fn a_bilingual_month_whose_slash_was_lost_is_read_from_either_end() {
        let d = DayOrder::DayFirst;
        assert_eq!(dates("31 MAPMAR 2025", d), ["2025-03-31"]);
        assert_eq!(dates("07 JANJANV 1951", d), ["1951-01-07"]);
        assert_eq!(dates("28 EEIUSEP 1996", d), ["1996-09-28"]);
        assert_eq!(dates("12 JANFEB 1990", d), Vec::<String>::new(), "two different months: no date");
        assert_eq!(dates("12 MAINSTREET 1990", d), Vec::<String>::new());
        assert_eq!(dates("O8 DEC 2028", d), ["2028-12-08"], "a leading zero read as O");
    }

    #[test]
    fn a_field_number_run_into_a_date_is_no_part_of_it() {
        let m = DayOrder::MonthFirst;
        assert_eq!(dates("402/18/2020", m), ["2020-02-18"]);
        assert_eq!(dates("3 DO804/21/2017", m), ["2017-04-21"]);
        assert_eq!(dates("4602/18/2020", m), ["2020-02-18"]);
        assert_eq!(dates("3.12.09.1994", DayOrder::DayFirst), ["1994-09-12"]);
        assert_eq!(dates("12345/67/2020", m), Vec::<String>::new(), "no date hides in a longer number");
    }

    #[test]
    fn a_date_whose_one_separator_ocr_lost_is_still_read() {
        let m = DayOrder::MonthFirst;
        assert_eq!(dates("ISSUED 03/062021", m), ["2021-03-06"]);
        assert_eq!(dates("0620/2025", m), ["2025-06-20"]);
        assert_eq!(dates("13 071990", DayOrder::DayFirst), ["1990-07-13"]);
        assert_eq!(dates("DD 0113202039280/YSFD/20", m), Vec::<String>::new());
        assert_eq!(dates("5064-49-0629", m), Vec::<String>::new());
    }

    #[test]
    fn localised_and_bilingual_month_names_are_read() {
        let d = DayOrder::DayFirst;
        assert_eq!(dates("16 FEB /FÉV 2014", d), ["2014-02-16"]);
        assert_eq!(dates("12 AUGUST/AOUT 74", d), ["1974-08-12"]);
        assert_eq!(dates("16 APR/AVR 07", d), ["2007-04-16"]);
        assert_eq!(dates("3 MÄRZ 2001", d), ["2001-03-03"]);
        assert_eq!(dates("21 DICIEMBRE 1999", d), ["1999-12-21"]);
        assert_eq!(dates("05 MEI 2020", d), ["2020-05-05"]);
        assert_eq!(dates("26 MAÍ/MAY 99", d), ["1999-05-26"]);
        assert_eq!(dates("13 LIP/JUL 2006", d), ["2006-07-13"]);
        assert_eq!(dates("01 MÁR 2012", d), ["2012-03-01"]);
        assert_eq!(dates("31 DES 1966", d), ["1966-12-31"]);
    }

    #[test]
    fn us_documents_print_the_month_first() {
        assert_eq!(dates("DOB 08/18/1965", DayOrder::MonthFirst), ["1965-08-18"]);
        assert_eq!(dates("EXP 01/11/2033", DayOrder::MonthFirst), ["2033-01-11"]);
        assert_eq!(DayOrder::for_country("USA"), DayOrder::MonthFirst);
    }

    #[test]
    fn a_document_is_read_in_the_order_its_unambiguous_dates_show_else_its_countrys() {
        let m = DayOrder::MonthFirst;
        let t = today();
        assert_eq!(document_order(["01/12/2020", "30/11/2030"], &[], m, t), DayOrder::DayFirst);
        assert_eq!(document_order(["01-10-2022 29-09-2027"], &[], m, t), DayOrder::DayFirst);
        assert_eq!(document_order(["01/12/2020", "11/30/2030"], &[], DayOrder::DayFirst, t), m);
        // A date the MRZ confirms in one order only.
        let mrz_birth = NaiveDate::from_ymd_opt(1963, 1, 7).unwrap();
        assert_eq!(document_order(["05-11-2026", "07-01-1963"], &[mrz_birth], m, t), DayOrder::DayFirst);
        // Nothing unambiguous, or both orders seen: the country's custom.
        assert_eq!(document_order(["01/12/2020", "MAPLE 12345"], &[], m, t), m);
        assert_eq!(document_order(["13/01/2020", "01/13/2020"], &[], m, t), m);
        // A field number run into a date is no month-first date of its own ("3.13.06.1980").
        assert_eq!(document_order(["3.13.06.1980", "4a. 08.04.2014"], &[], DayOrder::DayFirst, t), DayOrder::DayFirst);
    }

    #[test]
    fn impossible_dates_and_non_dates_are_ignored() {
        let d = DayOrder::DayFirst;
        assert!(dates("31.02.1990", d).is_empty());
        assert!(dates("2695 2439 6432", d).is_empty());
        assert!(dates("HGT 5'-06\"", d).is_empty());
    }

    #[test]
    fn a_letter_o_inside_a_year_is_read_as_zero() {
        assert_eq!(dates("29.08.2O15", DayOrder::DayFirst), ["2015-08-29"]);
    }

    #[test]
    fn a_field_number_before_a_date_does_not_hide_it() {
        assert_eq!(dates("3. 14.07.1981 (Sample city)", DayOrder::DayFirst), ["1981-07-14"]);
        assert_eq!(dates("3. 12.12.1951 DEBRECEN", DayOrder::DayFirst), ["1951-12-12"]);
    }

    #[test]
    fn a_label_run_into_its_date_is_separated() {
        assert_eq!(dates("4aISS01/06/2015", DayOrder::MonthFirst), ["2015-01-06"]);
    }

    #[test]
    fn two_dates_on_one_line_are_both_found_in_order() {
        assert_eq!(dates("2022. 09. 29. 2032. 09. 28.", DayOrder::DayFirst), ["2022-09-29", "2032-09-28"]);
    }
}
