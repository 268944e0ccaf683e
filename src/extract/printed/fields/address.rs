//! Address lines: a street or a "CITY, ST 12345" line, whose numbers are house numbers and postal codes.

use super::super::lexicon;

/// A street line or a "CITY, ST 12345" line: its numbers are house numbers and postal codes.
pub(in crate::extract::printed) fn is_address(text: &str) -> bool {
    let norm = crate::extract::text::normalise(text);
    let words: Vec<&str> = norm.split(' ').collect();
    let has_digits = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    // "7492 MANNST": the street's suffix run into its name, after a house number.
    // (A house number has three digits or more: "1 HOWARD" and "2 ERNEST" are numbered name fields.)
    let glued = words.first().is_some_and(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_digit()))
        && words.len() == 2
        && words.last().is_some_and(|w| {
            w.chars().count() >= 5
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && lexicon::STREET_WORDS
                    .iter()
                    .any(|s| s.chars().count() >= 2 && w.ends_with(s) && w.len() > s.len() + 2)
        });
    let street = words.iter().any(|w| lexicon::STREET_WORDS.contains(w)) || glued;
    let zip = |w: &&str| w.chars().filter(char::is_ascii_digit).count() >= 4;
    // "CITY, ST 12345", or without its comma "CITY ST 12345-6789" (a two-letter state before a ZIP code).
    let state_zip = (2..words.len()).any(|k| {
        let state = words[k - 1];
        crate::extract::barcode::aamva::JURISDICTIONS.iter().any(|j| j.code == state)
            && words[k - 2].chars().filter(|c| c.is_alphabetic()).count() >= 3
            && words[k - 2].chars().all(char::is_alphabetic)
            && zip(&words[k])
            && k + 2 >= words.len()
    });
    let city_state_zip = (text.contains(',') && words.last().is_some_and(zip)) || state_zip;
    has_digits && words.len() >= 2 && (street || city_state_zip)
}
