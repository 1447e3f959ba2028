//! # Task grids: one task statement filled in with many languages
//!
//! **Signal.** A factory that sweeps a language × capability grid writes
//! each task once and fills in the language: the same statement ("Create a
//! trie with insert, delete and prefix search in ___ … Include tests …")
//! arrives in Scala, PHP, Go, Kotlin, … from whichever sub-account or
//! dispersed account the task was handed to. People ask their own
//! questions in their own words; the same long statement recurring with
//! many languages is a grid being filled, whoever sends it. The host keeps,
//! per task skeleton ([`Features::skeleton`]: the statement's first plain
//! words without language, identifiers, paths and numbers) in a window, the
//! distinct languages it was stated with, over all accounts; the part
//! scores the request by that count. It is the one behavioural signal that
//! reaches an account with a single task statement, where [`crate::churn`]
//! cannot judge.
//!
//! **Sources.** Issue 12 ("tasks from a factory that sweeps a language ×
//! capability grid … spread over reseller sub-accounts"); SIGNALS.md, "How
//! it looked in the traffic" (training-data-shaped prompts, the same
//! template with slot variations).
//!
//! **Known false positives.** Course exercises stated verbatim by students
//! of different language tracks (a platform that pastes its exercise text
//! into the API), and benchmark suites run in several languages (usually a
//! verified org, which the default policy caps). Short common questions
//! ("how do I read a file in Go") have no skeleton (fewer than
//! [`crate::features::MIN_SKELETON_WORDS`] plain words). A factory that
//! paraphrases every statement changes the skeleton and is missed here
//! (the template and content detectors' ground), and so is one that gives
//! each statement only one or two languages and sweeps the grid across
//! statements (as `palisade gen`'s `agent-mimicry` does: this part never
//! fires on it; [`crate::churn`] catches that shape per account and org).
//!
//! **Cost.** One aggregate call, on task statements only.

use crate::features::Features;
use palisade_common::check;
use palisade_common::keys;
use palisade_common::score::{Evidence, ramp};
use palisade_sdk::Aggregates;
use serde::Deserialize;

/// Grid settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window, ms (default 7 days).
    pub window_ms: u64,
    /// Distinct languages one skeleton was stated with at which the part
    /// starts and peaks (default [3, 6]).
    pub languages: [f64; 2],
    /// Score at the peak (default 0.6).
    pub max_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::WEEK_MS,
            languages: [3.0, 6.0],
            max_score: 0.6,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::window("grid.window_ms", self.window_ms)?;
        crate::pair("grid.languages", self.languages, 1.0, 1e3)?;
        check::range("grid.max_score", self.max_score, 0.0, 1.0)
    }
}

/// Records the statement's language under its skeleton and adds the part.
pub fn score(s: &Settings, f: &Features, agg: &mut dyn Aggregates, e: &mut Evidence) {
    let (Some(language), Some(skeleton)) = (f.named, f.skeleton) else {
        return;
    };
    let languages = agg.distinct_add(&keys::hashed("G", skeleton), s.window_ms, language);
    let p = s.max_score * ramp(languages as f64, s.languages[0], s.languages[1]);
    crate::add(e, p, "task-grid", || {
        format!(
            "this task statement was sent in {languages} programming languages in {}",
            check::span(s.window_ms)
        )
    });
}

#[cfg(test)]
mod tests {
    use crate::tests::{NOW, detector, req, tagged};
    use palisade_sdk::Detector;
    use palisade_sdk::testing::MemoryAggregates;

    #[test]
    fn one_statement_filled_with_many_languages_scores_each_new_sender() {
        let d = detector("{}");
        let mut agg = MemoryAggregates::new();
        agg.now_ms = NOW;
        let grid = |language: &str, n: usize| {
            format!(
                "Create a trie with insert, delete and prefix search in {language} under svc-{n}/src/trie_{n}.x. Include tests covering edge cases and keep the build green."
            )
        };
        let languages = ["Scala", "PHP", "Kotlin", "Ruby", "Swift", "Haskell"];
        let mut last = palisade_sdk::Verdict::clean();
        for (n, language) in languages.iter().enumerate() {
            // Each statement from another account: one task each.
            last = d.detect(
                &req(&format!("acct-{n}"), NOW, &grid(language, n)),
                &mut agg,
            );
        }
        assert!(tagged(&last, "task-grid"), "{last:?}");
        assert!(last.score >= 0.55 && last.score < 0.75, "{last:?}");

        // The same statement in one language from many accounts, and short
        // questions in many languages, are not a grid.
        for n in 0..6 {
            let same = format!(
                "Write a function that merges two sorted linked lists in Python and explain its complexity with example {n}."
            );
            let same = d.detect(&req(&format!("b-{n}"), NOW, &same), &mut agg);
            assert!(!tagged(&same, "task-grid"), "{same:?}");
        }
        for language in languages {
            let short = format!("How do I sort a list in {language}?");
            let v = d.detect(&req(&format!("q-{language}"), NOW, &short), &mut agg);
            assert!(!tagged(&v, "task-grid"), "{v:?}");
        }
    }
}
