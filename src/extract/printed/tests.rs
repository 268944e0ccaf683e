//! The printed-zone reader end to end: OCR lines as the engine reports them, in, fields out.

use super::fields::address::is_address;
use super::fields::numbers::{is_date_like, number_value};
use super::labels::{comma_read_as_full_stop, segment};
use super::layout::is_vertical;
use super::*;
use crate::ocr::geometry::Point;

/// A line at (x, y), 20 px high, as the OCR engine reports it.
pub fn line(text: &str, x: f32, y: f32, row: usize) -> OcrLine {
    let w = 11.0 * text.chars().count() as f32;
    OcrLine {
        text: text.into(),
        confidence: 0.98,
        char_confidences: vec![0.98; text.chars().count()],
        r#box: [Point::new(x, y), Point::new(x + w, y), Point::new(x + w, y + 20.0), Point::new(x, y + 20.0)],
        height: 20.0,
        row,
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_value_below_its_bilingual_label_is_read_by_meaning() {
    let lines = [
        line("Nazwisko / Surname", 100.0, 50.0, 0),
        line("NOWICKA", 100.0, 72.0, 1),
        line("Imiona / Given names", 100.0, 100.0, 2),
        line("EWA", 100.0, 122.0, 3),
        line("Data urodzenia / Date of birth", 100.0, 150.0, 4),
        line("12.03.1985", 100.0, 172.0, 5),
    ];
    let p = read(&lines, IdType::Passport, "POL", today());
    assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("NOWICKA", How::Labelled)));
    assert_eq!(p.given_names.as_ref().map(|r| r.value.as_str()), Some("EWA"));
    assert_eq!(p.birth_date.as_ref().map(|r| r.value), Some(date(1985, 3, 12)));
}

#[test]
fn a_comma_under_a_given_names_label_separates_given_names() {
    let lines = [
        line("NOM/Surname", 100.0, 50.0, 0),
        line("DUBOIS", 100.0, 72.0, 1),
        line("Prénoms / Given names", 100.0, 100.0, 2),
        line("Anne-Sophie, Claire", 100.0, 122.0, 3),
    ];
    let p = read(&lines, IdType::GovernmentId, "FRA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("DUBOIS".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Anne-Sophie, Claire".into()));
}

#[test]
fn a_value_to_the_right_of_its_label_is_read() {
    let lines = [
        line("DOB", 100.0, 50.0, 0),
        line("02/23/1991", 160.0, 50.0, 0),
        line("SEX", 100.0, 80.0, 1),
        line("F", 150.0, 80.0, 1),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1991, 2, 23)));
    assert_eq!(p.sex.map(|r| r.value), Some('F'));
}

#[test]
fn an_aamva_card_is_read_from_its_field_numbers_and_its_state_is_no_name() {
    let lines = [
        line("MICHIGAN", 50.0, 10.0, 0),
        line("DRIVER LICENSE", 300.0, 10.0, 0),
        line("4d DLN S 123 456 789 012", 200.0, 50.0, 1),
        line("3 DOB 08/31/1978", 200.0, 80.0, 2),
        line("4b EXP 08/31/2029", 200.0, 110.0, 3),
        line("1 NOWAK", 200.0, 140.0, 4),
        line("2 JAN PIOTR", 200.0, 170.0, 5),
        line("5 DD 1234567890123", 200.0, 200.0, 6),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("NOWAK", How::Numbered)));
    assert_eq!(p.given_names.as_ref().map(|r| r.value.as_str()), Some("JAN PIOTR"));
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1978, 8, 31)));
    assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2029, 8, 31)));
    assert_eq!(p.document_number.map(|r| r.value), Some("S123456789012".into()));
}

#[test]
fn a_number_label_before_or_run_into_the_number_is_dropped_misread_or_not() {
    assert_eq!(number_value("D/n: WDLRBDSV8KC8").as_deref(), Some("WDLRBDSV8KC8"));
    assert_eq!(number_value("DLN3877-80-1922").as_deref(), Some("3877-80-1922"));
    assert_eq!(number_value("uc S512941886").as_deref(), Some("S512941886"));
    assert_eq!(number_value("UC=803767337").as_deref(), Some("803767337"));
    assert_eq!(number_value("S 123 456 789 012").as_deref(), Some("S123456789012"));
    assert_eq!(number_value("MORGA753116SM9IJ 35").as_deref(), Some("MORGA753116SM9IJ"), "the issue number is apart");
}

#[test]
fn only_what_could_be_a_date_is_date_like() {
    assert!(is_date_like("12.03.1985"));
    assert!(is_date_like("1985-03-12"));
    assert!(is_date_like("03/12/85"));
    assert!(!is_date_like("3877-80-1922"));
    assert!(!is_date_like("123-45-6789"));
}

#[test]
fn a_sample_card_holder_named_sample_is_read_under_the_field_number_with_the_middle_initial() {
    let lines = [
        line("SAMPLE", 300.0, 10.0, 0),
        line("DRIVER LICENSE", 300.0, 40.0, 1),
        line("1 SAMPLE", 200.0, 80.0, 2),
        line("2 JANE Q.", 200.0, 110.0, 3),
        line("3 DOB 08/31/1978", 200.0, 140.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("SAMPLE", How::Numbered)));
    assert_eq!(p.given_names.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("JANE Q.", How::Numbered)));
}

#[test]
fn a_state_name_is_a_surname_when_the_signature_spells_it() {
    let lines = [
        line("Vermont", 50.0, 10.0, 0),
        line("IDENTITY CARD", 300.0, 10.0, 0),
        line("WASHINGTON", 50.0, 100.0, 1),
        line("GEORGE", 50.0, 130.0, 2),
        line("George Washington", 300.0, 200.0, 3),
    ];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("WASHINGTON".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("GEORGE".into()));
    // Without that second printing the state stays a heading.
    let p = read(&lines[..4], IdType::GovernmentId, "USA", today());
    assert_ne!(p.surname.map(|r| r.value), Some("WASHINGTON".into()));
}

#[test]
fn a_title_case_last_comma_first_line_is_the_name_even_with_a_state_in_it() {
    let lines = [
        line("ILLINOIS", 50.0, 10.0, 0),
        line("DL:", 50.0, 40.0, 1),
        line("R548-6312-3000", 100.0, 40.0, 1),
        line("Washington, Aoife", 50.0, 70.0, 2),
        line("4 EXP: 08/20/2030", 50.0, 100.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Washington".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Aoife".into()));
    assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2030, 8, 20), How::Labelled)));
}

#[test]
fn a_street_line_is_no_licence_number_even_when_its_suffix_is_misread() {
    let lines = [
        line("QUEBEC", 50.0, 10.0, 0),
        line("Harris,Gregory", 50.0, 40.0, 1),
        line("26728 CHERRY CY", 50.0, 70.0, 2),
        line("MONTREAL QC W3T 7L7", 50.0, 100.0, 3),
        line("E0398-897959-21", 50.0, 130.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "CAN", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("E0398-897959-21".into()));
}

#[test]
fn a_specimen_stamp_alone_on_its_line_is_no_name() {
    let lines = [line("SPECIMEN", 50.0, 10.0, 0), line("ROBINSON", 50.0, 100.0, 1), line("AOIFE", 50.0, 130.0, 2)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("AOIFE".into()));
}

#[test]
fn without_labels_the_state_and_labels_are_not_taken_for_names() {
    let lines = [
        line("OREGON", 50.0, 10.0, 0),
        line("DL", 50.0, 40.0, 1),
        line("8003018", 90.0, 40.0, 1),
        line("EXP", 50.0, 70.0, 2),
        line("05-10-2027", 90.0, 70.0, 2),
        line("ROBINSON", 50.0, 100.0, 3),
        line("AOIFE", 50.0, 130.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("AOIFE".into()));
    assert_eq!(p.document_number.map(|r| r.value), Some("8003018".into()));
}

#[test]
fn a_date_labelled_as_something_else_gets_no_role() {
    let lines = [
        line("DOB 01/02/2008", 50.0, 10.0, 0),
        line("UNDER 21 UNTIL 01/02/2029", 50.0, 40.0, 1),
        line("EXP 01/02/2031", 50.0, 70.0, 2),
        line("ISS 05/06/2024", 50.0, 100.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2031, 1, 2)));
    assert_eq!(p.issue_date.map(|r| r.value), Some(date(2024, 5, 6)));
}

#[test]
fn a_vertical_number_is_a_second_reading() {
    let mut v = line("X4B91K2Q7", 10.0, 10.0, 9);
    // Reading downwards.
    v.r#box = [Point::new(10.0, 10.0), Point::new(10.0, 110.0), Point::new(-10.0, 110.0), Point::new(-10.0, 10.0)];
    assert!(is_vertical(&v));
    let p = read(&[v], IdType::Passport, "UTO", today());
    assert!(p.all_numbers.contains(&"X4B91K2Q7".to_string()));
}

#[test]
fn an_aamva_number_is_cut_to_its_states_shape_and_found_by_it_when_unlabelled() {
    // Connecticut numbers its cards with nine digits: the "0" before them is what is left of the "ID" label.
    let lines = [
        line("CONNECTICUT", 100.0, 20.0, 0),
        line("4d0274027178", 200.0, 60.0, 1),
        line("1 IN O'NEIL", 200.0, 85.0, 2),
        line("2 ROBERT", 200.0, 110.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("274027178".into()));
    assert_eq!(p.surname.map(|r| r.value), Some("O'NEIL".into()), "the misread LN label is no part of the name");
    // Without a label OCR recognised, the token of the state's shape (Iowa: 3 digits, 2 letters, 4 digits) is
    // the number; the ZIP code of the address is not.
    let lines = [
        line("IOWA", 100.0, 20.0, 0),
        line("DEN 177PX9564", 200.0, 60.0, 1),
        line("12 MAIN ST", 200.0, 85.0, 2),
        line("SALEM, IA 52101", 200.0, 110.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("177PX9564".into()));
    // "ID No" with its D lost reads "I No": a label, not field 1.
    let lines = [line("California", 100.0, 20.0, 0), line("I No", 70.0, 139.0, 1), line("R9045210", 70.0, 158.0, 2)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("R9045210".into()));
}

#[test]
fn a_label_run_into_its_field_number_or_after_a_misread_one_still_labels() {
    let lines = [
        line("ILN", 200.0, 60.0, 0),
        line("OZTURK", 200.0, 75.0, 1),
        line("da issued", 200.0, 120.0, 2),
        line("10/21/2024", 200.0, 135.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("OZTURK".into()));
    assert_eq!(p.issue_date.map(|r| r.value), Some(date(2024, 10, 21)));
}

#[test]
fn a_row_of_dates_whose_later_labels_were_lost_is_placed_by_order_after_the_labelled_birth_date() {
    let lines = [
        line("WHITE", 100.0, 60.0, 0),
        line("LILY", 100.0, 85.0, 1),
        line("DOB 02/28/1968 s 04/15/2022 02/28/2027", 100.0, 110.0, 2),
    ];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1968, 2, 28)));
    assert_eq!(p.issue_date.map(|r| r.value), Some(date(2022, 4, 15)));
    assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2027, 2, 28)));
}

#[test]
fn a_date_under_a_misread_field_number_is_placed_by_order() {
    // "3." read as "1.": field 1 holds no date, so the date is the earliest one, the birth date.
    let lines = [
        line("1. GARCIA", 200.0, 60.0, 0),
        line("2. ANA", 200.0, 85.0, 1),
        line("1. 13.05.1945 MALAGA", 200.0, 110.0, 2),
        line("29.12.2022", 200.0, 135.0, 3),
        line("28.12.2037", 400.0, 135.0, 3),
        line("s. 86738977", 200.0, 160.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "DNK", today());
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1945, 5, 13)));
    assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2037, 12, 28)));
    assert_eq!(p.document_number.map(|r| r.value), Some("86738977".into()), "field 5 with its 5 read as s");
}

#[test]
fn given_names_right_under_the_surname_are_read_when_their_number_or_label_was_lost() {
    let eu = [
        line("DRIVING LICENCE", 50.0, 10.0, 0),
        line("1 Kuznetsova", 50.0, 40.0, 1),
        line("¿ Nataliya Olena Oksana", 48.0, 62.0, 2),
        line("3 14.03.1988 VILNIUS", 48.0, 84.0, 3),
    ];
    let p = read(&eu, IdType::DriversLicense, "LTU", today());
    assert_eq!(p.given_names.map(|r| r.value), Some("Nataliya Olena Oksana".into()));
    let us =
        [line("IOWA", 50.0, 10.0, 0), line("LN Hernandez", 50.0, 40.0, 1), line("Brandon Tyler Noah", 50.0, 62.0, 2)];
    let p = read(&us, IdType::DriversLicense, "USA", today());
    assert_eq!(p.given_names.map(|r| r.value), Some("Brandon Tyler Noah".into()));
    let misread = [line("1 UN: ROBINSON", 50.0, 40.0, 1), line("2 FN: MASON OLIVER", 50.0, 62.0, 2)];
    let p = read(&misread, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
}

#[test]
fn a_surname_right_above_numbered_given_names_and_specks_after_field_numbers_are_read() {
    let lost_one = [
        line("DELAWARE", 50.0, 10.0, 0),
        line(": O'Connor", 50.0, 40.0, 1),
        line("2 Amelia", 50.0, 62.0, 2),
        line("24968 MAIN ST", 50.0, 84.0, 3),
    ];
    let p = read(&lost_one, IdType::DriversLicense, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("O'Connor".into()), Some("Amelia".into()))
    );
    let specks = [line("1 8 OKAFOR", 50.0, 40.0, 1), line("2 /% DWAYNE CODY", 50.0, 62.0, 2)];
    let p = read(&specks, IdType::DriversLicense, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("OKAFOR".into()), Some("DWAYNE CODY".into()))
    );
}

#[test]
fn stacked_name_labels_and_numbers_are_read_in_field_order_and_colour_codes_are_no_names() {
    let stacked =
        [line("LN ANDERSON", 50.0, 40.0, 1), line("IN DWAYNE", 50.0, 62.0, 2), line("SEY M", 250.0, 100.0, 3)];
    let p = read(&stacked, IdType::GovernmentId, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("ANDERSON".into()), Some("DWAYNE".into()))
    );
    let eu = [line("AJOKORTTI", 50.0, 10.0, 0), line("1 YLÖNEN", 50.0, 40.0, 1), line("1 ELINA", 50.0, 62.0, 2)];
    let p = read(&eu, IdType::DriversLicense, "FIN", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("YLÖNEN".into()), Some("ELINA".into()))
    );
    let look_alike =
        [line("RODRÍGUEZ MUÑOZ", 50.0, 40.0, 1), line("I SERGIO", 50.0, 62.0, 2), line("22107 LAKE RD", 50.0, 84.0, 3)];
    let p = read(&look_alike, IdType::GovernmentId, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("RODRÍGUEZ MUÑOZ".into()), Some("SERGIO".into()))
    );
    let colour = [line("HARRIS", 50.0, 40.0, 1), line("OLIVER ROBERT", 50.0, 62.0, 2), line("2 BLU", 50.0, 140.0, 5)];
    let p = read(&colour, IdType::GovernmentId, "USA", today());
    assert_eq!(p.given_names.map(|r| r.value), Some("OLIVER ROBERT".into()));
    let small_label = [line("1 BEN YOUSSEF", 50.0, 40.0, 1), line("2 is NABIL", 50.0, 62.0, 2)];
    let p = read(&small_label, IdType::GovernmentId, "USA", today());
    assert_eq!(p.given_names.map(|r| r.value), Some("NABIL".into()));
}

#[test]
fn a_given_name_that_is_also_a_label_word_is_the_value_of_its_field_number() {
    let lines = [line("RIJBEWIJS", 50.0, 10.0, 0), line("1. HENDRIKS", 50.0, 40.0, 1), line("2. KOEN", 50.0, 70.0, 2)];
    let p = read(&lines, IdType::DriversLicense, "NLD", today());
    assert_eq!(p.given_names.map(|r| r.value), Some("KOEN".into()));
}

#[test]
fn a_spanish_licence_is_numbered_with_the_holders_dni() {
    let lines = [line("1. GARCIA", 200.0, 60.0, 0), line("2. ANA", 200.0, 85.0, 1), line("12345678Z", 200.0, 160.0, 2)];
    let p = read(&lines, IdType::DriversLicense, "ESP", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("12345678Z".into()));
}

#[test]
fn a_value_set_tight_under_its_label_is_its_value() {
    // Small print: the label's box reaches into the value's.
    let mut label = line("EXP:", 100.0, 197.0, 0);
    label.height = 18.0;
    label.r#box[2].y = 215.0;
    label.r#box[3].y = 215.0;
    let lines = [
        line("DOB 10/12/1951", 100.0, 150.0, 0),
        label,
        line("10/12/2032", 100.0, 206.0, 1),
        line("07/05/2024", 300.0, 260.0, 2),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2032, 10, 12), How::Labelled)));
}

#[test]
fn an_eu_licence_is_read_past_its_flag_code_run_in_names_and_misread_field_five() {
    let lines = [
        line("FIN", 20.0, 90.0, 0),
        line(") MAKINEN", 200.0, 130.0, 1),
        line("2JUKKA", 200.0, 165.0, 2),
        line("3) 16.07.1972 HELSINKI", 200.0, 197.0, 3),
        line("s) WV8824813", 200.0, 280.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "FIN", today());
    assert_eq!(p.surname.map(|r| r.value), Some("MAKINEN".into()), "the flag's country code is no name");
    assert_eq!(p.given_names.map(|r| r.value), Some("JUKKA".into()));
    assert_eq!(p.document_number.map(|r| r.value), Some("WV8824813".into()));
}

#[test]
fn a_number_run_into_its_label_or_behind_a_lost_field_number_is_read() {
    let lines = [line("Alaska", 100.0, 20.0, 0), line("Lic#:5937333", 100.0, 60.0, 1)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("5937333".into()));
    let lines = [line("NEW JERSEY", 100.0, 20.0, 0), line("4 ldn: P2173 65448 03713", 100.0, 60.0, 1)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("P21736544803713".into()));
    // A one-letter first group belongs to the number; a symbol before it does not.
    let lines = [line("MICHIGAN", 100.0, 20.0, 0), line("IONG: F 908 493 528 057", 100.0, 60.0, 1)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("F908493528057".into()));
    let lines = [line("NEW YORK", 100.0, 20.0, 0), line("4d μ 301 517 026", 100.0, 60.0, 1)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("301517026".into()));
}

#[test]
fn a_boxed_field_five_run_into_the_number_in_the_number_column_and_the_flags_sign_are_read_as_such() {
    let lines = [
        line("VOZNISKO DOVOLJENJE", 40.0, 20.0, 0),
        line("SLO", 500.0, 10.0, 0),
        line("DABROWSKA", 43.0, 60.0, 1),
        line("BOZENA", 43.0, 85.0, 2),
        line("317 03 1996 LJUBLJANA", 40.0, 110.0, 3),
        line("4a 22 09 2021", 40.0, 135.0, 4),
        line("4c MARIBOR", 40.0, 160.0, 5),
        line("5014032764", 42.0, 185.0, 6),
    ];
    let p = read(&lines, IdType::DriversLicense, "SVN", today());
    assert_eq!(p.surname.map(|r| r.value), Some("DABROWSKA".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("BOZENA".into()));
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1996, 3, 17)));
    assert_eq!(p.document_number.map(|r| r.value), Some("014032764".into()));
    // Out of the column of field numbers, a number starting with 5 keeps its 5.
    let mut moved = lines.clone();
    moved[7] = line("5014032764", 300.0, 185.0, 6);
    assert_eq!(
        read(&moved, IdType::DriversLicense, "SVN", today()).document_number.map(|r| r.value),
        Some("5014032764".into())
    );
}

#[test]
fn a_date_with_spaces_is_no_field_ten_and_the_categories_are_no_number_or_name() {
    let lines = [
        line("ADEYEMI", 85.0, 60.0, 0),
        line("BRITTANY ISABELLA", 85.0, 85.0, 1),
        line("26 09 1963 GALWAY", 85.0, 110.0, 2),
        line("10 04 2020", 85.0, 135.0, 3),
        line("4 10 04 2030", 190.0, 135.0, 3),
        line("AM A1 A2 B C1E CE", 85.0, 185.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "IRL", today());
    assert_eq!(p.issue_date.map(|r| r.value), Some(date(2020, 4, 10)));
    assert_eq!(p.document_number, None);
    let run_in = [line("1Fontaine", 85.0, 60.0, 0), line("Anne-Claire Apolline", 85.0, 85.0, 1)];
    let p = read(&run_in, IdType::DriversLicense, "FRA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Fontaine".into()));
    let run_in = [line("1DE BOER", 85.0, 60.0, 0), line("2LUUK JEROEN", 85.0, 85.0, 1)];
    let p = read(&run_in, IdType::DriversLicense, "NLD", today());
    assert_eq!(p.surname.map(|r| r.value), Some("DE BOER".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("LUUK JEROEN".into()));
    let names = [line("B BE", 85.0, 60.0, 0), line("NGUYEN", 85.0, 85.0, 1), line("THANH TUNG", 85.0, 110.0, 2)];
    let p = read(&names, IdType::DriversLicense, "ESP", today());
    assert_eq!(p.surname.map(|r| r.value), Some("NGUYEN".into()));
}

#[test]
fn title_case_names_above_an_eu_licences_birth_date_are_the_names_and_a_signatures_initial_is_no_field_one() {
    let lines = [
        line("RIJBEWIJS", 210.0, 20.0, 0),
        line("Al-Hashimi", 240.0, 60.0, 1),
        line("Ahmad", 240.0, 85.0, 2),
        line("26 06 1946 'S-GRAVENHAGE", 242.0, 110.0, 3),
        line("1868397725", 245.0, 160.0, 4),
        line("A. Al-Hashimi", 600.0, 190.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "NLD", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Al-Hashimi".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Ahmad".into()));
    let lines = [
        line("KHMELNYTSKA", 126.0, 60.0, 1),
        line("IRYNA", 126.0, 85.0, 2),
        line("19.05.1999 LJUBLJANA", 130.0, 110.0, 3),
        line("I. Khmelnytska", 600.0, 190.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "SVN", today());
    assert_eq!(p.surname.map(|r| r.value), Some("KHMELNYTSKA".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("IRYNA".into()));
    // The signature's initial read as field 1 does not make it the surname field.
    let lines = [
        line("DORDEVIĆ", 122.0, 60.0, 1),
        line("IRYNA", 126.0, 85.0, 2),
        line("03 07 1988 VILNIUS", 130.0, 110.0, 3),
        line("1. Dordević", 600.0, 190.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "LTU", today());
    assert_eq!(p.surname.map(|r| r.value), Some("DORDEVIĆ".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("IRYNA".into()));
    // Given names follow the labelled surname: a line above it is none ("2" misread as "1" under a surname
    // whose number was lost).
    let lines =
        [line("KOVACS", 100.0, 60.0, 1), line("1 ANNA", 96.0, 85.0, 2), line("12.03.1980 GYOR", 96.0, 110.0, 3)];
    let p = read(&lines, IdType::DriversLicense, "HUN", today());
    assert_ne!(p.given_names.map(|r| r.value), Some("KOVACS".into()));
    // A title garbled past recognition above them is no name.
    let lines = [
        line("KOREKORT", 55.0, 20.0, 0),
        line("THORISDOTTIR", 60.0, 60.0, 1),
        line("MIKKEL", 64.0, 85.0, 2),
        line("321 10 1984 AALBORG", 68.0, 110.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "DNK", today());
    assert_eq!(p.surname.map(|r| r.value), Some("THORISDOTTIR".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("MIKKEL".into()));
}

#[test]
fn field_numbers_alone_on_their_lines_label_the_values_beside_them() {
    let lines = [
        line("VASILYEV", 130.0, 60.0, 0),
        line("MARIYA", 130.0, 85.0, 1),
        line("28/10/1999 ZAGREB", 130.0, 110.0, 2),
        line("4b", 98.0, 135.0, 3),
        line("09/06/2040", 140.0, 135.0, 3),
        line("4a", 98.0, 160.0, 4),
        line("10/06/2025", 140.0, 160.0, 4),
        line("005542572", 113.0, 185.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "HRV", today());
    assert_eq!(p.issue_date.map(|r| (r.value, r.how)), Some((date(2025, 6, 10), How::Labelled)));
    assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2040, 6, 9), How::Labelled)));
    assert_eq!(p.document_number.map(|r| r.value), Some("005542572".into()), "the only number of a licence is its own");
}

#[test]
fn a_garbled_title_on_the_state_names_row_is_no_name_and_the_names_under_the_header_are() {
    let lines = [
        line("OKLAHOMA", 100.0, 40.0, 0),
        line("URVERS UCENGE", 440.0, 20.0, 0),
        line("MACDONALD", 100.0, 80.0, 1),
        line("ISABELLA BROOKLYN", 100.0, 105.0, 2),
        line("249 MAPLE DR", 100.0, 135.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("MACDONALD".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("ISABELLA BROOKLYN".into()));
}

#[test]
fn a_small_field_number_run_into_its_value_and_a_lost_4b_before_its_label_are_read() {
    let lines = [
        line("IOWA", 100.0, 20.0, 0),
        line("4d627BJ5873", 100.0, 60.0, 1),
        line("1 ALLEN", 100.0, 85.0, 2),
        line("2 JACK", 100.0, 110.0, 3),
        line("3 06/04/2008", 100.0, 135.0, 4),
        line("4EXP 06/04/2029", 300.0, 160.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("627BJ5873".into()));
    assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2029, 6, 4)));
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(2008, 6, 4)));
}

#[test]
fn title_case_names_right_above_the_street_are_the_holders_and_the_signature_stays_a_second_printing() {
    let lines = [
        line("Florida", 50.0, 10.0, 0),
        line("DRIVER LICENSE", 300.0, 10.0, 0),
        line("DL", 50.0, 40.0, 1),
        line("G768-067-93-621-7", 90.0, 40.0, 1),
        line("Papageorgiou", 50.0, 70.0, 2),
        line("Ryan", 50.0, 92.0, 3),
        line("21061 RIVER RD", 50.0, 114.0, 4),
        line("CLINTON, FL 40332", 50.0, 136.0, 5),
        line("Ryan Papageorgiou", 260.0, 170.0, 6),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Papageorgiou".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Ryan".into()));
    assert!(p.signature_lines.iter().any(|s| s == "Ryan Papageorgiou"), "{:?}", p.signature_lines);

    // Small field numbers misread as letters before the names are no part of them.
    let marked = [
        line("x Allen", 50.0, 70.0, 0),
        line("is Oliver", 50.0, 92.0, 1),
        line("36451 MAIN ST", 50.0, 114.0, 2),
        line("FAIRVIEW. WA 11655", 50.0, 136.0, 3),
    ];
    let p = read(&marked, IdType::DriversLicense, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("Allen".into()), Some("Oliver".into()))
    );

    // Far above the street, or with a label line between, title case is not taken for a name.
    let far =
        [line("Papageorgiou", 50.0, 20.0, 0), line("Ryan", 50.0, 42.0, 1), line("21061 RIVER RD", 50.0, 114.0, 2)];
    assert_eq!(read(&far, IdType::DriversLicense, "USA", today()).surname, None);
}

#[test]
fn a_name_label_over_two_stacked_lines_reads_the_surname_then_the_given_names() {
    // Tight lines: the detector's padded boxes overlap by almost half a line.
    let lines = [
        line("DRIVER LICENSE", 300.0, 10.0, 0),
        line("NAME", 50.0, 50.0, 1),
        line("Anderson", 50.0, 66.0, 2),
        line("Samantha Ashley Ava", 50.0, 77.0, 3),
        line("Samantha Anderson", 260.0, 170.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Anderson".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Samantha Ashley Ava".into()));
}

#[test]
fn name_cells_side_by_side_read_across_and_each_label_takes_the_value_in_its_own_column() {
    // The surname's label was lost: the name line left of the labelled given names, on their row, is it.
    let lines = [
        line("FIRST NAME", 250.0, 40.0, 0),
        line("Ben Youssef", 50.0, 62.0, 1),
        line("Nabil", 250.0, 62.0, 1),
        line("BLK", 50.0, 120.0, 2),
    ];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("Ben Youssef".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Nabil".into()));

    // A long surname runs on under the next cell's label: that label's value is the one starting under it.
    let lines = [
        line("1 SURNAME", 50.0, 40.0, 0),
        line("2 GIVEN NAMES", 250.0, 40.0, 0),
        line("FITZPATRICK-HUGHES", 50.0, 62.0, 1),
        line("BROOKLYN", 252.0, 63.0, 1),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("FITZPATRICK-HUGHES".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("BROOKLYN".into()));
}

#[test]
fn garbled_label_lines_and_colour_codes_are_no_names() {
    let lines = [
        line("ORVER LCENSE NO", 50.0, 20.0, 0),
        line("ENP DATE", 50.0, 40.0, 1),
        line("FIRST MIDOLE", 50.0, 60.0, 2),
        line("BLK", 50.0, 80.0, 3),
        line("KOWALSKI", 50.0, 100.0, 4),
        line("DWAYNE MATTHEW", 50.0, 120.0, 5),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("KOWALSKI".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("DWAYNE MATTHEW".into()));
}

#[test]
fn a_field_number_run_into_its_label_and_a_number_sign_read_as_a_letter_leave_the_label() {
    let lines = [
        line("INAME", 50.0, 40.0, 0),
        line("WILLIAMS", 50.0, 62.0, 1),
        line("RYAN", 50.0, 80.0, 2),
        line("DL W", 50.0, 120.0, 3),
        line("R-506-378-378-309", 50.0, 142.0, 4),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("WILLIAMS".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("RYAN".into()));
    assert_eq!(p.document_number.map(|r| (r.value, r.how)), Some(("R-506-378-378-309".into(), How::Labelled)));
}

#[test]
fn a_numbered_name_field_whose_label_was_garbled_takes_the_larger_name_right_under_it() {
    let mut label = line("1 NAMIE", 50.0, 40.0, 0);
    label.height = 15.0;
    label.r#box[2].y = 55.0;
    label.r#box[3].y = 55.0;
    let lines = [label.clone(), line("McCarthy", 50.0, 56.0, 1), line("Noah", 50.0, 78.0, 2)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("McCarthy".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Noah".into()));

    // Printed as large as the line under it, "NAMIE" is the holder's own name.
    let lines = [line("1 NAMIE", 50.0, 40.0, 0), line("2 NOAH", 50.0, 62.0, 1)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("NAMIE".into()));
}

#[test]
fn letters_before_a_numbered_fields_number_are_its_prefix_not_another_fields_label() {
    let lines = [line("5. WT 485073", 50.0, 40.0, 0)];
    let p = read(&lines, IdType::DriversLicense, "CZE", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("WT485073".into()));
}

#[test]
fn an_unlabelled_licence_number_is_never_a_date_and_may_follow_a_misread_label() {
    // "4a ISS 11-16-2026" with its field number and label misread: the date is no number (in either order).
    let lines = [line("4155 11-16-2026", 50.0, 40.0, 0), line("JCNO 76733917", 50.0, 62.0, 1)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("76733917".into()));
    // Washington numbers carry few digits; the state's shape still finds one after a misread "DLN".
    let lines = [line("Washington", 50.0, 10.0, 0), line("DIN WDLYST5HJHNP", 50.0, 40.0, 1)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("WDLYST5HJHNP".into()));
}

#[test]
fn misread_ln_and_fn_labels_alone_on_their_lines_label_the_names_under_them() {
    let lines = [
        line("UN", 50.0, 40.0, 0),
        line("SULLIVAN", 50.0, 56.0, 1),
        line("PN", 50.0, 80.0, 2),
        line("ASHLEY", 50.0, 96.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("SULLIVAN".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("ASHLEY".into()));

    // An "IN" alone may be FN misread beside its value: it labels nothing.
    let lines = [line("WHITE", 90.0, 40.0, 0), line("IN", 50.0, 62.0, 1), line("ETHAN", 90.0, 62.0, 1)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(
        (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
        (Some("WHITE".into()), Some("ETHAN".into()))
    );
}

#[test]
fn misread_number_labels_and_field_numbers_leave_the_licence_number_and_a_glued_street_is_a_street() {
    let lines = [line("4d UICNo HI493119D", 50.0, 40.0, 0)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("HI493119D".into()));
    let lines = [line("10 E13-74-2115", 50.0, 40.0, 0)];
    let p = read(&lines, IdType::GovernmentId, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("E13-74-2115".into()));
    assert!(is_address("7492 MANNST"));
    assert!(!is_address("7492 MANN"));
    assert!(!is_address("1 HOWARD") && !is_address("2 ERNEST"), "numbered names are no streets");
}

#[test]
fn a_printed_nationality_code_no_country_has_is_repaired_by_one_look_alike() {
    let lines = [line("Nationality", 50.0, 40.0, 0), line("OEU", 50.0, 62.0, 1)];
    let p = read(&lines, IdType::Passport, "DEU", today());
    assert_eq!(p.nationality.map(|r| r.value), Some("DEU".into()));
}

#[test]
fn an_age_notice_date_is_no_expiry() {
    let lines = [
        line("AGE 18 ON 04/13/2032", 50.0, 20.0, 0),
        line("04/13/2029", 50.0, 40.0, 1),
        line("12/12/2024", 50.0, 60.0, 2),
        line("DOB 04/13/2014", 50.0, 80.0, 3),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.expiry_date.map(|r| r.value), NaiveDate::from_ymd_opt(2029, 4, 13));
}

#[test]
fn a_symbol_printed_after_a_number_is_no_part_of_it() {
    let lines = [line("DL NO", 50.0, 40.0, 0), line("A970-2794-4834-29★", 50.0, 62.0, 1)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.document_number.map(|r| r.value), Some("A970-2794-4834-29".into()));
    // A decomposed accent at the end of a word is part of it, not a symbol after it.
    let accented = line("JOSE\u{301}", 50.0, 40.0, 0);
    assert_eq!(segment(&accented, None, 0.0).text, "JOSE\u{301}");
}

#[test]
fn a_comma_read_as_a_full_stop_still_parts_last_from_first() {
    let lines = [line("IGLESIAS MONTES.ALBA VERÓNICA", 50.0, 40.0, 0)];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(p.surname.map(|r| r.value), Some("IGLESIAS MONTES".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("ALBA VERÓNICA".into()));
    assert_eq!(comma_read_as_full_stop("ST.JOHN".into()), "ST.JOHN", "an abbreviation keeps its full stop");
    assert_eq!(comma_read_as_full_stop("12.09.1994".into()), "12.09.1994");
}

#[test]
fn a_value_a_row_lower_and_a_column_over_is_not_the_label_beside_it() {
    // "ISS DATE" sits above its date; the date of the next cell, on the tilted page, is nearly level with it.
    let lines = [
        line("ISS DATE", 50.0, 40.0, 0),
        line("07/24/2029", 150.0, 48.0, 0),
        line("08/08/2024", 50.0, 62.0, 1),
        line("07/24/1962", 300.0, 62.0, 1),
    ];
    let p = read(&lines, IdType::DriversLicense, "USA", today());
    assert_eq!(
        p.issue_date.map(|r| (r.value, r.how)),
        Some((NaiveDate::from_ymd_opt(2024, 8, 8).unwrap(), How::Labelled))
    );
}

#[test]
fn the_line_a_name_was_read_from_is_no_second_printing_of_it() {
    // A card that prints its one-line name in title case: that line is the name, not its signature.
    let lines = [line("Government of India", 100.0, 20.0, 0), line("Rahul Kumar Sharma", 100.0, 60.0, 1)];
    let p = read(&lines, IdType::Aadhaar, "IND", today());
    assert_eq!(p.surname.as_ref().map(|r| r.value.as_str()), Some("Sharma"));
    assert!(!p.signature_lines.iter().any(|s| s == "Rahul Kumar Sharma"), "{:?}", p.signature_lines);
}

#[test]
fn an_australian_licence_names_its_state_in_the_header_and_the_holder_given_names_first() {
    let lines = [
        line("NEW SOUTH WALES", 40.0, 20.0, 0),
        line("AUSTRALIA", 700.0, 20.0, 0),
        line("DRIVER LICENCE", 40.0, 50.0, 1),
        line("Mary Ellen VAN DER BERG", 300.0, 90.0, 2),
        line("12 GEORGE ST", 300.0, 115.0, 3),
        line("SYDNEY NSW 2000", 300.0, 140.0, 4),
        line("Licence No.", 300.0, 180.0, 5),
        line("Date of Birth", 520.0, 180.0, 5),
        line("40626074", 300.0, 202.0, 6),
        line("12 JAN 1967", 520.0, 202.0, 6),
    ];
    let p = read(&lines, IdType::DriversLicense, "AUS", today());
    assert_eq!(p.surname.map(|r| r.value), Some("VAN DER BERG".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("Mary Ellen".into()));
    // No ISO 18013 field numbers on these cards: "12 JAN 1967" is a date, not field 12.
    assert_eq!(p.birth_date.map(|r| r.value), Some(date(1967, 1, 12)));
    assert_eq!(p.document_number.map(|r| r.value), Some("40626074".into()));
}

#[test]
fn the_state_and_country_lines_of_an_australian_header_are_no_names() {
    let lines =
        [line("QUEENSLAND", 40.0, 20.0, 0), line("AUSTRALIA", 40.0, 45.0, 1), line("JENNIFER MOORE", 300.0, 90.0, 2)];
    let p = read(&lines, IdType::DriversLicense, "AUS", today());
    assert_eq!(p.surname.map(|r| r.value), Some("MOORE".into()));
    assert_eq!(p.given_names.map(|r| r.value), Some("JENNIFER".into()));
}

#[test]
fn a_month_abbreviation_means_what_it_means_in_the_documents_language() {
    // "LIS" is listopad: October in Croatian, November in Polish.
    let lines = [line("Datum izdavanja / Date of issue", 100.0, 50.0, 0), line("14 LIS/OCT 2019", 100.0, 72.0, 1)];
    let hr = read(&lines, IdType::Passport, "HRV", today());
    assert_eq!(hr.issue_date.map(|r| r.value), Some(date(2019, 10, 14)));
    let lines = [line("Data wydania / Date of issue", 100.0, 50.0, 0), line("14 LIS 2019", 100.0, 72.0, 1)];
    let pl = read(&lines, IdType::Passport, "POL", today());
    assert_eq!(pl.issue_date.map(|r| r.value), Some(date(2019, 11, 14)));
    // A month in a language the old tables did not have (Turkish "EKİ", Greek "ΟΚΤ").
    let lines = [line("Date of issue", 100.0, 50.0, 0), line("03 EKİ 2020", 100.0, 72.0, 1)];
    let tr = read(&lines, IdType::Passport, "TUR", today());
    assert_eq!(tr.issue_date.map(|r| r.value), Some(date(2020, 10, 3)));
}

#[test]
fn a_labelled_personal_number_of_the_countrys_scheme_checks_itself_and_a_date_does_not() {
    // PESEL 7801011234C: weights 1-3-7-9, C = (10 - sum mod 10) mod 10.
    let body = [7, 8, 0, 1, 0, 1, 1, 2, 3, 4];
    let check = (10 - body.iter().zip([1, 3, 7, 9, 1, 3, 7, 9, 1, 3]).map(|(a, w)| a * w).sum::<u32>() % 10) % 10;
    let licence = |pesel: &str| {
        [
            line(&format!("4d. {pesel}"), 100.0, 50.0, 0),
            line("3. 01.01.1978", 100.0, 80.0, 1),
            line("5. AB1234567", 100.0, 110.0, 2),
        ]
    };
    let pesel = format!("7801011234{check}");
    let p = read(&licence(&pesel), IdType::DriversLicense, "POL", today());
    assert_eq!(
        p.personal_number.as_ref().map(|r| (r.value.as_str(), r.how)),
        Some((pesel.as_str(), How::SelfChecking))
    );
    let misread = format!("7801011234{}", (check + 1) % 10);
    let p = read(&licence(&misread), IdType::DriversLicense, "POL", today());
    assert_ne!(p.personal_number.map(|r| r.how), Some(How::SelfChecking));
}

#[test]
fn a_page_photographed_a_quarter_turn_round_reads_as_the_upright_page() {
    let upright = [
        line("Nazwisko / Surname", 100.0, 50.0, 0),
        line("NOWICKA", 100.0, 72.0, 1),
        line("Imiona / Given names", 100.0, 100.0, 2),
        line("EWA", 100.0, 122.0, 3),
    ];
    // The phone held upright: the card's text runs up the photo (x, y) -> (y, W - x), corners in reading order.
    let turned: Vec<OcrLine> = upright
        .iter()
        .map(|l| OcrLine { r#box: l.r#box.map(|p| Point::new(p.y, 1000.0 - p.x)), ..l.clone() })
        .collect();
    for lines in [&upright[..], &turned[..]] {
        let p = read(lines, IdType::Passport, "POL", today());
        assert_eq!(p.surname.map(|r| r.value), Some("NOWICKA".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("EWA".into()));
    }
}
