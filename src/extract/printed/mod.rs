//! The printed zone (the visual inspection zone), read by meaning rather than by template: every line is checked for
//! a field number ([`lexicon::field_number`]) and for labels in any of the EU/EEA languages
//! ([`lexicon::leading_labels`]); a label's value is the rest of its line, the text to its right on the same row, or
//! the line below it. What no label claims is read by position as a last resort (earliest date = birth, ...).
//!
//! Nothing here decides acceptance: each value carries how it was found ([`How`]) and its weakest character
//! confidence, and `extract::acceptance` decides what is confirmed.

pub mod dates;
pub mod jurisdiction;
pub mod lexicon;
pub mod names;
pub mod numbers;

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::kyc::IdType;
use crate::ocr::OcrLine;
use dates::{DayOrder, find_dates};
use lexicon::{Kind, Numbering};
use names::looks_like_name;

/// How a printed value was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum How {
    /// A label (in some language) named it.
    Labelled,
    /// A licence field number named it.
    Numbered,
    /// Its own format checked it (an Aadhaar, a Spanish DNI, a Korean resident number).
    SelfChecking,
    /// Only its position suggests it.
    Positional,
}

/// A value read from the printed zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Read<T> {
    pub value: T,
    /// The weakest character confidence of the line it came from.
    pub confidence: f32,
    pub how: How,
}

impl<T> Read<T> {
    fn new(value: T, confidence: f32, how: How) -> Self {
        Self { value, confidence, how }
    }

    pub fn labelled(&self) -> bool {
        matches!(self.how, How::Labelled | How::Numbered | How::SelfChecking)
    }
}

/// Everything read from the printed zone of one side.
#[derive(Clone, Debug, Default)]
pub struct Printed {
    pub birth_date: Option<Read<NaiveDate>>,
    pub issue_date: Option<Read<NaiveDate>>,
    pub expiry_date: Option<Read<NaiveDate>>,
    /// A visa's "valid from", kept apart from the issue date.
    pub valid_from: Option<Read<NaiveDate>>,
    pub surname: Option<Read<String>>,
    pub given_names: Option<Read<String>>,
    pub sex: Option<Read<char>>,
    /// ISO 3166-1 alpha-3 (or an ICAO code).
    pub nationality: Option<Read<String>>,
    pub document_number: Option<Read<String>>,
    pub personal_number: Option<Read<String>>,
    /// Every line that could be a printed name (for matching the MRZ's names with their accented printed forms).
    pub name_lines: Vec<(String, f32)>,
    /// Lines in mixed case: signatures and their captions, a second printing of the name.
    pub signature_lines: Vec<String>,
    /// Every date on the side, for cross-checks.
    pub all_dates: Vec<NaiveDate>,
    /// Every number-like token on the side (separators removed), vertical ones included, once per line it is on:
    /// second readings of the document number.
    pub all_numbers: Vec<String>,
    /// Surname and given names were cut from one line by a guess (the last word taken for the surname, or where the
    /// signature splits a run-together name): a signature spelling the line confirms no cut point (R10).
    pub names_split_by_guess: bool,
}

/// One OCR line with its geometry, labels and field number.
struct Segment<'a> {
    line: &'a OcrLine,
    text: String,
    confidence: f32,
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    /// What its labels or field number say (empty: none).
    kinds: Vec<Kind>,
    how: How,
    /// The text after its field number and labels.
    rest: String,
}

fn min_conf(l: &OcrLine) -> f32 {
    l.char_confidences.iter().copied().fold(1.0, f32::min)
}

/// Text printed at 90 degrees (a number beside the photo): its reading direction runs up or down the page.
pub fn is_vertical(l: &OcrLine) -> bool {
    let dx = l.r#box[1].x - l.r#box[0].x;
    let dy = l.r#box[1].y - l.r#box[0].y;
    dy.abs() > dx.abs()
}

/// The page's tilt: the median direction of its long horizontal lines (OCR boxes follow the text, so a photo
/// taken at an angle gives slanted boxes whose upright bounds would put neighbours on different rows).
fn page_tilt(lines: &[OcrLine]) -> f32 {
    let mut angles: Vec<f32> = lines
        .iter()
        .filter(|l| !is_vertical(l))
        .filter_map(|l| {
            let (dx, dy) = (l.r#box[1].x - l.r#box[0].x, l.r#box[1].y - l.r#box[0].y);
            (dx.hypot(dy) >= 3.0 * l.height).then(|| dy.atan2(dx))
        })
        .collect();
    if angles.is_empty() {
        return 0.0;
    }
    angles.sort_by(f32::total_cmp);
    angles[angles.len() / 2]
}

fn segment<'a>(line: &'a OcrLine, numbering: Option<Numbering>, tilt: f32) -> Segment<'a> {
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
        && lexicon::normalise(&rest).split(' ').take(n).all(|w| w.chars().count() <= 2)
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
fn comma_read_as_full_stop(text: String) -> String {
    static STOP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}{4})\.(\p{Lu})").unwrap());
    if !STOP.is_match(&text) || !looks_like_name(&text.replace('.', " ")) {
        return text;
    }
    STOP.replace_all(&text, "$1,$2").into_owned()
}

/// The LN / FN label of a North American card as OCR misreads its small letters ("IN", "1N", "LM" for LN; "EN",
/// "FM" for FN). The exact labels are in the lexicon.
fn misread_name_label(word: &str) -> Option<Kind> {
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

impl Segment<'_> {
    fn labelled(&self) -> bool {
        !self.kinds.is_empty()
    }

    fn height(&self) -> f32 {
        self.line.height.max(1.0)
    }

    /// A label with nothing after it: its value is elsewhere.
    fn bare_label(&self) -> bool {
        self.labelled() && self.rest.chars().all(|c| !c.is_alphanumeric())
    }
}

/// The segment holding the value of a bare label: the nearest one to its right on the same row, else the nearest
/// one below it (labels sit above values on most cards), that is not itself a label.
fn value_segment(segs: &[Segment], i: usize) -> Option<usize> {
    let me = &segs[i];
    let h = me.height();
    let cy = (me.y0 + me.y1) / 2.0;
    let same_row = |s: &Segment| ((s.y0 + s.y1) / 2.0 - cy).abs() < 0.5 * h.max(s.height());
    let right = segs
        .iter()
        .enumerate()
        // A value beside its label shares its baseline, so its middle is level with the label's or above it (values
        // print larger); one whose middle is well below is the next row's, a column over.
        .filter(|(j, s)| {
            *j != i
                && !s.bare_label()
                && s.x0 >= me.x1 - 0.5 * h
                && s.x0 - me.x1 < 5.0 * h
                && same_row(s)
                && (s.y0 + s.y1) / 2.0 - cy < 0.35 * h.max(s.height())
        })
        .min_by(|a, b| (a.1.x0 - me.x1).total_cmp(&(b.1.x0 - me.x1)))
        .map(|(j, _)| j)
        // Another label between them labels that value, not this one.
        .filter(|&j| {
            !segs.iter().any(|o| {
                o.bare_label()
                    && same_row(o)
                    && o.x0 > me.x1 - 0.5 * h
                    && o.x1 <= segs[j].x0 + 0.5 * h
                    && !std::ptr::eq(o, me)
            })
        });
    if right.is_some() {
        return right;
    }
    let below: Vec<(usize, &Segment)> = segs
        .iter()
        .enumerate()
        .filter(|(j, s)| {
            let gap = s.y0 - me.y1;
            let overlap = s.x1.min(me.x1 + 2.0 * h) - s.x0.max(me.x0 - h);
            // Below: its top under the label's bottom, or (small print set tight, boxes padded) its middle well
            // under the label's.
            let below = gap > -0.4 * h || ((s.y0 + s.y1) / 2.0 - cy) > 0.4 * h.max(s.height());
            *j != i && !s.bare_label() && below && gap < 2.0 * h.max(s.height()) && overlap > 0.0
        })
        .collect();
    let nearest = below.iter().map(|(_, s)| s.y0).fold(f32::MAX, f32::min);
    // Of the values on the nearest row, the one that starts in the label's column: a long value of the cell to the
    // left ("FITZPATRICK-HUGHES" under "1 SURNAME") may run on under this label.
    below
        .iter()
        .filter(|(_, s)| s.y0 - nearest < 0.5 * s.height())
        .min_by(|a, b| (a.1.x0 - me.x0).abs().total_cmp(&(b.1.x0 - me.x0).abs()))
        .map(|&(j, _)| j)
}

/// A label's value text and the segment it came from.
fn labelled_value<'s>(segs: &'s [Segment], i: usize) -> Option<(&'s str, usize)> {
    let me = &segs[i];
    if !me.bare_label() {
        return Some((me.rest.as_str(), i));
    }
    value_segment(segs, i).map(|j| (segs[j].text.as_str(), j))
}

/// Read the printed zone of one side.
pub fn read(lines: &[OcrLine], id_type: IdType, country: &str, today: NaiveDate) -> Printed {
    read_knowing(lines, id_type, country, today, &[])
}

/// [`read`], knowing dates another source confirms (the MRZ's): they settle the order of day and month.
pub fn read_knowing(
    lines: &[OcrLine],
    id_type: IdType,
    country: &str,
    today: NaiveDate,
    known: &[NaiveDate],
) -> Printed {
    let north_american = matches!(country, "USA" | "CAN");
    let numbering = match id_type {
        IdType::DriversLicense => Some(Numbering::for_country(country)),
        IdType::GovernmentId if north_american => Some(Numbering::Aamva),
        _ => None,
    };
    let tilt = page_tilt(lines);
    let mut segs: Vec<Segment> = lines.iter().map(|l| segment(l, numbering, tilt)).collect();
    if numbering == Some(Numbering::Iso18013) {
        field_five_in_the_number_column(&mut segs);
    }
    let mut out = Printed::default();
    // Segments whose text is some label's value (so not free text for positional reading).
    let mut claimed = vec![false; segs.len()];
    let mut value_kind: Vec<Option<Kind>> = vec![None; segs.len()];
    for i in 0..segs.len() {
        if segs[i].labelled()
            && let Some((_, j)) = labelled_value(&segs, i)
            && j != i
        {
            claimed[j] = true;
            value_kind[j] = segs[i].kinds.first().copied();
        }
    }

    if std::env::var_os("KYC_DEBUG_PRINTED").is_some() {
        for (i, s) in segs.iter().enumerate() {
            eprintln!(
                "{i:2} {:?} kinds={:?} how={:?} rest={:?} claimed={} value_kind={:?} value_of={:?}",
                s.text,
                s.kinds,
                s.how,
                s.rest,
                claimed[i],
                value_kind[i],
                if s.labelled() { labelled_value(&segs, i).map(|x| x.1) } else { None }
            );
        }
    }
    read_dates(&segs, &value_kind, id_type, country, today, known, &mut out);
    let name_sources = std::cell::RefCell::new(Vec::new());
    read_names(&segs, &claimed, id_type, country, today, &mut out, &name_sources);
    let name_sources = name_sources.into_inner();
    read_sex(&segs, &mut out);
    read_nationality(&segs, &mut out);
    read_numbers(&segs, &claimed, &value_kind, id_type, country, today, &mut out);
    if country == "USA"
        && let Some(code) = issuing_jurisdiction(&segs)
    {
        fit_to_jurisdiction(&segs, &claimed, &value_kind, code, today, &mut out);
    }
    if country == "GBR"
        && id_type == IdType::DriversLicense
        && let Some(read) = &mut out.document_number
        && let Some(fixed) = jurisdiction::in_shape("GBR", &read.value)
    {
        read.value = fixed;
    }

    for s in &segs {
        let t = s.text.trim_end_matches(',');
        if looks_like_name(t) && !s.bare_label() && !lexicon::has_header_words(t, false) {
            out.name_lines.push((t.to_owned(), s.confidence));
        }
        // A second printing of the name is another line than the one the name was read from.
        let source = name_sources.iter().any(|&p| std::ptr::eq(p, s));
        if !source
            && t.chars().any(char::is_lowercase)
            && t.chars().any(char::is_uppercase)
            && !t.chars().any(|c| c.is_ascii_digit())
        {
            out.signature_lines.push(t.to_owned());
        }
    }
    // A surname run into the first given name, its comma and space lost: the signature says where to split it.
    if let Some(sur) = &out.surname
        && out.given_names.as_ref().is_none_or(|g| g.how == How::Positional)
        && let Some((surname, given)) = names::split_run_together(&sur.value, &out.signature_lines)
    {
        let (confidence, how) = (sur.confidence, sur.how);
        out.surname = Some(Read::new(surname, confidence, how));
        out.given_names = Some(Read::new(given, confidence, how));
        out.names_split_by_guess = true;
    }
    if let Some(rrn) = &out.personal_number
        && let Some((birth, sex, _)) = numbers::korean_rrn(&rrn.value)
    {
        // The resident number encodes birth date and sex: a second reading of both.
        let conf = rrn.confidence;
        if out.birth_date.is_none() {
            out.birth_date = Some(Read::new(birth, conf, How::SelfChecking));
        }
        if out.sex.is_none() {
            out.sex = Some(Read::new(sex, conf, How::SelfChecking));
        }
    }
    out
}

/// "5014032764": an EU licence's field number 5, printed in a small box, run into the licence number by OCR. A
/// number that starts with 5 is no rarity, so the 5 is taken for the field number only where it stands in the
/// column of the other field numbers (two at least, their left edges within about half a line's height of its own)
/// and no other line is field 5.
fn field_five_in_the_number_column(segs: &mut [Segment]) {
    if segs.iter().any(|s| s.kinds.contains(&Kind::DocumentNumber)) {
        return;
    }
    let numbered: Vec<f32> = segs.iter().filter(|s| s.how == How::Numbered).map(|s| s.x0).collect();
    for s in segs.iter_mut() {
        let mut chars = s.text.chars();
        let (Some('5'), Some(next)) = (chars.next(), chars.next()) else { continue };
        let rest = s.text[1..].trim().to_owned();
        let tolerance = 0.6 * s.height();
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

/// Dates with their roles: from the label before the date on its line, else from the label whose value the line
/// is, else by order (earliest birth, latest expiry, one between them the issue date).
fn read_dates(
    segs: &[Segment],
    value_kind: &[Option<Kind>],
    id_type: IdType,
    country: &str,
    today: NaiveDate,
    known: &[NaiveDate],
    out: &mut Printed,
) {
    let order =
        dates::document_order(segs.iter().map(|s| s.text.as_str()), known, DayOrder::for_country(country), today);
    let numbering = Numbering::for_country(country);
    let mut dated: Vec<(NaiveDate, Option<Kind>, f32)> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let text = dates::normalise(&s.text);
        let mut label_start = 0;
        for (k, found) in find_dates(&s.text, order, today).into_iter().enumerate() {
            let prefix = text.get(label_start..found.start).unwrap_or("");
            label_start = found.end;
            let mut role = lexicon::date_label(prefix, numbering);
            // The line's label names its first date only: in "DOB 02/28/1968 ISS 04/15/2022 02/28/2027" with the
            // small labels of the others lost, the later dates are placed by order, not all taken as birth dates.
            if role.is_none() && k == 0 && prefix.trim().chars().all(|c| !c.is_alphanumeric()) {
                role = s.kinds.first().copied().or(value_kind[i]);
                // A small field number misread ("3." as "1.") names a field that holds no date: the date keeps
                // no role from it and is placed by order instead. Words are read far more reliably than numbers.
                if s.how == How::Numbered
                    && role.is_some_and(|k| {
                        matches!(k, Kind::Surname | Kind::GivenNames | Kind::DocumentNumber | Kind::PersonalNumber)
                    })
                {
                    role = None;
                }
            }
            // A date labelled as something else than a date ("UNDER 21 UNTIL") is kept out of the roles.
            let role = role.map(|k| if k.is_date() { k } else { Kind::Other });
            if !dated.iter().any(|(d, r, _)| *d == found.date && *r == role) {
                dated.push((found.date, role, s.confidence));
            }
            out.all_dates.push(found.date);
        }
    }
    let mut take = |kind: Kind| -> Option<Read<NaiveDate>> {
        let i = dated.iter().position(|(_, r, _)| *r == Some(kind))?;
        let (d, _, c) = dated.remove(i);
        Some(Read::new(d, c, How::Labelled))
    };
    out.birth_date = take(Kind::BirthDate);
    out.issue_date = take(Kind::IssueDate);
    out.expiry_date = take(Kind::ExpiryDate);
    out.valid_from = take(Kind::ValidFrom);
    // Labelled dates are not read twice by position; dates labelled as something else are ignored.
    let labelled: Vec<NaiveDate> = [&out.birth_date, &out.issue_date, &out.expiry_date, &out.valid_from]
        .iter()
        .filter_map(|r| r.as_ref().map(|r| r.value))
        .collect();
    let mut rest: Vec<(NaiveDate, f32)> =
        dated.iter().filter(|(d, r, _)| r.is_none() && !labelled.contains(d)).map(|(d, _, c)| (*d, *c)).collect();
    rest.sort_by_key(|(d, _)| *d);
    rest.dedup_by_key(|(d, _)| *d);
    let read = |(d, c): (NaiveDate, f32)| Read::new(d, c, How::Positional);
    if out.birth_date.is_none() && !rest.is_empty() {
        let first = rest[0].0;
        let before_others =
            [&out.issue_date, &out.expiry_date].iter().all(|r| r.as_ref().is_none_or(|r| first < r.value));
        // A birth date lies in the past, well before the document.
        if before_others && first < today {
            out.birth_date = Some(read(rest.remove(0)));
        }
    }
    let carries_expiry = !matches!(id_type, IdType::Aadhaar | IdType::Pancard);
    if carries_expiry
        && out.expiry_date.is_none()
        && let Some(&last) = rest.last()
    {
        let after_birth = out.birth_date.as_ref().is_none_or(|b| last.0 > b.value);
        if after_birth && rest.len() + usize::from(out.birth_date.is_some()) >= 2 {
            out.expiry_date = rest.pop().map(read);
        }
    }
    if out.issue_date.is_none() {
        let (lo, hi) = (out.birth_date.as_ref().map(|r| r.value), out.expiry_date.as_ref().map(|r| r.value));
        if let Some(pos) =
            rest.iter().rposition(|(d, _)| lo.is_none_or(|b| *d > b) && hi.is_none_or(|e| *d < e) && *d <= today)
        {
            out.issue_date = Some(read(rest.remove(pos)));
        }
    }
}

/// Whether a text can be a holder's name here: letters only, and no header vocabulary (with `states`, no US state
/// or Canadian province either: for unlabelled lines of North American cards).
fn name_text(text: &str, states: bool) -> bool {
    let t = text.trim().trim_end_matches(',');
    let words: Vec<&str> = t.split_whitespace().collect();
    looks_like_name(t)
        && !lexicon::has_header_words(t, states)
        && !lexicon::is_label_text(t)
        && (!states || !lexicon::has_label_words(t))
        // A lone one- or two-letter word is a badge or a code ("NL", "M"), not a name.
        && (words.len() != 1 || words[0].chars().count() > 2)
}

/// The names, by label and then by position; `sources` collects the segments they were read from.
fn read_names<'s>(
    segs: &'s [Segment],
    claimed: &[bool],
    id_type: IdType,
    country: &str,
    today: NaiveDate,
    out: &mut Printed,
    sources: &std::cell::RefCell<Vec<&'s Segment<'s>>>,
) {
    let read = |v: &str, s: &'s Segment, how: How| {
        sources.borrow_mut().push(s);
        Read::new(v.trim().trim_end_matches(',').to_owned(), s.confidence, how)
    };
    let states = matches!(country, "USA" | "CAN");
    // Labelled (or numbered) names: the label's value.
    for (i, s) in segs.iter().enumerate() {
        for &kind in &s.kinds {
            if !matches!(kind, Kind::Surname | Kind::GivenNames | Kind::FullName) {
                continue;
            }
            let Some((value, j)) = labelled_value(segs, i) else { continue };
            // "1 NAMIE" over "McCarthy": after the field number, the field's label garbled ("NAME"), set smaller than
            // the name right under it; that name is the value.
            let (value, j) = match garbled_label_over_name(segs, claimed, i, value, j, states) {
                Some(k) => (segs[k].text.as_str(), k),
                None => (value, j),
            };
            let value = names::respace_abbreviations(value.trim().trim_end_matches(','));
            let value = value.as_str();
            let header = lexicon::has_header_words(value, false) && !lexicon::is_specimen_marker(value);
            // "1. Dordević": the signature with its initial read as field 1, when the name stands in capitals on an
            // unlabelled line of its own (the field, its number lost).
            let signature_twin = s.how == How::Numbered
                && value.chars().any(char::is_lowercase)
                && segs.iter().enumerate().any(|(k, o)| {
                    k != i
                        && !o.labelled()
                        && !o.text.chars().any(char::is_lowercase)
                        && names::strip_accents(&o.text) == names::strip_accents(value)
                });
            if signature_twin {
                continue;
            }
            // An eye or hair colour code under a misread field number ("2 BLU" is field 18) is no name.
            let colour = (s.how == How::Numbered && AAMVA_COLOURS.contains(&value.trim()))
                || (states && NEVER_NAMES.contains(&value.trim()));
            if !looks_like_name(&value.replace(',', " ")) || header || colour {
                continue;
            }
            let v = &segs[j];
            // "SURNAME,GIVEN NAMES" under a name label ("NAME/NOM") is a full name; under a given-names label a
            // comma only separates the given names ("Maëlis-Gaëlle, Marie").
            let kind = if kind != Kind::GivenNames
                && value.contains(',')
                && value.split_once(',').is_some_and(|(a, b)| looks_like_name(a) && looks_like_name(b))
            {
                Kind::FullName
            } else {
                kind
            };
            // Two surname labels or field numbers stacked: the second is FN or 2 misread ("LN ANDERSON" over
            // "IN DWAYNE", "1 YLÖNEN" over "1 ELINA"), as field 1 always comes first.
            let kind = if kind == Kind::Surname
                && (states || s.how == How::Numbered)
                && out.given_names.is_none()
                && sources.borrow().last().is_some_and(|sur| right_under(sur, v))
            {
                Kind::GivenNames
            } else {
                kind
            };
            match kind {
                Kind::Surname if out.surname.is_none() => out.surname = Some(read(value, v, s.how)),
                Kind::GivenNames if out.given_names.is_none() => out.given_names = Some(read(value, v, s.how)),
                Kind::FullName if out.surname.is_none() => {
                    if let Some((sur, given)) = value.split_once(',') {
                        out.surname = Some(read(sur, v, s.how));
                        if looks_like_name(given) {
                            out.given_names = Some(read(given, v, s.how));
                        }
                    } else if states && let Some(below) = name_next_to(segs, claimed, v, Side::Below, states) {
                        // "NAME" over two stacked lines on a North American card: the surname, then the given names
                        // (the order of AAMVA fields 1 and 2). Elsewhere a name label may head "GIVEN SURNAME" or a
                        // father's name: not read this way.
                        out.surname = Some(read(value, v, s.how));
                        out.given_names = Some(read(without_field_number_mark(&below.text), below, How::Positional));
                    }
                }
                _ => {}
            }
        }
    }
    if out.surname.is_some() && out.given_names.is_some() {
        return;
    }
    // "I SERGIO" under "RODRÍGUEZ MUÑOZ": a field number read as 1 from a letter, with a name line right above it,
    // is field 2 (field 1 comes first); the line above is the surname.
    let surname_source = sources.borrow().last().copied();
    if out.given_names.is_none()
        && let Some(sur) = surname_source
        && sur.how == How::Numbered
        && sur.text.starts_with(['I', 'l', '|'])
        && let Some(above) = name_next_to(segs, claimed, sur, Side::Above, states)
        && let Some(given) = out.surname.take()
    {
        out.given_names = Some(given);
        out.surname = Some(read(without_field_number_mark(&above.text), above, How::Positional));
        return;
    }
    // The given names set right under a labelled or numbered surname, their own label or number lost ("¿ Nataliya
    // Olena" for "2. Nataliya Olena"), in capitals or title case.
    let surname_source = sources.borrow().last().copied();
    if out.given_names.is_none()
        && let Some(sur) = surname_source
        && let Some(below) = name_next_to(segs, claimed, sur, Side::Below, states)
            .or_else(|| states.then(|| name_next_to(segs, claimed, sur, Side::Right, states)).flatten())
    {
        out.given_names = Some(read(without_field_number_mark(&below.text), below, How::Positional));
        return;
    }
    // The surname set right above labelled or numbered given names, its own label or number lost (": O'Connor").
    let given_source = sources.borrow().last().copied();
    if out.surname.is_none()
        && out.given_names.is_some()
        && let Some(given) = given_source
        && let Some(above) = name_next_to(segs, claimed, given, Side::Above, states)
            .or_else(|| states.then(|| name_next_to(segs, claimed, given, Side::Left, states)).flatten())
    {
        out.surname = Some(read(without_field_number_mark(&above.text), above, How::Positional));
        return;
    }
    // Positional: unlabelled lines that can be names, in reading order.
    // A state's name is a surname too ("WASHINGTON"): it is one when the card's second printing of the name (the
    // mixed-case signature or caption, at least two words) spells it beside another word.
    let signed = |t: &str| {
        let words: Vec<String> = lexicon::normalise(t).split(' ').map(str::to_owned).collect();
        segs.iter().any(|s| {
            let sig = s.text.as_str();
            let sig_words: Vec<String> = lexicon::normalise(sig).split(' ').map(str::to_owned).collect();
            sig.chars().any(char::is_lowercase)
                && looks_like_name(sig)
                && sig_words.len() > words.len()
                && words.iter().all(|w| sig_words.contains(w))
        })
    };
    // On North American cards the header (state name, document title) is the top row: an unlabelled line in it or
    // above it is the title garbled ("URVERS UCENGE" beside "OKLAHOMA"), never the holder's name.
    let header_row = if states {
        // (A header line has no digits or commas: "KANSAS CITY, MO 64101" is an address with a state in it.)
        segs.iter()
            .filter(|s| {
                lexicon::has_header_words(&s.text, true)
                    && !is_vertical(s.line)
                    && !s.text.contains(|c: char| c.is_ascii_digit() || c == ',')
            })
            .map(|s| s.line.row)
            .min()
    } else {
        None
    };
    // An EU licence prints surname and given names (fields 1 and 2) right above the birth date (field 3), in their
    // column: there a line in title case is the name, the signature being elsewhere ("Al-Hashimi" over "Ahmad" over
    // "26 06 1946 'S-GRAVENHAGE", with the field numbers lost).
    let dated_lines: Vec<(usize, f32)> = if numbering_is_iso(country, id_type) {
        segs.iter()
            .filter(|d| !find_dates(&d.text, DayOrder::DayFirst, today).is_empty())
            .map(|d| (d.line.row, d.x0))
            .collect()
    } else {
        Vec::new()
    };
    let above_the_birth_date = |s: &Segment| {
        dated_lines
            .iter()
            .any(|&(row, x0)| (s.line.row + 1..=s.line.row + 2).contains(&row) && (x0 - s.x0).abs() < s.height())
    };
    let candidates: Vec<&Segment> = segs
        .iter()
        .zip(claimed)
        .filter(|(s, claimed)| {
            let t = s.text.as_str();
            if header_row.is_some_and(|h| s.line.row <= h) && !signed(t) {
                return false;
            }
            // Title case is a signature's, except on cards that print the whole name on one line, and in the
            // "Last, First" form (a signature has no comma).
            let title_case_ok = (single_line(country, id_type) || t.contains(',') || above_the_birth_date(s))
                && t.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
            !**claimed
                && !s.labelled()
                && !is_vertical(s.line)
                // The issuing country's code beside the flag of an EU licence ("FIN", "EST", "SLO").
                && t.trim() != country
                && !(numbering_is_iso(country, id_type) && (lexicon::EU_DISTINGUISHING_SIGNS.contains(&t.trim()) || lexicon::is_categories(t)))
                // An eye or hair colour code whose label was lost ("BLK").
                && (!states || !NEVER_NAMES.contains(&t.trim()))
                && s.line.confidence >= 0.7
                // In the "LAST, FIRST" form a state's name is a surname.
                && (name_text(&t.replace(',', " "), states && !t.contains(',')) || states && name_text(&t.replace(',', " "), false) && signed(t))
                && (!t.chars().any(char::is_lowercase) || title_case_ok)
        })
        .map(|(s, _)| s)
        .collect();
    // On an EU licence the names are the lines right above the birth date: when two candidates are there, a line
    // elsewhere (a title garbled past recognition, "KOREKORT" for KØREKORT) is none.
    let candidates: Vec<&Segment> = if candidates.iter().filter(|s| above_the_birth_date(s)).count() >= 2 {
        candidates.into_iter().filter(|s| above_the_birth_date(s)).collect()
    } else {
        candidates
    };
    // Values of the labels found are not names.
    let taken =
        |t: &str| [&out.surname, &out.given_names].iter().any(|r| r.as_ref().is_some_and(|r| r.value == t.trim()));
    let candidates: Vec<&Segment> = candidates.into_iter().filter(|s| !taken(&s.text)).collect();
    // "SURNAME, GIVEN NAMES" on one line (North American cards).
    if out.surname.is_none()
        && let Some(k) = candidates.iter().position(|s| s.text.contains(','))
    {
        let s = candidates[k];
        let (sur, given) = s.text.split_once(',').unwrap_or((&s.text, ""));
        out.surname = Some(read(sur, s, How::Positional));
        if out.given_names.is_none() {
            if looks_like_name(given) {
                out.given_names = Some(read(given, s, How::Positional));
            } else if let Some(next) = candidates.get(k + 1) {
                out.given_names = Some(read(&next.text, next, How::Positional));
            }
        }
        return;
    }
    let single_line_full_name = single_line(country, id_type);
    if states
        && out.surname.is_none()
        && out.given_names.is_none()
        && candidates.len() < 2
        && let Some((sur, given)) = names_above_street(segs, claimed)
    {
        out.surname = Some(read(without_field_number_mark(&sur.text), sur, How::Positional));
        out.given_names = Some(read(without_field_number_mark(&given.text), given, How::Positional));
        return;
    }
    match (out.surname.is_some(), out.given_names.is_some()) {
        (false, false) if single_line_full_name => {
            let Some(first) = candidates.first() else { return };
            let words: Vec<&str> = first.text.split_whitespace().collect();
            if words.len() < 2 {
                return;
            }
            // Korean cards print the family name first; Indian cards print it last.
            let (sur, given) = if country == "KOR" {
                (words[0].to_owned(), words[1..].join(" "))
            } else {
                (words[words.len() - 1].to_owned(), words[..words.len() - 1].join(" "))
            };
            out.surname = Some(read(&sur, first, How::Positional));
            out.given_names = Some(read(&given, first, How::Positional));
            out.names_split_by_guess = true;
        }
        (false, false) if candidates.len() >= 2 => {
            // Surname line, then given-names line (passports, EU and AAMVA licences).
            out.surname = Some(read(&candidates[0].text, candidates[0], How::Positional));
            out.given_names = Some(read(&candidates[1].text, candidates[1], How::Positional));
        }
        (true, false) => {
            // The given names follow the labelled surname: below it, or right of it on its row. (A line above it is
            // no given name: a surname whose number was lost, over given names with theirs misread as 1.)
            let anchor = sources.borrow().last().map(|a| (a.line.row, a.x1));
            let follows =
                |s: &Segment| anchor.is_none_or(|(row, x1)| s.line.row > row || s.line.row == row && s.x0 >= x1);
            let below = candidates
                .iter()
                .find(|s| out.surname.as_ref().is_some_and(|sur| s.text.trim() != sur.value) && follows(s));
            if let Some(s) = below {
                out.given_names = Some(read(&s.text, s, How::Positional));
            }
        }
        (false, true) => {
            // The surname precedes the labelled given names.
            let anchor = sources.borrow().last().map(|a| (a.line.row, a.x0));
            let precedes =
                |s: &Segment| anchor.is_none_or(|(row, x0)| s.line.row < row || s.line.row == row && s.x1 <= x0);
            if let Some(s) = candidates.iter().find(|s| precedes(s)) {
                out.surname = Some(read(&s.text, s, How::Positional));
            }
        }
        _ => {}
    }
}

/// A driving licence outside North America: its flag carries the state's distinguishing sign.
fn numbering_is_iso(country: &str, id_type: IdType) -> bool {
    id_type == IdType::DriversLicense && Numbering::for_country(country) == Numbering::Iso18013
}

/// The name line under a numbered name field whose inline "value" is its own label garbled ("1 NAMIE"): a word close
/// to a name label, printed smaller than the name-like line right under it.
fn garbled_label_over_name(
    segs: &[Segment],
    claimed: &[bool],
    i: usize,
    value: &str,
    j: usize,
    states: bool,
) -> Option<usize> {
    let s = &segs[i];
    if j != i || s.how != How::Numbered || value.split_whitespace().count() != 1 || !lexicon::near_name_label(value) {
        return None;
    }
    let below = name_next_to(segs, claimed, s, Side::Below, states)?;
    (s.height() < 0.9 * below.height()).then(|| segs.iter().position(|x| std::ptr::eq(x, below)))?
}

/// North American cards print the name right above the street address (AAMVA fields 1 and 2, then 8), in capitals
/// or in title case: the two name-like lines set directly above the street line, in its column, are the surname and
/// the given names. Title case anywhere else is the signature's, so nothing but this anchor lets it be a name.
fn names_above_street<'s>(segs: &'s [Segment<'s>], claimed: &[bool]) -> Option<(&'s Segment<'s>, &'s Segment<'s>)> {
    let street =
        segs.iter().find(|s| is_address(&s.text) && s.text.trim_start().starts_with(|c: char| c.is_ascii_digit()))?;
    let given = name_next_to(segs, claimed, street, Side::Above, true)?;
    let surname = name_next_to(segs, claimed, given, Side::Above, true)?;
    Some((surname, given))
}

/// AAMVA eye and hair colour codes (fields 18 and 19), printed alone after their field number.
const AAMVA_COLOURS: &[&str] =
    &["BLK", "BLU", "BRO", "GRY", "GRN", "HAZ", "MAR", "PNK", "DIC", "UNK", "BAL", "BLN", "RED", "SDY", "WHI"];

/// The colour codes that are no one's name (BAL, MAR and RED are surnames too): on North American cards a line that
/// is one of them is a colour whose label was lost, whatever label seems to claim it.
const NEVER_NAMES: &[&str] = &["BLK", "BLU", "BRO", "GRY", "GRN", "HAZ", "PNK", "DIC", "UNK", "SDY", "WHI", "BLN"];

/// Which side of a name line to look for the other name on.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Above,
    Below,
    /// On the same row, before it (cards that set the name fields side by side: "LAST NAME | FIRST NAME").
    Left,
    /// On the same row, after it.
    Right,
}

/// The unlabelled name-like line set directly above or below `anchor` (a labelled name line), starting in its
/// column, or beside it on its row: the other name, when its own label or field number was lost.
fn name_next_to<'s>(
    segs: &'s [Segment<'s>],
    claimed: &[bool],
    anchor: &Segment,
    side: Side,
    states: bool,
) -> Option<&'s Segment<'s>> {
    let placed = |s: &Segment| match side {
        Side::Below => right_under(anchor, s),
        Side::Above => right_under(s, anchor),
        Side::Left => beside(s, anchor),
        Side::Right => beside(anchor, s),
    };
    let distance = |s: &Segment| match side {
        Side::Above | Side::Below => (s.y0 - anchor.y0).abs(),
        Side::Left | Side::Right => (s.x0 - anchor.x0).abs(),
    };
    segs.iter()
        .zip(claimed)
        .filter(|(s, claimed)| {
            !**claimed
                && !s.labelled()
                && !std::ptr::eq(*s, anchor)
                && placed(s)
                && s.line.confidence >= 0.7
                && !s.text.contains(',')
                && (!states || !NEVER_NAMES.contains(&s.text.trim()))
                && name_text(without_field_number_mark(&s.text), states)
        })
        .map(|(s, _)| s)
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// Whether `right` follows `left` on the same row, with no more than a card column's gap between them.
fn beside(left: &Segment, right: &Segment) -> bool {
    let h = left.height().max(right.height());
    let centres = ((right.y0 + right.y1) / 2.0 - (left.y0 + left.y1) / 2.0).abs();
    let gap = right.x0 - left.x1;
    centres < 0.4 * h && gap > -0.5 * h && gap < 12.0 * h
}

/// Whether `lower` is the next line under `upper` in its column: the next field of a stacked block.
fn right_under(upper: &Segment, lower: &Segment) -> bool {
    let h = upper.height().max(lower.height());
    let gap = lower.y0 - upper.y1;
    // Boxes of lines set tight overlap (the detector pads them): the centres say which line is lower.
    let centres = (lower.y0 + lower.y1) / 2.0 - (upper.y0 + upper.y1) / 2.0;
    (gap > -0.4 * h || centres > 0.5 * h) && gap < 1.2 * h && (lower.x0 - upper.x0).abs() < 2.0 * h
}

/// A name line with its small field number misread as a short word before it ("x Allen", "is Oliver", "L Kowalski"
/// for "1 Kowalski"): the name without it.
fn without_field_number_mark(text: &str) -> &str {
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

/// Cards that print the whole name on one line (Korean and Indian cards).
fn single_line(country: &str, id_type: IdType) -> bool {
    country == "KOR" || country == "IND" || id_type == IdType::Aadhaar
}

fn sex_token(s: &str) -> Option<char> {
    let k = lexicon::normalise(s);
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

fn read_sex(segs: &[Segment], out: &mut Printed) {
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
        let k = lexicon::normalise(&s.text);
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

/// Nationality words and names printed on documents, to ISO 3166-1 alpha-3.
pub fn nationality_from_word(text: &str) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("NEDERLANDSE", "NLD"),
        ("DUTCH", "NLD"),
        ("NETHERLANDS", "NLD"),
        ("FRANCAISE", "FRA"),
        ("FRANCAIS", "FRA"),
        ("FRENCH", "FRA"),
        ("CANADIAN", "CAN"),
        ("CANADIENNE", "CAN"),
        ("DEUTSCH", "DEU"),
        ("GERMAN", "DEU"),
        ("ITALIANA", "ITA"),
        ("ITALIANO", "ITA"),
        ("ITALIAN", "ITA"),
        ("ESPANOLA", "ESP"),
        ("ESPANOL", "ESP"),
        ("SPANISH", "ESP"),
        ("BRITISH", "GBR"),
        ("KOREAN", "KOR"),
        ("REPUBLICOFKOREA", "KOR"),
        ("INDIAN", "IND"),
        ("AMERICAN", "USA"),
        ("AUSTRALIAN", "AUS"),
        ("SUOMI", "FIN"),
        ("FINNISH", "FIN"),
        ("ICELANDIC", "ISL"),
        ("ISLENSKUR", "ISL"),
        ("POLSKIE", "POL"),
        ("POLSKA", "POL"),
        ("POLISH", "POL"),
        ("CESKA", "CZE"),
        ("CZECH", "CZE"),
        ("SLOVENSKA", "SVK"),
        ("SLOVAK", "SVK"),
        ("MAGYAR", "HUN"),
        ("HUNGARIAN", "HUN"),
        ("EESTI", "EST"),
        ("ESTONIAN", "EST"),
        ("LATVIAN", "LVA"),
        ("LATVIJAS", "LVA"),
        ("LIETUVOS", "LTU"),
        ("LITHUANIAN", "LTU"),
        ("SVENSK", "SWE"),
        ("SWEDISH", "SWE"),
        ("NORSK", "NOR"),
        ("NORWEGIAN", "NOR"),
        ("DANSK", "DNK"),
        ("DANISH", "DNK"),
        ("PORTUGUESA", "PRT"),
        ("PORTUGUESE", "PRT"),
        ("BRASILEIRA", "BRA"),
        ("BRAZILIAN", "BRA"),
        ("LUXEMBOURGEOISE", "LUX"),
        ("BELGE", "BEL"),
        ("BELGISCHE", "BEL"),
        ("BELGIAN", "BEL"),
        ("OSTERREICH", "AUT"),
        ("AUSTRIAN", "AUT"),
        ("IRISH", "IRL"),
        ("EIREANNACH", "IRL"),
        ("MALTIJA", "MLT"),
        ("MALTESE", "MLT"),
        ("ROMANA", "ROU"),
        ("ROMANIAN", "ROU"),
        ("БЪЛГАРИЯ", "BGR"),
        ("BULGARIAN", "BGR"),
        ("HRVATSKO", "HRV"),
        ("CROATIAN", "HRV"),
        ("SLOVENSKO", "SVN"),
        ("SLOVENIAN", "SVN"),
        ("ΕΛΛΗΝΙΚΗ", "GRC"),
        ("HELLENIC", "GRC"),
        ("GREEK", "GRC"),
        ("KYPRIAKI", "CYP"),
        ("CYPRIOT", "CYP"),
        ("SCHWEIZER", "CHE"),
        ("SUISSE", "CHE"),
        ("SWISS", "CHE"),
        ("MEXICANA", "MEX"),
        ("MEXICAN", "MEX"),
        ("ARGENTINA", "ARG"),
        ("COLOMBIANA", "COL"),
        ("CHILENA", "CHL"),
        ("PERUANA", "PER"),
        ("SRPSKO", "SRB"),
        ("SERBIAN", "SRB"),
        ("LIECHTENSTEIN", "LIE"),
        ("TAIWAN", "TWN"),
        ("AZERBAIJAN", "AZE"),
        ("MAROKAS", "MAR"),
        ("MOROCCAN", "MAR"),
        ("TURK", "TUR"),
        ("TURKISH", "TUR"),
        ("UKRAINIAN", "UKR"),
        ("JAPANESE", "JPN"),
        ("CHINESE", "CHN"),
    ];
    let k = lexicon::normalise(text).replace(' ', "");
    WORDS.iter().find(|(w, _)| k.contains(w)).map(|&(_, code)| code)
}

fn read_nationality(segs: &[Segment], out: &mut Printed) {
    for (i, s) in segs.iter().enumerate() {
        if !s.kinds.contains(&Kind::Nationality) {
            continue;
        }
        let Some((value, j)) = labelled_value(segs, i) else { continue };
        let code = nationality_from_word(value).map(str::to_owned).or_else(|| {
            let t = lexicon::normalise(value);
            let first = t.split(' ').next().unwrap_or("");
            crate::kyc::Country::parse(first)
                .ok()
                .filter(|_| first.len() == 3)
                .map(|c| c.to_string())
                // "OEU" under the label: the one look-alike letter that makes it a country's code.
                .or_else(|| crate::extract::mrz::parse::known_code_repair(first))
        });
        if let Some(code) = code {
            out.nationality = Some(Read::new(code, segs[j].confidence, How::Labelled));
            return;
        }
    }
    for s in segs {
        if let Some(code) = nationality_from_word(&s.text) {
            out.nationality = Some(Read::new(code.to_owned(), s.confidence, How::Labelled));
            return;
        }
    }
}

/// A document or licence number out of a label's value: the first token (or space-separated digit groups) with
/// enough digits. Dashes are kept (some licence numbers print them), other separators dropped.
fn number_value(value: &str) -> Option<String> {
    // Short number labels as OCR leaves them before a value, misreads included ("UC" is "LIC" with its L and I run
    // together).
    const LABELS: &[&str] = &["DLN", "DL", "LIC", "NO", "ID", "UC", "LN", "NUM", "NUMBER"];
    let v = value.trim().trim_start_matches(['#', ':', '.', ' ']);
    let mut tokens: Vec<&str> = v.split_whitespace().collect();
    let label = |t: &str| {
        // "D/n:": a small l read as a slash.
        let t = t.to_uppercase().replace(['/', '|'], "L");
        let t = t.trim_end_matches(['#', ':', '.', '=']);
        // "DUN", "DEN", "OLN": DLN with one letter misread.
        LABELS.contains(&t)
            || (t.chars().count() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) && lexicon::within_one_edit(t, "DLN"))
            // "UICNO": LIC NO run together, a letter misread.
            || ((4..=6).contains(&t.chars().count())
                && t.chars().all(|c| c.is_ascii_alphabetic())
                && ["LICNO", "DLNO", "IDNO"].iter().any(|l| lexicon::within_one_edit(t, l)))
    };
    while tokens.len() > 1 && label(tokens[0]) {
        tokens.remove(0);
    }
    // A misread title-case label before the number ("Die" for "Dln"): a short word with a small letter (no number
    // has one), then a number.
    if tokens.len() > 1
        && (2..=3).contains(&tokens[0].chars().count())
        && tokens[0].chars().all(char::is_alphabetic)
        && tokens[0].chars().any(char::is_lowercase)
        && tokens[1].chars().filter(char::is_ascii_digit).count() >= 5
    {
        tokens.remove(0);
    }
    let first = *tokens.first()?;
    let mut candidate: String = first.chars().filter(|c| c.is_alphanumeric() || *c == '-' || *c == '#').collect();
    // A label OCR ran into the number ("LIC#WDL123", "DLN123456", "UC=123456"): drop it.
    for label in ["4DDLN", "4DLN", "4D", "LIC#", "ID#", "DL#", "DLN", "LIC", "NO.", "UC#", "UC"] {
        if let Some(rest) = candidate.to_uppercase().strip_prefix(label)
            && rest.chars().count() >= 5
            && rest.chars().any(|c| c.is_ascii_digit())
        {
            candidate = candidate[label.len()..].to_owned();
            break;
        }
    }
    let candidate_chars: String = candidate.chars().filter(|c| *c != '#').collect();
    let mut candidate = candidate_chars;
    // Digit groups printed apart ("123 456 789", "S 123 456 789 012").
    let short_prefix = candidate.chars().count() <= 2 && candidate.chars().all(|c| c.is_ascii_alphabetic());
    // A long first token is a whole number: what follows it is something else (the issue number after a British
    // licence number, "MORGA753116SM9IJ 35").
    let whole = candidate.chars().count() >= 10;
    if (candidate.chars().any(|c| c.is_ascii_digit()) || short_prefix) && !whole {
        for t in &tokens[1..] {
            if t.chars().all(|c| c.is_ascii_digit()) && !t.is_empty() {
                candidate.push_str(t);
            } else {
                break;
            }
        }
    }
    let digits = candidate.chars().filter(char::is_ascii_digit).count();
    let plain: String = candidate.chars().filter(|c| *c != '-').collect();
    let ok = (5..=20).contains(&plain.chars().count())
        && digits >= 1
        && plain.chars().all(|c| c.is_ascii_alphanumeric())
        && !is_date_like(&candidate);
    ok.then(|| candidate.to_uppercase())
}

/// Shaped like a date and could be one ("3877-80-1922" is a licence number: no month or day is 80).
fn is_date_like(s: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{2,4})$").unwrap());
    let Some(c) = DATE.captures(s) else { return false };
    let n = |i: usize| c[i].parse::<u32>().unwrap_or(u32::MAX);
    let year = |i: usize| c[i].len() == 2 || (1900..=2100).contains(&n(i));
    let (a, b) = (n(1), n(2));
    (1..=31).contains(&b)
        && if c[1].len() == 4 { year(1) && (1..=31).contains(&n(3)) } else { (1..=31).contains(&a) && year(3) }
}

static KOREAN_RRN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{6}-\d{7}\b").unwrap());
static AADHAAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{4}\s\d{4}\s\d{4}\b").unwrap());

fn read_numbers(
    segs: &[Segment],
    claimed: &[bool],
    value_kind: &[Option<Kind>],
    id_type: IdType,
    country: &str,
    today: NaiveDate,
    out: &mut Printed,
) {
    // Every number-like token, for second readings: each line adds its tokens once, so a number printed twice
    // (beside the photo and in the data fields, front and back) is there twice.
    for s in segs {
        let mut line_tokens: Vec<String> = Vec::new();
        let mut add = |t: String| {
            if t.chars().count() >= 5
                && t.chars().any(|c| c.is_ascii_digit())
                && t.chars().all(|c| c.is_ascii_alphanumeric())
                && !line_tokens.contains(&t)
            {
                line_tokens.push(t);
            }
        };
        for token in s.text.split_whitespace() {
            add(token.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase());
        }
        add(s.text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase());
        if !s.rest.is_empty() {
            add(s.rest.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_uppercase());
        }
        out.all_numbers.extend(line_tokens);
    }
    // Self-checking personal numbers anywhere on the side.
    for s in segs {
        if let Some(m) = KOREAN_RRN.find(&s.text) {
            let how = if numbers::valid_korean_rrn_check(m.as_str()) { How::SelfChecking } else { How::Labelled };
            out.personal_number = Some(Read::new(m.as_str().to_owned(), s.confidence, how));
            break;
        }
        if let Some(m) = AADHAAR.find(&s.text) {
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            let how = if numbers::valid_aadhaar(&digits) { How::SelfChecking } else { How::Positional };
            out.personal_number = Some(Read::new(digits, s.confidence, how));
            break;
        }
    }
    // Labelled and numbered numbers.
    for (i, s) in segs.iter().enumerate() {
        for &kind in &s.kinds {
            if !matches!(kind, Kind::DocumentNumber | Kind::PersonalNumber) {
                continue;
            }
            let Some((value, j)) = labelled_value(segs, i) else { continue };
            let Some(v) = number_value(value) else { continue };
            let slot = if kind == Kind::DocumentNumber { &mut out.document_number } else { &mut out.personal_number };
            // The first labelled reading wins; a self-checked one is never displaced.
            if slot.is_none() {
                let how = if self_checking(country, &v) { How::SelfChecking } else { s.how };
                *slot = Some(Read::new(v, segs[j].confidence, how));
            }
        }
    }
    if out.personal_number.is_none() {
        for s in segs {
            let upper = s.text.trim().to_uppercase();
            if self_checking(country, &upper) {
                out.personal_number = Some(Read::new(upper, s.confidence, How::SelfChecking));
                break;
            }
        }
    }
    // States that print a personal number: an unlabelled token of mostly digits (dates of birth inside many of them,
    // "211271-426U", "19870314-2391", "72033012347").
    if out.personal_number.is_none() && crate::extract::document::spec(id_type, country).personal_number {
        for s in segs.iter().filter(|s| !s.labelled() || s.kinds.contains(&Kind::PersonalNumber)) {
            let text = if s.labelled() { s.rest.as_str() } else { s.text.as_str() };
            let token = text.trim();
            let digits = token.chars().filter(char::is_ascii_digit).count();
            let letters = token.chars().filter(|c| c.is_alphabetic()).count();
            let shape = token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+'))
                && (8..=13).contains(&digits)
                && letters <= 2
                && (9..=14).contains(&token.chars().count());
            if shape && !is_date_like(token) && !is_address(token) {
                out.personal_number = Some(Read::new(token.to_uppercase(), s.confidence, How::Positional));
                break;
            }
        }
    }
    // Cards whose only number is the holder's (Korean resident cards, Aadhaar): it is the document number too.
    // Spanish licences are numbered with the holder's DNI.
    let personal_only = matches!(id_type, IdType::Aadhaar)
        || (id_type == IdType::GovernmentId && matches!(country, "KOR" | "IND"))
        || (id_type == IdType::DriversLicense
            && country == "ESP"
            && out.personal_number.as_ref().is_some_and(|p| p.how == How::SelfChecking));
    if out.document_number.is_none() && personal_only {
        out.document_number = out.personal_number.clone();
    }
    if out.document_number.is_some() {
        return;
    }
    // Positional: the first free token of 6-12 letters and digits with at least three digits, that is not a date,
    // a personal number or the value of another label.
    let personal = out.personal_number.as_ref().map(|p| p.value.replace(['-', ' '], ""));
    for (i, s) in segs.iter().enumerate() {
        let Some(text) = free_number_text(segs, claimed, value_kind, i) else { continue };
        // Field 9's categories ("AM A1 A2 B C1E CE") are letters and digits in short groups too.
        if lexicon::is_categories(text) {
            continue;
        }
        // A date in either order is no number, whatever order the document's country uses ("11-16-2026").
        if !find_dates(text, DayOrder::DayFirst, today).is_empty()
            || !find_dates(text, DayOrder::MonthFirst, today).is_empty()
        {
            continue;
        }
        // Licences: a short label OCR did not recognise before the number ("JCNO 76733917" for "LIC NO").
        let text = match text.trim().split_once(' ') {
            Some((word, number))
                if licence_like(id_type, country)
                    && (3..=4).contains(&word.chars().count())
                    && word.chars().all(|c| c.is_ascii_uppercase())
                    // Close to a number label: "ICN 0123456789" (another number) keeps its word and is no licence number.
                    && ["LICNO", "DLNO", "IDNO", "DLN", "LIC"].iter().any(|l| lexicon::edit_distance(word, l) <= word.chars().count() / 2)
                    && number.chars().all(|c| c.is_ascii_alphanumeric())
                    && number.chars().filter(char::is_ascii_digit).count() >= 6 =>
            {
                number
            }
            _ => text,
        };
        let upper = text.trim().to_uppercase();
        let plain: String = upper.chars().filter(|c| *c != ' ' && *c != '-').collect();
        let licence_like = licence_like(id_type, country);
        let letters_ok = licence_like || plain.chars().any(|c| c.is_ascii_uppercase());
        let longest = if licence_like { 17 } else { 12 };
        // Printed apart, a number's groups all hold digits ("S 123 456 789", "123 456 789"); a word beside digits
        // ("26728 CHERRY CT") is a street, whatever its suffix was read as.
        let grouped_number =
            upper.split_whitespace().all(|g| g.chars().any(|c| c.is_ascii_digit()) || g.chars().count() <= 2);
        let ok = (6..=longest).contains(&plain.chars().count())
            && grouped_number
            && plain.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && plain.chars().filter(char::is_ascii_digit).count() >= 3
            && letters_ok
            && personal.as_deref() != Some(plain.as_str())
            && find_dates(text, DayOrder::DayFirst, today).is_empty();
        if ok {
            // Dashes are part of some licence numbers as printed ("A1234-56789-01234").
            let value = if upper.contains('-') && !upper.contains(' ') { upper.clone() } else { plain };
            out.document_number = Some(Read::new(value, s.confidence, How::Positional));
            break;
        }
    }
    // A licence's only unlabelled number is its own (field 5 is on every licence, the holder's personal number on
    // few): taken by position for a personal number, it is the licence number.
    // (Not a number that holds the birth date, as the personal numbers of the Nordic and Baltic states do.)
    let holds_birth_date = |v: &str| {
        out.birth_date.as_ref().is_some_and(|b| {
            let d = b.value;
            [d.format("%y%m%d").to_string(), d.format("%d%m%y").to_string()].iter().any(|f| v.contains(f.as_str()))
        })
    };
    if out.document_number.is_none()
        && id_type == IdType::DriversLicense
        && out.personal_number.as_ref().is_some_and(|p| p.how == How::Positional && !holds_birth_date(&p.value))
    {
        out.document_number = out.personal_number.take();
    }
}

/// The text of a segment where a document number may stand unlabelled: not another label's value, not labelled as
/// something else (a number label's own rest is), not an address.
/// Licences, and the ID cards US states and Canadian provinces issue on the same design: they may number in digits
/// only, and long.
fn licence_like(id_type: IdType, country: &str) -> bool {
    id_type == IdType::DriversLicense || (id_type == IdType::GovernmentId && matches!(country, "USA" | "CAN"))
}

fn free_number_text<'s>(
    segs: &'s [Segment],
    claimed: &[bool],
    value_kind: &[Option<Kind>],
    i: usize,
) -> Option<&'s str> {
    let s = &segs[i];
    // "10 E13-74-2115": a field number the card does not use (4d misread as 10) before a number; its value is free.
    let misread_number = s.how == How::Numbered && s.kinds == [Kind::Other];
    if claimed[i] && value_kind[i].is_some_and(|k| k != Kind::DocumentNumber)
        || (s.labelled() && !s.kinds.contains(&Kind::DocumentNumber) && !misread_number)
    {
        return None;
    }
    let text = if s.labelled() { s.rest.as_str() } else { s.text.as_str() };
    (!is_address(text)).then_some(text)
}

/// The state that issued a US card: the one its header names, else the one in the holder's address.
fn issuing_jurisdiction(segs: &[Segment]) -> Option<&'static str> {
    segs.iter().find_map(|s| jurisdiction::from_name(&s.text)).or_else(|| {
        segs.iter().filter(|s| is_address(&s.text)).find_map(|s| {
            let norm = lexicon::normalise(&s.text);
            let words: Vec<&str> = norm.split(' ').collect();
            (1..words.len()).find_map(|k| {
                let zip = words[k].chars().filter(char::is_ascii_digit).count() >= 5;
                let code = crate::extract::barcode::aamva::JURISDICTIONS
                    .iter()
                    .find(|j| j.code == words[k - 1] && j.country == "USA");
                code.filter(|_| zip && k >= 2).map(|j| j.code)
            })
        })
    })
}

/// The licence number in the issuing state's shape: label remnants OCR ran into it dropped ("0274027178" is
/// "274027178" in a nine-digit state), or, when no number was read, the first free token of that shape.
fn fit_to_jurisdiction(
    segs: &[Segment],
    claimed: &[bool],
    value_kind: &[Option<Kind>],
    code: &str,
    today: NaiveDate,
    out: &mut Printed,
) {
    if let Some(read) = &mut out.document_number {
        if let Some(fixed) = jurisdiction::in_shape(code, &read.value) {
            read.value = fixed;
        }
        return;
    }
    for (i, s) in segs.iter().enumerate() {
        let Some(text) = free_number_text(segs, claimed, value_kind, i) else { continue };
        if !find_dates(text, DayOrder::MonthFirst, today).is_empty() {
            continue;
        }
        // The number alone on its line, or after a short label that OCR did not recognise ("DEN 177PX9564").
        let words: Vec<&str> = text.split_whitespace().collect();
        let label_like = |w: &str| {
            !w.chars().any(|c| c.is_ascii_digit())
                && (w.chars().count() <= 4 || w.chars().count() <= 6 && w.ends_with([':', '#']))
        };
        // Up to two: a field number and a misread label ("4 ldn: P2173 65448 03713"); a one-letter word may be the
        // number's own first group ("IONG: F 908 493 528 057"), so each start is tried, nearest first.
        let mut skippable = 0;
        while skippable < 2
            && words.len() > skippable + 1
            && (label_like(words[skippable]) || words[skippable].chars().count() <= 2)
        {
            skippable += 1;
        }
        for start in 0..=skippable {
            let candidate = words[start..].join(" ");
            let plain = candidate.chars().filter(char::is_ascii_alphanumeric).count();
            let printable = candidate.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-'));
            // Few digits only in a long number whose shape is distinctive ("WDLYST5HJHNP").
            let digits = candidate.chars().filter(char::is_ascii_digit).count();
            if printable
                && plain >= 6
                && (digits >= 3 || plain >= 10 && digits >= 1)
                && jurisdiction::fits(code, &candidate) == Some(true)
            {
                let value = if candidate.contains('-') && !candidate.contains(' ') {
                    candidate.to_uppercase()
                } else {
                    candidate.replace(' ', "").to_uppercase()
                };
                out.document_number = Some(Read::new(value, s.confidence, How::Positional));
                return;
            }
        }
    }
}

/// A street line or a "CITY, ST 12345" line: its numbers are house numbers and postal codes.
fn is_address(text: &str) -> bool {
    const STREET: &[&str] = &[
        "ST", "RD", "AVE", "AV", "BLVD", "DR", "LN", "WAY", "CT", "PL", "HWY", "STREET", "ROAD", "AVENUE", "DRIVE",
        "LANE", "COURT", "PLACE", "CIRCLE", "CIR", "TERRACE", "TER", "PKWY", "APT", "UNIT", "STRASSE", "STR", "RUE",
        "CALLE", "VIA", "AVENIDA", "STRAAT", "WEG", "PLAZA", "ULICA", "UL",
    ];
    let norm = lexicon::normalise(text);
    let words: Vec<&str> = norm.split(' ').collect();
    let has_digits = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    // "7492 MANNST": the street's suffix run into its name, after a house number.
    // (A house number has three digits or more: "1 HOWARD" and "2 ERNEST" are numbered name fields.)
    let glued = words.first().is_some_and(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_ascii_digit()))
        && words.len() == 2
        && words.last().is_some_and(|w| {
            w.chars().count() >= 5
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && STREET.iter().any(|s| s.chars().count() >= 2 && w.ends_with(s) && w.len() > s.len() + 2)
        });
    let street = words.iter().any(|w| STREET.contains(w)) || glued;
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

/// A number whose own check character passes, in a country that issues that kind of number.
fn self_checking(country: &str, v: &str) -> bool {
    match country {
        "ESP" => numbers::valid_spanish_dni(v),
        "NLD" => numbers::valid_dutch_bsn(v),
        "IND" => numbers::valid_aadhaar(v),
        "KOR" => numbers::korean_rrn(v).is_some() && numbers::valid_korean_rrn_check(v),
        "ITA" => numbers::valid_codice_fiscale(v),
        "MEX" => numbers::valid_curp(v),
        "CHL" => numbers::valid_chilean_rut(v),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::geometry::Point;

    /// A line at (x, y), 20 px high, as the OCR engine reports it.
    pub fn line(text: &str, x: f32, y: f32, row: usize) -> OcrLine {
        let w = 11.0 * text.chars().count() as f32;
        OcrLine {
            text: text.into(),
            confidence: 0.98,
            char_confidences: vec![0.98; text.chars().count()],
            r#box: [Point::new(x, y), Point::new(x + w, y), Point::new(x + w, y + 20.0), Point::new(x, y + 20.0)],
            height: 20.0,
            row,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_value_below_its_bilingual_label_is_read_by_meaning() {
        let lines = [
            line("Nazwisko / Surname", 100.0, 50.0, 0),
            line("NOWICKA", 100.0, 72.0, 1),
            line("Imiona / Given names", 100.0, 100.0, 2),
            line("EWA", 100.0, 122.0, 3),
            line("Data urodzenia / Date of birth", 100.0, 150.0, 4),
            line("12.03.1985", 100.0, 172.0, 5),
        ];
        let p = read(&lines, IdType::Passport, "POL", today());
        assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("NOWICKA", How::Labelled)));
        assert_eq!(p.given_names.as_ref().map(|r| r.value.as_str()), Some("EWA"));
        assert_eq!(p.birth_date.as_ref().map(|r| r.value), Some(date(1985, 3, 12)));
    }

    #[test]
    fn a_comma_under_a_given_names_label_separates_given_names() {
        let lines = [
            line("NOM/Surname", 100.0, 50.0, 0),
            line("DUBOIS", 100.0, 72.0, 1),
            line("Prénoms / Given names", 100.0, 100.0, 2),
            line("Anne-Sophie, Claire", 100.0, 122.0, 3),
        ];
        let p = read(&lines, IdType::GovernmentId, "FRA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("DUBOIS".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Anne-Sophie, Claire".into()));
    }

    #[test]
    fn a_value_to_the_right_of_its_label_is_read() {
        let lines = [
            line("DOB", 100.0, 50.0, 0),
            line("02/23/1991", 160.0, 50.0, 0),
            line("SEX", 100.0, 80.0, 1),
            line("F", 150.0, 80.0, 1),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(1991, 2, 23)));
        assert_eq!(p.sex.map(|r| r.value), Some('F'));
    }

    #[test]
    fn an_aamva_card_is_read_from_its_field_numbers_and_its_state_is_no_name() {
        let lines = [
            line("MICHIGAN", 50.0, 10.0, 0),
            line("DRIVER LICENSE", 300.0, 10.0, 0),
            line("4d DLN S 123 456 789 012", 200.0, 50.0, 1),
            line("3 DOB 08/31/1978", 200.0, 80.0, 2),
            line("4b EXP 08/31/2029", 200.0, 110.0, 3),
            line("1 NOWAK", 200.0, 140.0, 4),
            line("2 JAN PIOTR", 200.0, 170.0, 5),
            line("5 DD 1234567890123", 200.0, 200.0, 6),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("NOWAK", How::Numbered)));
        assert_eq!(p.given_names.as_ref().map(|r| r.value.as_str()), Some("JAN PIOTR"));
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(1978, 8, 31)));
        assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2029, 8, 31)));
        assert_eq!(p.document_number.map(|r| r.value), Some("S123456789012".into()));
    }

    #[test]
    fn a_number_label_before_or_run_into_the_number_is_dropped_misread_or_not() {
        assert_eq!(number_value("D/n: WDLRBDSV8KC8").as_deref(), Some("WDLRBDSV8KC8"));
        assert_eq!(number_value("DLN3877-80-1922").as_deref(), Some("3877-80-1922"));
        assert_eq!(number_value("uc S512941886").as_deref(), Some("S512941886"));
        assert_eq!(number_value("UC=803767337").as_deref(), Some("803767337"));
        assert_eq!(number_value("S 123 456 789 012").as_deref(), Some("S123456789012"));
        assert_eq!(
            number_value("MORGA753116SM9IJ 35").as_deref(),
            Some("MORGA753116SM9IJ"),
            "the issue number is apart"
        );
    }

    #[test]
    fn only_what_could_be_a_date_is_date_like() {
        assert!(is_date_like("12.03.1985"));
        assert!(is_date_like("1985-03-12"));
        assert!(is_date_like("03/12/85"));
        assert!(!is_date_like("3877-80-1922"));
        assert!(!is_date_like("123-45-6789"));
    }

    #[test]
    fn a_sample_card_holder_named_sample_is_read_under_the_field_number_with_the_middle_initial() {
        let lines = [
            line("SAMPLE", 300.0, 10.0, 0),
            line("DRIVER LICENSE", 300.0, 40.0, 1),
            line("1 SAMPLE", 200.0, 80.0, 2),
            line("2 JANE Q.", 200.0, 110.0, 3),
            line("3 DOB 08/31/1978", 200.0, 140.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("SAMPLE", How::Numbered)));
        assert_eq!(p.given_names.as_ref().map(|r| (r.value.as_str(), r.how)), Some(("JANE Q.", How::Numbered)));
    }

    #[test]
    fn a_state_name_is_a_surname_when_the_signature_spells_it() {
        let lines = [
            line("Vermont", 50.0, 10.0, 0),
            line("IDENTITY CARD", 300.0, 10.0, 0),
            line("WASHINGTON", 50.0, 100.0, 1),
            line("GEORGE", 50.0, 130.0, 2),
            line("George Washington", 300.0, 200.0, 3),
        ];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("WASHINGTON".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("GEORGE".into()));
        // Without that second printing the state stays a heading.
        let p = read(&lines[..4], IdType::GovernmentId, "USA", today());
        assert_ne!(p.surname.map(|r| r.value), Some("WASHINGTON".into()));
    }

    #[test]
    fn a_title_case_last_comma_first_line_is_the_name_even_with_a_state_in_it() {
        let lines = [
            line("ILLINOIS", 50.0, 10.0, 0),
            line("DL:", 50.0, 40.0, 1),
            line("R548-6312-3000", 100.0, 40.0, 1),
            line("Washington, Aoife", 50.0, 70.0, 2),
            line("4 EXP: 08/20/2030", 50.0, 100.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Washington".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Aoife".into()));
        assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2030, 8, 20), How::Labelled)));
    }

    #[test]
    fn a_street_line_is_no_licence_number_even_when_its_suffix_is_misread() {
        let lines = [
            line("QUEBEC", 50.0, 10.0, 0),
            line("Harris,Gregory", 50.0, 40.0, 1),
            line("26728 CHERRY CY", 50.0, 70.0, 2),
            line("MONTREAL QC W3T 7L7", 50.0, 100.0, 3),
            line("E0398-897959-21", 50.0, 130.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "CAN", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("E0398-897959-21".into()));
    }

    #[test]
    fn a_specimen_stamp_alone_on_its_line_is_no_name() {
        let lines = [line("SPECIMEN", 50.0, 10.0, 0), line("ROBINSON", 50.0, 100.0, 1), line("AOIFE", 50.0, 130.0, 2)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("AOIFE".into()));
    }

    #[test]
    fn without_labels_the_state_and_labels_are_not_taken_for_names() {
        let lines = [
            line("OREGON", 50.0, 10.0, 0),
            line("DL", 50.0, 40.0, 1),
            line("8003018", 90.0, 40.0, 1),
            line("EXP", 50.0, 70.0, 2),
            line("05-10-2027", 90.0, 70.0, 2),
            line("ROBINSON", 50.0, 100.0, 3),
            line("AOIFE", 50.0, 130.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("AOIFE".into()));
        assert_eq!(p.document_number.map(|r| r.value), Some("8003018".into()));
    }

    #[test]
    fn a_date_labelled_as_something_else_gets_no_role() {
        let lines = [
            line("DOB 01/02/2008", 50.0, 10.0, 0),
            line("UNDER 21 UNTIL 01/02/2029", 50.0, 40.0, 1),
            line("EXP 01/02/2031", 50.0, 70.0, 2),
            line("ISS 05/06/2024", 50.0, 100.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2031, 1, 2)));
        assert_eq!(p.issue_date.map(|r| r.value), Some(date(2024, 5, 6)));
    }

    #[test]
    fn a_vertical_number_is_a_second_reading() {
        let mut v = line("X4B91K2Q7", 10.0, 10.0, 9);
        // Reading downwards.
        v.r#box = [Point::new(10.0, 10.0), Point::new(10.0, 110.0), Point::new(-10.0, 110.0), Point::new(-10.0, 10.0)];
        assert!(is_vertical(&v));
        let p = read(&[v], IdType::Passport, "UTO", today());
        assert!(p.all_numbers.contains(&"X4B91K2Q7".to_string()));
    }

    #[test]
    fn an_aamva_number_is_cut_to_its_states_shape_and_found_by_it_when_unlabelled() {
        // Connecticut numbers its cards with nine digits: the "0" before them is what is left of the "ID" label.
        let lines = [
            line("CONNECTICUT", 100.0, 20.0, 0),
            line("4d0274027178", 200.0, 60.0, 1),
            line("1 IN O'NEIL", 200.0, 85.0, 2),
            line("2 ROBERT", 200.0, 110.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("274027178".into()));
        assert_eq!(p.surname.map(|r| r.value), Some("O'NEIL".into()), "the misread LN label is no part of the name");
        // Without a label OCR recognised, the token of the state's shape (Iowa: 3 digits, 2 letters, 4 digits) is
        // the number; the ZIP code of the address is not.
        let lines = [
            line("IOWA", 100.0, 20.0, 0),
            line("DEN 177PX9564", 200.0, 60.0, 1),
            line("12 MAIN ST", 200.0, 85.0, 2),
            line("SALEM, IA 52101", 200.0, 110.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("177PX9564".into()));
        // "ID No" with its D lost reads "I No": a label, not field 1.
        let lines =
            [line("California", 100.0, 20.0, 0), line("I No", 70.0, 139.0, 1), line("R9045210", 70.0, 158.0, 2)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("R9045210".into()));
    }

    #[test]
    fn a_label_run_into_its_field_number_or_after_a_misread_one_still_labels() {
        let lines = [
            line("ILN", 200.0, 60.0, 0),
            line("OZTURK", 200.0, 75.0, 1),
            line("da issued", 200.0, 120.0, 2),
            line("10/21/2024", 200.0, 135.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("OZTURK".into()));
        assert_eq!(p.issue_date.map(|r| r.value), Some(date(2024, 10, 21)));
    }

    #[test]
    fn a_row_of_dates_whose_later_labels_were_lost_is_placed_by_order_after_the_labelled_birth_date() {
        let lines = [
            line("WHITE", 100.0, 60.0, 0),
            line("LILY", 100.0, 85.0, 1),
            line("DOB 02/28/1968 s 04/15/2022 02/28/2027", 100.0, 110.0, 2),
        ];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(1968, 2, 28)));
        assert_eq!(p.issue_date.map(|r| r.value), Some(date(2022, 4, 15)));
        assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2027, 2, 28)));
    }

    #[test]
    fn a_date_under_a_misread_field_number_is_placed_by_order() {
        // "3." read as "1.": field 1 holds no date, so the date is the earliest one, the birth date.
        let lines = [
            line("1. GARCIA", 200.0, 60.0, 0),
            line("2. ANA", 200.0, 85.0, 1),
            line("1. 13.05.1945 MALAGA", 200.0, 110.0, 2),
            line("29.12.2022", 200.0, 135.0, 3),
            line("28.12.2037", 400.0, 135.0, 3),
            line("s. 86738977", 200.0, 160.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "DNK", today());
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(1945, 5, 13)));
        assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2037, 12, 28)));
        assert_eq!(p.document_number.map(|r| r.value), Some("86738977".into()), "field 5 with its 5 read as s");
    }

    #[test]
    fn given_names_right_under_the_surname_are_read_when_their_number_or_label_was_lost() {
        let eu = [
            line("DRIVING LICENCE", 50.0, 10.0, 0),
            line("1 Kuznetsova", 50.0, 40.0, 1),
            line("¿ Nataliya Olena Oksana", 48.0, 62.0, 2),
            line("3 14.03.1988 VILNIUS", 48.0, 84.0, 3),
        ];
        let p = read(&eu, IdType::DriversLicense, "LTU", today());
        assert_eq!(p.given_names.map(|r| r.value), Some("Nataliya Olena Oksana".into()));
        let us = [
            line("IOWA", 50.0, 10.0, 0),
            line("LN Hernandez", 50.0, 40.0, 1),
            line("Brandon Tyler Noah", 50.0, 62.0, 2),
        ];
        let p = read(&us, IdType::DriversLicense, "USA", today());
        assert_eq!(p.given_names.map(|r| r.value), Some("Brandon Tyler Noah".into()));
        let misread = [line("1 UN: ROBINSON", 50.0, 40.0, 1), line("2 FN: MASON OLIVER", 50.0, 62.0, 2)];
        let p = read(&misread, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("ROBINSON".into()));
    }

    #[test]
    fn a_surname_right_above_numbered_given_names_and_specks_after_field_numbers_are_read() {
        let lost_one = [
            line("DELAWARE", 50.0, 10.0, 0),
            line(": O'Connor", 50.0, 40.0, 1),
            line("2 Amelia", 50.0, 62.0, 2),
            line("24968 MAIN ST", 50.0, 84.0, 3),
        ];
        let p = read(&lost_one, IdType::DriversLicense, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("O'Connor".into()), Some("Amelia".into()))
        );
        let specks = [line("1 8 OKAFOR", 50.0, 40.0, 1), line("2 /% DWAYNE CODY", 50.0, 62.0, 2)];
        let p = read(&specks, IdType::DriversLicense, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("OKAFOR".into()), Some("DWAYNE CODY".into()))
        );
    }

    #[test]
    fn stacked_name_labels_and_numbers_are_read_in_field_order_and_colour_codes_are_no_names() {
        let stacked =
            [line("LN ANDERSON", 50.0, 40.0, 1), line("IN DWAYNE", 50.0, 62.0, 2), line("SEY M", 250.0, 100.0, 3)];
        let p = read(&stacked, IdType::GovernmentId, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("ANDERSON".into()), Some("DWAYNE".into()))
        );
        let eu = [line("AJOKORTTI", 50.0, 10.0, 0), line("1 YLÖNEN", 50.0, 40.0, 1), line("1 ELINA", 50.0, 62.0, 2)];
        let p = read(&eu, IdType::DriversLicense, "FIN", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("YLÖNEN".into()), Some("ELINA".into()))
        );
        let look_alike = [
            line("RODRÍGUEZ MUÑOZ", 50.0, 40.0, 1),
            line("I SERGIO", 50.0, 62.0, 2),
            line("22107 LAKE RD", 50.0, 84.0, 3),
        ];
        let p = read(&look_alike, IdType::GovernmentId, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("RODRÍGUEZ MUÑOZ".into()), Some("SERGIO".into()))
        );
        let colour =
            [line("HARRIS", 50.0, 40.0, 1), line("OLIVER ROBERT", 50.0, 62.0, 2), line("2 BLU", 50.0, 140.0, 5)];
        let p = read(&colour, IdType::GovernmentId, "USA", today());
        assert_eq!(p.given_names.map(|r| r.value), Some("OLIVER ROBERT".into()));
        let small_label = [line("1 BEN YOUSSEF", 50.0, 40.0, 1), line("2 is NABIL", 50.0, 62.0, 2)];
        let p = read(&small_label, IdType::GovernmentId, "USA", today());
        assert_eq!(p.given_names.map(|r| r.value), Some("NABIL".into()));
    }

    #[test]
    fn a_given_name_that_is_also_a_label_word_is_the_value_of_its_field_number() {
        let lines =
            [line("RIJBEWIJS", 50.0, 10.0, 0), line("1. HENDRIKS", 50.0, 40.0, 1), line("2. KOEN", 50.0, 70.0, 2)];
        let p = read(&lines, IdType::DriversLicense, "NLD", today());
        assert_eq!(p.given_names.map(|r| r.value), Some("KOEN".into()));
    }

    #[test]
    fn a_spanish_licence_is_numbered_with_the_holders_dni() {
        let lines =
            [line("1. GARCIA", 200.0, 60.0, 0), line("2. ANA", 200.0, 85.0, 1), line("12345678Z", 200.0, 160.0, 2)];
        let p = read(&lines, IdType::DriversLicense, "ESP", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("12345678Z".into()));
    }

    #[test]
    fn a_value_set_tight_under_its_label_is_its_value() {
        // Small print: the label's box reaches into the value's.
        let mut label = line("EXP:", 100.0, 197.0, 0);
        label.height = 18.0;
        label.r#box[2].y = 215.0;
        label.r#box[3].y = 215.0;
        let lines = [
            line("DOB 10/12/1951", 100.0, 150.0, 0),
            label,
            line("10/12/2032", 100.0, 206.0, 1),
            line("07/05/2024", 300.0, 260.0, 2),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2032, 10, 12), How::Labelled)));
    }

    #[test]
    fn an_eu_licence_is_read_past_its_flag_code_run_in_names_and_misread_field_five() {
        let lines = [
            line("FIN", 20.0, 90.0, 0),
            line(") MAKINEN", 200.0, 130.0, 1),
            line("2JUKKA", 200.0, 165.0, 2),
            line("3) 16.07.1972 HELSINKI", 200.0, 197.0, 3),
            line("s) WV8824813", 200.0, 280.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "FIN", today());
        assert_eq!(p.surname.map(|r| r.value), Some("MAKINEN".into()), "the flag's country code is no name");
        assert_eq!(p.given_names.map(|r| r.value), Some("JUKKA".into()));
        assert_eq!(p.document_number.map(|r| r.value), Some("WV8824813".into()));
    }

    #[test]
    fn a_number_run_into_its_label_or_behind_a_lost_field_number_is_read() {
        let lines = [line("Alaska", 100.0, 20.0, 0), line("Lic#:5937333", 100.0, 60.0, 1)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("5937333".into()));
        let lines = [line("NEW JERSEY", 100.0, 20.0, 0), line("4 ldn: P2173 65448 03713", 100.0, 60.0, 1)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("P21736544803713".into()));
        // A one-letter first group belongs to the number; a symbol before it does not.
        let lines = [line("MICHIGAN", 100.0, 20.0, 0), line("IONG: F 908 493 528 057", 100.0, 60.0, 1)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("F908493528057".into()));
        let lines = [line("NEW YORK", 100.0, 20.0, 0), line("4d μ 301 517 026", 100.0, 60.0, 1)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("301517026".into()));
    }

    #[test]
    fn a_boxed_field_five_run_into_the_number_in_the_number_column_and_the_flags_sign_are_read_as_such() {
        let lines = [
            line("VOZNISKO DOVOLJENJE", 40.0, 20.0, 0),
            line("SLO", 500.0, 10.0, 0),
            line("DABROWSKA", 43.0, 60.0, 1),
            line("BOZENA", 43.0, 85.0, 2),
            line("317 03 1996 LJUBLJANA", 40.0, 110.0, 3),
            line("4a 22 09 2021", 40.0, 135.0, 4),
            line("4c MARIBOR", 40.0, 160.0, 5),
            line("5014032764", 42.0, 185.0, 6),
        ];
        let p = read(&lines, IdType::DriversLicense, "SVN", today());
        assert_eq!(p.surname.map(|r| r.value), Some("DABROWSKA".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("BOZENA".into()));
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(1996, 3, 17)));
        assert_eq!(p.document_number.map(|r| r.value), Some("014032764".into()));
        // Out of the column of field numbers, a number starting with 5 keeps its 5.
        let mut moved = lines.clone();
        moved[7] = line("5014032764", 300.0, 185.0, 6);
        assert_eq!(
            read(&moved, IdType::DriversLicense, "SVN", today()).document_number.map(|r| r.value),
            Some("5014032764".into())
        );
    }

    #[test]
    fn a_date_with_spaces_is_no_field_ten_and_the_categories_are_no_number_or_name() {
        let lines = [
            line("ADEYEMI", 85.0, 60.0, 0),
            line("BRITTANY ISABELLA", 85.0, 85.0, 1),
            line("26 09 1963 GALWAY", 85.0, 110.0, 2),
            line("10 04 2020", 85.0, 135.0, 3),
            line("4 10 04 2030", 190.0, 135.0, 3),
            line("AM A1 A2 B C1E CE", 85.0, 185.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "IRL", today());
        assert_eq!(p.issue_date.map(|r| r.value), Some(date(2020, 4, 10)));
        assert_eq!(p.document_number, None);
        let run_in = [line("1Fontaine", 85.0, 60.0, 0), line("Anne-Claire Apolline", 85.0, 85.0, 1)];
        let p = read(&run_in, IdType::DriversLicense, "FRA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Fontaine".into()));
        let run_in = [line("1DE BOER", 85.0, 60.0, 0), line("2LUUK JEROEN", 85.0, 85.0, 1)];
        let p = read(&run_in, IdType::DriversLicense, "NLD", today());
        assert_eq!(p.surname.map(|r| r.value), Some("DE BOER".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("LUUK JEROEN".into()));
        let names = [line("B BE", 85.0, 60.0, 0), line("NGUYEN", 85.0, 85.0, 1), line("THANH TUNG", 85.0, 110.0, 2)];
        let p = read(&names, IdType::DriversLicense, "ESP", today());
        assert_eq!(p.surname.map(|r| r.value), Some("NGUYEN".into()));
    }

    #[test]
    fn title_case_names_above_an_eu_licences_birth_date_are_the_names_and_a_signatures_initial_is_no_field_one() {
        let lines = [
            line("RIJBEWIJS", 210.0, 20.0, 0),
            line("Al-Hashimi", 240.0, 60.0, 1),
            line("Ahmad", 240.0, 85.0, 2),
            line("26 06 1946 'S-GRAVENHAGE", 242.0, 110.0, 3),
            line("1868397725", 245.0, 160.0, 4),
            line("A. Al-Hashimi", 600.0, 190.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "NLD", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Al-Hashimi".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Ahmad".into()));
        let lines = [
            line("KHMELNYTSKA", 126.0, 60.0, 1),
            line("IRYNA", 126.0, 85.0, 2),
            line("19.05.1999 LJUBLJANA", 130.0, 110.0, 3),
            line("I. Khmelnytska", 600.0, 190.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "SVN", today());
        assert_eq!(p.surname.map(|r| r.value), Some("KHMELNYTSKA".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("IRYNA".into()));
        // The signature's initial read as field 1 does not make it the surname field.
        let lines = [
            line("DORDEVIĆ", 122.0, 60.0, 1),
            line("IRYNA", 126.0, 85.0, 2),
            line("03 07 1988 VILNIUS", 130.0, 110.0, 3),
            line("1. Dordević", 600.0, 190.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "LTU", today());
        assert_eq!(p.surname.map(|r| r.value), Some("DORDEVIĆ".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("IRYNA".into()));
        // Given names follow the labelled surname: a line above it is none ("2" misread as "1" under a surname
        // whose number was lost).
        let lines =
            [line("KOVACS", 100.0, 60.0, 1), line("1 ANNA", 96.0, 85.0, 2), line("12.03.1980 GYOR", 96.0, 110.0, 3)];
        let p = read(&lines, IdType::DriversLicense, "HUN", today());
        assert_ne!(p.given_names.map(|r| r.value), Some("KOVACS".into()));
        // A title garbled past recognition above them is no name.
        let lines = [
            line("KOREKORT", 55.0, 20.0, 0),
            line("THORISDOTTIR", 60.0, 60.0, 1),
            line("MIKKEL", 64.0, 85.0, 2),
            line("321 10 1984 AALBORG", 68.0, 110.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "DNK", today());
        assert_eq!(p.surname.map(|r| r.value), Some("THORISDOTTIR".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("MIKKEL".into()));
    }

    #[test]
    fn field_numbers_alone_on_their_lines_label_the_values_beside_them() {
        let lines = [
            line("VASILYEV", 130.0, 60.0, 0),
            line("MARIYA", 130.0, 85.0, 1),
            line("28/10/1999 ZAGREB", 130.0, 110.0, 2),
            line("4b", 98.0, 135.0, 3),
            line("09/06/2040", 140.0, 135.0, 3),
            line("4a", 98.0, 160.0, 4),
            line("10/06/2025", 140.0, 160.0, 4),
            line("005542572", 113.0, 185.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "HRV", today());
        assert_eq!(p.issue_date.map(|r| (r.value, r.how)), Some((date(2025, 6, 10), How::Labelled)));
        assert_eq!(p.expiry_date.map(|r| (r.value, r.how)), Some((date(2040, 6, 9), How::Labelled)));
        assert_eq!(
            p.document_number.map(|r| r.value),
            Some("005542572".into()),
            "the only number of a licence is its own"
        );
    }

    #[test]
    fn a_garbled_title_on_the_state_names_row_is_no_name_and_the_names_under_the_header_are() {
        let lines = [
            line("OKLAHOMA", 100.0, 40.0, 0),
            line("URVERS UCENGE", 440.0, 20.0, 0),
            line("MACDONALD", 100.0, 80.0, 1),
            line("ISABELLA BROOKLYN", 100.0, 105.0, 2),
            line("249 MAPLE DR", 100.0, 135.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("MACDONALD".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("ISABELLA BROOKLYN".into()));
    }

    #[test]
    fn a_small_field_number_run_into_its_value_and_a_lost_4b_before_its_label_are_read() {
        let lines = [
            line("IOWA", 100.0, 20.0, 0),
            line("4d627BJ5873", 100.0, 60.0, 1),
            line("1 ALLEN", 100.0, 85.0, 2),
            line("2 JACK", 100.0, 110.0, 3),
            line("3 06/04/2008", 100.0, 135.0, 4),
            line("4EXP 06/04/2029", 300.0, 160.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("627BJ5873".into()));
        assert_eq!(p.expiry_date.map(|r| r.value), Some(date(2029, 6, 4)));
        assert_eq!(p.birth_date.map(|r| r.value), Some(date(2008, 6, 4)));
    }

    #[test]
    fn title_case_names_right_above_the_street_are_the_holders_and_the_signature_stays_a_second_printing() {
        let lines = [
            line("Florida", 50.0, 10.0, 0),
            line("DRIVER LICENSE", 300.0, 10.0, 0),
            line("DL", 50.0, 40.0, 1),
            line("G768-067-93-621-7", 90.0, 40.0, 1),
            line("Papageorgiou", 50.0, 70.0, 2),
            line("Ryan", 50.0, 92.0, 3),
            line("21061 RIVER RD", 50.0, 114.0, 4),
            line("CLINTON, FL 40332", 50.0, 136.0, 5),
            line("Ryan Papageorgiou", 260.0, 170.0, 6),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Papageorgiou".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Ryan".into()));
        assert!(p.signature_lines.iter().any(|s| s == "Ryan Papageorgiou"), "{:?}", p.signature_lines);

        // Small field numbers misread as letters before the names are no part of them.
        let marked = [
            line("x Allen", 50.0, 70.0, 0),
            line("is Oliver", 50.0, 92.0, 1),
            line("36451 MAIN ST", 50.0, 114.0, 2),
            line("FAIRVIEW. WA 11655", 50.0, 136.0, 3),
        ];
        let p = read(&marked, IdType::DriversLicense, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("Allen".into()), Some("Oliver".into()))
        );

        // Far above the street, or with a label line between, title case is not taken for a name.
        let far =
            [line("Papageorgiou", 50.0, 20.0, 0), line("Ryan", 50.0, 42.0, 1), line("21061 RIVER RD", 50.0, 114.0, 2)];
        assert_eq!(read(&far, IdType::DriversLicense, "USA", today()).surname, None);
    }

    #[test]
    fn a_name_label_over_two_stacked_lines_reads_the_surname_then_the_given_names() {
        // Tight lines: the detector's padded boxes overlap by almost half a line.
        let lines = [
            line("DRIVER LICENSE", 300.0, 10.0, 0),
            line("NAME", 50.0, 50.0, 1),
            line("Anderson", 50.0, 66.0, 2),
            line("Samantha Ashley Ava", 50.0, 77.0, 3),
            line("Samantha Anderson", 260.0, 170.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Anderson".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Samantha Ashley Ava".into()));
    }

    #[test]
    fn name_cells_side_by_side_read_across_and_each_label_takes_the_value_in_its_own_column() {
        // The surname's label was lost: the name line left of the labelled given names, on their row, is it.
        let lines = [
            line("FIRST NAME", 250.0, 40.0, 0),
            line("Ben Youssef", 50.0, 62.0, 1),
            line("Nabil", 250.0, 62.0, 1),
            line("BLK", 50.0, 120.0, 2),
        ];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("Ben Youssef".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Nabil".into()));

        // A long surname runs on under the next cell's label: that label's value is the one starting under it.
        let lines = [
            line("1 SURNAME", 50.0, 40.0, 0),
            line("2 GIVEN NAMES", 250.0, 40.0, 0),
            line("FITZPATRICK-HUGHES", 50.0, 62.0, 1),
            line("BROOKLYN", 252.0, 63.0, 1),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("FITZPATRICK-HUGHES".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("BROOKLYN".into()));
    }

    #[test]
    fn garbled_label_lines_and_colour_codes_are_no_names() {
        let lines = [
            line("ORVER LCENSE NO", 50.0, 20.0, 0),
            line("ENP DATE", 50.0, 40.0, 1),
            line("FIRST MIDOLE", 50.0, 60.0, 2),
            line("BLK", 50.0, 80.0, 3),
            line("KOWALSKI", 50.0, 100.0, 4),
            line("DWAYNE MATTHEW", 50.0, 120.0, 5),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("KOWALSKI".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("DWAYNE MATTHEW".into()));
    }

    #[test]
    fn a_field_number_run_into_its_label_and_a_number_sign_read_as_a_letter_leave_the_label() {
        let lines = [
            line("INAME", 50.0, 40.0, 0),
            line("WILLIAMS", 50.0, 62.0, 1),
            line("RYAN", 50.0, 80.0, 2),
            line("DL W", 50.0, 120.0, 3),
            line("R-506-378-378-309", 50.0, 142.0, 4),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("WILLIAMS".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("RYAN".into()));
        assert_eq!(p.document_number.map(|r| (r.value, r.how)), Some(("R-506-378-378-309".into(), How::Labelled)));
    }

    #[test]
    fn a_numbered_name_field_whose_label_was_garbled_takes_the_larger_name_right_under_it() {
        let mut label = line("1 NAMIE", 50.0, 40.0, 0);
        label.height = 15.0;
        label.r#box[2].y = 55.0;
        label.r#box[3].y = 55.0;
        let lines = [label.clone(), line("McCarthy", 50.0, 56.0, 1), line("Noah", 50.0, 78.0, 2)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("McCarthy".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("Noah".into()));

        // Printed as large as the line under it, "NAMIE" is the holder's own name.
        let lines = [line("1 NAMIE", 50.0, 40.0, 0), line("2 NOAH", 50.0, 62.0, 1)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("NAMIE".into()));
    }

    #[test]
    fn letters_before_a_numbered_fields_number_are_its_prefix_not_another_fields_label() {
        let lines = [line("5. WT 485073", 50.0, 40.0, 0)];
        let p = read(&lines, IdType::DriversLicense, "CZE", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("WT485073".into()));
    }

    #[test]
    fn an_unlabelled_licence_number_is_never_a_date_and_may_follow_a_misread_label() {
        // "4a ISS 11-16-2026" with its field number and label misread: the date is no number (in either order).
        let lines = [line("4155 11-16-2026", 50.0, 40.0, 0), line("JCNO 76733917", 50.0, 62.0, 1)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("76733917".into()));
        // Washington numbers carry few digits; the state's shape still finds one after a misread "DLN".
        let lines = [line("Washington", 50.0, 10.0, 0), line("DIN WDLYST5HJHNP", 50.0, 40.0, 1)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("WDLYST5HJHNP".into()));
    }

    #[test]
    fn misread_ln_and_fn_labels_alone_on_their_lines_label_the_names_under_them() {
        let lines = [
            line("UN", 50.0, 40.0, 0),
            line("SULLIVAN", 50.0, 56.0, 1),
            line("PN", 50.0, 80.0, 2),
            line("ASHLEY", 50.0, 96.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("SULLIVAN".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("ASHLEY".into()));

        // An "IN" alone may be FN misread beside its value: it labels nothing.
        let lines = [line("WHITE", 90.0, 40.0, 0), line("IN", 50.0, 62.0, 1), line("ETHAN", 90.0, 62.0, 1)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(
            (p.surname.map(|r| r.value), p.given_names.map(|r| r.value)),
            (Some("WHITE".into()), Some("ETHAN".into()))
        );
    }

    #[test]
    fn misread_number_labels_and_field_numbers_leave_the_licence_number_and_a_glued_street_is_a_street() {
        let lines = [line("4d UICNo HI493119D", 50.0, 40.0, 0)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("HI493119D".into()));
        let lines = [line("10 E13-74-2115", 50.0, 40.0, 0)];
        let p = read(&lines, IdType::GovernmentId, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("E13-74-2115".into()));
        assert!(is_address("7492 MANNST"));
        assert!(!is_address("7492 MANN"));
        assert!(!is_address("1 HOWARD") && !is_address("2 ERNEST"), "numbered names are no streets");
    }

    #[test]
    fn a_printed_nationality_code_no_country_has_is_repaired_by_one_look_alike() {
        let lines = [line("Nationality", 50.0, 40.0, 0), line("OEU", 50.0, 62.0, 1)];
        let p = read(&lines, IdType::Passport, "DEU", today());
        assert_eq!(p.nationality.map(|r| r.value), Some("DEU".into()));
    }

    #[test]
    fn an_age_notice_date_is_no_expiry() {
        let lines = [
            line("AGE 18 ON 04/13/2032", 50.0, 20.0, 0),
            line("04/13/2029", 50.0, 40.0, 1),
            line("12/12/2024", 50.0, 60.0, 2),
            line("DOB 04/13/2014", 50.0, 80.0, 3),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.expiry_date.map(|r| r.value), NaiveDate::from_ymd_opt(2029, 4, 13));
    }

    #[test]
    fn a_symbol_printed_after_a_number_is_no_part_of_it() {
        let lines = [line("DL NO", 50.0, 40.0, 0), line("A970-2794-4834-29★", 50.0, 62.0, 1)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.document_number.map(|r| r.value), Some("A970-2794-4834-29".into()));
        // A decomposed accent at the end of a word is part of it, not a symbol after it.
        let accented = line("JOSE\u{301}", 50.0, 40.0, 0);
        assert_eq!(segment(&accented, None, 0.0).text, "JOSE\u{301}");
    }

    #[test]
    fn a_comma_read_as_a_full_stop_still_parts_last_from_first() {
        let lines = [line("IGLESIAS MONTES.ALBA VERÓNICA", 50.0, 40.0, 0)];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(p.surname.map(|r| r.value), Some("IGLESIAS MONTES".into()));
        assert_eq!(p.given_names.map(|r| r.value), Some("ALBA VERÓNICA".into()));
        assert_eq!(comma_read_as_full_stop("ST.JOHN".into()), "ST.JOHN", "an abbreviation keeps its full stop");
        assert_eq!(comma_read_as_full_stop("12.09.1994".into()), "12.09.1994");
    }

    #[test]
    fn a_value_a_row_lower_and_a_column_over_is_not_the_label_beside_it() {
        // "ISS DATE" sits above its date; the date of the next cell, on the tilted page, is nearly level with it.
        let lines = [
            line("ISS DATE", 50.0, 40.0, 0),
            line("07/24/2029", 150.0, 48.0, 0),
            line("08/08/2024", 50.0, 62.0, 1),
            line("07/24/1962", 300.0, 62.0, 1),
        ];
        let p = read(&lines, IdType::DriversLicense, "USA", today());
        assert_eq!(
            p.issue_date.map(|r| (r.value, r.how)),
            Some((NaiveDate::from_ymd_opt(2024, 8, 8).unwrap(), How::Labelled))
        );
    }

    #[test]
    fn the_line_a_name_was_read_from_is_no_second_printing_of_it() {
        // A card that prints its one-line name in title case: that line is the name, not its signature.
        let lines = [line("Government of India", 100.0, 20.0, 0), line("Rahul Kumar Sharma", 100.0, 60.0, 1)];
        let p = read(&lines, IdType::Aadhaar, "IND", today());
        assert_eq!(p.surname.as_ref().map(|r| r.value.as_str()), Some("Sharma"));
        assert!(!p.signature_lines.iter().any(|s| s == "Rahul Kumar Sharma"), "{:?}", p.signature_lines);
    }
}
