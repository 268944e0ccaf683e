//! Property-based fuzzing of every parser that sees client input: image intake, the multipart form, the MRZ, the
//! printed-date reader and customOptions. Whatever the bytes, they return a typed error or a value, never panic.

use bytes::Bytes;
use chrono::NaiveDate;
use kyc::extract::{dates, mrz};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Byte strings that start like real formats half the time, so the decoders get past their magic numbers.
/// A 240x200 colour JPEG with busy content (every block codes many coefficients).
fn small_jpeg() -> &'static [u8] {
    static JPEG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    JPEG.get_or_init(|| {
        let img = image::RgbImage::from_fn(240, 200, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, (x ^ y) as u8]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        out.into_inner()
    })
}

fn image_like() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop::sample::select(vec![
        vec![],
        vec![0xFF, 0xD8, 0xFF, 0xE0],
        vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
        b"GIF89a".to_vec(),
    ]);
    (prefix, prop::collection::vec(any::<u8>(), 0..2048)).prop_map(|(mut p, rest)| {
        p.extend(rest);
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn image_decoding_never_panics(bytes in image_like()) {
        let _ = kyc::imaging::decode(&bytes);
    }

    /// A valid JPEG with bytes changed anywhere (its tables, frame, scan headers and entropy-coded data), cut, or
    /// closed again: the marker walk, the scan walk and the decoder refuse or decode it, never panic.
    #[test]
    fn a_mutated_jpeg_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        close in any::<bool>(),
    ) {
        let mut bytes = small_jpeg().to_vec();
        for (at, value) in edits {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if close {
            bytes.truncate(cut.index(bytes.len()).max(4));
            bytes.extend_from_slice(&[0xFF, 0xD9]);
        }
        let _ = kyc::imaging::decode(&bytes);
    }

    #[test]
    fn mrz_parsing_never_panics(lines in prop::collection::vec("[A-Z0-9<KO ]{0,50}", 0..4)) {
        let _ = mrz::parse(&lines, today());
        let pairs: Vec<(String, usize)> = lines.iter().cloned().enumerate().map(|(i, l)| (l, i / 2)).collect();
        let _ = mrz::find_and_parse(&pairs, today());
    }

    #[test]
    fn mrz_parsing_of_arbitrary_unicode_never_panics(lines in prop::collection::vec(".{0,60}", 0..4)) {
        let _ = mrz::parse(&lines, today());
    }

    #[test]
    fn printed_date_reading_never_panics(text in ".{0,80}") {
        for order in [dates::DayOrder::DayFirst, dates::DayOrder::MonthFirst] {
            let _ = dates::find_dates(&text, order, today());
        }
    }

    #[test]
    fn custom_options_parsing_never_panics(json in ".{0,120}") {
        let _ = kyc::kyc::CustomOptions::parse(&json);
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_multipart_form_parser_returns_a_client_error_for_garbage(body in prop::collection::vec(any::<u8>(), 0..1024)) {
        let rt = runtime();
        let res = rt.block_on(kyc::api::form::parse("multipart/form-data; boundary=XyZ", Bytes::from(body)));
        match res {
            Ok(_) => prop_assert!(false, "garbage cannot be a valid form"),
            Err(kyc::api::error::ApiError::Client { code, .. }) => prop_assert!(code.status().is_client_error()),
            Err(e) => prop_assert!(false, "server error for client input: {e:?}"),
        }
    }

    #[test]
    fn a_structured_but_random_form_gets_a_client_error(
        names in prop::collection::vec(prop::sample::select(vec!["email", "idType", "issuingCountry", "idImage", "cf1", "customOptions", "x"]), 0..6),
        values in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..64), 6),
    ) {
        let mut body = Vec::new();
        for (i, n) in names.iter().enumerate() {
            body.extend_from_slice(format!("--XyZ\r\nContent-Disposition: form-data; name=\"{n}\"\r\n\r\n").as_bytes());
            body.extend_from_slice(&values[i]);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        let rt = runtime();
        match rt.block_on(kyc::api::form::parse("multipart/form-data; boundary=XyZ", Bytes::from(body))) {
            Ok(_) => prop_assert!(false, "no valid image in random bytes"),
            Err(kyc::api::error::ApiError::Client { code, .. }) => prop_assert!(code.status().is_client_error()),
            Err(e) => prop_assert!(false, "server error for client input: {e:?}"),
        }
    }
}

/// OCR lines as the recogniser may produce them: any script, accents, MRZ-like runs with stray characters,
/// dates and labels, on boxes of any size.
fn line_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[A-Z0-9<ÀÇÉŘß«]{20,46}",
        "[0-9 ./\\-]{4,14}",
        "(SEX|DOB|4d DLN|1\\.|2\\.|Surname|Nom|Fecha) ?[A-Za-zÀ-ÿĀ-ž0-9' ,\\-]{0,24}",
        "[ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЫЭЮЯ가-힣一-龥]{0,12}",
        // US headers, ZIP lines and the label remnants the state-shape reading cuts away.
        "(NEW JERSEY|California|WASHINGTON|Lic#:|s\\) |I No|4 ldn: |ILN|EN |da issued |[A-Z]{3,9}, (CT|NJ|WA|MI) [0-9]{5} )[A-Za-z0-9ÀÇŘ:#\\- ]{0,20}",
        // Street lines, signatures, run-together names, misread labels and field numbers the name reading repairs.
        "(12345 MAIN ST|Alessia Moretti|MORETTIALESSIA|1 UN: |D/n: |2 BLU|x |: |I |1 |2 is |DRIVERUICENSE|¿ |Þór|NOVÁKEVA|Eva Novák|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{2,4})[A-Za-zÀ-ÿ0-9'./ ]{0,16}",
        // Grid cards: name labels over stacked names, garbled labels, grouped numbers, look-alike dates, a star
        // after a number, a comma read as a full stop.
        "(NAME|1 NAMIE|I SRNASE|LAST NAME|FIRST NAME|ISS DATE|EXP DATE|DL W|17 302 551|5\\. WT |T1/2S/20ZZ|[0-9OIlSBZTV]{2}/[0-9OIlSBZTV]{2}/[0-9OIlSBZTV]{4}|[A-Z]{4,8}\\.[A-Z]{3,6}|[A-Z0-9-]{6,14}★|UN|PN|IN|4d UICNo |JCNO |10 |AGE 21 ON |EXP [0-9]{2}/[0-9]{2}/20[5-9][0-9]|[0-9]{3,5} [A-Z]{3,6}ST|Nationality |[A-Z]{3})[A-Za-zÀ-ÿ0-9'./ ]{0,16}",
        // Rows of dates run together, small field numbers run into values or alone, boxed and circled numbers,
        // flag signs and category lists, spaced dates.
        "([0-9]{2}/[0-9]{2}/[0-9]{4}[0-9]{2}/[0-9]{2}/[0-9]{4}|4d[0-9]{3}|4EXP |4a|4b\\.|5[0-9A-Z]{6,12}|[①-⑨][A-Z]{2,8}|SLO|EST|AM A1 A2 B C1E|B BE|[0-9]{1,2} [0-9]{2} [0-9]{4}|[0-9]{3} [0-9]{2} [0-9]{4}|1[A-Z][a-z]{2,8}|DOB [0-9/]{10} s )[A-Za-zÀ-ÿ0-9'./ ]{0,16}",
    ]
}

/// Lines of random text stacked in one column, as a card prints its fields: the geometry the name, label-below and
/// street-anchored readings look at.
fn stacked_lines() -> impl Strategy<Value = Vec<kyc::ocr::OcrLine>> {
    (prop::collection::vec((line_text(), 0.0f32..30.0, 0.6f32..1.0), 0..14), 10.0f32..40.0).prop_map(
        |(texts, pitch)| {
            use kyc::ocr::geometry::Point;
            texts
                .into_iter()
                .enumerate()
                .map(|(row, (text, dx, scale))| {
                    // Labels print smaller than values: each line's height is a share of the row pitch.
                    let h = pitch * scale;
                    let (x, y, w) =
                        (40.0 + dx, 40.0 + row as f32 * pitch * 1.1, 12.0 * text.chars().count() as f32 + 1.0);
                    let n = text.chars().count();
                    kyc::ocr::OcrLine {
                        text,
                        confidence: 0.95,
                        r#box: [Point::new(x, y), Point::new(x + w, y), Point::new(x + w, y + h), Point::new(x, y + h)],
                        char_confidences: vec![0.95; n],
                        height: h,
                        row,
                    }
                })
                .collect()
        },
    )
}

fn ocr_lines() -> impl Strategy<Value = Vec<kyc::ocr::OcrLine>> {
    let line = (line_text(), 0.0f32..2000.0, 0.0f32..2000.0, 1.0f32..400.0, 1.0f32..80.0, 0usize..30, 0.0f32..1.0)
        .prop_map(|(text, x, y, w, h, row, conf)| {
            use kyc::ocr::geometry::Point;
            let n = text.chars().count();
            kyc::ocr::OcrLine {
                text,
                confidence: conf,
                r#box: [Point::new(x, y), Point::new(x + w, y), Point::new(x + w, y + h), Point::new(x, y + h)],
                char_confidences: vec![conf; n],
                height: h,
                row,
            }
        });
    prop::collection::vec(line, 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_of_arbitrary_unicode_ocr_lines_never_panics(
        front in prop_oneof![ocr_lines(), stacked_lines()],
        back in prop::option::of(prop_oneof![ocr_lines(), stacked_lines()]),
        id_type in prop::sample::select(kyc::kyc::IdType::ALL.to_vec()),
        country in prop::sample::select(vec!["ESP", "USA", "CAN", "KOR", "IND", "NLD", "DEU", "FRA", "UTO", "ITA", "SWE", "GBR"]),
        sharpness in 0.0f32..1000.0,
    ) {
        let hint = kyc::extract::DocumentHint { id_type, country: country.into() };
        let quality = kyc::extract::ImageQuality { sharpness };
        let x = kyc::extract::extract(&front, back.as_deref(), &hint, quality, today());
        // Whatever was read, every accepted value is a value.
        for (_, f) in x.fields.api_entries() {
            if let Some(f) = f {
                prop_assert!(!f.accepted || !f.value.is_empty());
            }
        }
    }
}

#[test]
fn the_inputs_that_once_crashed_step_1_are_read_without_panicking() {
    use kyc::ocr::geometry::Point;
    let line = |text: &str, row: usize| kyc::ocr::OcrLine {
        text: text.into(),
        confidence: 0.95,
        r#box: [
            Point::new(0.0, row as f32 * 30.0),
            Point::new(300.0, row as f32 * 30.0),
            Point::new(300.0, row as f32 * 30.0 + 20.0),
            Point::new(0.0, row as f32 * 30.0 + 20.0),
        ],
        char_confidences: vec![0.95; text.chars().count()],
        height: 20.0,
        row,
    };
    let spanish = [line("DOCUMENTO NACIONAL DE IDENTIDAD", 0), line("SEBASTIÀ", 1), line("ROCAFORT PUJOL", 2)];
    let hint = kyc::extract::DocumentHint { id_type: kyc::kyc::IdType::GovernmentId, country: "ESP".into() };
    let _ = kyc::extract::extract(&spanish, None, &hint, kyc::extract::ImageQuality { sharpness: 300.0 }, today());
    let td1 = [
        line("I<UTOD23145890<AB12Ç<<<<<<<<<<", 0),
        line("7408122F1204159UTO<<<<<<<<<<<6", 1),
        line("ERIKSSON<<ANNA<MARIA<<<<<<<<<<", 2),
    ];
    let _ = kyc::extract::extract(&td1, Some(&td1), &hint, kyc::extract::ImageQuality { sharpness: 300.0 }, today());
}
