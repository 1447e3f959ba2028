//! # `reasoning`: reasoning-extraction prompts
//!
//! **Signal.** A prompt (or system prompt) that harvests training material
//! from the model rather than asking for help:
//! - *chain-of-thought elicitation*: the model's full, hidden, unabridged
//!   reasoning, scratchpad or internal monologue, step-by-step traces
//!   "including false starts", `<thinking>` tags, JSON with a `"reasoning"`
//!   key;
//! - *reward-model grading*: rubric scoring of a response, "Response A vs
//!   Response B" preferences, score scales, criteria lists, JSON scores;
//! - *policy-sensitive rewrites*: "safe alternative phrasings" of sensitive
//!   questions, rewrites that avoid refusals;
//! - *training-data generation*: bulk requests for diverse examples,
//!   question-answer pairs or worked solutions "for a training set", or
//!   more items shaped like a fine-tuning record (`{"prompt": …,
//!   "completion": …}`, `{"instruction": …, "output": …}`): the record's
//!   keys name training data in any language.
//!
//! Cues are synonym families combined by word distance (see
//! [`palisade_common::extraction`]), so rephrasings score alike; a single
//! generic cue such as a student's "think step by step" scores about 0.1.
//! Beside these English cues, each family also gets the score of its
//! *concept intent* ([`palisade_common::intent`]): concept combinations
//! from a stem lexicon of twelve languages (English, Russian, Spanish,
//! German, Chinese, French, Japanese, Portuguese, Korean, Italian, Arabic,
//! Turkish), so a paraphrase or a translation that names the same concepts
//! ("every intermediate deduction you would normally skip", "jeden
//! Zwischenschritt deines Denkprozesses") scores alike; mixed-language
//! prompts too. A family scores the higher of the two (no double count;
//! concept scores below 0.25 are ignored as noise),
//! and its reason then names the intent and the language:
//! `reasoning-trace extraction (de) (0.81): step, reasoning, every/all,
//! intermediate`. Capability sweeps (every category × difficulty ×
//! programming language) count in the training-data family with the tag
//! `capability-sweep`. Held-out figures are in the `intent` module's docs.
//! The score is per request and stateless: ≥0.8 when several independent
//! cues agree (explicit trace harvesting), ≥0.5 for one clear cue family,
//! below 0.45 for the ordinary requests in the tests. Account-level
//! repetition of these prompts is scored by the `capability` detector.
//!
//! **Sources.** SIGNALS.md, "What they harvested" (reasoning traces,
//! reward-model work, policy-sensitive rewrites) and "What the defenders do"
//! (detection of chain-of-thought elicitation).
//!
//! **Known false positives.** Researchers writing about chain-of-thought
//! prompting; developers running LLM-as-judge evaluations (rubrics, A/B
//! comparisons) — per request these look like reward-model harvesting, and
//! only volume, templates and infrastructure tell them apart; trust-and-
//! safety teams rewriting harmful content; a student who asks for "your full
//! thought process" (about 0.45); in any language, a curious "show your
//! reasoning" scores about 0.3, a student's "explain step by step for my
//! homework" near 0. A new sign-up's question *about* the model ("is there
//! some hidden chain of thought before you answer?", "¿tienes una cadena de
//! pensamiento oculta?") names the same concepts as a harvester (0.6–0.7):
//! when the prompt is only such a question — short, a question, nothing to
//! solve in it (no digits, colon, code), none of a harvester's exhaustive
//! demands (every intermediate step, the dead ends) — the chain-of-thought
//! family is scaled by `curious_question` (0.5), to about 0.35 (below
//! `log`). Known miss: a harvester who words each request as such a short
//! question with the problem in plain words ("is there a hidden chain of
//! thought behind your answer to why the sky is blue? write it all out")
//! loses half of that request's score here; capability concentration
//! (`capability`) still counts it, so an account that asks nothing else is
//! still seen. Translators (a translation request scales the concept
//! intents by 0.6) and support bots (a customer context scales grading and
//! rewrites by 0.6) can still reach "suspicious" when the text they handle
//! is itself about grading or rewriting.
//!
//! **Cost.** One pass of English cues over the first `head_bytes` and last
//! `tail_bytes` of each text, one of concept stems over the first
//! `intent_head_bytes` and last `intent_tail_bytes`; no aggregates. A
//! system prompt seen before (agents repeat theirs) is not scanned again:
//! the instance keeps the scanners' state after the last 64 distinct ones
//! ([`palisade_common::memo`]), which gives the same verdict.

use palisade_common::check;
use palisade_common::extraction::{self, Analysis, Budget, Family};
use palisade_common::intent::{self, Intent, IntentAnalysis};
use palisade_common::memo::TextMemo;
use palisade_sdk::text::{contains_words, normalize, normalize_prefix};
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// A cue family, as named in settings.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FamilyName {
    Cot,
    Grading,
    Rewrite,
    TrainingData,
}

/// An operator-supplied cue: a phrase matched as whole words in the
/// normalised text, adding `weight` to a family.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExtraCue {
    pub phrase: String,
    pub family: FamilyName,
    pub weight: f64,
}

/// Settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Bytes scanned from the start of the prompt and of the system prompt
    /// (default 2048).
    pub head_bytes: usize,
    /// Bytes scanned from the end of each text when it is longer than
    /// `head_bytes + tail_bytes` (default 512): instructions often follow
    /// the material.
    pub tail_bytes: usize,
    /// Whether the system prompt is scanned (default true).
    pub scan_system_prompt: bool,
    /// Multiplier on the chain-of-thought family, 0 disables (default 1).
    pub cot: f64,
    /// Multiplier on the reward-model grading family (default 1).
    pub grading: f64,
    /// Multiplier on the policy-rewrite family (default 1).
    pub rewrite: f64,
    /// Multiplier on the training-data generation family (default 1).
    pub training_data: f64,
    /// Multiplier on the multilingual concept intents
    /// ([`palisade_common::intent`]), 0 disables them (default 1). Each
    /// family scores the higher of its English cues and its concept intent.
    pub intents: f64,
    /// Bytes of each text's head the concept intents scan (default 1024;
    /// at most `head_bytes`): harvesting instructions open or close a
    /// prompt, and the scan costs a table probe per char.
    pub intent_head_bytes: usize,
    /// Bytes of each text's tail the concept intents scan (default 256).
    pub intent_tail_bytes: usize,
    /// Scores below this give a clean verdict (default 0.1).
    pub min_score: f64,
    /// A family's tag is attached at or above this score (default 0.3).
    pub tag_at: f64,
    /// Multiplier on the chain-of-thought family when the prompt is only
    /// a question *about* the model's reasoning ("is there a hidden chain
    /// of thought before you answer?"): nothing to solve, nothing asked to
    /// be written out, so nothing to harvest (default 0.5; 1 disables).
    pub curious_question: f64,
    /// Extra cues (at most 64; default none).
    pub extra_cues: Vec<ExtraCue>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            head_bytes: 2048,
            tail_bytes: 512,
            scan_system_prompt: true,
            cot: 1.0,
            grading: 1.0,
            rewrite: 1.0,
            training_data: 1.0,
            intents: 1.0,
            intent_head_bytes: 1024,
            intent_tail_bytes: 256,
            min_score: 0.1,
            tag_at: 0.3,
            curious_question: 0.5,
            extra_cues: Vec::new(),
        }
    }
}

/// The detector.
pub struct Reasoning {
    settings: Settings,
    /// The cue and concept scanners as a system prompt left them, by
    /// system prompt: agents and bots repeat theirs on every request.
    systems: TextMemo<(extraction::Scanner, Option<intent::Scanner>)>,
}

/// System prompts whose scans are kept (direct-mapped).
const SYSTEM_SLOTS: usize = 64;

impl Reasoning {
    /// The analysis (families at the higher of English cues and concept
    /// intents), the concept intents, and the English family scores.
    fn analyze(&self, request: &Request) -> (Analysis, Option<IntentAnalysis>, [f64; 4]) {
        let s = &self.settings;
        let system = request
            .call
            .system_prompt
            .as_deref()
            .filter(|_| s.scan_system_prompt);
        let budget = Budget {
            head: s.head_bytes,
            tail: s.tail_bytes,
        };
        let prompt = request.call.prompt.as_deref();
        let intent_head = s.intent_head_bytes.min(budget.head);
        // What `extraction::analyze` and `intent::analyze` do, with the
        // system prompt's part kept for the next request that repeats it.
        let (mut cues, concepts) = match system {
            Some(system) => self.systems.get_or(system, || {
                let mut cues = extraction::Scanner::new();
                cues.feed(system, budget.head, budget.tail);
                let concepts = (s.intents > 0.0).then(|| intent::scan_system(system, intent_head));
                (cues, concepts)
            }),
            None => (
                extraction::Scanner::new(),
                (s.intents > 0.0).then(intent::Scanner::new),
            ),
        };
        if let Some(prompt) = prompt {
            cues.feed(prompt, budget.head, budget.tail);
        }
        let mut a = extraction::finish(cues);
        if !s.extra_cues.is_empty() {
            self.apply_extra_cues(&mut a, system, prompt);
        }
        let english = [
            a.cot * s.cot,
            a.grading * s.grading,
            a.rewrite * s.rewrite,
            a.intent * s.training_data,
        ];
        // A fine-tuning record's keys (`"completion":`) name training data
        // in any language.
        let record = a.features.has(extraction::Feature::JsonRecord);
        let ia = concepts.map(|scanner| {
            let mut scanner =
                intent::scan_prompt(scanner, prompt, intent_head, s.intent_tail_bytes);
            if record {
                scanner.note(intent::concepts::TRAIN);
            }
            intent::finish(scanner)
        });
        if let Some(ia) = &ia {
            // Below the floor a concept intent is noise (one weak pair of
            // concepts); it neither raises a family nor makes a verdict.
            let c = |i: Intent| {
                let x = ia.score(i);
                if x >= INTENT_FLOOR {
                    s.intents * x
                } else {
                    0.0
                }
            };
            a.cot = a.cot.max(c(Intent::Trace));
            a.grading = a.grading.max(c(Intent::Grading));
            a.rewrite = a.rewrite.max(c(Intent::Rewrite));
            a.intent = a.intent.max(c(Intent::Data).max(c(Intent::Sweep)));
        }
        a.cot *= s.cot;
        if prompt.is_some_and(|p| curious_question(p, &a, ia.as_ref())) {
            a.cot *= s.curious_question;
        }
        a.grading *= s.grading;
        a.rewrite *= s.rewrite;
        a.intent *= s.training_data;
        let mention = a.features.has(extraction::Feature::Data);
        a.score = extraction::combine([a.cot, a.grading, a.rewrite, a.intent], mention);
        (a, ia, english)
    }

    fn apply_extra_cues(&self, a: &mut Analysis, system: Option<&str>, prompt: Option<&str>) {
        for text in [system, prompt].into_iter().flatten() {
            let normal = normalize_prefix(text, self.settings.head_bytes);
            for cue in &self.settings.extra_cues {
                if contains_words(&normal, &cue.phrase) {
                    let family = match cue.family {
                        FamilyName::Cot => &mut a.cot,
                        FamilyName::Grading => &mut a.grading,
                        FamilyName::Rewrite => &mut a.rewrite,
                        FamilyName::TrainingData => &mut a.intent,
                    };
                    *family = 1.0 - (1.0 - *family) * (1.0 - cue.weight);
                }
            }
        }
    }
}

/// The concept intent behind a family, when it (rather than the English
/// cues) gave the family its score.
fn concept_intent(
    ia: Option<&IntentAnalysis>,
    family: Family,
    score: f64,
    english: f64,
    k: f64,
) -> Option<Intent> {
    let ia = ia?;
    let candidates: &[Intent] = match family {
        Family::Cot => &[Intent::Trace],
        Family::Grading => &[Intent::Grading],
        Family::Rewrite => &[Intent::Rewrite],
        Family::Intent => &[Intent::Data, Intent::Sweep],
        Family::Context => &[],
    };
    candidates
        .iter()
        .copied()
        .filter(|i| ia.score(*i) > 0.0)
        .max_by(|x, y| {
            ia.score(*x)
                .partial_cmp(&ia.score(*y))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .filter(|i| {
            ia.score(*i) >= INTENT_FLOOR
                && k * ia.score(*i) >= score - 1e-9
                && english < score - ENGLISH_MARGIN
        })
}

/// Whether `prompt` is only a question about the model's reasoning: short,
/// about the model's *hidden/internal* reasoning (English cues or any
/// language's concepts), asked as a question (a question mark in any
/// script), with no task in it (no digits, colon, line break, code or
/// markup: a harvester needs a problem to get a trace of) and none of the
/// exhaustive demands a harvester adds (every intermediate step, mistakes
/// and dead ends, what is normally skipped, tags or JSON for the trace).
/// "Can you show me your hidden chain of thought? I'm curious" is such a
/// question; the same words with a problem attached keep the full score,
/// and "walk me through it step by step" is not about the model at all.
fn curious_question(prompt: &str, a: &Analysis, ia: Option<&IntentAnalysis>) -> bool {
    use extraction::Feature as F;
    use intent::concepts::{HIDDEN, INTER, MISTAKE, SKIP};
    let text = prompt.trim();
    if text.len() > CURIOUS_MAX_BYTES {
        return false;
    }
    let trace = ia.map_or(0, |ia| ia.concepts(Intent::Trace));
    let about_model = a.features.has(F::StrongModR) || trace & HIDDEN != 0;
    let asks = text.contains(['?', '？', '؟']);
    let payload = text.chars().any(|c| {
        c.is_numeric() || matches!(c, ':' | '：' | '\n' | '`' | '{' | '[' | '<' | '=' | '|')
    });
    let exhaustive = [
        F::RevealSR,
        F::TraceS,
        F::TraceW,
        F::ExhSteps,
        F::Tag,
        F::JsonReasoning,
    ]
    .into_iter()
    .any(|f| a.features.has(f))
        || trace & (MISTAKE | SKIP | INTER) != 0;
    about_model && asks && !payload && !exhaustive
}

/// A curious question is a sentence or three; longer prompts carry a task.
const CURIOUS_MAX_BYTES: usize = 300;

/// Concept intent scores below this are ignored.
const INTENT_FLOOR: f64 = 0.25;

/// The English cues' reasons are more specific ("false starts"): they are
/// kept unless the concept intent scores this much higher.
const ENGLISH_MARGIN: f64 = 0.1;

fn reason(a: &Analysis, family: Family, score: f64) -> String {
    let cues: Vec<&str> = a.top_features(family, 3).iter().map(|f| f.text()).collect();
    if cues.is_empty() {
        format!("{} ({score:.2})", family.label())
    } else {
        format!("{} ({score:.2}): {}", family.label(), cues.join(", "))
    }
}

impl Detector for Reasoning {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "reasoning",
            version: env!("CARGO_PKG_VERSION"),
            description: "reasoning-trace, reward-model grading and safe-rewrite elicitation in prompts",
            reads: Fields::PROMPT.with(Fields::SYSTEM_PROMPT),
        }
    }

    /// Stateless: the host refuses it aggregates and may run it on
    /// parallel instances in a replay.
    fn uses_aggregates() -> bool {
        false
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::range_u64("head_bytes", s.head_bytes as u64, 256, 65_536)?;
        check::range_u64("tail_bytes", s.tail_bytes as u64, 0, 65_536)?;
        check::range("cot", s.cot, 0.0, 1.0)?;
        check::range("grading", s.grading, 0.0, 1.0)?;
        check::range("rewrite", s.rewrite, 0.0, 1.0)?;
        check::range("training_data", s.training_data, 0.0, 1.0)?;
        check::range("intents", s.intents, 0.0, 1.0)?;
        check::range_u64("intent_head_bytes", s.intent_head_bytes as u64, 128, 65_536)?;
        check::range_u64("intent_tail_bytes", s.intent_tail_bytes as u64, 0, 65_536)?;
        check::range("min_score", s.min_score, 0.0, 0.99)?;
        check::range("tag_at", s.tag_at, 0.0, 1.0)?;
        check::range("curious_question", s.curious_question, 0.0, 1.0)?;
        if s.extra_cues.len() > 64 {
            return Err(format!(
                "extra_cues: at most 64 entries, got {}",
                s.extra_cues.len()
            ));
        }
        for (i, cue) in s.extra_cues.iter().enumerate() {
            if cue.phrase.is_empty() || normalize(&cue.phrase) != cue.phrase {
                return Err(format!(
                    "extra_cues[{i}].phrase: {:?} must be non-empty, lower-case words separated by single spaces (e.g. {:?})",
                    cue.phrase,
                    normalize(&cue.phrase)
                ));
            }
            if !(cue.weight > 0.0 && cue.weight <= 1.0) {
                return Err(format!(
                    "extra_cues[{i}].weight: {} is outside (0, 1]",
                    cue.weight
                ));
            }
        }
        Ok(())
    }

    fn new(settings: Settings) -> Self {
        Reasoning {
            settings,
            systems: TextMemo::new(SYSTEM_SLOTS),
        }
    }

    fn detect(&self, request: &Request, _aggregates: &mut dyn Aggregates) -> Verdict {
        let (a, ia, english) = self.analyze(request);
        if a.score < self.settings.min_score || a.score <= 0.0 {
            return Verdict::clean();
        }
        let mut families = [
            (Family::Cot, a.cot),
            (Family::Grading, a.grading),
            (Family::Rewrite, a.rewrite),
            (Family::Intent, a.intent),
        ];
        families.sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(std::cmp::Ordering::Equal));
        let mut reasons = Vec::new();
        let mut tags = Vec::new();
        let (k, multiplier) = (self.settings.intents, |f: Family| match f {
            Family::Cot => self.settings.cot,
            Family::Grading => self.settings.grading,
            Family::Rewrite => self.settings.rewrite,
            Family::Intent => self.settings.training_data,
            Family::Context => 0.0,
        });
        for (family, score) in families {
            let eng = match family {
                Family::Cot => english[0],
                Family::Grading => english[1],
                Family::Rewrite => english[2],
                Family::Intent => english[3],
                Family::Context => 0.0,
            };
            let by_concept =
                concept_intent(ia.as_ref(), family, score, eng, k * multiplier(family));
            if score >= self.settings.min_score {
                match (by_concept, &ia) {
                    (Some(i), Some(ia)) => reasons.push(ia.reason(i)),
                    _ => reasons.push(reason(&a, family, score)),
                }
            }
            if score >= self.settings.tag_at {
                let tag = by_concept.map_or(family.tag(), Intent::tag);
                tags.push(tag.to_string());
            }
        }
        Verdict {
            score: a.score,
            reasons,
            tags,
        }
    }
}

export_detector!(Reasoning);

#[cfg(test)]
mod tests;
