//! National identity-number formats whose own check characters confirm a reading.

/// Spanish DNI/NIE: 8 digits (NIE: X/Y/Z + 7 digits) and a check letter, `TRWAGMYFPDXBNJZSQVHLCKE`[n mod 23].
pub fn valid_spanish_dni(s: &str) -> bool {
    let s = s.trim().to_ascii_uppercase();
    // OCR text can hold any character: only nine ASCII letters and digits are a candidate (and can be split).
    if s.len() != 9 || !s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let (body, letter) = s.split_at(8);
    let digits: String = match body.chars().next() {
        Some('X') => format!("0{}", &body[1..]),
        Some('Y') => format!("1{}", &body[1..]),
        Some('Z') => format!("2{}", &body[1..]),
        _ => body.to_owned(),
    };
    let Ok(n) = digits.parse::<u32>() else { return false };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let table = b"TRWAGMYFPDXBNJZSQVHLCKE";
    letter.as_bytes()[0] == table[(n % 23) as usize]
}

/// Dutch BSN: 9 digits passing the "11-proof" (9a + 8b + ... + 2h - i divisible by 11).
pub fn valid_dutch_bsn(s: &str) -> bool {
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 9 || s.chars().count() != 9 {
        return false;
    }
    let sum: i64 = (0..8).map(|i| (9 - i as i64) * d[i] as i64).sum::<i64>() - d[8] as i64;
    sum % 11 == 0 && sum != 0
}

/// Indian Aadhaar: 12 digits (printed in groups of four), first digit 2-9, Verhoeff check digit.
pub fn valid_aadhaar(s: &str) -> bool {
    let digits: Vec<usize> = s.chars().filter(|c| !c.is_whitespace()).filter_map(|c| c.to_digit(10).map(|d| d as usize)).collect();
    if digits.len() != 12 || s.chars().filter(|c| !c.is_whitespace()).count() != 12 || digits[0] < 2 {
        return false;
    }
    const D: [[usize; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[usize; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0;
    for (i, &d) in digits.iter().rev().enumerate() {
        c = D[c][P[i % 8][d]];
    }
    c == 0
}

/// Korean resident registration number `YYMMDD-GNNNNNN`: returns (birth date, sex, is_citizen) from its 7th digit
/// (1/2: 1900s, 3/4: 2000s, 5-8 foreigners, 9/0: 1800s), when the date part is a real date.
pub fn korean_rrn(s: &str) -> Option<(chrono::NaiveDate, char, bool)> {
    let s = s.trim();
    let (front, back) = s.split_once('-')?;
    if front.len() != 6 || back.len() != 7 || !front.chars().chain(back.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let g = back.as_bytes()[0] - b'0';
    let century = match g {
        1 | 2 | 5 | 6 => 1900,
        3 | 4 | 7 | 8 => 2000,
        9 | 0 => 1800,
        _ => return None,
    };
    let sex = if g % 2 == 1 { 'M' } else { 'F' };
    let date = chrono::NaiveDate::from_ymd_opt(
        century + front[0..2].parse::<i32>().ok()?,
        front[2..4].parse().ok()?,
        front[4..6].parse().ok()?,
    )?;
    Some((date, sex, (1..=4).contains(&g)))
}

/// The check digit of a Korean resident registration number (numbers issued before October 2020 carry one):
/// weights 2-9, 2-5 over the first twelve digits, `(11 - sum mod 11) mod 10`.
pub fn valid_korean_rrn_check(s: &str) -> bool {
    let d: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if d.len() != 13 {
        return false;
    }
    const W: [u32; 12] = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    let sum: u32 = d.iter().zip(W).map(|(a, w)| a * w).sum();
    (11 - sum % 11) % 10 == d[12]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ocr_text_with_accents_is_no_dni_and_no_panic() {
        assert!(!valid_spanish_dni("SEBASTIÀ"));
        assert!(!valid_spanish_dni("1234567À"));
        assert!(!valid_spanish_dni("ÀÀÀÀ"));
        assert!(!valid_dutch_bsn("12345678À"));
        assert!(korean_rrn("80010À-1234567").is_none());
    }

    #[test]
    fn spanish_dni_check_letters() {
        assert!(valid_spanish_dni("36073152K"));
        assert!(valid_spanish_dni("12345678Z"));
        assert!(!valid_spanish_dni("12345678A"));
        assert!(valid_spanish_dni("X1234567L"));
        assert!(!valid_spanish_dni("1234567Z"));
    }

    #[test]
    fn dutch_bsn_eleven_proof() {
        assert!(valid_dutch_bsn("111222333"));
        assert!(!valid_dutch_bsn("111222334"));
        assert!(!valid_dutch_bsn("11122233"));
    }

    #[test]
    fn aadhaar_verhoeff_check_digit() {
        assert!(valid_aadhaar("2341 2341 2346"));
        assert!(!valid_aadhaar("2341 2341 2347"));
        assert!(!valid_aadhaar("1341 2341 2346"));
    }

    #[test]
    fn korean_rrn_check_digits() {
        assert!(valid_korean_rrn_check("800101-1234560"));
        assert!(!valid_korean_rrn_check("800101-1234567"));
    }

    #[test]
    fn korean_rrn_gives_birth_century_and_sex() {
        let (d, sex, citizen) = korean_rrn("030808-4872548").unwrap();
        assert_eq!(d.to_string(), "2003-08-08");
        assert_eq!((sex, citizen), ('F', true));
        let (d, sex, _) = korean_rrn("800101-1234567").unwrap();
        assert_eq!((d.to_string().as_str(), sex), ("1980-01-01", 'M'));
        assert!(korean_rrn("801301-1234567").is_none());
    }
}
