//! `palisade diff`: what promoting a candidate policy would change.

use anyhow::Context;
use palisade::eval::{EvalOptions, eval};
use palisade::report::PolicyInfo;
use palisade::runtime::Runtime;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
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
    /// Also write a self-contained HTML report (the action matrix, the
    /// populations that move, each policy's distributions) here.
    #[arg(long)]
    pub report: Option<PathBuf>,
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
    if let Some(path) = &args.report {
        write_report(&args, path, &options)?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.text());
    }
    Ok(ExitCode::SUCCESS)
}

/// Evaluates the input once more under fresh copies of both policies (fresh
/// runtimes: aggregate windows start empty, as in the comparison), keeping
/// each request's population and action, and writes the HTML report.
fn write_report(args: &DiffArgs, path: &Path, options: &EvalOptions) -> anyhow::Result<()> {
    let options = EvalOptions {
        record_actions: true,
        ..options.clone()
    };
    let live = palisade::policy::load(&args.policy, &Runtime::new(), 1)?;
    let candidate = palisade::policy::load(&args.candidate, &Runtime::new(), 2)?;
    let run = |g: &palisade::policy::Generation| -> anyhow::Result<palisade::report::Figures> {
        let file =
            File::open(&args.input).with_context(|| format!("opening {}", args.input.display()))?;
        let report = eval(
            g,
            BufReader::with_capacity(1 << 16, file),
            std::io::sink(),
            &options,
            &|_| {},
        )?;
        Ok(report.summary.figures)
    };
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| run(&live));
        let b = run(&candidate);
        let a = a
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the live policy's evaluation panicked")));
        (a, b)
    });
    let (a, b) = (a?, b?);
    let pairs = palisade::report::DiffFigures::pair(&a, &b)?;
    let (info_a, info_b) = (PolicyInfo::of(&live), PolicyInfo::of(&candidate));
    let page = palisade::report::diff_page(
        (&info_a, &a),
        (&info_b, &b),
        &args.input.display().to_string(),
        &pairs,
    );
    std::fs::write(path, page).with_context(|| format!("writing {}", path.display()))
}
