//! The `palisade` binary: a thin shell over the library; every command
//! lives in `cli/`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

/// The server allocates a few dozen small buffers per request (parsed
/// features, verdict strings, the answer); mimalloc's thread-local free
/// lists make each a few instructions where glibc's malloc showed up as
/// ~7% of a loaded server's CPU.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    cli::init_tracing(&args.log_level, args.log_format);
    match cli::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
