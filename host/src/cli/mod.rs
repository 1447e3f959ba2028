//! Command-line interface: argument definitions and dispatch.

mod cache;
mod check;
mod check_json;
mod demo;
mod diff;
mod eval;
mod generate;
mod plugin;
mod serve;
mod test;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Palisade: stop LLM distillation campaigns at the edge with sandboxed
/// WebAssembly detectors and hot-reloadable TOML policies.
#[derive(Debug, Parser)]
#[command(name = "palisade", version, about)]
pub struct Cli {
    /// Log level or filter (e.g. `info`, `palisade=debug`); also PALISADE_LOG.
    #[arg(long, global = true, default_value = "warn", env = "PALISADE_LOG")]
    pub log_level: String,
    /// Log format on stderr: `text` (coloured only on a terminal) or
    /// `json` (one JSON object per line, for log shippers); also
    /// PALISADE_LOG_FORMAT.
    #[arg(
        long,
        global = true,
        default_value = "text",
        env = "PALISADE_LOG_FORMAT"
    )]
    pub log_format: LogFormat,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide a JSONL file of requests and write JSONL decisions.
    Eval(eval::EvalArgs),
    /// Validate a policy and its plugins and show what would be loaded.
    Check(check::CheckArgs),
    /// Write seeded, labelled synthetic traffic (benign populations and campaigns).
    Gen(generate::GenArgs),
    /// Generate traffic and decide it with the default policy, end to end.
    Demo(demo::DemoArgs),
    /// Compare a candidate policy with the live one over recorded traffic: an action matrix and examples.
    Diff(diff::DiffArgs),
    /// Run policy tests (`*.test.toml`, `*.test.jsonl`): requests in order and what each must get.
    Test(test::TestArgs),
    /// Serve decisions over HTTP: decide, batch, status, the proxy check endpoint, metrics.
    Serve(serve::ServeArgs),
    /// Plugin tools: new, build, run, bench, inspect, keygen, sign, verify.
    Plugin(plugin::PluginArgs),
}

/// Runs the chosen command.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Eval(args) => eval::run(args),
        Command::Check(args) => check::run(args),
        Command::Gen(args) => generate::run(args),
        Command::Demo(args) => demo::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Test(args) => test::run(args),
        Command::Plugin(args) => plugin::run(args),
    }
}

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines; ANSI colours only when stderr is a terminal.
    Text,
    /// One JSON object per line (`timestamp`, `level`, `fields`, `target`).
    Json,
}

/// Logs go to stderr, so stdout stays clean for decisions.
pub fn init_tracing(filter: &str, format: LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        LogFormat::Json => builder.json().with_ansi(false).try_init(),
    };
}
