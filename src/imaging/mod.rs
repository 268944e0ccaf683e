//! Image intake: the format is decided by the bytes (not the file name or the client's content type), the file's
//! structure, dimensions and decoding memory are checked before any pixel is decoded (`jpeg`, `png`: markers and
//! chunks, nothing inflated), and EXIF orientation is applied so a phone photo arrives upright-as-taken.

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use std::io::Cursor;

/// Image formats the API accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Jpeg,
    Png,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
        }
    }
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "jpg",
            ImageKind::Png => "png",
        }
    }
}

mod jpeg;
mod jpeg_scans;
pub mod pdf417;
mod png;

/// Smallest side we can read a document from; the synthetic 20x20 upload must be refused, 640x480 is the norm.
pub const MIN_SIDE: u32 = 200;
/// Largest side we decode: a 2 MB JPEG can claim 65535x65535; anything above this is not a phone photo of an ID.
pub const MAX_SIDE: u32 = 8000;
/// Largest image, in pixels: a 16-megapixel phone photo (4608x3456) fits; an ID needs about 2 Mpx (the
/// reference recommends 640x480), and the OCR detects text at 960 px on the long side at most.
pub const MAX_PIXELS: u64 = 16_000_000;
/// Memory one decoding may take, estimated from the headers before a pixel is decoded ([`decode_bytes`]): the
/// decoder's planes and a progressive JPEG's coefficients, the RGB frame, and the copy an EXIF rotation makes.
/// A 16 Mpx baseline JPEG takes 96 MB; with one decoding per OCR worker (two on two cores) the whole server stays
/// within 512 MB under hostile uploads (`make bench-server`). The same cap is the decoder's own allocation limit,
/// a second guard.
pub const MAX_DECODE_BYTES: u64 = 96 * 1024 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImageError {
    #[error("the file is not an image")]
    NotAnImage,
    #[error("unsupported image format {0}: send JPEG or PNG")]
    Unsupported(&'static str),
    #[error("the image is {width}x{height} pixels; each side must be at least {MIN_SIDE} pixels")]
    TooSmall { width: u32, height: u32 },
    #[error("the image is {width}x{height} pixels; each side must be at most {MAX_SIDE} pixels")]
    TooLarge { width: u32, height: u32 },
    #[error("the image is {width}x{height} pixels; at most {} megapixels are read: send a smaller photo", MAX_PIXELS / 1_000_000)]
    TooManyPixels { width: u32, height: u32 },
    #[error(
        "decoding this {width}x{height} image would take about {needed_mb} MB, over the {} MB allowed: send a smaller or baseline (non-progressive) photo",
        MAX_DECODE_BYTES >> 20
    )]
    OverDecodeBudget { width: u32, height: u32, needed_mb: u64 },
    #[error("the image data is corrupt or truncated")]
    Corrupt,
}

/// Identify the format from magic bytes.
pub fn sniff(bytes: &[u8]) -> Result<ImageKind, ImageError> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Ok(ImageKind::Jpeg),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Ok(ImageKind::Png),
        [b'G', b'I', b'F', b'8', ..] => Err(ImageError::Unsupported("GIF")),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Err(ImageError::Unsupported("WebP")),
        [b'B', b'M', ..] => Err(ImageError::Unsupported("BMP")),
        [b'I', b'I', 0x2A, 0x00, ..] | [b'M', b'M', 0x00, 0x2A, ..] => Err(ImageError::Unsupported("TIFF")),
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => Err(ImageError::Unsupported("HEIC/AVIF")),
        [b'%', b'P', b'D', b'F', ..] => Err(ImageError::Unsupported("PDF")),
        _ => Err(ImageError::NotAnImage),
    }
}

/// A decoded, upright RGB image with the format it came in.
#[derive(Debug)]
pub struct DecodedImage {
    pub kind: ImageKind,
    pub rgb: RgbImage,
}

/// What [`inspect`] learnt of an upload from its markers or chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
    /// Length of the image itself: what follows its end marker (a ZIP appended to make a polyglot, a phone's
    /// trailer) is neither decoded nor stored.
    pub len: usize,
    /// Memory its decoding takes, estimated ([`MAX_DECODE_BYTES`]).
    pub decode_bytes: u64,
}

/// Check an upload from its structure only: format by content, every segment or chunk present up to the end
/// marker, dimensions and decoding memory within limits. Nothing is inflated or decoded (microseconds, so it runs
/// where the request is read), and a request is refused before it waits for a decoding slot.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    structure(bytes).map(|(info, _)| info)
}

/// [`inspect`], with a JPEG's markers kept for the scan walk of [`decode`].
fn structure(bytes: &[u8]) -> Result<(ImageInfo, Option<jpeg::JpegHeader>), ImageError> {
    let kind = sniff(bytes)?;
    let mut header = None;
    let info = match kind {
        ImageKind::Jpeg => {
            let j = jpeg::parse(bytes)?;
            // The decoder writes RGB (or grey) straight into the frame; only a progressive image keeps more.
            let native = if j.sampling.len() == 1 { 1 } else { 3 };
            let decode_bytes = decode_bytes(j.width, j.height, native, j.coefficient_bytes());
            let info = ImageInfo { kind, width: j.width, height: j.height, len: j.end, decode_bytes };
            header = Some(j);
            info
        }
        ImageKind::Png => {
            let p = png::parse(bytes)?;
            // The PNG decoder's own buffer of raw rows is copied into the frame: count it once more.
            let native = p.decoded_bytes_per_pixel as u64;
            let decode_bytes = decode_bytes(p.width, p.height, native, p.width as u64 * p.height as u64 * native);
            ImageInfo { kind, width: p.width, height: p.height, len: p.end, decode_bytes }
        }
    };
    check_dimensions(info.width, info.height)?;
    if info.decode_bytes > MAX_DECODE_BYTES {
        return Err(ImageError::OverDecodeBudget {
            width: info.width,
            height: info.height,
            needed_mb: info.decode_bytes.div_ceil(1 << 20),
        });
    }
    Ok((info, header))
}

/// The memory a decoding takes at its peak: the decoder's frame at `native_bytes_per_pixel` alongside the RGB
/// frame it is converted to (a 16-bit RGBA PNG: 8 + 3 bytes per pixel), or the RGB frame alongside the copy an
/// EXIF rotation makes (3 + 3), whichever is larger, plus `extra` (a progressive JPEG's coefficients, held until
/// its last scan). Checked against peak RSS per image class by `make bench-server`.
fn decode_bytes(width: u32, height: u32, native_bytes_per_pixel: u64, extra: u64) -> u64 {
    let pixels = width as u64 * height as u64;
    pixels * (native_bytes_per_pixel + 3).max(2 * 3) + extra
}

/// Decode an upload: its structure checked ([`inspect`]), a JPEG's scans walked to their last block, a PNG's
/// unread chunks dropped, the pixels decoded within the memory cap, EXIF orientation applied.
pub fn decode(bytes: &[u8]) -> Result<DecodedImage, ImageError> {
    let (info, jpeg) = structure(bytes)?;
    let own = &bytes[..info.len];
    if let Some(header) = &jpeg {
        // The decoder fills a scan cut short with grey; a JPEG closed again after a cut is refused here instead.
        jpeg_scans::check(own, header)?;
    }
    let (format, data) = match info.kind {
        ImageKind::Jpeg => (ImageFormat::Jpeg, std::borrow::Cow::Borrowed(own)),
        ImageKind::Png => (ImageFormat::Png, png::for_decoding(own)?),
    };
    let mut reader = ImageReader::with_format(Cursor::new(&*data), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let classify = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => ImageError::OverDecodeBudget {
            width: info.width,
            height: info.height,
            needed_mb: info.decode_bytes.div_ceil(1 << 20),
        },
        image::ImageError::Unsupported(_) => ImageError::Unsupported("this variant"),
        _ => ImageError::Corrupt,
    };
    let mut decoder = reader.into_decoder().map_err(classify)?;
    if decoder.dimensions() != (info.width, info.height) {
        return Err(ImageError::Corrupt);
    }
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(classify)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(DecodedImage { kind: info.kind, rgb: img.into_rgb8() })
}

pub fn check_dimensions(width: u32, height: u32) -> Result<(), ImageError> {
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(ImageError::TooSmall { width, height });
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooLarge { width, height });
    }
    if width as u64 * height as u64 > MAX_PIXELS {
        return Err(ImageError::TooManyPixels { width, height });
    }
    Ok(())
}

/// A photo whose brightest pixels (the 99th percentile of luminance) stay below this was taken in low light: its
/// paper is grey, and text detection, tuned on lit documents, finds few lines in it.
const DIM_BELOW: u8 = 150;
/// The level the brightest pixels of a dim photo are raised to, and the most it is brightened.
const DIM_TARGET: f32 = 235.0;
const MAX_BRIGHTENING: f32 = 3.0;

/// A photo taken in low light, brightened so its paper is light again (a gain on every channel, the 99th percentile
/// of luminance raised to [`DIM_TARGET`], at most [`MAX_BRIGHTENING`] times); `None` for a photo lit well enough,
/// which is read as it is.
pub fn brighten_dim(img: &RgbImage) -> Option<RgbImage> {
    let mut hist = [0u64; 256];
    let step = ((img.width() as u64 * img.height() as u64 / 40_000).max(1)) as usize;
    for p in img.pixels().step_by(step) {
        let [r, g, b] = p.0;
        hist[((u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000) as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let mut seen = 0;
    let p99 = (0..256).find(|&v| {
        seen += hist[v];
        seen * 100 >= total * 99
    })? as u8;
    if p99 >= DIM_BELOW || p99 == 0 {
        return None;
    }
    let gain = (DIM_TARGET / f32::from(p99)).min(MAX_BRIGHTENING);
    let mut out = img.clone();
    for p in out.pixels_mut() {
        for c in &mut p.0 {
            *c = (f32::from(*c) * gain).min(255.0) as u8;
        }
    }
    Some(out)
}

/// The width the sharpness is measured at (see [`sharpness`]).
const SHARPNESS_WIDTH: u32 = 320;

/// Sharpness: variance of the 4-neighbour Laplacian of the grey image, resized to [`SHARPNESS_WIDTH`] px wide so
/// the figure does not depend on resolution. Sharp document photos score in the hundreds; blurred ones in the tens.
pub fn sharpness(img: &RgbImage) -> f32 {
    let grey = image::imageops::grayscale(img);
    // At 320 px wide, sensor and JPEG noise average out while a document's character edges stay sharp unless
    // the photo is blurred (measured: noise alone lifted blurred 640 px photos to the scores of sharp ones).
    let h = (grey.height() as u64 * SHARPNESS_WIDTH as u64 / grey.width().max(1) as u64).max(1) as u32;
    let grey = image::imageops::resize(&grey, SHARPNESS_WIDTH, h, image::imageops::FilterType::Triangle);
    let (w, h) = grey.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = |x: u32, y: u32| grey.get_pixel(x, y)[0] as f32;
    let (mut sum, mut sum2, mut n) = (0f64, 0f64, 0f64);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let l = 4.0 * px(x, y) - px(x - 1, y) - px(x + 1, y) - px(x, y - 1) - px(x, y + 1);
            sum += l as f64;
            sum2 += (l * l) as f64;
            n += 1.0;
        }
    }
    let mean = sum / n;
    (sum2 / n - mean * mean) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dim_photo_is_brightened_and_a_lit_one_left_as_it_is() {
        let dim = RgbImage::from_fn(200, 100, |x, _| image::Rgb(if x < 20 { [20, 20, 20] } else { [90, 88, 85] }));
        let bright = brighten_dim(&dim).expect("dim");
        assert!(bright.get_pixel(100, 50)[0] > 200, "{:?}", bright.get_pixel(100, 50));
        let lit = RgbImage::from_fn(200, 100, |x, _| image::Rgb(if x < 20 { [20, 20, 20] } else { [230, 228, 225] }));
        assert!(brighten_dim(&lit).is_none());
    }

    fn encode(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_format_comes_from_the_bytes_not_the_name() {
        let png = encode(&RgbImage::new(300, 240), ImageFormat::Png);
        let decoded = decode(&png).unwrap();
        assert_eq!(decoded.kind, ImageKind::Png);
        assert_eq!(decoded.rgb.dimensions(), (300, 240));
    }

    #[test]
    fn gif_text_and_empty_uploads_are_refused_with_distinct_errors() {
        assert_eq!(sniff(b"GIF89a....").unwrap_err(), ImageError::Unsupported("GIF"));
        assert_eq!(sniff(b"hello, I am text").unwrap_err(), ImageError::NotAnImage);
        assert_eq!(sniff(b"").unwrap_err(), ImageError::NotAnImage);
    }

    #[test]
    fn a_tiny_image_is_refused_before_decoding() {
        let jpg = encode(&RgbImage::new(20, 20), ImageFormat::Jpeg);
        assert_eq!(decode(&jpg).unwrap_err(), ImageError::TooSmall { width: 20, height: 20 });
    }

    #[test]
    fn a_truncated_jpeg_is_corrupt() {
        let jpg = encode(&RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 7])), ImageFormat::Jpeg);
        assert!(decode(&jpg).is_ok());
        assert_eq!(decode(&jpg[..jpg.len() * 55 / 100]).unwrap_err(), ImageError::Corrupt);
        let mut closed = jpg[..jpg.len() * 55 / 100].to_vec();
        closed.extend_from_slice(&[0xFF, 0xD9]);
        assert_eq!(decode(&closed).unwrap_err(), ImageError::Corrupt, "cut, then closed with an end marker");
    }

    #[test]
    fn pixels_and_decoding_memory_are_bounded_from_the_headers() {
        assert_eq!(check_dimensions(4608, 3456), Ok(()));
        assert_eq!(check_dimensions(6000, 4000), Err(ImageError::TooManyPixels { width: 6000, height: 4000 }));
        assert_eq!(check_dimensions(8000, 8000), Err(ImageError::TooManyPixels { width: 8000, height: 8000 }));
        // A 16 Mpx baseline photo fits; the same pixels progressive (4:2:0: half as many coefficients again as
        // pixels, two bytes each), or as a 16-bit RGBA PNG, do not; a 12 Mpx 16-bit PNG does not either.
        assert!(decode_bytes(4608, 3456, 3, 0) <= MAX_DECODE_BYTES);
        assert!(decode_bytes(4608, 3456, 3, 4608 * 3456 * 3) > MAX_DECODE_BYTES);
        assert!(decode_bytes(4608, 3456, 8, 0) > MAX_DECODE_BYTES);
        assert!(decode_bytes(3000, 3000, 8, 0) <= MAX_DECODE_BYTES);
        assert!(decode_bytes(4000, 3000, 8, 0) > MAX_DECODE_BYTES);
        let png = |w: u32, h: u32, bpp: u32| {
            let mut p = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
            p.extend_from_slice(b"IHDR");
            p.extend_from_slice(&w.to_be_bytes());
            p.extend_from_slice(&h.to_be_bytes());
            p.extend_from_slice(&[if bpp == 8 { 16 } else { 8 }, if bpp == 3 { 2 } else { 6 }, 0, 0, 0, 0, 0, 0, 0]);
            p.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0, 0, 0, 0]);
            p
        };
        // A PNG's raw rows count once more: a 2300x2300 16-bit RGBA PNG fits, a 3000x3000 one does not.
        assert!(inspect(&png(2300, 2300, 8)).is_ok());
        assert!(matches!(inspect(&png(3000, 3000, 8)), Err(ImageError::OverDecodeBudget { needed_mb: 164, .. })));
    }

    #[test]
    fn a_polyglot_decodes_and_is_measured_as_its_image_alone() {
        let jpg = encode(&RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 7])), ImageFormat::Jpeg);
        let mut polyglot = jpg.clone();
        polyglot.extend_from_slice(&[0x50, 0x4B, 0x03, 0x04, 0xFF, 0xD9, 0, 0]);
        assert_eq!(inspect(&polyglot).unwrap().len, jpg.len());
        assert_eq!(decode(&polyglot).unwrap().rgb.dimensions(), (400, 300));
    }

    #[test]
    fn a_truncated_png_is_corrupt() {
        let png = encode(&RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 7])), ImageFormat::Png);
        assert!(matches!(decode(&png[..png.len() / 2]).unwrap_err(), ImageError::Corrupt));
    }
}
