//! The date fields: each date on the side with its role, from the label before it on its line, the label whose
//! value the line is, else by order (earliest birth, latest expiry, one between them the issue date).

use chrono::NaiveDate;

use super::super::dates::{self, DayOrder};
use super::super::labels::Segment;
use super::super::lexicon::{self, Kind, Numbering};
use super::super::{How, Printed, Read};
use crate::kyc::IdType;

/// Dates with their roles: from the label before the date on its line, else from the label whose value the line
/// is, else by order (earliest birth, latest expiry, one between them the issue date).
pub(in crate::extract::printed) fn read_dates(
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
    let languages = crate::extract::catalogue::date_languages(country);
    let mut dated: Vec<(NaiveDate, Option<Kind>, f32)> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let text = dates::normalise(&s.text);
        let mut label_start = 0;
        for (k, found) in dates::find_dates_in(&s.text, order, today, &languages).into_iter().enumerate() {
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
