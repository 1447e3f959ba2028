//! The policy file as written: serde structs that mirror the TOML exactly,
//! with `deny_unknown_fields` everywhere so a typo is an error, not a
//! silently ignored setting. Nothing here is validated beyond types; see
//! `validate.rs`.

use crate::decision::{Action, Directives};
use crate::runtime::Isolation;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    pub policy: RawHeader,
    #[serde(default)]
    pub defaults: RawDefaults,
    #[serde(default)]
    pub aggregates: RawAggregates,
    #[serde(default, rename = "plugin")]
    pub plugins: Vec<Spanned<RawPlugin>>,
    #[serde(default)]
    pub scoring: RawScoring,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RawRule>>,
    /// Directives attached to the final action, whatever produced it.
    #[serde(default)]
    pub actions: BTreeMap<Action, Directives>,
    #[serde(default, rename = "fixture")]
    pub fixtures: Vec<Spanned<RawFixture>>,
    /// `[lists.NAME]`: named lists in files beside the policy.
    #[serde(default)]
    pub lists: BTreeMap<String, Spanned<RawList>>,
    /// `[trust]`: vendor keys and whether plugins must be signed.
    #[serde(default)]
    pub trust: RawTrust,
}

/// `[trust]`: which keys may sign plugins, and whether every plugin must
/// carry a signature (`FILE.sig`) from one of them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTrust {
    pub require_signatures: Option<Spanned<bool>>,
    /// `[trust.keys]`: name → a public key file (relative to the policy)
    /// or an inline `ed25519:BASE64` key.
    #[serde(default)]
    pub keys: BTreeMap<String, Spanned<String>>,
}

/// `[lists.NAME]`: what the list holds and where it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawList {
    pub kind: crate::policy::lists::ListKind,
    /// Relative to the policy's directory.
    pub file: Spanned<String>,
}

/// A condition (`when = …`): exactly one of `field` (with operators),
/// `all`, `any` or `not`. Every key is spanned so an error points at it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub all: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub any: Option<Spanned<Vec<Spanned<RawCondition>>>>,
    pub not: Option<Box<Spanned<RawCondition>>>,
    pub field: Option<Spanned<String>>,
    pub eq: Option<Spanned<toml::Value>>,
    #[serde(rename = "in")]
    pub in_: Option<Spanned<Vec<String>>>,
    pub in_list: Option<Spanned<String>>,
    pub in_cidr: Option<Spanned<Vec<String>>>,
    pub prefix: Option<Spanned<String>>,
    pub lt: Option<Spanned<f64>>,
    pub lte: Option<Spanned<f64>>,
    pub gt: Option<Spanned<f64>>,
    pub gte: Option<Spanned<f64>>,
    pub contains: Option<Spanned<String>>,
    pub contains_any: Option<Spanned<Vec<String>>>,
    pub present: Option<Spanned<bool>>,
}

/// `[policy]`: identity and mode.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    pub name: Spanned<String>,
    pub version: Spanned<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub mode: Mode,
    /// Kill switch for the whole policy: every request gets this action
    /// without running any plugin.
    #[serde(default)]
    pub override_action: Option<Spanned<Action>>,
}

/// `enforce` returns the action; `shadow` computes it, reports it as
/// `would_action` and returns `allow`.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    #[default]
    Enforce,
    Shadow,
}

/// `[defaults]`: values every plugin inherits unless it sets its own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    pub deadline_ms: Option<Spanned<u64>>,
    pub memory_mib: Option<Spanned<u64>>,
    pub stack_kib: Option<Spanned<u64>>,
    pub on_failure: Option<Action>,
    pub isolation: Option<Isolation>,
    /// Fixtures cut off by a plugin deadline are retried with deadlines ×
    /// this (1-1000, default 10): fixtures check logic, not latency.
    pub fixture_deadline_scale: Option<Spanned<u32>>,
}

/// `[aggregates]`: the memory cap for each plugin's aggregate store.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAggregates {
    pub memory_mib: Option<Spanned<u64>>,
}

/// One `[[plugin]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlugin {
    pub name: Spanned<String>,
    pub wasm: Spanned<String>,
    pub sha256: Option<Spanned<String>>,
    /// The `[trust.keys]` key whose signature this plugin must carry.
    pub signed_by: Option<Spanned<String>>,
    #[serde(default = "yes")]
    pub enabled: bool,
    pub weight: Option<Spanned<f64>>,
    pub deadline_ms: Option<Spanned<u64>>,
    pub memory_mib: Option<Spanned<u64>>,
    pub stack_kib: Option<Spanned<u64>>,
    pub on_failure: Option<Action>,
    pub isolation: Option<Isolation>,
    /// Fields the plugin may read; absent means whatever it declares.
    pub grants: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub settings: toml::Table,
    /// Scope: the plugin runs only on requests matching this (request
    /// fields only; reported `skipped`, "not in scope", elsewhere).
    pub when: Option<Spanned<RawCondition>>,
}

fn yes() -> bool {
    true
}

/// `[scoring]`: how detector scores combine and map to actions.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    #[serde(default)]
    pub combine: Combine,
    #[serde(default)]
    pub ladder: Vec<Spanned<RawStep>>,
    /// `[[scoring.segment]]`: ladders for parts of the traffic; the first
    /// whose `when` matches replaces `ladder`.
    #[serde(default, rename = "segment")]
    pub segments: Vec<Spanned<RawSegment>>,
}

/// One `[[scoring.segment]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    pub name: String,
    pub when: Spanned<RawCondition>,
    pub ladder: Vec<Spanned<RawStep>>,
}

/// How weighted detector scores become one score.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Combine {
    /// 1 − Π(1 − wᵢ·sᵢ): independent evidence accumulates, one strong
    /// detector suffices, and the result stays in [0, 1].
    #[default]
    NoisyOr,
    /// max(wᵢ·sᵢ).
    Max,
    /// Σwᵢ·sᵢ / Σwᵢ.
    Mean,
}

/// One ladder step: at or above `score`, at least `action`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub score: f64,
    pub action: Action,
    #[serde(default)]
    pub directives: Directives,
}

/// One `[[rule]]`: conditions and exactly one effect: `action` (raise to
/// at least), `cap` (lower to at most) or `floor` (raise to at least, after
/// caps).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub name: String,
    pub action: Option<Action>,
    pub cap: Option<Action>,
    pub floor: Option<Action>,
    /// Higher applies later among caps and floors (so it has the last word).
    pub priority: Option<Spanned<i64>>,
    pub when: Option<Spanned<RawCondition>>,
    /// Every listed plugin's score is at least its threshold.
    #[serde(default)]
    pub all: BTreeMap<String, f64>,
    /// At least one listed plugin's score is at least its threshold.
    #[serde(default)]
    pub any: BTreeMap<String, f64>,
    /// At least one detector reported one of these tags.
    #[serde(default)]
    pub tags_any: Vec<String>,
    #[serde(default)]
    pub directives: Directives,
}

/// One `[[fixture]]`: a request and what it must get (an action, or the
/// expectations of `palisade test`), checked before a policy may become
/// active.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFixture {
    pub name: String,
    #[serde(deserialize_with = "super::expect::Expect::deserialize_either")]
    pub expect: super::expect::Expect,
    /// The request features, as a TOML table in the JSON schema's shape.
    pub request: toml::Table,
}
