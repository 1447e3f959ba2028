//! One cheap pass over the head of a prompt, shared by the per-account
//! signals: the request's *salient tokens* (for [`crate::continuity`]) and
//! its *cell* — the task's capability and its programming or natural
//! language (for [`crate::sweep`]).
//!
//! Salient tokens are what a person building on earlier work repeats:
//! identifiers (`parse_config`, `src/main.rs`, `UserService`, `v2_api`) and
//! long content words (`photosynthesis`, `kubernetes`), ranked identifiers
//! first, then by length; a short list of long words that every kind of
//! prompt uses (`function`, `explanation`, …) is left out. Words in
//! scripts without spaces (Chinese, Japanese) are not tokens: a whole
//! sentence would be one "word".
//!
//! The language is the first programming language named (by name or by a
//! file extension), else the natural language by script (Cyrillic, Han,
//! kana, Hangul, Arabic, …) or by stop-word votes among Latin-script
//! languages. The capability is the first task word (build, fix, refactor,
//! test, explain, review, port, document, data, maths, grading, security,
//! concurrency, algorithms), English only; other prompts are `other`.

use palisade_sdk::text::{hash64, mix64, prefix};

/// What the pass found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Hashes of the most salient tokens, most salient first, no repeats.
    pub tokens: Vec<u64>,
    /// The programming language named, if any.
    pub program: Option<&'static str>,
    /// The natural language (`en`, `es`, `ru`, `zh`, …; `?` when unknown).
    pub natural: &'static str,
    /// The capability of the task (`other` when no task word was found).
    pub capability: &'static str,
    /// The programming language named *by name* in the prompt's first line
    /// of prose (before any newline or backtick) of a prompt with no code
    /// block: what a task stated from scratch says ("… in Kotlin"), as
    /// opposed to a question about pasted code ("what does this rust code
    /// do? ```…") or the code, logs and file names a tool result shows
    /// ([`crate::churn`]).
    pub named: Option<&'static str>,
    /// The task statement's wording without its language, identifiers,
    /// paths and numbers: a hash of its first [`SKELETON_WORDS`] plain words
    /// of prose, when it has at least [`MIN_SKELETON_WORDS`] and names a
    /// language ([`crate::grid`]).
    pub skeleton: Option<u64>,
}

/// Plain words of a task statement that make its skeleton.
pub const SKELETON_WORDS: usize = 24;
/// Fewer plain words than this and a statement has no skeleton: a short
/// question ("how do I sort a list in Go") recurs across people anyway.
pub const MIN_SKELETON_WORDS: usize = 10;

impl Features {
    /// The language dimension of the request's cell: its programming
    /// language if it names one, else its natural language.
    pub fn language(&self) -> &'static str {
        self.program.unwrap_or(self.natural)
    }
}

/// Long words too common in prompts of every kind to say anything about
/// continuity.
const COMMON_LONG: &[&str] = &[
    "function",
    "functions",
    "following",
    "explanation",
    "implement",
    "implementation",
    "something",
    "question",
    "questions",
    "response",
    "responses",
    "different",
    "important",
    "examples",
    "understand",
    "describe",
    "possible",
    "everything",
    "anything",
    "together",
    "therefore",
    "solution",
    "solutions",
    "detailed",
    "complete",
    "thinking",
    "reasoning",
    "including",
    "specific",
    "information",
    "language",
    "languages",
    "programming",
    "available",
    "directly",
    "actually",
    "approach",
    "consider",
    "analysis",
    "summarize",
    "generate",
    "document",
    "difference",
    "interesting",
    "application",
    "performance",
    "structure",
    "carefully",
    "according",
    "requirements",
    "additional",
    "previous",
    "probably",
    "sentence",
    "paragraph",
    "correctly",
    "particular",
    "otherwise",
    "whether",
    "instructions",
];

/// Programming languages by name (lower case).
const PROGRAM_NAMES: &[(&str, &str)] = &[
    ("python", "python"),
    ("python3", "python"),
    ("rust", "rust"),
    ("golang", "go"),
    ("java", "java"),
    ("javascript", "javascript"),
    ("js", "javascript"),
    ("node", "javascript"),
    ("nodejs", "javascript"),
    ("node.js", "javascript"),
    ("typescript", "typescript"),
    ("ts", "typescript"),
    ("c++", "cpp"),
    ("cpp", "cpp"),
    ("c#", "csharp"),
    ("csharp", "csharp"),
    ("ruby", "ruby"),
    ("php", "php"),
    ("kotlin", "kotlin"),
    ("swift", "swift"),
    ("scala", "scala"),
    ("haskell", "haskell"),
    ("elixir", "elixir"),
    ("erlang", "erlang"),
    ("sql", "sql"),
    ("postgresql", "sql"),
    ("postgres", "sql"),
    ("mysql", "sql"),
    ("sqlite", "sql"),
    ("bash", "shell"),
    ("shell", "shell"),
    ("zsh", "shell"),
    ("powershell", "shell"),
    ("lua", "lua"),
    ("perl", "perl"),
    ("dart", "dart"),
    ("julia", "julia"),
    ("zig", "zig"),
    ("ocaml", "ocaml"),
    ("clojure", "clojure"),
    ("fortran", "fortran"),
    ("cobol", "cobol"),
    ("matlab", "matlab"),
    ("solidity", "solidity"),
];

/// Programming languages by file extension.
const EXTENSIONS: &[(&str, &str)] = &[
    ("py", "python"),
    ("rs", "rust"),
    ("go", "go"),
    ("ts", "typescript"),
    ("tsx", "typescript"),
    ("js", "javascript"),
    ("jsx", "javascript"),
    ("mjs", "javascript"),
    ("java", "java"),
    ("rb", "ruby"),
    ("cpp", "cpp"),
    ("cc", "cpp"),
    ("hpp", "cpp"),
    ("c", "c"),
    ("h", "c"),
    ("cs", "csharp"),
    ("kt", "kotlin"),
    ("swift", "swift"),
    ("scala", "scala"),
    ("hs", "haskell"),
    ("ex", "elixir"),
    ("exs", "elixir"),
    ("php", "php"),
    ("lua", "lua"),
    ("sql", "sql"),
    ("sh", "shell"),
    ("dart", "dart"),
    ("jl", "julia"),
    ("zig", "zig"),
];

/// Task words (lower-case prefixes) and their capability.
const CAPABILITIES: &[(&str, &str)] = &[
    ("implement", "build"),
    ("build", "build"),
    ("create", "build"),
    ("scaffold", "build"),
    ("fix", "fix"),
    ("debug", "fix"),
    ("bug", "fix"),
    ("crash", "fix"),
    ("failing", "fix"),
    ("broken", "fix"),
    ("refactor", "refactor"),
    ("optimiz", "refactor"),
    ("optimis", "refactor"),
    ("simplify", "refactor"),
    ("speed", "refactor"),
    ("test", "test"),
    ("pytest", "test"),
    ("unittest", "test"),
    ("explain", "explain"),
    ("why", "explain"),
    ("review", "review"),
    ("audit", "review"),
    ("critique", "review"),
    ("convert", "port"),
    ("port", "port"),
    ("migrat", "port"),
    ("translat", "port"),
    ("rewrite", "port"),
    ("document", "docs"),
    ("docstring", "docs"),
    ("readme", "docs"),
    ("analyz", "data"),
    ("analys", "data"),
    ("dataset", "data"),
    ("csv", "data"),
    ("query", "data"),
    ("chart", "data"),
    ("prove", "maths"),
    ("proof", "maths"),
    ("solve", "maths"),
    ("equation", "maths"),
    ("calculat", "maths"),
    ("integral", "maths"),
    ("probabilit", "maths"),
    ("grade", "grading"),
    ("rubric", "grading"),
    ("judge", "grading"),
    ("evaluat", "grading"),
    ("vulnerab", "security"),
    ("secur", "security"),
    ("exploit", "security"),
    ("concurren", "concurrency"),
    ("thread", "concurrency"),
    ("async", "concurrency"),
    ("parallel", "concurrency"),
    ("algorithm", "algorithms"),
    ("sort", "algorithms"),
    ("graph", "algorithms"),
    ("recursi", "algorithms"),
];

/// Latin-script languages and a few of their commonest words.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "is", "to", "of", "you", "what", "how", "with", "this", "that", "for",
            "are", "my", "can", "it", "in",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "que", "para", "con", "una", "por", "del", "cómo", "qué", "es",
            "y", "un", "mi", "este", "esta",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "ich", "mit", "für", "ein", "eine", "wie",
            "den", "dem", "zu", "auf", "du", "bitte",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "est", "une", "pour", "avec", "dans", "pas", "vous", "je", "et",
            "du", "ce", "cette", "qui", "sur",
        ],
    ),
    (
        "pt",
        &[
            "não", "uma", "você", "os", "do", "da", "em", "como", "para", "com", "que", "é", "um",
            "por", "isso", "esta", "meu",
        ],
    ),
    (
        "it",
        &[
            "il", "che", "non", "per", "sono", "della", "come", "gli", "di", "una", "un", "è",
            "questo", "questa", "mi", "lo",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "niet", "van", "ik", "je", "dat", "wat", "hoe", "voor", "zijn", "met",
        ],
    ),
    (
        "tr",
        &[
            "bir", "ve", "bu", "için", "ile", "ne", "nasıl", "mi", "değil", "çok", "daha", "gibi",
        ],
    ),
    (
        "pl",
        &[
            "nie", "się", "jest", "że", "na", "jak", "czy", "dla", "mnie", "to", "co", "proszę",
        ],
    ),
];

/// Bits of a lexicon entry: stop-word languages (one bit per
/// [`STOPWORDS`] entry), a common long word, a programming language
/// (index + 1 into [`PROGRAM_NAMES`]) and a capability stem (index + 1
/// into [`CAPABILITIES`]).
const COMMON_BIT: u32 = 1 << 9;
const PROGRAM_SHIFT: u32 = 10;
const STEM_SHIFT: u32 = 16;
const FIELD: u32 = 0x3f;
const TABLE_SIZE: usize = 1024;

const fn word_hash(w: &str) -> u64 {
    palisade_sdk::text::word_hash(w.as_bytes())
}

/// Adds `bits` to `word`'s entry in an open-addressing table.
const fn insert(table: &mut [(u64, u32); TABLE_SIZE], word: &str, bits: u32) {
    let hash = word_hash(word);
    let mut slot = (hash as usize) & (TABLE_SIZE - 1);
    loop {
        if table[slot].0 == 0 {
            table[slot] = (hash, bits);
            return;
        }
        if table[slot].0 == hash {
            table[slot].1 |= bits;
            return;
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

/// The word table, built at compile time: a lookup is one hash and one or
/// two probes, whatever the list sizes.
const fn build() -> [(u64, u32); TABLE_SIZE] {
    let mut table = [(0u64, 0u32); TABLE_SIZE];
    let mut l = 0;
    while l < STOPWORDS.len() {
        let words = STOPWORDS[l].1;
        let mut i = 0;
        while i < words.len() {
            insert(&mut table, words[i], 1 << l);
            i += 1;
        }
        l += 1;
    }
    let mut i = 0;
    while i < COMMON_LONG.len() {
        insert(&mut table, COMMON_LONG[i], COMMON_BIT);
        i += 1;
    }
    let mut i = 0;
    while i < PROGRAM_NAMES.len() {
        insert(
            &mut table,
            PROGRAM_NAMES[i].0,
            ((i as u32) + 1) << PROGRAM_SHIFT,
        );
        i += 1;
    }
    let mut i = 0;
    while i < CAPABILITIES.len() {
        insert(
            &mut table,
            CAPABILITIES[i].0,
            ((i as u32) + 1) << STEM_SHIFT,
        );
        i += 1;
    }
    table
}

static TABLE: [(u64, u32); TABLE_SIZE] = build();

fn lookup(hash: u64) -> u32 {
    let mut slot = (hash as usize) & (TABLE_SIZE - 1);
    loop {
        let (h, bits) = TABLE[slot];
        if h == hash {
            return bits;
        }
        if h == 0 {
            return 0;
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

/// Words from the start of the prompt in which stop words are counted
/// (later words are often the material: code, a quoted text).
const LEAD_WORDS: usize = 32;
/// Words from the start in which the task word is looked for ("Implement
/// …", "Can you refactor …", "Please write unit tests for …").
const TASK_WORDS: usize = 16;

/// Non-Latin scripts by code-point range, in the order they are checked
/// (kana before Han, so Japanese with kanji is `ja`).
fn script(c: char) -> Option<&'static str> {
    let u = u32::from(c);
    Some(match u {
        0x0400..=0x04FF => "ru",
        0x0370..=0x03FF => "el",
        0x0590..=0x05FF => "he",
        0x0600..=0x06FF => "ar",
        0x0900..=0x097F => "hi",
        0x0E00..=0x0E7F => "th",
        0x3040..=0x30FF => "ja",
        0x1100..=0x11FF | 0xAC00..=0xD7AF => "ko",
        0x4E00..=0x9FFF => "zh",
        _ => return None,
    })
}

/// Whether a script writes without spaces between words.
fn unspaced(s: &str) -> bool {
    matches!(s, "ja" | "zh" | "th")
}

/// A candidate token: salience (2 identifier, 1 long word), length, hash.
type Candidate = (u8, usize, u64);

/// How a word looks.
fn identifier_like(w: &str) -> bool {
    if w.len() < 4 {
        return false;
    }
    let b = w.as_bytes();
    let mut letters = false;
    let mut digits = false;
    let mut camel = false;
    let mut inner = false;
    for (i, &c) in b.iter().enumerate() {
        letters |= c.is_ascii_alphabetic();
        digits |= c.is_ascii_digit();
        if i > 0 && c.is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
            camel = true;
        }
        if matches!(c, b'_' | b'/' | b'.' | b':') && i > 0 && i + 1 < b.len() {
            inner = true;
        }
    }
    letters && (inner || camel || digits)
}

/// Scans at most `max_bytes` of `prompt` and keeps at most `max_tokens`
/// salient tokens.
pub fn extract(prompt: &str, max_bytes: usize, max_tokens: usize) -> Features {
    let text = prefix(prompt, max_bytes);
    let mut best: Vec<Candidate> = Vec::with_capacity(max_tokens + 1);
    let mut program: Option<&'static str> = None;
    let mut capability: Option<&'static str> = None;
    let mut votes = [0u32; 9];
    let mut script_votes: [(&str, u32); 4] = [("", 0); 4];
    let mut previous_in = false;
    let mut lower = [0u8; 32];
    let mut words = 0usize;
    let mut named: Option<&'static str> = None;
    let (mut skeleton, mut skeleton_words) = (0u64, 0usize);
    let prose_end = if text.contains("```") {
        0
    } else {
        text.find(['\n', '`']).unwrap_or(text.len())
    };

    let separators = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';'
                    | '('
                    | ')'
                    | '['
                    | ']'
                    | '{'
                    | '}'
                    | '"'
                    | '\''
                    | '`'
                    | '<'
                    | '>'
                    | '!'
                    | '?'
                    | '='
                    | '|'
                    | '*'
                    | '，'
                    | '。'
                    | '、'
                    | '？'
                    | '！'
                    | '：'
            )
    };
    for raw in text.split(separators) {
        let w = raw.trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '/' | '¿' | '¡'));
        if w.is_empty() {
            continue;
        }
        if !w.is_ascii() {
            non_ascii_word(w, &mut votes, &mut script_votes, &mut best, max_tokens);
            previous_in = false;
            continue;
        }
        if w.len() > lower.len() {
            if identifier_like(w) {
                keep(&mut best, (2, w.len(), hash64(w.as_bytes())), max_tokens);
            }
            previous_in = false;
            continue;
        }
        let n = w.len();
        for (dst, src) in lower.iter_mut().zip(w.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let lw = &lower[..n];
        let bits = lookup(palisade_sdk::text::word_hash(lw));
        let lead = words < LEAD_WORDS;
        let task = words < TASK_WORDS;
        words += 1;

        if program.is_none() {
            program = program_of(bits, lw, previous_in);
        }
        if offset_in(text, raw) < prose_end {
            let language = task_language(bits, lw, previous_in);
            if named.is_none() {
                named = language;
            }
            if language.is_none()
                && skeleton_words < SKELETON_WORDS
                && lw.iter().all(u8::is_ascii_alphabetic)
            {
                skeleton = mix64(skeleton ^ hash64(lw));
                skeleton_words += 1;
            }
        }
        if capability.is_none() && task {
            capability = capability_of(bits, lw);
        }
        if lead {
            for (i, v) in votes.iter_mut().enumerate() {
                *v += (bits >> i) & 1;
            }
        }
        previous_in = matches!(lw, b"in" | b"using" | b"with" | b"en" | b"em" | b"auf");

        if identifier_like(w) {
            keep(&mut best, (2, n, hash64(lw)), max_tokens);
        } else if n >= 8 && lw.iter().all(u8::is_ascii_alphabetic) && bits & COMMON_BIT == 0 {
            keep(&mut best, (1, n, hash64(lw)), max_tokens);
        }
    }

    let natural = natural_language(&votes, &script_votes);
    Features {
        tokens: best.iter().map(|c| c.2).collect(),
        program,
        natural,
        capability: capability.unwrap_or("other"),
        named,
        skeleton: (named.is_some() && skeleton_words >= MIN_SKELETON_WORDS).then_some(skeleton),
    }
}

/// Byte offset of `part` (a slice of `text`) in `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

/// A programming language named by the word itself (`bits` its table
/// entry, `l` its lower-case bytes); `go` and `c` only after
/// "in"/"using"/"with", since they are also ordinary words.
fn named_of(bits: u32, l: &[u8], previous_in: bool) -> Option<&'static str> {
    let index = (bits >> PROGRAM_SHIFT) & FIELD;
    if index > 0 {
        return PROGRAM_NAMES.get(index as usize - 1).map(|p| p.1);
    }
    if previous_in && (l == b"go" || l == b"c") {
        return Some(if l == b"go" { "go" } else { "c" });
    }
    None
}

/// [`named_of`], except shells: "bash" or "shell" in a first line is
/// mostly an agent's tool ("Tool result (bash):", "<shell>"), not the
/// language of a task.
fn task_language(bits: u32, l: &[u8], previous_in: bool) -> Option<&'static str> {
    named_of(bits, l, previous_in).filter(|p| *p != "shell")
}

/// A programming language named by the word ([`named_of`]), else by a
/// file extension.
fn program_of(bits: u32, l: &[u8], previous_in: bool) -> Option<&'static str> {
    if let Some(p) = named_of(bits, l, previous_in) {
        return Some(p);
    }
    let dot = l.iter().rposition(|b| *b == b'.')?;
    let (stem, ext) = (&l[..dot], &l[dot + 1..]);
    if !stem.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    EXTENSIONS
        .iter()
        .find(|(e, _)| e.as_bytes() == ext)
        .map(|(_, p)| *p)
}

/// The capability of a task word: a stem that is a prefix of the word
/// (stems of four letters or fewer match only the word or it plus one
/// letter: "fix", "fixes" but not "fixture").
fn capability_of(bits: u32, l: &[u8]) -> Option<&'static str> {
    let whole = (bits >> STEM_SHIFT) & FIELD;
    if whole > 0 {
        return CAPABILITIES.get(whole as usize - 1).map(|c| c.1);
    }
    if !l.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    for p in 3..l.len().min(11) {
        if p <= 4 && l.len() > p + 1 {
            continue;
        }
        let index = (lookup(palisade_sdk::text::word_hash(&l[..p])) >> STEM_SHIFT) & FIELD;
        if index > 0 {
            return CAPABILITIES.get(index as usize - 1).map(|c| c.1);
        }
    }
    None
}

/// Script votes and token candidates from a word with non-ASCII letters.
fn non_ascii_word(
    w: &str,
    votes: &mut [u32; 9],
    script_votes: &mut [(&'static str, u32); 4],
    best: &mut Vec<Candidate>,
    max_tokens: usize,
) {
    let mut found: Option<&'static str> = None;
    for c in w.chars() {
        if let Some(s) = script(c) {
            // Kana marks Japanese even among Han characters.
            if found.is_none() || s == "ja" {
                found = Some(s);
            }
            if s == "ja" {
                break;
            }
        }
    }
    match found {
        Some(s) => {
            if let Some(slot) = script_votes
                .iter_mut()
                .find(|(n, _)| *n == s || n.is_empty())
            {
                slot.0 = s;
                // An unspaced run is a whole clause: weigh it like several words.
                slot.1 += if unspaced(s) { 4 } else { 1 };
            }
            if !unspaced(s) && w.chars().count() >= 8 {
                let l = w.to_lowercase();
                keep(
                    best,
                    (1, l.chars().count(), hash64(l.as_bytes())),
                    max_tokens,
                );
            }
        }
        None => {
            // Latin letters with diacritics: stop words and long words.
            let l = w.to_lowercase();
            let bits = lookup(palisade_sdk::text::word_hash(l.as_bytes()));
            for (i, v) in votes.iter_mut().enumerate() {
                *v += (bits >> i) & 1;
            }
            let chars = l.chars().count();
            if chars >= 8 && l.chars().all(char::is_alphabetic) {
                keep(best, (1, chars, hash64(l.as_bytes())), max_tokens);
            }
        }
    }
}

/// The language with most votes; non-Latin scripts against Latin stop words.
fn natural_language(votes: &[u32; 9], script_votes: &[(&'static str, u32); 4]) -> &'static str {
    let mut best = ("?", 0u32);
    for (i, v) in votes.iter().enumerate() {
        if *v > best.1 {
            best = (STOPWORDS[i].0, *v);
        }
    }
    for (s, v) in script_votes {
        if *v > best.1 {
            best = (s, *v);
        }
    }
    best.0
}

/// Keeps `c` among the `max` best candidates (higher salience, then longer,
/// then lower hash: deterministic), without repeats.
fn keep(best: &mut Vec<Candidate>, c: Candidate, max: usize) {
    if max == 0 || best.iter().any(|b| b.2 == c.2) {
        return;
    }
    let rank = |x: &Candidate| (std::cmp::Reverse(x.0), std::cmp::Reverse(x.1), x.2);
    let at = best
        .iter()
        .position(|b| rank(&c) < rank(b))
        .unwrap_or(best.len());
    if at >= max {
        return;
    }
    best.insert(at, c);
    best.truncate(max);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: &str) -> Features {
        extract(p, 1024, 4)
    }

    #[test]
    fn identifiers_outrank_long_words_and_repeat_across_follow_ups() {
        let a = f("Why does parse_config in src/config.rs panic when the environment is empty?");
        let b = f("Now make parse_config return a Result instead; keep src/config.rs tidy.");
        assert_eq!(a.tokens.len(), 3, "{a:?}");
        assert!(a.tokens.iter().any(|t| b.tokens.contains(t)));
        assert_eq!(a.program, Some("rust"));
        assert_eq!(a.capability, "explain");
    }

    #[test]
    fn common_words_and_short_words_are_not_tokens() {
        let a = f("What is the capital of France? Please give a short answer.");
        assert!(a.tokens.is_empty(), "{a:?}");
        assert_eq!(a.natural, "en");
        assert_eq!(a.capability, "other");
        let b = f("Write a function with a detailed explanation of the following.");
        assert!(b.tokens.is_empty(), "{b:?}");
    }

    #[test]
    fn languages_by_name_extension_and_script() {
        assert_eq!(f("Implement an LRU cache in Go").program, Some("go"));
        assert_eq!(f("Let's go to the park").program, None);
        assert_eq!(f("Write tests for utils/strings.py").language(), "python");
        assert_eq!(
            f("Объясни, как работает этот алгоритм сортировки").language(),
            "ru"
        );
        assert_eq!(f("请一步一步地解释这个问题的推理过程").language(), "zh");
        assert_eq!(f("このコードをレビューしてください").language(), "ja");
        assert_eq!(
            f("¿Cómo puedo ordenar una lista en el orden correcto?").language(),
            "es"
        );
        assert_eq!(
            f("Wie kann ich das in der Datei ändern? Bitte mit Beispiel.").language(),
            "de"
        );
        assert_eq!(f("Refactor the Kotlin service").capability, "refactor");
        assert_eq!(f("Write unit tests for the parser").capability, "test");
    }

    #[test]
    fn at_most_max_tokens_without_repeats() {
        let p = "alpha_one alpha_one beta_two gamma_three delta_four epsilon_five zeta_six";
        let a = extract(p, 1024, 3);
        assert_eq!(a.tokens.len(), 3);
        let mut t = a.tokens.clone();
        t.dedup();
        assert_eq!(t.len(), 3);
        assert_eq!(extract(p, 1024, 3), a, "deterministic");
        assert!(extract(p, 1024, 0).tokens.is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for p in [
            "",
            "....",
            "é",
            "a/b",
            "::",
            "x.",
            "ab.cd.ef",
            "🙂🙂🙂",
            "\u{0}\u{ffff}",
        ] {
            let _ = f(p);
        }
        let long = "α".repeat(5000);
        assert!(extract(&long, 1000, 4).tokens.len() <= 4);
    }
}
