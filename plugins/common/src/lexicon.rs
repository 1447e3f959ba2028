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

const ENTRIES: &[(&str, Class)] = &[
    // Strong modifiers.
    ("unabridged", MOD_S), ("verbatim", MOD_S), ("raw", MOD_S), ("hidden", MOD_S),
    ("internal", MOD_S), ("internally", MOD_S), ("private", MOD_S), ("privately", MOD_S),
    ("inner", MOD_S), ("innermost", MOD_S), ("unfiltered", MOD_S), ("uncensored", MOD_S),
    ("unedited", MOD_S), ("underlying", MOD_S), ("secret", MOD_S), ("latent", MOD_S),
    ("undisclosed", MOD_S), ("unredacted", MOD_S), ("unvarnished", MOD_S), ("uncut", MOD_S),
    ("unsummarized", MOD_S), ("unsummarised", MOD_S), ("untruncated", MOD_S),
    ("unprocessed", MOD_S), ("concealed", MOD_S), ("untrimmed", MOD_S), ("unpolished", MOD_S),
    // Weak modifiers.
    ("full", MOD_W), ("complete", MOD_W), ("entire", MOD_W), ("whole", MOD_W),
    ("detailed", MOD_W), ("exhaustive", MOD_W), ("thorough", MOD_W), ("comprehensive", MOD_W),
    ("extensive", MOD_W), ("elaborate", MOD_W), ("granular", MOD_W), ("meticulous", MOD_W),
    ("explicit", MOD_W), ("lengthy", MOD_W), ("long", MOD_W), ("exact", MOD_W),
    ("actual", MOD_W), ("genuine", MOD_W), ("real", MOD_W), ("true", MOD_W), ("every", MOD_W | EXH),
    ("all", MOD_W | EXH | DET), ("candid", MOD_W), ("fully", MOD_W), ("completely", MOD_W),
    ("entirely", MOD_W), ("explicitly", MOD_W), ("thoroughly", MOD_W), ("exhaustively", MOD_W),
    ("extended", MOD_W), ("expanded", MOD_W), ("literal", MOD_W), ("precise", MOD_W),
    // Reasoning nouns.
    ("reasoning", RN_W | MATH | ph(P_THOUGHT)), ("reasonings", RN_W), ("thinking", RN_W | ph(P_THOUGHT)),
    ("thoughts", RN_W | EXH_TARGET), ("thought", RN_W | EXH_TARGET | ph(P_THOUGHT)), ("logic", RN_W | MATH),
    ("rationale", RN_W | JUSTIFY), ("rationales", RN_W), ("derivation", RN_W), ("derivations", RN_W),
    ("deductions", RN_W), ("inferences", RN_W), ("considerations", RN_W | EXH_TARGET),
    ("reflections", RN_W), ("reflection", RN_W),
    ("scratchpad", RN_S), ("scratchpads", RN_S), ("monologue", RN_S | ph(P_VOICE)), ("monologues", RN_S | ph(P_VOICE)),
    ("deliberation", RN_S), ("deliberations", RN_S), ("cot", RN_S), ("musings", RN_S),
    ("ruminations", RN_S), ("introspection", RN_S), ("cognition", RN_S), ("metacognition", RN_S),
    ("soliloquy", RN_S),
    // Phrase heads and tails for reasoning nouns.
    ("process", ph(P_PROCESS)), ("processes", ph(P_PROCESS)), ("trace", REVEAL | ph(P_TRACE)), ("traces", ph(P_TRACE)),
    ("chain", ph(P_TRACE)), ("chains", ph(P_TRACE)), ("log", REVEAL | ph(P_TRACE)), ("logs", ph(P_TRACE)),
    ("transcript", ph(P_TRACE)), ("consciousness", ph(P_CONSCIOUSNESS)), ("pad", ph(P_PAD)), ("voice", ph(P_VOICE)),
    ("dialogue", ph(P_VOICE)), ("dialog", ph(P_VOICE)), ("narrative", ph(P_VOICE)),
    // Reveal verbs.
    ("show", REVEAL), ("shows", REVEAL), ("showing", REVEAL), ("write", REVEAL),
    ("writing", REVEAL), ("output", REVEAL | REFERENT), ("outputs", REFERENT), ("print", REVEAL),
    ("share", REVEAL), ("display", REVEAL), ("include", REVEAL), ("including", REVEAL),
    ("provide", REVEAL), ("give", REVEAL), ("lay", REVEAL), ("walk", REVEAL),
    ("document", REVEAL), ("record", REVEAL), ("explain", REVEAL), ("describe", REVEAL),
    ("present", REVEAL), ("render", REVEAL), ("produce", REVEAL), ("generate", REVEAL),
    ("surface", REVEAL), ("unpack", REVEAL), ("capture", REVEAL), ("spell", REVEAL),
    ("state", REVEAL), ("demonstrate", REVEAL), ("explanation", REVEAL), ("explanations", REVEAL),
    ("walkthrough", REVEAL), ("breakdown", REVEAL), ("detail", REVEAL | EXH_TARGET),
    ("details", EXH_TARGET),
    ("verbalize", REVEAL | REVEAL_S), ("verbalise", REVEAL | REVEAL_S),
    ("verbalizing", REVEAL | REVEAL_S), ("verbalising", REVEAL | REVEAL_S),
    ("narrate", REVEAL | REVEAL_S), ("narrating", REVEAL | REVEAL_S),
    ("externalize", REVEAL | REVEAL_S), ("externalise", REVEAL | REVEAL_S),
    ("externalizing", REVEAL | REVEAL_S), ("transcribe", REVEAL | REVEAL_S),
    ("transcribing", REVEAL | REVEAL_S), ("articulate", REVEAL | REVEAL_S),
    ("articulating", REVEAL | REVEAL_S), ("reconstruct", REVEAL | REVEAL_S),
    ("reconstructing", REVEAL | REVEAL_S), ("imagine", REVEAL | REVEAL_S),
    ("simulate", REVEAL | REVEAL_S), ("emulate", REVEAL | REVEAL_S),
    ("replicate", REVEAL | REVEAL_S), ("dump", REVEAL | REVEAL_S), ("expose", REVEAL | REVEAL_S),
    ("reveal", REVEAL | REVEAL_S), ("revealing", REVEAL | REVEAL_S), ("disclose", REVEAL | REVEAL_S),
    ("leak", REVEAL | REVEAL_S),
    // Self reference.
    ("your", SELF), ("yours", SELF), ("yourself", SELF), ("own", SELF),
    // Trace cues (single words) and phrase parts ("false starts", "dead ends"…).
    ("backtracking", TRACE_W), ("backtrack", TRACE_W), ("backtracks", TRACE_W),
    ("backtracked", TRACE_W), ("hesitation", TRACE_W), ("hesitations", TRACE_W),
    ("missteps", TRACE_W), ("misstep", TRACE_W), ("detours", TRACE_W),
    ("reconsiderations", TRACE_W), ("uncertainties", TRACE_W), ("doubts", TRACE_W),
    ("retractions", TRACE_W), ("start", ph(P_START)), ("starts", ph(P_START)), ("end", ph(P_END)),
    ("ends", ph(P_END)), ("turn", ph(P_TURN)), ("turns", ph(P_TURN)), ("correction", ph(P_CORRECTION)),
    ("corrections", ph(P_CORRECTION)), ("correcting", ph(P_CORRECTION)), ("guessing", ph(P_GUESS)), ("guesses", ph(P_GUESS)),
    ("approach", ph(P_APPROACH)), ("approaches", ph(P_APPROACH)), ("ideas", ph(P_APPROACH)), ("paths", ph(P_APPROACH)),
    ("attempts", ph(P_APPROACH)), ("branches", ph(P_APPROACH)), ("hypotheses", ph(P_APPROACH)), ("drafts", ph(P_APPROACH)),
    ("error", ph(P_ERROR)), ("mistakes", ph(P_MISTAKES)), ("errors", ph(P_MISTAKES)),
    // Exhaustiveness and steps.
    ("each", EXH | DET), ("single", EXH), ("intermediate", EXH), ("minor", EXH),
    ("step", EXH_TARGET | ph(P_STEP)), ("steps", EXH_TARGET), ("calculation", EXH_TARGET),
    ("calculations", EXH_TARGET), ("stepwise", STEPWISE), ("time", ph(P_TIME)),
    ("work", WORK), ("working", WORK), ("workings", WORK),
    ("before", BEFORE), ("prior", BEFORE), ("preceding", BEFORE),
    ("answer", ANSWER_T | REFERENT), ("answers", REFERENT | GEN_NOUN | ph(P_SOLUTIONS)), ("answering", ANSWER_T),
    ("respond", ANSWER_T), ("responding", ANSWER_T), ("reply", ANSWER_T | REFERENT),
    ("replying", ANSWER_T), ("final", ANSWER_T), ("conclusion", ANSWER_T),
    ("concluding", ANSWER_T), ("giving", ANSWER_T), ("committing", ANSWER_T),
    ("aloud", ALOUD), ("loud", ph(P_LOUD)),
    // Grading.
    ("grade", GRADE), ("grades", GRADE), ("grading", GRADE), ("grader", GRADE),
    ("score", GRADE), ("scores", GRADE), ("scoring", GRADE), ("rate", GRADE), ("rates", GRADE),
    ("rating", GRADE), ("ratings", GRADE), ("evaluate", GRADE), ("evaluating", GRADE),
    ("evaluation", GRADE), ("evaluator", GRADE), ("assess", GRADE), ("assessing", GRADE),
    ("assessment", GRADE), ("judge", GRADE), ("judging", GRADE), ("judgement", GRADE),
    ("judgment", GRADE), ("rank", GRADE), ("ranking", GRADE), ("rankings", GRADE),
    ("compare", GRADE), ("comparing", GRADE), ("critique", GRADE), ("annotator", GRADE),
    ("rubric", RUBRIC), ("rubrics", RUBRIC), ("criteria", RUBRIC_W), ("criterion", RUBRIC_W),
    ("checklist", RUBRIC_W),
    ("response", REFERENT | ANSWER_T), ("responses", REFERENT), ("completion", REFERENT),
    ("completions", REFERENT), ("replies", REFERENT), ("generation", REFERENT),
    ("generations", REFERENT), ("candidate", REFERENT | DET), ("candidates", REFERENT),
    ("assistant", REFERENT | DET), ("assistants", REFERENT | DET), ("chatbot", REFERENT | DET),
    ("model", REFERENT | DET | ph(P_MODEL)), ("models", REFERENT | DET | ph(P_MODEL)),
    ("the", DET), ("this", DET), ("following", DET | ph(P_FOLLOWING)), ("both", DET), ("two", DET | ALT_ADJ),
    ("three", ALT_ADJ), ("four", ALT_ADJ), ("five", ALT_ADJ), ("ten", ALT_ADJ),
    ("ai", DET), ("given", DET), ("these", DET), ("above", DET), ("below", DET),
    ("provided", DET), ("generated", DET), ("first", DET), ("second", DET), ("its", DET),
    ("a", ph(P_LABEL_A)), ("b", ph(P_LABEL_B)), ("x", ph(P_LABEL_A)), ("y", ph(P_LABEL_B)),
    ("prefer", PREFER), ("preferred", PREFER), ("preference", PREFER),
    ("preferable", PREFER), ("better", PREFER), ("worse", PREFER), ("superior", PREFER),
    ("winner", PREFER), ("best", PREFER), ("worst", PREFER), ("chosen", PREFER), ("rejected", PREFER), ("tie", PREFER),
    ("justify", JUSTIFY), ("justifying", JUSTIFY), ("justification", JUSTIFY),
    ("justifications", JUSTIFY), ("scale", SCALE), ("likert", SCALE), 
    // Criteria.
    ("helpfulness", crit(0)), ("helpful", crit(0)), ("usefulness", crit(0)),
    ("harmlessness", crit(1)), ("harmless", crit(1) | SAFE | ALT_ADJ), ("honesty", crit(2)),
    ("honest", crit(2)), ("truthfulness", crit(2)), ("truthful", crit(2)),
    ("accuracy", crit(3)), ("accurate", crit(3)), ("correctness", crit(3)),
    ("factuality", crit(3)), ("factual", crit(3)), ("factually", crit(3)),
    ("relevance", crit(4)), ("relevant", crit(4)), ("relevancy", crit(4)),
    ("coherence", crit(5)), ("coherent", crit(5)), ("fluency", crit(5)), ("clarity", crit(5)),
    ("readability", crit(5)), ("completeness", crit(6)), ("thoroughness", crit(6)),
    ("comprehensiveness", crit(6)), ("depth", crit(6)), ("conciseness", crit(7)),
    ("concise", crit(7)), ("verbosity", crit(7)), ("brevity", crit(7)), ("succinctness", crit(7)),
    ("safety", crit(8)), ("faithfulness", crit(9)), ("faithful", crit(9)),
    ("groundedness", crit(9)), ("hallucination", crit(9)), ("hallucinations", crit(9)),
    ("tone", crit(10)), ("politeness", crit(10)), ("empathy", crit(10)),
    ("creativity", crit(10)), ("originality", crit(10)), ("engagement", crit(10)),
    ("adherence", crit(11)), ("instruction", 0),
    ("student", HUMAN_WORK), ("students", HUMAN_WORK), ("pupil", HUMAN_WORK),
    ("pupils", HUMAN_WORK), ("homework", HUMAN_WORK), ("essay", HUMAN_WORK | WRITING),
    ("essays", HUMAN_WORK), ("learner", HUMAN_WORK), ("learners", HUMAN_WORK),
    ("classmate", HUMAN_WORK), ("coursework", HUMAN_WORK), ("worksheet", HUMAN_WORK),
    ("assignment", HUMAN_WORK), ("assignments", HUMAN_WORK), ("quiz", HUMAN_WORK),
    ("exam", HUMAN_WORK), ("thesis", HUMAN_WORK), ("ta", HUMAN_WORK), ("teacher", HUMAN_WORK),
    // Bulk generation of training material.
    ("examples", GEN_NOUN | ph(P_DATA)), ("questions", GEN_NOUN), ("problems", GEN_NOUN),
    ("pairs", GEN_NOUN | ph(P_DATA)), ("samples", GEN_NOUN | ph(P_DATA)), ("prompts", GEN_NOUN),
    ("conversations", GEN_NOUN), ("dialogues", GEN_NOUN), ("instructions", GEN_NOUN),
    ("tasks", GEN_NOUN), ("exercises", GEN_NOUN), ("puzzles", GEN_NOUN), ("scenarios", GEN_NOUN),
    ("demonstrations", GEN_NOUN), ("trajectories", GEN_NOUN), ("transcripts", GEN_NOUN),
    ("solutions", GEN_NOUN | ph(P_SOLUTIONS)), ("solution", ph(P_SOLUTIONS)),
    ("diverse", DIVERSE | ALT_ADJ), ("varied", DIVERSE), ("challenging", DIVERSE),
    ("distinct", DIVERSE), ("unique", DIVERSE), ("realistic", DIVERSE), ("hard", DIVERSE),
    ("generate", REVEAL | GEN_VERB), ("create", GEN_VERB), ("produce", REVEAL | GEN_VERB),
    ("synthesize", GEN_VERB), ("synthesise", GEN_VERB), ("compose", GEN_VERB),
    ("dozen", BIG_NUMBER), ("dozens", BIG_NUMBER), ("hundreds", BIG_NUMBER),
    ("thousands", BIG_NUMBER), ("hundred", BIG_NUMBER), ("twenty", BIG_NUMBER),
    ("fifty", BIG_NUMBER), ("many", BIG_NUMBER), ("ten", ALT_ADJ | BIG_NUMBER),
    ("craft", GEN_VERB), ("author", GEN_VERB), ("make", GEN_VERB), ("write", REVEAL | GEN_VERB),
    ("give", REVEAL | GEN_VERB), ("list", GEN_VERB), ("come", GEN_VERB),
    // Rewrites.
    ("rewrite", REWRITE), ("rewrites", REWRITE | ALT_NOUN), ("rewriting", REWRITE),
    ("rewritten", REWRITE), ("rephrase", REWRITE), ("rephrased", REWRITE),
    ("rephrasing", REWRITE | ALT_NOUN), ("rephrasings", REWRITE | ALT_NOUN), ("reword", REWRITE),
    ("rewording", REWRITE | ALT_NOUN), ("rewordings", REWRITE | ALT_NOUN),
    ("paraphrase", REWRITE), ("paraphrases", REWRITE | ALT_NOUN), ("paraphrasing", REWRITE),
    ("reformulate", REWRITE), ("reformulation", REWRITE | ALT_NOUN),
    ("reformulations", REWRITE | ALT_NOUN), ("restate", REWRITE), ("restating", REWRITE),
    ("recast", REWRITE), ("rework", REWRITE), ("reframe", REWRITE), ("reframing", REWRITE),
    ("safe", SAFE | ALT_ADJ), ("safer", SAFE | ALT_ADJ), ("safely", SAFE), ("safest", SAFE),
    ("benign", SAFE | ALT_ADJ), ("innocuous", SAFE | ALT_ADJ), ("acceptable", SAFE),
    ("compliant", SAFE), ("sanitized", SAFE | ALT_ADJ), ("sanitised", SAFE | ALT_ADJ),
    ("sanitize", SAFE | REWRITE), ("sanitise", SAFE | REWRITE), ("permissible", SAFE),
    ("allowable", SAFE), ("inoffensive", SAFE), ("answerable", SAFE), ("neutralized", SAFE),
    ("sensitive", SENSITIVE), ("harmful", SENSITIVE | ph(P_HARMFUL)), ("dangerous", SENSITIVE),
    ("controversial", SENSITIVE), ("unsafe", SENSITIVE), ("toxic", SENSITIVE),
    ("borderline", SENSITIVE), ("risky", SENSITIVE), ("illicit", SENSITIVE),
    ("illegal", SENSITIVE), ("prohibited", SENSITIVE), ("restricted", SENSITIVE),
    ("forbidden", SENSITIVE), ("taboo", SENSITIVE), ("offensive", SENSITIVE),
    ("objectionable", SENSITIVE), ("nsfw", SENSITIVE), ("jailbreak", SENSITIVE | EVADE),
    ("jailbreaks", SENSITIVE | EVADE), ("refused", SENSITIVE | FILTER | ph(P_REFUSED)),
    ("refusal", SENSITIVE | FILTER), ("refusals", SENSITIVE | FILTER), ("refuse", FILTER),
    ("refusing", FILTER), ("disallowed", SENSITIVE), ("violating", SENSITIVE),
    ("violates", SENSITIVE), ("extremist", SENSITIVE), ("malicious", SENSITIVE),
    ("hazardous", SENSITIVE), ("adversarial", SENSITIVE),
    ("phrasing", ALT_NOUN), ("phrasings", ALT_NOUN), ("wording", ALT_NOUN),
    ("wordings", ALT_NOUN), ("formulation", ALT_NOUN), ("formulations", ALT_NOUN),
    ("framing", ALT_NOUN), ("framings", ALT_NOUN), ("version", ALT_NOUN), ("versions", ALT_NOUN),
    ("variant", ALT_NOUN), ("variants", ALT_NOUN), ("variation", ALT_NOUN),
    ("variations", ALT_NOUN), ("ways", ALT_NOUN), ("alternative", ALT_ADJ),
    ("alternatives", ALT_ADJ | ALT_NOUN), ("alternate", ALT_ADJ), ("different", ALT_ADJ),
    ("other", ALT_ADJ), ("various", ALT_ADJ), ("multiple", ALT_ADJ), ("several", ALT_ADJ),
    ("diverse", ALT_ADJ),
    ("bypass", EVADE), ("bypassing", EVADE), ("evade", EVADE), ("evading", EVADE),
    ("circumvent", EVADE), ("circumventing", EVADE), ("sidestep", EVADE), ("dodge", EVADE),
    ("avoid", EVADE), ("avoiding", EVADE), ("avoids", EVADE), ("without", EVADE),
    ("evasion", EVADE), ("pass", EVADE), ("passes", EVADE), ("passing", EVADE),
    ("past", EVADE), ("sneak", EVADE), ("slip", EVADE), ("fool", EVADE), ("trick", EVADE),
    ("moderation", FILTER), ("moderator", FILTER), ("guardrail", FILTER),
    ("guardrails", FILTER), ("censor", FILTER), ("censorship", FILTER), ("censors", FILTER),
    ("safeguards", FILTER), ("safeguard", FILTER), ("flagged", FILTER | ph(P_REFUSED)), ("blocked", FILTER | ph(P_REFUSED)), ("triggering", FILTER),
    ("filter", ph(P_FILTER)), ("filters", ph(P_FILTER)), ("policy", ph(P_POLICY)), ("policies", ph(P_POLICY)),
    ("guidelines", ph(P_POLICY)),
    // Distillation intent ("training data", "fine-tuning", "reward model"…).
    ("distill", DATA), ("distillation", DATA), ("distilling", DATA), ("distilled", DATA),
    ("sft", DATA), ("rlhf", DATA), ("dpo", DATA), ("rlaif", DATA), ("finetune", DATA),
    ("finetuning", DATA), ("annotation", DATA), ("annotations", DATA), ("data", ANALYSIS | ph(P_DATA)),
    ("example", ph(P_DATA)), ("set", ph(P_DATA)), ("corpus", ph(P_DATA)), ("dataset", ANALYSIS | ph(P_DATA)),
    ("datasets", ANALYSIS | ph(P_DATA)), ("sets", ph(P_DATA)),
    ("pairs", ph(P_DATA)), ("samples", ph(P_DATA)), ("tune", ph(P_TUNE)), ("tuning", ph(P_TUNE)),
    ("tuned", ph(P_TUNE)),
    // Capability: code.
    ("python", CODE), ("javascript", CODE), ("typescript", CODE), ("java", CODE),
    ("rust", CODE), ("golang", CODE), ("kotlin", CODE), ("swift", CODE), ("ruby", CODE),
    ("php", CODE), ("scala", CODE), ("haskell", CODE), ("cpp", CODE), ("csharp", CODE),
    ("sql", CODE | ANALYSIS), ("bash", CODE | AGENT), ("shell", CODE | AGENT), ("html", CODE),
    ("css", CODE), ("react", CODE), ("django", CODE), ("flask", CODE), ("nodejs", CODE),
    ("npm", CODE), ("pip", CODE), ("cargo", CODE), ("function", CODE), ("functions", CODE),
    ("method", CODE), ("class", CODE), ("classes", CODE), ("code", CODE), ("coding", CODE),
    ("codebase", CODE), ("bug", CODE), ("bugs", CODE), ("debug", CODE), ("debugging", CODE),
    ("compile", CODE), ("compiler", CODE), ("compiling", CODE), ("refactor", CODE),
    ("refactoring", CODE), ("implement", CODE), ("implementation", CODE), ("algorithm", CODE),
    ("regex", CODE), ("api", CODE | AGENT), ("endpoint", CODE), ("unittest", CODE),
    ("pytest", CODE), ("traceback", CODE), ("stacktrace", CODE), ("exception", CODE),
    ("script", CODE), ("repository", CODE), ("repo", CODE), ("git", CODE), ("commit", CODE),
    ("dockerfile", CODE), ("docker", CODE), ("kubernetes", CODE), ("yaml", CODE),
    ("variable", CODE), ("variables", CODE), ("recursion", CODE), ("def", CODE), ("fn", CODE),
    ("struct", CODE), ("enum", CODE), ("lambda", CODE), ("async", CODE), ("runtime", CODE),
    ("syntax", CODE), ("program", CODE), ("programming", CODE), ("library", CODE),
    ("module", CODE), ("snippet", CODE), ("frontend", CODE), ("backend", CODE),
    ("database", CODE), ("schema", CODE), ("linter", CODE), ("tests", CODE), ("unit", CODE),
    ("pull", CODE), ("merge", CODE), ("null", CODE), ("compiles", CODE), ("cli", CODE),
    // Capability: data analysis.
    ("csv", ANALYSIS),
    ("spreadsheet", ANALYSIS), ("excel", ANALYSIS), ("statistics", ANALYSIS),
    ("statistical", ANALYSIS), ("regression", ANALYSIS), ("correlation", ANALYSIS),
    ("analyze", ANALYSIS), ("analyse", ANALYSIS), ("analyzing", ANALYSIS),
    ("analysis", ANALYSIS), ("analyst", ANALYSIS), ("metrics", ANALYSIS), ("kpi", ANALYSIS),
    ("kpis", ANALYSIS), ("revenue", ANALYSIS), ("forecast", ANALYSIS),
    ("forecasting", ANALYSIS), ("trend", ANALYSIS), ("trends", ANALYSIS), ("table", ANALYSIS),
    ("pandas", ANALYSIS), ("visualization", ANALYSIS), ("visualisation", ANALYSIS),
    ("mean", ANALYSIS), ("median", ANALYSIS), ("variance", ANALYSIS), ("deviation", ANALYSIS),
    ("distribution", ANALYSIS), ("quarterly", ANALYSIS), ("cohort", ANALYSIS),
    ("churn", ANALYSIS), ("dashboard", ANALYSIS), ("pivot", ANALYSIS), ("insights", ANALYSIS),
    ("percentile", ANALYSIS), ("hypothesis", ANALYSIS), ("anova", ANALYSIS), ("rows", ANALYSIS),
    ("columns", ANALYSIS),
    // Capability: maths and logic.
    ("solve", MATH), ("solving", MATH), ("prove", MATH), ("proof", MATH), ("proofs", MATH),
    ("equation", MATH), ("equations", MATH), ("integral", MATH), ("derivative", MATH),
    ("theorem", MATH), ("lemma", MATH), ("probability", MATH), ("puzzle", MATH),
    ("riddle", MATH), ("calculate", MATH), ("compute", MATH), ("algebra", MATH),
    ("geometry", MATH), ("calculus", MATH), ("inequality", MATH), ("polynomial", MATH),
    ("matrix", MATH), ("physics", MATH), ("chemistry", MATH), ("math", MATH), ("maths", MATH),
    ("mathematics", MATH), ("mathematical", MATH), ("arithmetic", MATH),
    ("combinatorics", MATH), ("prime", MATH), ("primes", MATH), ("fraction", MATH),
    ("triangle", MATH), ("velocity", MATH), ("deduce", MATH), ("syllogism", MATH),
    ("optimization", MATH), ("olympiad", MATH), ("integer", MATH), ("integers", MATH),
    // Capability: agents and tools.
    ("tool", AGENT), ("tools", AGENT), ("agent", AGENT), ("agents", AGENT), ("agentic", AGENT),
    ("autonomous", AGENT), ("autonomously", AGENT), ("browse", AGENT), ("browser", AGENT),
    ("click", AGENT), ("navigate", AGENT), ("screenshot", AGENT | VISION),
    ("terminal", AGENT), ("execute", AGENT), ("execution", AGENT), ("orchestrate", AGENT),
    ("orchestration", AGENT), ("orchestrator", AGENT), ("subagent", AGENT),
    ("subagents", AGENT), ("workflow", AGENT), ("planner", AGENT), ("observation", AGENT),
    ("observations", AGENT), ("mcp", AGENT), ("invoke", AGENT), ("scrape", AGENT),
    ("crawl", AGENT), ("computer", AGENT), ("desktop", AGENT), ("mouse", AGENT),
    // Capability: vision.
    ("image", VISION), ("images", VISION), ("photo", VISION), ("photos", VISION),
    ("picture", VISION), ("pictures", VISION), ("diagram", VISION), ("ocr", VISION),
    ("scanned", VISION), ("camera", VISION), ("video", VISION), ("pixel", VISION),
    ("pixels", VISION), ("visual", VISION), ("png", VISION), ("jpg", VISION), ("jpeg", VISION),
    // Capability: everyday writing and advice.
    ("email", WRITING), ("letter", WRITING), ("poem", WRITING),
    ("story", WRITING), ("blog", WRITING), ("tweet", WRITING), ("caption", WRITING),
    ("summary", WRITING), ("summarize", WRITING), ("summarise", WRITING),
    ("translate", WRITING), ("translation", WRITING), ("recipe", WRITING), ("travel", WRITING),
    ("trip", WRITING), ("birthday", WRITING), ("gift", WRITING), ("resume", WRITING),
    ("cv", WRITING), ("marketing", WRITING), ("slogan", WRITING), ("joke", WRITING),
    ("song", WRITING), ("lyrics", WRITING), ("speech", WRITING), ("wedding", WRITING),
    ("dinner", WRITING), ("workout", WRITING), ("diet", WRITING), ("advice", WRITING),
    ("recommend", WRITING), ("movie", WRITING), ("novel", WRITING), ("vacation", WRITING),
    ("friend", WRITING), ("cover", WRITING), ("newsletter", WRITING), ("linkedin", WRITING),
];

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
