//! Finding, straightening and decoding the PDF417 symbol in a phone photo.
//!
//! rxing (a port of ZXing) decodes PDF417 well once the symbol is upright, but its detector and row scanner only
//! tolerate a few degrees of tilt (zxing-cpp: decodes up to about 3 degrees, fails from about 5). So the work here
//! is what rxing lacks:
//!
//! 1. **Locate**: the symbol is the largest patch of the card whose edges are dense, strong and all parallel (its
//!    bars). Per tile, the gradient structure tensor gives the edge energy, how parallel the edges are
//!    (coherence) and their direction; coherent, energetic tiles of similar direction are grouped.
//! 2. **Straighten**: the group's tensor gives the bar direction; shear searches on an upright crop then refine
//!    the bar and row directions separately (row boundaries are edges across the bars), which absorbs the shear
//!    a tilted card adds. Mild perspective makes rows converge: the symbol's extent is found, the bar slopes at
//!    both ends and the row slopes at top and bottom are measured, and the four edges give a quadrilateral that
//!    is resampled through a projective map (the plain rotated rectangle stays as a fallback). The crop is scaled
//!    so a module is about 4.5 pixels, and its bar edges are enhanced (noise averaged along the bars, blur undone
//!    across them).
//! 3. **Decode**: rxing's PDF417 reader on the crop with its local (hybrid) binariser; other scales and a global
//!    binariser when that fails. The crop is upright or upside down (the bars fix the axis, not the sense), so
//!    each crop is also tried turned by 180 degrees: portrait and upside-down photos need nothing more.
//!
//! Every decoded byte string goes to the caller's check (the AAMVA structure check); decoding stops at the first
//! one it accepts, since a PDF417 decode can be wrong without any error being reported.

use std::panic::{AssertUnwindSafe, catch_unwind};

use image::{GrayImage, RgbImage};
use rxing::common::HybridBinarizer;
use rxing::pdf417::PDF417Reader;
use rxing::{BinaryBitmap, DecodeHints, Luma8LuminanceSource, Reader};

/// Candidate regions tried per image, best first.
const MAX_REGIONS: usize = 3;

/// What one decoding run produced: the accepted bytes, and what was tried, so a caller can report why nothing
/// was accepted (no symbol found, or symbols whose content was refused).
#[derive(Debug, Default)]
pub struct Pdf417Outcome {
    /// The first decoded byte string the caller accepted.
    pub accepted: Option<Vec<u8>>,
    /// Byte strings decoded without error but refused by the caller (distinct, in order).
    pub refused: Vec<Vec<u8>>,
    /// Candidate regions located.
    pub regions: usize,
    /// rxing calls made.
    pub attempts: usize,
}

/// A located, oriented candidate region, in the coordinates of the image it was found in.
#[derive(Clone, Debug)]
struct Region {
    /// Centre of the region.
    centre: (f32, f32),
    /// Unit vector along the symbol's rows (across its bars).
    row_dir: (f32, f32),
    /// Unit vector along the bars.
    bar_dir: (f32, f32),
    /// Extent along `row_dir` and `bar_dir` from the centre (min, max).
    along_row: (f32, f32),
    along_bar: (f32, f32),
    /// Estimated module width in source pixels.
    module_px: f32,
    score: f32,
}

/// Locates PDF417 candidates in `img` and decodes them, calling `accept` on every decoded byte string until it
/// returns true. The caller decides what a good decode is (the AAMVA check), because a PDF417 decode can be wrong
/// without rxing reporting an error. Never panics: rxing runs under `catch_unwind`.
pub fn decode(img: &RgbImage, accept: &mut dyn FnMut(&[u8]) -> bool) -> Pdf417Outcome {
    // A 12-megapixel phone photo is searched at a reduced size (its modules are large), and read at the
    // largest reduction that still leaves a module about 3 pixels wide.
    let (w, h) = img.dimensions();
    let k = (w.max(h) / WORKING_SIDE).max(1);
    let working = grey_reduced(img, k);
    let mut finer: Vec<(u32, GrayImage)> = Vec::new();
    let mut out = Pdf417Outcome::default();
    let regions = locate(&working);
    out.regions = regions.len();
    for region in regions.iter().take(MAX_REGIONS) {
        let k2 = ((k as f32 * region.module_px / 3.0) as u32).clamp(1, k);
        let grey = if k2 == k {
            &working
        } else {
            if !finer.iter().any(|(f, _)| *f == k2) {
                finer.push((k2, grey_reduced(img, k2)));
            }
            &finer.iter().find(|(f, _)| *f == k2).expect("just added").1
        };
        let region = refine(grey, &region.scaled(k as f32 / k2 as f32));
        // The fitted quadrilateral first; the plain rotated rectangle as well, in case the fit went wrong.
        let rectangle = Quad::of_region(&region);
        let fitted = fit_quad(grey, &region);
        let mut plan: Vec<(&Quad, &Attempt)> = Vec::new();
        match &fitted {
            Some(quad) => {
                plan.extend([(quad, &ATTEMPTS[0]), (quad, &ATTEMPTS[1]), (&rectangle, &ATTEMPTS[0])]);
                plan.extend(ATTEMPTS[2..].iter().map(|a| (quad, a)));
            }
            None => plan.extend(ATTEMPTS.iter().map(|a| (&rectangle, a))),
        }
        for (quad, attempt) in plan {
            let (qw, qh) = quad.size();
            let max_scale = (MAX_CROP_PIXELS / (qw * qh).max(1.0)).sqrt().min(MAX_SCALE);
            let scale = (attempt.module_px / region.module_px).clamp(1.0, MAX_SCALE).min(max_scale);
            let mut crop = quad.sample(grey, (qw * scale).round() as u32, (qh * scale).round() as u32);
            if attempt.sharpen > 0.0 {
                crop = enhance_bars(&crop, region.module_px * scale, attempt.sharpen);
            }
            // The bars fix the crop's axis, not its sense: a card photographed upside down (or a portrait photo)
            // gives an upside-down crop. rxing's detector would try 180 degrees only when it finds nothing at 0,
            // and it often "finds" a start pattern in the reversed stop pattern, so the turn is made here.
            out.attempts += 1;
            let mut decoded = rxing_decode(&crop, attempt.binarizer);
            if decoded.is_none() {
                image::imageops::rotate180_in_place(&mut crop);
                out.attempts += 1;
                decoded = rxing_decode(&crop, attempt.binarizer);
            }
            let Some(bytes) = decoded else { continue };
            if accept(&bytes) {
                out.accepted = Some(bytes);
                return out;
            }
            // The same symbol read twice the same way is what it holds: more attempts would only repeat it.
            if out.refused.contains(&bytes) {
                return out;
            }
            out.refused.push(bytes);
        }
    }
    out
}

/// Photos are searched with their long side reduced by a whole factor to between this and twice this many pixels.
const WORKING_SIDE: u32 = 1600;

/// The image in grey, each `k` x `k` block averaged into one pixel (Rec. 601 luma).
fn grey_reduced(img: &RgbImage, k: u32) -> GrayImage {
    let (w, h) = ((img.width() / k) as usize, (img.height() / k) as usize);
    let (iw, raw, k) = (img.width() as usize, img.as_raw(), k as usize);
    let luma = |p: &[u8]| 299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2]);
    let mut out = vec![0u8; w * h];
    if k == 1 {
        for (o, p) in out.iter_mut().zip(raw.chunks_exact(3)) {
            *o = ((luma(p) + 500) / 1000) as u8;
        }
    } else {
        let n = (k * k) as u32;
        let mut sums = vec![0u32; w];
        for (y, dst) in out.chunks_exact_mut(w.max(1)).enumerate().take(h) {
            sums.iter_mut().for_each(|s| *s = 0);
            for yy in y * k..(y + 1) * k {
                let row = &raw[yy * iw * 3..(yy * iw + w * k) * 3];
                for (x, block) in row.chunks_exact(3 * k).enumerate() {
                    sums[x] += block.chunks_exact(3).map(luma).sum::<u32>();
                }
            }
            for (o, s) in dst.iter_mut().zip(&sums) {
                *o = ((s + 500 * n) / (1000 * n)) as u8;
            }
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("buffer matches dimensions")
}

/// Largest upscaling of a crop (a 1-pixel module becomes 5 pixels).
const MAX_SCALE: f32 = 5.0;
/// Largest crop handed to rxing (pixels), whatever the region's size and module estimate: bounds memory and time.
const MAX_CROP_PIXELS: f32 = 8.0e6;

/// One way of preparing a crop for rxing.
struct Attempt {
    /// Module width to scale the crop to.
    module_px: f32,
    /// Strength of the edge enhancement across the bars (0: none).
    sharpen: f32,
    binarizer: Binarizer,
}

/// Tried in order on each region until one decode is accepted. Measured on the generated backs (100 photos):
/// the first alone decodes every symbol any of 12 combinations of scale (2.2-6 px per module), enhancement
/// (none, 1, 2) and binariser (hybrid, global histogram) decoded; the others are cheap insurance for photos
/// unlike those (only paid when the first fails).
const ATTEMPTS: [Attempt; 4] = [
    Attempt { module_px: 4.5, sharpen: 1.0, binarizer: Binarizer::Hybrid },
    Attempt { module_px: 6.0, sharpen: 2.0, binarizer: Binarizer::Hybrid },
    Attempt { module_px: 3.0, sharpen: 0.0, binarizer: Binarizer::Hybrid },
    Attempt { module_px: 4.5, sharpen: 1.0, binarizer: Binarizer::Global },
];

/// Noise down, edges up, the way a PDF417 allows: within a row every module is a vertical bar at least three
/// modules tall, so averaging along the bars (vertically, over about one module) removes noise without touching a
/// bar edge, and an unsharp mask across the bars restores the edges blur has softened.
fn enhance_bars(crop: &GrayImage, module_px: f32, amount: f32) -> GrayImage {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    let src = crop.as_raw();
    // Vertical box mean of radius rv, row by row with running column sums.
    let rv = ((module_px * 0.5).round() as usize).max(1);
    let mut sums = vec![0f32; w];
    for row in src.chunks_exact(w).take(rv) {
        sums.iter_mut().zip(row).for_each(|(s, &p)| *s += f32::from(p));
    }
    let mut v = vec![0f32; w * h];
    for y in 0..h {
        if y + rv < h {
            sums.iter_mut().zip(&src[(y + rv) * w..(y + rv + 1) * w]).for_each(|(s, &p)| *s += f32::from(p));
        }
        if y > rv {
            sums.iter_mut().zip(&src[(y - rv - 1) * w..(y - rv) * w]).for_each(|(s, &p)| *s -= f32::from(p));
        }
        let n = ((y + rv).min(h - 1) - y.saturating_sub(rv) + 1) as f32;
        v[y * w..(y + 1) * w].iter_mut().zip(&sums).for_each(|(o, s)| *o = s / n);
    }
    // Unsharp mask across the bars: each value pushed away from its horizontal box mean.
    let rh = ((module_px * 0.8).round() as usize).max(1);
    let mut out = vec![0u8; w * h];
    let mut prefix = vec![0f32; w + 1];
    for (row, dst) in v.chunks_exact(w).zip(out.chunks_exact_mut(w)) {
        for (x, &value) in row.iter().enumerate() {
            prefix[x + 1] = prefix[x] + value;
        }
        for (x, d) in dst.iter_mut().enumerate() {
            let (a, b) = (x.saturating_sub(rh), (x + rh + 1).min(w));
            let blur = (prefix[b] - prefix[a]) / (b - a) as f32;
            *d = (row[x] + amount * (row[x] - blur)).round().clamp(0.0, 255.0) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("buffer matches dimensions")
}

#[derive(Clone, Copy, Debug)]
enum Binarizer {
    Hybrid,
    Global,
}

/// rxing's PDF417 reader on a grey crop. Its text is turned back into the symbol's bytes: without an ECI, rxing
/// decodes bytes as ISO 8859-1, one character per byte, so characters up to U+00FF are the bytes themselves
/// (control characters included, nothing escaped); anything wider can only come from an ECI and is kept as UTF-8.
fn rxing_decode(crop: &GrayImage, binarizer: Binarizer) -> Option<Vec<u8>> {
    let (w, h) = crop.dimensions();
    let run = || -> Option<String> {
        let source = Luma8LuminanceSource::new(crop.as_raw().clone(), w, h).ok()?;
        let mut reader = PDF417Reader::new();
        let hints = DecodeHints::default().with(rxing::DecodeHintValue::TryHarder(true));
        let result = match binarizer {
            Binarizer::Hybrid => reader.decode_with_hints(&mut BinaryBitmap::new(HybridBinarizer::new(source)), &hints),
            Binarizer::Global => reader.decode_with_hints(
                &mut BinaryBitmap::new(rxing::common::GlobalHistogramBinarizer::new(source)),
                &hints,
            ),
        };
        result.ok().map(|r| r.getText().to_owned())
    };
    // rxing is a large port; a panic on a strange image must cost one attempt, not the request.
    let text = catch_unwind(AssertUnwindSafe(run)).ok().flatten()?;
    if text.chars().all(|c| (c as u32) <= 0xFF) {
        Some(text.chars().map(|c| c as u8).collect())
    } else {
        Some(text.into_bytes())
    }
}

/// Per-tile gradient structure tensor sums.
#[derive(Clone, Copy, Default)]
struct Tile {
    jxx: f32,
    jyy: f32,
    jxy: f32,
}

impl Tile {
    fn energy(&self) -> f32 {
        self.jxx + self.jyy
    }
    fn coherence(&self) -> f32 {
        let e = self.energy();
        if e <= 0.0 {
            return 0.0;
        }
        ((self.jxx - self.jyy).powi(2) + 4.0 * self.jxy * self.jxy).sqrt() / e
    }
    /// Gradient direction in radians, in (-pi/2, pi/2].
    fn angle(&self) -> f32 {
        0.5 * (2.0 * self.jxy).atan2(self.jxx - self.jyy)
    }
}

impl Region {
    /// The image point `u` along the rows and `v` along the bars from the centre.
    fn point(&self, u: f32, v: f32) -> (f32, f32) {
        let (c, r, b) = (self.centre, self.row_dir, self.bar_dir);
        (c.0 + u * r.0 + v * b.0, c.1 + u * r.1 + v * b.1)
    }

    /// The same region in an image `f` times larger.
    fn scaled(&self, f: f32) -> Region {
        Region {
            centre: (self.centre.0 * f, self.centre.1 * f),
            along_row: (self.along_row.0 * f, self.along_row.1 * f),
            along_bar: (self.along_bar.0 * f, self.along_bar.1 * f),
            module_px: self.module_px * f,
            ..self.clone()
        }
    }
}

/// Finds candidate regions, best first: connected groups of tiles with strong, parallel edges.
fn locate(grey: &GrayImage) -> Vec<Region> {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    if w < 16 || h < 16 {
        return Vec::new();
    }
    let tile = (w.max(h) / 64).clamp(8, 48);
    let (tw, th) = (w / tile, h / tile);
    if tw < 2 || th < 2 {
        return Vec::new();
    }
    let px = grey.as_raw();
    let mut tiles = vec![Tile::default(); tw * th];
    for ty in 0..th {
        for tx in 0..tw {
            let mut t = Tile::default();
            for y in (ty * tile).max(1)..((ty + 1) * tile).min(h - 1) {
                let row = y * w;
                for x in (tx * tile).max(1)..((tx + 1) * tile).min(w - 1) {
                    let gx = f32::from(px[row + x + 1]) - f32::from(px[row + x - 1]);
                    let gy = f32::from(px[row + w + x]) - f32::from(px[row - w + x]);
                    t.jxx += gx * gx;
                    t.jyy += gy * gy;
                    t.jxy += gx * gy;
                }
            }
            tiles[ty * tw + tx] = t;
        }
    }
    // Energy relative to the image's most energetic tiles (so contrast and exposure do not matter). Measured on the
    // generated backs: PDF417 tiles have coherence 0.3-0.9 (row boundaries cross the bars), text 0-0.4.
    let mut energies: Vec<f32> = tiles.iter().map(Tile::energy).collect();
    energies.sort_by(f32::total_cmp);
    let e_ref = energies[energies.len() * 97 / 100];
    let e_min = 0.15 * e_ref;
    let e_seed = 0.3 * e_ref;
    let good: Vec<bool> = tiles.iter().map(|t| t.energy() >= e_min && t.coherence() >= 0.25).collect();
    let seed: Vec<bool> = tiles.iter().map(|t| t.energy() >= e_seed && t.coherence() >= 0.5).collect();

    // Grow from seed tiles (energetic and clearly oriented) into neighbours that are energetic enough and
    // oriented alike: a PDF417's row boundaries lower the coherence of some of its tiles.
    let mut label = vec![usize::MAX; tiles.len()];
    let mut regions = Vec::new();
    for start in 0..tiles.len() {
        if !seed[start] || label[start] != usize::MAX {
            continue;
        }
        let id = regions.len();
        let mut stack = vec![start];
        let mut members = Vec::new();
        label[start] = id;
        let reference = tiles[start].angle();
        while let Some(i) = stack.pop() {
            members.push(i);
            let (x, y) = ((i % tw) as isize, (i / tw) as isize);
            for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)] {
                let (nx, ny) = (x + dx, y + dy);
                if nx < 0 || ny < 0 || nx >= tw as isize || ny >= th as isize {
                    continue;
                }
                let j = ny as usize * tw + nx as usize;
                if good[j] && label[j] == usize::MAX && angle_close(reference, tiles[j].angle(), 20f32.to_radians()) {
                    label[j] = id;
                    stack.push(j);
                }
            }
        }
        regions.push(members);
    }
    let mut out: Vec<Region> = regions
        .into_iter()
        .filter(|m| m.len() >= 4)
        .filter_map(|members| region_from_tiles(grey, &tiles, &members, tw, tile))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// Whether two gradient directions (taken modulo 180 degrees) are within `tol` radians.
fn angle_close(a: f32, b: f32, tol: f32) -> bool {
    let d = (2.0 * (a - b)).sin().abs();
    let c = (2.0 * (a - b)).cos();
    c > 0.0 && d < (2.0 * tol).sin()
}

/// A group of tiles as a region: direction from the summed tensor, extent from the tiles' positions along and
/// across the bars, plus margins for the quiet zone and for edge tiles the grouping missed.
fn region_from_tiles(grey: &GrayImage, tiles: &[Tile], members: &[usize], tw: usize, tile: usize) -> Option<Region> {
    let mut sum = Tile::default();
    let mut score = 0.0;
    let (mut cx, mut cy, mut wsum) = (0.0f32, 0.0f32, 0.0f32);
    for &i in members {
        let t = tiles[i];
        sum.jxx += t.jxx;
        sum.jyy += t.jyy;
        sum.jxy += t.jxy;
        let wgt = t.energy() * t.coherence();
        score += wgt;
        let (x, y) = (((i % tw) as f32 + 0.5) * tile as f32, ((i / tw) as f32 + 0.5) * tile as f32);
        cx += x * wgt;
        cy += y * wgt;
        wsum += wgt;
    }
    if wsum <= 0.0 {
        return None;
    }
    let (cx, cy) = (cx / wsum, cy / wsum);
    let theta = sum.angle();
    let row_dir = (theta.cos(), theta.sin());
    let bar_dir = (-theta.sin(), theta.cos());
    let (mut r0, mut r1, mut b0, mut b1) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
    for &i in members {
        let (x, y) = (((i % tw) as f32 + 0.5) * tile as f32 - cx, ((i / tw) as f32 + 0.5) * tile as f32 - cy);
        let u = x * row_dir.0 + y * row_dir.1;
        let v = x * bar_dir.0 + y * bar_dir.1;
        r0 = r0.min(u);
        r1 = r1.max(u);
        b0 = b0.min(v);
        b1 = b1.max(v);
    }
    let half = tile as f32 * 0.75;
    let (len_r, len_b) = (r1 - r0 + 2.0 * half, b1 - b0 + 2.0 * half);
    let mr = half + 0.08 * len_r + tile as f32;
    let mb = half + 0.15 * len_b + tile as f32;
    let mut region = Region {
        centre: (cx, cy),
        row_dir,
        bar_dir,
        along_row: (r0 - mr, r1 + mr),
        along_bar: (b0 - mb, b1 + mb),
        module_px: 2.0,
        score,
    };
    region.module_px = estimate_module(grey, &region);
    Some(region)
}

/// Bilinear sample; outside the image reads as white (a quiet zone).
fn sample(grey: &GrayImage, x: f32, y: f32) -> f32 {
    let (gw, gh) = (grey.width() as usize, grey.height() as usize);
    let src = grey.as_raw();
    let (xf, yf) = (x.floor(), y.floor());
    if xf >= 0.0 && yf >= 0.0 && (xf as usize) + 1 < gw && (yf as usize) + 1 < gh {
        // Inside: no bounds to check per neighbour.
        let (fx, fy) = (x - xf, y - yf);
        let k = yf as usize * gw + xf as usize;
        let top = f32::from(src[k]) + (f32::from(src[k + 1]) - f32::from(src[k])) * fx;
        let bottom = f32::from(src[k + gw]) + (f32::from(src[k + gw + 1]) - f32::from(src[k + gw])) * fx;
        return top + (bottom - top) * fy;
    }
    let (w, h) = (gw as i64, gh as i64);
    let (x0, y0) = (xf as i64, yf as i64);
    let (fx, fy) = (x - xf, y - yf);
    let get = |xx: i64, yy: i64| -> f32 {
        if xx < 0 || yy < 0 || xx >= w || yy >= h { 255.0 } else { f32::from(src[(yy * w + xx) as usize]) }
    };
    let top = get(x0, y0) * (1.0 - fx) + get(x0 + 1, y0) * fx;
    let bottom = get(x0, y0 + 1) * (1.0 - fx) + get(x0 + 1, y0 + 1) * fx;
    top * (1.0 - fy) + bottom * fy
}

/// Module width from the density of bar edges along lines across the middle of the region: a PDF417 codeword
/// has 8 bars and spaces in 17 modules, so edges come about every 17/8 modules.
fn estimate_module(grey: &GrayImage, r: &Region) -> f32 {
    let len = (r.along_row.1 - r.along_row.0) * 0.6;
    let n = len as usize;
    if n < 32 {
        return 2.0;
    }
    let mut edges = 0usize;
    let mut total = 0usize;
    let lines = 7;
    for k in 0..lines {
        let v = r.along_bar.0 + (r.along_bar.1 - r.along_bar.0) * (0.3 + 0.4 * k as f32 / (lines - 1) as f32);
        let profile: Vec<f32> = (0..n)
            .map(|i| {
                let u = -len / 2.0 + i as f32;
                let x = r.centre.0 + u * r.row_dir.0 + v * r.bar_dir.0;
                let y = r.centre.1 + u * r.row_dir.1 + v * r.bar_dir.1;
                sample(grey, x, y)
            })
            .collect();
        // Crossings of the local mean (over 15 px) with a small hysteresis.
        let mean = smooth(&profile, 7);
        let mut state = 0i8;
        for (p, m) in profile.iter().zip(&mean) {
            let d = p - m;
            let s = if d > 4.0 {
                1
            } else if d < -4.0 {
                -1
            } else {
                0
            };
            if s != 0 && s != state {
                if state != 0 {
                    edges += 1;
                }
                state = s;
            }
        }
        total += n;
    }
    if edges == 0 {
        return 2.0;
    }
    (total as f32 / edges as f32) * 8.0 / 17.0
}

/// Resamples the region into an upright crop: rows horizontal, bars vertical, `scale` output pixels per source
/// pixel.
fn straighten(grey: &GrayImage, r: &Region, scale: f32) -> GrayImage {
    let w = ((r.along_row.1 - r.along_row.0) * scale).round().max(1.0) as usize;
    let h = ((r.along_bar.1 - r.along_bar.0) * scale).round().max(1.0) as usize;
    let mut out = vec![0u8; w * h];
    // Source position of output pixel (i, j) is origin + i * step_i + j * step_j.
    let (step_i, step_j) = ((r.row_dir.0 / scale, r.row_dir.1 / scale), (r.bar_dir.0 / scale, r.bar_dir.1 / scale));
    let (u0, v0) = (r.along_row.0 + 0.5 / scale, r.along_bar.0 + 0.5 / scale);
    let origin = r.point(u0, v0);
    for (j, row) in out.chunks_exact_mut(w).enumerate() {
        let (mut x, mut y) = (origin.0 + j as f32 * step_j.0, origin.1 + j as f32 * step_j.1);
        for p in row.iter_mut() {
            *p = (sample(grey, x, y) + 0.5) as u8;
            x += step_i.0;
            y += step_i.1;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("buffer matches dimensions")
}

/// Which set of lines a shear search aligns: the bars (vertical in the crop) or the row boundaries (horizontal).
#[derive(Clone, Copy)]
enum Lines {
    Bars,
    Rows,
}

/// The shear (tangent) that best aligns `lines` with the crop's axis: edge magnitudes across those lines are
/// accumulated along sheared lines, and the sharpest profile (largest sum of squares) wins. Bars and row
/// boundaries all lie on one grid, so their edges pile up only when the shear is right.
fn best_shear(crop: &GrayImage, lines: Lines, max_deg: f32) -> f32 {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    if w < 8 || h < 8 {
        return 0.0;
    }
    let px = crop.as_raw();
    // (along, across, magnitude): `across` is the coordinate the profile is indexed by.
    let mut edges: Vec<(f32, f32, f32)> = Vec::with_capacity(w * h / 2);
    match lines {
        Lines::Bars => {
            for y in (0..h).step_by(2) {
                for x in 0..w - 1 {
                    let g = (i32::from(px[y * w + x + 1]) - i32::from(px[y * w + x])).unsigned_abs();
                    if g >= 8 {
                        edges.push((y as f32 - h as f32 / 2.0, x as f32 + 0.5, g as f32));
                    }
                }
            }
        }
        Lines::Rows => {
            for y in 0..h - 1 {
                for x in (0..w).step_by(2) {
                    let g = (i32::from(px[(y + 1) * w + x]) - i32::from(px[y * w + x])).unsigned_abs();
                    if g >= 8 {
                        edges.push((x as f32 - w as f32 / 2.0, y as f32 + 0.5, g as f32));
                    }
                }
            }
        }
    }
    let span = match lines {
        Lines::Bars => w,
        Lines::Rows => h,
    };
    let margin = match lines {
        Lines::Bars => h,
        Lines::Rows => w,
    } as f32
        * max_deg.to_radians().tan()
        / 2.0
        + 2.0;
    let bins = span + 2 * margin.ceil() as usize;
    let offset = margin.ceil();
    let mut profile = vec![0f32; bins];
    // Score of a shear over every `stride`-th edge.
    let mut score = |t: f32, stride: usize| -> f32 {
        profile.iter_mut().for_each(|v| *v = 0.0);
        for &(along, across, g) in edges.iter().step_by(stride) {
            let pos = across - along * t + offset;
            let i = pos.floor();
            let f = pos - i;
            let i = i as usize;
            if i + 1 < bins {
                profile[i] += g * (1.0 - f);
                profile[i + 1] += g * f;
            }
        }
        profile.iter().map(|v| v * v).sum()
    };
    // Coarse to fine: 0.5 degree steps over the whole range on a third of the edges, then 0.1 and 0.025 degree
    // steps around the best on all of them.
    let mut best = 0.0f32;
    for (step, span, stride) in [(0.5f32, max_deg, 3usize), (0.1, 0.4, 1), (0.025, 0.075, 1)] {
        let centre = best;
        let mut top = f32::MIN;
        let n = (span / step).round() as i32;
        for k in -n..=n {
            let deg = centre + k as f32 * step;
            let sc = score(deg.to_radians().tan(), stride);
            if sc > top {
                top = sc;
                best = deg;
            }
        }
    }
    best.to_radians().tan()
}

/// Corrects the region's two axes separately (bars, then row boundaries) by shear searches on an unscaled
/// straightened crop. Separate axes absorb the shear a mildly tilted card adds to the rotation.
fn refine(grey: &GrayImage, r: &Region) -> Region {
    let crop = straighten(grey, r, 1.0);
    let t_bar = best_shear(&crop, Lines::Bars, 5.0);
    let t_row = best_shear(&crop, Lines::Rows, 5.0);
    let norm = |v: (f32, f32)| {
        let n = (v.0 * v.0 + v.1 * v.1).sqrt();
        (v.0 / n, v.1 / n)
    };
    // A bar through the crop's centre row at x0 passes through x0 + t_bar * (y - h/2): in the image its
    // direction is t_bar * row_dir + bar_dir; likewise a row boundary runs along row_dir + t_row * bar_dir.
    let bar_dir = norm((t_bar * r.row_dir.0 + r.bar_dir.0, t_bar * r.row_dir.1 + r.bar_dir.1));
    let row_dir = norm((r.row_dir.0 + t_row * r.bar_dir.0, r.row_dir.1 + t_row * r.bar_dir.1));
    Region { row_dir, bar_dir, ..r.clone() }
}

/// A projective map from the unit square (s along the rows, t along the bars) onto a quadrilateral of the image:
/// what a mildly tilted card makes of the symbol's rectangle. Sampling it gives an upright crop in which rows
/// stay parallel even where the card's perspective makes them converge.
#[derive(Clone, Debug)]
struct Quad {
    /// Corners in image coordinates: (0,0), (1,0), (1,1), (0,1) of the unit square.
    corners: [(f32, f32); 4],
    /// x = (a s + b t + c) / (g s + h t + 1), y = (d s + e t + f) / (g s + h t + 1).
    m: [f32; 8],
}

impl Quad {
    /// Square-to-quadrilateral mapping (Heckbert's closed form); None when the corners are degenerate.
    fn new(corners: [(f32, f32); 4]) -> Option<Quad> {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = corners;
        let (sx, sy) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
        let (dx1, dx2, dy1, dy2) = (x1 - x2, x3 - x2, y1 - y2, y3 - y2);
        let den = dx1 * dy2 - dx2 * dy1;
        if den.abs() < 1e-6 {
            return None;
        }
        let g = (sx * dy2 - dx2 * sy) / den;
        let h = (dx1 * sy - sx * dy1) / den;
        let m = [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h];
        m.iter().all(|v| v.is_finite()).then_some(Quad { corners, m })
    }

    /// The region's rectangle (margins included) as a quad.
    fn of_region(r: &Region) -> Quad {
        let (u0, u1, v0, v1) = (r.along_row.0, r.along_row.1, r.along_bar.0, r.along_bar.1);
        let corners = [r.point(u0, v0), r.point(u1, v0), r.point(u1, v1), r.point(u0, v1)];
        Quad::new(corners).expect("a rectangle is not degenerate")
    }

    fn map(&self, s: f32, t: f32) -> (f32, f32) {
        let [a, b, c, d, e, f, g, h] = self.m;
        let w = g * s + h * t + 1.0;
        ((a * s + b * t + c) / w, (d * s + e * t + f) / w)
    }

    /// Mean width (along the rows) and height (along the bars) in image pixels.
    fn size(&self) -> (f32, f32) {
        let d = |p: (f32, f32), q: (f32, f32)| ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt();
        let [p0, p1, p2, p3] = self.corners;
        ((d(p0, p1) + d(p3, p2)) / 2.0, (d(p0, p3) + d(p1, p2)) / 2.0)
    }

    /// The quad resampled (bilinear) into a w x h upright crop.
    fn sample(&self, grey: &GrayImage, w: u32, h: u32) -> GrayImage {
        let (w, h) = (w.max(1) as usize, h.max(1) as usize);
        let [a, b, c, d, e, f, g, hh] = self.m;
        let ds = 1.0 / w as f32;
        let mut out = vec![0u8; w * h];
        for (j, row) in out.chunks_exact_mut(w).enumerate() {
            let t = (j as f32 + 0.5) / h as f32;
            let s0 = 0.5 * ds;
            // Numerators and denominator are linear in s along a row.
            let (mut nx, mut ny, mut den) = (a * s0 + b * t + c, d * s0 + e * t + f, g * s0 + hh * t + 1.0);
            for p in row.iter_mut() {
                *p = (sample(grey, nx / den, ny / den) + 0.5) as u8;
                nx += a * ds;
                ny += d * ds;
                den += g * ds;
            }
        }
        GrayImage::from_raw(w as u32, h as u32, out).expect("buffer matches dimensions")
    }
}

/// Moving average over `radius` values either side (shorter windows at the ends).
fn smooth(values: &[f32], radius: usize) -> Vec<f32> {
    let mut prefix = vec![0f32; values.len() + 1];
    for (i, v) in values.iter().enumerate() {
        prefix[i + 1] = prefix[i] + v;
    }
    (0..values.len())
        .map(|i| {
            let (a, b) = (i.saturating_sub(radius), (i + radius + 1).min(values.len()));
            (prefix[b] - prefix[a]) / (b - a) as f32
        })
        .collect()
}

/// The longest run of values at or above `threshold`, bridging gaps up to `gap` long.
fn longest_run(values: &[f32], threshold: f32, gap: usize) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut current: Option<(usize, usize)> = None;
    let mut since = 0usize;
    for (i, &v) in values.iter().enumerate() {
        if v >= threshold {
            current = Some(match current {
                Some((a, _)) if since <= gap => (a, i),
                _ => (i, i),
            });
            since = 0;
            if let Some(c) = current
                && best.is_none_or(|b| c.1 - c.0 > b.1 - b.0)
            {
                best = Some(c);
            }
        } else {
            since += 1;
        }
    }
    best
}

/// Fits the symbol's quadrilateral: finds its extent in the refined unscaled crop (rows where bar edges are
/// dense, columns where they are), then measures the bar direction near its left and right ends and the row
/// direction near its top and bottom. Those four lines meet in the corners of the symbol as the camera saw it.
/// The quad returned adds a quiet zone around them. None when the symbol's extent is not clear.
fn fit_quad(grey: &GrayImage, r: &Region) -> Option<Quad> {
    let flat = straighten(grey, r, 1.0);
    let (w, h) = (flat.width() as usize, flat.height() as usize);
    if w < 64 || h < 16 {
        return None;
    }
    let px = flat.as_raw();
    let gx = |x: usize, y: usize| (f32::from(px[y * w + x + 1]) - f32::from(px[y * w + x])).abs();
    // Rows: horizontal edge energy per row. Columns (within those rows): the same per column.
    let row_energy: Vec<f32> = (0..h).map(|y| (0..w - 1).map(|x| gx(x, y)).sum()).collect();
    let row_energy = smooth(&row_energy, 2);
    let top = row_energy.iter().copied().fold(0f32, f32::max);
    let (ya, yb) = longest_run(&row_energy, 0.4 * top, (r.module_px * 2.0) as usize)?;
    let mut col_energy = vec![0f32; w - 1];
    for y in ya..=yb {
        for (x, c) in col_energy.iter_mut().enumerate() {
            *c += gx(x, y);
        }
    }
    let col_energy = smooth(&col_energy, (r.module_px * 3.0) as usize);
    let top = col_energy.iter().copied().fold(0f32, f32::max);
    let (xa, xb) = longest_run(&col_energy, 0.3 * top, (r.module_px * 6.0) as usize)?;
    let (sw, sh) = ((xb - xa) as f32, (yb - ya) as f32);
    // A symbol is at least 4 codewords wide and 3 rows of 3 modules tall.
    if sw < 68.0 * r.module_px * 0.7 || sh < 9.0 * r.module_px * 0.5 || sw < sh {
        return None;
    }
    let sub = |x0: usize, x1: usize, y0: usize, y1: usize| {
        let (w, h) = ((x1 - x0).max(1) as u32, (y1 - y0).max(1) as u32);
        image::imageops::crop_imm(&flat, x0 as u32, y0 as u32, w, h).to_image()
    };
    // Bar slopes near the ends, row slopes near the top and bottom.
    let third = (xb - xa) * 3 / 10;
    let half = ((yb - ya) * 45 / 100).max(4);
    let t_left = best_shear(&sub(xa, xa + third, ya, yb), Lines::Bars, 3.0);
    let t_right = best_shear(&sub(xb - third, xb, ya, yb), Lines::Bars, 3.0);
    let t_top = best_shear(&sub(xa, xb, ya, ya + half), Lines::Rows, 3.0);
    let t_bottom = best_shear(&sub(xa, xb, yb - half, yb), Lines::Rows, 3.0);
    // The four edges in crop coordinates. best_shear measures a bar's slope about its sub-crop's middle row (the
    // symbol's middle row ym), a row boundary's about the middle column xm; the extents found above are where
    // the edges cross those. Left edge: x = xa + t_left (y - ym); top edge: y = ya + t_top (x - xm); and so on.
    let (xm, ym) = ((xa + xb) as f32 / 2.0, (ya + yb) as f32 / 2.0);
    let (xa, xb, ya, yb) = (xa as f32, xb as f32, ya as f32, yb as f32);
    let corner = |bar_x: f32, tb: f32, row_y: f32, tr: f32| -> Option<(f32, f32)> {
        let den = 1.0 - tb * tr;
        if den.abs() < 1e-3 {
            return None;
        }
        let x = (bar_x + tb * (row_y - ym - tr * xm)) / den;
        Some((x, row_y + tr * (x - xm)))
    };
    let corners = [
        corner(xa, t_left, ya, t_top)?,
        corner(xb, t_right, ya, t_top)?,
        corner(xb, t_right, yb, t_bottom)?,
        corner(xa, t_left, yb, t_bottom)?,
    ];
    // The whole region, not just the symbol's measured extent (which glare or a card edge can cut short):
    // the crop's edges in the symbol's own (projective) coordinates.
    let inner = Quad::new(corners)?;
    let (s0, s1) = (-xa / sw, (w as f32 - xa) / sw);
    let (t0, t1) = (-ya / sh, (h as f32 - ya) / sh);
    let outer = [inner.map(s0, t0), inner.map(s1, t0), inner.map(s1, t1), inner.map(s0, t1)];
    // The crop was already straightened by the mean directions: a fit that moves its corners far is wrong.
    let tolerance = 0.1 * (w + h) as f32;
    let square = [(0.0, 0.0), (w as f32, 0.0), (w as f32, h as f32), (0.0, h as f32)];
    if outer.iter().zip(square).any(|(p, q)| (p.0 - q.0).abs().max((p.1 - q.1).abs()) > tolerance) {
        return None;
    }
    let to_image = |(x, y): (f32, f32)| r.point(r.along_row.0 + x, r.along_bar.0 + y);
    Quad::new(outer.map(to_image))
}
