//! `palisade check`.

use palisade::policy::{PluginSlot, field_names};
use palisade::runtime::Runtime;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The policy file.
    #[arg(long)]
    pub policy: PathBuf,
    /// Print the compiled policy as JSON (for tooling) instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let runtime = Runtime::new();
    let generation = match palisade::policy::load(&args.policy, &runtime, 1) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    if args.json {
        println!("{:#}", super::check_json::document(&generation));
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "policy {} ({:?} mode) from {}",
        generation.label,
        generation.mode,
        generation.source.display()
    );
    println!("  sha256 {}", generation.digest);
    if let Some(action) = generation.override_action {
        println!("  OVERRIDE: every request gets {action}; no plugin runs");
    }
    for slot in &generation.plugins {
        match slot {
            PluginSlot::Disabled(name) => {
                println!("  plugin {name}: disabled (reported as skipped)")
            }
            PluginSlot::Active(p) => {
                let withheld = p.metadata.reads & !p.fields;
                println!(
                    "  plugin {}: {} {} via {}",
                    p.name, p.metadata.name, p.metadata.version, p.metadata.interface
                );
                println!("    sha256 {}", hex::encode(p.digest));
                println!(
                    "    deadline {} ms, memory {} MiB, stack {} KiB, on_failure {}, isolation {:?}, weight {}, aggregates {}",
                    p.limits.deadline.as_millis(),
                    p.limits.memory_bytes >> 20,
                    p.limits.stack_bytes >> 10,
                    p.on_failure,
                    p.isolation,
                    p.weight,
                    if p.stateful { "yes" } else { "no" }
                );
                println!("    reads: {}", field_names(p.fields).join(", "));
                if withheld != palisade::runtime::Fields::empty() {
                    println!(
                        "    withheld (declared but not granted): {}",
                        field_names(withheld).join(", ")
                    );
                }
            }
        }
    }
    println!(
        "  scoring {:?}: {}",
        generation.combine,
        generation
            .ladder
            .iter()
            .map(|s| format!("≥{} {}", s.score, s.action))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for rule in &generation.rules {
        println!("  rule {} → {}", rule.name, rule.action);
    }
    println!("  fixtures: {} passed", generation.fixtures);
    println!("ok");
    Ok(ExitCode::SUCCESS)
}
