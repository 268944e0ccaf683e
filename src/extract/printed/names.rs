//! Names: matching a printed name with the MRZ's (through ICAO 9303 transliteration, [`crate::extract::text`]), and tidying.

use crate::extract::text::{icao_transliterate, strip_accents};

/// Whether a printed name and an MRZ name are the same name (exact, accent-free, or ICAO transliterated; the MRZ
/// may be truncated, so a printed name that starts with the MRZ name matches when `mrz_truncated`).
pub fn same_name(printed: &str, mrz: &str, mrz_truncated: bool) -> bool {
    let mrz = mrz.trim().to_uppercase();
    if mrz.is_empty() {
        return false;
    }
    let forms = [icao_transliterate(printed), strip_accents(printed)];
    let squash = |s: &str| s.replace([' ', '-', '\''], "");
    forms.iter().any(|f| {
        let (f, m) = (squash(f), squash(&mrz));
        f == m || (mrz_truncated && f.starts_with(&m))
    })
}

/// A surname run into the first given name ("MCCARTHYJESSICA DESTINY": the comma and space lost), split where a
/// second printing of the name (a mixed-case signature or caption, "Jessica McCarthy") separates the two words.
/// Returns the surname and the given names; `None` unless the letters agree exactly.
/// Only the signature's first word is taken for the given name ("Ann Johnson Smith" does not split a printed
/// "JOHNSONSMITH").
pub fn split_run_together(surname: &str, signatures: &[String]) -> Option<(String, String)> {
    let mut words = surname.split_whitespace();
    let token = words.next()?;
    let joined = strip_accents(token);
    let more: Vec<&str> = words.collect();
    // The printed letters, accents kept, when folding them kept one letter per letter.
    let letters: Vec<char> = if joined.chars().count() == token.chars().count() {
        token.to_uppercase().chars().collect()
    } else {
        joined.chars().collect()
    };
    signatures.iter().find_map(|sig| {
        let sig: Vec<String> =
            strip_accents(sig).split(' ').map(str::to_owned).filter(|w| w.chars().count() >= 2).collect();
        let (given, rest) = sig.split_first()?;
        rest.iter().find_map(|sur| {
            let piece = |a: usize, b: usize| letters[a..b].iter().collect::<String>();
            let (n, all) = (sur.chars().count(), letters.len());
            // Surname first as printed ("MCCARTHYJESSICA"), or given name first ("ALESSIAMORETTI").
            let (surname, first) = if format!("{sur}{given}") == joined {
                (piece(0, n), piece(n, all))
            } else if format!("{given}{sur}") == joined {
                (piece(all - n, all), piece(0, all - n))
            } else {
                return None;
            };
            Some((surname, std::iter::once(first.as_str()).chain(more.iter().copied()).collect::<Vec<_>>().join(" ")))
        })
    })
}

/// A line that can be a printed name: letters (any script's Latin letters), spaces, hyphens, apostrophes and a
/// trailing comma; at least two letters; no digits. A middle initial keeps its full stop ("LIAM R.", as US cards
/// print it) as does a short abbreviation ("ST. JOHN"), but only beside a whole word, so "U.S.A." is no name.
pub fn looks_like_name(text: &str) -> bool {
    let t = text.trim().trim_end_matches(',');
    let plain = |w: &str| w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\''));
    let initial = |w: &str| {
        let mut cs = w.chars();
        let letters = cs.by_ref().take_while(|c| c.is_alphabetic()).count();
        (1..=3).contains(&letters) && w.ends_with('.') && w.chars().count() == letters + 1
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && words.iter().all(|w| plain(w) || initial(w))
        && words.iter().any(|w| plain(w) && w.chars().count() >= 2)
}

/// "ST.JOHN" -> "ST. JOHN": OCR drops the space after an abbreviation's full stop.
pub fn respace_abbreviations(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut prev = None;
    for c in text.chars() {
        if prev == Some('.') && c.is_alphabetic() {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Upper-case the way the API returns names ("von Büren" -> "VON BÜREN"), collapsing whitespace.
pub fn tidy(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icao_transliteration_matches_the_mrz_spelling() {
        assert_eq!(icao_transliterate("von Büren"), "VON BUEREN");
        assert_eq!(icao_transliterate("Frieda Gräte"), "FRIEDA GRAETE");
        assert_eq!(icao_transliterate("Émile"), "EMILE");
        assert_eq!(icao_transliterate("Ægirsdóttir"), "AEGIRSDOTTIR");
        assert_eq!(icao_transliterate("Le Goff"), "LE GOFF");
    }

    #[test]
    fn printed_names_match_their_mrz_forms() {
        assert!(same_name("VON BÜREN", "VON BUEREN", false));
        assert!(same_name("VON BÜREN", "VON BUREN", false));
        assert!(same_name("PER-ERIK", "PER ERIK", false));
        assert!(same_name("MÁRQUEZ NÚÑEZ", "MARQUEZ NUNEZ", false));
        assert!(!same_name("DIJKSTRA", "DYKSTRA", false));
        assert!(same_name("ELISA-CHRISTINA", "ELISA CHRIST", true));
        assert!(!same_name("ANYTHING", "", false));
    }

    #[test]
    fn name_lines_have_letters_only() {
        assert!(looks_like_name("VAN DER BERGH"));
        assert!(looks_like_name("MACALLISTER,"));
        assert!(looks_like_name("D'AMICO"));
        assert!(!looks_like_name("FNWVM1666"));
        assert!(!looks_like_name("Naam/Surname"));
        assert!(!looks_like_name("F"));
    }

    #[test]
    fn a_middle_initial_keeps_its_full_stop_but_abbreviations_are_no_names() {
        assert!(looks_like_name("LIAM R."));
        assert!(looks_like_name("J. ROBERT"));
        assert!(looks_like_name("ST. JOHN"));
        assert!(!looks_like_name("U.S.A."));
        assert!(!looks_like_name("R. J."));
        assert!(!looks_like_name("DR.JONES"));
        assert_eq!(respace_abbreviations("ST.JOHN"), "ST. JOHN");
        assert!(looks_like_name(&respace_abbreviations("ST.JOHN")));
    }

    #[test]
    fn a_surname_run_into_the_given_name_is_split_where_the_signature_separates_them() {
        let sig = |s: &str| vec![s.to_owned()];
        assert_eq!(
            split_run_together("MCCARTHYJESSICA DESTINY", &sig("Jessica McCarthy")),
            Some(("MCCARTHY".into(), "JESSICA DESTINY".into()))
        );
        assert_eq!(
            split_run_together("MORETTIALESSIA", &sig("Alessia Moretti F")),
            Some(("MORETTI".into(), "ALESSIA".into()))
        );
        assert_eq!(
            split_run_together("ALESSIAMORETTI", &sig("Alessia Moretti")),
            Some(("MORETTI".into(), "ALESSIA".into()))
        );
        assert_eq!(split_run_together("NOVÁKEVA", &sig("Eva Novák")), Some(("NOVÁK".into(), "EVA".into())));
        // A compound surname is not split by its own two words, and letters that differ split nothing.
        assert_eq!(split_run_together("JOHNSONSMITH", &sig("Ann Johnson Smith")), None);
        assert_eq!(split_run_together("MORETTIALESSA", &sig("Alessia Moretti")), None);
        assert_eq!(split_run_together("MORETTI", &sig("Alessia Moretti")), None);
    }
}
