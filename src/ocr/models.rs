//! The three PP-OCR models, embedded into the binary at build time (see `scripts/fetch-models.sh` and `build.rs`),
//! so a Lambda cold start reads no files and fetches nothing.

use rten::{Model, ModelOptions};

use super::OcrError;

static DET_ONNX: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/PP-OCRv6_det_small.onnx"));
static REC_ONNX: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/PP-OCRv6_rec_small.onnx"));
static CLS_ONNX: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx"));

/// Loaded models plus the recognition alphabet.
pub struct Models {
    pub detection: Model,
    pub recognition: Model,
    pub orientation: Model,
    /// `alphabet[i]` is the text of class `i + 1`; class 0 is the CTC blank, class `len + 1` is a space.
    pub alphabet: Vec<String>,
}

impl Models {
    /// Parse the embedded models. Costs a few tens of milliseconds; call once per process.
    pub fn load_embedded() -> Result<Self, OcrError> {
        let load = |name: &str, bytes: &'static [u8]| {
            let mut opts = ModelOptions::with_all_ops();
            opts.prepack_weights(true);
            opts.load_static_slice(bytes).map_err(|e| OcrError::Model(format!("{name}: {e}")))
        };
        let alphabet = onnx_metadata(REC_ONNX, "character")
            .ok_or_else(|| OcrError::Model("recognition model has no `character` metadata".into()))?
            .lines()
            .map(str::to_owned)
            .collect();
        Ok(Self {
            detection: load("detection", DET_ONNX)?,
            recognition: load("recognition", REC_ONNX)?,
            orientation: load("orientation", CLS_ONNX)?,
            alphabet,
        })
    }
}

/// Read one `metadata_props` entry (ModelProto field 14) from an ONNX file.
///
/// rten does not expose custom ONNX metadata, and the PaddleOCR exports keep their dictionary there, so we walk the
/// top level of the protobuf: length-delimited fields are skipped by length, so the big graph costs nothing.
pub fn onnx_metadata(onnx: &[u8], key: &str) -> Option<String> {
    let mut fields = ProtoFields { buf: onnx };
    while let Some((number, value)) = fields.next_field()? {
        if number != 14 {
            continue;
        }
        let Value::Bytes(entry) = value else { continue };
        let (mut k, mut v) = (None, None);
        let mut inner = ProtoFields { buf: entry };
        while let Some((n, val)) = inner.next_field()? {
            match (n, val) {
                (1, Value::Bytes(b)) => k = Some(b),
                (2, Value::Bytes(b)) => v = Some(b),
                _ => {}
            }
        }
        if k == Some(key.as_bytes()) {
            return v.map(|b| String::from_utf8_lossy(b).into_owned());
        }
    }
    None
}

enum Value<'a> {
    Varint,
    Bytes(&'a [u8]),
    Fixed,
}

struct ProtoFields<'a> {
    buf: &'a [u8],
}

impl<'a> ProtoFields<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut out = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.buf.split_first()?;
            self.buf = rest;
            out |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(out);
            }
        }
        None
    }

    /// `Some(None)` at the end of the buffer, `None` on malformed input.
    fn next_field(&mut self) -> Option<Option<(u64, Value<'a>)>> {
        if self.buf.is_empty() {
            return Some(None);
        }
        let tag = self.varint()?;
        let value = match tag & 7 {
            0 => {
                self.varint()?;
                Value::Varint
            }
            1 => {
                self.buf = self.buf.get(8..)?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(self.varint()?).ok()?;
                let bytes = self.buf.get(..len)?;
                self.buf = &self.buf[len..];
                Value::Bytes(bytes)
            }
            5 => {
                self.buf = self.buf.get(4..)?;
                Value::Fixed
            }
            _ => return None,
        };
        Some(Some((tag >> 3, value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recognition_dictionary_is_read_from_the_onnx_metadata() {
        let dict = onnx_metadata(REC_ONNX, "character").expect("dictionary");
        let entries: Vec<&str> = dict.lines().collect();
        assert!(entries.len() > 1000, "PP-OCRv6 has a large multilingual dictionary");
        for needed in ["A", "Z", "0", "9", "<", "Ö", "Ñ", "É", "Å"] {
            assert!(entries.contains(&needed), "dictionary lacks {needed}");
        }
    }

    #[test]
    fn malformed_protobuf_yields_none_rather_than_a_panic() {
        assert_eq!(onnx_metadata(&[0x72, 0xff, 0xff, 0xff, 0xff, 0x0f], "character"), None);
        assert_eq!(onnx_metadata(&[], "character"), None);
    }
}
