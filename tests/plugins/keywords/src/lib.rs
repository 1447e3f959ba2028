//! # `keywords`: prompts that ask for hidden reasoning, and how often
//!
//! A starting point for a detector. It declares the one request field it
//! reads (the prompt), scores the keywords it finds in it, and counts with
//! the host's aggregates how many such prompts each account sent in a
//! window: one matching prompt is a hint, a run of them is a pattern.
//!
//! Score: 0.25 per keyword found (at most 0.5), plus up to 0.5 as the
//! account's matching prompts in the window approach `burst`. A prompt
//! without a keyword scores 0 and is not counted.
//!
//! Build: `palisade plugin build` (or `cargo build --release --target
//! wasm32-wasip2`). Test natively: `cargo test --release --target <host triple>`.

use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// Settings, from the policy's `[plugin.settings]`; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Phrases looked for in the prompt, ignoring ASCII case.
    pub keywords: Vec<String>,
    /// Window of the per-account count, ms (default 1 hour).
    pub window_ms: u64,
    /// Matching prompts per account and window at which the count's part
    /// of the score peaks (default 5).
    pub burst: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keywords: [
                "reasoning",
                "step by step",
                "chain of thought",
                "show your work",
            ]
            .map(String::from)
            .to_vec(),
            window_ms: 3_600_000,
            burst: 5,
        }
    }
}

/// The detector.
pub struct Keywords {
    settings: Settings,
}

impl Detector for Keywords {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "keywords",
            version: "0.1.0",
            description: "prompts that ask for hidden reasoning, counted per account",
            reads: Fields::PROMPT,
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        if s.keywords.is_empty() || s.keywords.iter().any(|k| k.is_empty()) {
            return Err("keywords: give at least one, and no empty ones".to_string());
        }
        if s.window_ms == 0 {
            return Err("window_ms: must be at least 1".to_string());
        }
        if s.burst == 0 {
            return Err("burst: must be at least 1".to_string());
        }
        Ok(())
    }

    fn new(mut settings: Settings) -> Self {
        for k in &mut settings.keywords {
            k.make_ascii_lowercase();
        }
        Keywords { settings }
    }

    fn detect(&self, request: &Request, aggregates: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let prompt = request
            .call
            .prompt
            .as_deref()
            .unwrap_or("")
            .to_ascii_lowercase();
        let hits: Vec<&str> = s
            .keywords
            .iter()
            .filter(|k| prompt.contains(k.as_str()))
            .map(String::as_str)
            .collect();
        if hits.is_empty() {
            return Verdict::clean();
        }
        let key = format!("hits:{}", request.account.id);
        let n = aggregates.counter_add(&key, s.window_ms, 1);
        let content = (0.25 * hits.len() as f64).min(0.5);
        let repeat = 0.5 * n.min(s.burst) as f64 / s.burst as f64;
        let mut tags = vec!["reasoning-keywords".to_string()];
        if n >= s.burst {
            tags.push("keyword-burst".to_string());
        }
        Verdict {
            score: content + repeat,
            reasons: vec![
                format!("asks for {}", hits.join(", ")),
                format!("{n} such prompts from this account in the window"),
            ],
            tags,
        }
    }
}

export_detector!(Keywords);

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_sdk::Call;
    use palisade_sdk::testing::MemoryAggregates;

    fn request(account: &str, prompt: &str) -> Request {
        let mut r = Request {
            call: Call {
                prompt: Some(prompt.to_string()),
                ..Call::default()
            },
            ..Request::default()
        };
        r.account.id = account.to_string();
        r
    }

    #[test]
    fn a_run_of_matching_prompts_scores_higher_than_one() {
        let settings = palisade_sdk::parse_settings::<Keywords>(r#"{"burst": 2}"#).unwrap();
        let detector = Keywords::new(settings);
        let mut agg = MemoryAggregates::new();
        let ask = request("a", "Think STEP BY STEP and show your reasoning");
        let first = detector.detect(&ask, &mut agg);
        assert_eq!(first.score, 0.5 + 0.25);
        let second = detector.detect(&ask, &mut agg);
        assert_eq!(second.score, 1.0);
        assert!(second.tags.contains(&"keyword-burst".to_string()));
        // Another account has its own count; a plain prompt scores 0.
        assert_eq!(
            detector.detect(&request("b", "reasoning"), &mut agg).score,
            0.25 + 0.25
        );
        assert_eq!(
            detector.detect(&request("a", "hello"), &mut agg),
            Verdict::clean()
        );
    }

    #[test]
    fn settings_errors_name_the_setting() {
        let err = palisade_sdk::parse_settings::<Keywords>(r#"{"burst": 0}"#).unwrap_err();
        assert!(err.contains("burst"), "{err}");
        let err = palisade_sdk::parse_settings::<Keywords>(r#"{"brust": 3}"#).unwrap_err();
        assert!(err.contains("brust"), "{err}");
    }
}
