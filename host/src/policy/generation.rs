//! The compiled, immutable form of a policy, and how it decides.

use super::error::{Locator, PolicyError, Problem};
use super::raw::{Combine, Mode};
use super::validate::{Fixture, Rule, Step, Validated, ValidatedPlugin};
use crate::aggregates::AggregateStore;
use crate::decision::{Action, Decision, DetectorReport, Directives, Status, score_text};
use crate::features::Features;
use crate::runtime::{CompiledPlugin, Outcome, Runtime};
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
    pub combine: Combine,
    pub ladder: Vec<Step>,
    pub rules: Vec<Rule>,
    action_directives: [Directives; 5],
    pub fixtures: usize,
    pub source: PathBuf,
    /// sha256 of the policy text.
    pub digest: String,
    pub loaded_at: SystemTime,
}

/// Loads every enabled plugin, then runs the policy's fixtures.
pub fn compile(v: Validated, runtime: &Arc<Runtime>, id: u64) -> Result<Generation, PolicyError> {
    let shown = v.path.display().to_string();
    let loc = Locator::new(&v.text);
    let mut problems = Vec::new();
    let mut plugins = Vec::new();
    for p in &v.plugins {
        if !p.enabled {
            plugins.push(PluginSlot::Disabled(p.spec.name.clone()));
            continue;
        }
        match runtime.load(&p.spec) {
            Ok(compiled) => plugins.push(PluginSlot::Active(Arc::new(compiled))),
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
        combine: v.combine,
        ladder: v.ladder,
        rules: v.rules,
        action_directives,
        fixtures: v.fixtures.len(),
        source: v.path,
        digest: v.digest,
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
            return self.combine(&features.id, Vec::new());
        }
        let outcomes = self
            .plugins
            .iter()
            .map(|slot| match slot {
                PluginSlot::Active(p) => p.detect(features),
                PluginSlot::Disabled(_) => Outcome::skipped(),
            })
            .collect();
        self.combine(&features.id, outcomes)
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
                .map(|f| self.combine(&f.as_ref().id, Vec::new()))
                .collect();
        }
        let mut outcomes: Vec<Vec<Outcome>> = batch
            .iter()
            .map(|_| Vec::with_capacity(self.plugins.len()))
            .collect();
        for slot in &self.plugins {
            match slot {
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
            .map(|(f, outcomes)| self.combine(&f.as_ref().id, outcomes))
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
                .map(|slot| match slot {
                    PluginSlot::Active(p) => p.detect_in(&mut None, &fixture.features, &scratch),
                    PluginSlot::Disabled(_) => Outcome::skipped(),
                })
                .collect();
            let failed = || outcomes.iter().filter(|o| o.status.is_failure());
            let deadline_only =
                failed().count() > 0 && failed().all(|o| o.status == Status::Timeout);
            let decision = self.combine(&fixture.features.id, outcomes.clone());
            let got = decision.would_action.unwrap_or(decision.action);
            if got != fixture.expect {
                failures.push(FixtureFailure {
                    at: fixture.at,
                    deadline_only,
                    problem: loc.problem(
                        fixture.at,
                        format!("fixture.{}", fixture.name),
                        format!(
                            "expected {}, got {} (score {}; {}); the policy would change this request's answer",
                            fixture.expect,
                            got,
                            self.score_text(decision.score),
                            decision.reasons.join("; ")
                        ),
                    ),
                });
            }
        }
        failures
    }

    /// Combines per-plugin outcomes (in policy order) into a decision: the
    /// score ladder, the rules and each failed plugin's failure outcome each
    /// propose an action, and the strongest wins.
    pub fn combine(&self, id: &str, outcomes: Vec<Outcome>) -> Decision {
        let mut reasons = Vec::new();
        let mut directives = Directives::default();
        let (mut action, score) = match self.override_action {
            Some(forced) => {
                reasons.push(format!("policy override: every request gets {forced}"));
                (forced, 0.0)
            }
            None => (Action::Allow, self.score(&outcomes)),
        };

        if self.override_action.is_none() {
            if let Some(step) = self.ladder.iter().rev().find(|s| score >= s.score) {
                action = action.max(step.action);
                directives.merge(&step.directives);
                if step.action > Action::Allow {
                    reasons.push(format!(
                        "score {} ≥ {} → {}",
                        self.score_text(score),
                        step.score,
                        step.action
                    ));
                }
            }
            for rule in &self.rules {
                if self.rule_matches(rule, &outcomes) {
                    action = action.max(rule.action);
                    directives.merge(&rule.directives);
                    reasons.push(format!("rule {} → {}", rule.name, rule.action));
                }
            }
            for (slot, outcome) in self.plugins.iter().zip(&outcomes) {
                if let (PluginSlot::Active(p), true) = (slot, outcome.status.is_failure()) {
                    action = action.max(p.on_failure);
                    reasons.push(format!(
                        "{}: {} ({}) → on_failure {}",
                        p.name,
                        outcome.status.as_str(),
                        outcome.reasons.first().map_or("", String::as_str),
                        p.on_failure
                    ));
                }
            }
            if action > Action::Allow {
                for (slot, outcome) in self.plugins.iter().zip(&outcomes) {
                    if outcome.status == crate::decision::Status::Ok
                        && outcome.score >= 0.5
                        && let Some(first) = outcome.reasons.first()
                    {
                        reasons.push(format!("{}: {first}", slot.name()));
                    }
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
            id: id.to_string(),
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
        if self
            .ladder
            .iter()
            .all(|s| (rounded >= s.score) == (score >= s.score))
        {
            rounded
        } else {
            self.score_text(score).parse().unwrap_or(score)
        }
    }

    /// `score` as text that stays on its side of every ladder step (see
    /// [`score_text`]).
    fn score_text(&self, score: f64) -> String {
        score_text(score, self.ladder.iter().map(|s| s.score))
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

    fn rule_matches(&self, rule: &Rule, outcomes: &[Outcome]) -> bool {
        let passes = |(i, threshold): &(usize, f64)| {
            outcomes
                .get(*i)
                .is_some_and(|o| o.status == crate::decision::Status::Ok && o.score >= *threshold)
        };
        (rule.all.is_empty() || rule.all.iter().all(passes))
            && (rule.any.is_empty() || rule.any.iter().any(passes))
            && (rule.tags_any.is_empty()
                || outcomes
                    .iter()
                    .any(|o| o.tags.iter().any(|t| rule.tags_any.contains(t))))
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
