//! `palisade check`.
//!
//! Prints the compiled policy in the policy's own words (`noisy-or`,
//! `enforce`, `reuse`: what one writes in the TOML). What a plugin says about
//! itself (name, version, description) reaches here already escaped and
//! capped by the runtime (`palisade::runtime::text`), as do its settings
//! errors inside the load error.

use palisade::policy::{Generation, PluginSlot, RuleKind, Step, field_names};
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
        "policy {} ({} mode) from {}",
        generation.label,
        word(&generation.mode),
        generation.source.display()
    );
    println!("  sha256 {}", generation.digest);
    if let Some(action) = generation.override_action {
        println!("  OVERRIDE: every request gets {action}; no plugin runs");
    }
    for (slot, scope) in generation.plugins.iter().zip(&generation.scopes) {
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
                if !p.metadata.description.is_empty() {
                    println!("    {}", p.metadata.description);
                }
                println!("    sha256 {}", hex::encode(p.digest));
                println!(
                    "    deadline_ms {}, memory_mib {}, stack_kib {}, on_failure {}, isolation {}, weight {}, aggregates {}",
                    p.limits.deadline.as_millis(),
                    p.limits.memory_bytes >> 20,
                    p.limits.stack_bytes >> 10,
                    p.on_failure,
                    word(&p.isolation),
                    p.weight,
                    if p.stateful { "yes" } else { "no" }
                );
                println!("    reads: {}", field_names(p.fields).join(", "));
                if let Some((_, when)) = scope {
                    println!("    runs when {when}");
                }
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
        "  scoring combine {}, ladder: {}",
        word(&generation.combine),
        ladder(&generation.ladder)
    );
    for segment in &generation.segments {
        println!(
            "  segment {} when {}: ladder {}",
            segment.name,
            segment.when_source,
            ladder(&segment.ladder)
        );
    }
    for rule in &generation.rules {
        let effect = match rule.kind {
            RuleKind::Raise => format!("at least {}", rule.action),
            RuleKind::Cap => format!("cap at {}", rule.action),
            RuleKind::Floor => format!("floor at {}", rule.action),
        };
        println!(
            "  rule {}: {effect}, priority {}{}",
            rule.name,
            rule.priority,
            rule_conditions(&generation, rule)
        );
    }
    for list in generation.lists.values() {
        println!(
            "  list {} ({}): {} entries from {}",
            list.name,
            list.kind.as_str(),
            list.list.len(),
            list.path.display()
        );
    }
    println!("  fixtures: {} passed", generation.fixtures);
    println!("ok");
    Ok(ExitCode::SUCCESS)
}

fn ladder(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| format!("≥{} {}", s.score, s.action))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A rule's conditions as written: `when`, score thresholds, tags.
fn rule_conditions(g: &Generation, rule: &palisade::policy::Rule) -> String {
    let scores = |pairs: &[(usize, f64)]| {
        pairs
            .iter()
            .map(|(i, t)| {
                let name = g.plugins.get(*i).map_or("?", |p| &**p.name());
                format!("{name} ≥ {t}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    if let Some(when) = &rule.when_source {
        out.push_str(&format!(", when {when}"));
    }
    if !rule.all.is_empty() {
        out.push_str(&format!(", all of {}", scores(&rule.all)));
    }
    if !rule.any.is_empty() {
        out.push_str(&format!(", any of {}", scores(&rule.any)));
    }
    if !rule.tags_any.is_empty() {
        out.push_str(&format!(", tags any of {}", rule.tags_any.join(", ")));
    }
    out
}

/// A policy value as written in the TOML (its serde name): `noisy-or`,
/// `enforce`, `reuse`, rather than the Rust debug name.
fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".to_string(),
    }
}
