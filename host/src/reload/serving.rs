//! Glue between a [`Reloader`] and `palisade serve`: the reload section of
//! `GET /v1/status`, the reload and candidate figures in `/metrics`, and
//! the candidate decided in shadow after each live decision.

use super::reloader::Reloader;
use super::status::ReloadStatus;
use crate::decision::Decision;
use crate::features::Features;
use crate::server::{Shadow, StatusExtra};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Registry;
use std::sync::Arc;

/// `GET /v1/status` gains a `reload` key: the [`ReloadStatus`] (active
/// generation, last attempt and its error, last failure, counts, the
/// last-known-good, the candidate and its agreement matrix).
impl StatusExtra for Reloader {
    fn extend(&self, status: &mut serde_json::Map<String, serde_json::Value>) {
        let value = serde_json::to_value(self.status()).unwrap_or_else(
            |e| serde_json::json!({ "error": format!("cannot serialise the reload status: {e}") }),
        );
        status.insert("reload".to_string(), value);
    }
}

/// Decides the request with the candidate policy, if one is loaded.
impl Shadow for Reloader {
    fn shadow(&self, features: &Features, live: &Decision) {
        let _ = Reloader::shadow(self, features, live);
    }
}

/// Encodes [`ReloadStatus`] at each scrape. Names: `palisade_policy_reloads_total`,
/// `palisade_policy_last_reload_*`, `palisade_policy_last_known_good_active`,
/// `palisade_policy_compiled_components`, `palisade_candidate_*` (the
/// server's own are `palisade_policy_generation` and `palisade_policy`).
pub struct ReloadCollector(pub Arc<Reloader>);

impl std::fmt::Debug for ReloadCollector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReloadCollector")
    }
}

impl ReloadCollector {
    /// Registers the collector in `registry`.
    pub fn register(reloader: Arc<Reloader>, registry: &mut Registry) {
        registry.register_collector(Box::new(ReloadCollector(reloader)));
    }
}

fn gauge(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: f64,
) -> Result<(), std::fmt::Error> {
    let g = ConstGauge::new(value);
    let m = encoder.encode_descriptor(name, help, None, g.metric_type())?;
    g.encode(m)
}

fn encode(status: &ReloadStatus, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
    {
        let mut m = encoder.encode_descriptor(
            "palisade_policy_reloads",
            "Policy reload attempts by result.",
            None,
            MetricType::Counter,
        )?;
        for (result, n) in [
            ("ok", status.reloads.ok),
            ("error", status.reloads.failed),
            ("unchanged", status.reloads.unchanged),
        ] {
            let labels = [("result", result)];
            ConstCounter::new(n).encode(m.encode_family(&labels)?)?;
        }
    }
    let last_ok = status
        .last_attempt
        .as_ref()
        .map_or(1.0, |a| if a.ok { 1.0 } else { 0.0 });
    gauge(
        &mut encoder,
        "palisade_policy_last_reload_ok",
        "1 if the last reload attempt succeeded, 0 if it was refused (the error is in /v1/status).",
        last_ok,
    )?;
    if let Some(a) = &status.last_attempt {
        gauge(
            &mut encoder,
            "palisade_policy_last_reload_timestamp_seconds",
            "When the last reload attempt finished.",
            a.at_ms as f64 / 1e3,
        )?;
        gauge(
            &mut encoder,
            "palisade_policy_last_reload_duration_seconds",
            "How long the last reload attempt took, parse to swap.",
            a.millis / 1e3,
        )?;
    }
    gauge(
        &mut encoder,
        "palisade_policy_last_known_good_active",
        "1 while serving the last-known-good policy because the one on disk was broken at start-up.",
        if status.active.from_last_known_good {
            1.0
        } else {
            0.0
        },
    )?;
    gauge(
        &mut encoder,
        "palisade_policy_compiled_components",
        "Compiled plugin components held by the live runtime.",
        status.cached_components as f64,
    )?;
    if let Some(c) = &status.candidate {
        if let Some(g) = &c.active {
            let mut m = encoder.encode_descriptor(
                "palisade_candidate_generation",
                "The candidate policy generation evaluated in shadow.",
                None,
                MetricType::Gauge,
            )?;
            let labels = [("policy", g.policy.as_str())];
            ConstGauge::new(g.generation as f64).encode(m.encode_family(&labels)?)?;
        }
        {
            let mut m = encoder.encode_descriptor(
                "palisade_candidate_decisions",
                "Requests decided by both the live and the candidate policy, by live and candidate action.",
                None,
                MetricType::Counter,
            )?;
            for row in &c.agreement.rows {
                for (candidate, n) in &row.candidate {
                    let labels = [
                        ("live", row.live.to_string()),
                        ("candidate", candidate.to_string()),
                    ];
                    ConstCounter::new(*n).encode(m.encode_family(&labels)?)?;
                }
            }
        }
        gauge(
            &mut encoder,
            "palisade_candidate_agreement_ratio",
            "Share of requests on which the candidate policy agrees with the live one.",
            c.agreement.agreement,
        )?;
    }
    Ok(())
}

impl Collector for ReloadCollector {
    fn encode(&self, encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        encode(&self.0.status(), encoder)
    }
}
