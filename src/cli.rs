//! The CLI subcommands' bodies, kept in the library so `main.rs` stays a dispatcher.

use std::path::Path;
use std::time::Instant;

use serde_json::json;

use crate::imaging;
use crate::ocr::{PpOcr, TextReader};

pub type CliResult = Result<(), Box<dyn std::error::Error>>;

/// `kyc ocr IMAGE`: JSON lines with geometry, confidence and stage timings.
pub fn ocr(path: &Path) -> CliResult {
    let t0 = Instant::now();
    let engine = PpOcr::new()?;
    let t1 = Instant::now();
    let bytes = std::fs::read(path)?;
    let img = imaging::decode(&bytes)?;
    let t2 = Instant::now();
    let page = engine.read(&img.rgb)?;
    let t3 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    let out = json!({
        "lines": page.lines,
        "rotation_deg": page.rotation_deg,
        "timings_ms": {
            "model_load_ms": ms(t0, t1),
            "decode_ms": ms(t1, t2),
            "detect_ms": page.timings_ms.detect_ms,
            "orient_ms": page.timings_ms.orient_ms,
            "recognise_ms": page.timings_ms.recognise_ms,
            "total_ms": ms(t1, t3),
        }
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// Peak resident memory of this process in MiB (Linux `VmHWM`), 0 where unavailable.
pub fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// `kyc bench IMAGES...`: one engine, the images in order; the same JSON shape as `scripts/bench_rapidocr.py`.
pub fn bench(paths: &[std::path::PathBuf]) -> CliResult {
    let t0 = Instant::now();
    let engine = PpOcr::new()?;
    let load_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let mut images = Vec::new();
    let mut first_ms = None;
    for path in paths {
        let t = Instant::now();
        let bytes = std::fs::read(path)?;
        let img = imaging::decode(&bytes)?;
        let decode_ms = t.elapsed().as_secs_f64() * 1000.0;
        let page = engine.read(&img.rgb)?;
        let total_ms = t.elapsed().as_secs_f64() * 1000.0;
        first_ms.get_or_insert(total_ms);
        images.push(json!({
            "file": path.display().to_string(),
            "width": img.rgb.width(),
            "height": img.rgb.height(),
            "decode_ms": decode_ms,
            "detect_ms": page.timings_ms.detect_ms,
            "orient_ms": page.timings_ms.orient_ms,
            "recognise_ms": page.timings_ms.recognise_ms,
            "total_ms": total_ms,
            "lines": page.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>(),
        }));
    }
    let out = json!({
        "engine": "kyc/rten",
        "model_load_ms": load_ms,
        "first_image_ms": first_ms,
        "peak_rss_mb": peak_rss_mb(),
        "images": images,
    });
    println!("{out}");
    Ok(())
}

/// `kyc scan`: the Step 1 extraction of one document, as JSON.
pub fn scan(id_type: &str, country: &str, front: &Path, back: Option<&Path>) -> CliResult {
    use crate::extract::DocumentHint;
    let id_type: crate::kyc::IdType = id_type.parse()?;
    let country = crate::kyc::Country::parse(country)?;
    let engine = PpOcr::new()?;
    let front_img = imaging::decode(&std::fs::read(front)?)?;
    let back_img = back.map(|b| std::fs::read(b).map_err(Box::<dyn std::error::Error>::from).and_then(|bytes| Ok(imaging::decode(&bytes)?))).transpose()?;
    let hint = DocumentHint { id_type, country: country.to_string() };
    let today = chrono::Utc::now().date_naive();
    let t = Instant::now();
    let scan = crate::pipeline::scan(&engine, &front_img.rgb, back_img.as_ref().map(|b| &b.rgb), &hint, today)?;
    let x = &scan.extraction;
    let mut out = json!({
        "document_fields": x.document_fields,
        "missing_fields": x.missing_fields,
        "retry": x.retry,
        "mrz": x.mrz,
        "printed": format!("{:?}", x.printed),
        "sharpness": scan.sharpness,
        "elapsed_ms": t.elapsed().as_secs_f64() * 1000.0,
    });
    if !x.retry.iter().any(|r| r.is_unreadable()) {
        out["reviewOCRData"] = serde_json::to_value(crate::api::response::ReviewOcrData::from(&x.fields))?;
    }
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// `kyc eval DIR`.
pub fn eval(dir: &Path) -> CliResult {
    let engine = PpOcr::new()?;
    crate::eval::run(&engine, dir, chrono::Utc::now().date_naive()).map(|_| ())
}

/// `kyc serve`: the API on local embedded storage. Without `KYC_API_KEYS` a development key is used and printed.
pub fn serve(addr: std::net::SocketAddr, data_dir: Option<std::path::PathBuf>) -> CliResult {
    crate::telemetry::init_text();
    let dev_key = "local-dev-key";
    let no_projects = std::env::var_os("KYC_PROJECTS").is_none() && std::env::var_os("KYC_PROJECTS_FILE").is_none();
    let config = crate::config::Config::from_lookup(|k| match (k, std::env::var(k).ok()) {
        ("KYC_API_KEYS", None) if no_projects => {
            eprintln!("kyc: KYC_API_KEYS is not set; accepting the development key x-api-key: {dev_key}");
            Some(dev_key.to_owned())
        }
        ("KYC_DATA_DIR", v) => data_dir.as_ref().map(|d| d.display().to_string()).or(v),
        (_, v) => v,
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let limits = config.limits.clone();
        let state = crate::api::server::build_state(config).await.map_err(|e| e.to_string())?;
        crate::api::server::serve(state, addr, limits).await.map_err(|e| e.to_string())
    })?;
    Ok(())
}
