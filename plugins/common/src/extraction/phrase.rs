//! Multi-word cues: "chain of thought", "false starts", "Response A",
//! "1-10", "training set", "content policy"… recognised at their last word
//! from the previous two words, by phrase id (see
//! [`crate::lexicon::phrase_id`]) so a word costs one jump, not a chain of
//! string comparisons.

use super::Feature;
use super::scan::Scanner;
use crate::lexicon::{self as lx, Class};
use crate::{hc, hs};

impl Scanner {
    /// Multi-word cues ending at this word: returns classes to add and remove.
    pub(super) fn phrase(&mut self, c: Class, number: Option<u32>) -> (Class, Class) {
        let (p1, c1, n1) = self.prev1;
        let (p2, _, n2) = self.prev2;
        let f = &mut self.features;
        let mut add: Class = 0;
        let mut remove: Class = 0;
        if let Some(n) = number {
            if n >= 5 {
                add |= lx::BIG_NUMBER;
            }
            if matches!(n, 1 | 2) && c1 & lx::REFERENT != 0 {
                self.labels |= if n == 1 { 1 } else { 2 };
            }
            let low = |n: Option<u32>| matches!(n, Some(0 | 1));
            let scale_end = matches!(n, 3 | 4 | 5 | 7 | 10 | 100);
            if scale_end
                && (low(n1)
                    || ((p1 == hc!("to") || p1 == hc!("and")) && low(n2))
                    || (p1 == hc!("of") && p2 == hc!("out")))
            {
                add |= lx::SCALE;
            }
        }
        match lx::phrase_id(c) {
            lx::P_PROCESS => {
                let heads = hs![
                    "thought",
                    "thinking",
                    "reasoning",
                    "mental",
                    "cognitive",
                    "decision",
                    "making",
                    "solving"
                ];
                if heads.contains(&p1) {
                    add |= lx::RN_S;
                    self.noun_extra = 1;
                }
            }
            lx::P_TRACE if hs!["reasoning", "thought", "thinking"].contains(&p1) => {
                add |= lx::RN_S;
                self.noun_extra = 1;
            }
            lx::P_THOUGHT if p1 == hc!("of") && hs!["chain", "chains", "train"].contains(&p2) => {
                add |= lx::RN_S;
                self.noun_extra = 2;
            }
            lx::P_CONSCIOUSNESS if p1 == hc!("of") && p2 == hc!("stream") => {
                add |= lx::RN_S;
                self.noun_extra = 2;
            }
            lx::P_PAD if p1 == hc!("scratch") => {
                add |= lx::RN_S;
                self.noun_extra = 1;
            }
            lx::P_VOICE if hs!["inner", "internal"].contains(&p1) => {
                add |= lx::RN_S;
            }
            lx::P_START if p1 == hc!("false") => f.add(Feature::TraceS),
            lx::P_END if p1 == hc!("dead") => f.add(Feature::TraceS),
            lx::P_TURN if p1 == hc!("wrong") => f.add(Feature::TraceS),
            lx::P_CORRECTION if p1 == hc!("self") => f.add(Feature::TraceS),
            lx::P_GUESS if p1 == hc!("second") => f.add(Feature::TraceS),
            lx::P_APPROACH => {
                let failed = hs![
                    "abandoned",
                    "discarded",
                    "rejected",
                    "failed",
                    "unsuccessful",
                    "partial",
                    "wrong",
                    "incorrect",
                    "dead"
                ];
                if failed.contains(&p1) {
                    f.add(Feature::TraceS);
                }
            }
            lx::P_ERROR if p1 == hc!("and") && p2 == hc!("trial") => f.add(Feature::TraceW),
            lx::P_MISTAKES
                if hs!["including", "include", "any", "your", "all", "own"].contains(&p1) =>
            {
                f.add(Feature::TraceW);
            }
            lx::P_STEP if p1 == hc!("by") && p2 == hc!("step") => f.add(Feature::Step),
            lx::P_TIME if p1 == hc!("a") && p2 == hc!("at") => f.add(Feature::Step),
            lx::P_LOUD if p1 == hc!("out") => add |= lx::ALOUD,
            lx::P_DATA => {
                let training = hs![
                    "training",
                    "synthetic",
                    "finetuning",
                    "instruction",
                    "sft",
                    "distillation",
                    "rlhf"
                ];
                if training.contains(&p1) {
                    f.add(Feature::Data);
                } else if hs!["preference", "reward"].contains(&p1) {
                    f.add(Feature::RmData);
                }
            }
            lx::P_TUNE if p1 == hc!("fine") => f.add(Feature::Data),
            lx::P_MODEL if hs!["reward", "preference"].contains(&p1) => f.add(Feature::RmData),
            lx::P_LABEL_A if c1 & lx::REFERENT != 0 => self.labels |= 1,
            lx::P_LABEL_B if c1 & lx::REFERENT != 0 => self.labels |= 2,
            lx::P_FOLLOWING if p1 == hc!("instruction") => {
                add |= 1 << (lx::CRITERIA_SHIFT + 11);
            }
            lx::P_FILTER if hs!["content", "safety", "moderation", "policy"].contains(&p1) => {
                add |= lx::FILTER;
            }
            lx::P_POLICY => {
                let kinds = hs![
                    "content",
                    "usage",
                    "safety",
                    "moderation",
                    "acceptable",
                    "use"
                ];
                if kinds.contains(&p1) {
                    add |= lx::SENSITIVE | lx::FILTER;
                }
            }
            lx::P_REFUSED => {
                let never = hs!["not", "never", "won", "wouldn", "t"];
                if hs!["be", "get", "being"].contains(&p1) && never.contains(&p2) {
                    f.add(Feature::Evasion);
                }
            }
            lx::P_SOLUTIONS => {
                let kinds = hs![
                    "worked",
                    "detailed",
                    "with",
                    "full",
                    "reference",
                    "gold",
                    "model",
                    "correct",
                    "step",
                    "complete"
                ];
                if kinds.contains(&p1) {
                    f.add(Feature::WithSolutions);
                }
            }
            lx::P_HARMFUL if hs!["non", "less", "not"].contains(&p1) => {
                add |= lx::SAFE;
                remove |= lx::SENSITIVE;
            }
            _ => {}
        }
        if self.labels == 3 {
            self.features.add(Feature::Pair);
        }
        (add, remove)
    }
}
