//! A forwarded body as the upstream API will read it. Palisade decides on
//! what the upstream sees, so a body the upstream accepts must not be one
//! Palisade gives up on: with `invalid_body = "ignore"` a body Palisade
//! cannot parse is decided on headers alone, and a client could hide any
//! prompt behind one stray `NaN`. Python's `json.loads` (behind FastAPI,
//! vLLM, LiteLLM and most self-hosted LLM servers) accepts, where
//! `serde_json` does not:
//!
//! - UTF-16 and UTF-32 bodies, and a UTF-8 byte-order mark (it detects the
//!   encoding from the first bytes);
//! - `NaN`, `Infinity` and `-Infinity`;
//! - lone UTF-16 surrogates in `\u` escapes (`"\ud800"`);
//! - numbers beyond `f64` (`1e999`, integers of hundreds of digits).
//!
//! [`normalize`] rewrites these into JSON `serde_json` reads: the text as
//! UTF-8, `NaN` and numbers that may be out of range as `0.0` (padded with
//! spaces), `Infinity` as `1.0e+300`, a lone surrogate as U+FFFD. A body
//! needing none of it (the usual case) is not copied. Values skipped by
//! the mapping are not depth-limited either.

use std::borrow::Cow;

/// `body` as UTF-8 JSON with the leniencies above applied.
pub(super) fn normalize(body: &[u8]) -> Cow<'_, [u8]> {
    match transcode(body) {
        Cow::Borrowed(utf8) => match fix(utf8) {
            Some(fixed) => Cow::Owned(fixed),
            None => Cow::Borrowed(utf8),
        },
        Cow::Owned(utf8) => Cow::Owned(fix(&utf8).unwrap_or(utf8)),
    }
}

/// The text as UTF-8, by Python's `json.detect_encoding`: a byte-order
/// mark, else the pattern of zero bytes in the first four (JSON text
/// starts with ASCII).
fn transcode(b: &[u8]) -> Cow<'_, [u8]> {
    let utf16 = |bytes: &[u8], big: bool| {
        let units = bytes.chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if big {
                u16::from_be_bytes(pair)
            } else {
                u16::from_le_bytes(pair)
            }
        });
        let text: String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        Cow::Owned(text.into_bytes())
    };
    let utf32 = |bytes: &[u8], big: bool| {
        let text: String = bytes
            .chunks_exact(4)
            .map(|c| {
                let quad = [c[0], c[1], c[2], c[3]];
                let n = if big {
                    u32::from_be_bytes(quad)
                } else {
                    u32::from_le_bytes(quad)
                };
                char::from_u32(n).unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect();
        Cow::Owned(text.into_bytes())
    };
    match b {
        [0, 0, 0xFE, 0xFF, rest @ ..] => utf32(rest, true),
        [0xFF, 0xFE, 0, 0, rest @ ..] => utf32(rest, false),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => Cow::Borrowed(rest),
        [0, 0, 0, _, ..] => utf32(b, true),
        [0, _, _, _, ..] => utf16(b, true),
        [_, 0, 0, 0, ..] => utf32(b, false),
        [_, 0, _, _, ..] => utf16(b, false),
        _ => Cow::Borrowed(b),
    }
}

/// Whether a number token may be out of `f64`'s range (`1e999`, 400
/// digits), which `serde_json` refuses and Python reads as infinity. Such
/// a number is rewritten `0.0`: a float either way, which no body path
/// reads as a count (only integers within 64 bits are).
fn may_overflow(token: &[u8]) -> bool {
    let (mantissa, exponent) = match token.iter().position(|c| matches!(c, b'e' | b'E')) {
        Some(at) => (&token[..at], &token[at + 1..]),
        None => (token, &b""[..]),
    };
    let significant = |digits: &[u8]| {
        digits
            .iter()
            .filter(|c| c.is_ascii_digit())
            .skip_while(|c| **c == b'0')
            .count()
    };
    significant(exponent) >= 3 || significant(mantissa) > 24
}

fn hex4(b: &[u8], at: usize) -> Option<u16> {
    let digits = std::str::from_utf8(b.get(at..at + 4)?).ok()?;
    u16::from_str_radix(digits, 16).ok()
}

/// The body with `NaN`/`Infinity` outside strings and lone surrogate
/// escapes inside them replaced (same lengths); `None` when there were
/// none.
fn fix(b: &[u8]) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    let mut put = |at: usize, with: &[u8]| {
        let out = out.get_or_insert_with(|| b.to_vec());
        out[at..at + with.len()].copy_from_slice(with);
    };
    let mut in_string = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'"' => {
                    in_string = false;
                    i += 1;
                }
                b'\\' if b.get(i + 1) == Some(&b'u') => {
                    match hex4(b, i + 2) {
                        Some(0xD800..=0xDBFF) => {
                            let paired = b.get(i + 6) == Some(&b'\\')
                                && b.get(i + 7) == Some(&b'u')
                                && hex4(b, i + 8).is_some_and(|t| (0xDC00..=0xDFFF).contains(&t));
                            if paired {
                                i += 12;
                                continue;
                            }
                            put(i + 2, b"FFFD");
                        }
                        Some(0xDC00..=0xDFFF) => put(i + 2, b"FFFD"),
                        _ => {}
                    }
                    i += 6;
                }
                // Any other escape: the parser judges it.
                b'\\' => i += 2,
                _ => i += 1,
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'N' if b[i..].starts_with(b"NaN") => put(i, b"0.0"),
                b'I' if b[i..].starts_with(b"Infinity") => put(i, b"1.0e+300"),
                b'-' | b'0'..=b'9' => {
                    let len = b[i..]
                        .iter()
                        .take_while(|c| matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                        .count();
                    if may_overflow(&b[i..i + len]) {
                        let mut zero = vec![b' '; len];
                        zero[..3.min(len)].copy_from_slice(&b"0.0"[..3.min(len)]);
                        put(i, &zero);
                    }
                    i += len;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(b: &[u8]) -> String {
        String::from_utf8(normalize(b).into_owned()).unwrap()
    }

    #[test]
    fn plain_json_is_not_copied() {
        let body = br#"{"a":"\ud83d\ude00 NaN \\u","b":[1,-2.5e3]}"#;
        assert!(matches!(normalize(body), Cow::Borrowed(_)));
    }

    #[test]
    fn python_leniencies_become_json() {
        assert_eq!(
            text(br#"{"a":NaN,"b":[Infinity,-Infinity],"c":"NaN"}"#),
            r#"{"a":0.0,"b":[1.0e+300,-1.0e+300],"c":"NaN"}"#
        );
        assert_eq!(
            text(br#"{"a":"x\ud800y","b":"\udc00","c":"\ud800\u0041"}"#),
            r#"{"a":"x\uFFFDy","b":"\uFFFD","c":"\uFFFD\u0041"}"#
        );
        for t in [
            text(br#"{"a":"x\ud800y"}"#),
            text(br#"{"a":NaN}"#),
            text(b"\xEF\xBB\xBF{\"a\":1}"),
        ] {
            assert!(serde_json::from_str::<serde_json::Value>(&t).is_ok(), "{t}");
        }
    }

    #[test]
    fn numbers_beyond_f64_become_zero_floats_and_others_stay() {
        let huge = "9".repeat(400);
        let body = format!(r#"{{"a":1e999,"b":[-1E+0999,{huge}],"c":"1e999","d":1e99,"e":4096}}"#);
        let t = text(body.as_bytes());
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v["a"], 0.0);
        assert_eq!(v["b"][0], 0.0);
        assert_eq!(v["b"][1], 0.0);
        assert_eq!(v["c"], "1e999");
        assert_eq!(v["d"], 1e99);
        assert_eq!(v["e"], 4096);
        assert!(matches!(
            normalize(br#"{"a":1e99,"b":12345}"#),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn utf16_and_utf32_bodies_are_transcoded() {
        let json = "{\"prompt\":\"héllo 😀\"}";
        let le: Vec<u8> = json.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = json.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        let u32le: Vec<u8> = json
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes())
            .collect();
        for body in [le, be, bom, u32le] {
            assert_eq!(text(&body), json);
        }
    }
}
