//! `palisade plugin …`: tools for plugin authors and vendors. Each
//! subcommand is a variant of [`PluginCommand`] with its arguments in a
//! module of its own.

mod inspect;
mod sign;

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct PluginArgs {
    #[command(subcommand)]
    pub command: PluginCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum PluginCommand {
    /// Write a new ed25519 signing key (KEY, mode 0600) and its public key (KEY.pub).
    Keygen(sign::KeygenArgs),
    /// Sign a plugin's exact bytes: writes FILE.sig beside it.
    Sign(sign::SignArgs),
    /// Check FILE.sig against public keys, as a policy with [trust] would.
    Verify(sign::VerifyArgs),
    /// Show what a plugin is: metadata, fields, imports and exports, digest, signature, cache.
    Inspect(inspect::InspectArgs),
}

/// Runs the chosen subcommand.
pub fn run(args: PluginArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        PluginCommand::Keygen(a) => sign::keygen(a),
        PluginCommand::Sign(a) => sign::sign(a),
        PluginCommand::Verify(a) => sign::verify(a),
        PluginCommand::Inspect(a) => inspect::run(a),
    }
}
