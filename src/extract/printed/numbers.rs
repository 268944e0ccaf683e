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
    let digits: Vec<usize> =
        s.chars().filter(|c| !c.is_whitespace()).filter_map(|c| c.to_digit(10).map(|d| d as usize)).collect();
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

/// Italian codice fiscale (16 characters: surname, name, birth year, month letter, day, place, check letter; digits
/// of the place and date may be replaced by letters, "omocodia"): the check letter is the sum of the odd positions'
/// values from the odd table and the even positions' plain values, modulo 26 (Decreto ministeriale 23/12/1976;
/// the same algorithm as python-stdnum's `it.codicefiscale`).
pub fn valid_codice_fiscale(s: &str) -> bool {
    let s = s.trim().to_ascii_uppercase();
    let b = s.as_bytes();
    // Shape: 6 letters, then 2+1+2+1+3 digits or omocodia letters around the month and place letters.
    const OMOCODIA: &[u8] = b"LMNPQRSTUV";
    let digitish = |c: u8| c.is_ascii_digit() || OMOCODIA.contains(&c);
    let shape = b.len() == 16
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && [6, 7, 9, 10, 12, 13, 14].iter().all(|&i| digitish(b[i]))
        && [8, 11, 15].iter().all(|&i| b[i].is_ascii_uppercase());
    if !shape {
        return false;
    }
    const ODD: [u32; 26] =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
    let value = |c: u8| if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') };
    let sum: u32 =
        b[..15].iter().enumerate().map(|(i, &c)| if i % 2 == 0 { ODD[value(c) as usize] } else { value(c) }).sum();
    u32::from(b[15] - b'A') == sum % 26
}

/// Mexican CURP (18 characters: 4 letters, birth date YYMMDD, sex H/M, state, 3 consonants, a character that is a
/// digit for births before 2000 and a letter after, a check digit over the 17 before it with the alphabet
/// `0-9 A-N Ñ O-Z`, weights 18..2; the algorithm of RENAPO's instructivo, as python-stdnum's `mx.curp`).
pub fn valid_curp(s: &str) -> bool {
    let s: Vec<char> = s.trim().to_uppercase().chars().collect();
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
    let shape = s.len() == 18
        && s[..4].iter().all(char::is_ascii_uppercase)
        && s[4..10].iter().all(char::is_ascii_digit)
        && matches!(s[10], 'H' | 'M' | 'X')
        && s[11..16].iter().all(char::is_ascii_uppercase)
        && s[16].is_ascii_alphanumeric()
        && s[17].is_ascii_digit();
    if !shape {
        return false;
    }
    let Some(values) = s[..17].iter().map(|c| ALPHABET.chars().position(|a| a == *c)).collect::<Option<Vec<usize>>>()
    else {
        return false;
    };
    // The birth date must be a real one (RENAPO assigns no CURP over an impossible date). The century is not
    // known here: a date real in either passes (29 February of a year 00 is real in 2000 only).
    let n = |a: usize| s[a].to_digit(10).unwrap_or(0) * 10 + s[a + 1].to_digit(10).unwrap_or(0);
    let (yy, mm, dd) = (n(4) as i32, n(6), n(8));
    let real_date = [1900, 2000].iter().any(|c| chrono::NaiveDate::from_ymd_opt(c + yy, mm, dd).is_some());
    let sum: usize = values.iter().enumerate().map(|(i, v)| v * (18 - i)).sum();
    real_date && s[17].to_digit(10) == Some(((10 - sum % 10) % 10) as u32)
}

/// Chilean RUT/RUN as printed, "12.345.678-5" or "12345678-K": the digits weighted 2..7 from the right, modulo 11
/// (python-stdnum's `cl.rut`). Only the printed form with its hyphen and check character is a candidate: a bare run
/// of digits passes a modulo-11 check one time in eleven.
pub fn valid_chilean_rut(s: &str) -> bool {
    let s = s.trim().to_ascii_uppercase();
    let Some((body, check)) = s.split_once('-') else { return false };
    let digits: String = body.chars().filter(|c| *c != '.').collect();
    if !(7..=8).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) || check.len() != 1 {
        return false;
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .zip([2, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(d, w)| d * w)
        .sum();
    let want = match 11 - sum % 11 {
        11 => '0',
        10 => 'K',
        n => char::from(b'0' + n as u8),
    };
    check.starts_with(want)
}

/// The birth date a state's personal number encodes with its century, where the number says the century: Finnish
/// HETU (the sign after DDMMYY), Estonian and Lithuanian personal codes (the first digit), Polish PESEL (the month
/// offset), Romanian CNP (the first digit, citizens), Bulgarian EGN (the month offset), Icelandic kennitala (the
/// last digit), the Swedish personnummer in its twelve-digit form, the Mexican CURP
/// (a digit or a letter before the check digit) and the Korean resident number. The MRZ writes two-digit years:
/// this is what settles their century on such documents.
pub fn birth_date_in_personal_number(country: &str, number: &str) -> Option<chrono::NaiveDate> {
    use chrono::NaiveDate;
    let t: String = number.trim().to_ascii_uppercase().chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let date = |year: i32, month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let yy = |s: &str| s.get(0..2).and_then(num).map(|v| v as i32);
    match country {
        "FIN" if t.len() == 11 => {
            let century = match t.as_bytes()[6] {
                b'+' => 1800,
                b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
                b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => 2000,
                _ => return None,
            };
            date(century + yy(&t[4..6])?, num(&t[2..4])?, num(&t[0..2])?)
        }
        "EST" | "LTU" if digits.len() == 11 && t.len() == 11 => {
            let century = match digits.as_bytes()[0] {
                b'1' | b'2' => 1800,
                b'3' | b'4' => 1900,
                b'5' | b'6' => 2000,
                _ => return None,
            };
            date(century + yy(&digits[1..3])?, num(&digits[3..5])?, num(&digits[5..7])?)
        }
        "POL" if digits.len() == 11 && t.len() == 11 => {
            let m = num(&digits[2..4])?;
            let (century, month) = match m {
                81..=92 => (1800, m - 80),
                1..=12 => (1900, m),
                21..=32 => (2000, m - 20),
                41..=52 => (2100, m - 40),
                _ => return None,
            };
            date(century + yy(&digits[0..2])?, month, num(&digits[4..6])?)
        }
        "ROU" if digits.len() == 13 && t.len() == 13 => {
            let century = match digits.as_bytes()[0] {
                b'1' | b'2' => 1900,
                b'3' | b'4' => 1800,
                b'5' | b'6' => 2000,
                _ => return None,
            };
            date(century + yy(&digits[1..3])?, num(&digits[3..5])?, num(&digits[5..7])?)
        }
        "BGR" if digits.len() == 10 && t.len() == 10 => {
            let m = num(&digits[2..4])?;
            let (century, month) = match m {
                21..=32 => (1800, m - 20),
                41..=52 => (2000, m - 40),
                _ => (1900, m),
            };
            date(century + yy(&digits[0..2])?, month, num(&digits[4..6])?)
        }
        // Kennitala: the ninth digit is a mod-11 check over the first eight (weights 3 2 7 6 5 4 3 2).
        "ISL" if digits.len() == 10 && kennitala_check(&digits) => {
            let century = match digits.as_bytes()[9] {
                b'8' => 1800,
                b'9' => 1900,
                b'0' => 2000,
                _ => return None,
            };
            date(century + yy(&digits[4..6])?, num(&digits[2..4])?, num(&digits[0..2])?)
        }
        "SWE" if digits.len() == 12 => date(digits[0..4].parse().ok()?, num(&digits[4..6])?, num(&digits[6..8])?),
        "MEX" if valid_curp(&t) => {
            let century = if t.as_bytes()[16].is_ascii_digit() { 1900 } else { 2000 };
            date(century + yy(&t[4..6])?, num(&t[6..8])?, num(&t[8..10])?)
        }
        "KOR" => korean_rrn(&t).map(|(d, _, _)| d),
        _ => None,
    }
}

/// The kennitala's check digit (Registers Iceland): 11 minus the weighted sum mod 11 of the first eight digits.
fn kennitala_check(digits: &str) -> bool {
    let d: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = d[..8].iter().zip([3, 2, 7, 6, 5, 4, 3, 2]).map(|(a, w)| a * w).sum();
    let k = (11 - sum % 11) % 11;
    k < 10 && k == d[8]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid and invalid numbers from python-stdnum's documentation and tests (`it.codicefiscale`, `mx.curp`,
    /// `cl.rut`), checked against its validators.
    #[test]
    fn codice_fiscale_curp_and_rut_check_characters() {
        assert!(valid_codice_fiscale("RSSMRA85T10A562S"));
        assert!(!valid_codice_fiscale("RSSMRA85T10A562T"));
        assert!(!valid_codice_fiscale("RSSMRA85T10A562"));
        assert!(!valid_codice_fiscale("RSSMRÀ85T10A562S"));
        assert!(valid_curp("BOXW310820HNERXN09"));
        assert!(!valid_curp("BOXW310820HNERXN08"));
        assert!(!valid_curp("BOXW31082ÀHNERXN09"));
        assert!(valid_chilean_rut("76.086.428-5"));
        assert!(valid_chilean_rut("12345678-5"));
        assert!(!valid_chilean_rut("12345678-4"));
        assert!(!valid_chilean_rut("123456785"), "no hyphen, no candidate");
    }

    /// The dates python-stdnum's `get_birth_date` gives for the same numbers.
    #[test]
    fn personal_numbers_that_encode_the_birth_century() {
        let d = |s: &str| Some(chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        assert_eq!(birth_date_in_personal_number("FIN", "131052-308T"), d("1952-10-13"));
        assert_eq!(birth_date_in_personal_number("FIN", "131052A308T"), d("2052-10-13"));
        assert_eq!(birth_date_in_personal_number("EST", "36805280109"), d("1968-05-28"));
        assert_eq!(birth_date_in_personal_number("POL", "44051401359"), d("1944-05-14"));
        assert_eq!(birth_date_in_personal_number("POL", "12251401359"), d("2012-05-14"));
        assert_eq!(birth_date_in_personal_number("ROU", "1630615123457"), d("1963-06-15"));
        assert_eq!(birth_date_in_personal_number("BGR", "7523169263"), d("1875-03-16"));
        assert_eq!(birth_date_in_personal_number("ISL", "120160-3389"), d("1960-01-12"));
        assert_eq!(birth_date_in_personal_number("ISL", "4504013150"), None, "a company's number (day + 40)");
        assert_eq!(birth_date_in_personal_number("SWE", "19880320-0016"), d("1988-03-20"));
        assert_eq!(
            birth_date_in_personal_number("SWE", "880320-0016"),
            None,
            "the hyphen form leaves the century open"
        );
        assert_eq!(birth_date_in_personal_number("MEX", "BOXW310820HNERXN09"), d("1931-08-20"));
        assert_eq!(birth_date_in_personal_number("DEU", "131052-308T"), None);
        assert_eq!(birth_date_in_personal_number("FIN", "13105À-308T"), None);
    }

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
