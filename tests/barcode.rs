//! The licence-back barcode end to end, without any stored image: random AAMVA records (invented holders) are
//! written as payloads, encoded as PDF417 with rxing's writer, rendered like a photo (scaled, turned by a random
//! angle and quarter turn, blurred, noisy) and must come back from `read_barcode` with the same fields. Plus
//! fuzzing: no input to the parser or the reader panics, and a damaged or missing barcode is a typed error.

use chrono::NaiveDate;
use image::{GrayImage, Luma, RgbImage};
use kyc::extract::barcode::{AamvaError, BarcodeError, DocumentKind, JURISDICTIONS, Sex, parse_aamva, read_barcode};
use proptest::prelude::*;
use rxing::pdf417::PDF417Writer;
use rxing::pdf417::encoder::Dimensions;
use rxing::{BarcodeFormat, EncodeHintValue, EncodeHints, Writer};

/// An invented holder and card.
#[derive(Clone, Debug)]
struct Card {
    jurisdiction: usize,
    version: u8,
    id_card: bool,
    family: String,
    first: String,
    middle: Option<String>,
    number: String,
    birth: NaiveDate,
    expiry: NaiveDate,
    issue: NaiveDate,
    female: bool,
    z_subfile: bool,
}

impl Card {
    fn canadian(&self) -> bool {
        JURISDICTIONS[self.jurisdiction].country == "CAN"
    }

    fn date(&self, d: NaiveDate) -> String {
        if self.version == 1 || self.canadian() { d.format("%Y%m%d") } else { d.format("%m%d%Y") }.to_string()
    }

    /// The DL/ID elements as the standard lays them out for the card's version.
    fn elements(&self) -> Vec<(String, String)> {
        let e = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let sex = if self.female { "2" } else { "1" };
        let middle = self.middle.clone().unwrap_or_default();
        let mut out = vec![e("DAQ", &self.number)];
        match self.version {
            1 => out.push(e("DAA", &format!("{},{},{}", self.family, self.first, middle))),
            2 | 3 => {
                out.push(e("DCS", &self.family));
                let given = if middle.is_empty() { self.first.clone() } else { format!("{},{middle}", self.first) };
                out.push(e("DCT", &given));
            }
            _ => {
                out.push(e("DCS", &self.family));
                out.push(e("DAC", &self.first));
                out.push(e("DAD", &middle));
            }
        }
        out.extend([
            e("DBB", &self.date(self.birth)),
            e("DBA", &self.date(self.expiry)),
            e("DBD", &self.date(self.issue)),
            e("DBC", sex),
            e("DAY", "BRO"),
            e("DAG", "1 INVENTED WAY"),
            e("DAK", if self.canadian() { "K7L 3N6" } else { "123450000  " }),
        ]);
        if self.version >= 2 {
            out.push(e("DCG", JURISDICTIONS[self.jurisdiction].country));
        }
        out
    }

    fn payload(&self) -> String {
        let j = &JURISDICTIONS[self.jurisdiction];
        let kind = if self.id_card { "ID" } else { "DL" };
        let mut subfiles = vec![(kind.to_owned(), self.elements())];
        if self.z_subfile {
            subfiles.push(("ZX".to_owned(), vec![("ZXA".to_owned(), "01".to_owned())]));
        }
        let mut head = format!("@\n\x1e\rANSI {:06}{:02}", j.iin, self.version);
        if self.version >= 2 {
            head.push_str("00");
        }
        head.push_str(&format!("{:02}", subfiles.len()));
        let bodies: Vec<String> = subfiles
            .iter()
            .map(|(t, els)| {
                let joined: Vec<String> = els.iter().map(|(k, v)| format!("{k}{v}")).collect();
                format!("{t}{}\r", joined.join("\n"))
            })
            .collect();
        // Lengths in ISO 8859-1 bytes (one per character), as the symbol carries them.
        let mut offset = head.chars().count() + 10 * subfiles.len();
        for ((t, _), body) in subfiles.iter().zip(&bodies) {
            head.push_str(&format!("{t}{offset:04}{:04}", body.chars().count()));
            offset += body.chars().count();
        }
        head + &bodies.concat()
    }
}

fn name(min: usize, max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Z][A-Z'-]{{{},{}}}[A-Z]", min.saturating_sub(2), max - 2)).unwrap()
}

fn day(from: i32, to: i32) -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(from, 1, 1).unwrap();
    let days = (NaiveDate::from_ymd_opt(to, 12, 31).unwrap() - start).num_days();
    (0..=days).prop_map(move |d| start + chrono::Duration::days(d))
}

fn card() -> impl Strategy<Value = Card> {
    (
        (0..JURISDICTIONS.len(), 1u8..=10, any::<bool>(), any::<bool>(), any::<bool>()),
        (name(2, 14), name(2, 12), proptest::option::of(name(1, 10)), "[A-Z0-9]{6,14}"),
        (day(1930, 2008), day(2024, 2040), day(2015, 2024)),
    )
        .prop_map(
            |((jurisdiction, version, id_card, female, z_subfile), (family, first, middle, number), dates)| {
                let (birth, expiry, issue) = dates;
                Card {
                    jurisdiction,
                    version,
                    id_card,
                    family,
                    first,
                    middle,
                    number,
                    birth,
                    expiry,
                    issue,
                    female,
                    z_subfile,
                }
            },
        )
}

fn assert_same(card: &Card, r: &kyc::extract::barcode::AamvaRecord) {
    assert_eq!(r.jurisdiction.iin, JURISDICTIONS[card.jurisdiction].iin);
    assert_eq!(r.country.as_str(), JURISDICTIONS[card.jurisdiction].country);
    assert_eq!(r.aamva_version, card.version);
    assert_eq!(r.kind, if card.id_card { DocumentKind::IdCard } else { DocumentKind::DriverLicence });
    assert_eq!(r.family_name, card.family);
    assert_eq!(r.first_name.as_deref(), Some(card.first.as_str()));
    assert_eq!(r.middle_names, card.middle);
    assert_eq!(r.number, card.number);
    assert_eq!((r.birth_date, r.expiry_date, r.issue_date), (card.birth, card.expiry, Some(card.issue)));
    assert_eq!(r.sex, Some(if card.female { Sex::Female } else { Sex::Male }));
}

/// A little deterministic noise source (the test must not depend on a random crate).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// How the symbol is photographed.
#[derive(Clone, Copy, Debug)]
struct Shot {
    module_px: f32,
    angle_deg: f32,
    quarter_turns: u8,
    blur_sigma: f32,
    noise: f32,
    seed: u64,
}

/// The PDF417 of `payload` (rxing's writer: 1 pixel per module, rows 4 modules tall, quiet zone 2 modules).
fn symbol(payload: &str, columns: usize, security_level: u8) -> rxing::common::BitMatrix {
    let hints = EncodeHints::default()
        .with(EncodeHintValue::ErrorCorrection(security_level.to_string()))
        .with(EncodeHintValue::Margin("2".to_owned()))
        .with(EncodeHintValue::Pdf417Dimensions(Dimensions::new(columns, columns, 3, 90)));
    PDF417Writer.encode_with_hints(payload, &BarcodeFormat::PDF_417, 0, 0, &hints).expect("rxing encodes the payload")
}

/// Renders the symbol on a light card background: supersampled (4x4) inverse mapping through the rotation, a
/// gentle shading gradient, then blur and noise.
fn photograph(bits: &rxing::common::BitMatrix, shot: Shot) -> RgbImage {
    let (bw, bh) = (bits.getWidth() as f32, bits.getHeight() as f32);
    let (sw, sh) = (bw * shot.module_px, bh * shot.module_px);
    // Square, so the symbol fits whatever its turn.
    let side = ((sw * sw + sh * sh).sqrt() * 1.15) as u32;
    let (w, h) = (side.max(200), side.max(200));
    let theta = (shot.angle_deg + 90.0 * f32::from(shot.quarter_turns)).to_radians();
    let (sin, cos) = theta.sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let mut grey = GrayImage::new(w, h);
    for y in 0..h {
        for x in 0..w {
            let mut dark = 0u32;
            for sy in 0..4 {
                for sx in 0..4 {
                    let (dx, dy) = (x as f32 + (sx as f32 + 0.5) / 4.0 - cx, y as f32 + (sy as f32 + 0.5) / 4.0 - cy);
                    // Inverse rotation into the symbol's frame, in modules.
                    let u = (cos * dx + sin * dy) / shot.module_px + bw / 2.0;
                    let v = (-sin * dx + cos * dy) / shot.module_px + bh / 2.0;
                    if u >= 0.0 && v >= 0.0 && u < bw && v < bh && bits.get(u as u32, v as u32) {
                        dark += 1;
                    }
                }
            }
            let paper = 225.0 + 20.0 * x as f32 / w as f32;
            let ink = 35.0;
            let value = paper + (ink - paper) * dark as f32 / 16.0;
            grey.put_pixel(x, y, Luma([value as u8]));
        }
    }
    let mut grey = image::imageops::blur(&grey, shot.blur_sigma);
    let mut rng = XorShift(shot.seed | 1);
    for p in grey.pixels_mut() {
        p[0] = (f32::from(p[0]) + (rng.next() - 0.5) * 2.0 * shot.noise).round().clamp(0.0, 255.0) as u8;
    }
    image::DynamicImage::ImageLuma8(grey).into_rgb8()
}

fn shot() -> impl Strategy<Value = Shot> {
    (2.2f32..4.0, -10.0f32..10.0, 0u8..4, 0.4f32..1.1, 0.0f32..12.0, any::<u64>()).prop_map(
        |(module_px, angle_deg, quarter_turns, blur_sigma, noise, seed)| Shot {
            module_px,
            angle_deg,
            quarter_turns,
            blur_sigma,
            noise,
            seed,
        },
    )
}

proptest! {
    // Each case renders and reads a photo (tens of milliseconds in release): a few dozen cases keep the whole
    // file to a few seconds.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn random_records_survive_encode_photograph_and_read(
        card in card(),
        shot in shot(),
        columns in 6usize..=16,
        level in 3u8..=5,
    ) {
        let payload = card.payload();
        let direct = parse_aamva(payload.as_bytes()).expect("the payload is valid AAMVA");
        assert_same(&card, &direct);
        let photo = photograph(&symbol(&payload, columns, level), shot);
        let read = read_barcode(&photo).unwrap_or_else(|e| panic!("{shot:?} columns {columns}: {e}"));
        assert_same(&card, &read);
    }
}

#[test]
fn a_straight_clean_back_reads_in_every_quarter_turn() {
    let card = Card {
        jurisdiction: 4,
        version: 10,
        id_card: false,
        family: "OKONKWO-BRANDT".into(),
        first: "TEODORA".into(),
        middle: Some("WREN".into()),
        number: "Q1234567".into(),
        birth: NaiveDate::from_ymd_opt(1984, 2, 29).unwrap(),
        expiry: NaiveDate::from_ymd_opt(2031, 2, 28).unwrap(),
        issue: NaiveDate::from_ymd_opt(2023, 5, 17).unwrap(),
        female: true,
        z_subfile: true,
    };
    let bits = symbol(&card.payload(), 12, 5);
    for quarter_turns in 0..4 {
        let shot = Shot { module_px: 3.0, angle_deg: 0.0, quarter_turns, blur_sigma: 0.5, noise: 0.0, seed: 7 };
        let read =
            read_barcode(&photograph(&bits, shot)).unwrap_or_else(|e| panic!("{quarter_turns} quarter turns: {e}"));
        assert_same(&card, &read);
    }
}

/// The payload as the symbol carries it: ISO 8859-1, one byte per character.
fn latin1(payload: &str) -> Vec<u8> {
    payload.chars().map(|c| u8::try_from(u32::from(c)).expect("ISO 8859-1")).collect()
}

#[test]
fn bytes_beyond_ascii_and_control_characters_survive_the_symbol() {
    let card = Card {
        jurisdiction: 66,
        version: 9,
        id_card: false,
        family: "LAFLÈCHE-MÜLLER".into(),
        first: "ZOË".into(),
        middle: None,
        number: "L1234-56789-01234".into(),
        birth: NaiveDate::from_ymd_opt(1979, 12, 31).unwrap(),
        expiry: NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        issue: NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(),
        female: true,
        z_subfile: true,
    };
    let payload = card.payload();
    assert_same(&card, &parse_aamva(&latin1(&payload)).unwrap());
    let shot = Shot { module_px: 3.0, angle_deg: 6.0, quarter_turns: 2, blur_sigma: 0.6, noise: 3.0, seed: 11 };
    let scan = kyc::extract::barcode::scan_barcode(&photograph(&symbol(&payload, 12, 5), shot));
    assert_eq!(scan.payload.as_deref(), Some(latin1(&payload).as_slice()), "the exact bytes, LF RS CR included");
    assert_same(&card, &scan.result.unwrap());
}

#[test]
fn a_missing_or_damaged_barcode_is_a_typed_error() {
    // A blank card, and images too small or too thin to hold anything.
    let blank = RgbImage::from_pixel(800, 500, image::Rgb([232, 230, 225]));
    assert_eq!(read_barcode(&blank).unwrap_err(), BarcodeError::NotFound);
    for (w, h) in [(0, 0), (1, 1), (3, 5000), (9000, 2), (40, 40)] {
        assert_eq!(read_barcode(&RgbImage::new(w, h)).unwrap_err(), BarcodeError::NotFound, "{w}x{h}");
    }
    // Noise only.
    let mut rng = XorShift(99);
    let noise = RgbImage::from_fn(640, 480, |_, _| {
        let v = (rng.next() * 255.0) as u8;
        image::Rgb([v, v, v])
    });
    assert!(read_barcode(&noise).is_err());
    // A real symbol with a third of it painted over: too much for its error correction.
    let card = Card {
        jurisdiction: 60,
        version: 8,
        id_card: true,
        family: "VILLANUEVA".into(),
        first: "IMOGEN".into(),
        middle: None,
        number: "987654321".into(),
        birth: NaiveDate::from_ymd_opt(1990, 7, 4).unwrap(),
        expiry: NaiveDate::from_ymd_opt(2029, 7, 4).unwrap(),
        issue: NaiveDate::from_ymd_opt(2021, 1, 8).unwrap(),
        female: true,
        z_subfile: false,
    };
    let shot = Shot { module_px: 3.0, angle_deg: 4.0, quarter_turns: 0, blur_sigma: 0.5, noise: 4.0, seed: 3 };
    let mut photo = photograph(&symbol(&card.payload(), 10, 3), shot);
    assert_same(&card, &read_barcode(&photo).expect("the intact symbol reads"));
    let (w, h) = photo.dimensions();
    for y in 0..h {
        for x in w * 2 / 5..w * 3 / 5 {
            photo.put_pixel(x, y, image::Rgb([240, 240, 240]));
        }
    }
    assert!(read_barcode(&photo).is_err());
}

#[test]
fn a_pdf417_that_is_not_aamva_is_refused_as_such() {
    let bits = symbol("HELLO FROM A BOARDING PASS M1DOE/JANE", 6, 2);
    let shot = Shot { module_px: 3.0, angle_deg: -3.0, quarter_turns: 0, blur_sigma: 0.5, noise: 2.0, seed: 5 };
    match read_barcode(&photograph(&bits, shot)) {
        Err(BarcodeError::NotAamva(AamvaError::NoComplianceIndicator)) => {}
        other => panic!("expected a refused decode, got {other:?}"),
    }
}

/// Valid payloads with a few bytes changed, inserted or removed.
fn mutated_payload() -> impl Strategy<Value = Vec<u8>> {
    (card(), prop::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 0..6)).prop_map(|(card, edits)| {
        let mut p = card.payload().into_bytes();
        for (at, byte, op) in edits {
            if p.is_empty() {
                break;
            }
            let i = at as usize % p.len();
            match op {
                0 => p[i] = byte,
                1 => p.insert(i, byte),
                _ => {
                    p.remove(i);
                }
            }
        }
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_aamva(&bytes);
        let mut with_header = b"@\n\x1e\rANSI 636014090102DL".to_vec();
        with_header.extend(&bytes);
        let _ = parse_aamva(&with_header);
    }

    #[test]
    fn parsing_arbitrary_unicode_never_panics(text in ".{0,400}") {
        let _ = parse_aamva(text.as_bytes());
        let _ = parse_aamva(format!("@\n\x1e\rANSI 6360120801DL00310000DL{text}").as_bytes());
    }

    #[test]
    fn parsing_damaged_payloads_never_panics(bytes in mutated_payload()) {
        let _ = parse_aamva(&bytes);
    }
}
