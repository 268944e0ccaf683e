//! Line crops and CTC recognition.
//!
//! Each rotated box is sampled straight from the source image into an upright strip of height 48 (one bilinear
//! warp: deskew and resize at once), strips are batched by width, and the CTC output is decoded greedily with a
//! confidence per kept character.

use image::RgbImage;
use rten::Model;
use rten_tensor::NdTensor;
use rten_tensor::prelude::*;

use super::OcrError;
#[cfg(test)]
use super::geometry::Point;
use super::geometry::RotatedRect;

pub const LINE_HEIGHT: usize = 48;
/// Widest line strip recognised (a 44-character MRZ line at height 48 is ~1300 px).
pub const MAX_WIDTH: usize = 2400;

/// An upright crop of one line, already normalised for the network (BGR, x / 127.5 - 1), CHW.
pub struct LineCrop {
    pub width: usize,
    pub data: Vec<f32>,
}

/// Sample the (rotated) rectangle into a strip `height` pixels tall, reading along `rect.axis` (a reversed axis
/// reads the line upside down, which is how a 180-degree page is corrected).
pub fn crop_line(img: &RgbImage, rect: &RotatedRect, height: usize, max_width: usize) -> LineCrop {
    let ratio = rect.width / rect.height.max(1.0);
    let width = ((height as f32 * ratio).round() as usize).clamp(8, max_width);
    let [origin, tr, _br, bl] = rect.corners();
    let (ux, uy, vx, vy) = (tr.x - origin.x, tr.y - origin.y, bl.x - origin.x, bl.y - origin.y);
    let plane = width * height;
    let mut data = vec![0f32; 3 * plane];
    let (iw, ih) = (img.width() as i64, img.height() as i64);
    let raw = img.as_raw();
    for row in 0..height {
        let fv = (row as f32 + 0.5) / height as f32;
        for col in 0..width {
            let fu = (col as f32 + 0.5) / width as f32;
            let sx = origin.x + ux * fu + vx * fv - 0.5;
            let sy = origin.y + uy * fu + vy * fv - 0.5;
            let (x0, y0) = (sx.floor(), sy.floor());
            let (ax, ay) = (sx - x0, sy - y0);
            let mut acc = [0f32; 3];
            for (dy, wy) in [(0i64, 1.0 - ay), (1, ay)] {
                for (dx, wx) in [(0i64, 1.0 - ax), (1, ax)] {
                    let px = (x0 as i64 + dx).clamp(0, iw - 1);
                    let py = (y0 as i64 + dy).clamp(0, ih - 1);
                    let o = ((py * iw + px) * 3) as usize;
                    let wgt = wx * wy;
                    acc[0] += raw[o] as f32 * wgt;
                    acc[1] += raw[o + 1] as f32 * wgt;
                    acc[2] += raw[o + 2] as f32 * wgt;
                }
            }
            let i = row * width + col;
            data[i] = acc[2] / 127.5 - 1.0;
            data[plane + i] = acc[1] / 127.5 - 1.0;
            data[2 * plane + i] = acc[0] / 127.5 - 1.0;
        }
    }
    LineCrop { width, data }
}

/// Stack crops of one batch into NCHW, padding on the right with 0 (mid-grey after normalisation), as PaddleOCR.
pub fn batch_tensor(crops: &[&LineCrop], height: usize, min_width: usize) -> NdTensor<f32, 4> {
    let width = crops.iter().map(|c| c.width).max().unwrap_or(min_width).max(min_width);
    let mut data = vec![0f32; crops.len() * 3 * height * width];
    for (n, crop) in crops.iter().enumerate() {
        for ch in 0..3 {
            for row in 0..height {
                let src = &crop.data[(ch * height + row) * crop.width..][..crop.width];
                let dst = ((n * 3 + ch) * height + row) * width;
                data[dst..dst + crop.width].copy_from_slice(src);
            }
        }
    }
    NdTensor::from_data([crops.len(), 3, height, width], data)
}

/// Recognised text of one line with per-character confidences.
#[derive(Clone, Debug, Default)]
pub struct Recognised {
    pub text: String,
    pub char_confidences: Vec<f32>,
}

impl Recognised {
    pub fn confidence(&self) -> f32 {
        if self.char_confidences.is_empty() {
            0.0
        } else {
            self.char_confidences.iter().sum::<f32>() / self.char_confidences.len() as f32
        }
    }
}

/// Greedy CTC decoding of one `[T, C]` probability sequence. Class 0 is blank, 1..=N the alphabet, N+1 a space.
pub fn ctc_decode(probs: &[f32], classes: usize, alphabet: &[String]) -> Recognised {
    let mut out = Recognised::default();
    let mut prev = 0usize;
    for step in probs.chunks_exact(classes) {
        let (best, p) =
            step.iter().enumerate().fold((0usize, f32::MIN), |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc });
        if best != 0 && best != prev {
            let piece = match best {
                i if i <= alphabet.len() => alphabet[i - 1].as_str(),
                _ => " ",
            };
            out.text.push_str(piece);
            out.char_confidences.extend(std::iter::repeat_n(p, piece.chars().count()));
        }
        prev = best;
    }
    out
}

/// Lines of similar width (the widest at most this much wider than the narrowest) share a batch on one thread.
const BATCH_WIDTH_RATIO: f32 = 1.25;
/// Most lines in one batch.
const MAX_BATCH: usize = 8;

/// Recognise every crop; results come back in input order.
///
/// With several threads, lines run one at a time (batch of 1) spread over rten's thread pool, longest first:
/// measured on PP-OCRv6 rec, padding lines of different widths to a common batch width cost more than batching
/// saved (batch 1: 359 ms, 8: 538 ms median per image with 2 threads). With one thread (a Lambda's one vCPU) there
/// is nothing to spread, so lines of similar width are batched instead (see README, section Fast on one core).
pub fn recognise(model: &Model, crops: &[LineCrop], alphabet: &[String]) -> Result<Vec<Recognised>, OcrError> {
    use rayon::prelude::*;
    let mut order: Vec<usize> = (0..crops.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(crops[i].width));
    let threads = rten::thread_pool().run(rayon::current_num_threads);
    let batches: Vec<Vec<usize>> = if threads <= 1 {
        let mut batches: Vec<Vec<usize>> = Vec::new();
        for &i in &order {
            match batches.last_mut() {
                Some(b)
                    if b.len() < MAX_BATCH && crops[b[0]].width as f32 <= BATCH_WIDTH_RATIO * crops[i].width as f32 =>
                {
                    b.push(i)
                }
                _ => batches.push(vec![i]),
            }
        }
        batches
    } else {
        order.iter().map(|&i| vec![i]).collect()
    };
    let run = |batch: &Vec<usize>| -> Result<Vec<(usize, Recognised)>, OcrError> {
        let refs: Vec<&LineCrop> = batch.iter().map(|&i| &crops[i]).collect();
        let input = batch_tensor(&refs, LINE_HEIGHT, 16);
        let output = model.run_one(input.view().into(), None).map_err(|e| OcrError::Inference(e.to_string()))?;
        let probs: NdTensor<f32, 3> = output.try_into().map_err(|e| OcrError::Inference(format!("{e:?}")))?;
        let [n, t, c] = probs.shape();
        let probs = probs.to_contiguous();
        let data = probs.data();
        let width = refs.iter().map(|r| r.width).max().unwrap_or(1).max(16);
        Ok((0..n)
            .map(|k| {
                // Only the time steps that cover this line's own width (the rest is padding).
                let steps = (t * refs[k].width.max(16)).div_ceil(width).min(t);
                (batch[k], ctc_decode(&data[k * t * c..(k * t + steps) * c], c, alphabet))
            })
            .collect())
    };
    let decoded: Vec<Vec<(usize, Recognised)>> =
        rten::thread_pool().run(|| batches.par_iter().map(run).collect::<Result<_, _>>())?;
    let mut results = vec![Recognised::default(); crops.len()];
    for (i, r) in decoded.into_iter().flatten() {
        results[i] = r;
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alphabet() -> Vec<String> {
        ["A", "B", "<"].iter().map(|s| s.to_string()).collect()
    }

    fn one_hot(classes: usize, seq: &[usize]) -> Vec<f32> {
        seq.iter().flat_map(|&c| (0..classes).map(move |i| if i == c { 0.9 } else { 0.02 })).collect()
    }

    #[test]
    fn ctc_collapses_repeats_and_drops_blanks() {
        // A A blank A B B space <
        let r = ctc_decode(&one_hot(5, &[1, 1, 0, 1, 2, 2, 4, 3]), 5, &alphabet());
        assert_eq!(r.text, "AAB <");
        assert_eq!(r.char_confidences.len(), 5);
        assert!((r.confidence() - 0.9).abs() < 1e-6);
    }

    #[test]
    fn an_empty_sequence_has_zero_confidence() {
        let r = ctc_decode(&one_hot(5, &[0, 0, 0]), 5, &alphabet());
        assert_eq!(r.text, "");
        assert_eq!(r.confidence(), 0.0);
    }

    #[test]
    fn an_axis_aligned_crop_samples_the_right_pixels_and_a_flip_reverses_them() {
        let img = RgbImage::from_fn(100, 20, |x, _| image::Rgb([0, 0, if x < 50 { 0 } else { 255 }]));
        let rect =
            RotatedRect { center: Point::new(50.0, 10.0), axis: Point::new(1.0, 0.0), width: 100.0, height: 20.0 };
        let crop = crop_line(&img, &rect, 10, 1000);
        assert_eq!(crop.width, 50);
        // Channel 0 is blue (BGR): dark on the left, bright on the right.
        assert!(crop.data[0] < -0.9 && crop.data[49] > 0.9);
        let flipped = crop_line(&img, &rect.reversed(), 10, 1000);
        assert!(flipped.data[0] > 0.9 && flipped.data[49] < -0.9);
    }
}
