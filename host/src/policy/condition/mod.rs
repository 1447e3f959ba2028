//! Conditions (`when = …`): typed matchers on request features and
//! detector results, composed with `all`, `any` and `not`. Written in TOML
//! (see the README's "Policy reference"), checked at load by
//! `validate/conditions.rs`, and compiled here into an immutable tree that
//! evaluates without allocating: strings compared in place, lists shared
//! behind `Arc`s, numbers read straight from the features; the client
//! address is parsed, and each list looked up, once per request ([`Memo`]).

mod field;

pub use field::{Field, Kind, REQUEST_FIELDS};

use super::lists::{CidrList, StringList};
use crate::decision::Status;
use crate::features::Features;
use crate::runtime::Outcome;
use std::cell::{Cell, OnceCell};
use std::net::IpAddr;
use std::sync::Arc;

/// A compiled condition.
#[derive(Debug, Clone)]
pub enum Cond {
    All(Box<[Cond]>),
    Any(Box<[Cond]>),
    Not(Box<Cond>),
    /// One field and the tests it must pass (all of them).
    Leaf(Field, Box<[Test]>),
}

/// Numeric comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Lt,
    Lte,
    Gt,
    Gte,
}

/// One operator with its compiled operand.
#[derive(Debug, Clone)]
pub enum Test {
    /// `present = true|false`: whether the field has a value (for sets:
    /// a non-empty one).
    Present(bool),
    TextEq(Box<str>),
    TextIn(Box<[Box<str>]>),
    TextPrefix(Box<str>),
    /// `in_list` on a text field, or on a set (any member on the list).
    InStrings(Arc<StringList>),
    Number(Cmp, f64),
    /// `in_cidr` (an inline list) or `in_list` on a CIDR list.
    InCidrs(Arc<CidrList>),
    SetContains(Box<str>),
    SetContainsAny(Box<[Box<str>]>),
    BoolEq(bool),
}

/// What conditions read: the request, and for rules the detectors'
/// outcomes (in plugin order) with the combined score.
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    pub features: &'a Features,
    pub detectors: Option<(&'a [Outcome], f64)>,
}

impl<'a> Facts<'a> {
    /// Facts before any plugin ran (plugin scopes, segments).
    pub fn request(features: &'a Features) -> Self {
        Facts {
            features,
            detectors: None,
        }
    }
}

/// What a rule index has already proven of a condition (see
/// [`Cond::proven_by`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proven {
    Whole,
    /// The member at this position of the top-level `all`.
    Member(usize),
}

/// List lookups remembered per request.
const MEMO_SLOTS: usize = 8;

/// What one request's conditions have already worked out, shared by every
/// condition evaluated against the same [`Facts`]: the client address
/// parsed once, and each (field, list) lookup done once however many rules
/// ask it (a million-entry list costs a cache miss or two per lookup).
/// On the stack, no allocation; lookups past [`MEMO_SLOTS`] distinct ones
/// are simply not remembered.
#[derive(Default)]
pub struct Memo {
    ip: OnceCell<Option<IpAddr>>,
    lists: [Cell<Option<(Field, usize, bool)>>; MEMO_SLOTS],
}

impl Memo {
    fn ip(&self, f: &Features) -> Option<IpAddr> {
        *self.ip.get_or_init(|| f.client.ip.parse().ok())
    }

    /// `lookup()`'s answer for `(field, list)`, remembered.
    fn list(&self, field: Field, list: &Arc<StringList>, lookup: impl FnOnce() -> bool) -> bool {
        let key = Arc::as_ptr(list) as usize;
        for slot in &self.lists {
            match slot.get() {
                Some((f, k, hit)) if f == field && k == key => return hit,
                Some(_) => {}
                None => {
                    let hit = lookup();
                    slot.set(Some((field, key, hit)));
                    return hit;
                }
            }
        }
        lookup()
    }
}

impl Cond {
    /// Whether the condition holds. A test on an absent field is false
    /// (only `present = false` holds for it).
    pub fn eval(&self, facts: &Facts<'_>) -> bool {
        self.eval_with(facts, &Memo::default())
    }

    /// [`Cond::eval`] sharing `memo` with the other conditions evaluated
    /// against the same `facts` (one memo per `facts`: never reuse it for
    /// another request, or for facts with other detector results).
    pub fn eval_with(&self, facts: &Facts<'_>, memo: &Memo) -> bool {
        match self {
            Cond::All(cs) => cs.iter().all(|c| c.eval_with(facts, memo)),
            Cond::Any(cs) => cs.iter().any(|c| c.eval_with(facts, memo)),
            Cond::Not(c) => !c.eval_with(facts, memo),
            Cond::Leaf(field, tests) => tests.iter().all(|t| test(*field, t, facts, memo)),
        }
    }

    /// Which part of the condition a known match of `field` proves: the
    /// whole condition, or one member of its top-level `all`, when that
    /// part is a single `eq` / `in` test on `field`. A rule index that
    /// found a rule by `field`'s value skips that part.
    pub fn proven_by(&self, field: Field) -> Option<Proven> {
        // The same member `required` reports first for `field` (the one an
        // index files the rule under), and only if that is its one test.
        let on_field = |c: &Cond| required_leaf(c).is_some_and(|(f, _)| f == field);
        let single = |c: &Cond| matches!(c, Cond::Leaf(_, tests) if tests.len() == 1);
        match self {
            Cond::All(cs) => {
                let at = cs.iter().position(on_field)?;
                cs.get(at).filter(|c| single(c)).map(|_| Proven::Member(at))
            }
            c => (on_field(c) && single(c)).then_some(Proven::Whole),
        }
    }

    /// [`Cond::eval_with`] taking the `proven` part as true.
    pub fn eval_proven(&self, facts: &Facts<'_>, memo: &Memo, proven: Option<Proven>) -> bool {
        match (self, proven) {
            (_, Some(Proven::Whole)) => true,
            (Cond::All(cs), Some(Proven::Member(skip))) => cs
                .iter()
                .enumerate()
                .all(|(i, c)| i == skip || c.eval_with(facts, memo)),
            _ => self.eval_with(facts, memo),
        }
    }

    /// Values one text field must take for the condition to hold: from an
    /// `eq` or `in` test on the condition itself or on a member of its
    /// top-level `all` (a test under `any` or `not` requires nothing).
    /// What lets rules be indexed by, say, `account.tier`.
    pub fn required(&self) -> Vec<(Field, &[Box<str>])> {
        match self {
            Cond::All(cs) => cs.iter().filter_map(required_leaf).collect(),
            c => required_leaf(c).into_iter().collect(),
        }
    }

    /// Whether any leaf reads detector results.
    pub fn needs_detectors(&self) -> bool {
        match self {
            Cond::All(cs) | Cond::Any(cs) => cs.iter().any(Cond::needs_detectors),
            Cond::Not(c) => c.needs_detectors(),
            Cond::Leaf(field, _) => field.needs_detectors(),
        }
    }
}

/// The values an `eq` / `in` leaf on a text field requires.
fn required_leaf(c: &Cond) -> Option<(Field, &[Box<str>])> {
    let Cond::Leaf(field, tests) = c else {
        return None;
    };
    if field.kind() != Kind::Text {
        return None;
    }
    tests.iter().find_map(|t| match t {
        Test::TextEq(s) => Some((*field, std::slice::from_ref(s))),
        Test::TextIn(values) => Some((*field, &values[..])),
        _ => None,
    })
}

fn test(field: Field, test: &Test, facts: &Facts<'_>, memo: &Memo) -> bool {
    let f = facts.features;
    match field.kind() {
        field::Kind::Text => {
            let value = field.text(f);
            match (test, value) {
                (Test::Present(want), v) => v.is_some() == *want,
                (_, None) => false,
                (Test::TextEq(s), Some(v)) => **s == *v,
                (Test::TextIn(list), Some(v)) => list.iter().any(|s| **s == *v),
                (Test::TextPrefix(p), Some(v)) => v.starts_with(&**p),
                (Test::InStrings(list), Some(v)) => memo.list(field, list, || list.contains(v)),
                _ => false,
            }
        }
        field::Kind::Number => {
            let value = match field {
                Field::Score => facts.detectors.map(|(_, score)| score),
                Field::PluginScore(i) => facts.detectors.and_then(|(outcomes, _)| {
                    outcomes
                        .get(i)
                        .filter(|o| o.status == Status::Ok)
                        .map(|o| o.score)
                }),
                _ => field.number(f),
            };
            match (test, value) {
                (Test::Present(want), v) => v.is_some() == *want,
                (Test::Number(cmp, x), Some(v)) => match cmp {
                    Cmp::Eq => v == *x,
                    Cmp::Lt => v < *x,
                    Cmp::Lte => v <= *x,
                    Cmp::Gt => v > *x,
                    Cmp::Gte => v >= *x,
                },
                _ => false,
            }
        }
        field::Kind::Ip => match (test, memo.ip(f)) {
            (Test::InCidrs(list), Some(ip)) => list.contains(ip),
            _ => false,
        },
        field::Kind::Bool => match (test, f.call.stream) {
            (Test::Present(want), v) => v.is_some() == *want,
            (Test::BoolEq(want), Some(v)) => v == *want,
            _ => false,
        },
        field::Kind::Set => {
            let tools = f.call.tools.as_deref().unwrap_or(&[]);
            let outcomes = facts.detectors.map_or(&[][..], |(o, _)| o);
            // Sets are iterated in place: tools from the request, tags
            // from every detector that answered.
            let any = |pred: &dyn Fn(&str) -> bool| -> bool {
                if field == Field::Tools {
                    tools.iter().any(|t| pred(t))
                } else {
                    outcomes.iter().any(|o| o.tags.iter().any(|t| pred(t)))
                }
            };
            match test {
                Test::Present(want) => any(&|_| true) == *want,
                Test::SetContains(s) => any(&|t| t == &**s),
                Test::SetContainsAny(list) => any(&|t| list.iter().any(|s| **s == *t)),
                // Tools are the request's; tags depend on the detector
                // results, so only tools are remembered.
                Test::InStrings(list) if field == Field::Tools => {
                    memo.list(field, list, || any(&|t| list.contains(t)))
                }
                Test::InStrings(list) => any(&|t| list.contains(t)),
                _ => false,
            }
        }
    }
}
