//! The document number and the personal number: self-checking numbers anywhere on the side, labelled and numbered
//! ones, then the free tokens of a number's shape (a US state's shape when the state is known).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::super::dates::{DayOrder, find_dates};
use super::super::jurisdiction;
use super::super::labels::Segment;
use super::super::layout::labelled_value;
use super::super::lexicon::{self, Kind};
use super::super::numbers;
use super::super::{How, Printed, Read};
use super::address::is_address;
use crate::extract::catalogue;
use crate::kyc::IdType;

/// A document or licence number out of a label's value: the first token (or space-separated digit groups) with
/// enough digits. Dashes are kept (some licence numbers print them), other separators dropped.
pub(in crate::extract::printed) fn number_value(value: &str) -> Option<String> {
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
            || (t.chars().count() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) && crate::extract::text::within_one_edit(t, "DLN"))
            // "UICNO": LIC NO run together, a letter misread.
            || ((4..=6).contains(&t.chars().count())
                && t.chars().all(|c| c.is_ascii_alphabetic())
                && ["LICNO", "DLNO", "IDNO"].iter().any(|l| crate::extract::text::within_one_edit(t, l)))
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
pub(in crate::extract::printed) fn is_date_like(s: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,4})[-/.](\d{1,2})[-/.](\d{2,4})$").unwrap());
    let Some(c) = DATE.captures(s) else { return false };
    let n = |i: usize| c[i].parse::<u32>().unwrap_or(u32::MAX);
    let year = |i: usize| c[i].len() == 2 || (1900..=2100).contains(&n(i));
    let (a, b) = (n(1), n(2));
    (1..=31).contains(&b)
        && if c[1].len() == 4 { year(1) && (1..=31).contains(&n(3)) } else { (1..=31).contains(&a) && year(3) }
}

pub(in crate::extract::printed) static KOREAN_RRN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{6}-\d{7}\b").unwrap());
pub(in crate::extract::printed) static AADHAAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{4}\s\d{4}\s\d{4}\b").unwrap());

pub(in crate::extract::printed) fn read_numbers(
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
                let how = if self_checking(country, kind, &v) { How::SelfChecking } else { s.how };
                *slot = Some(Read::new(v, segs[j].confidence, how));
            }
        }
    }
    if out.personal_number.is_none() {
        for s in segs {
            let upper = s.text.trim().to_uppercase();
            if self_checking_anywhere(country, &upper) {
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
    // Documents numbered with the holder's personal number (the catalogue's `document_number_is_personal`: Korean
    // resident cards, Aadhaar, Spanish licences): it is the document number too. A licence takes it only when its
    // check confirms it is that number (the licence's own number field may hold another).
    let personal_only = matches!(id_type, IdType::Aadhaar)
        || (catalogue::entry(country).document_number_is_personal.contains(&id_type)
            && (id_type != IdType::DriversLicense
                || out.personal_number.as_ref().is_some_and(|p| p.how == How::SelfChecking)));
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
                    && ["LICNO", "DLNO", "IDNO", "DLN", "LIC"].iter().any(|l| crate::extract::text::edit_distance(word, l) <= word.chars().count() / 2)
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
pub(in crate::extract::printed) fn licence_like(id_type: IdType, country: &str) -> bool {
    id_type == IdType::DriversLicense || (id_type == IdType::GovernmentId && matches!(country, "USA" | "CAN"))
}

pub(in crate::extract::printed) fn free_number_text<'s>(
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
pub(in crate::extract::printed) fn issuing_jurisdiction(segs: &[Segment]) -> Option<&'static str> {
    segs.iter().find_map(|s| jurisdiction::from_name(&s.text)).or_else(|| {
        segs.iter().filter(|s| is_address(&s.text)).find_map(|s| {
            let norm = crate::extract::text::normalise(&s.text);
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
pub(in crate::extract::printed) fn fit_to_jurisdiction(
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

/// A labelled number whose own check characters pass in the scheme of the country's personal number: a personal
/// number always, a document number where the catalogue says the country's documents are checked that way
/// (numbered with the personal number).
pub(in crate::extract::printed) fn self_checking(country: &str, kind: Kind, v: &str) -> bool {
    let entry = catalogue::entry(country);
    (kind == Kind::PersonalNumber || entry.document_number_checked) && entry.personal_number_valid(v)
}

/// An unlabelled line that is a personal number of the country's scheme, where the scheme is distinctive enough for
/// a number found anywhere ([`catalogue::Scheme::distinctive`]).
fn self_checking_anywhere(country: &str, v: &str) -> bool {
    catalogue::entry(country).personal_number.is_some_and(|s| s.distinctive() && s.valid(v))
}
