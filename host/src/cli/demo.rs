//! `palisade demo`: the whole path on real plugins, in one command.

use super::eval::EvalArgs;
use super::generate::GenArgs;
use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// The policy to demonstrate.
    #[arg(long, default_value = concat!(env!("PALISADE_ROOT"), "/policies/default.toml"))]
    pub policy: PathBuf,
    /// Seed for the generated traffic.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Held-out phrasing bank (the default policy was tuned on variant 0).
    #[arg(long, default_value_t = 1)]
    pub variant: u32,
    /// Traffic scale.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Directory for the traffic and decisions files.
    #[arg(long, default_value = concat!(env!("PALISADE_ROOT"), "/target/demo"))]
    pub dir: PathBuf,
}

pub fn run(args: DemoArgs) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("creating {}", args.dir.display()))?;
    let traffic = args.dir.join("traffic.jsonl");
    let decisions = args.dir.join("decisions.jsonl");
    eprintln!("1. generating labelled traffic → {}", traffic.display());
    super::generate::run(GenArgs {
        seed: args.seed,
        scale: args.scale,
        variant: args.variant,
        mix: None,
        disperse: false,
        hours: None,
        output: traffic.display().to_string(),
    })?;
    eprintln!(
        "2. deciding it with {} → {}",
        args.policy.display(),
        decisions.display()
    );
    let code = super::eval::run(EvalArgs {
        policy: args.policy,
        input: traffic.display().to_string(),
        output: decisions.display().to_string(),
        summary: true,
        summary_json: Some(args.dir.join("summary.json")),
        strict: false,
        deadline_scale: 1,
        max_line_bytes: 2 << 20,
        cache: Default::default(),
        report: None,
    })?;
    eprintln!(
        "3. decisions are in {}; try `head -1 {}`",
        decisions.display(),
        decisions.display()
    );
    Ok(code)
}
