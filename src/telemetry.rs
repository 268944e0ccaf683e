//! Logging: structured, to stderr, filtered by `RUST_LOG` (default `info`). Handlers log ids, routes, statuses and
//! durations only, never images, names, numbers or emails; a panic is logged by its location only, because its
//! message may quote text read from a document. The runtime, SDK and HTTP crates are capped at `info` whatever
//! `RUST_LOG` says ([`CAPPED`]): at `debug` and `trace` they log raw events, request bodies and headers (the
//! `x-api-key`, base64 images, emails).

use tracing_subscriber::EnvFilter;

/// Crates whose `debug` and `trace` output holds requests as they came: never more verbose than `info`.
pub const CAPPED: &[&str] = &[
    "lambda_runtime",
    "lambda_http",
    "aws_lambda_events",
    "aws_smithy_runtime",
    "aws_smithy_http",
    "aws_sdk_s3",
    "aws_sdk_dynamodb",
    "aws_config",
    "hyper",
    "hyper_util",
    "h2",
    "reqwest",
];

const LEVELS: [&str; 6] = ["off", "error", "warn", "info", "debug", "trace"];

fn verbosity(level: &str) -> Option<usize> {
    LEVELS.iter().position(|l| l.eq_ignore_ascii_case(level.trim()))
}

/// The filter directives for `rust_log` (the value of `RUST_LOG`, or none): as given, except that every crate of
/// [`CAPPED`] gets the less verbose of what was asked for it (or for everything) and `info`. A directive that is
/// not a plain `target=level` or `level` for those crates is dropped for them, never widened.
pub fn directives(rust_log: Option<&str>) -> String {
    let given: Vec<&str> = rust_log.unwrap_or("info").split(',').map(str::trim).filter(|d| !d.is_empty()).collect();
    let global = given.iter().rev().filter(|d| !d.contains('=')).find_map(|d| verbosity(d)).unwrap_or(3);
    let capped_target = |d: &str| {
        let target = d.split(['=', '[']).next().unwrap_or("");
        CAPPED.iter().any(|c| target == *c || target.starts_with(&format!("{c}::")))
    };
    let mut out: Vec<String> = given.iter().filter(|d| !capped_target(d)).map(|d| d.to_string()).collect();
    for c in CAPPED {
        let asked = given
            .iter()
            .filter_map(|d| d.strip_prefix(c).and_then(|r| r.strip_prefix('=')))
            .filter_map(verbosity)
            .next_back()
            .unwrap_or(global);
        out.push(format!("{c}={}", LEVELS[asked.min(3)]));
    }
    out.join(",")
}

fn filter() -> EnvFilter {
    let rust_log = std::env::var("RUST_LOG").ok();
    EnvFilter::try_new(directives(rust_log.as_deref())).unwrap_or_else(|_| EnvFilter::new(directives(None)))
}

pub fn init_json() {
    let _ = tracing_subscriber::fmt().json().with_env_filter(filter()).with_writer(std::io::stderr).try_init();
    install_panic_hook();
}

pub fn init_text() {
    let _ = tracing_subscriber::fmt().with_env_filter(filter()).with_writer(std::io::stderr).try_init();
    install_panic_hook();
}

/// Replace the default panic hook (which prints the payload) with one that logs where the panic happened, not what
/// it said.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location =
            info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_else(|| "unknown".into());
        tracing::error!(%location, "panic (message withheld: it may quote document text)");
        eprintln!("kyc: panic at {location} (message withheld)");
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_sdk_and_http_crates_never_log_below_info() {
        let d = directives(Some("trace,lambda_runtime=trace,kyc=debug"));
        assert!(d.starts_with("trace,kyc=debug,"), "{d}");
        assert!(d.contains("lambda_runtime=info") && d.contains("hyper=info") && d.contains("aws_smithy_runtime=info"));
        assert!(!d.contains("lambda_runtime=trace"));
        // Quieter than info stays quieter.
        let d = directives(Some("warn,hyper=error"));
        assert!(d.contains("hyper=error") && d.contains("lambda_runtime=warn"), "{d}");
        // Unset: info for everything.
        assert!(directives(None).starts_with("info,lambda_runtime=info"));
        // What EnvFilter makes of it is a valid filter.
        assert!(EnvFilter::try_new(directives(Some("debug"))).is_ok());
    }
}
