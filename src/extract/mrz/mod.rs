//! Machine Readable Zone (ICAO 9303): locate the MRZ among OCR lines ([`locate`]), parse TD1/TD2/TD3/MRV-A/MRV-B
//! and the French 1988 identity card ([`parse`], [`format`]), verify the check digits ([`checksum`]) and repair OCR
//! confusions only where a field's character class and its check digits single the repair out ([`repair`]).
//!
//! An MRZ is *whole* when it has its format's lines, each of its length (give or take a filler OCR dropped in a long
//! filler run) and every position holds what its class allows. Only a whole MRZ whose check digits all pass confirms
//! anything (see `extract::acceptance`).

pub mod checksum;
pub mod format;
pub mod locate;
pub mod parse;
pub mod repair;

use chrono::NaiveDate;
use serde::Serialize;

pub use checksum::{check_digit, digit_matches};
pub use format::MrzFormat;
pub use locate::{find_and_parse, looks_like_mrz, normalise_mrz_text};
pub use parse::parse;

/// Result of each check digit: `None` when the format has no such digit.
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

/// How the document number was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NumberReading {
    /// Look-alike substitutions the check digits called for (0: it passed as read).
    pub substitutions: usize,
    /// The value is the only one (as read, or with this few substitutions) that passes its own check digit and,
    /// for a repair, the composite one too.
    pub unique: bool,
    /// The number holds a character the check digits cannot tell from its look-alike (G/6, L/1, K/<).
    pub check_blind: bool,
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
    pub number: NumberReading,
    pub nationality: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<char>,
    pub expiry_date: Option<NaiveDate>,
    /// Personal number (TD3 optional field, or the TD1/TD2 optional data when it looks like one).
    pub personal_number: Option<String>,
    pub checks: Checks,
    /// Line count, lengths and the character class of every position hold (see the module docs).
    pub whole: bool,
    /// Characters changed by normalisation and repair.
    pub repairs: usize,
}

impl Mrz {
    /// Whole, and every check digit (the composite included) passes: the MRZ can confirm values.
    pub fn confirmed(&self) -> bool {
        self.whole && self.checks.all_pass()
    }

    /// The check digit printed for the document number (as read), for confirming a printed number against it.
    pub fn document_number_check_digit(&self) -> char {
        use parse::char_at;
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

#[cfg(test)]
mod tests {
    use super::*;
    use parse::{mrz_date, split_name, state_code};

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
            &lines(&[
                "I<UTOD231458907<<<<<<<<<<<<<<<",
                "7408122F1204159UTO<<<<<<<<<<<6",
                "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            ]),
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
        let td2 =
            parse(&lines(&["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"]), today())
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
        let mrvb =
            parse(&lines(&["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"]), today())
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
    fn the_old_french_identity_card_format_is_parsed() {
        let m =
            parse(&lines(&["IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<", "9409923102854CORINNE<<<<<<<6512068F4"]), today())
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
        let m = parse(&lines(&["P<UTOERIKSSON<<ANNA<MARIA<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]), today())
            .unwrap();
        assert_eq!(m.format, MrzFormat::Td3);
        assert_eq!(m.given_names, "ANNA MARIA");
        assert!(m.checks.all_pass());
    }

    #[test]
    fn only_an_mrz_with_its_lines_lengths_and_character_classes_is_whole() {
        let good = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
        assert!(parse(&lines(&good), today()).unwrap().whole);
        assert!(parse(&lines(&good), today()).unwrap().confirmed());
        // A stray symbol in a date, a digit in the name, a line twelve characters short: parsed, but not whole.
        let symbol = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO74/8122F1204159ZE184226B<<<<<10"];
        assert!(!parse(&lines(&symbol), today()).unwrap().whole);
        let digit_in_name =
            ["P<UTOERIKS5ON<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];
        let m = parse(&lines(&digit_in_name), today()).unwrap();
        assert_eq!(m.surname, "ERIKSSON", "look-alike digits in a name are letters");
        let short = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F12041"];
        assert!(!parse(&lines(&short), today()).unwrap().whole);
    }

    #[test]
    fn a_printed_date_line_never_stands_in_for_a_missing_mrz_line() {
        let ocr = vec![
            ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string(), 0),
            ("08 JUL/JUL 1982".to_string(), 1),
            ("O8 JUL JUL 1982".to_string(), 2),
        ];
        assert!(find_and_parse(&ocr, today()).is_none_or(|m| !m.confirmed()));
        // Nor a printed date whose month OCR garbled ("07 JANJANV 1951"), beside an MRZ whose name line is misread.
        let ocr = vec![
            ("07 JANJANV 1951".to_string(), 0),
            ("P<UTOERIKSSON<<ANNA<MARIACCCCCCCCCCCCCCCECECE".to_string(), 1),
            ("L898902C36UTO7408122F1204159ZE184226B<<<<<10".to_string(), 2),
        ];
        let m = find_and_parse(&ocr, today()).unwrap();
        assert_eq!(m.document_number, "L898902C3");
        assert!(m.surname.starts_with("ERIKSSON"));
        // The name line with every filler read as a letter is still the MRZ's first line.
        let ocr = vec![
            ("07 JANJANV 1951".to_string(), 0),
            ("PeUTOERIKSSON<CANNACCCCCCCCCCCCCCCCCCCECECEe".to_string(), 1),
            ("L898902C36UTO7408122F1204159ZE184226B<<<<<10".to_string(), 2),
        ];
        let m = find_and_parse(&ocr, today()).unwrap();
        assert_eq!(m.document_number, "L898902C3");
        assert_eq!(m.birth_date, NaiveDate::from_ymd_opt(1974, 8, 12));
    }

    #[test]
    fn the_composite_digit_weighs_the_number_as_its_own_check_digit_does_so_it_cannot_single_out_a_repair() {
        // Document number XJ4Z81234 read as X14281234: four two-character repairs pass both check digits.
        let cd = |s: &str| check_digit(s).unwrap();
        let body = |num: &str| format!("{num}{}UTO7408122F340415{}<<<<<<<<<<<<<<", cd(num), cd("340415"));
        let truth = body("XJ4Z81234");
        let composite = format!("{}{}{}0", &truth[0..10], &truth[13..20], &truth[21..42]);
        let line2 = format!("{truth}0{}", cd(&composite));
        let misread = line2.replacen("XJ4Z8", "X1428", 1);
        let m = parse(&lines(&["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", &misread]), today()).unwrap();
        assert_eq!(m.document_number, "X14281234", "left as read");
        assert!(!m.checks.document_number && !m.confirmed());
    }

    #[test]
    fn a_td1_whose_first_line_was_lost_still_gives_dates_names_and_sex() {
        let m = parse(&lines(&["7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]), today()).unwrap();
        assert_eq!(m.format, MrzFormat::Td1);
        assert_eq!((m.surname.as_str(), m.given_names.as_str()), ("ERIKSSON", "ANNA MARIA"));
        assert_eq!(m.birth_date, date(1974, 8, 12));
        assert!(m.checks.birth_date && m.checks.expiry_date);
        assert!(!m.checks.document_number && !m.checks.all_pass());
        assert!(!m.whole);
        assert_eq!(m.document_number, "");
    }

    #[test]
    fn a_long_td1_number_ending_in_a_non_ascii_character_fails_its_check_without_panicking() {
        let m = parse(
            &lines(&[
                "I<UTOD23145890<AB12Ç<<<<<<<<<<",
                "7408122F1204159UTO<<<<<<<<<<<6",
                "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
            ]),
            today(),
        )
        .unwrap();
        assert!(!m.checks.document_number);
        assert!(!m.checks.all_pass());
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
        // A code no country has, one look-alike letter from exactly one that exists.
        assert_eq!(state_code("OEU"), "DEU");
        assert_eq!(state_code("EGV"), "EGY");
        assert_eq!(state_code("CVP"), "CYP");
        assert_eq!(state_code("OZA"), "DZA");
        assert_eq!(state_code("FRA"), "FRA", "a known code is never changed");
        assert_eq!(state_code("GBP"), "GBP", "British protected persons keep their own code");
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
