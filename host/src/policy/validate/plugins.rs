//! Validation of each `[[plugin]]`: names, limits, weights, grants,
//! settings size, and the component file itself (present, within size,
//! matching its sha256 pin, signed if the policy says so).

use super::{MAX_PLUGINS, ValidatedPlugin, valid_name};
use crate::decision::Action;
use crate::policy::error::Problems;
use crate::policy::raw::RawPolicy;
use crate::runtime::Isolation;
use crate::runtime::{Fields, LOAD_LIMITS, Limits, MAX_PLUGIN_MEMORY, MAX_STACK_BYTES, PluginSpec};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

const MAX_WASM_BYTES: u64 = LOAD_LIMITS.max_file_bytes as u64;
const MAX_SETTINGS_BYTES: usize = 64 << 10;
// The defaults the README's policy reference documents.
const DEFAULT_DEADLINE_MS: u64 = 10;
const DEFAULT_MEMORY_MIB: u64 = 16;
const DEFAULT_STACK_KIB: u64 = 512;
const MAX_STACK_KIB: u64 = (MAX_STACK_BYTES >> 10) as u64;

/// Every plugin entry that passed; problems go to `problems`.
pub(super) fn plugins(
    raw: &RawPolicy,
    dir: &Path,
    aggregate_mib: u64,
    trust: &super::trust::Trust,
    problems: &mut Problems<'_>,
) -> Vec<ValidatedPlugin> {
    let defaults = &raw.defaults;
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut plugins = Vec::new();
    for entry in raw.plugins.iter().take(MAX_PLUGINS) {
        let at = entry.span().start;
        let p = entry.get_ref();
        let pname = p.name.get_ref().clone();
        let field = |f: &str| format!("plugin.{pname}.{f}");
        if !valid_name(&pname) {
            problems.add(
                p.name.span().start,
                "plugin.name",
                format!(
                    "{pname:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'"
                ),
            );
        }
        if let Some(first) = names.get(&pname) {
            let line = problems.line(*first);
            problems.add(
                p.name.span().start,
                "plugin.name",
                format!(
                    "duplicate plugin name {pname:?} (first defined at line {line}); give each plugin a unique name"
                ),
            );
        } else {
            names.insert(pname.clone(), p.name.span().start);
        }

        let ranged = |value: Option<&toml::Spanned<u64>>,
                      fallback: Option<&toml::Spanned<u64>>,
                      default: u64| {
            value
                .or(fallback)
                .map_or((default, at), |v| (*v.get_ref(), v.span().start))
        };
        let (deadline_ms, d_at) = ranged(
            p.deadline_ms.as_ref(),
            defaults.deadline_ms.as_ref(),
            DEFAULT_DEADLINE_MS,
        );
        let (memory_mib, m_at) = ranged(
            p.memory_mib.as_ref(),
            defaults.memory_mib.as_ref(),
            DEFAULT_MEMORY_MIB,
        );
        let (stack_kib, s_at) = ranged(
            p.stack_kib.as_ref(),
            defaults.stack_kib.as_ref(),
            DEFAULT_STACK_KIB,
        );
        let max_mib = (MAX_PLUGIN_MEMORY >> 20) as u64;
        for (value, range, f, at) in [
            (deadline_ms, 1..=10_000u64, "deadline_ms", d_at),
            (memory_mib, 1..=max_mib, "memory_mib", m_at),
            (stack_kib, 32..=MAX_STACK_KIB, "stack_kib", s_at),
        ] {
            if !range.contains(&value) {
                let why = if f == "stack_kib" && value > MAX_STACK_KIB {
                    "; the wasm stack shares the host thread's 2 MiB stack"
                } else {
                    ""
                };
                problems.add(
                    at,
                    field(f),
                    format!(
                        "{value} is outside {}..={}{why}",
                        range.start(),
                        range.end()
                    ),
                );
            }
        }
        let weight = p.weight.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(0.0..=1.0).contains(&weight) {
            let at = p.weight.as_ref().map_or(at, |w| w.span().start);
            problems.add(at, field("weight"), format!("{weight} is outside [0, 1]"));
        }

        let grants = match &p.grants {
            None => None,
            Some(list) => {
                let mut fields = Fields::empty();
                for g in list.get_ref() {
                    match crate::policy::parse_field(g) {
                        Some(f) => fields |= f,
                        None => problems.add(
                            list.span().start,
                            field("grants"),
                            format!(
                                "unknown field {g:?}; known fields: {}",
                                crate::policy::field_names(Fields::all()).join(", ")
                            ),
                        ),
                    }
                }
                Some(fields)
            }
        };

        let settings_json = serde_json::to_string(&p.settings).unwrap_or_else(|_| "{}".to_string());
        if settings_json.len() > MAX_SETTINGS_BYTES {
            problems.add(
                at,
                field("settings"),
                format!(
                    "{} bytes as JSON, over the {MAX_SETTINGS_BYTES}-byte limit",
                    settings_json.len()
                ),
            );
        }

        let wasm_path = dir.join(p.wasm.get_ref());
        let w_at = p.wasm.span().start;
        let bytes = read_wasm(&wasm_path, w_at, &field, problems);
        let Some(bytes) = bytes else { continue };
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        if let Some(pin) = &p.sha256 {
            let expected = pin.get_ref().to_ascii_lowercase();
            if expected.len() != 64 || !expected.chars().all(|c| c.is_ascii_hexdigit()) {
                problems.add(pin.span().start, field("sha256"), "must be 64 hex digits");
            } else if expected != hex::encode(digest) {
                problems.add(
                    pin.span().start,
                    field("sha256"),
                    format!(
                        "{} has sha256 {}, but the policy pins {expected}; the file changed: rebuild or re-pin it",
                        wasm_path.display(),
                        hex::encode(digest)
                    ),
                );
            }
        }
        // Before anything compiles it: a plugin that must be signed and is
        // not (or not by a trusted key) never reaches the compiler.
        if !super::trust::check_plugin(trust, p, &wasm_path, &digest, problems) {
            continue;
        }
        plugins.push(ValidatedPlugin {
            spec: PluginSpec {
                name: Arc::from(pname.as_str()),
                bytes: Arc::from(bytes),
                digest,
                settings_json,
                limits: Limits {
                    deadline: Duration::from_millis(deadline_ms),
                    memory_bytes: (memory_mib as usize) << 20,
                    stack_bytes: (stack_kib as usize) << 10,
                },
                on_failure: p
                    .on_failure
                    .or(defaults.on_failure)
                    .unwrap_or(Action::Allow),
                isolation: p
                    .isolation
                    .or(defaults.isolation)
                    .unwrap_or(Isolation::Fresh),
                weight,
                grants,
                aggregate_budget: (aggregate_mib as usize) << 20,
            },
            enabled: p.enabled,
            wasm_path,
            at,
            scope: None,
        });
    }

    plugins
}

/// The component's bytes, if the file is there and within the size cap.
fn read_wasm(
    wasm_path: &Path,
    w_at: usize,
    field: &dyn Fn(&str) -> String,
    problems: &mut Problems<'_>,
) -> Option<Vec<u8>> {
    match crate::policy::read_capped(wasm_path, MAX_WASM_BYTES) {
        Err(e) => {
            problems.add(
                w_at,
                field("wasm"),
                format!(
                    "cannot read {}: {e}; paths are relative to the policy file",
                    wasm_path.display()
                ),
            );
            None
        }
        Ok(crate::policy::Capped::TooLarge { size, .. }) => {
            problems.add(
                w_at,
                field("wasm"),
                format!(
                    "{} is {size} bytes, over the {MAX_WASM_BYTES}-byte limit",
                    wasm_path.display(),
                ),
            );
            None
        }
        Ok(crate::policy::Capped::Read(b)) => Some(b),
    }
}
