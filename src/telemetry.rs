//! Logging: structured, to stderr, filtered by `RUST_LOG` (default `info`). Handlers log ids, routes, statuses and
//! durations only, never images, names, numbers or emails; a panic is logged by its location only, because its
//! message may quote text read from a document.

use tracing_subscriber::EnvFilter;

pub fn init_json() {
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .try_init();
    install_panic_hook();
}

pub fn init_text() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .try_init();
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
