//! A task factory for coding-agent mimicry: it sweeps a programming-language × capability grid, one cell per
//! task, with fresh project and file names each time, so no task builds on the account's previous ones.

use super::{Bank, fill, num};
use crate::dist::{Rng, pick};

/// Languages the factory sweeps (with a source extension).
pub(crate) const LANGS: &[(&str, &str)] = &[
    ("Python", "py"),
    ("TypeScript", "ts"),
    ("Go", "go"),
    ("Rust", "rs"),
    ("Java", "java"),
    ("C++", "cpp"),
    ("C#", "cs"),
    ("Ruby", "rb"),
    ("Kotlin", "kt"),
    ("PHP", "php"),
    ("Swift", "swift"),
    ("Scala", "scala"),
];

/// Capabilities the factory sweeps: (short name for file names, task description).
#[rustfmt::skip]
pub(crate) const CAPS: &[(&str, &str)] = &[
    ("lru_cache", "an LRU cache with O(1) get and put"),
    ("csv_reader", "a CSV parser that handles quoted fields, escaped quotes and embedded newlines"),
    ("rate_limiter", "a token-bucket rate limiter that is safe to call from several threads"),
    ("trie", "a trie with insert, delete and prefix search"),
    ("http_retry", "an HTTP client wrapper with retries, exponential backoff and jitter"),
    ("dijkstra", "Dijkstra's shortest paths over a weighted directed graph read from an edge list"),
    ("crawler", "a concurrent web crawler with a bounded worker pool and per-host politeness delay"),
    ("json_lexer", "a JSON tokenizer that reports line and column of every error"),
    ("interval_merge", "a function that merges overlapping date ranges, with unit tests"),
    ("expr_eval", "an arithmetic expression evaluator with + - * / and parentheses"),
    ("bloom", "a Bloom filter with configurable false-positive rate"),
    ("kv_wal", "a tiny key-value store with a write-ahead log and crash recovery"),
    ("line_diff", "a line-based diff of two files using longest common subsequence"),
    ("cron_parse", "a parser for five-field cron expressions that computes the next run time"),
];

/// Number of grid cells.
pub(crate) fn cells() -> usize {
    LANGS.len() * CAPS.len()
}

/// The task for grid cell `cell` (language-major), with a fresh project and file name.
pub(crate) fn task(rng: &mut Rng, bank: Bank, cell: usize) -> String {
    let (lang, ext) = LANGS
        .get(cell % LANGS.len())
        .copied()
        .unwrap_or(("Python", "py"));
    let (short, what) = CAPS
        .get((cell / LANGS.len()) % CAPS.len())
        .copied()
        .unwrap_or(("task", "a function"));
    let project = format!(
        "{}-{}{}",
        pick(rng, &["svc", "tool", "lib", "app", "core", "kit"]),
        pick(
            rng,
            &[
                "atlas", "comet", "delta", "ember", "fjord", "gale", "hydra", "ion", "jade", "kilo"
            ]
        ),
        num(rng, 1, 99)
    );
    let t = match bank {
        Bank::A => pick(
            rng,
            &[
                "In this repository ({project}), implement {what} in {lang}. Put it in src/{short}.{ext}, add unit tests and run them until they pass.",
                "New task for {project}: write {what} ({lang}). Create src/{short}.{ext} with tests; keep the public API small and documented.",
                "Create {what} in {lang} under {project}/src/{short}.{ext}. Include tests covering edge cases and make sure the build is green.",
            ],
        ),
        Bank::B => pick(
            rng,
            &[
                "{project}: we need {what}, in {lang}. File: lib/{short}.{ext}. Tests required, run them before you finish.",
                "Please add {what} to {project} ({lang}, lib/{short}.{ext}). Write the tests first, then the implementation.",
                "Implement {what}. Language: {lang}. Location: {project}/lib/{short}.{ext}. Done means tests pass and lint is clean.",
            ],
        ),
    };
    fill(
        t,
        &[
            ("project", &project),
            ("what", what),
            ("lang", lang),
            ("short", short),
            ("ext", ext),
        ],
    )
}
