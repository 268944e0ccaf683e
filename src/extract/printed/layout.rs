//! Page layout: where lines stand relative to each other (same row, beside, right under, a label's value cell),
//! in the page's frame. Every tolerance is a named constant in units of the line's height, so a photo at any
//! resolution is read alike.

use super::labels::Segment;
use crate::ocr::OcrLine;

// Tolerances, in line heights (the taller line's, where two are compared).

/// A line at least this long is a text line whose direction gives the page's tilt (shorter boxes are too
/// square for their direction to mean anything).
const TILT_LINE_MIN_LENGTH: f32 = 3.0;
/// Two lines whose middles are this close are on one row.
const SAME_ROW: f32 = 0.5;
/// A value beside its label may start this far left of the label's end (boxes are padded)...
const BESIDE_VALUE_OVERLAP: f32 = 0.5;
/// ...and no farther than this to its right (beyond it is the next column's cell).
const BESIDE_VALUE_MAX_GAP: f32 = 5.0;
/// A value beside its label has its middle no lower than this under the label's (values print larger, on the
/// label's baseline); lower is the next row's value, a column over.
const BESIDE_VALUE_MAX_DROP: f32 = 0.35;
/// A value below its label may reach this far right of the label's end and...
const BELOW_VALUE_REACH_RIGHT: f32 = 2.0;
/// ...start this far left of the label's start.
const BELOW_VALUE_REACH_LEFT: f32 = 1.0;
/// Boxes set tight overlap by up to this much and are still one under the other...
const STACKED_OVERLAP: f32 = 0.4;
/// ...or, overlapping more, when the lower middle is this much under the label's.
const BELOW_VALUE_MIDDLE_DROP: f32 = 0.4;
/// A value below its label starts no farther under it than this.
const BELOW_VALUE_MAX_GAP: f32 = 2.0;
/// Values below a label that start within this of the nearest one are on its row.
const BELOW_VALUE_ROW: f32 = 0.5;
/// Two name cells beside each other: middles this close...
const BESIDE_MIDDLES: f32 = 0.4;
/// ...the right one starting no more than this left of the left one's end...
const BESIDE_OVERLAP: f32 = 0.5;
/// ...and no farther right than a card column.
const BESIDE_MAX_GAP: f32 = 12.0;
/// The next line of a stacked block: its middle at least this much under the upper one's (when boxes overlap)...
const UNDER_MIDDLE_DROP: f32 = 0.5;
/// ...its top no farther under the upper's bottom than this...
const UNDER_MAX_GAP: f32 = 1.2;
/// ...and its left edge within this of the upper's.
const UNDER_COLUMN: f32 = 2.0;

/// Text printed at 90 degrees (a number beside the photo): its reading direction runs up or down the page.
pub fn is_vertical(l: &OcrLine) -> bool {
    let dx = l.r#box[1].x - l.r#box[0].x;
    let dy = l.r#box[1].y - l.r#box[0].y;
    dy.abs() > dx.abs()
}

/// The page's tilt: the median direction of its long horizontal lines (OCR boxes follow the text, so a photo
/// taken at an angle gives slanted boxes whose upright bounds would put neighbours on different rows).
pub(super) fn page_tilt(lines: &[OcrLine]) -> f32 {
    let mut angles: Vec<f32> = lines
        .iter()
        .filter(|l| !is_vertical(l))
        .filter_map(|l| {
            let (dx, dy) = (l.r#box[1].x - l.r#box[0].x, l.r#box[1].y - l.r#box[0].y);
            (dx.hypot(dy) >= TILT_LINE_MIN_LENGTH * l.height).then(|| dy.atan2(dx))
        })
        .collect();
    if angles.is_empty() {
        return 0.0;
    }
    angles.sort_by(f32::total_cmp);
    angles[angles.len() / 2]
}

/// A photo of a page turned a quarter turn (a phone held upright over a landscape card): most long lines run up or
/// down the image. Their boxes are turned back by that quarter turn, so the page's rows and columns are rows and
/// columns again (the OCR reads each line in its own direction, but reports its box in the photo's pixels).
/// `None` when the page is upright or upside down (the tilt handles those).
pub fn upright(lines: &[OcrLine]) -> Option<Vec<OcrLine>> {
    let mut angles: Vec<f32> = lines
        .iter()
        .filter_map(|l| {
            let (dx, dy) = (l.r#box[1].x - l.r#box[0].x, l.r#box[1].y - l.r#box[0].y);
            (dx.hypot(dy) >= TILT_LINE_MIN_LENGTH * l.height).then(|| dy.atan2(dx))
        })
        .collect();
    if angles.is_empty() {
        return None;
    }
    angles.sort_by(f32::total_cmp);
    let median = angles[angles.len() / 2];
    let quarter = (median / std::f32::consts::FRAC_PI_2).round() as i32;
    let turns = quarter.rem_euclid(4);
    if turns % 2 == 0 {
        return None;
    }
    // Text running down the photo (+90 degrees) is turned back by -90 degrees: (x, y) -> (y, -x); text running up
    // (-90) by +90: (x, y) -> (-y, x).
    let turn = |p: crate::ocr::geometry::Point| match turns {
        1 => crate::ocr::geometry::Point { x: p.y, y: -p.x },
        _ => crate::ocr::geometry::Point { x: -p.y, y: p.x },
    };
    Some(lines.iter().map(|l| OcrLine { r#box: l.r#box.map(turn), ..l.clone() }).collect())
}

/// The segment holding the value of a bare label: the nearest one to its right on the same row, else the nearest
/// one below it (labels sit above values on most cards), that is not itself a label.
pub(super) fn value_segment(segs: &[Segment], i: usize) -> Option<usize> {
    let me = &segs[i];
    let h = me.height();
    let cy = (me.y0 + me.y1) / 2.0;
    let same_row = |s: &Segment| ((s.y0 + s.y1) / 2.0 - cy).abs() < SAME_ROW * h.max(s.height());
    let right = segs
        .iter()
        .enumerate()
        // A value beside its label shares its baseline, so its middle is level with the label's or above it (values
        // print larger); one whose middle is well below is the next row's, a column over.
        .filter(|(j, s)| {
            *j != i
                && !s.bare_label()
                && s.x0 >= me.x1 - BESIDE_VALUE_OVERLAP * h
                && s.x0 - me.x1 < BESIDE_VALUE_MAX_GAP * h
                && same_row(s)
                && (s.y0 + s.y1) / 2.0 - cy < BESIDE_VALUE_MAX_DROP * h.max(s.height())
        })
        .min_by(|a, b| (a.1.x0 - me.x1).total_cmp(&(b.1.x0 - me.x1)))
        .map(|(j, _)| j)
        // Another label between them labels that value, not this one.
        .filter(|&j| {
            !segs.iter().any(|o| {
                o.bare_label()
                    && same_row(o)
                    && o.x0 > me.x1 - BESIDE_VALUE_OVERLAP * h
                    && o.x1 <= segs[j].x0 + BESIDE_VALUE_OVERLAP * h
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
            let overlap = s.x1.min(me.x1 + BELOW_VALUE_REACH_RIGHT * h) - s.x0.max(me.x0 - BELOW_VALUE_REACH_LEFT * h);
            // Below: its top under the label's bottom, or (small print set tight, boxes padded) its middle well
            // under the label's.
            let below =
                gap > -STACKED_OVERLAP * h || ((s.y0 + s.y1) / 2.0 - cy) > BELOW_VALUE_MIDDLE_DROP * h.max(s.height());
            *j != i && !s.bare_label() && below && gap < BELOW_VALUE_MAX_GAP * h.max(s.height()) && overlap > 0.0
        })
        .collect();
    let nearest = below.iter().map(|(_, s)| s.y0).fold(f32::MAX, f32::min);
    // Of the values on the nearest row, the one that starts in the label's column: a long value of the cell to the
    // left ("FITZPATRICK-HUGHES" under "1 SURNAME") may run on under this label.
    below
        .iter()
        .filter(|(_, s)| s.y0 - nearest < BELOW_VALUE_ROW * s.height())
        .min_by(|a, b| (a.1.x0 - me.x0).abs().total_cmp(&(b.1.x0 - me.x0).abs()))
        .map(|&(j, _)| j)
}

/// A label's value text and the segment it came from.
pub(super) fn labelled_value<'s>(segs: &'s [Segment], i: usize) -> Option<(&'s str, usize)> {
    let me = &segs[i];
    if !me.bare_label() {
        return Some((me.rest.as_str(), i));
    }
    value_segment(segs, i).map(|j| (segs[j].text.as_str(), j))
}

/// Which side of a name line to look for the other name on.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Side {
    Above,
    Below,
    /// On the same row, before it (cards that set the name fields side by side: "LAST NAME | FIRST NAME").
    Left,
    /// On the same row, after it.
    Right,
}

/// Whether `right` follows `left` on the same row, with no more than a card column's gap between them.
pub(super) fn beside(left: &Segment, right: &Segment) -> bool {
    let h = left.height().max(right.height());
    let centres = ((right.y0 + right.y1) / 2.0 - (left.y0 + left.y1) / 2.0).abs();
    let gap = right.x0 - left.x1;
    centres < BESIDE_MIDDLES * h && gap > -BESIDE_OVERLAP * h && gap < BESIDE_MAX_GAP * h
}

/// Whether `lower` is the next line under `upper` in its column: the next field of a stacked block.
pub(super) fn right_under(upper: &Segment, lower: &Segment) -> bool {
    let h = upper.height().max(lower.height());
    let gap = lower.y0 - upper.y1;
    // Boxes of lines set tight overlap (the detector pads them): the centres say which line is lower.
    let centres = (lower.y0 + lower.y1) / 2.0 - (upper.y0 + upper.y1) / 2.0;
    (gap > -STACKED_OVERLAP * h || centres > UNDER_MIDDLE_DROP * h)
        && gap < UNDER_MAX_GAP * h
        && (lower.x0 - upper.x0).abs() < UNDER_COLUMN * h
}
