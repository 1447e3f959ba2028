//! Harvesting intents (reasoning traces, rubric grading, "safe" rewrites, training data) asked in other
//! languages, with slot fillers written in each language.
//!
//! Bank A (variant 0, tuning) has Russian, Spanish, German, Chinese, French, Japanese, Portuguese and Korean;
//! bank B (variant 1, held out) rephrases those eight and adds Italian, Arabic and Turkish, which bank A never
//! uses, so a detector tuned on bank A is judged on phrasings and languages it was not built from.
//! A share of prompts mixes languages: a wrapper in one language around a task in English or in another language.

mod bank_a;
mod bank_b;
mod slots;

use super::{Bank, everyday, fill, harvest, num, problems};
use crate::dist::{Rng, chance, pick, range};

/// The four intents of `shared/SIGNALS.md` that campaigns ask for in other languages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Intent {
    /// Reasoning traces (slot `{task}`).
    #[default]
    Trace,
    /// Rubric grading (slots `{q}`, `{a}`, `{criteria}`).
    Grade,
    /// "Safe" rewrites of a sensitive request (slot `{s}`).
    Rewrite,
    /// Training-data generation (slots `{n}`, `{topic}`).
    Data,
}

/// All intents, for uniform picks.
pub(crate) const INTENTS: &[Intent] =
    &[Intent::Trace, Intent::Grade, Intent::Rewrite, Intent::Data];

/// One language's wrappers for each intent in one bank.
pub(crate) struct Wrappers {
    /// ISO 639-1 code.
    pub code: &'static str,
    pub trace: &'static [&'static str],
    pub grade: &'static [&'static str],
    pub rewrite: &'static [&'static str],
    pub data: &'static [&'static str],
}

impl Wrappers {
    /// The wrappers of one intent.
    pub(crate) fn of(&self, i: Intent) -> &'static [&'static str] {
        match i {
            Intent::Trace => self.trace,
            Intent::Grade => self.grade,
            Intent::Rewrite => self.rewrite,
            Intent::Data => self.data,
        }
    }
}

/// One language's slot fillers (shared by both banks): task templates use `{x}`, `{y}`, `{z}` and `{big}`.
pub(crate) struct Fillers {
    pub code: &'static str,
    pub tasks: &'static [&'static str],
    pub sensitive: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub criteria: &'static [&'static str],
}

/// The languages of a bank.
pub(crate) fn languages(bank: Bank) -> &'static [Wrappers] {
    match bank {
        Bank::A => bank_a::LANGS,
        Bank::B => bank_b::LANGS,
    }
}

fn fillers(code: &str) -> &'static Fillers {
    slots::FILLERS
        .iter()
        .find(|f| f.code == code)
        .unwrap_or(&slots::FILLERS[0])
}

/// A native-language task with its numbers filled in.
pub(crate) fn task_in(rng: &mut Rng, code: &str) -> String {
    let f = fillers(code);
    let big = (range(rng, 50, 5000) * 2 + 1).to_string();
    fill(
        pick(rng, f.tasks),
        &[
            ("x", &num(rng, 3, 400)),
            ("y", &num(rng, 2, 60)),
            ("z", &num(rng, 2, 30)),
            ("big", &big),
        ],
    )
}

/// A harvesting prompt of `intent` in language `lang` (an index into [`languages`]); `mixed` in [0, 1] is the
/// chance that the slots come from English or from another language.
pub(crate) fn prompt(rng: &mut Rng, bank: Bank, lang: usize, intent: Intent, mixed: f64) -> String {
    let langs = languages(bank);
    let Some(w) = langs.get(lang % langs.len().max(1)) else {
        return String::new();
    };
    let t = pick(rng, w.of(intent));
    // Where the slots come from: this language, English, or another language of the bank.
    let slot_code = if chance(rng, mixed) {
        if chance(rng, 0.6) {
            "en"
        } else {
            langs
                .get(range(rng, 0, langs.len() as u64) as usize)
                .map_or(w.code, |o| o.code)
        }
    } else {
        w.code
    };
    let task = |rng: &mut Rng| {
        if slot_code == "en" {
            if chance(rng, 0.7) {
                problems::problem(rng, bank)
            } else {
                everyday::everyday(rng, bank)
            }
        } else {
            task_in(rng, slot_code)
        }
    };
    let f = fillers(if slot_code == "en" { w.code } else { slot_code });
    let criteria = {
        let k = 3 + range(rng, 0, 2) as usize;
        let mut chosen: Vec<&str> = Vec::with_capacity(k);
        for _ in 0..k * 4 {
            let c = pick(rng, f.criteria);
            if chosen.len() < k && !chosen.contains(&c) {
                chosen.push(c);
            }
        }
        chosen.join(if w.code == "zh" || w.code == "ja" {
            "、"
        } else {
            ", "
        })
    };
    let (tk, q) = (task(rng), task(rng));
    let a = harvest::candidate(rng);
    let s = pick(rng, f.sensitive);
    let n = pick(rng, &["10", "12", "20", "25", "30", "50"]);
    let topic = pick(rng, f.topics);
    fill(
        t,
        &[
            ("task", &tk),
            ("q", &q),
            ("a", &a),
            ("criteria", &criteria),
            ("s", s),
            ("n", n),
            ("topic", topic),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn every_language_has_every_intent_and_fillers() {
        for bank in [Bank::A, Bank::B] {
            for w in languages(bank) {
                for i in INTENTS {
                    assert!(w.of(*i).len() >= 2, "{} {:?} {:?}", w.code, bank, i);
                }
                assert!(
                    slots::FILLERS.iter().any(|f| f.code == w.code),
                    "{}",
                    w.code
                );
            }
        }
        assert!(languages(Bank::A).len() >= 8 && languages(Bank::B).len() >= 11);
    }

    #[test]
    fn prompts_fill_every_slot() {
        let mut r = Rng::seed_from_u64(5);
        for bank in [Bank::A, Bank::B] {
            for l in 0..languages(bank).len() {
                for i in INTENTS {
                    for _ in 0..20 {
                        let p = prompt(&mut r, bank, l, *i, 0.3);
                        for slot in [
                            "{task}",
                            "{q}",
                            "{a}",
                            "{criteria}",
                            "{s}",
                            "{n}",
                            "{topic}",
                            "{x}",
                            "{big}",
                        ] {
                            assert!(!p.contains(slot), "{p}");
                        }
                    }
                }
            }
        }
    }
}
