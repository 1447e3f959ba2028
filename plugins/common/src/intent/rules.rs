//! The intent rules: concept *combinations* (not phrases) with a weight.
//! A rule fires when all of its `all` concepts and at least one of its
//! `any` concepts (if any are given) occur within its window; an intent's
//! score is the noisy-OR of its fired rules' weights, then shaped by
//! context (see [`super::finish`]).

use super::Intent;
use super::concepts::*;

/// How close a rule's concepts must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// Within [`NEAR_WORDS`] words (two Han/kana characters count as one
    /// word).
    Near,
    /// Anywhere in the request's texts.
    Doc,
}

/// Words within which a [`Window::Near`] rule's concepts must occur.
pub const NEAR_WORDS: i32 = 12;

impl Window {
    /// The window in position units (2 per word).
    pub const fn units(self) -> i32 {
        match self {
            Window::Near => NEAR_WORDS * 2,
            Window::Doc => i32::MAX,
        }
    }
}

/// One rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub intent: Intent,
    pub all: Concepts,
    pub any: Concepts,
    pub window: Window,
    pub weight: f64,
}

const fn r(intent: Intent, all: Concepts, any: Concepts, window: Window, weight: f64) -> Rule {
    Rule {
        intent,
        all,
        any,
        window,
        weight,
    }
}

use Intent::*;
use Window::*;

/// Every rule (at most 64: fired rules are a bit set).
#[rustfmt::skip]
pub const RULES: &[Rule] = &[
    // Reasoning-trace extraction.
    r(Trace, REASON | HIDDEN, 0, Near, 0.55),
    r(Trace, HIDDEN | STEP, 0, Near, 0.3),
    r(Trace, INTER, REASON | STEP, Near, 0.4),
    r(Trace, ALL | STEP, 0, Near, 0.12),
    r(Trace, ALL | REASON, 0, Near, 0.2),
    r(Trace, MISTAKE, REASON | STEP, Near, 0.35),
    r(Trace, SKIP, INTER | ALL | REASON, Near, 0.3),
    r(Trace, REVEAL | REASON, 0, Near, 0.2),
    r(Trace, REVEAL | REASON | SELF, 0, Near, 0.1),
    r(Trace, REASON | STEP, 0, Near, 0.1),
    r(Trace, REASON | BEFORE | ANSWER, 0, Doc, 0.15),
    r(Trace, TRAIN, REASON, Doc, 0.35),
    r(Trace, FORMAT | REASON, 0, Near, 0.25),
    r(Trace, MISTAKE | SELF, REVEAL | ALL, Near, 0.2),
    r(Trace, INTER | REVEAL, ALL, Near, 0.15),
    // Rubric grading and preference data.
    r(Grading, GRADE | RUBRIC, 0, Near, 0.35),
    r(Grading, GRADE, ANSWER | MODEL, Near, 0.3),
    r(Grading, COMPARE | ANSWER, 0, Near, 0.3),
    r(Grading, GRADE | SMALLNUM, 0, Near, 0.15),
    r(Grading, GRADE | JUSTIFY, 0, Near, 0.15),
    r(Grading, TRAIN, GRADE | COMPARE | RUBRIC, Doc, 0.4),
    r(Grading, FORMAT | GRADE, 0, Near, 0.15),
    r(Grading, RUBRIC | ANSWER, 0, Near, 0.15),
    r(Grading, PAIR | COMPARE, 0, Doc, 0.2),
    // Safe rewrites and refusal-to-compliance pairs.
    r(Rewrite, REWRITE | SAFE, 0, Near, 0.4),
    r(Rewrite, REWRITE | SENSITIVE, 0, Near, 0.3),
    r(Rewrite, SAFE | SENSITIVE, 0, Doc, 0.25),
    r(Rewrite, EVADE | FILTER, 0, Near, 0.45),
    r(Rewrite, EVADE | SENSITIVE, 0, Near, 0.3),
    r(Rewrite, VERSION | SAFE, 0, Near, 0.3),
    r(Rewrite, VERSION | SENSITIVE, 0, Near, 0.2),
    r(Rewrite, PAIR | SAFE | SENSITIVE, 0, Doc, 0.4),
    r(Rewrite, TRAIN, REWRITE | SAFE, Doc, 0.25),
    r(Rewrite, REWRITE | SAFE, 0, Doc, 0.2),
    r(Rewrite, VERSION | SAFE, 0, Doc, 0.15),
    r(Rewrite, SAFE | FILTER, 0, Near, 0.3),
    r(Rewrite, SAFE | ANSWER | FILTER, 0, Doc, 0.25),
    r(Rewrite, VERSION | SAFE, MODEL | ANSWER, Near, 0.25),
    r(Rewrite, MILD | VERSION, MODEL | ANSWER, Near, 0.3),
    r(Rewrite, MILD | VERSION | MODEL | ANSWER, 0, Near, 0.25),
    r(Rewrite, MILD | REWRITE, MODEL, Near, 0.3),
    r(Rewrite, MILD | SENSITIVE, REWRITE | VERSION | ANSWER | MODEL, Doc, 0.3),
    r(Rewrite, REWRITE | SENSITIVE, SAFE | VERSION | ANSWER | MODEL, Doc, 0.35),
    r(Rewrite, SENSITIVE | VERSION | ANSWER, 0, Near, 0.3),
    r(Rewrite, PAIR | ANSWER | MODEL, SENSITIVE | FILTER, Doc, 0.25),
    // Synthetic training data at scale.
    r(Data, GENERATE | ITEMS | MANY, 0, Doc, 0.4),
    r(Data, GENERATE | ITEMS, 0, Near, 0.1),
    r(Data, TRAIN | DATASET, 0, Near, 0.2),
    r(Data, DATASET | GENERATE, 0, Doc, 0.2),
    r(Data, FORMAT | ITEMS, 0, Doc, 0.2),
    r(Data, VARIED | ITEMS, 0, Near, 0.2),
    r(Data, MANY | ITEMS, 0, Near, 0.15),
    r(Data, TRAIN, GENERATE | ITEMS, Doc, 0.25),
    r(Data, GENERATE | ITEMS | STEP, 0, Doc, 0.25),
    r(Data, PAIR | ANSWER | GENERATE, 0, Near, 0.25),
    // Capability sweeps.
    r(Sweep, ALL | CATEGORY, GENERATE | ITEMS, Near, 0.3),
    r(Sweep, CATEGORY | MANY | ITEMS, 0, Doc, 0.2),
    r(Sweep, TRAIN | CATEGORY, 0, Doc, 0.2),
    r(Sweep, VARIED | CATEGORY, ITEMS, Doc, 0.15),
];

/// Per concept bit, the rules (bit i = `RULES[i]`) that name it: a hit
/// only checks those.
static BY_CONCEPT: [u64; 64] = {
    let mut by = [0u64; 64];
    let mut i = 0;
    while i < RULES.len() {
        let mut m = RULES[i].all | RULES[i].any;
        while m != 0 {
            let b = m.trailing_zeros() as usize;
            by[b] |= 1 << i;
            m &= m - 1;
        }
        i += 1;
    }
    by
};

/// The rules that name any of `concepts`.
#[inline]
pub fn rules_of(concepts: Concepts) -> u64 {
    let mut m = concepts;
    let mut out = 0;
    while m != 0 {
        out |= BY_CONCEPT[m.trailing_zeros() as usize];
        m &= m - 1;
    }
    out
}

const _: () = assert!(RULES.len() <= 64, "fired rules are a u64 bit set");
