//! The holder's sex: a sex label's value, a label run into its value, else a sex word or letter alone on a line.

use super::super::labels::Segment;
use super::super::layout::labelled_value;
use super::super::lexicon::Kind;
use super::super::{How, Printed, Read};

pub(in crate::extract::printed) fn sex_token(s: &str) -> Option<char> {
    let k = crate::extract::text::normalise(s);
    match k.as_str() {
        "M" | "H" | "MALE" | "MANNLICH" | "MASCULIN" | "MASCULINO" | "MASCHILE" | "MAN" | "M M" | "M H" | "1" => {
            Some('M')
        }
        "F" | "W" | "V" | "K" | "FEMALE" | "WEIBLICH" | "FEMININ" | "FEMENINO" | "FEMMINILE" | "VROUW" | "F F"
        | "F M" | "D" | "2" => Some('F'),
        "X" | "9" => Some('X'),
        _ => None,
    }
}

pub(in crate::extract::printed) fn read_sex(segs: &[Segment], out: &mut Printed) {
    for (i, s) in segs.iter().enumerate() {
        if !s.kinds.contains(&Kind::Sex) {
            continue;
        }
        let Some((value, j)) = labelled_value(segs, i) else { continue };
        // The value may run on into other fields ("F HGT 5'-06\"") or follow a misread label ("MEx X"): the first
        // word that is a sex, among the first three.
        for word in value.split_whitespace().take(3) {
            if let Some(g) = sex_token(word).filter(|_| !matches!(word, "1" | "2" | "9" | "D" | "K" | "W" | "V" | "H"))
            {
                out.sex = Some(Read::new(g, segs[j].confidence, s.how));
                return;
            }
        }
    }
    // A sex label OCR ran into something ("SEXTEXE M"): the line's last word.
    for s in segs {
        let k = crate::extract::text::normalise(&s.text);
        let words: Vec<&str> = k.split(' ').collect();
        let labelled = words
            .first()
            .is_some_and(|w| ["SEX", "SEXO", "GESCHLECHT", "GESLACHT", "SESSO"].iter().any(|l| w.starts_with(l)));
        if labelled
            && words.len() >= 2
            && let Some(g) = words.last().and_then(|w| sex_token(w))
        {
            out.sex = Some(Read::new(g, s.confidence, How::Labelled));
            return;
        }
    }
    // A standalone sex word or letter.
    for s in segs {
        let t = s.text.trim();
        let word_form = t.chars().count() > 2 && t.chars().all(|c| c.is_alphabetic());
        if let Some(g) =
            sex_token(t).filter(|_| word_form || matches!(t, "M" | "F" | "M/M" | "F/F" | "F/M" | "M/H" | "X"))
        {
            out.sex = Some(Read::new(g, s.confidence, if word_form { How::Labelled } else { How::Positional }));
            return;
        }
    }
}
