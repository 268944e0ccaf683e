//! The holder's names: by label or field number first, then the unlabelled name lines by their place (right
//! under a labelled surname, above the street, above an EU licence's birth date, in reading order).

use chrono::NaiveDate;

use super::super::dates::{DayOrder, find_dates};
use super::super::labels::{Segment, without_field_number_mark};
use super::super::layout::{Side, beside, is_vertical, labelled_value, right_under};
use super::super::lexicon::{self, Kind, Numbering};
use super::super::names::{self, looks_like_name};
use super::super::{How, Printed, Read};
use super::address::is_address;
use crate::extract::catalogue::{self, NameLine};
use crate::kyc::IdType;

/// A garbled label over a name prints smaller than the name: at most this fraction of its height.
const GARBLED_LABEL_MAX_HEIGHT: f32 = 0.9;
/// An unlabelled line read with a lower mean confidence than this is not taken for a name (specks, guilloches).
const MIN_NAME_LINE_CONFIDENCE: f32 = 0.7;
/// An EU licence's name lines start within this many line heights of the birth date's left edge (one column).
const BIRTH_DATE_COLUMN: f32 = 1.0;

/// Whether a text can be a holder's name here: letters only, and no header vocabulary (with `states`, no US state
/// or Canadian province either: for unlabelled lines of North American cards).
pub(in crate::extract::printed) fn name_text(text: &str, states: bool) -> bool {
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
pub(in crate::extract::printed) fn read_names<'s>(
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
                        && crate::extract::text::strip_accents(&o.text) == crate::extract::text::strip_accents(value)
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
        let words: Vec<String> = crate::extract::text::normalise(t).split(' ').map(str::to_owned).collect();
        segs.iter().any(|s| {
            let sig = s.text.as_str();
            let sig_words: Vec<String> = crate::extract::text::normalise(sig).split(' ').map(str::to_owned).collect();
            sig.chars().any(char::is_lowercase)
                && looks_like_name(sig)
                && sig_words.len() > words.len()
                && words.iter().all(|w| sig_words.contains(w))
        })
    };
    // The issuing country's own name, or on documents whose header names the issuing state, province or territory
    // (the catalogue's `subdivision_header`) one of its subdivisions, in any language the catalogue has: a header,
    // never the holder's name, unless the signature spells it.
    let subdivision_header = catalogue::entry(country).subdivision_header.contains(&id_type);
    let place = |t: &str| {
        catalogue::Catalogue::get().is_place_name(country, t.trim().trim_end_matches(','), subdivision_header)
    };
    // On cards whose header names the state (North American, Australian) the header is the top row: an unlabelled
    // line in it or above it is the title garbled ("URVERS UCENGE" beside "OKLAHOMA"), never the holder's name.
    let header_row = if states || subdivision_header {
        // (A header line has no digits or commas: "KANSAS CITY, MO 64101" is an address with a state in it.)
        segs.iter()
            .filter(|s| {
                (lexicon::has_header_words(&s.text, states) || place(&s.text))
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
        dated_lines.iter().any(|&(row, x0)| {
            (s.line.row + 1..=s.line.row + 2).contains(&row) && (x0 - s.x0).abs() < BIRTH_DATE_COLUMN * s.height()
        })
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
                && (!place(t) || signed(t))
                && !(numbering_is_iso(country, id_type) && (lexicon::EU_DISTINGUISHING_SIGNS.contains(&t.trim()) || lexicon::is_categories(t)))
                // An eye or hair colour code whose label was lost ("BLK").
                && (!states || !NEVER_NAMES.contains(&t.trim()))
                && s.line.confidence >= MIN_NAME_LINE_CONFIDENCE
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
            // Korean cards print the family name first; Indian and Australian cards print it last, and where the
            // given names are in small letters the surname is the run of words in capitals at the end ("Mary Ellen
            // VAN DER BERG").
            let capitals = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
            let trailing_capitals = words.iter().rev().take_while(|w| capitals(w)).count();
            let (sur, given) = if name_line(country, id_type) == Some(NameLine::SurnameGiven) {
                (words[0].to_owned(), words[1..].join(" "))
            } else {
                let mut cut = if trailing_capitals >= 1
                    && trailing_capitals < words.len()
                    && !words.iter().all(|w| capitals(w))
                {
                    words.len() - trailing_capitals
                } else {
                    words.len() - 1
                };
                // A surname's particles belong to it ("PATRICK VAN BUREN", "ANA DE LA CRUZ"), when the given names
                // do not end up empty.
                while cut > 1 && lexicon::NAME_PARTICLES.contains(&words[cut - 1].to_uppercase().as_str()) {
                    cut -= 1;
                }
                (words[cut..].join(" "), words[..cut].join(" "))
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
pub(in crate::extract::printed) fn numbering_is_iso(country: &str, id_type: IdType) -> bool {
    id_type == IdType::DriversLicense && Numbering::for_country(country) == Numbering::Iso18013
}

/// The name line under a numbered name field whose inline "value" is its own label garbled ("1 NAMIE"): a word close
/// to a name label, printed smaller than the name-like line right under it.
pub(in crate::extract::printed) fn garbled_label_over_name(
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
    (s.height() < GARBLED_LABEL_MAX_HEIGHT * below.height())
        .then(|| segs.iter().position(|x| std::ptr::eq(x, below)))?
}

/// North American cards print the name right above the street address (AAMVA fields 1 and 2, then 8), in capitals
/// or in title case: the two name-like lines set directly above the street line, in its column, are the surname and
/// the given names. Title case anywhere else is the signature's, so nothing but this anchor lets it be a name.
pub(in crate::extract::printed) fn names_above_street<'s>(
    segs: &'s [Segment<'s>],
    claimed: &[bool],
) -> Option<(&'s Segment<'s>, &'s Segment<'s>)> {
    let street =
        segs.iter().find(|s| is_address(&s.text) && s.text.trim_start().starts_with(|c: char| c.is_ascii_digit()))?;
    let given = name_next_to(segs, claimed, street, Side::Above, true)?;
    let surname = name_next_to(segs, claimed, given, Side::Above, true)?;
    Some((surname, given))
}

/// AAMVA eye and hair colour codes (fields 18 and 19), printed alone after their field number.
pub(in crate::extract::printed) const AAMVA_COLOURS: &[&str] =
    &["BLK", "BLU", "BRO", "GRY", "GRN", "HAZ", "MAR", "PNK", "DIC", "UNK", "BAL", "BLN", "RED", "SDY", "WHI"];

/// The colour codes that are no one's name (BAL, MAR and RED are surnames too): on North American cards a line that
/// is one of them is a colour whose label was lost, whatever label seems to claim it.
pub(in crate::extract::printed) const NEVER_NAMES: &[&str] =
    &["BLK", "BLU", "BRO", "GRY", "GRN", "HAZ", "PNK", "DIC", "UNK", "SDY", "WHI", "BLN"];

/// The unlabelled name-like line set directly above or below `anchor` (a labelled name line), starting in its
/// column, or beside it on its row: the other name, when its own label or field number was lost.
pub(in crate::extract::printed) fn name_next_to<'s>(
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
                && s.line.confidence >= MIN_NAME_LINE_CONFIDENCE
                && !s.text.contains(',')
                && (!states || !NEVER_NAMES.contains(&s.text.trim()))
                && name_text(without_field_number_mark(&s.text), states)
        })
        .map(|(s, _)| s)
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// Cards that print the whole name on one line, and in which order (the catalogue's `name_line`: Korean and Indian
/// cards; an Aadhaar card wherever it is said to come from).
pub(in crate::extract::printed) fn name_line(country: &str, id_type: IdType) -> Option<NameLine> {
    catalogue::entry(country)
        .name_line(id_type)
        .or_else(|| (id_type == IdType::Aadhaar).then_some(NameLine::GivenSurname))
}

pub(in crate::extract::printed) fn single_line(country: &str, id_type: IdType) -> bool {
    name_line(country, id_type).is_some()
}
