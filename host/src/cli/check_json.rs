//! `palisade check --json`: the compiled policy for tooling, with names as
//! written in the TOML (and conditions as written), one JSON document.

use palisade::policy::{Generation, PluginSlot, RuleKind, Step, field_names};
use serde_json::{Value, json};

fn ladder(steps: &[Step]) -> Value {
    steps
        .iter()
        .map(|s| json!({ "score": s.score, "action": s.action, "directives": s.directives }))
        .collect()
}

/// The JSON document for a compiled generation.
pub fn document(g: &Generation) -> Value {
    let plugins: Vec<Value> = g
        .plugins
        .iter()
        .zip(&g.scopes)
        .map(|(slot, scope)| {
            let when = scope.as_ref().map(|(_, src)| src.clone());
            match slot {
                PluginSlot::Disabled(name) => json!({ "name": &**name, "enabled": false, "when": when }),
                PluginSlot::Active(p) => json!({
                    "name": &*p.name,
                    "enabled": true,
                    "component": { "name": p.metadata.name, "version": p.metadata.version, "interface": p.metadata.interface },
                    "sha256": hex::encode(p.digest),
                    "weight": p.weight,
                    "deadline_ms": p.limits.deadline.as_millis() as u64,
                    "memory_mib": p.limits.memory_bytes >> 20,
                    "stack_kib": p.limits.stack_bytes >> 10,
                    "on_failure": p.on_failure,
                    "reads": field_names(p.fields),
                    "when": when,
                }),
            }
        })
        .collect();
    let rules: Vec<Value> = g
        .rules
        .iter()
        .map(|r| {
            let effect = match r.kind {
                RuleKind::Raise => "action",
                RuleKind::Cap => "cap",
                RuleKind::Floor => "floor",
            };
            json!({
                "name": r.name,
                effect: r.action,
                "priority": r.priority,
                "when": r.when_source,
                "all": r.all.iter().map(|(i, t)| (g.plugins.get(*i).map_or("?", |p| &**p.name()).to_string(), *t)).collect::<Vec<_>>(),
                "any": r.any.iter().map(|(i, t)| (g.plugins.get(*i).map_or("?", |p| &**p.name()).to_string(), *t)).collect::<Vec<_>>(),
                "tags_any": r.tags_any,
                "directives": r.directives,
            })
        })
        .collect();
    let segments: Vec<Value> = g
        .segments
        .iter()
        .map(|s| json!({ "name": s.name, "when": s.when_source, "ladder": ladder(&s.ladder) }))
        .collect();
    let lists: Vec<Value> = g
        .lists
        .values()
        .map(|l| {
            json!({
                "name": l.name,
                "kind": l.kind,
                "file": l.path.display().to_string(),
                "entries": l.list.len(),
                "memory_bytes": l.list.memory_bytes(),
                "sha256": hex::encode(l.digest),
            })
        })
        .collect();
    json!({
        "policy": g.name,
        "version": g.version,
        "label": &*g.label,
        "description": g.description,
        "mode": g.mode,
        "override_action": g.override_action,
        "source": g.source.display().to_string(),
        "sha256": g.digest,
        "inputs_sha256": g.inputs_digest,
        "plugins": plugins,
        "scoring": { "combine": g.combine, "ladder": ladder(&g.ladder), "segments": segments },
        "rules": rules,
        "lists": lists,
        "fixtures": g.fixtures,
        "warnings": super::check::grant_warnings(g),
    })
}
