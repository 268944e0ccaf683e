//! DB (differentiable binarisation) text detection: probability map -> binary mask -> connected components ->
//! minimum-area rotated rectangles -> box score filter -> unclip (grow by area * ratio / perimeter).

use image::RgbImage;
use image::imageops::{FilterType, resize};
use rten::Model;
use rten_tensor::prelude::*;
use rten_tensor::{NdTensor, NdTensorView};

use super::OcrError;
use super::geometry::{Point, RotatedRect, min_area_rect};

/// Tuning of the detector. Defaults follow PaddleOCR's DB post-processing, except the resize policy: we never
/// upscale (a 640x480 photo is read at its own size) and cap the long side, which bounds latency and memory.
#[derive(Clone, Debug)]
pub struct DetectParams {
    /// The detector reads the photo at this scale (before the caps below): measured on one core, 0.9 cut a
    /// 640x480 photo's detection from 149 to 127 ms and its recognition from 263 to 207 ms (tiny text that yields
    /// nothing is no longer found) with the same extraction on the shared sets.
    pub scale: f32,
    pub max_side: u32,
    pub min_side: u32,
    pub bin_thresh: f32,
    pub box_thresh: f32,
    pub unclip_ratio: f32,
    pub min_box_side: f32,
    pub max_candidates: usize,
}

impl Default for DetectParams {
    fn default() -> Self {
        Self {
            scale: 0.9,
            // 1280 cost 378 MB peak RSS over the shared images and no accuracy; 960 keeps the peak at ~270 MB.
            max_side: 960,
            min_side: 360,
            bin_thresh: 0.3,
            box_thresh: 0.5,
            unclip_ratio: 1.6,
            min_box_side: 3.0,
            max_candidates: 1000,
        }
    }
}

/// A detected text line in source-image coordinates.
#[derive(Clone, Debug)]
pub struct TextBox {
    pub rect: RotatedRect,
    pub score: f32,
}

/// Size the detector sees: both sides multiples of 32, long side at most `max_side`, upscaled only when the short
/// side is below `min_side` (tiny photos), never otherwise.
pub fn detector_size(width: u32, height: u32, p: &DetectParams) -> (u32, u32) {
    let (w, h) = (width as f32, height as f32);
    let mut scale = p.scale;
    if w.max(h) * scale > p.max_side as f32 {
        scale = p.max_side as f32 / w.max(h);
    } else if w.min(h) * scale < p.min_side as f32 {
        scale = (p.min_side as f32 / w.min(h)).min(p.max_side as f32 / w.max(h));
    }
    let round32 = |v: f32| ((v / 32.0).round() as u32).max(1) * 32;
    (round32(w * scale), round32(h * scale))
}

/// Normalise to the detector's input: BGR, (x / 255 - 0.5) / 0.5, NCHW.
pub fn to_input_tensor(img: &RgbImage) -> NdTensor<f32, 4> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let mut data = vec![0f32; 3 * w * h];
    let plane = w * h;
    for (i, px) in img.pixels().enumerate() {
        // BGR channel order, as PaddleOCR trained with OpenCV images.
        data[i] = px[2] as f32 / 127.5 - 1.0;
        data[plane + i] = px[1] as f32 / 127.5 - 1.0;
        data[2 * plane + i] = px[0] as f32 / 127.5 - 1.0;
    }
    NdTensor::from_data([1, 3, h, w], data)
}

pub fn detect(model: &Model, img: &RgbImage, p: &DetectParams) -> Result<Vec<TextBox>, OcrError> {
    let (dw, dh) = detector_size(img.width(), img.height(), p);
    let resized;
    let input_img = if (dw, dh) == img.dimensions() {
        img
    } else {
        resized = resize(img, dw, dh, FilterType::Triangle);
        &resized
    };
    let input = to_input_tensor(input_img);
    let output = model.run_one(input.view().into(), None).map_err(|e| OcrError::Inference(e.to_string()))?;
    let prob: NdTensor<f32, 4> = output.try_into().map_err(|e| OcrError::Inference(format!("{e:?}")))?;
    let prob = prob.slice((0, 0));
    let sx = img.width() as f32 / dw as f32;
    let sy = img.height() as f32 / dh as f32;
    Ok(boxes_from_probability(prob, p)
        .into_iter()
        .map(|b| TextBox { rect: b.rect.scaled(sx, sy), score: b.score })
        .collect())
}

/// Turn a probability map into scored, unclipped rotated boxes (in probability-map coordinates).
pub fn boxes_from_probability(prob: NdTensorView<f32, 2>, p: &DetectParams) -> Vec<TextBox> {
    let [h, w] = prob.shape();
    let prob = prob.to_contiguous();
    let prob = prob.data();
    // Binary mask, dilated with a 2x2 kernel (as PaddleOCR) so that characters of one line join up.
    let raw: Vec<bool> = prob.iter().map(|&v| v > p.bin_thresh).collect();
    let mut mask = raw.clone();
    for y in 0..h {
        for x in 0..w {
            if !mask[y * w + x] {
                let up = y > 0 && raw[(y - 1) * w + x];
                let left = x > 0 && raw[y * w + x - 1];
                let diag = x > 0 && y > 0 && raw[(y - 1) * w + x - 1];
                mask[y * w + x] = up || left || diag;
            }
        }
    }
    let mut labels = vec![0u32; w * h];
    let mut boxes = Vec::new();
    let mut stack = Vec::new();
    let mut next_label = 0u32;
    for start in 0..w * h {
        if !mask[start] || labels[start] != 0 {
            continue;
        }
        next_label += 1;
        labels[start] = next_label;
        stack.push(start);
        let mut edge_points: Vec<Point> = Vec::new();
        let mut count = 0usize;
        while let Some(i) = stack.pop() {
            count += 1;
            let (x, y) = (i % w, i / w);
            let mut boundary = false;
            for (dx, dy) in [(-1i32, -1i32), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)] {
                let (nx, ny) = (x as i32 + dx, y as i32 + dy);
                if nx < 0 || ny < 0 || nx >= w as i32 || ny >= h as i32 {
                    boundary = true;
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if !mask[j] {
                    boundary = true;
                } else if labels[j] == 0 {
                    labels[j] = next_label;
                    stack.push(j);
                }
            }
            if boundary {
                // Pixel corners, so a one-pixel-tall component still has a height.
                let (fx, fy) = (x as f32, y as f32);
                edge_points.extend([
                    Point::new(fx, fy),
                    Point::new(fx + 1.0, fy),
                    Point::new(fx, fy + 1.0),
                    Point::new(fx + 1.0, fy + 1.0),
                ]);
            }
        }
        if count < 4 {
            continue;
        }
        let Some(rect) = min_area_rect(&edge_points) else { continue };
        if rect.height < p.min_box_side {
            continue;
        }
        let score = mean_inside(prob, w, h, &rect);
        if score < p.box_thresh {
            continue;
        }
        let area = rect.width * rect.height;
        let perimeter = 2.0 * (rect.width + rect.height);
        let grown = rect.expanded(area * p.unclip_ratio / perimeter);
        if grown.height < p.min_box_side + 2.0 {
            continue;
        }
        boxes.push(TextBox { rect: grown, score });
        if boxes.len() >= p.max_candidates {
            break;
        }
    }
    boxes
}

/// Mean probability over the pixels whose centres lie inside `rect` (PaddleOCR's "fast" box score).
fn mean_inside(prob: &[f32], w: usize, h: usize, rect: &RotatedRect) -> f32 {
    let corners = rect.corners();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for c in corners {
        x0 = x0.min(c.x);
        y0 = y0.min(c.y);
        x1 = x1.max(c.x);
        y1 = y1.max(c.y);
    }
    let (x0, y0) = (x0.floor().max(0.0) as usize, y0.floor().max(0.0) as usize);
    let (x1, y1) = ((x1.ceil() as usize).min(w), (y1.ceil() as usize).min(h));
    let (mut sum, mut n) = (0f32, 0usize);
    for y in y0..y1 {
        for x in x0..x1 {
            if rect.contains(Point::new(x as f32 + 0.5, y as f32 + 0.5)) {
                sum += prob[y * w + x];
                n += 1;
            }
        }
    }
    if n == 0 { 0.0 } else { sum / n as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_640x480_photo_is_read_at_nine_tenths_and_never_upscaled() {
        assert_eq!(detector_size(640, 480, &DetectParams::default()), (576, 448));
        let (w, h) = detector_size(300, 240, &DetectParams::default());
        assert!(w >= 300 && h >= 240, "small photos are brought up to the minimum side: {w}x{h}");
    }

    #[test]
    fn a_large_photo_is_capped_and_rounded_to_multiples_of_32() {
        let (w, h) = detector_size(2000, 1500, &DetectParams::default());
        assert_eq!(w, 960);
        assert!(h % 32 == 0 && (704..=736).contains(&h), "{w}x{h}");
        let (w, h) = detector_size(1334, 880, &DetectParams::default());
        assert!(w <= 960 && w % 32 == 0 && h % 32 == 0, "{w}x{h}");
    }

    #[test]
    fn a_thin_line_of_high_probability_becomes_one_unclipped_box() {
        let (w, h) = (200, 40);
        let mut data = vec![0f32; w * h];
        for y in 18..22 {
            for x in 20..180 {
                data[y * w + x] = 0.9;
            }
        }
        let prob = NdTensor::from_data([h, w], data);
        let boxes = boxes_from_probability(prob.view(), &DetectParams::default());
        assert_eq!(boxes.len(), 1);
        let r = boxes[0].rect;
        assert!(r.width > 160.0 && r.height > 5.0, "{r:?}");
        assert!((r.center.y - 20.5).abs() < 1.5, "{r:?}");
    }

    #[test]
    fn faint_regions_are_dropped_by_the_box_score() {
        let prob = NdTensor::from_data([20, 20], vec![0.35f32; 400]);
        let boxes = boxes_from_probability(prob.view(), &DetectParams::default());
        assert!(boxes.is_empty());
    }
}
