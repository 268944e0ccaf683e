//! Image intake: the format is decided by the bytes (not the file name or the client's content type), dimensions
//! are checked before any pixel is decoded, decoding memory is capped, and EXIF orientation is applied so a phone
//! photo arrives upright-as-taken.

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

/// Smallest side we can read a document from; the synthetic 20x20 upload must be refused, 640x480 is the norm.
pub const MIN_SIDE: u32 = 200;
/// Largest side we decode: a 2 MB JPEG can claim 65535x65535; anything above this is not a phone photo of an ID.
pub const MAX_SIDE: u32 = 8000;
/// Cap on decoder allocations (an 8000x8000 RGBA frame is 256 MB; real uploads need far less).
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

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

/// What [`inspect`] learnt of an upload from its headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

fn decoder_for(bytes: &[u8]) -> Result<(ImageKind, impl ImageDecoder + '_), ImageError> {
    let kind = sniff(bytes)?;
    if kind == ImageKind::Jpeg && !jpeg_has_end_marker(bytes) {
        // zune-jpeg fills a truncated scan with grey rather than failing; a cut-off upload must be refused instead.
        return Err(ImageError::Corrupt);
    }
    let format = match kind {
        ImageKind::Jpeg => ImageFormat::Jpeg,
        ImageKind::Png => ImageFormat::Png,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| classify(&e))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height)?;
    Ok((kind, decoder))
}

/// Check an upload from its headers only (format by content, not cut off, dimensions within limits): cheap, so a
/// request is refused before it waits for a decoding slot.
pub fn inspect(bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let (kind, decoder) = decoder_for(bytes)?;
    let (width, height) = decoder.dimensions();
    Ok(ImageInfo { kind, width, height })
}

/// Decode an upload: sniff, check the header's dimensions, decode within memory limits, apply EXIF orientation.
pub fn decode(bytes: &[u8]) -> Result<DecodedImage, ImageError> {
    let (kind, mut decoder) = decoder_for(bytes)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| classify(&e))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(DecodedImage { kind, rgb: img.into_rgb8() })
}

pub fn check_dimensions(width: u32, height: u32) -> Result<(), ImageError> {
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(ImageError::TooSmall { width, height });
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(ImageError::TooLarge { width, height });
    }
    Ok(())
}

fn classify(e: &image::ImageError) -> ImageError {
    match e {
        image::ImageError::Limits(_) => ImageError::TooLarge { width: 0, height: 0 },
        image::ImageError::Unsupported(_) => ImageError::Unsupported("this variant"),
        _ => ImageError::Corrupt,
    }
}

/// A complete JPEG ends with the EOI marker (FF D9), possibly followed by a little padding or trailer data.
fn jpeg_has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
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
    }

    #[test]
    fn a_truncated_png_is_corrupt() {
        let png = encode(&RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 7])), ImageFormat::Png);
        assert!(matches!(decode(&png[..png.len() / 2]).unwrap_err(), ImageError::Corrupt));
    }
}
