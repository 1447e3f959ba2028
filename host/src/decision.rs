//! What Palisade answers: an action, the directives for the enforcement
//! point, and the evidence behind them.

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
