//! Harvesting intents that survive paraphrase and language.
//!
//! The English cue families of [`crate::extraction`] know stock phrases
//! ("chain of thought", "false starts"); a campaign that asks in German,
//! Chinese or in a fresh English paraphrase uses none of them. This module
//! scores *concept combinations* instead: a multilingual lexicon
//! ([`concepts`]) maps short stems of twelve languages to about forty
//! concepts (STEP, REASONING, HIDDEN, EVERY, INTERMEDIATE, GRADE, RUBRIC,
//! DATASET, EXAMPLES, JSON, VARIED, MILD…), and intent rules ([`rules`]) fire
//! when their concepts co-occur within twelve words (or anywhere, for
//! request-shape rules). "Walk me through every intermediate deduction,
//! including the ones you would normally skip" and "Zeige jeden
//! Zwischenschritt deines Denkprozesses" both name EVERY + INTERMEDIATE +
//! REASONING (+ SKIPPED), so both score, whatever the words or their order.
//! Mixed-language prompts work because concepts, not languages, combine.
//!
//! Intents: reasoning-trace extraction, rubric grading / preference data,
//! safe rewrites / refusal-to-compliance pairs, synthetic training data at
//! scale, capability sweeps. Context damps them: a student or homework
//! context caps trace and grading intents, a translation request scales all
//! by 0.6, a customer-support context scales grading and rewrites, mock or
//! test data caps bulk generation — unless training data is named. Naming
//! training data without asking for items ("how do I split my training
//! data") stays at 0.2.
//!
//! **Languages and where the lexicon came from.** English, Russian,
//! Spanish, German, Chinese (simplified, some traditional forms), French,
//! Japanese, Portuguese, Korean, Italian, Arabic, Turkish; stems were
//! listed per concept from the SIGNALS.md descriptions of each intent and
//! checked against the *tuning* set in `tests.rs` (imperative requests,
//! mostly "verb + object" word order). Foreign stems that prefix-matched
//! common English words (from a word count of local English docs:
//! "integral", "general", "pull", "scalar", "previous"…) were narrowed to
//! their own inflections. After the held-out measurement below, the
//! lexicon and rules were tuned once more on `palisade gen --variant 0`
//! output (the generator's tuning variant; examples re-worded in
//! `tests.rs`), never on variants 1 and up.
//!
//! **Second recall pass (the independent generator's dev set).** Clear
//! harvest prompts written by another hand (`tests/quality/independent`,
//! branch `indep`) scored 0.3–0.6, mostly for want of a word: an "inner
//! monologue" or a "deliberation" is reasoning, "where you correct
//! yourself" a mistake, "soften this risky answer" a rewrite of a sensitive
//! source, "synthetic" names training data, and a `{"prompt", "completion"}`
//! record to copy names it too (found by [`crate::extraction`]'s raw pass
//! and added with [`Scanner::note`]). That dev set was used to find which
//! *concepts* were missing; the stems added are each concept's common
//! words in every language (not the set's phrases), with tests of our own
//! wording in `tests.rs` (`SECOND_PASS`) and ordinary requests using the
//! new words (`SECOND_PASS_NEGATIVES`). Gentler/responsible wording is its
//! own concept (MILD), counted only with a sensitive source or a model to
//! answer, so "rewrite this email in a gentler tone" stays low. A second
//! independent generator, not looked at, is the held-out test of this pass.
//!
//! **Held-out evaluation.** The *held-out* set in `heldout.rs` was written
//! after the lexicon was frozen (commit 36e8840): other phrasings
//! (questions, polite forms, "I need…", "without skipping anything"),
//! other word orders, mixed-language prompts, Arabic and Turkish
//! harvesting, benign hard negatives per language. It is only measured
//! (`heldout::held_out_recall_and_false_positives`):
//! - at the freeze: **recall 60/68 (88%)** of harvesting prompts reach
//!   0.45 on the intent asked; **false positives 1/43** benign hard
//!   negatives reach 0.45 ("generate a SQL query that lists customers who
//!   ordered more than 20 items", 0.49);
//! - after the variant-0 tuning: recall 61/68 (90%), false positives 1/43;
//! - after the second recall pass: recall 62/68 (91%), false positives 1/43.
//!
//! Misses: Russian/German/Arabic rewrites phrased "say it differently so it
//! looks innocent", a checklist grading prompt without "score", both
//! sweeps, one Japanese trace at 0.446. Standard LLM-as-judge prompts score
//! 0.51–0.67: per request they are rubric grading; the default policy caps
//! verified organisations instead.
//!
//! **Cost.** One pass over the prompt's head and tail and the system
//! prompt's first 512 bytes: a word whose first three chars begin no stem
//! costs a scan for its end; other words one Bloom check (and rarely a
//! table probe) per char up to 18 chars; Han/kana runs one per position
//! that can start a stem (substrings, at most eight chars); no allocation.

pub mod concepts;
pub mod rules;
mod scan;
mod table;

#[cfg(test)]
mod heldout;
#[cfg(test)]
mod tests;

pub use scan::Scanner;
pub use table::fold_str;

use crate::score::noisy_or;
use concepts::*;
use rules::RULES;

/// A harvesting intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    /// Reasoning traces: every step, hidden chain of thought, intermediate
    /// deductions, mistakes and backtracking.
    Trace,
    /// Rubric grading, scoring a response, preference pairs.
    Grading,
    /// Safe rewrites of sensitive requests, refusal-to-compliance pairs,
    /// filter evasion.
    Rewrite,
    /// Synthetic training data at scale: N examples, JSONL, variations.
    Data,
    /// Capability sweeps: every category / difficulty / programming
    /// language.
    Sweep,
}

impl Intent {
    /// Every intent, in score order.
    pub const ALL: [Intent; 5] = [
        Intent::Trace,
        Intent::Grading,
        Intent::Rewrite,
        Intent::Data,
        Intent::Sweep,
    ];

    /// Words for a reason.
    pub fn label(self) -> &'static str {
        match self {
            Intent::Trace => "reasoning-trace extraction",
            Intent::Grading => "rubric grading / preference data",
            Intent::Rewrite => "safe rewrite / refusal pairs",
            Intent::Data => "synthetic training data",
            Intent::Sweep => "capability sweep",
        }
    }

    /// The stable tag (shared with [`crate::extraction::Family::tag`]).
    pub fn tag(self) -> &'static str {
        match self {
            Intent::Trace => "cot-elicitation",
            Intent::Grading => "reward-model-grading",
            Intent::Rewrite => "policy-rewrite",
            Intent::Data => "training-data-generation",
            Intent::Sweep => "capability-sweep",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The result of scanning a request's texts.
#[derive(Debug)]
pub struct IntentAnalysis {
    scores: [f64; 5],
    scanner: Scanner,
}

/// Bytes of a system prompt's head that [`analyze`] scans: agent and
/// support system prompts are long and mostly about tools, while
/// harvesting instructions in a system prompt come first.
pub const SYSTEM_HEAD: usize = 512;

/// Scans the system prompt (its first [`SYSTEM_HEAD`] bytes, at most
/// `head`) and the prompt (first `head` and last `tail` bytes) and scores
/// the intents.
pub fn analyze(
    system: Option<&str>,
    prompt: Option<&str>,
    head: usize,
    tail: usize,
) -> IntentAnalysis {
    let scanner = system.map_or_else(Scanner::new, |s| scan_system(s, head));
    finish(scan_prompt(scanner, prompt, head, tail))
}

/// The scanner after the system prompt, as [`analyze`] starts: what a
/// detector may keep for a repeated system prompt ([`crate::memo`]) and
/// continue with [`scan_prompt`].
pub fn scan_system(system: &str, head: usize) -> Scanner {
    let mut scanner = Scanner::new();
    scanner.feed(system, SYSTEM_HEAD.min(head), 0);
    scanner
}

/// Continues `scanner` (new, or from [`scan_system`]) with the prompt, as
/// [`analyze`] does.
pub fn scan_prompt(
    mut scanner: Scanner,
    prompt: Option<&str>,
    head: usize,
    tail: usize,
) -> Scanner {
    if let Some(prompt) = prompt {
        scanner.feed(prompt, head, tail);
    }
    scanner
}

/// Scores a scanner's findings.
pub fn finish(scanner: Scanner) -> IntentAnalysis {
    let mut scores = [0.0; 5];
    for intent in Intent::ALL {
        scores[intent.index()] = noisy_or(
            RULES
                .iter()
                .enumerate()
                .filter(|(i, r)| r.intent == intent && scanner.fired & (1 << i) != 0)
                .map(|(_, r)| r.weight),
        );
    }
    let doc = scanner.doc;
    let has = |c: Concepts| doc & c != 0;
    let trained = has(TRAIN);
    let [trace, grading, rewrite, data, sweep] = &mut scores;
    if scanner.n_code_langs >= 3 {
        let p = if scanner.n_code_langs >= 5 { 0.5 } else { 0.3 };
        *sweep = 1.0 - (1.0 - *sweep) * (1.0 - p);
    }
    if !trained {
        if has(STUDENT) && !has(HIDDEN | MISTAKE) {
            *trace = trace.min(0.4);
        }
        if has(STUDENT) && doc & (COMPARE | ANSWER) != COMPARE | ANSWER {
            *grading = grading.min(0.35);
        }
        if has(CUSTOMER) {
            *grading *= 0.6;
            *rewrite *= 0.6;
        }
        *data = data.min(if !has(GENERATE | ITEMS) {
            0.2
        } else if has(STUDENT) {
            0.3
        } else if has(MOCK) {
            0.35
        } else {
            0.6
        });
        *sweep = sweep.min(0.6);
        if has(TRANSLATE) {
            scores.iter_mut().for_each(|s| *s *= 0.6);
        }
    }
    IntentAnalysis { scores, scanner }
}

impl IntentAnalysis {
    /// The score of one intent, in [0, 1].
    pub fn score(&self, intent: Intent) -> f64 {
        self.scores[intent.index()]
    }

    /// The strongest intent and its score.
    pub fn top(&self) -> (Intent, f64) {
        Intent::ALL
            .into_iter()
            .map(|i| (i, self.score(i)))
            .fold((Intent::Trace, 0.0), |b, x| if x.1 > b.1 { x } else { b })
    }

    /// The overall score: the strongest intent raised by half the second.
    pub fn overall(&self) -> f64 {
        let mut s = self.scores;
        s.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        1.0 - (1.0 - s[0]) * (1.0 - 0.5 * s[1])
    }

    /// The concepts of the rules that fired for `intent`.
    pub fn concepts(&self, intent: Intent) -> Concepts {
        RULES
            .iter()
            .enumerate()
            .filter(|(i, r)| r.intent == intent && self.scanner.fired & (1 << i) != 0)
            .fold(0, |m, (_, r)| m | r.all | r.any)
            & self.scanner.doc
    }

    /// The language(s) the intent was asked in: the language whose stems
    /// named its concepts most often, and a second one when it named at
    /// least half as many ("es+en"); "und" when only universal tokens did.
    pub fn language(&self, intent: Intent) -> String {
        let mask = self.concepts(intent);
        let mut votes = [0u32; LANGS.len()];
        for hit in &self.scanner.hits[..self.scanner.n_hits] {
            if hit.concepts & mask == 0 {
                continue;
            }
            for (l, v) in votes.iter_mut().enumerate() {
                *v += u32::from(hit.langs >> l & 1) * 2;
            }
        }
        // Han stems shared by Chinese and Japanese: kana decides.
        let (zh, ja) = (4, 6);
        if votes[zh] > 0 && votes[ja] > 0 {
            votes[if self.scanner.kana { ja } else { zh }] += 1;
        }
        let mut order: Vec<usize> = (0..LANGS.len()).collect();
        order.sort_by(|a, b| votes[*b].cmp(&votes[*a]).then(a.cmp(b)));
        let (first, second) = (order[0], order[1]);
        if votes[first] == 0 {
            return "und".to_string();
        }
        if votes[second] * 2 >= votes[first] && votes[second] >= 4 {
            format!("{}+{}", LANGS[first], LANGS[second])
        } else {
            LANGS[first].to_string()
        }
    }

    /// Up to `n` concept labels behind the intent, for a reason.
    pub fn cues(&self, intent: Intent, n: usize) -> Vec<&'static str> {
        let mut m = self.concepts(intent);
        let mut out = Vec::new();
        while m != 0 && out.len() < n {
            let bit = m & m.wrapping_neg();
            out.push(label(bit));
            m &= m - 1;
        }
        out
    }

    /// A reason: "reasoning-trace extraction (de) (0.72): step, intermediate, …".
    pub fn reason(&self, intent: Intent) -> String {
        format!(
            "{} ({}) ({:.2}): {}",
            intent.label(),
            self.language(intent),
            self.score(intent),
            self.cues(intent, 4).join(", ")
        )
    }
}
