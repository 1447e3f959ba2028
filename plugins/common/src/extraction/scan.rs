//! The word pass: looks each word up in the lexicon, recognises multi-word
//! cues from the previous two words, and combines families by distance.

use super::raw;
use super::{ClassCounts, Feature, Features};
use crate::lexicon::{self as lx, Class};
use crate::{hc, hs};
use palisade_sdk::text::{Word, head_and_tail, scan_words};

/// A position far enough back that nothing counts as near it.
const FAR: i32 = -1_000;
/// Classes that drive [`Scanner::cues`]; the rest (determiners, capability
/// words) are only remembered or counted.
const CUE_BITS: Class = lx::MOD_S
    | lx::MOD_W
    | lx::RN_W
    | lx::RN_S
    | lx::REVEAL
    | lx::REVEAL_S
    | lx::TRACE_W
    | lx::EXH
    | lx::WORK
    | lx::SELF
    | lx::BEFORE
    | lx::ANSWER_T
    | lx::ALOUD
    | lx::GRADE
    | lx::RUBRIC
    | lx::RUBRIC_W
    | lx::REFERENT
    | lx::PREFER
    | lx::JUSTIFY
    | lx::SCALE
    | lx::REWRITE
    | lx::SAFE
    | lx::SENSITIVE
    | lx::ALT_NOUN
    | lx::ALT_ADJ
    | lx::EVADE
    | lx::FILTER
    | lx::DATA
    | lx::EXH_TARGET
    | lx::STEPWISE
    | lx::CRITERIA
    | lx::HUMAN_WORK
    | lx::GEN_NOUN
    | lx::GEN_VERB
    | lx::DIVERSE
    | lx::BIG_NUMBER;

/// Capability-class words.
const CLASS_BITS: Class = lx::CODE | lx::ANALYSIS | lx::MATH | lx::AGENT | lx::VISION | lx::WRITING;

/// Gap between texts so cues do not combine across them.
const TEXT_GAP: i32 = 100;

/// Accumulates cues over one or more texts; see [`super::finish`].
#[derive(Debug, Clone)]
pub struct Scanner {
    pub(super) pos: i32,
    pub(super) prev1: (u64, Class, Option<u32>),
    pub(super) prev2: (u64, Class, Option<u32>),
    last_mod_s: i32,
    /// The strong modifier before `last_mod_s` ("hidden inner monologue").
    earlier_mod_s: i32,
    last_mod_w: i32,
    last_reveal: i32,
    last_reveal_s: i32,
    last_self: i32,
    last_rn: i32,
    last_before: i32,
    last_evade: i32,
    last_alt_adj: i32,
    last_grade: i32,
    last_exh: i32,
    last_gen_verb: i32,
    last_big_number: i32,
    pub(super) labels: u8,
    /// Words before this one that belong to the same multi-word noun
    /// ("chain of thought" → 2), so modifiers are measured from its start.
    pub(super) noun_extra: i32,
    pub(super) features: Features,
    criteria: u64,
    classes: ClassCounts,
    words: u32,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

impl Scanner {
    /// An empty scanner.
    pub fn new() -> Self {
        Scanner {
            pos: 0,
            prev1: (0, 0, None),
            prev2: (0, 0, None),
            last_mod_s: FAR,
            earlier_mod_s: FAR,
            last_mod_w: FAR,
            last_reveal: FAR,
            last_reveal_s: FAR,
            last_self: FAR,
            last_rn: FAR,
            last_before: FAR,
            last_evade: FAR,
            last_alt_adj: FAR,
            last_grade: FAR,
            last_exh: FAR,
            last_gen_verb: FAR,
            last_big_number: FAR,
            labels: 0,
            noun_extra: 0,
            features: Features::default(),
            criteria: 0,
            classes: ClassCounts::default(),
            words: 0,
        }
    }

    /// Scans the first `head` and the last `tail` bytes of `text` (all of
    /// it when it is no longer than both): instructions sit before or after
    /// the material they are about.
    pub fn feed(&mut self, text: &str, head: usize, tail: usize) {
        let (head, tail) = head_and_tail(text, head, tail);
        self.feed_part(head);
        if let Some(tail) = tail {
            self.feed_part(tail);
        }
    }

    fn feed_part(&mut self, text: &str) {
        self.pos += TEXT_GAP;
        self.prev1 = (0, 0, None);
        self.prev2 = (0, 0, None);
        if raw::scan(text.as_bytes(), &mut self.features, &mut self.classes) {
            raw::cjk(text, &mut self.features);
        }
        scan_words(text, usize::MAX, false, |w| self.word(w));
    }

    /// The features, criterion groups, class counts and word count.
    pub fn into_parts(self) -> (Features, u64, ClassCounts, u32) {
        (self.features, self.criteria, self.classes, self.words)
    }

    fn word(&mut self, w: Word) {
        let mut c = if w.ascii { lx::lookup(w.hash) } else { 0 };
        self.pos += 1;
        self.words = self.words.saturating_add(1);
        if c == 0 && w.number.is_none() {
            self.prev2 = self.prev1;
            self.prev1 = (w.hash, 0, None);
            return;
        }
        self.noun_extra = 0;
        if c & lx::PHRASE != 0 || w.number.is_some() {
            let (add, remove) = self.phrase(c, w.number);
            c = (c | add) & !remove;
        }
        if c & CUE_BITS != 0 {
            self.cues(w.hash, c);
        }
        self.count(c);
        self.prev2 = self.prev1;
        self.prev1 = (w.hash, c, w.number);
    }

    /// Distance-based combinations and single-word features.
    fn cues(&mut self, hash: u64, c: Class) {
        let p = self.pos - 1;
        let near = |last: i32, d: i32| p - last <= d;
        let f = &mut self.features;
        if c & (lx::RN_W | lx::RN_S) != 0 {
            let strong = c & lx::RN_S != 0;
            // Measure from the start of a multi-word noun.
            let start = p - self.noun_extra;
            let near = |last: i32, d: i32| start - last <= d;
            f.add(if strong { Feature::RnS } else { Feature::RnW });
            // "inner monologue" / "internal voice" name a thing; the
            // modifier inside the compound is not a request for more.
            let compound = lx::phrase_id(c) == lx::P_VOICE
                && self.last_mod_s == p - 1
                && hs!["inner", "internal", "interior"].contains(&self.prev1.0);
            let mod_s = if compound {
                self.earlier_mod_s
            } else {
                self.last_mod_s
            };
            if near(mod_s, 4) {
                f.add(Feature::StrongModR);
            }
            if near(self.last_mod_w, 3) {
                f.add(if strong {
                    Feature::WeakModRs
                } else {
                    Feature::WeakModR
                });
            }
            if near(self.last_reveal_s, 6) {
                f.add(Feature::RevealSR);
            } else if near(self.last_reveal, 5) {
                f.add(Feature::RevealR);
            }
            if near(self.last_self, 3) {
                f.add(Feature::SelfR);
            }
            self.last_rn = p;
        }
        if c & lx::MOD_S != 0 {
            if p != self.last_rn && near(self.last_rn, 3) {
                f.add(Feature::StrongModR);
            }
            self.earlier_mod_s = self.last_mod_s;
            self.last_mod_s = p;
        }
        if c & lx::MOD_W != 0 {
            if hash == hc!("full") && self.prev1.0 == hc!("in") && near(self.last_rn, 3) {
                f.add(Feature::WeakModR);
            }
            self.last_mod_w = p;
        }
        if c & lx::REVEAL != 0 {
            self.last_reveal = p;
        }
        if c & lx::REVEAL_S != 0 {
            self.last_reveal_s = p;
        }
        if c & lx::SELF != 0 {
            self.last_self = p;
        }
        if c & lx::EXH_TARGET != 0 && near(self.last_exh, 2) {
            f.add(Feature::ExhSteps);
        }
        if c & lx::EXH != 0 {
            self.last_exh = p;
        }
        if c & lx::WORK != 0 && near(self.last_reveal, 3) {
            f.add(Feature::ShowWork);
        }
        if c & lx::STEPWISE != 0 {
            f.add(Feature::Step);
        }
        if c & lx::ALOUD != 0 {
            f.add(Feature::Aloud);
        }
        if c & lx::ANSWER_T != 0 && near(self.last_before, 3) {
            f.add(Feature::Before);
        }
        if c & lx::BEFORE != 0 {
            self.last_before = p;
        }
        if c & lx::TRACE_W != 0 {
            f.add(Feature::TraceW);
        }
        // Grading.
        if c & lx::RUBRIC_W != 0 {
            f.add(if near(self.last_grade, 2) {
                Feature::Rubric
            } else {
                Feature::RubricW
            });
        }
        if c & lx::GRADE != 0 {
            f.add(Feature::Grade);
            self.last_grade = p;
        }
        if c & lx::RUBRIC != 0 {
            f.add(Feature::Rubric);
        }
        if c & lx::REFERENT != 0 && self.prev1.1 & lx::DET != 0 {
            f.add(Feature::Ref);
        }
        if c & lx::PREFER != 0 {
            f.add(Feature::Prefer);
        }
        if c & lx::JUSTIFY != 0 {
            f.add(Feature::Justify);
        }
        if c & lx::SCALE != 0 {
            f.add(Feature::Scale);
        }
        self.criteria |= c & lx::CRITERIA;
        // Rewrites.
        if c & lx::REWRITE != 0 {
            f.add(Feature::Rewrite);
        }
        if c & lx::SAFE != 0 {
            f.add(Feature::Safe);
        }
        if c & lx::SENSITIVE != 0 {
            f.add(Feature::Sensitive);
        }
        if c & lx::ALT_NOUN != 0 && (near(self.last_alt_adj, 2) || c & lx::REWRITE != 0) {
            f.add(Feature::Alt);
        }
        if c & lx::ALT_ADJ != 0 {
            self.last_alt_adj = p;
        }
        if c & lx::FILTER != 0 && near(self.last_evade, 4) {
            f.add(Feature::Evasion);
        }
        if c & lx::EVADE != 0 {
            self.last_evade = p;
        }
        if c & lx::DATA != 0 {
            f.add(Feature::Data);
        }
        if c & lx::HUMAN_WORK != 0 {
            f.add(Feature::HumanWork);
        }
        // Bulk generation: "generate 50 diverse question-answer pairs".
        if c & lx::GEN_NOUN != 0 && near(self.last_big_number, 4) && near(self.last_gen_verb, 7) {
            f.add(Feature::GenMany);
        }
        if c & lx::DIVERSE != 0 && near(self.last_gen_verb, 6) {
            f.add(Feature::Diverse);
        }
        if c & lx::GEN_VERB != 0 {
            self.last_gen_verb = p;
        }
        if c & lx::BIG_NUMBER != 0 {
            self.last_big_number = p;
        }
    }

    fn count(&mut self, c: Class) {
        if c & CLASS_BITS == 0 {
            return;
        }
        let k = &mut self.classes;
        let bump = |n: &mut u16, bit: Class| {
            if c & bit != 0 {
                *n = n.saturating_add(1);
            }
        };
        bump(&mut k.code, lx::CODE);
        bump(&mut k.analysis, lx::ANALYSIS);
        bump(&mut k.math, lx::MATH);
        bump(&mut k.agent, lx::AGENT);
        bump(&mut k.vision, lx::VISION);
        bump(&mut k.writing, lx::WRITING);
    }
}
