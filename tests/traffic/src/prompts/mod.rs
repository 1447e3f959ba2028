//! Prompt composition: phrase banks, slot filling and human noise.
//!
//! Every prompt is built from parts (opener × intent template × slots × closer) so that no population is a
//! fixed handful of strings. Two banks exist per family: [`Bank::A`] (variant 0, for tuning) and [`Bank::B`]
//! (variant 1, held out): the same intents in different words, with different template slots.

pub(crate) mod batch;
pub(crate) mod code;
pub(crate) mod curious;
pub(crate) mod everyday;
pub(crate) mod factory;
pub(crate) mod harvest;
pub(crate) mod judge;
pub(crate) mod lingua;
pub(crate) mod locale;
pub(crate) mod paraphrase;
pub(crate) mod problems;
pub(crate) mod support;
pub(crate) mod tutor;
pub(crate) mod work;

use crate::dist::{Rng, chance, pick, range};

/// Which phrasing bank a variant uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bank {
    /// Variant 0 (and every even variant): the tuning phrasings.
    A,
    /// Variant 1 (and every odd variant): held-out phrasings of the same intents.
    B,
}

impl Bank {
    /// The bank for a variant number.
    pub(crate) fn of(variant: u32) -> Self {
        if variant.is_multiple_of(2) {
            Bank::A
        } else {
            Bank::B
        }
    }
}

/// One string from `a` or `b` depending on the bank.
pub(crate) fn by_bank(
    rng: &mut Rng,
    bank: Bank,
    a: &[&'static str],
    b: &[&'static str],
) -> &'static str {
    match bank {
        Bank::A => pick(rng, a),
        Bank::B => pick(rng, b),
    }
}

/// Replace every `{name}` in `template` with its slot value; unknown `{...}` are kept literally.
pub(crate) fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if !after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                    || close == 0 =>
            {
                // Not a slot (code braces, JSON): keep the brace and scan on.
                out.push('{');
                rest = after;
            }
            Some(close) => {
                let key = &after[..close];
                match slots.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Human typing noise with strength `level` in [0, 1]: casing, dropped punctuation, a typo, doubled marks.
pub(crate) fn noise(rng: &mut Rng, s: String, level: f64) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return s;
    }
    if chance(rng, level * 0.25) {
        chars.iter_mut().for_each(|c| *c = c.to_ascii_lowercase());
    } else if chance(rng, level * 0.5)
        && let Some(c) = chars.first_mut()
    {
        *c = c.to_ascii_lowercase();
    }
    if chance(rng, level * 0.35) && matches!(chars.last(), Some('.' | '?' | '!')) {
        chars.pop();
    }
    if chance(rng, level * 0.2) {
        let i = range(rng, 1, chars.len().saturating_sub(1) as u64) as usize;
        if i + 1 < chars.len() && chars[i].is_ascii_lowercase() && chars[i + 1].is_ascii_lowercase()
        {
            chars.swap(i, i + 1);
        }
    }
    if chance(rng, level * 0.08) && matches!(chars.last(), Some('?')) {
        chars.push('?');
    }
    chars.into_iter().collect()
}

/// Rough token count of text (about 3.8 characters per token).
pub(crate) fn tokens(s: &str) -> u32 {
    (s.chars().count() as f64 / 3.8).ceil() as u32 + 3
}

/// `n` distinct-ish items from a list joined with ", " (used for ingredients, columns, criteria).
pub(crate) fn some_of(rng: &mut Rng, items: &[&'static str], n: usize) -> String {
    let mut chosen: Vec<&str> = Vec::with_capacity(n);
    for _ in 0..n * 4 {
        if chosen.len() >= n {
            break;
        }
        let x = pick(rng, items);
        if !chosen.contains(&x) {
            chosen.push(x);
        }
    }
    chosen.join(", ")
}

/// A number in [lo, hi) as text.
pub(crate) fn num(rng: &mut Rng, lo: u64, hi: u64) -> String {
    range(rng, lo, hi).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn fill_replaces_known_slots_and_keeps_others() {
        let s = fill("a {x} b {y} {\"k\": 1} {", &[("x", "1"), ("y", "2")]);
        assert_eq!(s, "a 1 b 2 {\"k\": 1} {");
        let code = fill(
            "fn {v}() {\n  go(`/api/{n}/${id}`) {}\n}",
            &[("v", "run"), ("n", "users")],
        );
        assert_eq!(code, "fn run() {\n  go(`/api/users/${id}`) {}\n}");
    }

    #[test]
    fn noise_keeps_text_recognisable_and_handles_unicode() {
        let mut r = Rng::seed_from_u64(9);
        for _ in 0..200 {
            let n = noise(&mut r, "Café — what's good here?".to_string(), 1.0);
            let len = n.chars().count();
            assert!((22..=26).contains(&len), "{n}");
            assert!(n.contains(" — "), "{n}");
        }
        assert_eq!(noise(&mut r, String::new(), 1.0), "");
    }
}
