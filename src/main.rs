//! `kyc`: the command-line entry point (serve, ocr, scan, eval, bench, barcode). Each subcommand is a thin wrapper over
//! the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "kyc", version, about = "KYC Step 1: identity-document OCR and submission API")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API locally (embedded storage: a directory and SQLite).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Where images and the SQLite database go (default: $KYC_DATA_DIR or ./kyc-data).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
    /// Read the text lines of one image and print them as JSON.
    Ocr { image: PathBuf },
    /// Extract the Step 1 fields of a document (front and optional back image) and print them as JSON.
    Scan {
        #[arg(long)]
        id_type: String,
        /// Issuing country, ISO 3166-1 alpha-3 (alpha-2 accepted).
        #[arg(long)]
        country: String,
        front: PathBuf,
        #[arg(long)]
        back: Option<PathBuf>,
    },
    /// Measure extraction accuracy against DIR/truth.json.
    Eval {
        dir: PathBuf,
        /// Remember every OCR reading in this directory and reuse it on the next run (development: measures an
        /// extraction change without reading the images again; delete it when the OCR changes).
        #[arg(long)]
        ocr_cache: Option<PathBuf>,
    },
    /// Decode the PDF417 barcode (AAMVA record) on the back of US/Canadian licences and ID cards; JSON lines.
    Barcode { images: Vec<PathBuf> },
    /// Measure barcode reading against DIR/truth.json (use `make bench-barcode` to compare with zxing-cpp).
    BarcodeBench {
        dirs: Vec<PathBuf>,
        /// Read each image N times and keep the fastest time.
        #[arg(long, default_value_t = 1)]
        repeat: usize,
        /// Write per-image results and summaries here.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Time the OCR engine over images (use `make bench` to compare with RapidOCR).
    Bench { images: Vec<PathBuf> },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { addr, data_dir } => kyc::cli::serve(addr, data_dir),
        Command::Ocr { image } => kyc::cli::ocr(&image),
        Command::Bench { images } => kyc::cli::bench(&images),
        Command::Scan { id_type, country, front, back } => kyc::cli::scan(&id_type, &country, &front, back.as_deref()),
        Command::Eval { dir, ocr_cache } => kyc::cli::eval(&dir, ocr_cache.as_deref()),
        Command::Barcode { images } => kyc::cli::barcode(&images),
        Command::BarcodeBench { dirs, repeat, json } => kyc::cli::barcode_bench(&dirs, repeat, json.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kyc: {e}");
            ExitCode::FAILURE
        }
    }
}
