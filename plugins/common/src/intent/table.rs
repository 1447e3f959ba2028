//! Folding and the compile-time stem table. A stem's key is the FNV-1a
//! hash of its folded UTF-8 bytes, salted for whole-word stems, so a
//! prefix or substring lookup is one hash (updated char by char) and one
//! probe.

use super::concepts::{Concepts, LEXICON, UNIVERSAL};

/// Salt of whole-word (exact) keys.
const EXACT: u64 = 0x5be0_cd19_137e_2179;
const FNV: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// An incremental FNV-1a over folded UTF-8 bytes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hasher(u64);

impl Hasher {
    pub(super) const fn new() -> Self {
        Hasher(FNV)
    }

    #[inline]
    pub(super) fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.0 = (self.0 ^ c as u64).wrapping_mul(PRIME);
            return;
        }
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).as_bytes() {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(PRIME);
        }
    }

    /// Adds one (already lower-cased) ASCII byte.
    #[inline]
    pub(super) fn push_byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(PRIME);
    }

    pub(super) const fn prefix_key(self) -> u64 {
        self.0
    }

    pub(super) const fn exact_key(self) -> u64 {
        self.0 ^ EXACT
    }
}

/// One table slot: key, concepts, language bits.
type Slot = (u64, Concepts, u16);

const TABLE_SIZE: usize = 8192;

/// Whether stems of language `lang` always match as substrings (Chinese,
/// Japanese: no spaces between words).
const fn substring_lang(lang: usize) -> bool {
    lang == 4 || lang == 6
}

/// Bits of the Bloom filter in front of the table (8 KiB: stays in L1).
const BLOOM_BITS: usize = 1 << 16;

/// The Bloom bit of a key (bits the table's slot index does not use).
const fn bloom_bit(key: u64) -> usize {
    ((key >> 40) as usize) & (BLOOM_BITS - 1)
}

/// The table and its Bloom filter.
struct Built {
    table: [Slot; TABLE_SIZE],
    bloom: [u64; BLOOM_BITS / 64],
    /// Bloom bits of the first three chars of every spaced-word stem: a
    /// word whose first three chars are not there can match no stem of
    /// three chars or more, and its remaining prefixes are not looked up.
    gate: [u64; BLOOM_BITS / 64],
}

const fn insert(built: &mut Built, key: u64, concepts: Concepts, langs: u16) {
    let b = bloom_bit(key);
    built.bloom[b / 64] |= 1 << (b % 64);
    let table = &mut built.table;
    let mut slot = (key as usize) & (TABLE_SIZE - 1);
    loop {
        if table[slot].0 == 0 {
            table[slot] = (key, concepts, langs);
            return;
        }
        if table[slot].0 == key {
            table[slot].1 |= concepts;
            table[slot].2 |= langs;
            return;
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

/// Adds every stem of `list`, at compile time. Written as a loop over
/// bytes since `const fn` has no iterators.
const fn add_list(table: &mut Built, list: &[(Concepts, &str)], langs: u16, substring: bool) {
    let mut i = 0;
    while i < list.len() {
        let (concepts, stems) = list[i];
        let bytes = stems.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            let start = j;
            while j < bytes.len() && bytes[j] != b' ' {
                j += 1;
            }
            if j > start {
                let mut end = j;
                let prefix = substring || bytes[end - 1] == b'*';
                if bytes[end - 1] == b'*' {
                    end -= 1;
                }
                let mut h = FNV;
                let mut k = start;
                while k < end {
                    h = (h ^ bytes[k] as u64).wrapping_mul(PRIME);
                    k += 1;
                }
                let key = if prefix { h } else { h ^ EXACT };
                insert(table, key, concepts, langs);
                if !substring {
                    // The hash of the stem's first three chars.
                    let (mut g, mut k, mut chars) = (FNV, start, 0);
                    while k < end && chars < 3 {
                        let b = bytes[k];
                        if b & 0xc0 != 0x80 {
                            chars += 1;
                        }
                        if chars <= 3 {
                            g = (g ^ b as u64).wrapping_mul(PRIME);
                        }
                        k += 1;
                    }
                    while k < end && bytes[k] & 0xc0 == 0x80 {
                        g = (g ^ bytes[k] as u64).wrapping_mul(PRIME);
                        k += 1;
                    }
                    if chars == 3 {
                        let b = bloom_bit(g);
                        table.gate[b / 64] |= 1 << (b % 64);
                    }
                }
            }
        }
        i += 1;
    }
}

const fn build() -> Built {
    let mut table = Built {
        table: [(0u64, 0 as Concepts, 0u16); TABLE_SIZE],
        bloom: [0; BLOOM_BITS / 64],
        gate: [0; BLOOM_BITS / 64],
    };
    let mut i = 0;
    while i < LEXICON.len() {
        let (lang, list) = LEXICON[i];
        add_list(&mut table, list, 1 << lang, substring_lang(lang));
        i += 1;
    }
    add_list(&mut table, UNIVERSAL, 0, false);
    table
}

static BUILT: Built = build();
static TABLE: &[Slot; TABLE_SIZE] = &BUILT.table;

/// The concepts and languages of a key (zeros when unknown).
#[inline]
pub(super) fn lookup(key: u64) -> (Concepts, u16) {
    let b = bloom_bit(key);
    if BUILT.bloom[b / 64] & (1 << (b % 64)) == 0 {
        return (0, 0);
    }
    let mut slot = (key as usize) & (TABLE_SIZE - 1);
    loop {
        let (k, c, l) = TABLE[slot];
        if k == key {
            return (c, l);
        }
        if k == 0 {
            return (0, 0);
        }
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
}

/// Whether some stem of three chars or more may begin with the three chars
/// whose hash is `key`.
#[inline]
pub(super) fn gate_open(key: u64) -> bool {
    let b = bloom_bit(key);
    BUILT.gate[b / 64] & (1 << (b % 64)) != 0
}

/// Filled slots (for the load test).
#[cfg(test)]
pub(super) fn filled() -> usize {
    TABLE.iter().filter(|s| s.0 != 0).count()
}

/// Bits of the first characters of substring stems (Chinese, Japanese):
/// a run position whose character starts no stem is skipped.
static CJK_STARTS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < LEXICON.len() {
        let (lang, list) = LEXICON[i];
        if substring_lang(lang) {
            let mut e = 0;
            while e < list.len() {
                let bytes = list[e].1.as_bytes();
                let mut j = 0;
                let mut at_start = true;
                while j < bytes.len() {
                    if bytes[j] == b' ' {
                        at_start = true;
                        j += 1;
                        continue;
                    }
                    if at_start {
                        let cp = decode(bytes, j);
                        let b = (cp & 4095) as usize;
                        bits[b / 64] |= 1 << (b % 64);
                        at_start = false;
                    }
                    j += 1;
                }
                e += 1;
            }
        }
        i += 1;
    }
    bits
};

/// The code point of the UTF-8 sequence starting at `i` (const).
const fn decode(b: &[u8], i: usize) -> u32 {
    let x = b[i] as u32;
    if x < 0x80 {
        x
    } else if x < 0xe0 {
        ((x & 0x1f) << 6) | (b[i + 1] as u32 & 0x3f)
    } else if x < 0xf0 {
        ((x & 0x0f) << 12) | ((b[i + 1] as u32 & 0x3f) << 6) | (b[i + 2] as u32 & 0x3f)
    } else {
        ((x & 0x07) << 18)
            | ((b[i + 1] as u32 & 0x3f) << 12)
            | ((b[i + 2] as u32 & 0x3f) << 6)
            | (b[i + 3] as u32 & 0x3f)
    }
}

/// Whether a substring stem may start with `c`.
#[inline]
pub(super) fn cjk_may_start(c: char) -> bool {
    let b = (c as u32 & 4095) as usize;
    CJK_STARTS[b / 64] & (1 << (b % 64)) != 0
}

/// A folded character: what the scanner sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Folded {
    /// Punctuation, space, symbol: ends a word.
    Sep,
    /// A mark that belongs to the word but is dropped (combining accents,
    /// Arabic vowel signs and tatweel).
    Drop,
    /// One or two characters (`ß` → `ss`).
    Chars(char, Option<char>),
}

/// Folds one character: lower case, Latin accents stripped, fullwidth
/// forms to ASCII, `ё`→`е`, Arabic letter variants unified.
#[inline]
pub(super) fn fold(c: char) -> Folded {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Folded::Chars(c.to_ascii_lowercase(), None)
        } else {
            Folded::Sep
        };
    }
    let cp = c as u32;
    if (0x300..=0x36f).contains(&cp) || (0x64b..=0x65f).contains(&cp) || cp == 0x670 || cp == 0x640
    {
        return Folded::Drop;
    }
    if (0xff10..=0xff5a).contains(&cp) {
        let a = char::from_u32(cp - 0xff10 + 0x30).unwrap_or(' ');
        return if a.is_ascii_alphanumeric() {
            Folded::Chars(a.to_ascii_lowercase(), None)
        } else {
            Folded::Sep
        };
    }
    // Scripts from Hebrew on (CJK, Hangul, Arabic…) have no case, and
    // their letters are classified by range before the generic test.
    if cp >= 0x590 {
        return match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Folded::Chars('ا', None),
            'ى' => Folded::Chars('ي', None),
            'ة' => Folded::Chars('ه', None),
            x if is_cjk(x) || (0xac00..=0xd7a3).contains(&cp) || (0x621..=0x64a).contains(&cp) => {
                Folded::Chars(x, None)
            }
            x if x.is_alphanumeric() => Folded::Chars(x, None),
            _ => Folded::Sep,
        };
    }
    let lower = match cp {
        0x410..=0x42f => char::from_u32(cp + 0x20).unwrap_or(c),
        0x430..=0x44f => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    };
    let one = |x: char| Folded::Chars(x, None);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => one('a'),
        'ç' | 'ć' | 'č' => one('c'),
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => one('e'),
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => one('i'),
        'ñ' | 'ń' => one('n'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ő' | 'ō' => one('o'),
        'ù' | 'ú' | 'û' | 'ü' | 'ű' | 'ū' | 'ů' => one('u'),
        'ý' | 'ÿ' => one('y'),
        'ş' | 'ș' | 'ś' | 'š' => one('s'),
        'ţ' | 'ț' => one('t'),
        'ğ' => one('g'),
        'ł' => one('l'),
        'ž' | 'ź' | 'ż' => one('z'),
        'ß' => Folded::Chars('s', Some('s')),
        'æ' => Folded::Chars('a', Some('e')),
        'œ' => Folded::Chars('o', Some('e')),
        'ё' => one('е'),
        'أ' | 'إ' | 'آ' | 'ٱ' => one('ا'),
        'ى' => one('ي'),
        'ة' => one('ه'),
        '々' => one('々'),
        x if x.is_alphanumeric() => one(x),
        _ => Folded::Sep,
    }
}

/// Folds a whole string (for tests and for checking the lexicon).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold(c) {
            Folded::Sep => out.push(' '),
            Folded::Drop => {}
            Folded::Chars(a, b) => {
                out.push(a);
                if let Some(b) = b {
                    out.push(b);
                }
            }
        }
    }
    out
}

/// Whether `c` (folded) is Han or kana: matched by substring.
#[inline]
pub(super) fn is_cjk(c: char) -> bool {
    let cp = c as u32;
    (0x3040..=0x30ff).contains(&cp)
        || (0x31f0..=0x31ff).contains(&cp)
        || (0x3400..=0x4dbf).contains(&cp)
        || (0x4e00..=0x9fff).contains(&cp)
        || (0xf900..=0xfaff).contains(&cp)
        || cp == 0x3005
}

/// Whether `c` is kana (Japanese).
#[inline]
pub(super) fn is_kana(c: char) -> bool {
    (0x3040..=0x30ff).contains(&(c as u32))
}

/// Whether `c` is Arabic script.
#[inline]
pub(super) fn is_arabic(c: char) -> bool {
    (0x600..=0x6ff).contains(&(c as u32))
}
