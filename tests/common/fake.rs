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
                    r#box: [Point::new(10.0, y), Point::new(10.0 + w, y), Point::new(10.0 + w, y + 20.0), Point::new(10.0, y + 20.0)],
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

/// A fictional passport holder (ICAO's Utopia), whose data page reads completely and consistently.
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
    Holder { surname: "ERIKSSON", given: "ANNA MARIA", number: "L898902C3", birth: "740812", sex: 'F', expiry: "340415" };
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
        .page(ANNA_WIDTH, ANNA.passport_lines())
        .page(OLE_WIDTH, OLE.passport_lines())
        .page(YOUNG_WIDTH, YOUNG.passport_lines())
        .shared()
}
