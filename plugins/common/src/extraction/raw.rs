//! The raw-text pass: structure that normalisation would erase — tags like
//! `<thinking>`, JSON keys like `"reasoning":` or a fine-tuning record's
//! `"completion":`, numbered criteria lines,
//! code fences — and a few Chinese cues (CJK text has no spaces to split).

use super::{ClassCounts, Feature, Features};

#[rustfmt::skip]
const TAGS: &[&[u8]] = &[
    b"think", b"thinking", b"thought", b"thoughts", b"scratchpad", b"scratch_pad", b"reasoning",
    b"inner_monologue", b"monologue", b"cot", b"chain_of_thought", b"internal_reasoning",
    b"reflection",
];

#[rustfmt::skip]
const REASONING_KEYS: &[&[u8]] = &[
    b"reasoning", b"reasoning_steps", b"reasoning_trace", b"reasoning_process", b"thoughts",
    b"thought", b"thinking", b"think", b"thought_process", b"chain_of_thought", b"chainofthought",
    b"cot", b"rationale", b"scratchpad", b"inner_monologue", b"internal_reasoning",
    b"step_by_step",
];

#[rustfmt::skip]
const SCORE_KEYS: &[&[u8]] = &[
    b"score", b"scores", b"rating", b"grade", b"preferred", b"preference", b"winner",
    b"better_response", b"verdict", b"judgment", b"judgement", b"chosen", b"rejected",
    b"overall_score", b"final_score",
];

/// Bytes the raw pass stops at; everything else is skipped by one table
/// lookup.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(
            b as u8,
            b'\n' | b'<' | b'"' | b'{' | b'}' | b';' | b'`' | 0x80..=0xff
        );
        b += 1;
    }
    t
};

/// Scans raw bytes; returns whether the text may hold a CJK unified
/// ideograph (U+4E00..U+9FFF, whose UTF-8 lead bytes are 0xE4..=0xE9):
/// every cue of [`cjk`] holds one, so without such a byte none can match
/// and its substring searches are skipped (accented Latin, Cyrillic, kana
/// and punctuation such as "—" do not trigger them).
pub(super) fn scan(text: &[u8], features: &mut Features, classes: &mut ClassCounts) -> bool {
    let mut han = false;
    let mut numbered = u32::from(numbered_item(text));
    let mut marks: u16 = 0;
    for (i, &b) in text.iter().enumerate() {
        if !SPECIAL[b as usize] {
            continue;
        }
        let rest = text.get(i + 1..).unwrap_or_default();
        match b {
            b'\n' => numbered += u32::from(numbered_item(rest)),
            b'<' => {
                if ident(rest, true).is_some_and(|name| TAGS.contains(&name.as_slice())) {
                    features.add(Feature::Tag);
                }
            }
            b'"' => key(rest, features),
            b'{' | b'}' | b';' => marks = marks.saturating_add(1),
            b'`' => {
                if rest.starts_with(b"``") {
                    marks = marks.saturating_add(8);
                }
            }
            _ => han |= (0xe4..=0xe9).contains(&b),
        }
    }
    classes.code_marks = classes.code_marks.saturating_add(marks);
    if numbered >= 3 {
        features.add(Feature::Numbered);
    }
    han
}

/// "  12. " or "3) " at a line start.
fn numbered_item(line: &[u8]) -> bool {
    let rest = line.iter().skip_while(|b| **b == b' ' || **b == b'\t');
    let mut digits = 0;
    for b in rest {
        match b {
            b'0'..=b'9' if digits < 2 => digits += 1,
            b'.' | b')' => return digits > 0,
            _ => return false,
        }
    }
    false
}

/// A short lower-cased identifier held without allocating.
struct Ident {
    buf: [u8; 24],
    len: usize,
}

impl Ident {
    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// A lower-cased identifier (a letter, then letters, `_`, `-` or spaces as
/// `_`) of at most 24 bytes at the start of `s`, after an optional `/` when
/// `tag`, closed by `>`/space (tags) or `"` (keys).
fn ident(s: &[u8], tag: bool) -> Option<Ident> {
    let s = if tag {
        s.strip_prefix(b"/").unwrap_or(s)
    } else {
        s
    };
    if !s.first().is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut id = Ident {
        buf: [0; 24],
        len: 0,
    };
    for &b in s {
        let c = match b {
            b'a'..=b'z' | b'A'..=b'Z' => b.to_ascii_lowercase(),
            b'_' | b'-' | b' ' => b'_',
            _ => break,
        };
        if id.len == id.buf.len() {
            return None;
        }
        id.buf[id.len] = c;
        id.len += 1;
    }
    let next = s.get(id.len).copied();
    let closed = if tag {
        matches!(next, Some(b'>' | b' ' | b'/'))
    } else {
        next == Some(b'"')
    };
    closed.then_some(id)
}

/// `"name" :` — a JSON key we know.
fn key(s: &[u8], features: &mut Features) {
    let Some(name) = ident(s, false) else { return };
    let after = s.get(name.len + 1..).unwrap_or_default();
    let is_key = after.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b':');
    if !is_key {
        return;
    }
    match name.as_slice() {
        n if REASONING_KEYS.contains(&n) => features.add(Feature::JsonReasoning),
        n if SCORE_KEYS.contains(&n) => features.add(Feature::JsonScore),
        // Fine-tuning records: `{"prompt": …, "completion": …}` (the key
        // "completion" is found in little else), Alpaca-style
        // `{"instruction": …, "output": …}` (both keys needed: either alone
        // is a common config or API field).
        b"completion" => features.add(Feature::JsonRecord),
        b"instruction" => features.add(Feature::KeyInstruction),
        b"output" => features.add(Feature::KeyOutput),
        _ => {}
    }
}

/// A few Chinese cues, checked only for texts with non-ASCII bytes.
/// Every cue here holds a CJK unified ideograph (see [`scan`]; checked by a
/// test).
pub(super) fn cjk(text: &str, features: &mut Features) {
    let any = |cues: &[&str]| cues.iter().any(|c| text.contains(c));
    let reasoning = any(&[
        "思维链",
        "推理过程",
        "思考过程",
        "内心独白",
        "推理步骤",
        "思路",
    ]);
    if reasoning {
        features.add(Feature::RnS);
        if any(&["隐藏", "内部", "原始", "真实", "内心"]) {
            features.add(Feature::StrongModR);
        }
        if any(&["完整", "详细", "全部"]) {
            features.add(Feature::WeakModRs);
        }
    }
    if any(&["一步一步", "逐步", "一步步"]) {
        features.add(Feature::Step);
    }
    if any(&["错误的尝试", "弯路", "自我纠正", "死胡同", "失败的尝试"]) {
        features.add(Feature::TraceS);
    }
    if any(&["评分标准", "评分细则", "评价标准"]) {
        features.add(Feature::Rubric);
    }
    if any(&["评分", "打分", "评估"]) {
        features.add(Feature::Grade);
    }
    if any(&["回答A", "回答 A", "回复A", "回复 A"]) && any(&["回答B", "回答 B", "回复B", "回复 B"])
    {
        features.add(Feature::Pair);
    }
    if any(&["改写", "重写", "换一种说法", "重新表述"]) {
        features.add(Feature::Rewrite);
    }
    if any(&["安全的", "无害"]) {
        features.add(Feature::Safe);
    }
    if any(&["敏感", "有害", "违规"]) {
        features.add(Feature::Sensitive);
    }
}
