//! The MRZ formats (ICAO 9303 parts 4-7, and the French 1988 identity card): line lengths, what each position may
//! hold, and the normalisations that depend on it.

use serde::Serialize;

use super::repair::{to_alpha, to_digit};

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

    /// Whether the format has a composite check digit over its number, dates and optional data.
    pub fn has_composite(self) -> bool {
        matches!(self, MrzFormat::Td1 | MrzFormat::Td2 | MrzFormat::Td3 | MrzFormat::FraCni)
    }
}

/// What one position of a line may hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Class {
    /// A-Z or the filler.
    Alpha,
    /// 0-9.
    Digit,
    /// 0-9, or `<` (the check digit of an optional field that is empty, or of a number that continues).
    DigitOrFiller,
    /// A-Z, 0-9 or `<`.
    Alnum,
    /// M, F, or `<`/X (unspecified).
    Sex,
}

/// The class of every position of every line of a format.
pub fn classes(format: MrzFormat) -> Vec<Vec<Class>> {
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
            spans(30, &[(0, 5, Alpha), (5, 14, Alnum), (14, 15, DigitOrFiller), (15, 30, Alnum)]),
            spans(30, &[(0, 7, Digit), (7, 8, Sex), (8, 15, Digit), (15, 18, Alpha), (18, 29, Alnum), (29, 30, Digit)]),
            name_line,
        ],
        MrzFormat::Td3 => vec![
            name_line,
            spans(
                44,
                &[
                    (9, 10, Digit),
                    (10, 13, Alpha),
                    (13, 20, Digit),
                    (20, 21, Sex),
                    (21, 28, Digit),
                    (42, 43, DigitOrFiller),
                    (43, 44, Digit),
                ],
            ),
        ],
        MrzFormat::Td2 => vec![
            name_line,
            spans(
                36,
                &[(9, 10, Digit), (10, 13, Alpha), (13, 20, Digit), (20, 21, Sex), (21, 28, Digit), (35, 36, Digit)],
            ),
        ],
        MrzFormat::FraCni => vec![
            spans(36, &[(0, 30, Alpha)]),
            spans(36, &[(12, 13, Digit), (13, 27, Alpha), (27, 34, Digit), (34, 35, Sex), (35, 36, Digit)]),
        ],
        MrzFormat::MrvA | MrzFormat::MrvB => vec![
            name_line,
            spans(len, &[(9, 10, Digit), (10, 13, Alpha), (13, 20, Digit), (20, 21, Sex), (21, 28, Digit)]),
        ],
    }
}

/// Guess the format from line count, lengths and the document code.
pub fn guess(lines: &[String]) -> Option<MrzFormat> {
    // The longest line decides: a name line often loses its trailing fillers to detection (they are refitted).
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let first = lines.first()?.chars().next()?;
    match (lines.len(), longest) {
        (3, 26..=34) => Some(MrzFormat::Td1),
        (2, 26..=34) if is_td1_lower_half(lines) => Some(MrzFormat::Td1),
        (2, 40..=48) => Some(if first == 'V' { MrzFormat::MrvA } else { MrzFormat::Td3 }),
        (2, 32..=39) if lines[0].starts_with("IDFRA") => Some(MrzFormat::FraCni),
        (2, 32..=39) => Some(if first == 'V' { MrzFormat::MrvB } else { MrzFormat::Td2 }),
        _ => None,
    }
}

/// Lines 2 and 3 of a TD1 MRZ whose first line was lost (glare, a finger, the card edge): dates and sex, then the
/// name line.
pub fn is_td1_lower_half(lines: &[String]) -> bool {
    let digits = lines[0].chars().take(15).filter(|c| c.is_ascii_digit()).count();
    let name_line = lines[1].contains("<<") && lines[1].chars().all(|c| c.is_ascii_uppercase() || c == '<' || c == '0');
    digits >= 12 && name_line
}

/// Fix a line's length: surplus or missing characters are taken from / given to its longest run of fillers, which
/// is where OCR drops or doubles them; a line without such a run is cut or padded at its end. Returns the line
/// and whether the fit was harmless (at most two fillers, inside a run of at least three): only then is the line
/// whole for its format.
pub fn fit_length(line: &str, len: usize) -> (String, bool) {
    let mut chars: Vec<char> = line.chars().collect();
    if chars.len() < len && chars.ends_with(&['<', '<']) {
        // Detection often stops short of a line's trailing fillers: what is missing is more of them.
        chars.resize(len, '<');
        return (chars.into_iter().collect(), true);
    }
    // CTC recognition collapses long runs of one character, so the run of fillers before a line's final check
    // digit(s) ("...3101045<<8" for "...3101045<<<<<<<8") comes out short. Missing characters go back into that
    // run; the line's check digits, the composite above all, then say whether the line is whole.
    let tail_digits = chars.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let run_before_tail = chars.iter().rev().skip(tail_digits).take_while(|&&c| c == '<').count();
    if chars.len() < len && len - chars.len() <= 12 && (1..=2).contains(&tail_digits) && run_before_tail >= 2 {
        let at = chars.len() - tail_digits;
        let missing = len - chars.len();
        chars.splice(at..at, std::iter::repeat_n('<', missing));
        return (chars.into_iter().collect(), true);
    }
    let mut harmless = chars.len().abs_diff(len) <= 2;
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
        harmless &= best_len >= 3;
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
    (chars.into_iter().collect(), harmless)
}

/// Map look-alike characters to the class each position allows (O->0 in a date, 0->O in a name or country code);
/// alphanumeric positions are left as read. Returns the lines and how many characters changed.
pub fn normalise(format: MrzFormat, lines: &[String]) -> (Vec<String>, usize) {
    let mut changed = 0;
    let out = lines
        .iter()
        .zip(classes(format))
        .map(|(line, classes)| {
            line.chars()
                .zip(classes.iter().chain(std::iter::repeat(&Class::Alnum)))
                .map(|(c, class)| {
                    let mapped = match class {
                        Class::Digit => to_digit(c),
                        Class::DigitOrFiller if c != '<' => to_digit(c),
                        Class::Alpha => to_alpha(c),
                        Class::Sex if c == 'K' => '<',
                        _ => c,
                    };
                    changed += usize::from(mapped != c);
                    mapped
                })
                .collect()
        })
        .collect();
    (out, changed)
}

/// Whether every position holds what its class allows: no stray symbol, no letter in a date, no digit in a name.
pub fn grammar_holds(format: MrzFormat, lines: &[String]) -> bool {
    lines.len() == format.line_count()
        && lines.iter().zip(classes(format)).all(|(line, classes)| {
            line.chars().count() == classes.len()
                && line.chars().zip(&classes).all(|(c, class)| match class {
                    Class::Alpha => c.is_ascii_uppercase() || c == '<',
                    Class::Digit => c.is_ascii_digit(),
                    Class::DigitOrFiller => c.is_ascii_digit() || c == '<',
                    Class::Alnum => c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<',
                    Class::Sex => matches!(c, 'M' | 'F' | 'X' | '<'),
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_line_with_a_missing_or_extra_filler_is_refitted_harmlessly() {
        assert_eq!(fit_length("ABC<<<<D", 9), ("ABC<<<<<D".to_string(), true));
        assert_eq!(fit_length("ABC<<<<<<D", 9), ("ABC<<<<<D".to_string(), true));
        assert_eq!(fit_length("ABCDEFGH", 9), ("ABCDEFGH<".to_string(), false), "no filler run to absorb it");
        assert!(!fit_length("ABC<<<<D", 14).1, "six missing characters are not a dropped filler");
        assert_eq!(fit_length("ABC<<D<<", 12), ("ABC<<D<<<<<<".to_string(), true), "trailing fillers cut off");
        assert_eq!(
            fit_length("KF6YMW7J03UKR8706135M3101045<<8", 36),
            ("KF6YMW7J03UKR8706135M3101045<<<<<<<8".to_string(), true),
            "a filler run before the composite check digit collapsed by CTC"
        );
        assert!(!fit_length("KF6YMW7J03UKR8706135M3101045<<8", 44).1, "thirteen missing are too many");
    }

    #[test]
    fn normalisation_only_touches_positions_whose_class_is_fixed() {
        let (l, n) = normalise(
            MrzFormat::Td3,
            &lines(&["P<UT0ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UT07408122F1204159ZE184226B<<<<<10"]),
        );
        assert_eq!(l[0], "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<");
        assert_eq!(l[1], "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        assert_eq!(n, 2);
        let (l, _) = normalise(MrzFormat::Td3, &lines(&["P<UTOX<<Y", "O12345678<UTO"]));
        assert!(l[1].starts_with("O12345678"), "the document number is alphanumeric: an O there stays an O");
    }

    #[test]
    fn a_printed_date_line_is_no_mrz_line() {
        let name = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string();
        let (fitted, harmless) = fit_length("08JULJUL1982", 44);
        assert!(!harmless);
        let (norm, _) = normalise(MrzFormat::Td3, &[name, fitted]);
        assert!(!grammar_holds(MrzFormat::Td3, &norm) || !harmless);
    }
}
