//! `palisade eval`.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use palisade::eval::{EvalOptions, eval};
use palisade::runtime::Runtime;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The policy file.
    #[arg(long)]
    pub policy: PathBuf,
    /// JSONL requests; `-` for stdin.
    #[arg(long, default_value = "-")]
    pub input: String,
    /// Where to write JSONL decisions; `-` for stdout.
    #[arg(long, default_value = "-")]
    pub output: String,
    /// Print actions taken and, for labelled input, detection quality.
    #[arg(long)]
    pub summary: bool,
    /// Also write the summary as JSON to this file.
    #[arg(long)]
    pub summary_json: Option<PathBuf>,
    /// Stop at the first bad line (exit 1) instead of reporting it.
    #[arg(long)]
    pub strict: bool,
    /// Multiply every plugin's deadline (1-1000). Deadlines are wall-clock:
    /// on a busy machine a replay can cut off a plugin the live traffic did
    /// not; a larger factor keeps a backtest faithful (loops still end).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub deadline_scale: u32,
    /// Longest input line accepted, in bytes.
    #[arg(long, default_value_t = 2 << 20)]
    pub max_line_bytes: usize,
    #[command(flatten)]
    pub cache: super::cache::CacheArgs,
    /// Also write a self-contained HTML report (score distributions with
    /// the ladder's steps, a threshold sweep, detector outcomes) here.
    #[arg(long)]
    pub report: Option<PathBuf>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let runtime = Runtime::new();
    args.cache.apply(&runtime, None);
    runtime.scale_deadlines(args.deadline_scale);
    let generation = palisade::policy::load(&args.policy, &runtime, 1)?;

    let (input, progress): (Box<dyn BufRead + Send>, Option<ProgressBar>) = if args.input == "-" {
        (Box::new(BufReader::new(std::io::stdin())), None)
    } else {
        let file = File::open(&args.input).with_context(|| format!("opening {}", args.input))?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(len);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            ) {
                bar.set_style(style);
            }
            bar
        });
        (Box::new(BufReader::with_capacity(1 << 16, file)), bar)
    };
    let output: Box<dyn Write> = if args.output == "-" {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        let file =
            File::create(&args.output).with_context(|| format!("creating {}", args.output))?;
        Box::new(BufWriter::with_capacity(1 << 16, file))
    };

    let options = EvalOptions {
        strict: args.strict,
        max_line_bytes: args.max_line_bytes,
        ..EvalOptions::default()
    };
    let tick = |bytes: u64| {
        if let Some(bar) = &progress {
            bar.inc(bytes);
        }
    };
    let result = eval(&generation, input, output, &options, &tick);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let report = match result {
        Ok(report) => report,
        Err(e @ palisade::eval::EvalError::Strict { .. }) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };

    let figures = report.summary.report();
    if args.summary {
        let secs = report.elapsed.as_secs_f64();
        let text = format!(
            "policy {} (generation {})\n{figures}throughput: {:.0} decisions/s ({} in {:.2} s, {} threads)\n",
            generation.label,
            generation.id,
            report.summary.decided as f64 / secs.max(1e-9),
            report.summary.decided,
            secs,
            rayon::current_num_threads()
        );
        if args.output == "-" {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
    if let Some(path) = &args.summary_json {
        let mut json = serde_json::to_value(&figures)?;
        json["elapsed_s"] = serde_json::json!(report.elapsed.as_secs_f64());
        json["policy"] = serde_json::json!(generation.label.to_string());
        std::fs::write(path, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.report {
        let page = palisade::report::eval_page(
            &palisade::report::PolicyInfo::of(&generation),
            &args.input,
            &report.summary.figures,
        );
        std::fs::write(path, page).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
