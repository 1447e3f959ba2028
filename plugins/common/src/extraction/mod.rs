//! Reasoning-extraction cue analysis: is a prompt (with its system prompt)
//! harvesting chain-of-thought traces, reward-model grading, or
//! policy-sensitive rewrites?
//!
//! Cues are *families* (synonym sets from [`crate::lexicon`]) combined by
//! word distance, not fixed phrases: {hidden, internal, raw, verbatim, …}
//! within four words of {reasoning, thought process, chain of thought,
//! scratchpad, monologue, …} is one feature whichever words fill it. Each
//! feature found has a weight; a family's score is the noisy-OR of its
//! features, so one generic cue ("think step by step") scores low and
//! several independent cues score high. Structural markers (numbered
//! criteria, "Response A/Response B", score scales, `<thinking>` tags, JSON
//! with a `"reasoning"` key) come from a pass over the raw text.
//!
//! Cost: one pass over at most a budget of each text (its head and tail),
//! no allocation beyond the result.

mod phrase;
pub(crate) mod raw;
mod scan;

use crate::score::noisy_or;
pub use scan::Scanner;

/// A cue family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Chain-of-thought elicitation.
    Cot,
    /// Reward-model grading (rubrics, pairwise preference).
    Grading,
    /// Policy-sensitive "safe alternative phrasing" rewrites.
    Rewrite,
    /// Bulk generation of training material ("generate 50 diverse
    /// question-answer pairs for a training set"); a mention of training
    /// data also boosts the strongest other family.
    Intent,
    /// Context that changes how other cues read (no score of its own).
    Context,
}

impl Family {
    /// The stable tag for findings of this family.
    pub fn tag(self) -> &'static str {
        match self {
            Family::Cot => "cot-elicitation",
            Family::Grading => "reward-model-grading",
            Family::Rewrite => "policy-rewrite",
            Family::Intent => "training-data-generation",
            Family::Context => "context",
        }
    }

    /// A short label for reasons.
    pub fn label(self) -> &'static str {
        match self {
            Family::Cot => "reasoning-trace request",
            Family::Grading => "reward-model grading",
            Family::Rewrite => "safe-rewrite request",
            Family::Intent => "training-data request",
            Family::Context => "context",
        }
    }
}

macro_rules! features {
    ($($name:ident = ($family:ident, $weight:expr, $text:expr),)*) => {
        /// One cue found in the text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Feature { $($name,)* }

        impl Feature {
            /// Every feature, in declaration order.
            pub const ALL: &'static [Feature] = &[$(Feature::$name,)*];

            /// The family it counts towards.
            pub fn family(self) -> Family {
                match self { $(Feature::$name => Family::$family,)* }
            }

            /// Its weight in the family's noisy-OR.
            pub fn weight(self) -> f64 {
                match self { $(Feature::$name => $weight,)* }
            }

            /// A few words for a reason.
            pub fn text(self) -> &'static str {
                match self { $(Feature::$name => $text,)* }
            }
        }
    };
}

features! {
    StrongModR = (Cot, 0.55, "hidden/internal/raw reasoning"),
    WeakModRs = (Cot, 0.35, "full chain of thought"),
    WeakModR = (Cot, 0.22, "full/complete reasoning"),
    RnS = (Cot, 0.25, "chain of thought/scratchpad/monologue"),
    RnW = (Cot, 0.05, "reasoning"),
    RevealSR = (Cot, 0.25, "verbalise/reconstruct thoughts"),
    RevealR = (Cot, 0.15, "show/write out reasoning"),
    SelfR = (Cot, 0.08, "the model's own reasoning"),
    TraceS = (Cot, 0.45, "false starts/dead ends/self-corrections"),
    TraceW = (Cot, 0.15, "backtracking/hesitations"),
    Step = (Cot, 0.12, "step by step"),
    Aloud = (Cot, 0.2, "think out loud"),
    Before = (Cot, 0.12, "reasoning before the final answer"),
    ExhSteps = (Cot, 0.15, "every intermediate step"),
    ShowWork = (Cot, 0.1, "show your work"),
    Tag = (Cot, 0.35, "<thinking>-style tags"),
    JsonReasoning = (Cot, 0.3, "JSON reasoning field"),
    Rubric = (Grading, 0.35, "rubric"),
    RubricW = (Grading, 0.15, "criteria"),
    Grade = (Grading, 0.1, "grade/score/rate"),
    Scale = (Grading, 0.22, "score scale"),
    Ref = (Grading, 0.25, "a model response under review"),
    Pair = (Grading, 0.35, "Response A vs Response B"),
    Prefer = (Grading, 0.2, "preference judgement"),
    Crit2 = (Grading, 0.2, "several quality criteria"),
    Crit4 = (Grading, 0.35, "many quality criteria"),
    Justify = (Grading, 0.15, "justify the score"),
    JsonScore = (Grading, 0.15, "JSON score field"),
    Numbered = (Grading, 0.1, "numbered criteria"),
    RmData = (Grading, 0.45, "reward-model/preference data"),
    Rewrite = (Rewrite, 0.1, "rewrite/rephrase"),
    Safe = (Rewrite, 0.2, "into safe/harmless form"),
    Sensitive = (Rewrite, 0.2, "sensitive/harmful source"),
    Alt = (Rewrite, 0.3, "alternative phrasings"),
    SafeRewrite = (Rewrite, 0.55, "safe rewrite of sensitive content"),
    Evasion = (Rewrite, 0.4, "avoiding refusals/filters"),
    Data = (Intent, 0.2, "mentions training data/fine-tuning"),
    GenMany = (Intent, 0.3, "bulk generation of examples"),
    Diverse = (Intent, 0.1, "diverse/varied items"),
    WithSolutions = (Intent, 0.15, "with worked solutions"),
    DataGen = (Intent, 0.35, "bulk generation for training data"),
    JsonRecord = (Intent, 0.3, "JSON training record (prompt/completion)"),
    HumanWork = (Context, 0.0, "grading people's work"),
    KeyInstruction = (Context, 0.0, "JSON \"instruction\" key"),
    KeyOutput = (Context, 0.0, "JSON \"output\" key"),
}

/// A set of [`Feature`]s.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Features(pub u64);

impl Features {
    /// Adds a feature.
    pub fn add(&mut self, f: Feature) {
        self.0 |= 1 << (f as u8);
    }
    /// Removes a feature.
    pub fn remove(&mut self, f: Feature) {
        self.0 &= !(1 << (f as u8));
    }
    /// Whether the feature is present.
    pub fn has(self, f: Feature) -> bool {
        self.0 & (1 << (f as u8)) != 0
    }
    /// The features present, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Feature> {
        Feature::ALL.iter().copied().filter(move |f| self.has(*f))
    }
}

/// Word counts per capability class, for [`crate::classify`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassCounts {
    pub code: u16,
    pub analysis: u16,
    pub math: u16,
    pub agent: u16,
    pub vision: u16,
    pub writing: u16,
    /// Code-like punctuation and fences seen in the raw text.
    pub code_marks: u16,
}

/// The result of analysing a request's texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// The cues found.
    pub features: Features,
    /// Chain-of-thought elicitation score.
    pub cot: f64,
    /// Reward-model grading score.
    pub grading: f64,
    /// Policy-sensitive rewrite score.
    pub rewrite: f64,
    /// Training-data generation score.
    pub intent: f64,
    /// Overall reasoning-extraction score in [0, 1].
    pub score: f64,
    /// Capability-class word counts.
    pub classes: ClassCounts,
    /// Words scanned.
    pub words: u32,
}

impl Analysis {
    /// The strongest family and its score.
    pub fn top(&self) -> (Family, f64) {
        [
            (Family::Cot, self.cot),
            (Family::Grading, self.grading),
            (Family::Rewrite, self.rewrite),
            (Family::Intent, self.intent),
        ]
        .into_iter()
        .fold(
            (Family::Cot, 0.0),
            |best, f| if f.1 > best.1 { f } else { best },
        )
    }

    /// Up to `n` of the heaviest features of `family`, for a reason.
    pub fn top_features(&self, family: Family, n: usize) -> Vec<Feature> {
        let mut fs: Vec<Feature> = self
            .features
            .iter()
            .filter(|f| f.family() == family)
            .collect();
        fs.sort_by(|a, b| {
            b.weight()
                .partial_cmp(&a.weight())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        fs.truncate(n);
        fs
    }
}

/// How much of each text is scanned: its first `head` and last `tail`
/// bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub head: usize,
    pub tail: usize,
}

impl Budget {
    /// Everything up to `bytes`, from the start.
    pub fn prefix(bytes: usize) -> Self {
        Budget {
            head: bytes,
            tail: 0,
        }
    }
}

/// Analyses a request's system prompt and prompt within `budget` each. Cues
/// do not combine across texts (or head and tail) by distance, but the
/// features of all count.
pub fn analyze(system_prompt: Option<&str>, prompt: Option<&str>, budget: Budget) -> Analysis {
    let mut scanner = Scanner::new();
    for text in [system_prompt, prompt].into_iter().flatten() {
        scanner.feed(text, budget.head, budget.tail);
    }
    finish(scanner)
}

/// Scores the findings of a scanner.
pub fn finish(scanner: Scanner) -> Analysis {
    let (mut features, criteria, classes, words) = scanner.into_parts();
    let has = |f: Feature| features.has(f);

    // A trace phrase ("dead ends") counts fully only next to reasoning talk.
    if has(Feature::TraceS) {
        let context = [
            Feature::RnW,
            Feature::RnS,
            Feature::Step,
            Feature::Aloud,
            Feature::RevealR,
            Feature::RevealSR,
            Feature::StrongModR,
        ];
        if !context.iter().any(|f| has(*f)) {
            features.remove(Feature::TraceS);
            features.add(Feature::TraceW);
        }
    }
    let n_criteria = criteria.count_ones();
    if n_criteria >= 4 {
        features.add(Feature::Crit4);
    } else if n_criteria >= 2 {
        features.add(Feature::Crit2);
    }
    let f = features;
    if f.has(Feature::Rewrite) && f.has(Feature::Safe) && f.has(Feature::Sensitive) {
        features.add(Feature::SafeRewrite);
    }
    if f.has(Feature::Data) && f.has(Feature::GenMany) {
        features.add(Feature::DataGen);
    }
    if f.has(Feature::KeyInstruction) && f.has(Feature::KeyOutput) {
        features.add(Feature::JsonRecord);
    }

    let family_score = |family: Family, skip: &[Feature]| {
        noisy_or(
            features
                .iter()
                .filter(|f| f.family() == family && !skip.contains(f))
                .map(Feature::weight),
        )
    };

    let cot = family_score(Family::Cot, &[]);

    let has = |f: Feature| features.has(f);
    let graded = [
        Feature::Grade,
        Feature::Rubric,
        Feature::RubricW,
        Feature::Pair,
        Feature::RmData,
    ];
    let grading = if graded.iter().any(|f| has(*f)) {
        let about_a_response = has(Feature::Ref) || has(Feature::Pair);
        let skip: &[Feature] = if about_a_response {
            &[]
        } else {
            &[Feature::Prefer]
        };
        let s = family_score(Family::Grading, skip);
        let anchored = about_a_response || has(Feature::Rubric) || has(Feature::RmData);
        // A teacher grading students is not a reward model grading a model.
        let teaching = has(Feature::HumanWork) && !has(Feature::Pair) && !has(Feature::RmData);
        if anchored && !teaching {
            s
        } else {
            s.min(0.35)
        }
    } else {
        0.0
    };

    let rewrite = if has(Feature::Rewrite)
        || has(Feature::Evasion)
        || (has(Feature::Alt) && (has(Feature::Safe) || has(Feature::Sensitive)))
    {
        family_score(Family::Rewrite, &[])
    } else {
        0.0
    };

    let intent = if has(Feature::GenMany) || has(Feature::Data) {
        let s = family_score(Family::Intent, &[]);
        // Teachers make practice sets; without a training-data mention a
        // bulk request stays below "suspicious".
        if has(Feature::HumanWork) {
            s.min(0.3)
        } else if !has(Feature::Data) {
            s.min(0.46)
        } else {
            s
        }
    } else {
        0.0
    };

    let score = combine([cot, grading, rewrite, intent], has(Feature::Data));
    Analysis {
        features,
        cot,
        grading,
        rewrite,
        intent,
        score,
        classes,
        words,
    }
}

/// The overall extraction score from the family scores (chain of thought,
/// grading, rewrite, training-data generation): the strongest family,
/// raised by half the second (two families in one prompt is more than one),
/// then by a training-data mention when a harvesting family is present.
pub fn combine(families: [f64; 4], data_mention: bool) -> f64 {
    let harvest = families[0].max(families[1]).max(families[2]);
    let mut scores = families;
    scores.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let mut score = 1.0 - (1.0 - scores[0]) * (1.0 - 0.5 * scores[1]);
    if data_mention && harvest >= 0.2 {
        score = 1.0 - (1.0 - score) * (1.0 - 0.25);
    }
    crate::score::unit(score)
}

#[cfg(test)]
mod tests;
