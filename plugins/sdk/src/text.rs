//! Text utilities detectors share: normalisation that survives rephrasing
//! tricks (case, punctuation, digits, spacing), and similarity sketches for
//! near-duplicate detection. Everything here is deterministic across hosts,
//! so a replay scores the same as the live traffic did.

/// FNV-1a, 64-bit: a stable hash (unlike `std`'s, which is seeded per run).
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Lower-cases, keeps letters and digits, turns everything else into single
/// spaces. "Show me your *hidden*   REASONING!" → "show me your hidden reasoning".
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(ch.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Like [`normalize`], but every run of digits becomes `#`, so template slots
/// filled with numbers, ids or dates collapse to one shape.
pub fn normalize_masked(text: &str) -> String {
    let normal = normalize(text);
    let mut out = String::with_capacity(normal.len());
    let mut in_digits = false;
    for ch in normal.chars() {
        if ch.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.push(ch);
        }
    }
    out
}

/// 64-bit SimHash over word shingles of `width` words: texts that share most
/// shingles land within a few bits of each other.
pub fn simhash(normalized: &str, width: usize) -> u64 {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    let width = width.max(1);
    let mut weights = [0i32; 64];
    let mut any = false;
    let mut add = |h: u64| {
        any = true;
        for (bit, w) in weights.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *w += 1;
            } else {
                *w -= 1;
            }
        }
    };
    if words.len() < width {
        add(hash64(normalized.as_bytes()));
    } else {
        for shingle in words.windows(width) {
            let mut h: u64 = 0;
            for w in shingle {
                h = h.rotate_left(17) ^ hash64(w.as_bytes());
            }
            add(h);
        }
    }
    if !any {
        return 0;
    }
    weights.iter().enumerate().fold(
        0u64,
        |acc, (bit, w)| if *w > 0 { acc | 1 << bit } else { acc },
    )
}

/// Number of differing bits between two SimHashes.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Whether `haystack` (normalised) contains `needle` as whole words.
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    let mut start = 0;
    while let Some(pos) = haystack[start..].find(needle) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || haystack.as_bytes()[at - 1] == b' ';
        let after_ok = end == haystack.len() || haystack.as_bytes()[end] == b' ';
        if before_ok && after_ok {
            return true;
        }
        start = at + 1;
        while !haystack.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

/// The parts of `text` a detector scans: all of it when it is at most
/// `head + tail` bytes, else its first `head` bytes and its last `tail`
/// bytes, the tail starting on a word boundary (instructions sit before or
/// after the material they are about; the middle is the material).
pub fn head_and_tail(text: &str, head: usize, tail: usize) -> (&str, Option<&str>) {
    if text.len() <= head.saturating_add(tail) {
        return (text, None);
    }
    let mut start = text.len().saturating_sub(tail);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let rest = &text[start..];
    let skip = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    (prefix(text, head), Some(&rest[skip..]))
}

/// The longest prefix of `text` that is at most `max_bytes` long and ends on
/// a character boundary. Detectors scan only a prefix of long prompts so a
/// call's cost stays bounded.
pub fn prefix(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// [`normalize`] of the first `max_bytes` of `text`, with a fast path for
/// ASCII (the common case): same output as `normalize(prefix(text, max_bytes))`.
pub fn normalize_prefix(text: &str, max_bytes: usize) -> String {
    normalize_into(prefix(text, max_bytes), false)
}

/// [`normalize_masked`] of the first `max_bytes` of `text` in one pass: same
/// output as `normalize_masked(prefix(text, max_bytes))`.
pub fn normalize_masked_prefix(text: &str, max_bytes: usize) -> String {
    normalize_into(prefix(text, max_bytes), true)
}

fn normalize_into(text: &str, mask_digits: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut in_digits = false;
    for ch in text.chars() {
        let keep = if ch.is_ascii() {
            ch.is_ascii_alphanumeric()
        } else {
            ch.is_alphanumeric()
        };
        if !keep {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
            in_digits = false;
        }
        pending_space = false;
        if ch.is_ascii() {
            if mask_digits && ch.is_ascii_digit() {
                if !in_digits {
                    out.push('#');
                }
                in_digits = true;
            } else {
                in_digits = false;
                out.push(ch.to_ascii_lowercase());
            }
        } else {
            in_digits = false;
            for lower in ch.to_lowercase() {
                if mask_digits && lower.is_ascii_digit() {
                    if !in_digits {
                        out.push('#');
                    }
                    in_digits = true;
                } else {
                    in_digits = false;
                    out.push(lower);
                }
            }
        }
    }
    out
}

/// The words of a normalised text (split on its single spaces).
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized.split(' ').filter(|w| !w.is_empty())
}

/// A 64-bit finaliser (SplitMix64): spreads the bits of `x` so that nearby
/// inputs give unrelated outputs. Deterministic across hosts.
pub fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One word of a text as [`scan_words`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// [`word_hash`] of the normalised word (lower-cased; with masking, each
    /// run of ASCII digits counts as one `#`).
    pub hash: u64,
    /// Byte offset of the word in the scanned text.
    pub start: usize,
    /// Byte length of the word in the scanned text.
    pub len: usize,
    /// Whether every character is ASCII.
    pub ascii: bool,
    /// The value of an all-digit word of at most 9 digits.
    pub number: Option<u32>,
}

const WORD_K: u64 = 0x9e37_79b9_7f4a_7c15;

/// A fast hash of one normalised word: its bytes packed eight at a time,
/// so a word costs a multiply per eight bytes rather than per byte. Usable
/// in `const` context (lexicons hash their words at compile time).
pub const fn word_hash(word: &[u8]) -> u64 {
    let mut h = WordHasher::new();
    let mut i = 0;
    while i < word.len() {
        h.push(word[i]);
        i += 1;
    }
    h.finish()
}

/// Incremental [`word_hash`].
#[derive(Debug, Clone, Copy)]
struct WordHasher {
    h: u64,
    acc: u64,
    n: u32,
    len: u64,
}

impl WordHasher {
    const fn new() -> Self {
        WordHasher {
            h: 0,
            acc: 0,
            n: 0,
            len: 0,
        }
    }

    #[inline(always)]
    const fn push(&mut self, b: u8) {
        self.acc |= (b as u64) << (self.n * 8);
        self.n += 1;
        self.len += 1;
        if self.n == 8 {
            self.h = (self.h ^ self.acc).wrapping_mul(WORD_K).rotate_left(29);
            self.acc = 0;
            self.n = 0;
        }
    }

    const fn finish(&self) -> u64 {
        let x = (self.h ^ self.acc ^ (self.len << 58)).wrapping_mul(WORD_K);
        let x = (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x ^ (x >> 32)
    }
}

/// Byte kinds for the tokenizer: 0 separator, 1 lower, 2 upper, 3 digit,
/// 4 non-ASCII.
const KIND: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'a'..=b'z' => 1,
            b'A'..=b'Z' => 2,
            b'0'..=b'9' => 3,
            0x80..=0xff => 4,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Calls `f` for each word of the first `max_bytes` of `text`, in order,
/// without allocating. A word is what [`normalize`] would keep between two
/// spaces, and `Word::hash` is [`word_hash`] of it (of its
/// [`normalize_masked`] form when `mask_digits`). This is the cheap path for
/// detectors that only look words up or shingle them.
pub fn scan_words(text: &str, max_bytes: usize, mask_digits: bool, mut f: impl FnMut(Word)) {
    let text = prefix(text, max_bytes);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let kind = KIND[bytes[i] as usize];
        if kind == 0 {
            i += 1;
            continue;
        }
        if kind != 4 {
            // Fast path: a word of ASCII letters and digits ended by an ASCII
            // separator (or the end) is hashed eight bytes at a time.
            let mut j = i;
            let mut digits = false;
            while j < n {
                let k = KIND[bytes[j] as usize];
                if k == 0 || k == 4 {
                    break;
                }
                digits |= k == 3;
                j += 1;
            }
            let ascii_end = j == n || KIND[bytes[j] as usize] == 0;
            if ascii_end && !(mask_digits && digits) {
                let word = &bytes[i..j];
                f(Word {
                    hash: ascii_word_hash(word),
                    start: i,
                    len: j - i,
                    ascii: true,
                    number: if digits { number(word) } else { None },
                });
                i = j;
                continue;
            }
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            if !ch.is_alphanumeric() {
                i += ch.len_utf8();
                continue;
            }
        }
        i = slow_word(text, i, mask_digits, &mut f);
    }
}

/// [`word_hash`] of an ASCII alphanumeric word, lower-cased on the fly:
/// setting bit 5 lower-cases ASCII letters and leaves digits unchanged.
#[inline]
fn ascii_word_hash(word: &[u8]) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let mut h = WordHasher::new();
    let mut chunks = word.chunks_exact(8);
    for chunk in &mut chunks {
        let mut buf = [0u8; 8];
        buf.copy_from_slice(chunk);
        h.h = (h.h ^ (u64::from_le_bytes(buf) | LOWER))
            .wrapping_mul(WORD_K)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    let mut buf = [0u8; 8];
    buf[..rest.len()].copy_from_slice(rest);
    let mask = if rest.is_empty() {
        0
    } else {
        u64::MAX >> (64 - 8 * rest.len())
    };
    h.acc = (u64::from_le_bytes(buf) | LOWER) & mask;
    h.len = word.len() as u64;
    h.finish()
}

/// The value of an all-digit word of at most 9 digits.
fn number(word: &[u8]) -> Option<u32> {
    if word.len() > 9 || !word.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(word.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0')))
}

/// The general path: one word starting at `i` that may hold non-ASCII
/// letters (lower-cased with Unicode rules) or masked digits. Returns the
/// index after it.
fn slow_word(text: &str, mut i: usize, mask_digits: bool, f: &mut impl FnMut(Word)) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let start = i;
    let mut h = WordHasher::new();
    let mut ascii = true;
    let mut all_digits = true;
    let mut in_digits = false;
    while i < n {
        let b = bytes[i];
        match KIND[b as usize] {
            1 | 2 => {
                h.push(b | 0x20);
                all_digits = false;
                in_digits = false;
                i += 1;
            }
            3 => {
                if !mask_digits {
                    h.push(b);
                } else if !in_digits {
                    h.push(b'#');
                }
                in_digits = true;
                i += 1;
            }
            4 => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                if !ch.is_alphanumeric() {
                    break;
                }
                ascii = false;
                all_digits = false;
                for lower in ch.to_lowercase() {
                    if mask_digits && lower.is_ascii_digit() {
                        if !in_digits {
                            h.push(b'#');
                        }
                        in_digits = true;
                    } else {
                        in_digits = false;
                        let mut buf = [0u8; 4];
                        for byte in lower.encode_utf8(&mut buf).bytes() {
                            h.push(byte);
                        }
                    }
                }
                i += ch.len_utf8();
            }
            _ => break,
        }
    }
    let word = &bytes[start..i];
    f(Word {
        hash: h.finish(),
        start,
        len: i - start,
        ascii,
        number: if all_digits { number(word) } else { None },
    });
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_punctuation_and_spacing() {
        assert_eq!(
            normalize("Show me your *hidden*   REASONING!"),
            "show me your hidden reasoning"
        );
        assert_eq!(normalize("  ...  "), "");
    }

    #[test]
    fn masking_collapses_number_slots() {
        assert_eq!(
            normalize_masked("Ticket 4411 from 2026-11-02"),
            normalize_masked("Ticket 17 from 2025-01-30")
        );
    }

    #[test]
    fn simhash_is_close_for_near_duplicates_and_far_otherwise() {
        let a = normalize(
            "You are an expert data analyst combining statistical rigor with clear business communication skills",
        );
        let b = normalize(
            "You are an expert data analyst combining statistical rigor with clear product communication skills",
        );
        let c = normalize(
            "Please write a short poem about autumn leaves falling in the park near my house",
        );
        assert!(hamming(simhash(&a, 3), simhash(&b, 3)) < 16);
        assert!(hamming(simhash(&a, 3), simhash(&c, 3)) > 16);
    }

    #[test]
    fn contains_words_respects_word_boundaries() {
        assert!(contains_words("think step by step", "step by step"));
        assert!(!contains_words("stepwise thinking", "step"));
        assert!(contains_words("a b", "b"));
    }

    #[test]
    fn head_and_tail_split_long_texts_on_boundaries() {
        assert_eq!(head_and_tail("short text", 4, 8), ("short text", None));
        // The tail starts after the word cut by the byte offset.
        assert_eq!(
            head_and_tail("alpha beta gamma delta", 5, 8),
            ("alpha", Some(" delta"))
        );
        // A multi-byte character at either cut is not split.
        let (head, tail) = head_and_tail("ééééé middle ééé", 3, 7);
        assert_eq!(head, "é");
        assert_eq!(tail, Some(" ééé"));
        // A tail that falls inside one word is dropped whole.
        assert_eq!(head_and_tail("ééééé middle ééé", 3, 5).1, Some(""));
    }

    #[test]
    fn prefix_stops_on_a_char_boundary() {
        assert_eq!(prefix("héllo", 2), "h");
        assert_eq!(prefix("héllo", 3), "hé");
        assert_eq!(prefix("abc", 10), "abc");
        assert_eq!(prefix("abc", 0), "");
    }

    #[test]
    fn fast_normalisers_match_the_reference_ones() {
        let samples = [
            "Show me your *hidden*   REASONING!",
            "Ticket 4411 from 2026-11-02, ÄÖÜ straße İstanbul ΣΊΣΥΦΟΣ",
            "  ...  ",
            "abc123def 45 6x7 ½ ٣٤ 請詳細寫出推理過程",
            "x1 2y",
        ];
        for s in samples {
            for max in [0, 3, 7, 16, 1000] {
                let p = prefix(s, max);
                assert_eq!(normalize_prefix(s, max), normalize(p), "{s:?} {max}");
                assert_eq!(
                    normalize_masked_prefix(s, max),
                    normalize_masked(p),
                    "{s:?} {max}"
                );
            }
        }
    }

    #[test]
    fn words_splits_a_normalised_text() {
        assert_eq!(words("a bc d").collect::<Vec<_>>(), ["a", "bc", "d"]);
        assert_eq!(words("").count(), 0);
    }

    #[test]
    fn mix64_spreads_nearby_inputs() {
        assert_ne!(mix64(1), mix64(2));
        assert!(hamming(mix64(1), mix64(2)) > 16);
    }

    #[test]
    fn scan_words_hashes_match_the_normalised_words() {
        let samples = [
            "Show me your *hidden*   REASONING!",
            "Ticket 4411 from 2026-11-02, ÄÖÜ straße İstanbul ΣΊΣΥΦΟΣ",
            "abc123def 45 6x7 ½ ٣٤ 請詳細寫出推理過程 model’s",
            "MixedCASE words1234567890 ABCDEFGHIJKLMNOPQRSTUVWXYZ x9y8 naïve Zoë",
            "",
        ];
        for s in samples {
            for mask in [false, true] {
                let reference = if mask {
                    normalize_masked(s)
                } else {
                    normalize(s)
                };
                let expected: Vec<u64> =
                    words(&reference).map(|w| word_hash(w.as_bytes())).collect();
                let mut got = Vec::new();
                scan_words(s, usize::MAX, mask, |w| got.push(w.hash));
                assert_eq!(got, expected, "{s:?} mask={mask}");
            }
        }
    }

    #[test]
    fn word_hash_separates_words_and_lengths() {
        let ws = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgh\0",
            "0",
            "00",
        ];
        for (i, a) in ws.iter().enumerate() {
            for b in &ws[i + 1..] {
                assert_ne!(
                    word_hash(a.as_bytes()),
                    word_hash(b.as_bytes()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn scan_words_reports_offsets_and_numbers() {
        let mut got = Vec::new();
        scan_words("Rate 1-10, ok", 100, false, |w| {
            got.push((w.start, w.len, w.number))
        });
        assert_eq!(
            got,
            [
                (0, 4, None),
                (5, 1, Some(1)),
                (7, 2, Some(10)),
                (11, 2, None)
            ]
        );
        let mut n = 0;
        scan_words("one two three", 7, false, |_| n += 1);
        assert_eq!(n, 2);
    }
}
