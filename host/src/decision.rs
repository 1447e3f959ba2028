//! What Palisade answers: an action, the directives for the enforcement
//! point, and the evidence behind them.

use crate::features::{Clamped, Skew};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Actions, weakest first. Combination takes the strongest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    #[default]
    Allow,
    Log,
    Throttle,
    Challenge,
    Block,
}

impl Action {
    /// Every action, weakest first.
    pub const ALL: [Action; 5] = [
        Action::Allow,
        Action::Log,
        Action::Throttle,
        Action::Challenge,
        Action::Block,
    ];

    /// The lower-case name used in policies, decisions and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Allow => "allow",
            Action::Log => "log",
            Action::Throttle => "throttle",
            Action::Challenge => "challenge",
            Action::Block => "block",
        }
    }

    /// Whether the action restrains the client (throttle or stronger).
    pub fn enforces(self) -> bool {
        self >= Action::Throttle
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Instructions for the enforcement point that make a response less useful
/// for distillation without refusing it outright.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directives {
    /// Cap the response length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_output_tokens: Option<u32>,
    /// Remove reasoning / thinking output from the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strip_reasoning: Option<bool>,
    /// Seconds the client should wait (throttle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<u32>,
    /// Headers to add to the upstream request or the response.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
}

impl Directives {
    /// Merges `other` in, keeping the stricter of each: the smaller token
    /// cap, stripping if either strips, the longer wait; headers already set
    /// are kept (first writer wins, in policy order).
    pub fn merge(&mut self, other: &Directives) {
        self.max_output_tokens = match (self.max_output_tokens, other.max_output_tokens) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.strip_reasoning = match (self.strip_reasoning, other.strip_reasoning) {
            (Some(a), Some(b)) => Some(a || b),
            (a, b) => a.or(b),
        };
        self.retry_after_s = self.retry_after_s.max(other.retry_after_s);
        for (k, v) in &other.headers {
            self.headers.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }

    /// Whether there is nothing to tell the enforcement point.
    pub fn is_empty(&self) -> bool {
        *self == Directives::default()
    }
}

/// How a detector's call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    /// Cut off at its deadline.
    Timeout,
    /// Trapped (including stack overflow).
    Trap,
    /// Hit its memory cap.
    Memory,
    /// Misbehaved otherwise: an invalid verdict, a failed instantiation.
    Error,
    /// Not run: disabled by the policy.
    Skipped,
}

impl Status {
    /// The lower-case name used in decisions and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Timeout => "timeout",
            Status::Trap => "trap",
            Status::Memory => "memory",
            Status::Error => "error",
            Status::Skipped => "skipped",
        }
    }

    /// Whether the plugin failed (and its failure outcome applies).
    pub fn is_failure(self) -> bool {
        !matches!(self, Status::Ok | Status::Skipped)
    }
}

/// One detector's part in a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DetectorReport {
    pub name: Arc<str>,
    pub score: f64,
    pub reasons: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub status: Status,
    pub micros: u64,
}

/// The answer for one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: String,
    pub action: Action,
    pub score: f64,
    /// `name@version` of the policy that decided.
    pub policy: Arc<str>,
    /// The policy generation that decided; changes on every reload.
    pub generation: u64,
    pub reasons: Vec<String>,
    /// The policy rules that matched (raising rules, caps and floors), by
    /// decreasing priority, as named in the policy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Arc<str>>,
    pub directives: Directives,
    pub detectors: Vec<DetectorReport>,
    /// In shadow mode: the action enforce mode would have taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub would_action: Option<Action>,
    /// The event time the caller sent, when the server clamped it to its
    /// own clock (`[limits] max_clock_skew_ms`); the request was decided at
    /// the clamped time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ts_clamped_from: Option<u64>,
}

impl Decision {
    /// Records that the request was decided at a clamped event time: the
    /// field and a reason saying by how much and which setting did it.
    pub fn note_clamp(&mut self, clamped: &Clamped, skew_ms: u64) {
        self.ts_clamped_from = Some(clamped.from);
        let (by, side, sign) = match clamped.skew {
            Skew::Future => (
                clamped.from.saturating_sub(clamped.to),
                "after the latest",
                '+',
            ),
            Skew::Past => (
                clamped.to.saturating_sub(clamped.from),
                "before the earliest",
                '−',
            ),
        };
        self.reasons.push(format!(
            "event time clamped: ts_ms {} is {by} ms {side} accepted (the server's clock {sign} \
             {skew_ms} ms, limits.max_clock_skew_ms); decided at ts_ms {}",
            clamped.from, clamped.to
        ));
    }
}

/// A score as text for a reason or an answer: four decimals, more when
/// four would put it on the other side of one of `thresholds` than the
/// score itself is (0.96996 is not "0.9700" next to a 0.97 step), so a
/// printed comparison is always one the number supports.
pub fn score_text(score: f64, thresholds: impl IntoIterator<Item = f64> + Clone) -> String {
    let agrees = |shown: f64| {
        thresholds
            .clone()
            .into_iter()
            .all(|t| (shown >= t) == (score >= t))
    };
    for digits in 4..=16 {
        let text = format!("{score:.digits$}");
        if text.parse::<f64>().is_ok_and(agrees) {
            return trim_zeros(text);
        }
    }
    // The shortest text that reads back as exactly `score`.
    format!("{score}")
}

/// `0.9000` → `0.9`, `1.0000` → `1.0`: fixed decimals without the noise.
fn trim_zeros(mut text: String) -> String {
    if text.contains('.') {
        while text.ends_with('0') && !text.ends_with(".0") {
            text.pop();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_order_weakest_to_strongest() {
        assert!(Action::Allow < Action::Log);
        assert!(Action::Throttle < Action::Challenge);
        assert_eq!(Action::ALL.iter().max(), Some(&Action::Block));
        assert!(Action::Throttle.enforces() && !Action::Log.enforces());
    }

    #[test]
    fn score_text_never_claims_a_comparison_the_score_does_not_support() {
        let ladder = [0.5, 0.75, 0.85, 0.97];
        assert_eq!(score_text(0.9674, ladder), "0.9674");
        assert_eq!(score_text(0.9, ladder), "0.9");
        assert_eq!(score_text(1.0, ladder), "1.0");
        assert_eq!(score_text(0.123_456, ladder), "0.1235");
        // Four decimals would round these up onto (or down off) a step.
        assert_eq!(score_text(0.969_96, ladder), "0.96996");
        assert_eq!(score_text(0.749_999_9, ladder), "0.7499999");
        let just_below = 0.97 - f64::EPSILON;
        let shown: f64 = score_text(just_below, ladder).parse().unwrap();
        assert!(shown < 0.97, "{shown}");
        // A threshold with more decimals than four is respected too.
        assert_eq!(score_text(0.750_08, [0.750_07]), "0.7501");
        assert_eq!(score_text(0.750_06, [0.750_07]), "0.75006");
        assert_eq!(score_text(0.750_04, [0.750_03]), "0.75004");
    }

    #[test]
    fn a_clamp_is_recorded_as_a_field_and_a_reason() {
        let mut d = Decision {
            id: "r".into(),
            rules: Vec::new(),
            action: Action::Allow,
            score: 0.0,
            policy: Arc::from("p@1"),
            generation: 1,
            reasons: Vec::new(),
            directives: Directives::default(),
            detectors: Vec::new(),
            would_action: None,
            ts_clamped_from: None,
        };
        let clamped = Clamped {
            from: u64::MAX,
            to: 1_300,
            skew: Skew::Future,
        };
        d.note_clamp(&clamped, 300);
        assert_eq!(d.ts_clamped_from, Some(u64::MAX));
        assert!(
            d.reasons[0].starts_with("event time clamped"),
            "{:?}",
            d.reasons
        );
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["ts_clamped_from"], u64::MAX);
    }

    #[test]
    fn merging_directives_keeps_the_stricter() {
        let mut a = Directives {
            max_output_tokens: Some(2048),
            retry_after_s: Some(10),
            ..Directives::default()
        };
        a.headers.insert("x-a".into(), "1".into());
        let mut b = Directives {
            max_output_tokens: Some(512),
            strip_reasoning: Some(true),
            ..Directives::default()
        };
        b.headers.insert("x-a".into(), "2".into());
        a.merge(&b);
        assert_eq!(a.max_output_tokens, Some(512));
        assert_eq!(a.strip_reasoning, Some(true));
        assert_eq!(a.retry_after_s, Some(10));
        assert_eq!(a.headers["x-a"], "1");
    }
}
