//! `palisade gen`.

use anyhow::Context;
use palisade_traffic::{GenConfig, Mix, generate};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

#[derive(Debug, Clone, clap::Args)]
pub struct GenArgs {
    /// Random seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Multiplies the number of accounts (1.0 ≈ 90,000 requests).
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Phrasing and cadence bank: 0 for tuning, 1 and up held out.
    #[arg(long, default_value_t = 0)]
    pub variant: u32,
    /// Population weights, e.g. `casual=2,reseller-network=0` (`all=0,low-and-slow=1` isolates one).
    #[arg(long)]
    pub mix: Option<String>,
    /// Give every campaign account its own card, an aged account, a popular client and a residential /24 of
    /// its own, so that only content and behaviour can catch the campaigns (the quality table's ablation).
    #[arg(long)]
    pub disperse: bool,
    /// Event-time span in hours (default 72).
    #[arg(long)]
    pub hours: Option<u64>,
    /// Where to write JSONL; `-` for stdout.
    #[arg(long, default_value = "-")]
    pub output: String,
}

impl GenArgs {
    /// The generator configuration these arguments describe.
    pub fn config(&self) -> anyhow::Result<GenConfig> {
        let mut config = GenConfig {
            seed: self.seed,
            scale: self.scale,
            variant: self.variant,
            disperse: self.disperse,
            ..GenConfig::default()
        };
        if let Some(mix) = &self.mix {
            config.mix = mix.parse::<Mix>().with_context(|| format!("--mix {mix}"))?;
        }
        if let Some(hours) = self.hours {
            config.duration_ms = hours * 3_600_000;
        }
        Ok(config)
    }
}

pub fn run(args: GenArgs) -> anyhow::Result<ExitCode> {
    let config = args.config()?;
    let out: Box<dyn Write> = if args.output == "-" {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        Box::new(BufWriter::new(
            std::fs::File::create(&args.output)
                .with_context(|| format!("creating {}", args.output))?,
        ))
    };
    let stats = generate(&config, out).context("generating traffic")?;
    eprintln!(
        "wrote {} requests from {} accounts",
        stats.requests, stats.accounts
    );
    for (label, (requests, accounts)) in &stats.by_label {
        eprintln!("  {label:<30} {requests:>8} requests {accounts:>6} accounts");
    }
    Ok(ExitCode::SUCCESS)
}
