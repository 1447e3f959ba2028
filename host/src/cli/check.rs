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
    #[command(flatten)]
    pub cache: super::cache::CacheArgs,
}

/// A mismatch between what the policy grants a plugin and what the plugin
/// declares it reads: not an error (the policy may withhold on purpose),
/// but the silent kind of mistake (a plugin granted `prompt` that does not
/// declare it never sees it and scores 0).
#[derive(Debug, Clone, serde::Serialize)]
pub struct GrantWarning {
    pub plugin: String,
    pub field: String,
    /// `granted-not-declared` or `declared-not-granted`.
    pub kind: &'static str,
    pub message: String,
}

/// Every grant mismatch of the active plugins (those with `grants`).
pub fn grant_warnings(g: &Generation) -> Vec<GrantWarning> {
    let mut out = Vec::new();
    for slot in &g.plugins {
        let PluginSlot::Active(p) = slot else {
            continue;
        };
        let Some(granted) = p.grants else { continue };
        let declared = p.metadata.reads;
        let declared_names = field_names(declared);
        let reads = if declared_names.is_empty() {
            "none".to_string()
        } else {
            declared_names.join(", ")
        };
        for field in field_names(granted & !declared) {
            out.push(GrantWarning {
                plugin: p.name.to_string(),
                field: field.to_string(),
                kind: "granted-not-declared",
                message: format!(
                    "plugin.{}.grants: `{field}` is granted but the plugin does not declare it (it declares: {reads}), so it never receives it; if it should read it, add it to the plugin's Metadata reads and rebuild, else remove it from grants",
                    p.name
                ),
            });
        }
        for field in field_names(declared & !granted) {
            out.push(GrantWarning {
                plugin: p.name.to_string(),
                field: field.to_string(),
                kind: "declared-not-granted",
                message: format!(
                    "plugin.{}.grants: the plugin declares it reads `{field}`, but the policy does not grant it, so it sees it empty and may score lower; add \"{field}\" to grants, or keep it withheld on purpose",
                    p.name
                ),
            });
        }
    }
    out
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let runtime = Runtime::new();
    args.cache.apply(&runtime, None);
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
    println!("  {}", super::cache::summary(&runtime));
    for w in grant_warnings(&generation) {
        println!("warning: {}", w.message);
    }
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
