//! A scripted text reader for behaviour tests (retries, options, concurrency, faults): each test document is a
//! plain image of a distinct width, and the reader answers with the lines scripted for that width. The real engine
//! keeps its own end-to-end tests on real photos.

use std::collections::HashMap;
use std::sync::Arc;

use kyc::extract::mrz::check_digit;
use kyc::ocr::geometry::Point;
use kyc::ocr::{OcrError, OcrLine, OcrPage, TextReader, Timings};

#[derive(Default)]
pub struct ScriptedReader {
    pages: HashMap<u32, Vec<String>>,
}

impl ScriptedReader {
    pub fn new() -> Self {
        Self::default()
    }

    /// Images `width` pixels wide read as these lines.
    pub fn page(mut self, width: u32, lines: Vec<String>) -> Self {
        self.pages.insert(width, lines);
        self
    }

    pub fn shared(self) -> Arc<dyn TextReader> {
        Arc::new(self)
    }
}

impl TextReader for ScriptedReader {
    fn read(&self, image: &image::RgbImage) -> Result<OcrPage, OcrError> {
        let lines = self.pages.get(&image.width()).cloned().unwrap_or_default();
        let lines = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let y = 20.0 + 30.0 * i as f32;
                let w = 12.0 * text.chars().count() as f32;
                OcrLine {
                    confidence: 0.99,
                    char_confidences: vec![0.99; text.chars().count()],
                    text,
                    r#box: [
                        Point::new(10.0, y),
                        Point::new(10.0 + w, y),
                        Point::new(10.0 + w, y + 20.0),
                        Point::new(10.0, y + 20.0),
                    ],
                    height: 20.0,
                    row: i,
                }
            })
            .collect();
        Ok(OcrPage { lines, rotation_deg: 0.0, timings_ms: Timings::default() })
    }
}

/// A plain PNG of this width: the scripted reader's key.
pub fn png(width: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, 240, image::Rgb([200, 200, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn cd(field: &str) -> char {
    char::from(b'0' + check_digit(field).unwrap())
}

/// An invented passport holder of ICAO's test state UTO, whose data page reads completely and consistently.
pub struct Holder {
    pub surname: &'static str,
    pub given: &'static str,
    pub number: &'static str,
    /// YYMMDD
    pub birth: &'static str,
    pub sex: char,
    /// YYMMDD
    pub expiry: &'static str,
}

impl Holder {
    /// The printed zone and a TD3 MRZ whose check digits all pass.
    pub fn passport_lines(&self) -> Vec<String> {
        let name = format!("P<UTO{}<<{}", self.surname.replace(' ', "<"), self.given.replace(' ', "<"));
        let line1 = format!("{name:<<44}");
        let number = format!("{:<<9}", self.number);
        let body = format!(
            "{number}{}UTO{}{}{}{}{}{}",
            cd(&number),
            self.birth,
            cd(self.birth),
            self.sex,
            self.expiry,
            cd(self.expiry),
            "<<<<<<<<<<<<<<"
        );
        let optional_cd = '0';
        let composite = format!("{}{}{}", &body[0..10], &body[13..20], &format!("{}{optional_cd}", &body[21..42]));
        let line2 = format!("{body}{optional_cd}{}", cd(&composite));
        let date = |yymmdd: &str, century: &str| {
            let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
            let m: usize = yymmdd[2..4].parse().unwrap();
            format!("{} {} {century}{}", &yymmdd[4..6], months[m - 1], &yymmdd[0..2])
        };
        let issue_year: u32 = 2000 + self.expiry[0..2].parse::<u32>().unwrap() - 10;
        vec![
            "PASSPORT".into(),
            format!("Passport No. {}", self.number),
            format!("Surname {}", self.surname),
            self.surname.into(),
            self.given.into(),
            format!("Date of birth {}", date(self.birth, if self.birth[0..2] > *"26" { "19" } else { "20" })),
            format!("Date of issue {} {}", date(self.expiry, "20").rsplit_once(' ').unwrap().0, issue_year),
            format!("Date of expiry {}", date(self.expiry, "20")),
            line1,
            line2,
        ]
    }
}

pub const ANNA: Holder =
    Holder { surname: "NORDLUND", given: "LIV KAJA", number: "L898902C3", birth: "740812", sex: 'F', expiry: "340415" };
pub const OLE: Holder =
    Holder { surname: "NORDMANN", given: "OLE", number: "X4B91K2Q7", birth: "850101", sex: 'M', expiry: "330930" };
pub const YOUNG: Holder =
    Holder { surname: "HALVORSEN", given: "LIV", number: "C55T0R1X9", birth: "120305", sex: 'F', expiry: "300305" };

/// Widths the scripted reader knows.
pub const ANNA_WIDTH: u32 = 640;
pub const OLE_WIDTH: u32 = 641;
pub const YOUNG_WIDTH: u32 = 642;
/// Reads as nothing: an unreadable photo.
pub const BLANK_WIDTH: u32 = 400;

pub fn reader() -> Arc<dyn TextReader> {
    ScriptedReader::new()
        .page(LICENCE_WIDTH, licence_front_lines())
        .page(ANNA_WIDTH, ANNA.passport_lines())
        .page(OLE_WIDTH, OLE.passport_lines())
        .page(YOUNG_WIDTH, YOUNG.passport_lines())
        .shared()
}

/// An AAMVA (version 10) payload of an invented licence holder: `iin` picks the jurisdiction (636032 Michigan,
/// 636012 Ontario).
pub fn aamva_payload(
    iin: u32,
    family: &str,
    first: &str,
    number: &str,
    birth_mmddyyyy: &str,
    expiry_mmddyyyy: &str,
) -> String {
    let canadian = iin == 636012;
    let date = |d: &str| if canadian { format!("{}{}{}", &d[4..8], &d[0..2], &d[2..4]) } else { d.to_owned() };
    let elements = [
        format!("DAQ{number}"),
        format!("DCS{family}"),
        format!("DAC{first}"),
        format!("DBB{}", date(birth_mmddyyyy)),
        format!("DBA{}", date(expiry_mmddyyyy)),
        format!("DBD{}", date("01152024")),
        "DBC1".to_owned(),
        "DAYBRO".to_owned(),
        "DAG1 INVENTED WAY".to_owned(),
        if canadian { "DAKK7L 3N6".to_owned() } else { "DAK123450000  ".to_owned() },
        format!("DCG{}", if canadian { "CAN" } else { "USA" }),
    ];
    let body = format!("DL{}\r", elements.join("\n"));
    let head_len = 21 + 10;
    format!("@\n\x1e\rANSI {iin:06}100001DL{head_len:04}{:04}{body}", body.len())
}

/// A straight, sharp photo of the PDF417 of `payload` (3 pixels per module), as PNG bytes.
pub fn barcode_png(payload: &str) -> Vec<u8> {
    use rxing::pdf417::PDF417Writer;
    use rxing::{BarcodeFormat, EncodeHintValue, EncodeHints, Writer};
    let hints = EncodeHints::default()
        .with(EncodeHintValue::ErrorCorrection("4".to_owned()))
        .with(EncodeHintValue::Margin("2".to_owned()));
    let bits = PDF417Writer.encode_with_hints(payload, &BarcodeFormat::PDF_417, 0, 0, &hints).expect("encodes");
    let scale = 3;
    let (w, h) = (bits.getWidth() * scale + 80, bits.getHeight() * scale + 80);
    let img = image::RgbImage::from_fn(w.max(200), h.max(200), |x, y| {
        let (u, v) = (x.wrapping_sub(40) / scale, y.wrapping_sub(40) / scale);
        let dark = x >= 40 && y >= 40 && u < bits.getWidth() && v < bits.getHeight() && bits.get(u, v);
        if dark { image::Rgb([30, 30, 30]) } else { image::Rgb([235, 235, 230]) }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The front of an invented Michigan licence (AAMVA field numbers), read by the scripted reader at this width.
pub const LICENCE_WIDTH: u32 = 700;

pub fn licence_front_lines() -> Vec<String> {
    [
        "MICHIGAN",
        "DRIVER LICENSE",
        "4d DLN S123456789012",
        "3 DOB 08/31/1978",
        "4b EXP 08/31/2029",
        "1 NOWAK",
        "2 JAN PIOTR",
        "4a ISS 01/15/2024",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}
