//! # Continuity: does an account build on what it asked before?
//!
//! **Signal.** People and real agents come back to the same work: the same
//! repository paths and identifiers, the same rare words of a topic,
//! follow-ups about an earlier answer. A task factory's requests are drawn
//! independently: each shares nothing with the account's history. Per
//! request the few most salient tokens ([`crate::features`]) are looked up
//! (and recorded) in the account's history (one `touch` per token on an
//! account-and-token key); a request with at least `min_tokens` salient
//! tokens none of which the account used before is *novel*. The part
//! scores the share of novel requests among the account's requests in the
//! sweep window (after its first), and only once it has `min_requests`,
//! so new users are not judged on a handful of unrelated first questions.
//! Requests without salient tokens are never novel, which keeps chatty
//! accounts low and costs a factory that mixes in cover traffic part of
//! its score.
//!
//! **Sources.** Issue 12 ("coding-agent mimicry: … each task unrelated to the
//! account's previous ones"); SIGNALS.md, "How it looked in the traffic"
//! (training-data-shaped prompts with slot variations) and "What the
//! defenders do" (behavioural fingerprinting).
//!
//! **Known false positives.** Users who ask one-off questions on unrelated
//! topics with rare words in each (a trivia or homework account, a
//! general-purpose assistant used for errands). Questions without salient
//! tokens are not judged, and the part alone stays below the throttle
//! step (`max_score` 0.55); it needs another signal to enforce. A factory
//! whose template repeats a rare word looks continuous (a miss, which the
//! template detector covers).
//!
//! **Cost.** `tokens` + 1 aggregate calls at most.

use crate::features::Features;
use palisade_common::check;
use palisade_common::keys;
use palisade_common::score::{Evidence, ramp};
use palisade_sdk::Aggregates;
use palisade_sdk::text::mix64;
use serde::Deserialize;

/// Continuity settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Salient tokens looked up per request (default 2; each is one call).
    pub tokens: usize,
    /// Salient tokens a request needs to be judged (default 2).
    pub min_tokens: usize,
    /// Requests before an account is scored (default 5).
    pub min_requests: u64,
    /// Requests from which the part has full confidence (default 12;
    /// half confidence at `min_requests`).
    pub full_at: u64,
    /// Share of novel requests at which the part starts and peaks
    /// (default [0.7, 0.95]).
    pub novel_share: [f64; 2],
    /// Score at full novelty and confidence (default 0.55).
    pub max_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            tokens: 2,
            min_tokens: 2,
            min_requests: 5,
            full_at: 12,
            novel_share: [0.7, 0.95],
            max_score: 0.55,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::range_u64("continuity.tokens", self.tokens as u64, 0, 8)?;
        check::range_u64("continuity.min_tokens", self.min_tokens as u64, 1, 8)?;
        check::range_u64("continuity.min_requests", self.min_requests, 2, 10_000)?;
        check::range_u64(
            "continuity.full_at",
            self.full_at,
            self.min_requests,
            100_000,
        )?;
        crate::pair("continuity.novel_share", self.novel_share, 0.0, 1.0)?;
        check::range("continuity.max_score", self.max_score, 0.0, 1.0)
    }
}

/// Looks up and records the request's tokens in the account's history and
/// adds the continuity part. `requests` is the account's request count in
/// the trailing `window_ms`, this one included ([`crate::sweep`] keeps it).
pub fn score(
    s: &Settings,
    acct_hash: u64,
    requests: u64,
    window_ms: u64,
    f: &Features,
    agg: &mut dyn Aggregates,
    e: &mut Evidence,
) {
    if s.tokens == 0 || f.tokens.len() < s.min_tokens {
        return;
    }
    let mut shared = false;
    for t in f.tokens.iter().take(s.tokens) {
        let key = keys::hashed("k", mix64(acct_hash ^ t.rotate_left(29)));
        shared |= agg.touch(&key).is_some();
    }
    let earlier = requests.saturating_sub(1);
    if earlier == 0 {
        return;
    }
    let novel_key = keys::hashed("N", acct_hash);
    let novel = if shared {
        agg.counter_read(&novel_key, window_ms)
    } else {
        agg.counter_add(&novel_key, window_ms, 1)
    };
    if requests < s.min_requests {
        return;
    }
    let share = (novel as f64 / earlier as f64).min(1.0);
    let confidence = 0.5 + 0.5 * ramp(requests as f64, s.min_requests as f64, s.full_at as f64);
    let p = s.max_score * ramp(share, s.novel_share[0], s.novel_share[1]) * confidence;
    crate::add(e, p, "discontinuous", || {
        format!(
            "{novel} of the account's last {earlier} requests share no identifier or rare word with its earlier ones"
        )
    });
}
