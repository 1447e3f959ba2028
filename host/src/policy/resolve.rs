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
//!
//! Cost: rules are indexed by the value of the text field most of them
//! require (say `account.tier`): a request only visits the rules its value
//! can match and those that require nothing of the field, in file order, so
//! the index changes what is evaluated, never what matches (the `eq`/`in`
//! test that put a rule in the index is not evaluated again). Within a rule the
//! score and tag shorthands (a few comparisons) run before `when`, and every
//! condition of one request shares a [`Memo`] (the address parsed once, each
//! list looked up once).

use super::condition::{Cond, Facts, Field, Memo, Proven};
use super::generation::{Generation, PluginSlot};
use super::validate::{Rule, RuleKind};
use crate::decision::{Action, Directives, Status, score_text};
use crate::features::Features;
use crate::runtime::Outcome;
use std::collections::HashMap;
use std::sync::Arc;

/// Rules a policy may hold (matches the validator's cap): a bitset of
/// matched rules fits on the stack.
const WORDS: usize = 4;

/// A set of rules by index.
type Bits = [u64; WORDS];

/// The indexes set in `bits`, ascending.
fn ones(bits: Bits) -> impl Iterator<Item = usize> {
    bits.into_iter().enumerate().flat_map(|(w, mut word)| {
        std::iter::from_fn(move || {
            (word != 0).then(|| {
                let bit = word.trailing_zeros() as usize;
                word &= word - 1;
                w * 64 + bit
            })
        })
    })
}

fn set(bits: &mut Bits, i: usize) {
    if let Some(word) = bits.get_mut(i / 64) {
        *word |= 1 << (i % 64);
    }
}

/// Rules indexed by the value of one text field that their `when`
/// requires (an `eq` or `in` at its top level): the rules a request can
/// match, found with one hash lookup instead of evaluating every rule.
#[derive(Debug, Default)]
pub(super) struct RuleIndex {
    field: Option<Field>,
    by_value: HashMap<Box<str>, Bits>,
    /// Rules that require nothing of `field`: always visited.
    rest: Bits,
    /// Per rule found through `by_value`, the part of its `when` that
    /// finding it proves (a request reaches it only with a value it
    /// requires), so that part is not evaluated again.
    proven: Vec<Option<Proven>>,
}

impl RuleIndex {
    /// The rules `features` can match.
    fn candidates(&self, features: &Features) -> Bits {
        let Some(field) = self.field else {
            return self.rest;
        };
        let mut bits = self.rest;
        if let Some(more) = field.text(features).and_then(|v| self.by_value.get(v)) {
            for (b, m) in bits.iter_mut().zip(more) {
                *b |= m;
            }
        }
        bits
    }
}

/// Indexes `rules` by the text field most of them require a value of
/// (none when fewer than two rules require one: nothing to skip).
pub(super) fn rule_index(rules: &[Rule]) -> RuleIndex {
    let mut all = Bits::default();
    (0..rules.len()).for_each(|i| set(&mut all, i));
    let unindexed = RuleIndex {
        rest: all,
        ..RuleIndex::default()
    };
    if rules.len() > WORDS * 64 {
        return unindexed;
    }
    let mut counts: Vec<(Field, usize)> = Vec::new();
    for rule in rules {
        let mut fields: Vec<Field> = Vec::new();
        for (f, _) in rule.when.as_ref().map(Cond::required).unwrap_or_default() {
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
        for f in fields {
            match counts.iter_mut().find(|(g, _)| *g == f) {
                Some((_, n)) => *n += 1,
                None => counts.push((f, 1)),
            }
        }
    }
    // The most required field; ties to the first seen, so the choice does
    // not depend on anything but the file.
    let Some((field, n)) = counts
        .iter()
        .copied()
        .reduce(|best, c| if c.1 > best.1 { c } else { best })
    else {
        return unindexed;
    };
    if n < 2 {
        return unindexed;
    }
    let mut index = RuleIndex {
        field: Some(field),
        ..RuleIndex::default()
    };
    for (i, rule) in rules.iter().enumerate() {
        let required = rule
            .when
            .as_ref()
            .and_then(|w| w.required().into_iter().find(|(f, _)| *f == field));
        let mut proven = None;
        match required {
            Some((_, values)) => {
                for v in values {
                    set(index.by_value.entry(v.clone()).or_default(), i);
                }
                proven = rule.when.as_ref().and_then(|w| w.proven_by(field));
            }
            None => set(&mut index.rest, i),
        }
        index.proven.push(proven);
    }
    index
}

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
        let memo = Memo::default();
        let segment = self
            .segments
            .iter()
            .find(|s| s.when.eval_with(&Facts::request(facts.features), &memo));
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

        let mut hits = Bits::default();
        for i in ones(self.rule_index.candidates(facts.features)) {
            let Some(rule) = self.rules.get(i) else {
                continue;
            };
            let proven = self.rule_index.proven.get(i).copied().flatten();
            if !rule_matches(rule, facts, outcomes, &memo, proven) {
                continue;
            }
            set(&mut hits, i);
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

/// Whether a rule's conditions hold: its score/tag shorthands (`all`,
/// `any`, `tags_any`; a few comparisons, so first) and its `when`, every
/// one given. Conditions have no side effects: the order changes the cost,
/// not the answer.
fn rule_matches(
    rule: &Rule,
    facts: &Facts<'_>,
    outcomes: &[Outcome],
    memo: &Memo,
    proven: Option<Proven>,
) -> bool {
    let passes = |(i, threshold): &(usize, f64)| {
        outcomes
            .get(*i)
            .is_some_and(|o| o.status == Status::Ok && o.score >= *threshold)
    };
    (rule.all.is_empty() || rule.all.iter().all(passes))
        && (rule.any.is_empty() || rule.any.iter().any(passes))
        && (rule.tags_any.is_empty()
            || outcomes
                .iter()
                .any(|o| o.tags.iter().any(|t| rule.tags_any.contains(t))))
        && rule
            .when
            .as_ref()
            .is_none_or(|w| w.eval_proven(facts, memo, proven))
}
