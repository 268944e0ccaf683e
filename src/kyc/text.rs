//! What a free text field may hold. Text fields are stored, echoed to the client and shown in back offices: a line
//! break forges a line there, a direction override shows other characters than those stored, and a zero-width
//! character makes two identical-looking values two different users. So none of them is accepted anywhere.

/// Characters refused besides Unicode's control characters (category Cc, which holds TAB, CR, LF and NEL):
/// the line and paragraph separators, the bidirectional controls (Unicode Standard Annex #9: marks, embeddings,
/// overrides, isolates) and the zero-width characters and byte-order mark.
const INVISIBLE_OR_BIDI: &[char] = &[
    '\u{2028}', '\u{2029}', // line, paragraph separator
    '\u{061C}', '\u{200E}', '\u{200F}', // Arabic letter mark, left-to-right and right-to-left marks
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', // embeddings, pop, overrides
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}',
    '\u{FEFF}', // zero width space, non-joiner, joiner, word joiner, BOM
    '\u{180E}', '\u{00AD}', // Mongolian vowel separator, soft hyphen (invisible unless a line breaks there)
];

/// The first character of `s` that no text field may hold, if any.
pub fn forbidden_char(s: &str) -> Option<char> {
    s.chars().find(|c| c.is_control() || INVISIBLE_OR_BIDI.contains(c))
}

/// The message for a field holding such a character: names the field and the code point, never the value.
pub fn forbidden_message(field: &str, c: char) -> String {
    format!("{field} must not contain control, invisible or direction-changing characters (found U+{:04X})", c as u32)
}

/// Unicode compatibility normalisation (NFKC): full-width, ligature and other compatibility forms folded into
/// their plain characters, so `ｕｓｅｒ-42` and `user-42` are one user id.
pub fn nfkc(s: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfkc().normalize(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_separators_bidi_and_zero_width_characters_are_refused() {
        for bad in
            ["a\nb", "a\rb", "a\tb", "a\u{0B}b", "a\u{0C}b", "a\u{85}b", "a\u{2028}b", "a\u{202E}b", "a\u{2066}b"]
        {
            assert!(forbidden_char(bad).is_some(), "{bad:?}");
        }
        for bad in ["user-42\u{200B}", "\u{FEFF}user", "a\u{200D}b", "a\u{0}b", "a\u{7F}b"] {
            assert!(forbidden_char(bad).is_some(), "{bad:?}");
        }
        for good in ["user-42", "Zoë Ødegård", "Ли Сергей", "李小龍", "عبد الله", "a b"] {
            assert_eq!(forbidden_char(good), None, "{good:?}");
        }
        assert_eq!(
            forbidden_message("cf1", '\n'),
            "cf1 must not contain control, invisible or direction-changing characters (found U+000A)"
        );
    }

    #[test]
    fn compatibility_forms_fold_into_one_spelling() {
        assert_eq!(nfkc("ｕｓｅｒ-42"), "user-42");
        assert_eq!(nfkc("ﬁle"), "file");
        assert_eq!(nfkc("Zoë"), "Zoë");
        assert_eq!(nfkc("Zoe\u{0308}"), "Zoë");
    }
}
