//! Text folds and comparisons shared by every reader: one copy each. Labels, headers and names are compared in
//! [`normalise`]d form; names are matched with the MRZ through [`icao_transliterate`] and [`strip_accents`]; OCR
//! of Greek and Cyrillic look-alikes is folded to Latin by one table ([`LOOKALIKES`]).

/// Upper-case, Latin accents removed, punctuation turned into spaces (the `#` of `LIC#` and `ID#` kept), spaces
/// collapsed: the form labels and headers are compared in.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_uppercase) {
        let c = fold_latin(c);
        if c.is_alphanumeric() || c == '#' {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// The base letter of an accented upper-case Latin letter (other characters unchanged).
pub fn fold_latin(c: char) -> char {
    match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => 'C',
        'Ď' | 'Đ' => 'D',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'Ğ' | 'Ģ' | 'Ĝ' | 'Ġ' => 'G',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'Ķ' => 'K',
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ł' => 'L',
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => 'N',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'Ŕ' | 'Ř' => 'R',
        'Ś' | 'Š' | 'Ş' | 'Ș' => 'S',
        'Ť' | 'Ţ' | 'Ț' => 'T',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'Ý' | 'Ÿ' => 'Y',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'Þ' => 'T',
        'Ð' => 'D',
        c => c,
    }
}

/// Upper-case a name and transliterate it the way ICAO 9303 writes it in the MRZ (Ü -> UE, Å -> AA, ß -> SS, ...),
/// keeping only A-Z and single spaces.
pub fn icao_transliterate(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_uppercase) {
        let t: &str = match c {
            'Ä' | 'Æ' => "AE",
            'Ö' | 'Ø' | 'Œ' => "OE",
            'Ü' => "UE",
            'Å' => "AA",
            'ß' => "SS",
            'Þ' => "TH",
            'Ð' => "D",
            'Ĳ' => "IJ",
            _ => {
                let base = fold_latin(c);
                if base.is_ascii_alphabetic() {
                    out.push(base);
                } else if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
                continue;
            }
        };
        out.push_str(t);
    }
    out.trim().to_owned()
}

/// The same name without diacritics (Ü -> U): the other spelling MRZs use.
pub fn strip_accents(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_uppercase) {
        let b = fold_latin(c);
        if b.is_ascii_alphabetic() {
            out.push(b);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// Levenshtein distance between two words (characters, not bytes).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// At most one edit (substitution, insertion or deletion) apart.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

/// How closely a Greek or Cyrillic capital resembles the Latin letter it is folded to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Likeness {
    /// The same glyph in most fonts (Greek Alpha, Cyrillic A): a Latin-script document read with it means the Latin
    /// letter.
    Same,
    /// The shape nearest to it, which a Latin-only model reads for it (Δ and Λ as A, Π and И as N, Σ as E).
    Nearest,
}

/// Greek and Cyrillic capitals and the Latin letter OCR reads for each.
pub const LOOKALIKES: &[(char, char, Likeness)] = {
    use Likeness::{Nearest as N, Same as S};
    &[
        ('Α', 'A', S),
        ('А', 'A', S),
        ('Δ', 'A', N),
        ('Λ', 'A', N),
        ('Д', 'A', N),
        ('Л', 'A', N),
        ('Β', 'B', S),
        ('В', 'B', S),
        ('Ъ', 'B', N),
        ('Ь', 'B', N),
        ('С', 'C', S),
        ('Ε', 'E', S),
        ('Е', 'E', S),
        ('Σ', 'E', N),
        ('Ξ', 'E', N),
        ('Є', 'E', N),
        ('Э', 'E', N),
        ('Γ', 'F', N),
        ('Г', 'F', N),
        ('Η', 'H', S),
        ('Н', 'H', S),
        ('Ι', 'I', S),
        ('І', 'I', S),
        ('Ї', 'I', N),
        ('Κ', 'K', S),
        ('К', 'K', S),
        ('Μ', 'M', S),
        ('М', 'M', S),
        ('Ν', 'N', S),
        ('Π', 'N', N),
        ('И', 'N', N),
        ('Й', 'N', N),
        ('П', 'N', N),
        ('Ο', 'O', S),
        ('О', 'O', S),
        ('Θ', 'O', N),
        ('Φ', 'O', N),
        ('Ω', 'O', N),
        ('Ф', 'O', N),
        ('Ρ', 'P', S),
        ('Р', 'P', S),
        ('Я', 'R', N),
        ('Τ', 'T', S),
        ('Т', 'T', S),
        ('Ц', 'U', N),
        ('Ш', 'W', N),
        ('Щ', 'W', N),
        ('Χ', 'X', S),
        ('Х', 'X', S),
        ('Ж', 'X', N),
        ('Υ', 'Y', S),
        ('У', 'Y', S),
        ('Ψ', 'Y', N),
        ('Ζ', 'Z', S),
    ]
};

/// The Latin letter a Latin-only OCR model reads for a Greek or Cyrillic capital, its look-alike or the shape
/// nearest to it.
pub fn latin_lookalike(c: char) -> Option<char> {
    LOOKALIKES.iter().find(|(g, _, _)| *g == c).map(|&(_, latin, _)| latin)
}

/// Small Cyrillic letters drawn like Latin ones.
const SMALL_LOOKALIKES: &[(char, char)] =
    &[('а', 'a'), ('е', 'e'), ('о', 'o'), ('р', 'p'), ('с', 'c'), ('х', 'x'), ('у', 'y'), ('і', 'i')];

/// Fold the Greek and Cyrillic letters drawn exactly like Latin ones (the recogniser's dictionary has all three
/// scripts, and a Latin-script document read as "ESΡ" must still say ESP), and a licence's field number printed in
/// a small box or circle, read as a circled digit ("②AMITABH").
pub fn fold_homoglyphs(text: &str) -> String {
    text.chars()
        .map(|c| {
            if let Some(&(_, latin, _)) = LOOKALIKES.iter().find(|(g, _, l)| *g == c && *l == Likeness::Same) {
                return latin;
            }
            if let Some(&(_, latin)) = SMALL_LOOKALIKES.iter().find(|(g, _)| *g == c) {
                return latin;
            }
            if ('①'..='⑨').contains(&c) {
                return char::from_digit(c as u32 - '①' as u32 + 1, 10).unwrap_or(c);
            }
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_is_what_the_edit_distance_says_it_is() {
        for (a, b) in [("NAME", "NAMF"), ("NAME", "NAM"), ("NAME", "NAMES"), ("NAME", "MANE"), ("", "A"), ("AB", "BA")]
        {
            assert_eq!(within_one_edit(a, b), edit_distance(a, b) <= 1, "{a} {b}");
        }
    }

    #[test]
    fn only_same_glyphs_are_folded_in_running_text_and_every_lookalike_is_a_capital() {
        assert_eq!(fold_homoglyphs("ΕSΡ ②AMIT"), "ESP 2AMIT");
        // A Greek Delta is no A in running text, only the nearest shape a Latin-only model reads.
        assert_eq!(fold_homoglyphs("Δ"), "Δ");
        assert_eq!(latin_lookalike('Δ'), Some('A'));
        for &(g, latin, _) in LOOKALIKES {
            assert!(g.is_uppercase() && latin.is_ascii_uppercase(), "{g}");
            assert_eq!(LOOKALIKES.iter().filter(|(o, _, _)| *o == g).count(), 1, "{g} twice");
        }
    }

    #[test]
    fn names_fold_as_the_mrz_writes_them() {
        assert_eq!(icao_transliterate("Bürén-Åsa"), "BUEREN AASA");
        assert_eq!(strip_accents("Bürén"), "BUREN");
        assert_eq!(normalise("Lic#: Áž-12."), "LIC# AZ 12");
    }
}
