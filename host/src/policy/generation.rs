//! The compiled, immutable form of a policy, and how it decides.

use super::condition::{Cond, Facts};
use super::error::{Locator, PolicyError, Problem};
use super::raw::{Combine, Mode};
use super::validate::{Fixture, Rule, Segment, Step, Validated, ValidatedList, ValidatedPlugin};
use crate::aggregates::AggregateStore;
use crate::decision::{Action, Decision, DetectorReport, Directives, Status, score_text};
use crate::features::Features;
use crate::runtime::{CompiledPlugin, Outcome, Runtime};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// Aggregate memory for a policy's fixture run: fixtures never touch the
/// live stores, so a reload cannot pollute the history.
const FIXTURE_AGGREGATE_BYTES: usize = 1 << 20;

/// A plugin as a generation holds it.
pub enum PluginSlot {
    Active(Arc<CompiledPlugin>),
    /// Kill-switched by `enabled = false`: reported as `skipped`.
    Disabled(Arc<str>),
}

impl PluginSlot {
    /// The plugin's name in the policy.
    pub fn name(&self) -> &Arc<str> {
        match self {
            PluginSlot::Active(p) => &p.name,
            PluginSlot::Disabled(name) => name,
        }
    }
}

/// One compiled policy. Never mutated after compilation; a reload builds a
/// new one and swaps it in whole.
pub struct Generation {
    pub id: u64,
    pub name: String,
    pub version: String,
    /// `name@version`, as decisions report it.
    pub label: Arc<str>,
    pub description: Option<String>,
    pub mode: Mode,
    pub override_action: Option<Action>,
    pub plugins: Vec<PluginSlot>,
    /// Where each plugin runs (`when`, with its TOML), parallel to
    /// `plugins`; `None` runs everywhere.
    pub scopes: Vec<Option<(Cond, String)>>,
    pub combine: Combine,
    /// The default ladder.
    pub ladder: Vec<Step>,
    /// Ladders chosen by request conditions; the first match wins.
    pub segments: Vec<Segment>,
    /// Rules by decreasing priority, ties in file order.
    pub rules: Vec<Rule>,
    /// Indexes of the cap and floor rules in the order they apply.
    pub(super) adjust_order: Vec<usize>,
    /// Which rules a request can match, by a field their `when` requires.
    pub(super) rule_index: super::resolve::RuleIndex,
    /// Named lists (shared with the conditions that use them).
    pub lists: BTreeMap<String, ValidatedList>,
    action_directives: [Directives; 5],
    pub fixtures: usize,
    pub source: PathBuf,
    /// sha256 of the policy text.
    pub digest: String,
    /// sha256 of the text and every list file it read: a changed list
    /// changes this, not `digest`.
    pub inputs_digest: String,
    pub loaded_at: SystemTime,
}

/// Loads every enabled plugin, then runs the policy's fixtures.
pub fn compile(v: Validated, runtime: &Arc<Runtime>, id: u64) -> Result<Generation, PolicyError> {
    let shown = v.path.display().to_string();
    let loc = Locator::new(&v.text);
    let mut problems = Vec::new();
    let mut plugins = Vec::new();
    let scopes = v.plugins.iter().map(|p| p.scope.clone()).collect();
    for p in &v.plugins {
        if !p.enabled {
            plugins.push(PluginSlot::Disabled(p.spec.name.clone()));
            continue;
        }
        match runtime.load(&p.spec) {
            Ok(compiled) => plugins.push(PluginSlot::Active(Arc::new(compiled))),
            // A settings error points at the key it is about.
            Err(crate::runtime::PluginError::Settings(msg)) => {
                let (at, field, msg) = super::validate::locate_settings_error(
                    &v.text,
                    &p.spec.name,
                    &p.spec.settings_json,
                    &msg,
                )
                .unwrap_or((p.at, format!("plugin.{}", p.spec.name), msg));
                problems.push(loc.problem(
                    at,
                    field,
                    format!(
                        "{} ({}): settings rejected by the plugin: {msg}",
                        p.wasm_path.display(),
                        short_digest(&p.spec.digest)
                    ),
                ))
            }
            Err(e) => problems.push(loc.problem(
                p.at,
                format!("plugin.{}", p.spec.name),
                format!(
                    "{} ({}): {e}",
                    p.wasm_path.display(),
                    short_digest(&p.spec.digest)
                ),
            )),
        }
    }
    if !problems.is_empty() {
        return Err(PolicyError::Invalid {
            path: shown,
            problems,
        });
    }
    let mut action_directives: [Directives; 5] = Default::default();
    for (action, directives) in &v.action_directives {
        action_directives[*action as usize] = directives.clone();
    }
    let generation = Generation {
        id,
        label: Arc::from(format!("{}@{}", v.name, v.version)),
        name: v.name,
        version: v.version,
        description: v.description,
        mode: v.mode,
        override_action: v.override_action,
        plugins,
        scopes,
        combine: v.combine,
        ladder: v.ladder,
        segments: v.segments,
        adjust_order: super::resolve::adjust_order(&v.rules),
        rule_index: super::resolve::rule_index(&v.rules),
        rules: v.rules,
        lists: v.lists,
        action_directives,
        fixtures: v.fixtures.len(),
        source: v.path,
        digest: v.digest,
        inputs_digest: v.inputs_digest,
        loaded_at: SystemTime::now(),
    };
    let failures = generation.check_fixtures(&generation.plugins, &v.fixtures, &loc);
    if failures.is_empty() {
        return Ok(generation);
    }
    if !failures.iter().all(|f| f.deadline_only) {
        return Err(PolicyError::Invalid {
            path: shown,
            problems: failures.into_iter().map(|f| f.problem).collect(),
        });
    }
    let retry = Retry {
        shown,
        plugins: &v.plugins,
        fixtures: &v.fixtures,
        scale: v.fixture_deadline_scale,
    };
    retry_fixtures(generation, retry, runtime, &loc, failures)
}

/// What [`retry_fixtures`] needs of the validated policy.
struct Retry<'a> {
    shown: String,
    plugins: &'a [ValidatedPlugin],
    fixtures: &'a [Fixture],
    scale: u32,
}

/// Backoff before each retry of fixtures cut off by a deadline.
const FIXTURE_RETRY_BACKOFF: [Duration; 3] = [
    Duration::from_millis(100),
    Duration::from_millis(300),
    Duration::from_millis(900),
];

/// Fixtures whose only failure was a plugin deadline (a busy machine, not
/// a wrong policy) run again, a few times with backoff, against the same
/// plugins with deadlines × `fixture_deadline_scale`: fixtures check what a
/// policy decides, not how fast. The scaled plugins are loaded only here,
/// so a policy whose fixtures pass at once costs nothing more.
fn retry_fixtures(
    generation: Generation,
    v: Retry<'_>,
    runtime: &Arc<Runtime>,
    loc: &Locator<'_>,
    mut failures: Vec<FixtureFailure>,
) -> Result<Generation, PolicyError> {
    let Retry {
        shown,
        plugins,
        fixtures,
        scale,
    } = v;
    let mut scaled = Vec::with_capacity(plugins.len());
    for p in plugins {
        if !p.enabled {
            scaled.push(PluginSlot::Disabled(p.spec.name.clone()));
            continue;
        }
        let mut spec = p.spec.clone();
        spec.limits.deadline = spec.limits.deadline.saturating_mul(scale);
        match runtime.load(&spec) {
            Ok(compiled) => scaled.push(PluginSlot::Active(Arc::new(compiled))),
            Err(e) => {
                return Err(PolicyError::Invalid {
                    path: shown,
                    problems: vec![loc.problem(
                        p.at,
                        format!("plugin.{}", p.spec.name),
                        e.to_string(),
                    )],
                });
            }
        }
    }
    let mut tries = 1;
    for backoff in FIXTURE_RETRY_BACKOFF {
        std::thread::sleep(backoff);
        tries += 1;
        let failing: Vec<Fixture> = fixtures
            .iter()
            .filter(|f| failures.iter().any(|x| x.at == f.at))
            .cloned()
            .collect();
        tracing::info!(
            policy = %generation.label,
            fixtures = failing.len(),
            scale,
            "fixtures cut off by a plugin deadline; retrying with deadlines × {scale}"
        );
        failures = generation.check_fixtures(&scaled, &failing, loc);
        if failures.is_empty() {
            return Ok(generation);
        }
        if !failures.iter().all(|f| f.deadline_only) {
            return Err(PolicyError::Invalid {
                path: shown,
                problems: failures.into_iter().map(|f| f.problem).collect(),
            });
        }
    }
    Err(PolicyError::FixtureDeadline {
        path: shown,
        problems: failures.into_iter().map(|f| f.problem).collect(),
        tries,
        scale,
    })
}

/// A fixture that did not get its expected action.
struct FixtureFailure {
    at: usize,
    problem: Problem,
    /// Every failed plugin failed by its deadline, and at least one did:
    /// more time could change the answer.
    deadline_only: bool,
}

fn short_digest(d: &[u8; 32]) -> String {
    format!("sha256 {}…", &hex::encode(d)[..12])
}

impl Generation {
    /// Decides one request: every active plugin scores it (instances from
    /// the shared pools), then the verdicts combine.
    pub fn decide(&self, features: &Features) -> Decision {
        let _span =
            tracing::debug_span!("decide", id = %features.id, generation = self.id).entered();
        if self.override_action.is_some() {
            return self.combine(features, Vec::new());
        }
        let outcomes = self
            .plugins
            .iter()
            .enumerate()
            .map(|(i, slot)| match slot {
                PluginSlot::Disabled(_) => Outcome::skipped(),
                PluginSlot::Active(p) => self
                    .out_of_scope(i, features)
                    .unwrap_or_else(|| p.detect(features)),
            })
            .collect();
        self.combine(features, outcomes)
    }

    /// `Some(skipped)` if plugin `index` has a `when` that `features` do
    /// not match: it does not run, and costs nothing, there.
    pub fn out_of_scope(&self, index: usize, features: &Features) -> Option<Outcome> {
        let (scope, _) = self.scopes.get(index)?.as_ref()?;
        (!scope.eval(&Facts::request(features))).then(|| Outcome {
            score: 0.0,
            reasons: vec!["not in scope".to_string()],
            tags: Vec::new(),
            status: Status::Skipped,
            micros: 0,
        })
    }

    /// Decides several requests at once, plugin by plugin: each plugin
    /// scores the whole batch while its code and instance are hot in the
    /// caches, instead of five plugins taking turns evicting each other per
    /// request. Each plugin still sees the requests in order, and stores are
    /// per plugin, so every decision equals what [`Generation::decide`]
    /// would give for the same sequence.
    pub fn decide_batch<F: AsRef<Features>>(&self, batch: &[F]) -> Vec<Decision> {
        let _span = tracing::debug_span!("decide_batch", size = batch.len(), generation = self.id)
            .entered();
        if self.override_action.is_some() {
            return batch
                .iter()
                .map(|f| self.combine(f.as_ref(), Vec::new()))
                .collect();
        }
        let mut outcomes: Vec<Vec<Outcome>> = batch
            .iter()
            .map(|_| Vec::with_capacity(self.plugins.len()))
            .collect();
        for (index, slot) in self.plugins.iter().enumerate() {
            match slot {
                PluginSlot::Active(p) if self.scopes.get(index).is_some_and(Option::is_some) => {
                    // Scoped: skip the requests out of scope, score the
                    // rest in one run, each outcome in its request's row.
                    let mut run = Vec::with_capacity(batch.len());
                    for (i, f) in batch.iter().enumerate() {
                        match self.out_of_scope(index, f.as_ref()) {
                            Some(skipped) => outcomes[i].push(skipped),
                            None => run.push((i, f.as_ref())),
                        }
                    }
                    let features: Vec<&Features> = run.iter().map(|(_, f)| *f).collect();
                    p.detect_many(&features, |j, outcome| {
                        if let Some((i, _)) = run.get(j) {
                            outcomes[*i].push(outcome);
                        }
                    })
                }
                PluginSlot::Active(p) => {
                    p.detect_many(batch, |i, outcome| outcomes[i].push(outcome))
                }
                PluginSlot::Disabled(_) => {
                    outcomes.iter_mut().for_each(|o| o.push(Outcome::skipped()))
                }
            }
        }
        batch
            .iter()
            .zip(outcomes)
            .map(|(f, outcomes)| self.combine(f.as_ref(), outcomes))
            .collect()
    }

    /// Runs the fixtures with scratch aggregates and fresh instances of
    /// `plugins` (this generation's, or the same with longer deadlines).
    fn check_fixtures(
        &self,
        plugins: &[PluginSlot],
        fixtures: &[Fixture],
        loc: &Locator<'_>,
    ) -> Vec<FixtureFailure> {
        let mut failures = Vec::new();
        for fixture in fixtures {
            let scratch = Arc::new(AggregateStore::new(FIXTURE_AGGREGATE_BYTES));
            let outcomes: Vec<Outcome> = plugins
                .iter()
                .enumerate()
                .map(|(i, slot)| match slot {
                    PluginSlot::Disabled(_) => Outcome::skipped(),
                    PluginSlot::Active(p) => self
                        .out_of_scope(i, &fixture.features)
                        .unwrap_or_else(|| p.detect_in(&mut None, &fixture.features, &scratch)),
                })
                .collect();
            let failed = || outcomes.iter().filter(|o| o.status.is_failure());
            let deadline_only =
                failed().count() > 0 && failed().all(|o| o.status == Status::Timeout);
            let decision = self.combine(&fixture.features, outcomes.clone());
            let problems = fixture.expect.check(&decision);
            if !problems.is_empty() {
                failures.push(FixtureFailure {
                    at: fixture.at,
                    deadline_only,
                    problem: loc.problem(
                        fixture.at,
                        format!("fixture.{}", fixture.name),
                        format!(
                            "{} (score {}; {}); the policy would change this request's answer",
                            problems.join("; "),
                            self.score_text(decision.score),
                            decision.reasons.join("; ")
                        ),
                    ),
                });
            }
        }
        failures
    }

    /// Combines per-plugin outcomes (in policy order) into a decision for
    /// `features`: the ladder, the rules, caps, floors and failed plugins'
    /// `on_failure`, in the order `resolve.rs` documents.
    pub fn combine(&self, features: &Features, outcomes: Vec<Outcome>) -> Decision {
        let mut reasons = Vec::new();
        let mut matched = Vec::new();
        let (action, score, mut directives) = match self.override_action {
            Some(forced) => {
                reasons.push(format!("policy override: every request gets {forced}"));
                (forced, 0.0, Directives::default())
            }
            None => {
                let score = self.score(&outcomes);
                let facts = Facts {
                    features,
                    detectors: Some((&outcomes, score)),
                };
                let r = self.resolve(&facts, &outcomes, score, &mut reasons, &mut matched);
                (r.action, score, r.directives)
            }
        };
        if self.override_action.is_none() && action > Action::Allow {
            for (slot, outcome) in self.plugins.iter().zip(&outcomes) {
                if outcome.status == Status::Ok
                    && outcome.score >= 0.5
                    && let Some(first) = outcome.reasons.first()
                {
                    reasons.push(format!("{}: {first}", slot.name()));
                }
            }
        }
        directives.merge(&self.action_directives[action as usize]);

        let detectors = self
            .plugins
            .iter()
            .zip(outcomes)
            .map(|(slot, o)| DetectorReport {
                name: slot.name().clone(),
                score: o.score,
                reasons: o.reasons,
                tags: o.tags,
                status: o.status,
                micros: o.micros,
            })
            .collect();
        let (action, would_action, directives) = match self.mode {
            Mode::Enforce => (action, None, directives),
            Mode::Shadow => (Action::Allow, Some(action), Directives::default()),
        };
        Decision {
            id: features.id.clone(),
            rules: matched,
            action,
            score: self.shown_score(score),
            policy: self.label.clone(),
            generation: self.id,
            reasons,
            directives,
            detectors,
            would_action,
            ts_clamped_from: None,
        }
    }

    /// `score` to four decimals for the answer, or as many more as keep it
    /// on its side of every ladder step (the common case costs no text).
    fn shown_score(&self, score: f64) -> f64 {
        let rounded = (score * 10_000.0).round() / 10_000.0;
        if self.thresholds().all(|t| (rounded >= t) == (score >= t)) {
            rounded
        } else {
            self.score_text(score).parse().unwrap_or(score)
        }
    }

    /// `score` as text that stays on its side of every ladder step (see
    /// [`score_text`]).
    fn score_text(&self, score: f64) -> String {
        score_text(score, self.thresholds())
    }

    /// Every ladder step's score: the default ladder's and each segment's.
    fn thresholds(&self) -> impl Iterator<Item = f64> + Clone + '_ {
        self.ladder
            .iter()
            .chain(self.segments.iter().flat_map(|s| s.ladder.iter()))
            .map(|s| s.score)
    }

    /// The combined score over plugins that answered.
    fn score(&self, outcomes: &[Outcome]) -> f64 {
        let weighted = self
            .plugins
            .iter()
            .zip(outcomes)
            .filter_map(|(slot, o)| match slot {
                PluginSlot::Active(p) if o.status == crate::decision::Status::Ok => {
                    Some((p.weight, o.score))
                }
                _ => None,
            });
        let score = match self.combine {
            Combine::NoisyOr => 1.0 - weighted.fold(1.0, |acc, (w, s)| acc * (1.0 - w * s)),
            Combine::Max => weighted.fold(0.0, |acc: f64, (w, s)| acc.max(w * s)),
            Combine::Mean => {
                let (num, den) = weighted.fold((0.0, 0.0), |(n, d), (w, s)| (n + w * s, d + w));
                if den > 0.0 { num / den } else { 0.0 }
            }
        };
        score.clamp(0.0, 1.0)
    }

    /// The list files this generation read: a reload must watch them with
    /// the policy (a changed list changes `inputs_digest`).
    pub fn list_files(&self) -> Vec<PathBuf> {
        self.lists.values().map(|l| l.path.clone()).collect()
    }

    /// Whether anything in the policy can produce an action other than
    /// `allow` (a ladder step, a rule, an active plugin's `on_failure`, or
    /// the override). A prefix of a real policy cut before its `[scoring]`
    /// cannot: the reloader does not let a file change turn a policy that
    /// acts into one that allows everything.
    pub fn acts(&self) -> bool {
        self.override_action.is_some_and(|a| a > Action::Allow)
            || self.ladder.iter().any(|s| s.action > Action::Allow)
            || self.rules.iter().any(|r| r.action > Action::Allow)
            || self.active_plugins().any(|p| p.on_failure > Action::Allow)
    }

    /// The active plugins, in policy order.
    pub fn active_plugins(&self) -> impl Iterator<Item = &Arc<CompiledPlugin>> {
        self.plugins.iter().filter_map(|slot| match slot {
            PluginSlot::Active(p) => Some(p),
            PluginSlot::Disabled(_) => None,
        })
    }
}
