//! Precedence: how the ladder, the rules, caps, floors and plugin failures
//! become one action. One order, documented in the README ("Precedence"):
//!
//! 1. The ladder: the first segment whose `when` matches picks its ladder
//!    (else the default `[scoring] ladder`); the highest step at or below
//!    the score gives the base action.
//! 2. Raising rules (`action = X`) and failed plugins' `on_failure` raise
//!    the action to at least theirs: the strongest wins.
//! 3. Caps (`cap = X`, at most X) and floors (`floor = X`, at least X)
//!    then apply one after the other in increasing `priority`, so the
//!    highest priority has the last word; at equal priority caps apply
//!    before floors (a tie goes to the floor: a denylist beats an
//!    exemption), then in file order.
//!
//! Directives follow the final action: those of the ladder step, raising
//! rules and floors whose action is at or below it, those of every matched
//! cap, then `[actions.X]` for the final action.

use super::condition::Facts;
use super::generation::{Generation, PluginSlot};
use super::validate::{Rule, RuleKind};
use crate::decision::{Action, Directives, Status, score_text};
use crate::runtime::Outcome;
use std::sync::Arc;

/// Rules a policy may hold (matches the validator's cap): a bitset of
/// matched rules fits on the stack.
const WORDS: usize = 4;

/// The resolved action and what explains it.
pub(super) struct Resolved {
    pub action: Action,
    pub directives: Directives,
}

/// The order caps and floors apply in: increasing priority, caps before
/// floors at equal priority, then file order (rules are stored by
/// decreasing priority, ties in file order).
pub(super) fn adjust_order(rules: &[Rule]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len())
        .filter(|i| rules[*i].kind != RuleKind::Raise)
        .collect();
    order.sort_by_key(|i| (rules[*i].priority, rules[*i].kind == RuleKind::Floor));
    order
}

impl Generation {
    /// Resolves the action for one request's outcomes (see the module docs).
    pub(super) fn resolve(
        &self,
        facts: &Facts<'_>,
        outcomes: &[Outcome],
        score: f64,
        reasons: &mut Vec<String>,
        matched: &mut Vec<Arc<str>>,
    ) -> Resolved {
        let segment = self
            .segments
            .iter()
            .find(|s| s.when.eval(&Facts::request(facts.features)));
        let ladder = segment.map_or(&self.ladder, |s| &s.ladder);
        let step = ladder.iter().rev().find(|s| score >= s.score);
        let mut action = Action::Allow;
        if let Some(step) = step {
            action = step.action;
            if step.action > Action::Allow {
                let prefix = segment.map_or(String::new(), |s| format!("segment {}: ", s.name));
                reasons.push(format!(
                    "{prefix}score {} ≥ {} → {}",
                    score_text(score, ladder.iter().map(|s| s.score)),
                    step.score,
                    step.action
                ));
            }
        }

        let mut hits = [0u64; WORDS];
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule_matches(rule, facts, outcomes) {
                continue;
            }
            if let Some(word) = hits.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
            matched.push(rule.label.clone());
            if rule.kind == RuleKind::Raise {
                action = action.max(rule.action);
                reasons.push(format!("rule {} → {}", rule.name, rule.action));
            }
        }
        let hit = |i: usize| hits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0);
        for (slot, outcome) in self.plugins.iter().zip(outcomes) {
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
        for &i in &self.adjust_order {
            let Some(rule) = self.rules.get(i).filter(|_| hit(i)) else {
                continue;
            };
            let (word, changed) = match rule.kind {
                RuleKind::Cap => ("cap", action > rule.action),
                _ => ("floor", action < rule.action),
            };
            if changed {
                reasons.push(format!(
                    "rule {}: {word} at {} (was {action})",
                    rule.name, rule.action
                ));
                action = rule.action;
            } else {
                reasons.push(format!("rule {}: {word} at {}", rule.name, rule.action));
            }
        }

        let mut directives = Directives::default();
        if let Some(step) = step.filter(|s| s.action <= action) {
            directives.merge(&step.directives);
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if hit(i) && (rule.kind == RuleKind::Cap || rule.action <= action) {
                directives.merge(&rule.directives);
            }
        }
        Resolved { action, directives }
    }
}

/// Whether a rule's conditions hold: its `when` and its score/tag
/// shorthands (`all`, `any`, `tags_any`), every one given.
fn rule_matches(rule: &Rule, facts: &Facts<'_>, outcomes: &[Outcome]) -> bool {
    let passes = |(i, threshold): &(usize, f64)| {
        outcomes
            .get(*i)
            .is_some_and(|o| o.status == Status::Ok && o.score >= *threshold)
    };
    rule.when.as_ref().is_none_or(|w| w.eval(facts))
        && (rule.all.is_empty() || rule.all.iter().all(passes))
        && (rule.any.is_empty() || rule.any.iter().any(passes))
        && (rule.tags_any.is_empty()
            || outcomes
                .iter()
                .any(|o| o.tags.iter().any(|t| rule.tags_any.contains(t))))
}
