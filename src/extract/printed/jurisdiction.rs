//! Licence and ID-card numbers by issuing jurisdiction: the US states, and the United Kingdom's licence.
//!
//! Each state numbers its cards in a few published shapes (one letter and seven digits in California, nine digits
//! in Connecticut). The shapes are public facts about the documents, not about any holder; they let the reader
//! tell a number from the label remnants OCR runs into it ("4d0274027178" on a nine-digit state is field 4d and
//! "0274027178" is not a number there, "274027178" is) and find an unlabelled number among the other tokens. A
//! shape never makes a value accepted: that takes the barcode.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// Number shapes by jurisdiction code, over the number's letters and digits only (spaces and dashes dropped).
/// Where a state issues more shapes than listed, an unlisted one simply does not fit: the reader then keeps the
/// number as read.
const SHAPES: &[(&str, &str)] = &[
    ("AL", r"\d{7,8}"),
    ("AK", r"\d{7}"),
    ("AZ", r"[A-Z]\d{8}|\d{9}"),
    ("AR", r"\d{8,9}"),
    ("CA", r"[A-Z]\d{7}"),
    ("CO", r"\d{9}|[A-Z]\d{3,6}|[A-Z]{2}\d{2,5}"),
    ("CT", r"\d{9}"),
    ("DE", r"\d{5,7}"),
    ("DC", r"\d{7}|\d{9}"),
    ("FL", r"[A-Z]\d{12}"),
    ("GA", r"\d{7,9}"),
    ("HI", r"[A-Z]\d{8}|\d{9}"),
    ("ID", r"[A-Z]{2}\d{6}[A-Z]|\d{9}"),
    ("IL", r"[A-Z]\d{11,12}"),
    ("IN", r"[A-Z]\d{9}|\d{9,10}"),
    ("IA", r"\d{9}|\d{3}[A-Z]{2}\d{4}"),
    ("KS", r"[A-Z]\d[A-Z]\d[A-Z]|[A-Z]\d{8}|\d{9}"),
    ("KY", r"[A-Z]\d{8,9}|\d{9}"),
    ("LA", r"\d{7,9}"),
    ("ME", r"\d{7}[A-Z]?|\d{8}"),
    ("MD", r"[A-Z]\d{12}"),
    ("MA", r"[A-Z]\d{8}|\d{9}"),
    ("MI", r"[A-Z]\d{10}|[A-Z]\d{12}"),
    ("MN", r"[A-Z]\d{12}"),
    ("MS", r"\d{9}"),
    ("MO", r"[A-Z]\d{5,9}|[A-Z]\d{6}R|\d{8}[A-Z]{2}|\d{9}[A-Z]|\d{9}"),
    ("MT", r"[A-Z]\d{8}|\d{9}|\d{13,14}"),
    ("NE", r"[A-Z]\d{6,8}"),
    ("NV", r"\d{9,10}|\d{12}|X\d{8}"),
    ("NH", r"\d{2}[A-Z]{3}\d{5}"),
    ("NJ", r"[A-Z]\d{14}"),
    ("NM", r"\d{8,9}"),
    ("NY", r"[A-Z]\d{7}|[A-Z]\d{18}|\d{8,9}|\d{16}|[A-Z]{8}"),
    ("NC", r"\d{6,12}"),
    ("ND", r"[A-Z]{3}\d{6}|\d{9}"),
    ("OH", r"[A-Z]\d{4,8}|[A-Z]{2}\d{3,7}|\d{8}"),
    ("OK", r"[A-Z]\d{9}|\d{9}"),
    ("OR", r"\d{6,9}|[A-Z]\d{6}"),
    ("PA", r"\d{8}"),
    ("RI", r"\d{7}|[A-Z]\d{6}"),
    ("SC", r"\d{5,11}"),
    ("SD", r"\d{6,10}|\d{12}"),
    ("TN", r"\d{7,9}"),
    ("TX", r"\d{7,8}"),
    ("UT", r"\d{4,10}"),
    ("VT", r"\d{8}|\d{7}A"),
    ("VA", r"[A-Z]\d{8,11}|\d{9}"),
    ("WA", r"WDL[A-Z0-9]{9}|[A-Z*]{1,7}[A-Z0-9*]{5}"),
    ("WV", r"\d{7}|[A-Z]{1,2}\d{5,6}"),
    ("WI", r"[A-Z]\d{13}"),
    ("WY", r"\d{9,10}"),
    // The United Kingdom's licence number: five letters of the surname (9-padded), the birth date with the month
    // +50 for women, two initials (9-padded), then a digit and check letters.
    // (Some print a further check character: the last group is three or four letters and digits.)
    ("GBR", r"[A-Z9]{5}\d{6}[A-Z9]{2}[A-Z0-9]{3,4}"),
];

static COMPILED: LazyLock<HashMap<&'static str, Regex>> = LazyLock::new(|| {
    SHAPES.iter().map(|(code, re)| (*code, Regex::new(&format!("^(?:{re})$")).expect("shape regex"))).collect()
});

/// The jurisdiction code a card's header names ("NEW HAMPSHIRE", "New Mexico"), if the text is a state's name.
pub fn from_name(text: &str) -> Option<&'static str> {
    let norm = crate::extract::text::normalise(text);
    crate::extract::barcode::aamva::JURISDICTIONS
        .iter()
        .find(|j| crate::extract::text::normalise(j.name) == norm)
        .map(|j| j.code)
}

/// Whether `number` (as printed, with its spaces and dashes) has one of the jurisdiction's shapes; `None` when the
/// jurisdiction's shapes are not known here.
pub fn fits(code: &str, number: &str) -> Option<bool> {
    let plain: String = number.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    COMPILED.get(code).map(|re| re.is_match(&plain))
}

/// A number read with label remnants before it ("0274027178" after a misread "4d ID", "IONO009336670", "40" for
/// "4d" before "85-508-5673"): the shortest tail, at most five characters shorter, that has the jurisdiction's
/// shape, when the whole does not.
pub fn without_label_remnant(code: &str, number: &str) -> Option<String> {
    if fits(code, number)? {
        return None;
    }
    let chars: Vec<(usize, char)> = number.char_indices().collect();
    let mut dropped = 0;
    for &(i, c) in &chars {
        if dropped > 0 && c.is_ascii_alphanumeric() {
            let tail = number[i..].trim_start_matches(['-', ' ']);
            if fits(code, tail) == Some(true) {
                return Some(tail.to_owned());
            }
        }
        if c.is_ascii_alphanumeric() {
            dropped += 1;
            if dropped > 5 {
                break;
            }
        }
    }
    None
}

/// Characters OCR takes for each other: the MRZ's look-alike table (each digit with its letters), and D for O.
fn look_alikes() -> impl Iterator<Item = (char, char)> {
    crate::extract::mrz::repair::LOOK_ALIKES
        .iter()
        .filter(|(d, _)| d.is_ascii_digit())
        .flat_map(|&(d, letters)| letters.chars().map(move |l| (l, d)))
        .chain([('D', 'O')])
}

/// The number in the jurisdiction's shape: as read when it fits; else with label remnants dropped
/// ([`without_label_remnant`]); else with one letter/digit look-alike swapped ("WOL16J4B9MYC" is "WDL16J4B9MYC" in
/// Washington), when exactly one swap fits. `None` when nothing fits or the jurisdiction is not known here.
pub fn in_shape(code: &str, number: &str) -> Option<String> {
    if fits(code, number)? {
        return Some(number.to_owned());
    }
    if let Some(tail) = without_label_remnant(code, number) {
        return Some(tail);
    }
    let chars: Vec<char> = number.chars().collect();
    let mut found: Vec<String> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        for (a, b) in look_alikes() {
            // A letter read as a digit goes back to the digit's first look-alike only (0 is O, not D, Q or U).
            let first_letter = |d: char| crate::extract::mrz::repair::to_alpha(d);
            let swapped = if c == a {
                b
            } else if c == b && (a == first_letter(b) || !b.is_ascii_digit()) {
                a
            } else {
                continue;
            };
            let mut v = chars.clone();
            v[i] = swapped;
            let candidate: String = v.into_iter().collect();
            if fits(code, &candidate) == Some(true) && !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_of_the_states_shape_fits_and_label_remnants_before_it_are_dropped() {
        assert_eq!(fits("CT", "274027178"), Some(true));
        assert_eq!(fits("CT", "0274027178"), Some(false));
        assert_eq!(without_label_remnant("CT", "0274027178").as_deref(), Some("274027178"));
        assert_eq!(without_label_remnant("CO", "4085-508-5673").as_deref(), Some("85-508-5673"));
        assert_eq!(without_label_remnant("LA", "IONO009336670").as_deref(), Some("009336670"));
        assert_eq!(without_label_remnant("CA", "D1234567").as_deref(), None, "a number that fits is kept");
        assert_eq!(without_label_remnant("ZZ", "0274027178"), None, "an unknown jurisdiction changes nothing");
        assert_eq!(fits("MI", "S 123 456 789 012"), Some(true));
        assert_eq!(in_shape("WA", "WOL16J4B9MYC").as_deref(), Some("WDL16J4B9MYC"), "one look-alike swapped");
        assert_eq!(in_shape("CA", "D1234567").as_deref(), Some("D1234567"));
        assert_eq!(in_shape("TX", "1234"), None, "nothing fits: no value is made up");
        assert_eq!(in_shape("GBR", "ALLEN6091880991BZ").as_deref(), Some("ALLEN609188O991BZ"), "an initial read as 0");
    }

    #[test]
    fn a_header_names_its_jurisdiction_in_any_case() {
        assert_eq!(from_name("NEW HAMPSHIRE"), Some("NH"));
        assert_eq!(from_name("New Mexico"), Some("NM"));
        assert_eq!(from_name("DRIVER LICENSE"), None);
    }
}
