//! The OCR engine: PP-OCRv6 detection + recognition (plus PP-OCR's line orientation classifier) on rten, with the
//! models embedded in the binary.
//!
//! Pipeline: upright RGB image -> DB detection ([`detect`]) -> page orientation (dominant line angle, then a
//! 0/180 vote of the classifier) -> deskewed line crops -> batched CTC recognition ([`recognize`]) -> lines in
//! reading order. Callers depend on the small [`TextReader`] trait so another engine can be plugged in.

pub mod cache;
pub mod detect;
pub mod geometry;
pub mod models;
pub mod recognize;

use std::time::Instant;

use image::RgbImage;
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;
use serde::Serialize;

use detect::{DetectParams, TextBox};
use geometry::{Point, RotatedRect};
use models::Models;
use recognize::{LINE_HEIGHT, batch_tensor, crop_line};

#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("model could not be loaded: {0}")]
    Model(String),
    #[error("inference failed: {0}")]
    Inference(String),
}

/// One line of text with its geometry and confidence.
#[derive(Clone, Debug, Serialize)]
pub struct OcrLine {
    pub text: String,
    /// Mean of the per-character probabilities, 0..1.
    pub confidence: f32,
    /// Corners in the line's reading order: top-left, top-right, bottom-right, bottom-left (source pixels).
    #[serde(serialize_with = "serialize_box")]
    pub r#box: [Point; 4],
    #[serde(skip)]
    pub char_confidences: Vec<f32>,
    /// Height of the line in source pixels (for grouping and blur estimates).
    #[serde(skip)]
    pub height: f32,
    /// Index of the row this line belongs to in reading order: pieces of one printed line share it.
    pub row: usize,
}

fn serialize_box<S: serde::Serializer>(b: &[Point; 4], s: S) -> Result<S::Ok, S::Error> {
    let rounded: Vec<[f32; 2]> = b.iter().map(|p| [(p.x * 10.0).round() / 10.0, (p.y * 10.0).round() / 10.0]).collect();
    rounded.serialize(s)
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Timings {
    pub detect_ms: f64,
    pub orient_ms: f64,
    pub recognise_ms: f64,
}

/// Everything read from one image.
#[derive(Clone, Debug, Serialize)]
pub struct OcrPage {
    pub lines: Vec<OcrLine>,
    /// Clockwise rotation of the text relative to upright, in degrees (0, ~90, ~180, ~270 plus tilt).
    pub rotation_deg: f32,
    pub timings_ms: Timings,
}

/// Anything that turns an upright photo into lines of text.
pub trait TextReader: Send + Sync {
    fn read(&self, image: &RgbImage) -> Result<OcrPage, OcrError>;

    /// Other readings of some of the lines `read` returned, each from a slightly different crop of the same image:
    /// `result[v][i]` is variant `v` of `lines[i]`. Used on an MRZ whose check digits fail (OCR errors move with the
    /// crop; the check digits say which reading is right). A reader without images has none to give.
    fn reread(&self, _image: &RgbImage, _lines: &[OcrLine]) -> Result<Vec<Vec<OcrLine>>, OcrError> {
        Ok(Vec::new())
    }
}

/// The crops of [`TextReader::reread`]: (height scale, width added in heights). A taller crop shrinks the text in
/// the network's 48-pixel strip, a shorter one enlarges it; the wider one gives cut-off end characters room.
const REREAD_CROPS: [(f32, f32); 2] = [(1.2, 0.3), (0.85, 0.0)];

/// The bundled PP-OCR engine.
pub struct PpOcr {
    models: Models,
    pub detect_params: DetectParams,
    /// Lines whose mean character confidence is below this are dropped (PaddleOCR's `text_score`).
    pub min_line_confidence: f32,
}

/// How many of the widest lines vote on whether the page is upside down. Six cost 11 ms on one core where twelve
/// cost 25 ms, with the same extraction on the shared sets.
const ORIENTATION_VOTERS: usize = 6;
const CLS_WIDTH: usize = 192;

impl PpOcr {
    pub fn new() -> Result<Self, OcrError> {
        Ok(Self { models: Models::load_embedded()?, detect_params: DetectParams::default(), min_line_confidence: 0.5 })
    }

    /// Direction of the text lines (modulo 180 degrees): the width-weighted mean of the long boxes' angles.
    fn line_direction(boxes: &[TextBox]) -> Point {
        let (mut c, mut s) = (0f32, 0f32);
        for b in boxes.iter().filter(|b| b.rect.width >= 2.0 * b.rect.height) {
            let t = 2.0 * b.rect.axis.y.atan2(b.rect.axis.x);
            c += b.rect.width * t.cos();
            s += b.rect.width * t.sin();
        }
        if c == 0.0 && s == 0.0 {
            return Point::new(1.0, 0.0);
        }
        let t = s.atan2(c) / 2.0;
        Point::new(t.cos(), t.sin())
    }

    /// Whether the lines, read along `rects`' axes, are upside down.
    ///
    /// The PP-OCR line classifier votes first (cheap, and right for almost every upright photo). It was measured to
    /// call some tilted, upright synthetic cards upside down, so a "flip" verdict is checked by recognising the
    /// widest lines both ways and keeping the reading with the higher confidence.
    fn upside_down(&self, img: &RgbImage, rects: &[RotatedRect]) -> Result<bool, OcrError> {
        let mut widest: Vec<&RotatedRect> = rects.iter().filter(|r| r.width >= 2.0 * r.height).collect();
        widest.sort_by(|a, b| b.width.total_cmp(&a.width));
        widest.truncate(ORIENTATION_VOTERS);
        if widest.is_empty() {
            return Ok(false);
        }
        let crops: Vec<_> = widest.iter().map(|r| crop_line(img, r, LINE_HEIGHT, CLS_WIDTH)).collect();
        let refs: Vec<_> = crops.iter().collect();
        let input = batch_tensor(&refs, LINE_HEIGHT, CLS_WIDTH);
        let out = self
            .models
            .orientation
            .run_one(input.view().into(), None)
            .map_err(|e| OcrError::Inference(e.to_string()))?;
        let probs: NdTensor<f32, 2> = out.try_into().map_err(|e| OcrError::Inference(format!("{e:?}")))?;
        let (mut up, mut down) = (0f32, 0f32);
        for n in 0..probs.size(0) {
            // Weight each vote by its confidence; lines the classifier is unsure about barely count.
            let p180 = probs[[n, 1]];
            if p180 > 0.5 { down += p180 } else { up += 1.0 - p180 }
        }
        if down <= up {
            return Ok(false);
        }
        let sample: Vec<RotatedRect> = widest.iter().take(VERIFY_LINES).map(|r| **r).collect();
        let reversed: Vec<RotatedRect> = sample.iter().map(RotatedRect::reversed).collect();
        let score = |rs: &[RotatedRect]| -> Result<f32, OcrError> {
            let crops: Vec<_> = rs.iter().map(|r| crop_line(img, r, LINE_HEIGHT, recognize::MAX_WIDTH)).collect();
            let texts = recognize::recognise(&self.models.recognition, &crops, &self.models.alphabet)?;
            Ok(texts.iter().map(|t| t.confidence() * t.char_confidences.len() as f32).sum())
        };
        Ok(score(&reversed)? > score(&sample)?)
    }
}

/// Long lines read with less mean confidence than this are also read upside down.
const REREAD_BELOW: f32 = 0.75;

/// How many lines are recognised both ways to confirm an upside-down verdict.
const VERIFY_LINES: usize = 4;

impl TextReader for PpOcr {
    fn read(&self, img: &RgbImage) -> Result<OcrPage, OcrError> {
        let t0 = Instant::now();
        let boxes = detect::detect(&self.models.detection, img, &self.detect_params)?;
        let t1 = Instant::now();

        let direction = Self::line_direction(&boxes);
        // Short boxes (single characters) take the page's direction; clearly long lines keep their own, so a
        // second block of text at 90 degrees (the other page of a spread) is still read along its lines.
        let mut rects: Vec<RotatedRect> = boxes
            .iter()
            .map(|b| {
                let perpendicular = b.rect.axis.dot(direction).abs() < std::f32::consts::FRAC_1_SQRT_2;
                if perpendicular && b.rect.width >= 3.0 * b.rect.height { b.rect } else { b.rect.with_axis(direction) }
            })
            .collect();
        let flipped = self.upside_down(img, &rects)?;
        if flipped {
            rects = rects.iter().map(RotatedRect::reversed).collect();
        }
        let axis = if flipped { Point::new(-direction.x, -direction.y) } else { direction };
        let t2 = Instant::now();

        let crops: Vec<_> = rects.iter().map(|r| crop_line(img, r, LINE_HEIGHT, recognize::MAX_WIDTH)).collect();
        let mut texts = recognize::recognise(&self.models.recognition, &crops, &self.models.alphabet)?;
        // A photo can hold text in two orientations (a passport spread, front and back side by side): long lines
        // that read poorly are read the other way round too, and the more confident reading is kept.
        let doubtful: Vec<usize> = (0..rects.len())
            .filter(|&i| {
                // An upside-down MRZ reads confidently as ">>>>": the filler turned round.
                let turned_fillers = texts[i].text.matches(">>>").count() >= 2;
                (texts[i].confidence() < REREAD_BELOW || turned_fillers) && rects[i].width >= 3.0 * rects[i].height
            })
            .collect();
        if !doubtful.is_empty() {
            let flipped: Vec<RotatedRect> = doubtful.iter().map(|&i| rects[i].reversed()).collect();
            let crops: Vec<_> = flipped.iter().map(|r| crop_line(img, r, LINE_HEIGHT, recognize::MAX_WIDTH)).collect();
            let reread = recognize::recognise(&self.models.recognition, &crops, &self.models.alphabet)?;
            for ((&i, rect), text) in doubtful.iter().zip(flipped).zip(reread) {
                let mrz_turned_back =
                    texts[i].text.contains(">>>") && text.text.contains("<<") && text.confidence() >= 0.6;
                if mrz_turned_back || text.confidence() > texts[i].confidence() + 0.1 {
                    rects[i] = rect;
                    texts[i] = text;
                }
            }
        }
        let t3 = Instant::now();

        // Lines along the page direction first, in reading order; lines of a perpendicular block after them, in
        // their own reading order.
        let (mut lines, mut other, mut other_axes) = (Vec::new(), Vec::new(), Vec::new());
        for (r, t) in rects.iter().zip(texts) {
            if t.text.trim().is_empty() || t.confidence() < self.min_line_confidence {
                continue;
            }
            let line = OcrLine {
                confidence: t.confidence(),
                text: t.text.trim().to_owned(),
                char_confidences: t.char_confidences,
                r#box: r.corners(),
                height: r.height,
                row: 0,
            };
            if r.axis.dot(axis).abs() >= std::f32::consts::FRAC_1_SQRT_2 {
                lines.push(line);
            } else {
                other.push(line);
                other_axes.push(r.axis);
            }
        }
        sort_reading_order(&mut lines, axis);
        if !other.is_empty() {
            // The block's direction: the axis most of its lines share (they may read either way).
            let reference = other_axes[0];
            let agree = other_axes.iter().filter(|a| a.dot(reference) > 0.0).count();
            let other_axis =
                if 2 * agree >= other_axes.len() { reference } else { Point::new(-reference.x, -reference.y) };
            sort_reading_order(&mut other, other_axis);
            let offset = lines.last().map_or(0, |l| l.row + 1);
            lines.extend(other.into_iter().map(|l| OcrLine { row: l.row + offset, ..l }));
        }

        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        let mut rotation = axis.y.atan2(axis.x).to_degrees();
        if rotation < -1.0 {
            rotation += 360.0;
        }
        Ok(OcrPage {
            lines,
            rotation_deg: rotation,
            timings_ms: Timings { detect_ms: ms(t0, t1), orient_ms: ms(t1, t2), recognise_ms: ms(t2, t3) },
        })
    }

    fn reread(&self, img: &RgbImage, lines: &[OcrLine]) -> Result<Vec<Vec<OcrLine>>, OcrError> {
        let mut variants = Vec::with_capacity(REREAD_CROPS.len());
        for (height_scale, extra_width) in REREAD_CROPS {
            let crops: Vec<_> = lines
                .iter()
                .map(|l| {
                    let r = RotatedRect::from_corners(&l.r#box);
                    let r =
                        RotatedRect { height: r.height * height_scale, width: r.width + extra_width * r.height, ..r };
                    crop_line(img, &r, LINE_HEIGHT, recognize::MAX_WIDTH)
                })
                .collect();
            let texts = recognize::recognise(&self.models.recognition, &crops, &self.models.alphabet)?;
            variants.push(
                lines
                    .iter()
                    .zip(texts)
                    .map(|(l, t)| OcrLine {
                        confidence: t.confidence(),
                        text: t.text.trim().to_owned(),
                        char_confidences: t.char_confidences,
                        ..l.clone()
                    })
                    .collect(),
            );
        }
        Ok(variants)
    }
}

/// Reading order in the page's own frame: rows top to bottom (lines whose centres are within half a line height
/// share a row), and left to right within a row.
pub fn sort_reading_order(lines: &mut Vec<OcrLine>, axis: Point) {
    let normal = Point::new(-axis.y, axis.x);
    let centre = |l: &OcrLine| {
        let (sx, sy) = l.r#box.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
        Point::new(sx / 4.0, sy / 4.0)
    };
    let mut keyed: Vec<(f32, f32, OcrLine)> =
        lines.drain(..).map(|l| (centre(&l).dot(normal), centre(&l).dot(axis), l)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rows: Vec<Vec<(f32, f32, OcrLine)>> = Vec::new();
    for item in keyed {
        match rows.last_mut() {
            Some(row) if (item.0 - row[0].0).abs() < 0.5 * item.2.height.min(row[0].2.height) => row.push(item),
            _ => rows.push(vec![item]),
        }
    }
    for (index, mut row) in rows.into_iter().enumerate() {
        row.sort_by(|a, b| a.1.total_cmp(&b.1));
        lines.extend(row.into_iter().map(|(_, _, l)| OcrLine { row: index, ..l }));
    }
}
