//! The structure of a JPEG upload, read from its markers without decoding a pixel (ITU-T T.81, Annex B): the
//! frame's size, components and sampling, whether it is progressive, and where the image ends. The decoder never
//! sees what follows the end (a ZIP appended to make a polyglot, a phone's trailer), and a file cut short anywhere
//! in its segments or scans is refused here, because the decoder fills a truncated scan with grey instead.

use super::ImageError;

/// Most scans a JPEG may have: a baseline image has one per component at most, libjpeg's progressive scripts ten,
/// and each scan keeps a copy of its tables (2 KB at most) for the walk.
const MAX_SCANS: usize = 64;

/// What the markers say about a JPEG.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JpegHeader {
    pub width: u32,
    pub height: u32,
    /// Horizontal and vertical sampling factor of each component (1..=4 each, T.81 B.2.2).
    pub sampling: Vec<(u8, u8)>,
    /// SOF2: every coefficient of the image is held in memory until the last scan.
    pub progressive: bool,
    /// Offset just past the EOI marker: the image's own bytes are `bytes[..end]`.
    pub end: usize,
    /// Every scan with the Huffman tables and restart interval in force when it began, for the walk that proves
    /// each scan holds all its blocks ([`super::jpeg_scans::check`]).
    pub scans: Vec<Scan>,
}

/// One scan (T.81 B.2.3): which frame components it codes with which tables, its spectral band and
/// successive-approximation bits, and where its entropy-coded data lies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scan {
    /// (index of the component in the frame, DC table, AC table) in the scan's order.
    pub components: Vec<(usize, u8, u8)>,
    pub spectral: (u8, u8),
    pub approximation_high: u8,
    /// MCUs between restart markers (0: none).
    pub restart_interval: u16,
    /// Huffman tables in force: DC 0-3, then AC 0-3, as their DHT definitions (16 counts, then the values).
    pub tables: [Option<Vec<u8>>; 8],
    pub data: std::ops::Range<usize>,
}

impl JpegHeader {
    /// Bytes a progressive decoder keeps for the coefficients: one i16 per sample of every component, each
    /// component padded to whole 8x8 blocks of its own (subsampled) size.
    pub fn coefficient_bytes(&self) -> u64 {
        if !self.progressive {
            return 0;
        }
        let h_max = self.sampling.iter().map(|s| s.0).max().unwrap_or(1).max(1) as u64;
        let v_max = self.sampling.iter().map(|s| s.1).max().unwrap_or(1).max(1) as u64;
        self.sampling
            .iter()
            .map(|&(h, v)| {
                let w = (self.width as u64 * h as u64).div_ceil(h_max).div_ceil(8) * 8;
                let ht = (self.height as u64 * v as u64).div_ceil(v_max).div_ceil(8) * 8;
                w * ht * 2
            })
            .sum()
    }
}

/// Read the markers of `bytes` (which start with SOI) up to and including EOI.
pub fn parse(bytes: &[u8]) -> Result<JpegHeader, ImageError> {
    let mut pos = 2;
    let mut frame: Option<JpegHeader> = None;
    let mut component_ids: Vec<u8> = Vec::new();
    let mut tables: [Option<Vec<u8>>; 8] = Default::default();
    let mut restart_interval = 0u16;
    let mut scans = Vec::new();
    loop {
        if bytes.get(pos) != Some(&0xFF) {
            return Err(ImageError::Corrupt);
        }
        // Any number of 0xFF fill bytes may precede a marker (B.1.1.2).
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos).ok_or(ImageError::Corrupt)?;
        pos += 1;
        match marker {
            0xD9 => {
                let frame = frame.ok_or(ImageError::Corrupt)?;
                if scans.is_empty() {
                    return Err(ImageError::Corrupt);
                }
                return Ok(JpegHeader { end: pos, scans, ..frame });
            }
            0x01 | 0xD0..=0xD7 => continue,
            0x00 | 0xD8 => return Err(ImageError::Corrupt),
            _ => {}
        }
        let len = u16::from_be_bytes([
            *bytes.get(pos).ok_or(ImageError::Corrupt)?,
            *bytes.get(pos + 1).ok_or(ImageError::Corrupt)?,
        ]) as usize;
        let segment = bytes.get(pos + 2..pos + len).filter(|_| len >= 2).ok_or(ImageError::Corrupt)?;
        pos += len;
        match marker {
            0xC0..=0xC2 => {
                if frame.is_some() {
                    return Err(ImageError::Corrupt);
                }
                let f = parse_frame(segment, marker == 0xC2)?;
                component_ids = segment[6..].chunks_exact(3).take(f.sampling.len()).map(|c| c[0]).collect();
                frame = Some(f);
            }
            0xC4 => define_tables(segment, &mut tables)?,
            0xDD => {
                let [r1, r0] = segment else { return Err(ImageError::Corrupt) };
                restart_interval = u16::from_be_bytes([*r1, *r0]);
            }
            0xC3 | 0xC7 | 0xCB | 0xCF => return Err(ImageError::Unsupported("lossless JPEG")),
            0xC5 | 0xC6 => return Err(ImageError::Unsupported("hierarchical JPEG")),
            0xC9 | 0xCA | 0xCD | 0xCE => return Err(ImageError::Unsupported("arithmetic-coded JPEG")),
            0xDA => {
                if frame.is_none() {
                    return Err(ImageError::Corrupt);
                }
                if scans.len() == MAX_SCANS {
                    return Err(ImageError::Unsupported("JPEG with more scans than any encoder writes"));
                }
                let start = pos;
                pos = end_of_entropy_data(bytes, pos)?;
                scans.push(parse_scan(segment, &component_ids, &tables, restart_interval, start..pos)?);
            }
            _ => {}
        }
    }
}

/// Width, height and sampling factors from a SOF segment (B.2.2); the end is set when EOI is found.
fn parse_frame(s: &[u8], progressive: bool) -> Result<JpegHeader, ImageError> {
    let [_precision, h1, h0, w1, w0, n, rest @ ..] = s else {
        return Err(ImageError::Corrupt);
    };
    let (width, height) = (u16::from_be_bytes([*w1, *w0]) as u32, u16::from_be_bytes([*h1, *h0]) as u32);
    let n = *n as usize;
    if n == 0 || rest.len() < 3 * n || width == 0 {
        return Err(ImageError::Corrupt);
    }
    if height == 0 {
        // The height comes later in a DNL marker; no phone writes that, and the decoder cannot size its buffers.
        return Err(ImageError::Unsupported("JPEG with its height in a DNL marker"));
    }
    let sampling: Vec<(u8, u8)> = rest.chunks_exact(3).take(n).map(|c| (c[1] >> 4, c[1] & 0x0F)).collect();
    if sampling.iter().any(|&(h, v)| !(1..=4).contains(&h) || !(1..=4).contains(&v)) {
        return Err(ImageError::Corrupt);
    }
    Ok(JpegHeader { width, height, sampling, progressive, end: 0, scans: Vec::new() })
}

/// Record the tables a DHT segment defines (B.2.4.2): each is its class and id, 16 counts of codes per length,
/// then the values.
fn define_tables(mut s: &[u8], tables: &mut [Option<Vec<u8>>; 8]) -> Result<(), ImageError> {
    while let [tc_th, rest @ ..] = s {
        let (class, id) = (tc_th >> 4, tc_th & 0x0F);
        if class > 1 || id > 3 || rest.len() < 16 {
            return Err(ImageError::Corrupt);
        }
        let n = 16 + rest[..16].iter().map(|&c| c as usize).sum::<usize>();
        let table = rest.get(..n).ok_or(ImageError::Corrupt)?;
        tables[class as usize * 4 + id as usize] = Some(table.to_vec());
        s = &rest[n..];
    }
    Ok(())
}

/// A SOS segment (B.2.3) with the tables and restart interval then in force.
fn parse_scan(
    s: &[u8],
    component_ids: &[u8],
    tables: &[Option<Vec<u8>>; 8],
    restart_interval: u16,
    data: std::ops::Range<usize>,
) -> Result<Scan, ImageError> {
    let [n, rest @ ..] = s else { return Err(ImageError::Corrupt) };
    let n = *n as usize;
    let (selectors, [ss, se, a]) = (rest.get(..2 * n).ok_or(ImageError::Corrupt)?, rest.get(2 * n..).unwrap_or(&[]))
    else {
        return Err(ImageError::Corrupt);
    };
    let components = selectors
        .chunks_exact(2)
        .map(|c| {
            let index = component_ids.iter().position(|&id| id == c[0]).ok_or(ImageError::Corrupt)?;
            Ok((index, c[1] >> 4, c[1] & 0x0F))
        })
        .collect::<Result<Vec<_>, ImageError>>()?;
    if n == 0 || components.iter().any(|&(_, dc, ac)| dc > 3 || ac > 3) {
        return Err(ImageError::Corrupt);
    }
    Ok(Scan {
        components,
        spectral: (*ss, *se),
        approximation_high: a >> 4,
        restart_interval,
        tables: tables.clone(),
        data,
    })
}

/// The offset of the marker that ends a scan's entropy-coded data: the first 0xFF not followed by a stuffed 0x00,
/// a fill byte or a restart marker. Running off the end means the file was cut.
fn end_of_entropy_data(bytes: &[u8], mut pos: usize) -> Result<usize, ImageError> {
    loop {
        let i = pos
            + bytes
                .get(pos..)
                .ok_or(ImageError::Corrupt)?
                .iter()
                .position(|&b| b == 0xFF)
                .ok_or(ImageError::Corrupt)?;
        match bytes.get(i + 1) {
            None => return Err(ImageError::Corrupt),
            Some(0x00) | Some(0xD0..=0xD7) => pos = i + 2,
            Some(0xFF) => pos = i + 1,
            Some(_) => return Ok(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};
    use std::io::Cursor;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, (x ^ y) as u8]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    #[test]
    fn the_frame_and_the_end_come_from_the_markers() {
        let j = jpeg(400, 300);
        let h = parse(&j).unwrap();
        assert_eq!((h.width, h.height, h.progressive, h.end), (400, 300, false, j.len()));
        assert_eq!(h.sampling.len(), 3);
        assert_eq!(h.coefficient_bytes(), 0);
    }

    #[test]
    fn what_follows_the_end_is_not_the_image() {
        let j = jpeg(400, 300);
        let mut polyglot = j.clone();
        polyglot.extend_from_slice(b"PK\x03\x04 a zip archive follows");
        assert_eq!(parse(&polyglot).unwrap().end, j.len());
    }

    #[test]
    fn a_file_cut_anywhere_is_corrupt() {
        let j = jpeg(400, 300);
        for cut in [3, 20, j.len() / 3, j.len() / 2, j.len() - 1] {
            assert_eq!(parse(&j[..cut]).unwrap_err(), ImageError::Corrupt, "cut at {cut}");
        }
    }

    #[test]
    fn arithmetic_lossless_and_hierarchical_frames_are_unsupported_not_corrupt() {
        let j = jpeg(400, 300);
        let sof = j.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        for (marker, what) in [(0xC9, "arithmetic-coded JPEG"), (0xC3, "lossless JPEG"), (0xC5, "hierarchical JPEG")] {
            let mut k = j.clone();
            k[sof + 1] = marker;
            assert_eq!(parse(&k).unwrap_err(), ImageError::Unsupported(what));
        }
    }

    #[test]
    fn progressive_coefficients_are_counted_per_component_at_its_own_sampling() {
        let h = JpegHeader {
            width: 1000,
            height: 1000,
            sampling: vec![(2, 2), (1, 1), (1, 1)],
            progressive: true,
            end: 0,
            scans: Vec::new(),
        };
        // Y at 1000x1000 padded to 1000x1000 (125 blocks), Cb and Cr at 500x500 padded to 504x504.
        assert_eq!(h.coefficient_bytes(), (1000 * 1000 + 2 * 504 * 504) * 2);
    }
}
