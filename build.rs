//! Fail early, with the fix, when the OCR models that `src/ocr/models.rs` embeds are missing or not the pinned ones.
use sha2::{Digest, Sha256};

const MODELS: &[(&str, &str)] = &[
    ("PP-OCRv6_det_small.onnx", "090f04abcd9d9a7498bc4ebf677e4cb9bdce1fe4197ddb7e529f1ef44e1ff94f"),
    ("PP-OCRv6_rec_small.onnx", "6f327246b50388f3c176ae304bd95767ea6dc0c9ae92153ef8cbe210b3c14884"),
    ("ch_ppocr_mobile_v2.0_cls_mobile.onnx", "e47acedf663230f8863ff1ab0e64dd2d82b838fceb5957146dab185a89d6215c"),
];

fn main() {
    for (name, want) in MODELS {
        let path = format!("models/{name}");
        println!("cargo:rerun-if-changed={path}");
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|_| panic!("{path} is missing: run `make models` (scripts/fetch-models.sh) first"));
        let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(&got, want, "{path} is not the pinned model: run `make models` again");
    }
}
