//! The scanner: folds the text char by char, looks each word's prefixes
//! (or each Han/kana run's substrings) up in the stem table, and fires the
//! intent rules whose concepts co-occur within a window of words.

use super::concepts::*;
use super::rules::{RULES, Window, rules_of};
use super::table::{
    Folded, Hasher, cjk_may_start, fold, gate_open, is_arabic, is_cjk, is_kana, lookup,
};

/// Longest word (in chars) whose prefixes are looked up; longer words are
/// matched on their first `MAX_WORD` chars only (by prefix stems).
const MAX_WORD: usize = 24;
/// Longest prefix stem, in chars.
const MAX_STEM: usize = 18;
/// Longest substring stem, in chars.
const MAX_CJK: usize = 8;
/// A CJK run is processed in chunks of this many chars.
const CJK_CHUNK: usize = 96;
/// Position units: a spaced word is 2, a Han/kana char is 1.
const WORD_UNITS: i32 = 2;
/// Gap between scanned pieces (system prompt, prompt, head, tail), so that
/// "near" rules do not combine across them.
const PIECE_GAP: i32 = 10_000;
/// Hits kept for language attribution.
const MAX_HITS: usize = 96;

/// One word (or CJK match) that named concepts.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Hit {
    pub concepts: Concepts,
    pub langs: u16,
}

/// Scanning state; feed texts, then read the fields.
#[derive(Debug, Clone)]
pub struct Scanner {
    pos: i32,
    last: [i32; 64],
    /// Every concept seen.
    pub(super) doc: Concepts,
    /// Rules fired so far (bit i = `RULES[i]`).
    pub(super) fired: u64,
    pub(super) hits: [Hit; MAX_HITS],
    pub(super) n_hits: usize,
    /// Distinct programming languages named (hashes).
    code_langs: [u64; 8],
    pub(super) n_code_langs: usize,
    /// Kana was seen (Japanese rather than Chinese).
    pub(super) kana: bool,
    word: [char; MAX_WORD],
    word_len: usize,
    word_long: bool,
    /// The word's hash so far, and the concepts of its prefixes so far.
    word_hash: Hasher,
    word_concepts: Concepts,
    word_langs: u16,
    word_digits: bool,
    /// The word's first three chars begin no stem: no more lookups.
    word_dead: bool,
    cjk: [char; CJK_CHUNK],
    cjk_len: usize,
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
            last: [i32::MIN / 2; 64],
            doc: 0,
            fired: 0,
            hits: [Hit::default(); MAX_HITS],
            n_hits: 0,
            code_langs: [0; 8],
            n_code_langs: 0,
            kana: false,
            word: ['\0'; MAX_WORD],
            word_len: 0,
            word_long: false,
            word_hash: Hasher::new(),
            word_concepts: 0,
            word_langs: 0,
            word_digits: true,
            word_dead: false,
            cjk: ['\0'; CJK_CHUNK],
            cjk_len: 0,
        }
    }

    /// Adds concepts found by another pass (a fine-tuning record's JSON
    /// keys, found by [`crate::extraction`]'s raw pass, name training data
    /// without a word for it): they count at the current position, so
    /// document-wide rules and the context shaping see them.
    pub fn note(&mut self, concepts: Concepts) {
        if concepts != 0 {
            self.hit(concepts, 0);
        }
    }

    /// Scans the first `head` and (when longer) the last `tail` bytes of
    /// `text` as separate pieces.
    pub fn feed(&mut self, text: &str, head: usize, tail: usize) {
        let (h, t) = palisade_sdk::text::head_and_tail(text, head, tail);
        self.piece(h);
        if let Some(t) = t {
            self.piece(t);
        }
    }

    fn piece(&mut self, text: &str) {
        self.pos += PIECE_GAP;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII fast path: no decoding, no folding table.
                if b.is_ascii_alphanumeric() && self.word_len == 0 && self.cjk_len == 0 {
                    // A whole ASCII word, ended by ASCII or the end.
                    let mut j = i + 1;
                    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                        j += 1;
                    }
                    if j == bytes.len() || bytes[j] < 0x80 {
                        if in_path(bytes, i, j) {
                            // A path or dotted-name component
                            // (`internal/store/x.go`) names code, not a
                            // concept: it only takes up its place.
                            self.pos += WORD_UNITS;
                        } else {
                            self.ascii_word(&bytes[i..j]);
                        }
                        i = j;
                        continue;
                    }
                }
                i += 1;
                if b.is_ascii_alphanumeric() {
                    if self.cjk_len > 0 {
                        self.flush_cjk();
                    }
                    self.push_word(char::from(b.to_ascii_lowercase()));
                } else {
                    self.flush();
                }
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            match fold(c) {
                Folded::Drop => {}
                Folded::Sep => self.flush(),
                Folded::Chars(a, b) => {
                    self.push(a);
                    if let Some(b) = b {
                        self.push(b);
                    }
                }
            }
        }
        self.flush();
    }

    #[inline]
    fn push(&mut self, c: char) {
        if is_cjk(c) {
            if self.word_len > 0 {
                self.flush_word();
            }
            if self.cjk_len == CJK_CHUNK {
                self.flush_cjk();
            }
            self.kana |= is_kana(c);
            self.cjk[self.cjk_len] = c;
            self.cjk_len += 1;
        } else {
            if self.cjk_len > 0 {
                self.flush_cjk();
            }
            self.push_word(c);
        }
    }

    /// One whole ASCII word: its prefixes up to [`MAX_STEM`] (none past
    /// three chars when the gate is closed), then the whole word.
    fn ascii_word(&mut self, w: &[u8]) {
        self.pos += WORD_UNITS;
        let n = w.len();
        if w.iter().all(u8::is_ascii_digit) {
            if n <= 7 {
                self.number(w.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')));
            }
            return;
        }
        let mut h = Hasher::new();
        let (mut concepts, mut langs) = (0, 0);
        for (i, b) in w.iter().take(MAX_STEM).enumerate() {
            h.push_byte(b.to_ascii_lowercase());
            if i == 2 && !gate_open(h.prefix_key()) {
                if concepts != 0 {
                    self.hit(concepts, langs);
                }
                return;
            }
            if i >= 1 {
                let (k, l) = lookup(h.prefix_key());
                concepts |= k;
                langs |= l;
            }
        }
        self.finish_word(h, concepts, langs, n <= MAX_STEM);
    }

    /// The end of a word, whichever path scanned it: the whole word's own
    /// lookup (when `exact`: it was short enough and not cut off by the
    /// gate), a programming-language name remembered, and the hit.
    fn finish_word(&mut self, h: Hasher, mut concepts: Concepts, mut langs: u16, exact: bool) {
        if exact {
            let (k, l) = lookup(h.exact_key());
            concepts |= k;
            langs |= l;
        }
        if concepts & CODELANG != 0 {
            let key = h.exact_key();
            if !self.code_langs[..self.n_code_langs].contains(&key)
                && self.n_code_langs < self.code_langs.len()
            {
                self.code_langs[self.n_code_langs] = key;
                self.n_code_langs += 1;
            }
        }
        if concepts != 0 {
            self.hit(concepts, langs);
        }
    }

    /// A number word: small counts and large quantities are concepts.
    fn number(&mut self, v: u32) {
        let c = match v {
            1..=10 => SMALLNUM,
            20..=1_000_000 => MANY,
            _ => 0,
        };
        if c != 0 {
            self.hit(c, 0);
        }
    }

    /// Adds a char to the current word, looking its prefix up as it grows.
    #[inline]
    fn push_word(&mut self, c: char) {
        // "25개", "300件": a number glued to a non-ASCII word is a word of
        // its own.
        let glued = self.word_len > 0
            && if c.is_ascii() {
                c.is_ascii_digit()
                    && !self.word_digits
                    && !self.word[(self.word_len - 1).min(MAX_WORD - 1)].is_ascii()
            } else {
                self.word_digits
            };
        if glued {
            self.flush_word();
        }
        let n = self.word_len;
        if n < MAX_WORD {
            self.word[n] = c;
            self.word_len = n + 1;
        } else {
            self.word_long = true;
        }
        self.word_digits &= c.is_ascii_digit();
        if n < MAX_STEM && !self.word_dead {
            self.word_hash.push(c);
            if n == 2 && !gate_open(self.word_hash.prefix_key()) {
                self.word_dead = true;
                return;
            }
            if n >= 1 || !c.is_ascii() {
                let (k, l) = lookup(self.word_hash.prefix_key());
                self.word_concepts |= k;
                self.word_langs |= l;
            }
        }
    }

    #[inline]
    fn flush(&mut self) {
        if self.word_len > 0 {
            self.flush_word();
        }
        if self.cjk_len > 0 {
            self.flush_cjk();
        }
    }

    fn flush_word(&mut self) {
        let n = self.word_len;
        let dead = self.word_dead;
        let long = self.word_long || n > MAX_STEM;
        let (h, concepts, langs) = (self.word_hash, self.word_concepts, self.word_langs);
        let digits = self.word_digits;
        self.word_len = 0;
        self.word_long = false;
        self.word_hash = Hasher::new();
        self.word_concepts = 0;
        self.word_langs = 0;
        self.word_digits = true;
        self.word_dead = false;
        self.pos += WORD_UNITS;
        if digits {
            if !long && n <= 7 {
                self.number(
                    self.word[..n]
                        .iter()
                        .fold(0u32, |v, d| v * 10 + (*d as u32 - '0' as u32)),
                );
            }
            return;
        }
        // Arabic: the article and a leading conjunction are part of the
        // word ("والخطوات"); match after them too.
        let start = if is_arabic(self.word[0]) {
            arabic_stem_start(&self.word[..n])
        } else {
            0
        };
        if start == 0 {
            self.finish_word(h, concepts, langs, !long && !dead);
            return;
        }
        let (mut concepts, mut langs) = (concepts, langs);
        if !long && !dead {
            let (k, l) = lookup(h.exact_key());
            concepts |= k;
            langs |= l;
        }
        let mut stem_hash = Hasher::new();
        let stem = &self.word[start..n];
        for c in stem.iter().take(MAX_STEM) {
            stem_hash.push(*c);
            let (k, l) = lookup(stem_hash.prefix_key());
            concepts |= k;
            langs |= l;
        }
        // (A word cut at `MAX_WORD` leaves a stem longer than this.)
        if stem.len() <= MAX_STEM {
            let (k, l) = lookup(stem_hash.exact_key());
            concepts |= k;
            langs |= l;
        }
        // The programming-language key stays the whole word's.
        self.finish_word(h, concepts, langs, false);
    }

    fn flush_cjk(&mut self) {
        let n = self.cjk_len;
        self.cjk_len = 0;
        let base = self.pos;
        for i in 0..n {
            if !cjk_may_start(self.cjk[i]) {
                continue;
            }
            let mut h = Hasher::new();
            let (mut concepts, mut langs) = (0, 0);
            for j in i..n.min(i + MAX_CJK) {
                h.push(self.cjk[j]);
                let (k, l) = lookup(h.prefix_key());
                concepts |= k;
                langs |= l;
            }
            if concepts != 0 {
                self.pos = base + i as i32;
                self.hit(concepts, langs);
            }
        }
        self.pos = base + n as i32;
    }

    /// Records concepts seen at the current position and fires the rules
    /// they complete.
    fn hit(&mut self, concepts: Concepts, langs: u16) {
        let pos = self.pos;
        let mut bits = concepts;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            self.last[b] = pos;
            bits &= bits - 1;
        }
        self.doc |= concepts;
        if self.n_hits < MAX_HITS {
            self.hits[self.n_hits] = Hit { concepts, langs };
            self.n_hits += 1;
        }
        // Concepts seen within each window of this position.
        let mut near = 0;
        let mut seen = self.doc;
        while seen != 0 {
            let b = seen.trailing_zeros() as usize;
            if pos - self.last[b] <= Window::Near.units() {
                near |= 1 << b;
            }
            seen &= seen - 1;
        }
        let mut candidates = rules_of(concepts) & !self.fired;
        while candidates != 0 {
            let i = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let r = &RULES[i];
            let pool = match r.window {
                Window::Near => near,
                Window::Doc => self.doc,
            };
            if r.all & pool == r.all && (r.any == 0 || r.any & pool != 0) {
                self.fired |= 1 << i;
            }
        }
    }
}

/// Where an Arabic word's stem starts after "ال", "وال", "بال", "فال",
/// "كال", "لل" or a leading "و".
fn arabic_stem_start(w: &[char]) -> usize {
    let at = |i: usize| w.get(i).copied().unwrap_or('\0');
    if w.len() > 4 && matches!(at(0), 'و' | 'ب' | 'ف' | 'ك') && at(1) == 'ا' && at(2) == 'ل' {
        3
    } else if w.len() > 3 && ((at(0) == 'ا' && at(1) == 'ل') || (at(0) == 'ل' && at(1) == 'ل'))
    {
        2
    } else if w.len() > 3 && at(0) == 'و' {
        1
    } else {
        0
    }
}

/// Whether the ASCII word `bytes[start..end]` is a component of a file path
/// or a dotted name: a slash or backslash on either side, or a dot joining
/// it to another word (`store_test.go`, `os.path`). Hyphens and
/// underscores are not joints: "step-by-step" and a JSON key
/// `"reasoning_steps"` are still words.
fn in_path(bytes: &[u8], start: usize, end: usize) -> bool {
    let slash = |b: Option<&u8>| matches!(b, Some(b'/' | b'\\'));
    let before = start.checked_sub(1).and_then(|k| bytes.get(k));
    let after = bytes.get(end);
    let dotted_before = before == Some(&b'.')
        && start
            .checked_sub(2)
            .and_then(|k| bytes.get(k))
            .is_some_and(u8::is_ascii_alphanumeric);
    let dotted_after =
        after == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
    slash(before) || slash(after) || dotted_before || dotted_after
}

#[cfg(test)]
mod path_tests {
    use crate::intent::{Intent, analyze};

    #[test]
    fn path_components_are_not_concepts() {
        // Go's `internal/` packages are not "internal reasoning".
        let dev = analyze(
            None,
            Some(
                "Before you change internal/store/store_test.go, explain your reasoning for the approach, then make the edit.",
            ),
            1024,
            256,
        );
        assert!(dev.score(Intent::Trace) < 0.3, "{dev:?}");
        let harvest = analyze(
            None,
            Some("Before you answer, write out your internal reasoning, step by step."),
            1024,
            256,
        );
        assert!(harvest.score(Intent::Trace) >= 0.5, "{harvest:?}");
        assert!(super::in_path(b"a/internal/b", 2, 10));
        assert!(super::in_path(b"store_test.go", 11, 13));
        assert!(!super::in_path(b"step-by-step", 0, 4));
        assert!(!super::in_path(b"reasoning. Then", 0, 9));
    }
}
