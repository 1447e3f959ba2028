//! What the reloader reports: the serving generation, the last attempt and
//! its error, counters, and the same figures as Prometheus text.

use super::candidate::CandidateStatus;
use crate::policy::{Generation, PolicyError};
use serde::Serialize;
use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What started a reload attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// The first load, at start-up.
    Startup,
    /// A change seen by the file watcher (or its periodic re-check).
    Watch,
    /// SIGHUP.
    Signal,
    /// `POST /v1/admin/reload`.
    Admin,
    /// A direct library call.
    Manual,
}

impl Trigger {
    /// The lower-case name used in logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Startup => "startup",
            Trigger::Watch => "watch",
            Trigger::Signal => "signal",
            Trigger::Admin => "admin",
            Trigger::Manual => "manual",
        }
    }
}

/// One problem of a refused policy, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemReport {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

/// One reload attempt.
#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    /// When it finished, in ms since the Unix epoch.
    pub at_ms: u64,
    pub trigger: Trigger,
    pub ok: bool,
    /// The generation it activated (on success).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<u64>,
    /// The whole error, `file:line:col: field: message` per problem.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The same problems, structured.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<ProblemReport>,
    /// Parse to swap, in milliseconds.
    pub millis: f64,
}

impl Attempt {
    pub(super) fn succeeded(trigger: Trigger, generation: u64, took: Duration) -> Self {
        Attempt {
            at_ms: unix_ms(SystemTime::now()),
            trigger,
            ok: true,
            generation: Some(generation),
            error: None,
            problems: Vec::new(),
            millis: took.as_secs_f64() * 1e3,
        }
    }

    pub(super) fn failed(trigger: Trigger, error: &PolicyError, took: Duration) -> Self {
        let file = match error {
            PolicyError::Read { path, .. }
            | PolicyError::TooLarge { path, .. }
            | PolicyError::Invalid { path, .. }
            | PolicyError::FixtureDeadline { path, .. } => path.clone(),
        };
        Attempt {
            at_ms: unix_ms(SystemTime::now()),
            trigger,
            ok: false,
            generation: None,
            error: Some(error.to_string()),
            problems: error
                .problems()
                .iter()
                .map(|p| ProblemReport {
                    file: file.clone(),
                    line: p.line,
                    column: p.column,
                    field: p.field.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            millis: took.as_secs_f64() * 1e3,
        }
    }
}

/// The generation serving now.
#[derive(Debug, Clone, Serialize)]
pub struct ActiveInfo {
    pub generation: u64,
    /// `name@version`.
    pub policy: String,
    /// sha256 of the policy text.
    pub digest: String,
    pub source: String,
    pub loaded_at_ms: u64,
    /// Activated from the persisted last-known-good copy because the policy
    /// on disk was broken at start-up. Cleared by the next good reload.
    pub from_last_known_good: bool,
    /// Plugins disabled by `enabled = false`.
    pub disabled_plugins: Vec<String>,
    /// The whole-policy kill switch, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_action: Option<String>,
}

impl ActiveInfo {
    pub(super) fn of(g: &Generation, from_last_known_good: bool) -> Self {
        ActiveInfo {
            generation: g.id,
            policy: g.label.to_string(),
            digest: g.digest.clone(),
            source: g.source.display().to_string(),
            loaded_at_ms: unix_ms(g.loaded_at),
            from_last_known_good,
            disabled_plugins: g
                .plugins
                .iter()
                .filter(|s| matches!(s, crate::policy::PluginSlot::Disabled(_)))
                .map(|s| s.name().to_string())
                .collect(),
            override_action: g.override_action.map(|a| a.to_string()),
        }
    }
}

/// Counters since start-up.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub ok: u64,
    pub failed: u64,
    /// Watcher wake-ups whose inputs had not changed since the last attempt.
    pub unchanged: u64,
}

/// Everything `/v1/status` shows about reloading.
#[derive(Debug, Clone, Serialize)]
pub struct ReloadStatus {
    pub policy_path: String,
    pub active: ActiveInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<Attempt>,
    /// The most recent failure, kept after later successes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<Attempt>,
    pub reloads: Counts,
    /// Compiled components held by the live runtime.
    pub cached_components: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_known_good: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate: Option<CandidateStatus>,
}

impl ReloadStatus {
    /// The reload and candidate figures in the Prometheus text format, to
    /// append to `/metrics`. Names start with `palisade_policy_` and
    /// `palisade_candidate_`; the serving generation itself is the server's
    /// `palisade_policy_generation`.
    pub fn prometheus(&self) -> String {
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, samples: &[(String, f64)]| {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            for (labels, value) in samples {
                let _ = writeln!(out, "{name}{labels} {value}");
            }
        };
        metric(
            "palisade_policy_reloads_total",
            "counter",
            "Policy reload attempts by result.",
            &[
                ("{result=\"ok\"}".into(), self.reloads.ok as f64),
                ("{result=\"error\"}".into(), self.reloads.failed as f64),
                (
                    "{result=\"unchanged\"}".into(),
                    self.reloads.unchanged as f64,
                ),
            ],
        );
        let last_ok = self
            .last_attempt
            .as_ref()
            .map_or(1.0, |a| if a.ok { 1.0 } else { 0.0 });
        metric(
            "palisade_policy_last_reload_ok",
            "gauge",
            "1 if the last reload attempt succeeded (the error is in /v1/status), 0 if it was refused.",
            &[(String::new(), last_ok)],
        );
        if let Some(a) = &self.last_attempt {
            metric(
                "palisade_policy_last_reload_timestamp_seconds",
                "gauge",
                "When the last reload attempt finished.",
                &[(String::new(), a.at_ms as f64 / 1e3)],
            );
            metric(
                "palisade_policy_last_reload_duration_seconds",
                "gauge",
                "How long the last reload attempt took, parse to swap.",
                &[(String::new(), a.millis / 1e3)],
            );
        }
        metric(
            "palisade_policy_last_known_good_active",
            "gauge",
            "1 while the process serves the last-known-good policy because the one on disk was broken at start-up.",
            &[(
                String::new(),
                if self.active.from_last_known_good {
                    1.0
                } else {
                    0.0
                },
            )],
        );
        metric(
            "palisade_policy_compiled_components",
            "gauge",
            "Compiled plugin components held by the live runtime.",
            &[(String::new(), self.cached_components as f64)],
        );
        if let Some(c) = &self.candidate {
            if let Some(g) = &c.active {
                metric(
                    "palisade_candidate_generation",
                    "gauge",
                    "The candidate policy generation evaluated in shadow.",
                    &[(
                        format!("{{policy=\"{}\"}}", escape(&g.policy)),
                        g.generation as f64,
                    )],
                );
            }
            let mut samples = Vec::new();
            for row in &c.agreement.rows {
                for (candidate, n) in &row.candidate {
                    samples.push((
                        format!("{{live=\"{}\",candidate=\"{candidate}\"}}", row.live),
                        *n as f64,
                    ));
                }
            }
            metric(
                "palisade_candidate_decisions_total",
                "counter",
                "Requests decided by both the live and the candidate policy, by live action and candidate action.",
                &samples,
            );
            metric(
                "palisade_candidate_agreement_ratio",
                "gauge",
                "Share of requests on which the candidate policy agrees with the live one.",
                &[(String::new(), c.agreement.agreement)],
            );
        }
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Milliseconds since the Unix epoch.
pub fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
