//! The structure of a PNG upload, read from its chunks without inflating any of them (PNG specification, 3rd
//! edition, section 5): the header, where the image ends, and the image with only the chunks a reader of pixels
//! needs. Compressed ancillary chunks (an ICC profile in `iCCP`, text in `zTXt`/`iTXt`) can inflate a thousand-fold
//! from a 2 MB upload; they carry nothing the service reads, so the decoder never sees them.

use std::borrow::Cow;

use super::ImageError;

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Chunks kept for decoding: the critical ones, transparency (it changes how a palette image reads) and `eXIf`
/// (uncompressed; it holds the orientation a phone wrote).
const KEPT: &[&[u8; 4]] = &[b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"eXIf"];

/// What the chunks say about a PNG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PngHeader {
    pub width: u32,
    pub height: u32,
    /// Bytes per pixel of the decoded frame before conversion to RGB (1 to 8: grey, grey+alpha, RGB, RGBA at 8
    /// or 16 bits; a palette decodes to RGB or RGBA).
    pub decoded_bytes_per_pixel: u32,
    /// Offset just past the IEND chunk: the image's own bytes are `bytes[..end]`.
    pub end: usize,
}

/// Walk the chunks of `bytes` (which start with the PNG signature) up to IEND.
pub fn parse(bytes: &[u8]) -> Result<PngHeader, ImageError> {
    let mut header = None;
    for chunk in chunks(bytes) {
        let chunk = chunk?;
        match &chunk.kind {
            b"IHDR" => header = Some(parse_ihdr(chunk.data)?),
            b"IEND" => {
                let (width, height, decoded_bytes_per_pixel) = header.ok_or(ImageError::Corrupt)?;
                return Ok(PngHeader { width, height, decoded_bytes_per_pixel, end: chunk.end });
            }
            _ if header.is_none() => return Err(ImageError::Corrupt),
            _ => {}
        }
    }
    Err(ImageError::Corrupt)
}

/// The PNG with only the [`KEPT`] chunks, each copied whole (its CRC with it); borrowed when nothing is dropped.
pub fn for_decoding(bytes: &[u8]) -> Result<Cow<'_, [u8]>, ImageError> {
    let mut out: Option<Vec<u8>> = None;
    for chunk in chunks(bytes) {
        let chunk = chunk?;
        let keep = KEPT.contains(&&chunk.kind);
        match (&mut out, keep) {
            (Some(v), true) => v.extend_from_slice(&bytes[chunk.start..chunk.end]),
            (None, false) => out = Some(bytes[..chunk.start].to_vec()),
            _ => {}
        }
        if &chunk.kind == b"IEND" {
            return Ok(match out {
                Some(v) => Cow::Owned(v),
                None => Cow::Borrowed(&bytes[..chunk.end]),
            });
        }
    }
    Err(ImageError::Corrupt)
}

struct Chunk<'a> {
    kind: [u8; 4],
    data: &'a [u8],
    start: usize,
    end: usize,
}

fn chunks(bytes: &[u8]) -> impl Iterator<Item = Result<Chunk<'_>, ImageError>> {
    let mut next = Some(SIGNATURE.len());
    let mut no_signature = !bytes.starts_with(SIGNATURE);
    std::iter::from_fn(move || {
        if std::mem::take(&mut no_signature) {
            next = None;
            return Some(Err(ImageError::Corrupt));
        }
        let start = next.take()?;
        // None: a chunk longer than the file, cut short or lying about its length; the walk ends there.
        let chunk = read_chunk(bytes, start).ok_or(ImageError::Corrupt);
        if let Ok(c) = &chunk
            && &c.kind != b"IEND"
        {
            next = Some(c.end);
        }
        Some(chunk)
    })
}

/// The chunk at `start`: length, type, data, CRC (the CRC is left to the decoder).
fn read_chunk(bytes: &[u8], start: usize) -> Option<Chunk<'_>> {
    let len = u32::from_be_bytes(bytes.get(start..start + 4)?.try_into().ok()?) as usize;
    let kind: [u8; 4] = bytes.get(start + 4..start + 8)?.try_into().ok()?;
    let end = start.checked_add(12)?.checked_add(len)?;
    let data = bytes.get(start + 8..end - 4)?;
    bytes.get(end - 4..end)?;
    Some(Chunk { kind, data, start, end })
}

/// Width, height and decoded bytes per pixel from IHDR; the bit depth and colour type must be a valid pair.
fn parse_ihdr(d: &[u8]) -> Result<(u32, u32, u32), ImageError> {
    let [w0, w1, w2, w3, h0, h1, h2, h3, depth, colour, ..] = *d else {
        return Err(ImageError::Corrupt);
    };
    let channels = match (colour, depth) {
        (0, 1 | 2 | 4 | 8 | 16) => 1,
        (2, 8 | 16) => 3,
        // A palette expands to RGB, or RGBA when tRNS is present: count the larger.
        (3, 1 | 2 | 4 | 8) => {
            return Ok((u32::from_be_bytes([w0, w1, w2, w3]), u32::from_be_bytes([h0, h1, h2, h3]), 4));
        }
        (4, 8 | 16) => 2,
        (6, 8 | 16) => 4,
        _ => return Err(ImageError::Corrupt),
    };
    let bytes_per_sample = if depth == 16 { 2 } else { 1 };
    Ok((u32::from_be_bytes([w0, w1, w2, w3]), u32::from_be_bytes([h0, h1, h2, h3]), channels * bytes_per_sample))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};
    use std::io::Cursor;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A chunk as the specification writes it: length, type, data, CRC-32 of type and data.
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        out
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= b as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// `p` with `extra` inserted right after IHDR (8 bytes of signature, 25 of IHDR).
    fn with_chunk_after_ihdr(p: &[u8], extra: &[u8]) -> Vec<u8> {
        [&p[..33], extra, &p[33..]].concat()
    }

    #[test]
    fn the_header_and_the_end_come_from_the_chunks() {
        let p = png(300, 240);
        assert_eq!(parse(&p).unwrap(), PngHeader { width: 300, height: 240, decoded_bytes_per_pixel: 3, end: p.len() });
        let mut trailer = p.clone();
        trailer.extend_from_slice(b"PK\x03\x04");
        assert_eq!(parse(&trailer).unwrap().end, p.len());
        assert!(matches!(for_decoding(&p).unwrap(), Cow::Borrowed(b) if b.len() == p.len()));
    }

    #[test]
    fn compressed_ancillary_chunks_never_reach_the_decoder() {
        let p = png(300, 240);
        let bomb = with_chunk_after_ihdr(&p, &chunk(b"iCCP", b"icc\0\0\x78\x9c not inflated here"));
        let bomb = with_chunk_after_ihdr(&bomb, &chunk(b"zTXt", b"k\0\0\x78\x9c"));
        let stripped = for_decoding(&bomb).unwrap();
        assert_eq!(&*stripped, &p[..]);
        assert_eq!(parse(&bomb).unwrap().width, 300);
    }

    #[test]
    fn a_chunk_longer_than_the_file_or_no_iend_is_corrupt() {
        let p = png(300, 240);
        for cut in [8, 20, p.len() / 2, p.len() - 1] {
            assert_eq!(parse(&p[..cut]).unwrap_err(), ImageError::Corrupt, "cut at {cut}");
            assert_eq!(for_decoding(&p[..cut]).unwrap_err(), ImageError::Corrupt, "cut at {cut}");
        }
        let mut lying = p.clone();
        lying[33..37].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(parse(&lying).unwrap_err(), ImageError::Corrupt);
    }

    #[test]
    fn bit_depth_and_colour_type_give_the_decoded_size() {
        let ihdr = |depth: u8, colour: u8| [0, 0, 1, 0, 0, 0, 1, 0, depth, colour, 0, 0, 0];
        assert_eq!(parse_ihdr(&ihdr(16, 6)).unwrap(), (256, 256, 8));
        assert_eq!(parse_ihdr(&ihdr(8, 0)).unwrap(), (256, 256, 1));
        assert_eq!(parse_ihdr(&ihdr(4, 3)).unwrap(), (256, 256, 4));
        assert_eq!(parse_ihdr(&ihdr(16, 3)).unwrap_err(), ImageError::Corrupt);
    }
}
