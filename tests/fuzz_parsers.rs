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
        let _ = kyc::kyc::decision::CustomOptions::parse(&json);
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
            Err(kyc::api::error::ApiError::Client { status, .. }) => prop_assert!(status.is_client_error()),
            Err(e) => prop_assert!(false, "server error for client input: {e}"),
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
            Err(kyc::api::error::ApiError::Client { status, .. }) => prop_assert!(status.is_client_error()),
            Err(e) => prop_assert!(false, "server error for client input: {e}"),
        }
    }
}
