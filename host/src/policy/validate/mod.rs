//! Validation: everything that can be checked without running a plugin.
//! Caps on sizes and counts, unique well-formed names, ordered thresholds,
//! references to known plugins, plugin files that exist and match their
//! sha256 pins, trusted keys and plugin signatures. Every problem found is reported, each with its line.

mod conditions;
mod lists;
mod plugins;
mod scoring;
mod settings;
mod trust;

pub use lists::ValidatedList;
pub(super) use settings::locate_settings_error;

use super::MAX_POLICY_BYTES;
use super::error::{Locator, PolicyError, Problems};
use super::raw::{Combine, Mode, RawPolicy};
use crate::decision::{Action, Directives};
use crate::features::{FeatureLimits, Features};
use crate::policy::condition::Cond;
use crate::runtime::PluginSpec;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAX_PLUGINS: usize = 32;
const MAX_RULES: usize = 256;
const MAX_STEPS: usize = 16;
const MAX_FIXTURES: usize = 256;
const DEFAULT_AGGREGATE_MIB: u64 = 64;
const DEFAULT_FIXTURE_DEADLINE_SCALE: u32 = 10;

/// A plugin entry that passed validation, with where it was declared.
#[derive(Debug, Clone)]
pub struct ValidatedPlugin {
    pub spec: PluginSpec,
    pub enabled: bool,
    pub wasm_path: PathBuf,
    /// Byte offset of the entry, for errors found while loading it.
    pub at: usize,
    /// Where the plugin runs (`when`), with its TOML; `None` runs everywhere.
    pub scope: Option<(Cond, String)>,
}

/// What a matching rule does to the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// `action = X`: at least X (the strongest raise wins).
    Raise,
    /// `cap = X`: at most X (an exemption).
    Cap,
    /// `floor = X`: at least X, applied with caps by priority (a denylist).
    Floor,
}

/// A compiled-ready rule: plugin indexes instead of names, its condition
/// compiled.
#[derive(Debug, Clone)]
pub struct Rule {
    pub name: String,
    /// The name as decisions report it (shared, not copied per decision).
    pub label: Arc<str>,
    /// The action the rule names; what it does with it is `kind`.
    pub action: Action,
    pub kind: RuleKind,
    pub priority: i64,
    pub when: Option<Cond>,
    /// `when` as written, for `palisade check`.
    pub when_source: Option<String>,
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

/// A ladder for part of the traffic, chosen by a request condition.
#[derive(Debug, Clone)]
pub struct Segment {
    pub name: String,
    pub when: Cond,
    pub when_source: String,
    pub ladder: Vec<Step>,
}

/// A smoke test the policy carries.
#[derive(Debug, Clone)]
pub struct Fixture {
    pub name: String,
    pub expect: crate::policy::Expect,
    pub features: Features,
    pub at: usize,
}

/// A policy that passed validation: every value checked, every file read.
#[derive(Debug, Clone)]
pub struct Validated {
    pub path: PathBuf,
    pub text: String,
    /// sha256 of the policy text.
    pub digest: String,
    /// sha256 of the text and every list file's content: changes when any
    /// of them does (equals a hash of `digest` alone without lists).
    pub inputs_digest: String,
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    pub mode: Mode,
    pub override_action: Option<Action>,
    pub plugins: Vec<ValidatedPlugin>,
    pub combine: Combine,
    pub ladder: Vec<Step>,
    /// Ladders chosen by conditions; the first match replaces `ladder`.
    pub segments: Vec<Segment>,
    pub rules: Vec<Rule>,
    pub action_directives: BTreeMap<Action, Directives>,
    pub fixtures: Vec<Fixture>,
    /// Deadlines × this when fixtures cut off by a deadline are retried.
    pub fixture_deadline_scale: u32,
    /// Named lists, loaded from their files.
    pub lists: BTreeMap<String, ValidatedList>,
}

impl Validated {
    /// The list files this policy read: a reload must watch them too, since
    /// a changed list is a changed policy (their digests are in
    /// `inputs_digest`).
    pub fn list_files(&self) -> Vec<PathBuf> {
        self.lists.values().map(|l| l.path.clone()).collect()
    }
}

/// Reads `path` (refusing an oversized file before reading it), parses
/// and validates it.
pub fn parse_and_validate(path: &Path) -> Result<Validated, PolicyError> {
    let bytes = super::source::read_policy(path)?;
    validate_bytes(bytes, path)
}

/// Parses and validates policy bytes as if read from `path` (plugin paths
/// resolve against its directory). Any input gives `Ok` or a precise
/// error, never a panic: the fuzz tests below feed it garbage.
pub fn validate_bytes(bytes: Vec<u8>, path: &Path) -> Result<Validated, PolicyError> {
    let shown = path.display().to_string();
    if bytes.len() as u64 > MAX_POLICY_BYTES {
        return Err(PolicyError::TooLarge {
            path: shown,
            size: bytes.len() as u64,
            limit: MAX_POLICY_BYTES,
        });
    }
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

/// Names of policies, plugins and rules: short lower-case identifiers.
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
) -> Result<Validated, Vec<super::Problem>> {
    let mut problems = Problems::new(&text);

    let name = raw.policy.name.get_ref().clone();
    if !valid_name(&name) {
        problems.add(
            raw.policy.name.span().start,
            "policy.name",
            format!(
                "{name:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'"
            ),
        );
    }
    let version = raw.policy.version.get_ref().clone();
    if version.is_empty() || version.len() > 64 || version.contains(char::is_whitespace) {
        problems.add(
            raw.policy.version.span().start,
            "policy.version",
            "must be 1-64 characters without spaces, e.g. \"1.4.0\"",
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
            raw.fixtures.len(),
            MAX_FIXTURES,
            "fixture",
            raw.fixtures.get(MAX_FIXTURES).map(|f| f.span().start),
        ),
    ] {
        if count > cap {
            problems.add(
                at.unwrap_or(0),
                what,
                format!("{count} entries, over the limit of {cap}"),
            );
        }
    }

    let agg_mib = raw
        .aggregates
        .memory_mib
        .as_ref()
        .map_or(DEFAULT_AGGREGATE_MIB, |m| *m.get_ref());
    if let Some(m) = &raw.aggregates.memory_mib
        && !(1..=4096).contains(m.get_ref())
    {
        problems.add(
            m.span().start,
            "aggregates.memory_mib",
            format!("{} is outside 1..=4096", m.get_ref()),
        );
    }

    let fixture_deadline_scale = match &raw.defaults.fixture_deadline_scale {
        None => DEFAULT_FIXTURE_DEADLINE_SCALE,
        Some(s) if (1..=1000).contains(s.get_ref()) => *s.get_ref(),
        Some(s) => {
            problems.add(
                s.span().start,
                "defaults.fixture_deadline_scale",
                format!("{} is outside 1..=1000", s.get_ref()),
            );
            DEFAULT_FIXTURE_DEADLINE_SCALE
        }
    };

    let trust = trust::trust(&raw, dir, &mut problems);
    let mut plugins = plugins::plugins(&raw, dir, agg_mib, &trust, &mut problems);
    let lists = lists::lists(&raw, dir, &mut problems);
    let index: HashMap<&str, usize> = raw
        .plugins
        .iter()
        .take(MAX_PLUGINS)
        .enumerate()
        .map(|(i, p)| (p.get_ref().name.get_ref().as_str(), i))
        .collect();
    let declared: Vec<&str> = raw.lists.keys().map(String::as_str).collect();
    let request_only = |place| conditions::Context {
        plugins: &index,
        lists: &lists,
        declared: &declared,
        detectors: false,
        place,
    };
    for entry in raw.plugins.iter().take(MAX_PLUGINS) {
        let p = entry.get_ref();
        let Some(when) = &p.when else { continue };
        let path = format!("plugin.{}.when", p.name.get_ref());
        let cx = request_only("a plugin's `when`");
        if let Some(cond) = conditions::condition(when, &path, &cx, &mut problems)
            && let Some(slot) = plugins
                .iter_mut()
                .find(|v| *v.spec.name == **p.name.get_ref())
        {
            slot.scope = Some((cond, scoring::source(&text, when)));
        }
    }
    let ladder = scoring::ladder(&raw, &mut problems);
    let segments = scoring::segments(
        &raw,
        &text,
        &request_only("a segment's `when`"),
        &mut problems,
    );
    let rule_cx = conditions::Context {
        plugins: &index,
        lists: &lists,
        declared: &declared,
        detectors: true,
        place: "a rule",
    };
    let rules = scoring::rules(&raw, &text, &rule_cx, &mut problems);
    let mut fixtures = Vec::new();
    for entry in raw.fixtures.iter().take(MAX_FIXTURES) {
        let at = entry.span().start;
        let f = entry.get_ref();
        let json = serde_json::to_vec(&f.request).unwrap_or_default();
        match Features::parse(&json, &FeatureLimits::default()) {
            Ok(features) => fixtures.push(Fixture {
                name: f.name.clone(),
                expect: f.expect.clone(),
                features,
                at,
            }),
            Err(e) => problems.add(
                at,
                format!("fixture.{}.request", f.name),
                format!("not a valid request: {e}"),
            ),
        }
    }

    let override_action = raw.policy.override_action.map(|a| a.into_inner());
    // Only for an otherwise valid policy: a plugin entry with a problem of
    // its own is not a missing plugin.
    if override_action.is_none() && problems.is_empty() {
        structure(&text, &plugins, &mut problems);
    }

    problems.into_result()?;
    // A list is part of the policy: its content is in `inputs_digest`, so a
    // changed list file is a changed policy. (`digest` stays the text's
    // alone: the last-known-good store checks it against the file.)
    let mut hasher = Sha256::new();
    hasher.update(text.as_bytes());
    for list in lists.values() {
        hasher.update(format!("\0list {} {}", list.name, hex::encode(list.digest)));
    }
    Ok(Validated {
        path: path.to_path_buf(),
        digest: hex::encode(Sha256::digest(text.as_bytes())),
        inputs_digest: hex::encode(hasher.finalize()),
        text,
        name,
        version,
        description: raw.policy.description,
        mode: raw.policy.mode,
        override_action,
        plugins,
        combine: raw.scoring.combine,
        ladder,
        segments,
        rules,
        action_directives: raw.actions,
        fixtures,
        fixture_deadline_scale,
        lists,
    })
}

/// The safeguard against truncated files: a policy that declares no plugin
/// (and no `override_action`) is what a prefix of a real policy cut before
/// its plugins looks like, and serving it would allow every request. It is
/// refused; allowing everything on purpose is said with
/// `override_action = "allow"`. (A prefix cut after its plugins but before
/// its ladder is caught by the reloader, see `Generation::acts`: such a
/// policy can be meant, e.g. to watch plugins fail open.)
fn structure(text: &str, plugins: &[ValidatedPlugin], problems: &mut Problems<'_>) {
    if plugins.is_empty() {
        problems.add(
            text.len(),
            "plugin",
            "the policy declares no [[plugin]]; this is what a truncated or half-written policy looks like, and it would allow every request. Declare the detectors, or set override_action = \"allow\" under [policy] to allow everything on purpose",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{valid_name, validate_bytes};
    use proptest::prelude::*;
    use std::path::Path;

    const SHIPPED: &str = include_str!("../../../../policies/default.toml");

    fn policy_path() -> std::path::PathBuf {
        Path::new(env!("PALISADE_ROOT")).join("policies/default.toml")
    }

    #[test]
    fn the_shipped_policy_validates() {
        validate_bytes(SHIPPED.as_bytes().to_vec(), &policy_path()).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let _ = validate_bytes(bytes, &policy_path());
        }

        #[test]
        fn mutated_policies_never_panic(
            cut in 0usize..SHIPPED.len(),
            flips in proptest::collection::vec((0usize..SHIPPED.len(), any::<u8>()), 0..8),
        ) {
            let mut bytes = SHIPPED.as_bytes().to_vec();
            for (at, byte) in flips {
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(1));
            let _ = validate_bytes(bytes, &policy_path());
        }
    }

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
