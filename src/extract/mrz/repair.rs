//! Look-alike characters: one table for the two directions OCR confuses them in, and the check-digit-guided repair
//! of alphanumeric fields (the document number), which accepts only unique solutions.

/// Digits and the letters OCR reads for them (and the reverse); the filler `<` and K as well.
pub const LOOK_ALIKES: &[(char, &str)] =
    &[('0', "ODQU"), ('1', "ILJT"), ('2', "Z"), ('4', "A"), ('5', "S"), ('6', "G"), ('8', "B"), ('<', "K")];

/// The digit a letter stands for where only a digit may be (O -> 0); other characters unchanged.
pub fn to_digit(c: char) -> char {
    LOOK_ALIKES.iter().find(|(d, letters)| d.is_ascii_digit() && letters.contains(c)).map_or(c, |&(d, _)| d)
}

/// The letter a digit stands for where only a letter may be (0 -> O); other characters unchanged. A 3 there is a
/// J (the recogniser's commonest misreading of it in names); it stays out of [`LOOK_ALIKES`], whose pairs also drive
/// the repair of number fields, where it would only make repairs ambiguous.
pub fn to_alpha(c: char) -> char {
    if !c.is_ascii_digit() {
        return c;
    }
    if c == '3' {
        return 'J';
    }
    LOOK_ALIKES.iter().find(|(d, _)| *d == c).and_then(|(_, letters)| letters.chars().next()).unwrap_or(c)
}

/// The characters OCR may have read instead of `c`, in the other class, that the check digits can tell from it:
/// G for 6 (or L for 1, K for the filler) weighs the same modulo 10, so a check digit can never prefer one of the
/// pair, and offering it would only make every repair ambiguous.
fn alternatives(c: char) -> Vec<char> {
    use super::checksum::value;
    let mut out = Vec::new();
    for &(d, letters) in LOOK_ALIKES {
        if d == c {
            out.extend(letters.chars());
        } else if letters.contains(c) {
            out.push(d);
        }
    }
    let weight = |x: char| value(x).map(|v| v % 10);
    out.retain(|&a| weight(a) != weight(c));
    // Two alternatives that weigh the same (J and T for 1) cannot be told apart either: keep the first.
    let mut kept: Vec<char> = Vec::new();
    for a in out {
        if !kept.iter().any(|&k| weight(k) == weight(a)) {
            kept.push(a);
        }
    }
    kept
}

/// Map a whole field to digits / letters; returns the text and how many characters changed.
pub fn map_digits(s: &str) -> (String, usize) {
    map(s, to_digit)
}

pub fn map_alpha(s: &str) -> (String, usize) {
    map(s, to_alpha)
}

fn map(s: &str, f: fn(char) -> char) -> (String, usize) {
    let mut n = 0;
    let out = s
        .chars()
        .map(|c| {
            let m = f(c);
            n += usize::from(m != c);
            m
        })
        .collect();
    (out, n)
}

/// A field read through its check digit(s).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired {
    pub value: String,
    /// Characters changed (0: the field passed as read).
    pub substitutions: usize,
    /// The check digits passed (as read, or after the repair).
    pub passes: bool,
    /// The repair was the only one with this few changes that passed every check digit that covers the field.
    pub unique: bool,
}

/// Most look-alike substitutions tried in one field.
pub const MAX_SUBSTITUTIONS: usize = 2;

/// Read an alphanumeric field through its checks (`ok`): as read if it passes, else the unique variant with the
/// fewest look-alike substitutions (up to [`MAX_SUBSTITUTIONS`]) that passes. Two variants at the same level mean
/// the field cannot be repaired: it is returned as read, failing.
pub fn repair(field: &str, ok: impl Fn(&str) -> bool) -> Repaired {
    if ok(field) {
        return Repaired { value: field.to_owned(), substitutions: 0, passes: true, unique: true };
    }
    let chars: Vec<char> = field.chars().collect();
    let options: Vec<Vec<char>> = chars.iter().map(|&c| alternatives(c)).collect();
    let mut level: Vec<Vec<char>> = vec![chars.clone()];
    let mut last_changed: Vec<usize> = vec![0];
    for k in 1..=MAX_SUBSTITUTIONS {
        let mut next = Vec::new();
        let mut next_from = Vec::new();
        let mut passing: Vec<String> = Vec::new();
        for (variant, &from) in level.iter().zip(&last_changed) {
            for i in from..chars.len() {
                if variant[i] != chars[i] {
                    continue;
                }
                for &alt in &options[i] {
                    let mut v = variant.clone();
                    v[i] = alt;
                    let s: String = v.iter().collect();
                    if ok(&s) && !passing.contains(&s) {
                        passing.push(s);
                    }
                    next.push(v);
                    next_from.push(i + 1);
                }
            }
        }
        match passing.len() {
            0 => {}
            1 => return Repaired { value: passing.remove(0), substitutions: k, passes: true, unique: true },
            _ => {
                // Several repairs pass: none is confirmed (the field's check fails as read). The value returned for
                // the user to confirm is a repair made only of OCR's commonest confusions (O, D and 0; I and 1) that
                // keeps letters and digits in runs (numbers are a letter prefix and digits, "O68066351", more often
                // than "068O66351"), when exactly one is best; else the field as read.
                let common = |s: &String| {
                    s.chars().zip(&chars).all(|(a, &b)| {
                        a == b || matches!((a, b), ('O' | 'D', '0') | ('0', 'O' | 'D') | ('I', '1') | ('1', 'I'))
                    })
                };
                let breaks = |s: &String| {
                    let v: Vec<bool> = s.chars().map(|c| c.is_ascii_alphabetic()).collect();
                    v.windows(2).filter(|w| w[0] != w[1]).count()
                };
                let likely: Vec<&String> = passing.iter().filter(|s| common(s)).collect();
                let fewest = likely.iter().map(|s| breaks(s)).min();
                let best: Vec<&&String> = likely.iter().filter(|s| Some(breaks(s)) == fewest).collect();
                let value = if best.len() == 1 { (*best[0]).clone() } else { field.to_owned() };
                return Repaired { value, substitutions: 0, passes: false, unique: false };
            }
        }
        level = next;
        last_changed = next_from;
    }
    Repaired { value: field.to_owned(), substitutions: 0, passes: false, unique: false }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mrz::checksum::digit_matches;

    #[test]
    fn the_two_directions_use_one_table() {
        assert_eq!(to_digit('O'), '0');
        assert_eq!(to_alpha('0'), 'O');
        assert_eq!(to_digit('J'), '1');
        assert_eq!(to_alpha('8'), 'B');
        assert_eq!(to_digit('X'), 'X');
        assert!(alternatives('1').contains(&'J') && alternatives('J').contains(&'1'));
    }

    #[test]
    fn a_3_in_a_name_is_a_j_but_no_alternative_in_a_number() {
        assert_eq!(to_alpha('3'), 'J');
        assert!(!alternatives('3').contains(&'J'));
    }

    #[test]
    fn a_field_is_repaired_only_by_a_unique_solution() {
        // L898902C3 (check 6) read as L8989O2C3.
        let r = repair("L8989O2C3", |s| digit_matches(s, '6'));
        assert_eq!((r.value.as_str(), r.substitutions, r.passes), ("L898902C3", 1, true));
        // With no second check, many single substitutions pass a lone check digit: no repair.
        let r = repair("AAAAAAAAA", |s| digit_matches(s, '0'));
        assert!(!r.passes || r.unique);
    }

    #[test]
    fn an_ambiguous_field_is_never_passed_but_shows_the_one_o_or_i_swap_that_fits() {
        // A visa number O68066351 (check 5) read as 068066351: the check digit alone admits several repairs, one of
        // them an O/0 swap. It is returned to be confirmed, the field still failing its check.
        let cd = char::from(b'0' + crate::extract::mrz::checksum::check_digit("O68066351").unwrap());
        let r = repair("068066351", |s| digit_matches(s, cd));
        if !r.unique {
            assert_eq!((r.value.as_str(), r.passes), ("O68066351", false));
        }
    }

    #[test]
    fn two_look_alikes_in_one_number_are_repaired_when_unique() {
        // J and Z read as 1 and 2.
        let truth = "XJ4Z81234";
        let cd = char::from(b'0' + crate::extract::mrz::checksum::check_digit(truth).unwrap());
        let composite = |s: &str| s == truth; // stands for a second, independent check
        let r = repair("X1428l234".replace('l', "1").as_str(), |s| digit_matches(s, cd) && composite(s));
        assert_eq!((r.value.as_str(), r.substitutions), (truth, 2));
    }
}
