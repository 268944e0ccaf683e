//! A [`TextReader`] that remembers what another one read, on disk: `kyc eval --ocr-cache DIR` reads every image
//! once and afterwards runs only the extraction, so a change to the extraction is measured on thousands of
//! documents in seconds, and a change that should not alter any figure (a refactoring) can be shown to alter none.
//!
//! An entry is keyed by the SHA-256 of the image's pixels (and, for a re-reading, of the lines asked for); it does
//! not know which OCR produced it. Delete the directory when the OCR itself (models, detection, recognition)
//! changes. Development only: the service never uses it.

use std::path::{Path, PathBuf};

use image::RgbImage;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::geometry::Point;
use super::{OcrError, OcrLine, OcrPage, TextReader, Timings};

/// Bumped when the stored form changes, so an old directory is not misread.
const FORMAT: &str = "kyc-ocr-cache-1";

pub struct CachedReader<'a> {
    inner: &'a dyn TextReader,
    dir: PathBuf,
}

impl<'a> CachedReader<'a> {
    pub fn new(inner: &'a dyn TextReader, dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(Self { inner, dir: dir.to_path_buf() })
    }

    fn path(&self, image: &RgbImage, lines: Option<&[OcrLine]>) -> PathBuf {
        let mut h = Sha256::new();
        h.update(FORMAT.as_bytes());
        h.update(image.width().to_le_bytes());
        h.update(image.height().to_le_bytes());
        h.update(image.as_raw());
        if let Some(lines) = lines {
            for l in lines {
                h.update(StoredLine::from(l).key_bytes());
            }
        }
        let name: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let kind = if lines.is_some() { "reread" } else { "read" };
        self.dir.join(format!("{name}.{kind}.json"))
    }

    fn load<T: for<'de> Deserialize<'de>>(path: &Path) -> Option<T> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }

    fn store<T: Serialize>(path: &Path, value: &T) {
        // A cache that cannot be written only costs the next run its time.
        if let Ok(bytes) = serde_json::to_vec(value) {
            let tmp = path.with_extension("tmp");
            if std::fs::write(&tmp, bytes).is_ok() {
                let _ = std::fs::rename(tmp, path);
            }
        }
    }
}

impl TextReader for CachedReader<'_> {
    fn read(&self, image: &RgbImage) -> Result<OcrPage, OcrError> {
        let path = self.path(image, None);
        if let Some(page) = Self::load::<StoredPage>(&path) {
            return Ok(page.into());
        }
        let page = self.inner.read(image)?;
        Self::store(&path, &StoredPage::from(&page));
        Ok(page)
    }

    fn reread(&self, image: &RgbImage, lines: &[OcrLine]) -> Result<Vec<Vec<OcrLine>>, OcrError> {
        let path = self.path(image, Some(lines));
        if let Some(variants) = Self::load::<Vec<Vec<StoredLine>>>(&path) {
            return Ok(variants.into_iter().map(|v| v.into_iter().map(OcrLine::from).collect()).collect());
        }
        let variants = self.inner.reread(image, lines)?;
        let stored: Vec<Vec<StoredLine>> = variants.iter().map(|v| v.iter().map(StoredLine::from).collect()).collect();
        Self::store(&path, &stored);
        Ok(variants)
    }
}

/// Every field of an [`OcrLine`], exactly (the API's serialisation rounds the box and leaves some out).
#[derive(Serialize, Deserialize)]
struct StoredLine {
    text: String,
    confidence: f32,
    corners: [[f32; 2]; 4],
    char_confidences: Vec<f32>,
    height: f32,
    row: usize,
}

impl StoredLine {
    fn key_bytes(&self) -> Vec<u8> {
        let mut b = self.text.as_bytes().to_vec();
        for c in self.corners.iter().flatten() {
            b.extend(c.to_le_bytes());
        }
        b
    }
}

impl From<&OcrLine> for StoredLine {
    fn from(l: &OcrLine) -> Self {
        Self {
            text: l.text.clone(),
            confidence: l.confidence,
            corners: l.r#box.map(|p| [p.x, p.y]),
            char_confidences: l.char_confidences.clone(),
            height: l.height,
            row: l.row,
        }
    }
}

impl From<StoredLine> for OcrLine {
    fn from(s: StoredLine) -> Self {
        Self {
            text: s.text,
            confidence: s.confidence,
            r#box: s.corners.map(|[x, y]| Point { x, y }),
            char_confidences: s.char_confidences,
            height: s.height,
            row: s.row,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct StoredPage {
    lines: Vec<StoredLine>,
    rotation_deg: f32,
}

impl From<&OcrPage> for StoredPage {
    fn from(p: &OcrPage) -> Self {
        Self { lines: p.lines.iter().map(StoredLine::from).collect(), rotation_deg: p.rotation_deg }
    }
}

impl From<StoredPage> for OcrPage {
    fn from(p: StoredPage) -> Self {
        Self {
            lines: p.lines.into_iter().map(OcrLine::from).collect(),
            rotation_deg: p.rotation_deg,
            timings_ms: Timings::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the readings it is asked for and answers each with one line naming the image's width.
    struct Counting(std::sync::atomic::AtomicUsize);

    impl TextReader for Counting {
        fn read(&self, image: &RgbImage) -> Result<OcrPage, OcrError> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let line = OcrLine {
                text: format!("W{}", image.width()),
                confidence: 0.123_456_79,
                r#box: [
                    Point { x: 0.1, y: 0.2 },
                    Point { x: 10.3, y: 0.2 },
                    Point { x: 10.3, y: 5.0 },
                    Point { x: 0.1, y: 5.0 },
                ],
                char_confidences: vec![0.5, 0.987_654_3],
                height: 4.8,
                row: 0,
            };
            Ok(OcrPage { lines: vec![line], rotation_deg: 90.5, timings_ms: Timings::default() })
        }
    }

    #[test]
    fn a_second_reading_of_the_same_pixels_comes_from_disk_exactly() {
        let dir = std::env::temp_dir().join(format!("kyc-ocr-cache-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let inner = Counting(Default::default());
        let cache = CachedReader::new(&inner, &dir).unwrap();
        let a = RgbImage::new(7, 3);
        let first = cache.read(&a).unwrap();
        let second = cache.read(&a).unwrap();
        assert_eq!(inner.0.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(first.lines[0].text, second.lines[0].text);
        assert_eq!(first.lines[0].confidence.to_bits(), second.lines[0].confidence.to_bits());
        assert_eq!(first.lines[0].char_confidences, second.lines[0].char_confidences);
        assert_eq!(first.lines[0].r#box[1].x.to_bits(), second.lines[0].r#box[1].x.to_bits());
        assert_eq!(second.rotation_deg, 90.5);
        // Other pixels are another entry.
        let mut b = RgbImage::new(7, 3);
        b.put_pixel(0, 0, image::Rgb([1, 0, 0]));
        cache.read(&b).unwrap();
        assert_eq!(inner.0.load(std::sync::atomic::Ordering::SeqCst), 2);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
