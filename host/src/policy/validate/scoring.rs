//! Validation of `[scoring]` ladders and `[[rule]]`s: ordered thresholds,
//! unique names, references to plugins that exist.

use super::{MAX_RULES, MAX_STEPS, Rule, Step, valid_name};
use crate::decision::Action;
use crate::policy::error::Problems;
use crate::policy::raw::RawPolicy;
use std::collections::{BTreeMap, HashMap};

/// The ladder, in order; problems go to `problems`.
pub(super) fn ladder(raw: &RawPolicy, problems: &mut Problems<'_>) -> Vec<Step> {
    let mut ladder = Vec::new();
    let mut previous: Option<(f64, Action, usize)> = None;
    for step in raw.scoring.ladder.iter().take(MAX_STEPS) {
        let at = step.span().start;
        let s = step.get_ref();
        if !(0.0..=1.0).contains(&s.score) {
            problems.add(
                at,
                "scoring.ladder.score",
                format!("{} is outside [0, 1]", s.score),
            );
        }
        if let Some((prev_score, prev_action, prev_at)) = previous {
            let line = problems.line(prev_at);
            if s.score <= prev_score {
                problems.add(
                    at,
                    "scoring.ladder.score",
                    format!(
                        "thresholds out of order: {} comes after {prev_score} (line {line}); list steps by increasing score",
                        s.score
                    ),
                );
            }
            if s.action <= prev_action {
                problems.add(
                    at,
                    "scoring.ladder.action",
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

/// The rules with plugin names resolved to indexes.
pub(super) fn rules(raw: &RawPolicy, problems: &mut Problems<'_>) -> Vec<Rule> {
    let index: HashMap<&str, usize> = raw
        .plugins
        .iter()
        .take(super::MAX_PLUGINS)
        .enumerate()
        .map(|(i, p)| (p.get_ref().name.get_ref().as_str(), i))
        .collect();
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
        if r.all.is_empty() && r.any.is_empty() && r.tags_any.is_empty() {
            problems.add(
                at,
                format!("rule.{}", r.name),
                "has no condition; give it `all`, `any` or `tags_any`",
            );
        }
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
        rules.push(Rule {
            name: r.name.clone(),
            action: r.action,
            all,
            any,
            tags_any: r.tags_any.clone(),
            directives: r.directives.clone(),
        });
    }

    rules
}
