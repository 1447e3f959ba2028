//! Validation of `[scoring]` ladders and `[[rule]]`s: ordered thresholds,
//! unique names, references to plugins that exist.

use super::conditions::{self, Context};
use super::{MAX_RULES, MAX_STEPS, Rule, RuleKind, Segment, Step, valid_name};
use crate::decision::Action;
use crate::policy::error::Problems;
use crate::policy::raw::{RawPolicy, RawStep};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use toml::Spanned;

/// Most segments (ladders chosen by conditions) one policy may have.
const MAX_SEGMENTS: usize = 32;

/// The default ladder, in order; problems go to `problems`.
pub(super) fn ladder(raw: &RawPolicy, problems: &mut Problems<'_>) -> Vec<Step> {
    steps(&raw.scoring.ladder, "scoring.ladder", problems)
}

/// The segments, each with its condition (request fields only) and ladder.
pub(super) fn segments(
    raw: &RawPolicy,
    text: &str,
    cx: &Context<'_>,
    problems: &mut Problems<'_>,
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut names: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in raw.scoring.segments.iter().enumerate() {
        let at = entry.span().start;
        if i == MAX_SEGMENTS {
            problems.add(
                at,
                "scoring.segment",
                format!(
                    "{} entries, over the limit of {MAX_SEGMENTS}",
                    raw.scoring.segments.len()
                ),
            );
            break;
        }
        let s = entry.get_ref();
        let path = format!("scoring.segment.{}", s.name);
        if !valid_name(&s.name) {
            problems.add(
                at,
                "scoring.segment.name",
                format!(
                    "{:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'",
                    s.name
                ),
            );
        }
        if let Some(first) = names.insert(&s.name, at) {
            let line = problems.line(first);
            problems.add(
                at,
                "scoring.segment.name",
                format!(
                    "duplicate segment name {:?} (first defined at line {line})",
                    s.name
                ),
            );
        }
        if s.ladder.is_empty() {
            problems.add(at, format!("{path}.ladder"), "needs at least one step");
        }
        let ladder = steps(&s.ladder, &format!("{path}.ladder"), problems);
        let when = conditions::condition(&s.when, &format!("{path}.when"), cx, problems);
        if let Some(when) = when {
            out.push(Segment {
                name: s.name.clone(),
                when,
                when_source: source(text, &s.when),
                ladder,
            });
        }
    }
    out
}

/// The TOML a condition was written as, for `palisade check`.
pub(super) fn source<T>(text: &str, spanned: &Spanned<T>) -> String {
    text.get(spanned.span()).unwrap_or("").to_string()
}

fn steps(raw_steps: &[Spanned<RawStep>], field: &str, problems: &mut Problems<'_>) -> Vec<Step> {
    let mut ladder = Vec::new();
    let mut previous: Option<(f64, Action, usize)> = None;
    if raw_steps.len() > MAX_STEPS {
        problems.add(
            raw_steps.get(MAX_STEPS).map_or(0, |s| s.span().start),
            field,
            format!("{} entries, over the limit of {MAX_STEPS}", raw_steps.len()),
        );
    }
    for step in raw_steps.iter().take(MAX_STEPS) {
        let at = step.span().start;
        let s = step.get_ref();
        if !(0.0..=1.0).contains(&s.score) {
            problems.add(
                at,
                format!("{field}.score"),
                format!("{} is outside [0, 1]", s.score),
            );
        }
        if let Some((prev_score, prev_action, prev_at)) = previous {
            let line = problems.line(prev_at);
            if s.score <= prev_score {
                problems.add(
                    at,
                    format!("{field}.score"),
                    format!(
                        "thresholds out of order: {} comes after {prev_score} (line {line}); list steps by increasing score",
                        s.score
                    ),
                );
            }
            if s.action <= prev_action {
                problems.add(
                    at,
                    format!("{field}.action"),
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

    ladder
}

/// The rules with plugin names resolved to indexes and conditions
/// compiled, in priority order (highest first, ties in file order).
pub(super) fn rules(
    raw: &RawPolicy,
    text: &str,
    cx: &Context<'_>,
    problems: &mut Problems<'_>,
) -> Vec<Rule> {
    let index = cx.plugins;
    let mut rules = Vec::new();
    let mut rule_names: HashMap<&str, usize> = HashMap::new();
    for entry in raw.rules.iter().take(MAX_RULES) {
        let at = entry.span().start;
        let r = entry.get_ref();
        if !valid_name(&r.name) {
            problems.add(
                at,
                "rule.name",
                format!(
                    "{:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'",
                    r.name
                ),
            );
        }
        if let Some(first) = rule_names.insert(&r.name, at) {
            let line = problems.line(first);
            problems.add(
                at,
                "rule.name",
                format!(
                    "duplicate rule name {:?} (first defined at line {line})",
                    r.name
                ),
            );
        }
        if r.all.is_empty() && r.any.is_empty() && r.tags_any.is_empty() && r.when.is_none() {
            problems.add(
                at,
                format!("rule.{}", r.name),
                "has no condition; give it `when` (or `all`, `any`, `tags_any`)",
            );
        }
        let (kind, action) = match (r.action, r.cap, r.floor) {
            (Some(a), None, None) => (RuleKind::Raise, a),
            (None, Some(a), None) => (RuleKind::Cap, a),
            (None, None, Some(a)) => (RuleKind::Floor, a),
            _ => {
                problems.add(
                    at,
                    format!("rule.{}", r.name),
                    "needs exactly one effect: `action` (raise to at least), `cap` (lower to at most) or `floor` (raise to at least, after caps)",
                );
                (RuleKind::Raise, Action::Allow)
            }
        };
        let priority = r.priority.as_ref().map_or(0, |p| *p.get_ref());
        if let Some(p) = &r.priority
            && !(-1000..=1000).contains(p.get_ref())
        {
            problems.add(
                p.span().start,
                format!("rule.{}.priority", r.name),
                format!("{} is outside -1000..=1000", p.get_ref()),
            );
        }
        let when = r.when.as_ref().and_then(|w| {
            conditions::condition(w, &format!("rule.{}.when", r.name), cx, problems)
                .map(|c| (c, source(text, w)))
        });
        let mut resolve = |map: &BTreeMap<String, f64>, which: &str| -> Vec<(usize, f64)> {
            let mut out = Vec::new();
            for (plugin, threshold) in map {
                match index.get(plugin.as_str()) {
                    Some(i) => out.push((*i, *threshold)),
                    None => problems.add(
                        at,
                        format!("rule.{}.{which}", r.name),
                        format!(
                            "unknown plugin {plugin:?}; plugins are: {}",
                            index.keys().copied().collect::<Vec<_>>().join(", ")
                        ),
                    ),
                }
                if !(0.0..=1.0).contains(threshold) {
                    problems.add(
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
        let (when, when_source) = when.unzip();
        rules.push(Rule {
            name: r.name.clone(),
            label: Arc::from(r.name.as_str()),
            action,
            kind,
            priority,
            when,
            when_source,
            all,
            any,
            tags_any: r.tags_any.clone(),
            directives: r.directives.clone(),
        });
    }
    rules.sort_by_key(|r| std::cmp::Reverse(r.priority));
    rules
}
