//! Write generated traffic to stdout and a per-label summary to stderr.
//!
//! `cargo run -p palisade-traffic --release --example gen -- [seed] [scale] [variant] [mix] > traffic.jsonl`,
//! e.g. `... -- 7 1.0 1 "casual=2,reseller-network=0"`.

use palisade_traffic::{GenConfig, generate};
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cfg = GenConfig::default();
    if let Some(s) = args.first() {
        cfg.seed = s.parse()?;
    }
    if let Some(s) = args.get(1) {
        cfg.scale = s.parse()?;
    }
    if let Some(s) = args.get(2) {
        cfg.variant = s.parse()?;
    }
    if let Some(s) = args.get(3) {
        cfg.mix = s.parse()?;
    }
    let started = Instant::now();
    let stats = generate(&cfg, io::stdout().lock())?;
    let mut err = io::stderr().lock();
    writeln!(
        err,
        "{} requests, {} accounts in {:.2?}",
        stats.requests,
        stats.accounts,
        started.elapsed()
    )?;
    for (label, (req, acc)) in &stats.by_label {
        writeln!(err, "  {label:<28} {req:>7} requests {acc:>6} accounts")?;
    }
    Ok(())
}
