//! Property tests of the MRZ parser: a random TD3 MRZ round-trips, and one corrupted character is caught by a
//! check digit or repaired back, never silently accepted as a different value.

use chrono::NaiveDate;
use kyc::extract::mrz::{self, check_digit};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn cd(s: &str) -> char {
    char::from(b'0' + check_digit(s).unwrap())
}

prop_compose! {
    fn td3()(surname in "[A-Z]{2,12}", given in "[A-Z]{2,10}", number in "[A-Z0-9]{9}",
             by in 30u32..99, bm in 1u32..13, bd in 1u32..29, ey in 27u32..40, em in 1u32..13, ed in 1u32..29,
             sex in prop::sample::select(vec!['M', 'F', '<']), personal in "[A-Z0-9]{0,14}")
        -> (Vec<String>, String, String, String, String, String) {
        let birth = format!("{by:02}{bm:02}{bd:02}");
        let expiry = format!("{ey:02}{em:02}{ed:02}");
        let l1 = format!("{:<<44}", format!("P<UTO{surname}<<{given}"));
        let optional = format!("{personal:<<14}");
        let body = format!("{number}{}UTO{birth}{}{sex}{expiry}{}{optional}{}", cd(&number), cd(&birth), cd(&expiry), cd(&optional));
        let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
        let l2 = format!("{body}{}", cd(&composite));
        (vec![l1, l2], surname, given, number, birth, expiry)
    }
}

proptest! {
    #[test]
    fn a_random_td3_round_trips((lines, surname, given, number, birth, expiry) in td3()) {
        let m = mrz::parse(&lines, today()).expect("parses");
        prop_assert!(m.checks.all_pass(), "{:?}", m.checks);
        prop_assert_eq!(m.surname, surname);
        prop_assert_eq!(m.given_names, given);
        prop_assert_eq!(m.document_number, number);
        prop_assert_eq!(m.birth_date.unwrap().format("%y%m%d").to_string(), birth);
        prop_assert_eq!(m.expiry_date.unwrap().format("%y%m%d").to_string(), expiry);
    }

    #[test]
    fn one_wrong_digit_in_a_checked_field_never_passes_as_another_value(
        (lines, _s, _g, number, birth, expiry) in td3(), pos in prop::sample::select(vec![13usize, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26]), delta in 1u8..10)
    {
        let mut l2: Vec<char> = lines[1].chars().collect();
        let c = l2[pos];
        l2[pos] = char::from(b'0' + ((c as u8 - b'0' + delta) % 10));
        let corrupted = vec![lines[0].clone(), l2.into_iter().collect()];
        let m = mrz::parse(&corrupted, today()).expect("parses");
        let birth_read = m.birth_date.map(|d| d.format("%y%m%d").to_string());
        let expiry_read = m.expiry_date.map(|d| d.format("%y%m%d").to_string());
        // Either the check digit flags the field, or the value is still the true one.
        prop_assert!(!m.checks.birth_date || birth_read.as_deref() == Some(birth.as_str()));
        prop_assert!(!m.checks.expiry_date || expiry_read.as_deref() == Some(expiry.as_str()));
        prop_assert!(!m.checks.all_pass());
        prop_assert_eq!(m.document_number, number);
    }
}
