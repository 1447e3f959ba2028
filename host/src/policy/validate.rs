//! Validation: everything that can be checked without running a plugin.
//! Caps on sizes and counts, unique well-formed names, ordered thresholds,
//! references to known plugins, plugin files that exist and match their
//! sha256 pins. Every problem found is reported, each with its line.

use super::MAX_POLICY_BYTES;
use super::error::{Locator, PolicyError, Problem};
use super::raw::{Combine, Isolation, Mode, RawPolicy};
use crate::decision::{Action, Directives};
use crate::features::{FeatureLimits, Features};
use crate::runtime::{Fields, Limits, MAX_PLUGIN_MEMORY, PluginSpec};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const MAX_PLUGINS: usize = 32;
const MAX_RULES: usize = 256;
const MAX_STEPS: usize = 16;
const MAX_FIXTURES: usize = 256;
const MAX_WASM_BYTES: u64 = 64 << 20;
const MAX_SETTINGS_BYTES: usize = 64 << 10;

const DEFAULT_DEADLINE_MS: u64 = 20;
const DEFAULT_MEMORY_MIB: u64 = 32;
const DEFAULT_STACK_KIB: u64 = 512;
const DEFAULT_AGGREGATE_MIB: u64 = 64;

/// A plugin entry that passed validation, with where it was declared.
#[derive(Debug, Clone)]
pub struct ValidatedPlugin {
    pub spec: PluginSpec,
    pub enabled: bool,
    pub wasm_path: PathBuf,
    /// Byte offset of the entry, for errors found while loading it.
    pub at: usize,
}

/// A compiled-ready rule: plugin indexes instead of names.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    pub action: Action,
    pub all: Vec<(usize, f64)>,
    pub any: Vec<(usize, f64)>,
    pub tags_any: Vec<String>,
    pub directives: Directives,
}

/// A ladder step.
#[derive(Debug, Clone)]
pub struct Step {
    pub score: f64,
    pub action: Action,
    pub directives: Directives,
}

/// A smoke test the policy carries.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub name: String,
    pub expect: Action,
    pub features: Features,
    pub at: usize,
}

/// A policy that passed validation: every value checked, every file read.
#[derive(Debug, Clone)]
pub struct Validated {
    pub path: PathBuf,
    pub text: String,
    pub digest: String,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub mode: Mode,
    pub override_action: Option<Action>,
    pub plugins: Vec<ValidatedPlugin>,
    pub combine: Combine,
    pub ladder: Vec<Step>,
    pub rules: Vec<Rule>,
    pub action_directives: BTreeMap<Action, Directives>,
    pub fixtures: Vec<Fixture>,
}

/// Reads `path` (refusing oversized files), parses and validates it.
pub fn parse_and_validate(path: &Path) -> Result<Validated, PolicyError> {
    let shown = path.display().to_string();
    let read_err = |source| PolicyError::Read {
        path: shown.clone(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_POLICY_BYTES {
        return Err(PolicyError::TooLarge {
            path: shown,
            size,
            limit: MAX_POLICY_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    let text = String::from_utf8(bytes).map_err(|e| PolicyError::Invalid {
        path: shown.clone(),
        problems: vec![Locator::new("").problem(
            0,
            "",
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )],
    })?;
    let raw: RawPolicy = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        PolicyError::Invalid {
            path: shown.clone(),
            problems: vec![Locator::new(&text).problem(at, "", e.message().trim().to_string())],
        }
    })?;
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    validate(raw, text, path, &dir).map_err(|problems| PolicyError::Invalid {
        path: shown,
        problems,
    })
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn validate(
    raw: RawPolicy,
    text: String,
    path: &Path,
    dir: &Path,
) -> Result<Validated, Vec<Problem>> {
    let loc = Locator::new(&text);
    let mut problems = Vec::new();
    let mut bad =
        |at: usize, field: String, message: String| problems.push(loc.problem(at, field, message));

    let name = raw.policy.name.get_ref().clone();
    if !valid_name(&name) {
        bad(
            raw.policy.name.span().start,
            "policy.name".into(),
            format!(
                "{name:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'"
            ),
        );
    }
    let version = raw.policy.version.get_ref().clone();
    if version.is_empty() || version.len() > 64 || version.contains(char::is_whitespace) {
        bad(
            raw.policy.version.span().start,
            "policy.version".into(),
            "must be 1-64 characters without spaces, e.g. \"1.4.0\"".into(),
        );
    }

    // Counts first: a policy over a cap is refused before anything is read.
    for (count, cap, what, at) in [
        (
            raw.plugins.len(),
            MAX_PLUGINS,
            "plugin",
            raw.plugins.get(MAX_PLUGINS).map(|p| p.span().start),
        ),
        (
            raw.rules.len(),
            MAX_RULES,
            "rule",
            raw.rules.get(MAX_RULES).map(|r| r.span().start),
        ),
        (
            raw.scoring.ladder.len(),
            MAX_STEPS,
            "scoring.ladder",
            raw.scoring.ladder.get(MAX_STEPS).map(|s| s.span().start),
        ),
        (
            raw.fixtures.len(),
            MAX_FIXTURES,
            "fixture",
            raw.fixtures.get(MAX_FIXTURES).map(|f| f.span().start),
        ),
    ] {
        if count > cap {
            bad(
                at.unwrap_or(0),
                what.into(),
                format!("{count} entries, over the limit of {cap}"),
            );
        }
    }

    let defaults = &raw.defaults;
    let agg_mib = raw
        .aggregates
        .memory_mib
        .as_ref()
        .map_or(DEFAULT_AGGREGATE_MIB, |m| *m.get_ref());
    if let Some(m) = &raw.aggregates.memory_mib
        && !(1..=4096).contains(m.get_ref())
    {
        bad(
            m.span().start,
            "aggregates.memory_mib".into(),
            format!("{} is outside 1..=4096", m.get_ref()),
        );
    }

    let mut names: HashMap<String, usize> = HashMap::new();
    let mut plugins = Vec::new();
    for entry in raw.plugins.iter().take(MAX_PLUGINS) {
        let at = entry.span().start;
        let p = entry.get_ref();
        let pname = p.name.get_ref().clone();
        let field = |f: &str| format!("plugin.{pname}.{f}");
        if !valid_name(&pname) {
            bad(
                p.name.span().start,
                "plugin.name".into(),
                format!(
                    "{pname:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'"
                ),
            );
        }
        if let Some(first) = names.get(&pname) {
            let (line, _) = loc.position(*first);
            bad(
                p.name.span().start,
                "plugin.name".into(),
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
            (stack_kib, 32..=8_192, "stack_kib", s_at),
        ] {
            if !range.contains(&value) {
                bad(
                    at,
                    field(f),
                    format!("{value} is outside {}..={}", range.start(), range.end()),
                );
            }
        }
        let weight = p.weight.as_ref().map_or(1.0, |w| *w.get_ref());
        if !(0.0..=1.0).contains(&weight) {
            let at = p.weight.as_ref().map_or(at, |w| w.span().start);
            bad(at, field("weight"), format!("{weight} is outside [0, 1]"));
        }

        let grants = match &p.grants {
            None => None,
            Some(list) => {
                let mut fields = Fields::empty();
                for g in list.get_ref() {
                    match super::parse_field(g) {
                        Some(f) => fields |= f,
                        None => bad(
                            list.span().start,
                            field("grants"),
                            format!(
                                "unknown field {g:?}; known fields: {}",
                                super::field_names(Fields::all()).join(", ")
                            ),
                        ),
                    }
                }
                Some(fields)
            }
        };

        let settings_json = serde_json::to_string(&p.settings).unwrap_or_else(|_| "{}".to_string());
        if settings_json.len() > MAX_SETTINGS_BYTES {
            bad(
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
        let bytes = match std::fs::metadata(&wasm_path) {
            Err(e) => {
                bad(
                    w_at,
                    field("wasm"),
                    format!(
                        "cannot read {}: {e}; paths are relative to the policy file",
                        wasm_path.display()
                    ),
                );
                None
            }
            Ok(m) if m.len() > MAX_WASM_BYTES => {
                bad(
                    w_at,
                    field("wasm"),
                    format!(
                        "{} is {} bytes, over the {MAX_WASM_BYTES}-byte limit",
                        wasm_path.display(),
                        m.len()
                    ),
                );
                None
            }
            Ok(_) => match std::fs::read(&wasm_path) {
                Ok(b) => Some(b),
                Err(e) => {
                    bad(
                        w_at,
                        field("wasm"),
                        format!("cannot read {}: {e}", wasm_path.display()),
                    );
                    None
                }
            },
        };
        let Some(bytes) = bytes else { continue };
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        if let Some(pin) = &p.sha256 {
            let expected = pin.get_ref().to_ascii_lowercase();
            if expected.len() != 64 || !expected.chars().all(|c| c.is_ascii_hexdigit()) {
                bad(
                    pin.span().start,
                    field("sha256"),
                    "must be 64 hex digits".into(),
                );
            } else if expected != hex::encode(digest) {
                bad(
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
                aggregate_budget: (agg_mib as usize) << 20,
            },
            enabled: p.enabled,
            wasm_path,
            at,
        });
    }

    let index: HashMap<&str, usize> = raw
        .plugins
        .iter()
        .take(MAX_PLUGINS)
        .enumerate()
        .map(|(i, p)| (p.get_ref().name.get_ref().as_str(), i))
        .collect();

    let mut ladder = Vec::new();
    let mut previous: Option<(f64, Action, usize)> = None;
    for step in raw.scoring.ladder.iter().take(MAX_STEPS) {
        let at = step.span().start;
        let s = step.get_ref();
        if !(0.0..=1.0).contains(&s.score) {
            bad(
                at,
                "scoring.ladder.score".into(),
                format!("{} is outside [0, 1]", s.score),
            );
        }
        if let Some((prev_score, prev_action, prev_at)) = previous {
            let (line, _) = loc.position(prev_at);
            if s.score <= prev_score {
                bad(
                    at,
                    "scoring.ladder.score".into(),
                    format!(
                        "thresholds out of order: {} comes after {prev_score} (line {line}); list steps by increasing score",
                        s.score
                    ),
                );
            }
            if s.action <= prev_action {
                bad(
                    at,
                    "scoring.ladder.action".into(),
                    format!(
                        "actions out of order: {} comes after {prev_action} (line {line}); each step must be stronger than the one before",
                        s.action
                    ),
                );
            }
        }
        previous = Some((s.score, s.action, at));
        ladder.push(Step {
            score: s.score,
            action: s.action,
            directives: s.directives.clone(),
        });
    }

    let mut rules = Vec::new();
    let mut rule_names: HashMap<&str, usize> = HashMap::new();
    for entry in raw.rules.iter().take(MAX_RULES) {
        let at = entry.span().start;
        let r = entry.get_ref();
        if !valid_name(&r.name) {
            bad(
                at,
                "rule.name".into(),
                format!(
                    "{:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'",
                    r.name
                ),
            );
        }
        if let Some(first) = rule_names.insert(&r.name, at) {
            let (line, _) = loc.position(first);
            bad(
                at,
                "rule.name".into(),
                format!(
                    "duplicate rule name {:?} (first defined at line {line})",
                    r.name
                ),
            );
        }
        if r.all.is_empty() && r.any.is_empty() && r.tags_any.is_empty() {
            bad(
                at,
                format!("rule.{}", r.name),
                "has no condition; give it `all`, `any` or `tags_any`".into(),
            );
        }
        let mut resolve = |map: &BTreeMap<String, f64>, which: &str| -> Vec<(usize, f64)> {
            let mut out = Vec::new();
            for (plugin, threshold) in map {
                match index.get(plugin.as_str()) {
                    Some(i) => out.push((*i, *threshold)),
                    None => bad(
                        at,
                        format!("rule.{}.{which}", r.name),
                        format!(
                            "unknown plugin {plugin:?}; plugins are: {}",
                            index.keys().copied().collect::<Vec<_>>().join(", ")
                        ),
                    ),
                }
                if !(0.0..=1.0).contains(threshold) {
                    bad(
                        at,
                        format!("rule.{}.{which}.{plugin}", r.name),
                        format!("{threshold} is outside [0, 1]"),
                    );
                }
            }
            out
        };
        let all = resolve(&r.all, "all");
        let any = resolve(&r.any, "any");
        rules.push(Rule {
            name: r.name.clone(),
            action: r.action,
            all,
            any,
            tags_any: r.tags_any.clone(),
            directives: r.directives.clone(),
        });
    }

    let mut fixtures = Vec::new();
    for entry in raw.fixtures.iter().take(MAX_FIXTURES) {
        let at = entry.span().start;
        let f = entry.get_ref();
        let json = serde_json::to_vec(&f.request).unwrap_or_default();
        match Features::parse(&json, &FeatureLimits::default()) {
            Ok(features) => fixtures.push(Fixture {
                name: f.name.clone(),
                expect: f.expect,
                features,
                at,
            }),
            Err(e) => bad(
                at,
                format!("fixture.{}.request", f.name),
                format!("not a valid request: {e}"),
            ),
        }
    }

    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(problems);
    }
    Ok(Validated {
        path: path.to_path_buf(),
        digest: hex::encode(Sha256::digest(text.as_bytes())),
        text,
        name,
        version,
        description: raw.policy.description,
        mode: raw.policy.mode,
        override_action: raw.policy.override_action.map(|a| a.into_inner()),
        plugins,
        combine: raw.scoring.combine,
        ladder,
        rules,
        action_directives: raw.actions,
        fixtures,
    })
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn names_are_lower_case_identifiers() {
        assert!(valid_name("reasoning"));
        assert!(valid_name("cot-2_b"));
        assert!(!valid_name(""));
        assert!(!valid_name("Reasoning"));
        assert!(!valid_name("-x"));
        assert!(!valid_name(&"a".repeat(65)));
    }
}
