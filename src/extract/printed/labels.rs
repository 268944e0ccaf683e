//! Line segmentation and labelling: each OCR line becomes a [`Segment`] in the page's own frame (its tilt turned
//! back), with what its licence field number and its labels (in any of the lexicon's languages) say it holds, and
//! the text after them. OCR's usual misreadings of small labels and field numbers are undone here, once, so the
//! field readers see clean labels.

use std::sync::LazyLock;

use regex::Regex;

use super::How;
use super::lexicon::{self, Kind, Numbering};
use super::names::looks_like_name;
use crate::ocr::OcrLine;

/// One OCR line with its geometry, labels and field number.
pub(super) struct Segment<'a> {
    pub(super) line: &'a OcrLine,
    pub(super) text: String,
    pub(super) confidence: f32,
    pub(super) x0: f32,
    pub(super) x1: f32,
    pub(super) y0: f32,
    pub(super) y1: f32,
    /// What its labels or field number say (empty: none).
    pub(super) kinds: Vec<Kind>,
    pub(super) how: How,
    /// The text after its field number and labels.
    pub(super) rest: String,
}

impl Segment<'_> {
    pub(super) fn labelled(&self) -> bool {
        !self.kinds.is_empty()
    }

    pub(super) fn height(&self) -> f32 {
        self.line.height.max(1.0)
    }

    /// A label with nothing after it: its value is elsewhere.
    pub(super) fn bare_label(&self) -> bool {
        self.labelled() && self.rest.chars().all(|c| !c.is_alphanumeric())
    }
}

pub(super) fn min_conf(l: &OcrLine) -> f32 {
    l.char_confidences.iter().copied().fold(1.0, f32::min)
}

pub(super) fn segment<'a>(line: &'a OcrLine, numbering: Option<Numbering>, tilt: f32) -> Segment<'a> {
    // Corners in the page's own frame (the tilt turned back).
    let (sin, cos) = (-tilt).sin_cos();
    let turned: Vec<(f32, f32)> = line.r#box.iter().map(|p| (p.x * cos - p.y * sin, p.x * sin + p.y * cos)).collect();
    let xs = turned.iter().map(|p| p.0);
    let ys = turned.iter().map(|p| p.1);
    // OCR reads specks and field-number marks before a line as symbols ("≥ BRANDON", "× M"): they carry nothing.
    let text = line
        .text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '<' | '#' | '(' | '"' | '\''))
        .trim_start()
        .to_owned();
    // A symbol printed right after a value ("A970-2794-4834-29★", the REAL ID star) is no part of it.
    let text = comma_read_as_full_stop(
        // (Not a combining mark: a decomposed accent belongs to the letter before it, "JOSE\u{301}".)
        text.trim_end_matches(|c: char| !c.is_ascii() && !c.is_alphanumeric() && !('\u{300}'..='\u{36f}').contains(&c))
            .to_owned(),
    );
    let mut kinds = Vec::new();
    let mut how = How::Positional;
    let mut rest = text.clone();
    if let Some(numbering) = numbering
        && let Some((kind, after)) = lexicon::field_number(&text, numbering)
    {
        kinds.push(kind);
        how = How::Numbered;
        rest = after;
    }
    // "1 IN CLARK": after the name's field number, the LN / FN label with its small letters misread.
    if kinds.iter().any(|k| matches!(k, Kind::Surname | Kind::GivenNames))
        && let Some((word, after)) = rest.split_once(' ')
        // "1 N MOORE": the label's first letter lost; "1 8 OKAFOR", "2 /% DWAYNE": a speck read as a sign or digit.
        && (misread_name_label(word).is_some()
            || word == "N"
            // "2 is NABIL": a label in small letters misread before a name in capitals.
            || word.chars().count() <= 2 && (!word.chars().any(char::is_alphabetic) || word.chars().all(char::is_lowercase) && after.chars().any(char::is_uppercase)))
        && after.split_whitespace().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    {
        rest = after.trim_start().to_owned();
    }
    let (mut labels, mut n) = lexicon::leading_labels(&rest);
    // "EN ETHAN", "IN NGUYEN": the LN / FN label of a North American card with a letter misread, no field number.
    if numbering == Some(Numbering::Aamva)
        && kinds.is_empty()
        && labels.is_empty()
        && let Some((word, after)) = rest.split_once(' ')
        && looks_like_name(after.trim())
        && !after.chars().any(|c| c.is_ascii_digit())
        && let Some(kind) = misread_name_label(word)
    {
        kinds.push(kind);
        how = How::Labelled;
        rest = after.trim_start().to_owned();
    }
    // "UN" over "SULLIVAN", "PN" over "ASHLEY": an LN / FN label alone on its line, misread; its value is below.
    // Not "IN": alone, an I may be either label's first letter misread (FN read as "IN" beside its value).
    if numbering == Some(Numbering::Aamva)
        && kinds.is_empty()
        && labels.is_empty()
        && !rest.trim().starts_with(['I', '1', '|', 'l'])
        && let Some(kind) = misread_name_label(rest.trim())
    {
        kinds.push(kind);
        how = How::Labelled;
        rest.clear();
    }
    if kinds.is_empty() && labels.is_empty() {
        // A field number that the numbering does not know (a misread "4a" as "4", "15" as "13") before a label:
        // the label says what the field is.
        if let Some((number, after)) = rest.split_once(' ')
            && ((1..=3).contains(&number.chars().count()) && number.chars().next().is_some_and(|c| c.is_ascii_digit())
                // "da issued": a field number misread as letters ("4a" as "da").
                || (1..=2).contains(&number.chars().count()) && number.chars().all(char::is_alphanumeric))
        {
            let (l, k) = lexicon::leading_labels(after);
            if !l.is_empty() {
                (labels, n) = (l, k);
                rest = after.to_owned();
            }
        }
    }
    // "INAME", "1SURNAME": a field number run into its label, read as a letter or kept as a digit.
    if kinds.is_empty()
        && labels.is_empty()
        && let Some(stripped) = rest.strip_prefix(['I', 'l', '1', '|'])
        && stripped
            .split_whitespace()
            .next()
            .is_some_and(|w| w.chars().count() >= 4 && w.chars().all(char::is_uppercase))
    {
        let (l, k) = lexicon::leading_labels(stripped);
        if !l.is_empty() {
            (labels, n) = (l, k);
            rest = stripped.to_owned();
        }
    }
    // "2. KOEN": after a name's field number, a name that is also another field's label word (Danish "køn", sex) is
    // the value, not a label. Not after a letter read as a number ("I No" is the label "ID No").
    let name_kind = |k: &Kind| matches!(k, Kind::Surname | Kind::GivenNames | Kind::FullName);
    if how == How::Numbered
        && !text.starts_with(['I', 'l', '|'])
        && rest.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && kinds.iter().any(name_kind)
        && !labels.is_empty()
        && !labels.iter().any(name_kind)
        && lexicon::after_labels(&rest, n).trim().is_empty()
        && looks_like_name(&rest)
    {
        labels.clear();
    }
    // "5. WT 485073": after a field number, a two-letter "label" of another field that a number follows is the
    // number's own letter prefix (a Czech licence), not the weight's label.
    if how == How::Numbered
        && !labels.is_empty()
        && !labels.iter().any(|l| kinds.contains(l))
        && crate::extract::text::normalise(&rest).split(' ').take(n).all(|w| w.chars().count() <= 2)
        && lexicon::after_labels(&rest, n).chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        labels.clear();
    }
    if !labels.is_empty() {
        let after = lexicon::after_labels(&rest, n);
        // A label that contradicts the field number loses to it; labels add meaning where there is no number. A
        // "number" that is a letter read as 1 ("I No": the D of "ID No" lost) is no number: the label wins.
        let look_alike_number = text.starts_with(['I', 'l', '|']);
        if look_alike_number && how == How::Numbered {
            kinds.clear();
        }
        if kinds.is_empty() {
            kinds = labels;
            how = How::Labelled;
        }
        rest = after;
    }
    // "DL #" read as "DL W": a number label's sign misread as a letter is no value; the number is beside or below.
    if kinds == [Kind::DocumentNumber] && rest.chars().count() <= 2 && !rest.chars().any(|c| c.is_ascii_digit()) {
        rest.clear();
    }
    // North American cards carry no personal number: "IDENTIFICATION NO." is the card's own number.
    if numbering == Some(Numbering::Aamva) {
        for k in &mut kinds {
            if *k == Kind::PersonalNumber {
                *k = Kind::DocumentNumber;
            }
        }
    }
    // "Name/Surname": the specific label wins over the generic one.
    if kinds.len() > 1 && kinds.iter().any(|k| matches!(k, Kind::Surname | Kind::GivenNames)) {
        kinds.retain(|k| *k != Kind::FullName);
    }
    Segment {
        line,
        confidence: min_conf(line),
        x0: xs.clone().fold(f32::MAX, f32::min),
        x1: xs.fold(f32::MIN, f32::max),
        y0: ys.clone().fold(f32::MAX, f32::min),
        y1: ys.fold(f32::MIN, f32::max),
        text,
        kinds,
        how,
        rest,
    }
}

/// "IGLESIAS MONTES.ALBA" is "IGLESIAS MONTES,ALBA": in a line of names, a full stop after a whole word (not an
/// abbreviation such as "ST." or an initial) before a capital is the comma of the "LAST,FIRST" form misread.
pub(super) fn comma_read_as_full_stop(text: String) -> String {
    static STOP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}{4})\.(\p{Lu})").unwrap());
    if !STOP.is_match(&text) || !looks_like_name(&text.replace('.', " ")) {
        return text;
    }
    STOP.replace_all(&text, "$1,$2").into_owned()
}

/// The LN / FN label of a North American card as OCR misreads its small letters ("IN", "1N", "LM" for LN; "EN",
/// "FM" for FN). The exact labels are in the lexicon.
pub(super) fn misread_name_label(word: &str) -> Option<Kind> {
    // "UN:" too: the label's colon.
    let mut chars = word.trim_end_matches(':').chars();
    let (Some(first), Some(second), None) = (chars.next(), chars.next(), chars.next()) else { return None };
    if !matches!(second, 'N' | 'M' | 'H') {
        return None;
    }
    match first {
        'L' | 'I' | '1' | '|' | 'l' | 'U' => Some(Kind::Surname),
        'F' | 'E' | 'P' => Some(Kind::GivenNames),
        _ => None,
    }
}

/// "5014032764": an EU licence's field number 5, printed in a small box, run into the licence number by OCR. A
/// number that starts with 5 is no rarity, so the 5 is taken for the field number only where it stands in the
/// column of the other field numbers (two at least, their left edges within about half a line's height of its own)
/// and no other line is field 5.
/// Field numbers whose left edges are within this many line heights of each other stand in one column.
const FIELD_NUMBER_COLUMN: f32 = 0.6;

pub(super) fn field_five_in_the_number_column(segs: &mut [Segment]) {
    if segs.iter().any(|s| s.kinds.contains(&Kind::DocumentNumber)) {
        return;
    }
    let numbered: Vec<f32> = segs.iter().filter(|s| s.how == How::Numbered).map(|s| s.x0).collect();
    for s in segs.iter_mut() {
        let mut chars = s.text.chars();
        let (Some('5'), Some(next)) = (chars.next(), chars.next()) else { continue };
        let rest = s.text[1..].trim().to_owned();
        let tolerance = FIELD_NUMBER_COLUMN * s.height();
        if s.how == How::Positional
            && s.kinds.is_empty()
            && next.is_ascii_alphanumeric()
            && rest.chars().count() >= 6
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'))
            && numbered.iter().filter(|&&x| (x - s.x0).abs() <= tolerance).count() >= 2
        {
            s.kinds = vec![Kind::DocumentNumber];
            s.how = How::Numbered;
            s.rest = rest;
            return;
        }
    }
}

/// A name line with its small field number misread as a short word before it ("x Allen", "is Oliver", "L Kowalski"
/// for "1 Kowalski"): the name without it.
pub(super) fn without_field_number_mark(text: &str) -> &str {
    let t = text.trim();
    match t.split_once(' ') {
        Some((mark, name))
            if (1..=2).contains(&mark.chars().count())
                && (mark.chars().count() == 1
                    || mark.chars().any(char::is_lowercase)
                    || misread_name_label(mark).is_some())
                && name
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2) =>
        {
            name.trim()
        }
        _ => t,
    }
}
