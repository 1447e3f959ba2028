//! `palisade diff`: what promoting a candidate policy would change.

use anyhow::Context;
use palisade::eval::EvalOptions;
use palisade::runtime::Runtime;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The live policy.
    #[arg(long)]
    pub policy: PathBuf,
    /// The candidate policy.
    #[arg(long)]
    pub candidate: PathBuf,
    /// JSONL requests (a file: it is read once per policy).
    #[arg(long)]
    pub input: PathBuf,
    /// Example requests shown per disagreeing cell.
    #[arg(long, default_value_t = 3)]
    pub examples: usize,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Longest input line accepted, in bytes.
    #[arg(long, default_value_t = 2 << 20)]
    pub max_line_bytes: usize,
}

pub fn run(args: DiffArgs) -> anyhow::Result<ExitCode> {
    // One runtime each: the two policies' stateful detectors must not share
    // aggregate windows.
    let live = palisade::policy::load(&args.policy, &Runtime::new(), 1)?;
    let candidate = palisade::policy::load(&args.candidate, &Runtime::new(), 2)?;
    let options = EvalOptions {
        max_line_bytes: args.max_line_bytes,
        ..EvalOptions::default()
    };
    let report = palisade::reload::diff(&live, &candidate, &args.input, args.examples, &options)
        .with_context(|| format!("comparing over {}", args.input.display()))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.text());
    }
    Ok(ExitCode::SUCCESS)
}
