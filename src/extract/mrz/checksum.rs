//! ICAO 9303 check digits, and the characters they cannot tell apart.

/// A character's value in the check-digit sum: digits as themselves, A-Z as 10-35, `<` as 0.
pub fn value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        'A'..='Z' => Some(c as u32 - 'A' as u32 + 10),
        '<' => Some(0),
        _ => None,
    }
}

/// ICAO 9303 check digit: weights 7, 3, 1.
pub fn check_digit(field: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, c) in field.chars().enumerate() {
        sum += value(c)? * [7, 3, 1][i % 3];
    }
    Some((sum % 10) as u8)
}

/// Whether `digit` (as printed) is the check digit of `field`.
pub fn digit_matches(field: &str, digit: char) -> bool {
    match (check_digit(field), digit) {
        (Some(d), '0'..='9') => d == digit as u8 - b'0',
        // `<` as a check digit means the (empty) field is unchecked; ICAO allows it for optional data.
        (Some(0), '<') => field.chars().all(|c| c == '<'),
        _ => false,
    }
}

/// Look-alike pairs whose values are equal modulo 10 (G 16 / 6, L 21 / 1, K 20 / `<` 0): every check digit sees
/// them as the same character, so a check digit that passes says nothing about which one was printed there.
pub const CHECK_BLIND: &[(char, char)] = &[('G', '6'), ('L', '1'), ('K', '<')];

/// Whether a field holds a character the check digits cannot distinguish from its look-alike.
pub fn has_check_blind_character(field: &str) -> bool {
    field.chars().any(|c| CHECK_BLIND.iter().any(|&(a, b)| c == a || c == b))
}

/// Whether two readings of a field differ only where the check digit is blind (e.g. `G37...` and `637...`).
pub fn differ_only_where_blind(a: &str, b: &str) -> bool {
    a.chars().count() == b.chars().count()
        && a != b
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || CHECK_BLIND.iter().any(|&(p, q)| (x == p && y == q) || (x == q && y == p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_follow_icao_9303() {
        assert_eq!(check_digit("L898902C3"), Some(6));
        assert_eq!(check_digit("740812"), Some(2));
        assert_eq!(check_digit("120415"), Some(9));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(1));
        assert_eq!(check_digit("a"), None);
        assert_eq!(check_digit("É"), None);
    }

    #[test]
    fn the_check_digit_cannot_tell_g_from_6_nor_l_from_1() {
        assert_eq!(check_digit("G37636592"), check_digit("637636592"));
        assert_eq!(check_digit("L898902C3"), check_digit("1898902C3"));
        assert_ne!(check_digit("O2296830"), check_digit("02296830"), "O and 0 differ");
        assert!(differ_only_where_blind("G37636592", "637636592"));
        assert!(!differ_only_where_blind("O2296830", "02296830"));
        assert!(has_check_blind_character("X4B91K2Q7"));
        assert!(!has_check_blind_character("X4B9932Q7"));
    }
}
