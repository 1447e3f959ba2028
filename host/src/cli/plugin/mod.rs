//! `palisade plugin …`: tools for plugin authors and vendors. `new` writes a
//! project, `build` compiles it to a component, `run` and `bench` load one
//! component in the sandbox against a file of requests (like `kwctl run` and
//! `kwctl bench`); `inspect` shows what a component is; `keygen`, `sign` and
//! `verify` handle detached signatures. Each subcommand's arguments live in
//! a module of its own.

mod bench;
mod build_cmd;
mod inspect;
mod new;
mod run;
mod sign;

use std::process::ExitCode;

/// `palisade plugin` and its subcommand.
#[derive(Debug, clap::Args)]
pub struct PluginArgs {
    #[command(subcommand)]
    pub command: PluginCommand,
}

/// The plugin tools, in the order an author meets them.
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
    /// Show what a plugin is: metadata, fields, imports and exports, digest, signature, cache.
    Inspect(inspect::InspectArgs),
    /// Write a new ed25519 signing key (KEY, mode 0600) and its public key (KEY.pub).
    Keygen(sign::KeygenArgs),
    /// Sign a plugin's exact bytes: writes FILE.sig beside it.
    Sign(sign::SignArgs),
    /// Check FILE.sig against public keys, as a policy with [trust] would.
    Verify(sign::VerifyArgs),
}

/// Runs the chosen subcommand.
pub fn run(args: PluginArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        PluginCommand::New(args) => new::run(args),
        PluginCommand::Build(args) => build_cmd::run(args),
        PluginCommand::Run(args) => run::run(args),
        PluginCommand::Bench(args) => bench::run(args),
        PluginCommand::Inspect(args) => inspect::run(args),
        PluginCommand::Keygen(args) => sign::keygen(args),
        PluginCommand::Sign(args) => sign::sign(args),
        PluginCommand::Verify(args) => sign::verify(args),
    }
}
