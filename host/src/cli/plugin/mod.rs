//! `palisade plugin …`: the plugin author's tools. `new` writes a project,
//! `build` compiles it to a component, `run` and `bench` load one component
//! in the sandbox, on its own, against a file of requests (like `kwctl run`
//! and `kwctl bench`).

mod bench;
mod build_cmd;
mod new;
mod run;

use std::process::ExitCode;

/// `palisade plugin` and its subcommand.
#[derive(Debug, clap::Args)]
pub struct PluginArgs {
    #[command(subcommand)]
    pub command: PluginCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PluginCommand {
    /// Write a new plugin project (a working detector, a unit test, a README, an example policy).
    New(new::NewArgs),
    /// Build a plugin project into a component (`NAME.wasm` in the project directory).
    Build(build_cmd::BuildArgs),
    /// Load one plugin in the sandbox and print its verdict on each request (JSONL).
    Run(run::RunArgs),
    /// Measure one plugin's latency per request (p50/p90/p99) and calls per second.
    Bench(bench::BenchArgs),
}

/// Runs the chosen subcommand.
pub fn run(args: PluginArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        PluginCommand::New(args) => new::run(args),
        PluginCommand::Build(args) => build_cmd::run(args),
        PluginCommand::Run(args) => run::run(args),
        PluginCommand::Bench(args) => bench::run(args),
    }
}
