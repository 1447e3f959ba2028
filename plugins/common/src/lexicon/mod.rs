//! The cue lexicon: words grouped into *families* (synonym sets), looked up
//! by the word's [`hash64`](palisade_sdk::text::hash64) in a table built at
//! compile time, so a lookup is one hash (already computed by
//! [`scan_words`](palisade_sdk::text::scan_words)) and one or two probes. A
//! word may belong to several classes. Multi-word cues ("chain of thought",
//! "false starts", "Response A") are recognised by the scanner in
//! [`crate::extraction`] from the words' classes and [`PHRASE`]-marked words.

/// A set of word classes.
pub type Class = u64;

// Reasoning-extraction families.
/// Strong "unfiltered" modifiers: hidden, internal, raw, verbatim, unabridged…
pub const MOD_S: Class = 1 << 0;
/// Weak completeness modifiers: full, complete, detailed, entire, every…
pub const MOD_W: Class = 1 << 1;
/// Common reasoning nouns: reasoning, thoughts, thinking, rationale…
pub const RN_W: Class = 1 << 2;
/// Introspective reasoning nouns: scratchpad, monologue, deliberation, CoT…
pub const RN_S: Class = 1 << 3;
/// Verbs asking to show something: show, write, output, explain…
pub const REVEAL: Class = 1 << 4;
/// Verbs asking to externalise thought: verbalise, narrate, transcribe…
pub const REVEAL_S: Class = 1 << 5;
/// Single-word trace cues: backtracking, hesitations, missteps…
pub const TRACE_W: Class = 1 << 6;
/// Words that make "every step" exhaustive: every, each, all, intermediate…
pub const EXH: Class = 1 << 7;
/// "work", "working": "show your work" is a teacher's phrase, kept apart.
pub const WORK: Class = 1 << 8;
/// Your, yours, yourself, own.
pub const SELF: Class = 1 << 9;
/// Before, prior, preceding (for "before the final answer").
pub const BEFORE: Class = 1 << 10;
/// Answer, respond, final, conclusion… (targets of [`BEFORE`]).
pub const ANSWER_T: Class = 1 << 11;
/// Aloud (and "loud" in "out loud", via [`PHRASE`]).
pub const ALOUD: Class = 1 << 12;
// Reward-model grading.
/// Grade, score, rate, evaluate, judge, rank, compare…
pub const GRADE: Class = 1 << 13;
/// Rubric.
pub const RUBRIC: Class = 1 << 14;
/// Criteria, criterion, checklist.
pub const RUBRIC_W: Class = 1 << 15;
/// Response, completion, output, answer, assistant, model…
pub const REFERENT: Class = 1 << 16;
/// Determiners that make a referent "a response under review".
pub const DET: Class = 1 << 17;
/// Prefer, better, worse, winner, chosen, rejected…
pub const PREFER: Class = 1 << 18;
/// Justify, justification.
pub const JUSTIFY: Class = 1 << 19;
/// Scale, likert.
pub const SCALE: Class = 1 << 20;
// Policy-sensitive rewrites.
/// Rewrite, rephrase, paraphrase, reformulate…
pub const REWRITE: Class = 1 << 21;
/// Safe, harmless, benign, compliant, sanitised…
pub const SAFE: Class = 1 << 22;
/// Sensitive, harmful, dangerous, controversial, refused…
pub const SENSITIVE: Class = 1 << 23;
/// Phrasing, wording, formulation, version, variant…
pub const ALT_NOUN: Class = 1 << 24;
/// Alternative, different, several, multiple…
pub const ALT_ADJ: Class = 1 << 25;
/// Bypass, evade, avoid, circumvent, without…
pub const EVADE: Class = 1 << 26;
/// Moderation, guardrails, refusal, censorship, safeguards…
pub const FILTER: Class = 1 << 27;
/// The word takes part in a multi-word cue; the scanner checks it by hash.
pub const PHRASE: Class = 1 << 28;
/// Distillation-intent words: distill, SFT, RLHF, DPO, annotation…
pub const DATA: Class = 1 << 29;
/// Words about people's work being graded (student, homework, essay…): a
/// rubric for them is teaching, not reward-model harvesting.
pub const HUMAN_WORK: Class = 1 << 44;
/// Things generated in bulk as training data: examples, questions, pairs…
pub const GEN_NOUN: Class = 1 << 45;
/// Diverse, varied, challenging… (bulk-generation qualifiers).
pub const DIVERSE: Class = 1 << 46;
/// Generate, create, produce, synthesize… (bulk-generation verbs).
pub const GEN_VERB: Class = 1 << 47;
/// Words for many: dozens, hundreds, twenty… (digits are checked apart).
pub const BIG_NUMBER: Class = 1 << 60;
/// Words that an [`EXH`] modifier makes exhaustive ("every step").
pub const EXH_TARGET: Class = 1 << 30;
/// "Stepwise" and the like.
pub const STEPWISE: Class = 1 << 31;

// Capability classes.
/// Programming words.
pub const CODE: Class = 1 << 32;
/// Data-analysis words.
pub const ANALYSIS: Class = 1 << 33;
/// Maths and logic words.
pub const MATH: Class = 1 << 34;
/// Agent and tool-use words.
pub const AGENT: Class = 1 << 35;
/// Image and visual words.
pub const VISION: Class = 1 << 36;
/// Everyday writing and advice words.
pub const WRITING: Class = 1 << 37;

/// Where a word's phrase id sits in its classes (6 bits, 38..44).
pub const PHRASE_SHIFT: u32 = 38;
/// A [`PHRASE`] word with phrase id `id`.
const fn ph(id: u64) -> Class {
    PHRASE | (id << PHRASE_SHIFT)
}
/// The phrase id of a word's classes (0 for none).
pub const fn phrase_id(c: Class) -> u64 {
    (c >> PHRASE_SHIFT) & 0x3f
}
/// Phrase id of "process", "processes".
pub const P_PROCESS: u64 = 1;
/// Phrase id of "trace", "traces", "chain", "chains", "log", "logs", "transcript".
pub const P_TRACE: u64 = 2;
/// Phrase id of "thought", "reasoning", "thinking".
pub const P_THOUGHT: u64 = 3;
/// Phrase id of "consciousness".
pub const P_CONSCIOUSNESS: u64 = 4;
/// Phrase id of "pad".
pub const P_PAD: u64 = 5;
/// Phrase id of "voice", "dialogue", "dialog", "narrative", "monologue", "monologues".
pub const P_VOICE: u64 = 6;
/// Phrase id of "start", "starts".
pub const P_START: u64 = 7;
/// Phrase id of "end", "ends".
pub const P_END: u64 = 8;
/// Phrase id of "turn", "turns".
pub const P_TURN: u64 = 9;
/// Phrase id of "correction", "corrections", "correcting".
pub const P_CORRECTION: u64 = 10;
/// Phrase id of "guessing", "guesses".
pub const P_GUESS: u64 = 11;
/// Phrase id of "approach", "approaches", "ideas", "paths", "attempts", "branches", "hypotheses", "drafts".
pub const P_APPROACH: u64 = 12;
/// Phrase id of "error".
pub const P_ERROR: u64 = 13;
/// Phrase id of "mistakes", "errors".
pub const P_MISTAKES: u64 = 14;
/// Phrase id of "step".
pub const P_STEP: u64 = 15;
/// Phrase id of "time".
pub const P_TIME: u64 = 16;
/// Phrase id of "loud".
pub const P_LOUD: u64 = 17;
/// Phrase id of "data", "example", "examples", "set", "corpus", "pairs", "samples".
pub const P_DATA: u64 = 18;
/// Phrase id of "tune", "tuning", "tuned".
pub const P_TUNE: u64 = 19;
/// Phrase id of "model", "models".
pub const P_MODEL: u64 = 20;
/// Phrase id of "a", "x".
pub const P_LABEL_A: u64 = 21;
/// Phrase id of "b", "y".
pub const P_LABEL_B: u64 = 22;
/// Phrase id of "following".
pub const P_FOLLOWING: u64 = 23;
/// Phrase id of "filter", "filters".
pub const P_FILTER: u64 = 24;
/// Phrase id of "policy", "policies", "guidelines".
pub const P_POLICY: u64 = 25;
/// Phrase id of "refused", "flagged", "blocked".
pub const P_REFUSED: u64 = 26;
/// Phrase id of "harmful".
pub const P_HARMFUL: u64 = 27;
/// Phrase id of "solutions", "answers", "solution".
pub const P_SOLUTIONS: u64 = 28;

/// Quality criteria a grader is asked to judge, one bit per criterion group.
pub const CRITERIA_SHIFT: u32 = 48;
const fn crit(group: u32) -> Class {
    1 << (CRITERIA_SHIFT + group)
}
/// Mask of all criterion groups.
pub const CRITERIA: Class = 0xfff << CRITERIA_SHIFT;

mod words;
use words::ENTRIES;

const TABLE_SIZE: usize = 2048;

/// The word hash used everywhere ([`palisade_sdk::text::word_hash`]); use
/// it in `const` items so it is computed at compile time.
pub const fn h(word: &str) -> u64 {
    palisade_sdk::text::word_hash(word.as_bytes())
}

/// A word hash computed at compile time: `hc!("step")`.
#[macro_export]
macro_rules! hc {
    ($w:literal) => {{
        const H: u64 = $crate::lexicon::h($w);
        H
    }};
}

/// A set of word hashes computed at compile time: `hs!["a", "b"]`.
#[macro_export]
macro_rules! hs {
    ($($w:literal),* $(,)?) => {{
        const S: &[u64] = &[$($crate::lexicon::h($w)),*];
        S
    }};
}

const fn build() -> [(u64, Class); TABLE_SIZE] {
    let mut table = [(0u64, 0 as Class); TABLE_SIZE];
    let mut i = 0;
    while i < ENTRIES.len() {
        let hash = h(ENTRIES[i].0);
        let mut slot = (hash as usize) & (TABLE_SIZE - 1);
        loop {
            if table[slot].0 == 0 {
                table[slot] = (hash, ENTRIES[i].1);
                break;
            }
            if table[slot].0 == hash {
                table[slot].1 |= ENTRIES[i].1;
                break;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        i += 1;
    }
    table
}

static TABLE: [(u64, Class); TABLE_SIZE] = build();

/// The classes of the word whose hash is `hash` (0 for an unknown word).
#[inline]
pub fn lookup(hash: u64) -> Class {
    let mut slot = (hash as usize) & (TABLE_SIZE - 1);
    loop {
        let (h, class) = TABLE[slot];
        if h == hash {
            return class;
        }
        if h == 0 {
            return 0;
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

/// A small set of words fixed at compile time (e.g. stop words), looked up
/// by word hash.
pub struct WordSet<const N: usize>([u64; N]);

impl<const N: usize> WordSet<N> {
    /// Builds the set; `N` must be a power of two above twice the words.
    pub const fn new(words: &[&str]) -> Self {
        let mut t = [0u64; N];
        let mut i = 0;
        while i < words.len() {
            let hash = h(words[i]);
            let mut slot = (hash as usize) & (N - 1);
            while t[slot] != 0 && t[slot] != hash {
                slot = (slot + 1) & (N - 1);
            }
            t[slot] = hash;
            i += 1;
        }
        WordSet(t)
    }

    /// Whether the word with hash `hash` is in the set.
    #[inline]
    pub fn contains(&self, hash: u64) -> bool {
        let mut slot = (hash as usize) & (N - 1);
        loop {
            let x = self.0[slot];
            if x == hash {
                return true;
            }
            if x == 0 {
                return false;
            }
            slot = (slot + 1) & (N - 1);
        }
    }
}

/// Number of distinct words in the lexicon (for tests and docs).
pub fn len() -> usize {
    TABLE.iter().filter(|e| e.0 != 0).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_sdk::text::word_hash as hash64;

    #[test]
    fn lookup_finds_every_entry_with_merged_classes() {
        for (word, class) in ENTRIES {
            assert_eq!(lookup(hash64(word.as_bytes())) & class, *class, "{word}");
        }
        assert_eq!(lookup(hash64(b"all")), MOD_W | EXH | DET);
        assert_eq!(phrase_id(lookup(hash64(b"chains"))), P_TRACE);
        assert_eq!(lookup(hash64(b"zyzzyva")), 0);
    }

    #[test]
    fn word_sets_find_their_words_only() {
        const SET: WordSet<8> = WordSet::new(&["the", "a", "of"]);
        assert!(SET.contains(hash64(b"the")) && SET.contains(hash64(b"of")));
        assert!(!SET.contains(hash64(b"cat")));
    }

    #[test]
    fn no_word_has_two_phrase_ids() {
        for (word, class) in ENTRIES {
            let merged = phrase_id(lookup(hash64(word.as_bytes())));
            let own = phrase_id(*class);
            assert!(own == 0 || own == merged, "{word}: {own} vs {merged}");
        }
    }

    #[test]
    fn table_has_room() {
        assert!(len() * 2 < TABLE_SIZE, "grow TABLE_SIZE: {} words", len());
    }

    #[test]
    fn entries_are_normalised_words() {
        for (word, _) in ENTRIES {
            assert_eq!(palisade_sdk::text::normalize(word), *word);
        }
    }
}
