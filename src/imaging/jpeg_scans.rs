//! The walk that proves every scan of a JPEG holds all its blocks (ITU-T T.81 Annex F.2.2 and G.1.2): each
//! block's Huffman codes are decoded and their value bits skipped, no coefficient is computed. The marker walk
//! ([`super::jpeg`]) sees a file cut short only when its end is missing; a file cut and closed again with an EOI
//! marker looks whole to it, and the decoder paints the missing blocks from zero bits without a word. Here the
//! entropy-coded data of such a scan runs out before its last block.

use super::ImageError;
use super::jpeg::{JpegHeader, Scan};

/// Codes up to this many bits are decoded by one table lookup (most codes of real images are this short).
const LOOKUP_BITS: u32 = 9;

/// A Huffman table as T.81 F.2.2.3 decodes it: per code length, the largest code and where its values start, and
/// a lookup of (length, value) for the codes of up to [`LOOKUP_BITS`] bits.
struct Huffman {
    max_code: [i32; 17],
    offset: [i32; 17],
    values: Vec<u8>,
    lookup: Vec<(u8, u8)>,
}

impl Huffman {
    /// From a DHT definition (16 counts, then the values); codes are assigned in order of length (C.2).
    fn new(def: &[u8]) -> Result<Self, ImageError> {
        let (counts, values) = def.split_at(16);
        let (mut code, mut k) = (0i32, 0i32);
        let (mut max_code, mut offset) = ([-1i32; 17], [0i32; 17]);
        let mut lookup = vec![(0u8, 0u8); 1 << LOOKUP_BITS];
        for len in 1..=16 {
            let n = counts[len - 1] as i32;
            if code + n > 1 << len {
                // More codes of this length than there are bit patterns left: no encoder writes this table.
                return Err(ImageError::Corrupt);
            }
            offset[len] = k - code;
            if len as u32 <= LOOKUP_BITS {
                for c in code..code + n {
                    let value = *values.get((c + offset[len]) as usize).ok_or(ImageError::Corrupt)?;
                    let shift = LOOKUP_BITS - len as u32;
                    for fill in 0..1 << shift {
                        lookup[((c as usize) << shift) | fill] = (len as u8, value);
                    }
                }
            }
            code += n;
            k += n;
            max_code[len] = if n > 0 { code - 1 } else { -1 };
            code <<= 1;
        }
        Ok(Huffman { max_code, offset, values: values.to_vec(), lookup })
    }

    fn decode(&self, bits: &mut Bits<'_>) -> Result<u8, ImageError> {
        let (len, value) = self.lookup[bits.peek(LOOKUP_BITS) as usize];
        if len > 0 {
            bits.consume(len as u32)?;
            return Ok(value);
        }
        let word = bits.peek(16) as i32;
        for len in LOOKUP_BITS as usize + 1..=16 {
            let code = word >> (16 - len);
            if code <= self.max_code[len] {
                bits.consume(len as u32)?;
                return self.values.get((code + self.offset[len]) as usize).copied().ok_or(ImageError::Corrupt);
            }
        }
        Err(ImageError::Corrupt)
    }
}

/// The bits of one scan's entropy-coded data, stuffed zero bytes removed, read through a 64-bit window; the window
/// never reaches past a marker, and consuming a bit past the data means the scan was cut.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    window: u64,
    count: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8]) -> Self {
        Bits { data, pos: 0, window: 0, count: 0 }
    }

    fn refill(&mut self) {
        while self.count <= 56 {
            let Some(&b) = self.data.get(self.pos) else { return };
            if b == 0xFF {
                // Inside a scan 0xFF is data only when a stuffed 0x00 follows; anything else is a marker.
                if self.data.get(self.pos + 1) != Some(&0x00) {
                    return;
                }
                self.pos += 1;
            }
            self.pos += 1;
            self.window |= (b as u64) << (56 - self.count);
            self.count += 8;
        }
    }

    /// The next `n` bits (at most 16), zeros past the end.
    fn peek(&mut self, n: u32) -> u32 {
        if self.count < n {
            self.refill();
        }
        (self.window >> (64 - n)) as u32
    }

    fn consume(&mut self, n: u32) -> Result<(), ImageError> {
        if self.count < n {
            self.refill();
            if self.count < n {
                return Err(ImageError::Corrupt);
            }
        }
        self.window <<= n;
        self.count -= n;
        Ok(())
    }

    fn skip(&mut self, n: u8) -> Result<u32, ImageError> {
        if n == 0 {
            return Ok(0);
        }
        let v = self.peek(n as u32);
        self.consume(n as u32)?;
        Ok(v)
    }

    /// At a restart interval's end: the rest of the byte is padding, then a restart marker (fill bytes allowed).
    fn restart(&mut self) -> Result<(), ImageError> {
        // The window never reads past the marker, so what is left in it is the padding.
        (self.window, self.count) = (0, 0);
        while self.data.get(self.pos) == Some(&0xFF) && self.data.get(self.pos + 1) == Some(&0xFF) {
            self.pos += 1;
        }
        match self.data.get(self.pos..self.pos + 2) {
            Some([0xFF, 0xD0..=0xD7]) => {
                self.pos += 2;
                Ok(())
            }
            _ => Err(ImageError::Corrupt),
        }
    }
}

/// Check that every scan of `bytes` (as `header` describes it) codes every block it must.
pub fn check(bytes: &[u8], header: &JpegHeader) -> Result<(), ImageError> {
    let h_max = header.sampling.iter().map(|s| s.0).max().unwrap_or(1) as usize;
    let v_max = header.sampling.iter().map(|s| s.1).max().unwrap_or(1) as usize;
    let (width, height) = (header.width as usize, header.height as usize);
    // Blocks per row and rows of blocks of each component at its own sampling (A.2.4).
    let grid: Vec<(usize, usize)> = header
        .sampling
        .iter()
        .map(|&(h, v)| {
            ((width * h as usize).div_ceil(h_max).div_ceil(8), (height * v as usize).div_ceil(v_max).div_ceil(8))
        })
        .collect();
    // Which AC coefficients of each block are non-zero so far: a refinement scan reads a correction bit for each.
    let mut nonzero: Vec<Vec<u64>> = if header.progressive {
        grid.iter().map(|&(w, h)| vec![0u64; w * h]).collect()
    } else {
        vec![Vec::new(); grid.len()]
    };
    for scan in &header.scans {
        check_scan(&bytes[scan.data.clone()], scan, header, &grid, (h_max, v_max), &mut nonzero)?;
    }
    Ok(())
}

fn check_scan(
    data: &[u8],
    scan: &Scan,
    header: &JpegHeader,
    grid: &[(usize, usize)],
    (h_max, v_max): (usize, usize),
    nonzero: &mut [Vec<u64>],
) -> Result<(), ImageError> {
    let table = |i: usize| scan.tables[i].as_deref().map(Huffman::new).transpose();
    let mut tables = Vec::with_capacity(scan.components.len());
    for &(_, dc, ac) in &scan.components {
        tables.push((table(dc as usize)?, table(4 + ac as usize)?));
    }
    let (ss, se) = (scan.spectral.0 as usize, scan.spectral.1 as usize);
    let refining = scan.approximation_high > 0;
    if ss > se || se > 63 || (ss == 0 && se != 0 && header.progressive) {
        return Err(ImageError::Corrupt);
    }
    let mut bits = Bits::new(data);
    let mut eob_run = 0u32;
    // An interleaved scan codes MCUs of every component's blocks (A.2.3); a scan of one component codes its blocks.
    let interleaved = scan.components.len() > 1;
    let (mcus_x, mcus_y) = if interleaved {
        ((header.width as usize).div_ceil(8 * h_max), (header.height as usize).div_ceil(8 * v_max))
    } else {
        grid[scan.components[0].0]
    };
    let mcus = mcus_x * mcus_y;
    let interval = scan.restart_interval as usize;
    for mcu in 0..mcus {
        if interval > 0 && mcu > 0 && mcu % interval == 0 {
            bits.restart()?;
            eob_run = 0;
        }
        let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
        for (c, &(component, _, _)) in scan.components.iter().enumerate() {
            let (h, v) = if interleaved {
                let s = header.sampling[component];
                (s.0 as usize, s.1 as usize)
            } else {
                (1, 1)
            };
            for by in 0..v {
                for bx in 0..h {
                    let (gx, gy) = (mx * h + bx, my * v + by);
                    let (gw, gh) = grid[component];
                    // Blocks of an interleaved MCU past the component's own edge are coded too (padding).
                    let block = (gx < gw && gy < gh).then(|| gy * gw + gx);
                    let (dc, ac) = &tables[c];
                    let mask = block.and_then(|b| nonzero[component].get_mut(b));
                    block_codes(&mut bits, dc.as_ref(), ac.as_ref(), (ss, se), refining, &mut eob_run, mask)?;
                }
            }
        }
    }
    Ok(())
}

/// Decode the codes of one block of a scan. `mask` holds which AC coefficients are non-zero (progressive only).
fn block_codes(
    bits: &mut Bits<'_>,
    dc: Option<&Huffman>,
    ac: Option<&Huffman>,
    (ss, se): (usize, usize),
    refining: bool,
    eob_run: &mut u32,
    mut mask: Option<&mut u64>,
) -> Result<(), ImageError> {
    let mut k = ss;
    if ss == 0 {
        if refining {
            bits.skip(1)?;
        } else {
            let s = dc.ok_or(ImageError::Corrupt)?.decode(bits)?;
            if s > 16 {
                return Err(ImageError::Corrupt);
            }
            bits.skip(s)?;
        }
        if se == 0 {
            return Ok(());
        }
        k = 1;
    }
    let ac = ac.ok_or(ImageError::Corrupt)?;
    if !refining {
        // Sequential, or a progressive first pass (G.1.2.2): runs of zeros, values, and end-of-band runs.
        if *eob_run > 0 {
            *eob_run -= 1;
            return Ok(());
        }
        while k <= se {
            let rs = ac.decode(bits)?;
            let (r, s) = ((rs >> 4) as usize, rs & 0x0F);
            if s == 0 {
                if r == 15 {
                    k += 16;
                    continue;
                }
                *eob_run = (1u32 << r) + bits.skip(r as u8)? - 1;
                break;
            }
            k += r;
            if k > se {
                return Err(ImageError::Corrupt);
            }
            bits.skip(s)?;
            if let Some(m) = mask.as_deref_mut() {
                *m |= 1 << k;
            }
            k += 1;
        }
        return Ok(());
    }
    // A progressive refinement pass (G.1.2.3): a correction bit for every coefficient already non-zero, and new
    // coefficients of magnitude one placed after a run of zero-history ones.
    let was = |k: usize, mask: &Option<&mut u64>| mask.as_deref().is_some_and(|m| m & (1 << k) != 0);
    if *eob_run == 0 {
        while k <= se {
            let rs = ac.decode(bits)?;
            let (mut r, s) = ((rs >> 4) as i32, rs & 0x0F);
            if s != 0 {
                bits.skip(1)?;
            } else if r != 15 {
                *eob_run = (1u32 << r) + bits.skip(r as u8)?;
                break;
            }
            while k <= se {
                if was(k, &mask) {
                    bits.skip(1)?;
                } else {
                    r -= 1;
                    if r < 0 {
                        break;
                    }
                }
                k += 1;
            }
            if s != 0
                && k <= se
                && let Some(m) = mask.as_deref_mut()
            {
                *m |= 1 << k;
            }
            k += 1;
        }
    }
    if *eob_run > 0 {
        // A correction bit for each non-zero coefficient left in the band, counted rather than walked.
        if k <= se {
            let band = (u64::MAX >> (63 - se)) & (u64::MAX << k);
            let n = mask.as_deref().map_or(0, |m| (m & band).count_ones());
            for _ in 0..n {
                bits.skip(1)?;
            }
        }
        *eob_run -= 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GrayImage, ImageFormat, RgbImage};
    use std::io::Cursor;

    fn encode(img: image::DynamicImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn colour() -> Vec<u8> {
        // Busy content, so every block codes many coefficients.
        encode(RgbImage::from_fn(420, 310, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, (x ^ y) as u8])).into())
    }

    fn closed_after_cut(j: &[u8], cut: usize) -> Vec<u8> {
        let mut c = j[..cut].to_vec();
        c.extend_from_slice(&[0xFF, 0xD9]);
        c
    }

    fn walk(j: &[u8]) -> Result<(), ImageError> {
        check(j, &super::super::jpeg::parse(j)?)
    }

    #[test]
    fn whole_images_hold_every_block() {
        walk(&colour()).unwrap();
        walk(&encode(GrayImage::from_fn(333, 201, |x, y| image::Luma([(x * y) as u8])).into())).unwrap();
    }

    #[test]
    fn an_image_cut_and_closed_with_an_end_marker_is_corrupt() {
        let j = colour();
        let scan = super::super::jpeg::parse(&j).unwrap().scans[0].data.clone();
        for cut in [scan.start + 10, scan.start + scan.len() / 3, scan.end - 40] {
            let c = closed_after_cut(&j, cut);
            assert!(super::super::jpeg::parse(&c).is_ok(), "the markers alone cannot tell (cut at {cut})");
            assert_eq!(walk(&c), Err(ImageError::Corrupt), "cut at {cut}");
        }
    }

    #[test]
    fn huffman_codes_are_assigned_by_length() {
        // Two codes of length 2 (00, 01) and one of length 3 (100): values 5, 6, 7.
        let mut def = vec![0u8; 16];
        def[1] = 2;
        def[2] = 1;
        def.extend_from_slice(&[5, 6, 7]);
        let h = Huffman::new(&def).unwrap();
        let data = [0b0001_1000];
        let mut bits = Bits::new(&data);
        assert_eq!([h.decode(&mut bits), h.decode(&mut bits), h.decode(&mut bits)], [Ok(5), Ok(6), Ok(7)]);
        // Over-full tables are refused rather than decoded.
        let mut bad = vec![0u8; 16];
        bad[0] = 3;
        bad.extend_from_slice(&[1, 2, 3]);
        assert!(Huffman::new(&bad).is_err());
    }
}
