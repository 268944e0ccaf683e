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
    let back_img = back
        .map(|b| {
            std::fs::read(b).map_err(Box::<dyn std::error::Error>::from).and_then(|bytes| Ok(imaging::decode(&bytes)?))
        })
        .transpose()?;
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

/// `kyc eval DIR [--ocr-cache CACHE]`.
pub fn eval(dir: &Path, ocr_cache: Option<&Path>) -> CliResult {
    let engine = PpOcr::new()?;
    let today = chrono::Utc::now().date_naive();
    match ocr_cache {
        Some(cache) => {
            let cached = crate::ocr::cache::CachedReader::new(&engine, cache)?;
            crate::eval::run(&cached, dir, today).map(|_| ())
        }
        None => crate::eval::run(&engine, dir, today).map(|_| ()),
    }
}

/// `kyc serve`: the API on local embedded storage. Without `KYC_API_KEYS` a development key is used and printed.
/// glibc's malloc gives each thread that allocates an arena of its own and keeps what was freed there for that
/// arena: a decoded photo freed by one OCR worker is not reused by the other, and the server's peak memory grows
/// with the number of threads. One arena (as the Lambda runs, template.yaml) measured, for ten 9 Mpx 16-bit PNGs
/// at once, 649 -> 430 MB peak RSS with the same time (`make bench-server`). The variable is read by glibc when the
/// process starts, so `kyc serve` starts itself again with it set, unless it is set already (any value: a choice).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn restart_with_one_malloc_arena() {
    use std::os::unix::process::CommandExt;
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    if let Ok(exe) = std::env::current_exe() {
        // exec replaces this process (same pid); it returns only if it failed.
        let err = std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("MALLOC_ARENA_MAX", "1").exec();
        eprintln!("kyc: could not restart with one malloc arena ({err}); serving with glibc's default arenas");
    }
}

pub fn serve(addr: std::net::SocketAddr, data_dir: Option<std::path::PathBuf>) -> CliResult {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    restart_with_one_malloc_arena();
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

/// Control characters shown as `<LF>`, `<RS>`, `<CR>` (or `<xNN>`), so a payload prints on one line.
fn escape_payload(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            0x0A => s.push_str("<LF>"),
            0x1E => s.push_str("<RS>"),
            0x0D => s.push_str("<CR>"),
            0x20..=0x7E => s.push(char::from(b)),
            _ => s.push_str(&format!("<x{b:02X}>")),
        }
    }
    s
}

/// `kyc barcode IMAGE...`: the AAMVA record decoded from each back (or why not), with timings, as JSON lines.
pub fn barcode(paths: &[std::path::PathBuf]) -> CliResult {
    for path in paths {
        let t = Instant::now();
        let img = imaging::decode(&std::fs::read(path)?)?;
        let load_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let scan = crate::extract::barcode::scan_barcode(&img.rgb);
        let read_ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut out = json!({
            "file": path.display().to_string(),
            "width": img.rgb.width(),
            "height": img.rgb.height(),
            "load_ms": load_ms,
            "read_ms": read_ms,
            "regions": scan.regions,
            "attempts": scan.attempts,
            "refused_decodes": scan.refused,
            "payload": scan.payload.as_deref().map(escape_payload),
        });
        match &scan.result {
            Ok(record) => out["record"] = serde_json::to_value(record)?,
            Err(e) => out["error"] = json!({ "code": e.retry_code(), "message": e.to_string() }),
        }
        println!("{out}");
    }
    Ok(())
}

/// Nearest-rank percentile of a sorted slice.
fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    Some(sorted[((q * (sorted.len() - 1) as f64).round() as usize).min(sorted.len() - 1)])
}

/// One back of a benchmark set, judged against its truth record.
struct BarcodeBenchRow {
    small: bool,
    malformed: bool,
    decoded: bool,
    exact: bool,
    parsed: bool,
    five_exact: bool,
    false_decode: bool,
    ms: f64,
}

fn summarise_barcode_rows(label: &str, rows: &[&BarcodeBenchRow]) -> serde_json::Value {
    let n = rows.len();
    let count = |f: &dyn Fn(&BarcodeBenchRow) -> bool| rows.iter().filter(|r| f(r)).count();
    let rate = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let mut ms: Vec<f64> = rows.iter().map(|r| r.ms).collect();
    ms.sort_by(f64::total_cmp);
    let (decoded, exact, parsed, five) =
        (count(&|r| r.decoded), count(&|r| r.exact), count(&|r| r.parsed), count(&|r| r.five_exact));
    let false_decodes = count(&|r| r.false_decode);
    let malformed_refused = count(&|r| r.malformed && r.exact && !r.parsed);
    println!(
        "  {label:<26} {n:>3}  decoded {decoded:>3} {:>4.0}%  exact {exact:>3} {:>4.0}%  \
         five-fields {five:>3} {:>4.0}%  false {false_decodes}  median {:>6.1} ms  p90 {:>6.1} ms",
        rate(decoded) * 100.0,
        rate(exact) * 100.0,
        rate(five) * 100.0,
        percentile(&ms, 0.5).unwrap_or(0.0),
        percentile(&ms, 0.9).unwrap_or(0.0),
    );
    json!({
        "images": n, "decoded": decoded, "exact": exact, "parsed": parsed, "five_exact": five,
        "false_decodes": false_decodes, "malformed_refused": malformed_refused,
        "decode_rate": rate(decoded), "exact_rate": rate(exact), "five_exact_rate": rate(five),
        "median_ms": percentile(&ms, 0.5), "p90_ms": percentile(&ms, 0.9),
    })
}

/// `kyc barcode-bench DIR...`: reads every back listed in `DIR/truth.json` (made by `tools/docgen/backs.py`) and
/// prints, per set: decode rate (any PDF417 bytes), exact-payload rate (bytes == truth payload), the rate at which
/// last name, first name, birth date, expiry date and number all come out exact, false decodes (a record accepted
/// that is not the truth, or any record accepted from a malformed payload) and median/p90 milliseconds of
/// `scan_barcode` (JPEG decoding excluded, fastest of `repeat` runs, as `bench_zxing.py` does). Writes per-image
/// JSON to `json_out` when given.
pub fn barcode_bench(dirs: &[std::path::PathBuf], repeat: usize, json_out: Option<&Path>) -> CliResult {
    let mut report = json!({ "engine": "kyc/rxing", "repeat": repeat, "dirs": {}, "images": [] });
    for dir in dirs {
        let truth: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(dir.join("truth.json"))?)?;
        let mut rows = Vec::new();
        for rec in &truth {
            let file = rec["file"].as_str().ok_or("truth.json: a record has no file")?;
            let img = imaging::decode(&std::fs::read(dir.join(file))?)?;
            let payload: Vec<u8> = rec["payload"]
                .as_str()
                .ok_or("truth.json: a record has no payload")?
                .chars()
                .map(|c| u8::try_from(u32::from(c)).map_err(|_| "truth.json: payload is not ISO 8859-1"))
                .collect::<Result<_, _>>()?;
            let mut best_ms = f64::MAX;
            let mut scan = None;
            for _ in 0..repeat.max(1) {
                let t = Instant::now();
                let s = crate::extract::barcode::scan_barcode(&img.rgb);
                best_ms = best_ms.min(t.elapsed().as_secs_f64() * 1000.0);
                scan = Some(s);
            }
            let scan = scan.expect("at least one run");
            let malformed = rec["malformed"].as_bool().unwrap_or(false);
            let f = &rec["fields"];
            let five_exact = match &scan.result {
                Ok(r) => {
                    !malformed
                        && f["last_name"].as_str() == Some(r.family_name.as_str())
                        && f["first_name"].as_str() == r.first_name.as_deref()
                        && f["birth_date"].as_str() == Some(r.birth_date.to_string().as_str())
                        && f["expire_date"].as_str() == Some(r.expiry_date.to_string().as_str())
                        && f["document_number"].as_str() == Some(r.number.as_str())
                }
                Err(_) => false,
            };
            let exact = scan.payload.as_deref() == Some(payload.as_slice());
            let parsed = scan.result.is_ok();
            let row = BarcodeBenchRow {
                small: img.rgb.width().max(img.rgb.height()) < 1000,
                malformed,
                decoded: scan.payload.is_some(),
                exact,
                parsed,
                five_exact,
                false_decode: parsed && !(five_exact && exact),
                ms: best_ms,
            };
            let status = match (&scan.result, exact) {
                (Ok(_), true) if five_exact => "OK",
                (Ok(_), _) => "FALSE",
                (Err(_), true) if malformed => "refused(malformed)",
                (Err(_), true) => "exact-but-refused",
                (Err(_), false) if row.decoded => "wrong-bytes-refused",
                (Err(_), false) => "--",
            };
            eprintln!(
                "{}/{file} {}x{} rot {:+6.2} mod {:.2}px  {status} ({:.0} ms, {} regions, {} attempts)",
                dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                img.rgb.width(),
                img.rgb.height(),
                rec["augment"]["rotation_deg"].as_f64().unwrap_or(f64::NAN),
                rec["geometry"]["module_px"].as_f64().unwrap_or(f64::NAN),
                best_ms,
                scan.regions,
                scan.attempts,
            );
            report["images"].as_array_mut().expect("array").push(json!({
                "dir": dir.display().to_string(), "file": file, "width": img.rgb.width(), "height": img.rgb.height(),
                "malformed": malformed, "decoded": row.decoded, "exact": exact, "parsed": parsed,
                "five_exact": five_exact, "false_decode": row.false_decode, "ms": best_ms,
                "error": scan.result.as_ref().err().map(|e| e.to_string()),
                "regions": scan.regions, "attempts": scan.attempts,
            }));
            rows.push(row);
        }
        println!("\n{}: kyc/rxing, PDF417 + AAMVA (exact = bytes == truth payload)", dir.display());
        let all: Vec<&BarcodeBenchRow> = rows.iter().collect();
        let wellformed: Vec<&BarcodeBenchRow> = rows.iter().filter(|r| !r.malformed).collect();
        let large: Vec<&BarcodeBenchRow> = rows.iter().filter(|r| !r.small).collect();
        let small: Vec<&BarcodeBenchRow> = rows.iter().filter(|r| r.small).collect();
        let summary = json!({
            "all": summarise_barcode_rows("all", &all),
            "wellformed": summarise_barcode_rows("well-formed payloads", &wellformed),
            "large": summarise_barcode_rows("1280 px and larger", &large),
            "small": summarise_barcode_rows("640x480", &small),
        });
        report["dirs"][dir.display().to_string()] = summary;
    }
    if let Some(out) = json_out {
        std::fs::write(out, serde_json::to_vec_pretty(&report)?)?;
    }
    Ok(())
}
