//! `palisade plugin bench FILE`: one plugin's cost per request in the
//! sandbox (instantiation included under the default `fresh` isolation),
//! over the requests of a file taken in turn, like `kwctl bench`. Figures
//! are wall-clock on whatever else the machine is doing: compare runs made
//! side by side, not across machines.

use super::run::{LoadArgs, load, read_requests};
use anyhow::bail;
use palisade::decision::Status;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    /// The plugin component (`.wasm`).
    pub file: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
    /// JSONL requests, taken in turn (bad lines are skipped); `-` for stdin.
    #[arg(long, default_value = "-")]
    pub input: String,
    /// Calls to measure.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub iterations: u64,
    /// Unmeasured calls first (instance pool, caches).
    #[arg(long, default_value_t = 20)]
    pub warmup: u64,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let requests: Vec<_> = read_requests(&args.input)?
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .collect();
    if requests.is_empty() {
        bail!("{}: no valid requests to run", args.input);
    }
    let loaded = load(&args.file, &args.load)?;
    let plugin = &loaded.plugin;
    let mut slot = None;
    let mut call = |i: u64| {
        let features = &requests[(i % requests.len() as u64) as usize];
        let started = Instant::now();
        let outcome = plugin.detect_in(&mut slot, features, plugin.aggregates());
        (started.elapsed(), outcome.status)
    };
    for i in 0..args.warmup {
        call(i);
    }
    let mut times = Vec::with_capacity(args.iterations as usize);
    let mut failed = 0u64;
    let started = Instant::now();
    for i in 0..args.iterations {
        let (took, status) = call(args.warmup + i);
        times.push(took);
        failed += u64::from(status != Status::Ok);
    }
    let total = started.elapsed();
    times.sort_unstable();
    let pct = |p: f64| -> Duration {
        let i = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1;
        times[i]
    };
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let per_s = args.iterations as f64 / total.as_secs_f64().max(1e-9);
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "plugin": plugin.metadata.name,
                "iterations": args.iterations,
                "failed": failed,
                "load_ms": loaded.load_time.as_secs_f64() * 1e3,
                "p50_us": us(pct(0.5)),
                "p90_us": us(pct(0.9)),
                "p99_us": us(pct(0.99)),
                "max_us": us(pct(1.0)),
                "calls_per_s": per_s,
            })
        );
    } else {
        println!(
            "{}: {} calls ({} failed), {} requests in turn, isolation {}",
            plugin.metadata.name,
            args.iterations,
            failed,
            requests.len(),
            if args.load.reuse { "reuse" } else { "fresh" }
        );
        println!(
            "load {:.1} ms; latency p50 {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs; {:.0} calls/s",
            loaded.load_time.as_secs_f64() * 1e3,
            us(pct(0.5)),
            us(pct(0.9)),
            us(pct(0.99)),
            us(pct(1.0)),
            per_s
        );
    }
    Ok(ExitCode::SUCCESS)
}
