//! Finding the MRZ among the OCR lines of a page.

use chrono::NaiveDate;

use super::Mrz;
use super::parse::parse;

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

fn is_mrz_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || c == '<'
}

/// A long line made (almost) only of MRZ characters, with fillers or many digits.
pub fn looks_like_mrz(s: &str) -> bool {
    let n = s.chars().count();
    if n < 20 {
        return false;
    }
    let valid = s.chars().filter(|&c| is_mrz_char(c)).count();
    let fillers = s.chars().filter(|&c| c == '<').count();
    // Without fillers, only the digits say "MRZ", and a printed address has eight too ("3234 WASHINGTON AVE,
    // CLINTON,AK94275"): such a line must be half digits, as a second MRZ line is (its numbers, dates and check
    // digits), a misread character or two allowed.
    let digits = s.chars().filter(char::is_ascii_digit).count();
    valid as f32 / n as f32 >= 0.9 && (fillers >= 2 || (n >= 28 && digits >= 8 && 2 * digits >= n))
}

/// Find the MRZ among OCR lines (already in reading order, with their row index): candidate lines are normalised,
/// pieces of one row are joined, and of every window of 2 or 3 consecutive candidate rows the best parse is kept:
/// whole for its format first, then the most check digits passing.
pub fn find_and_parse(lines: &[(String, usize)], today: NaiveDate) -> Option<Mrz> {
    let mut rows: Vec<String> = Vec::new();
    let mut last_row: Option<usize> = None;
    for (text, row_index) in lines {
        let norm = normalise_mrz_text(text);
        let digits = norm.chars().filter(char::is_ascii_digit).count();
        // A piece of an MRZ row: only MRZ characters, and fillers or digits; a printed line ("08 JUL/JUL 1982",
        // a name) is not one, whatever its neighbours.
        // Without fillers, a piece is mostly digits (numbers, dates and check digits): "07 JAN/JANV 1951", a
        // printed date read without its slash, is not.
        let piece = norm.chars().all(is_mrz_char)
            && norm.len() >= 8
            && (norm.contains("<<") || digits >= 6 && 2 * digits > norm.len());
        // The name line of a passport or visa whose fillers OCR read as letters ("P<KENBOATENG<COBINNACCCCCCCCC"):
        // one unbroken token, a document code and an issuing state, the TD3 length.
        let name_line = !text.trim().contains(' ')
            && norm.chars().count() >= 40
            && norm.chars().all(is_mrz_char)
            && norm.starts_with(['P', 'V'])
            && norm.chars().skip(2).take(3).all(|c| c.is_ascii_uppercase());
        // The MRZ alphabet has no small letters: a line with several and no filler ("Gregory Martinez 17 WGT 1281b")
        // is print. (Fillers are misread as small letters too: "TOBIAS<c<cccccc" is still a piece.)
        let small_letters = text.chars().filter(|c| c.is_lowercase()).count() >= 3 && !norm.contains('<');
        if small_letters || !(looks_like_mrz(&norm) || piece || name_line) {
            continue;
        }
        match (last_row, rows.last_mut()) {
            (Some(r), Some(row)) if r == *row_index => row.push_str(&norm),
            _ => rows.push(norm),
        }
        last_row = Some(*row_index);
    }
    let run: Vec<String> = rows.into_iter().filter(|r| r.len() >= 12).collect();
    let mut best: Option<Mrz> = None;
    for count in [3usize, 2] {
        if run.len() < count {
            continue;
        }
        for start in (0..=run.len() - count).rev() {
            let window = &run[start..start + count];
            // Lines of an upside-down part of the photo come in reverse reading order.
            let reversed: Vec<String> = window.iter().rev().cloned().collect();
            for candidate in [window, &reversed[..]] {
                if let Some(m) = parse(candidate, today)
                    && best.as_ref().is_none_or(|b| score(&m) > score(b))
                {
                    best = Some(m);
                }
            }
        }
    }
    best
}

fn score(m: &Mrz) -> u32 {
    let c = m.checks;
    let passed =
        [c.document_number, c.birth_date, c.expiry_date, c.composite.unwrap_or(false), c.optional.unwrap_or(false)]
            .iter()
            .filter(|&&b| b)
            .count() as u32;
    // A first line that opens with a document code (P, I, A, C, V) is the right way round.
    let opens_with_code =
        m.lines.first().and_then(|l| l.chars().next()).is_some_and(|c| matches!(c, 'P' | 'I' | 'A' | 'C' | 'V'));
    u32::from(m.whole) * 100
        + passed * 10
        + u32::from(opens_with_code) * 5
        + u32::from(m.birth_date.is_some())
        + u32::from(m.expiry_date.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_address_with_many_digits_and_commas_is_no_mrz_line() {
        assert!(!looks_like_mrz(&normalise_mrz_text("3234 WASHINGTON AVE, CLINTON,AK94275")));
        assert!(looks_like_mrz("L898902C36UTO7408122F1204159ZE184226B"));
    }

    #[test]
    fn a_printed_line_in_small_letters_is_no_piece_of_an_mrz_but_a_filler_line_misread_small_is() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let lines = |texts: &[&str]| texts.iter().enumerate().map(|(i, t)| (t.to_string(), i)).collect::<Vec<_>>();
        let print = lines(&["500 61457278KTY445647", "Gregory Martinez 17 WGT 1281b 19 HAIR WHI", "ADNOT7GA9A9IAS"]);
        assert!(find_and_parse(&print, today).is_none_or(|m| !m.lines.iter().any(|l| l.contains("WGT"))));
        let td3 =
            lines(&["P<UTOWAGNER<<TOBIAS<c<ccccccecc<<<<ecc<<cecc", "F211ZKWZV4UTO7110287M3012291<<<<<<<<<<<<<<<0"]);
        let m = find_and_parse(&td3, today).expect("the MRZ is found");
        assert_eq!(m.document_number, "F211ZKWZV");
    }
}
