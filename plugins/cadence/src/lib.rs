//! # `cadence`: volume and cadence
//!
//! **Signal.** How an account (and its payment cluster) uses the API over
//! time, from host aggregates:
//! - *round-the-clock*: active in most hours of the day in a 24 h window
//!   (people sleep; a harvesting loop does not);
//! - *machine-regular gaps*: most inter-arrival gaps in one half-octave
//!   ([`gaps`]), as a paced loop or a load balancer over an account pool
//!   produces;
//! - *volume*: requests per day per account;
//! - *fresh and heavy*: a days-old account already sending hundreds;
//! - *output appetite*: nearly every request asking for a very large
//!   `max_output_tokens` (weak alone: coding agents do this too);
//! - *cluster volume*: requests per day on a payment fingerprint shared
//!   beyond this account.
//!
//! The parts combine by noisy-OR: ≈0.9 for round-the-clock plus regular
//! gaps (the two together are a machine), below 0.5 for either alone
//! (researchers script evaluations; night owls exist), low for volume
//! alone. An account of an established org (two or more accounts seen in
//! a week: an enterprise batch job is steady, round-the-clock and heavy; a
//! personal org of one account vouches for nothing) is scaled by
//! `org_factor` (0.3).
//!
//! **Sources.** SIGNALS.md, "How it looked in the traffic" (massive volume,
//! traffic synchronised across accounts, timing that looks like load
//! balancing across an account pool) and "What the defenders do"
//! (behavioural fingerprinting, synchronised timing); hard negatives
//! "Enterprise batch jobs" and "Developers using coding agents: … bursts in
//! working hours".
//!
//! **Known false positives.** Personal automations without an org (a cron
//! job summarising news every hour is round-the-clock and regular: about
//! 0.85 once it has 24+ requests a day); heavy new integrations in their
//! first days. Slow-and-low accounts are invisible here by design; the
//! cluster detectors carry them.
//!
//! **Cost.** At most eight aggregate calls; no text is read.

pub mod gaps;

use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_common::{check, identity, keys};
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// Settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window for volume, hours and gaps, ms (default 24 h).
    pub window_ms: u64,
    /// Requests per window from which volume scores, and from which it
    /// reaches `volume_max_score` (default [400, 4000]).
    pub volume: [f64; 2],
    /// Score of volume alone at its top (default 0.5).
    pub volume_max_score: f64,
    /// Distinct hours of day active in the window at which the
    /// round-the-clock part starts and peaks (default [14, 21]).
    pub active_hours: [f64; 2],
    /// Requests in the window needed before hours count (default 24).
    pub clock_min_requests: u64,
    /// Score of round-the-clock activity alone (default 0.45).
    pub clock_score: f64,
    /// Share of gaps in the busiest bin at which regularity starts and
    /// peaks (default [0.45, 0.8]).
    pub regular_share: [f64; 2],
    /// Gaps needed before regularity counts (default 12).
    pub min_gaps: u64,
    /// Score of machine-regular gaps alone (default 0.45).
    pub regular_score: f64,
    /// Extra score when both are present, scaled by the weaker (default 0.6).
    pub machine_score: f64,
    /// An account younger than this is fresh, ms (default 3 days).
    pub fresh_ms: u64,
    /// Requests per window from which a fresh account's volume scores, and
    /// from which it scores 0.6 (default [30, 300]).
    pub fresh_volume: [f64; 2],
    /// `max_output_tokens` at or above which a request is large (default 16000).
    pub large_output_tokens: u32,
    /// Score when nearly every request (≥95%) is large (default 0.15).
    pub output_score: f64,
    /// Requests per window on one shared payment fingerprint from which the
    /// cluster part starts and reaches 0.6 (default [500, 5000]).
    pub cluster_volume: [f64; 2],
    /// Multiplier for accounts of an established org (default 0.3).
    pub org_factor: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::DAY_MS,
            volume: [400.0, 4000.0],
            volume_max_score: 0.5,
            active_hours: [14.0, 21.0],
            clock_min_requests: 24,
            clock_score: 0.45,
            regular_share: [0.45, 0.8],
            min_gaps: 12,
            regular_score: 0.45,
            machine_score: 0.6,
            fresh_ms: 3 * check::DAY_MS,
            fresh_volume: [30.0, 300.0],
            large_output_tokens: 16_000,
            output_score: 0.15,
            cluster_volume: [500.0, 5000.0],
            org_factor: 0.3,
        }
    }
}

fn pair(field: &str, p: [f64; 2], lo: f64, hi: f64) -> Result<(), String> {
    check::range(&format!("{field}[0]"), p[0], lo, hi)?;
    check::range(&format!("{field}[1]"), p[1], lo, hi)?;
    check::ordered(&format!("{field}[0]"), p[0], &format!("{field}[1]"), p[1])
}

/// The detector.
pub struct Cadence {
    settings: Settings,
}

impl Detector for Cadence {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "cadence",
            version: env!("CARGO_PKG_VERSION"),
            description: "machine cadence, round-the-clock activity and heavy use by fresh accounts",
            reads: Fields::ACCOUNT_CREATED
                .with(Fields::ACCOUNT_ORG)
                .with(Fields::ACCOUNT_TIER)
                .with(Fields::PAYMENT_FINGERPRINT)
                .with(Fields::MAX_OUTPUT_TOKENS),
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::range_u64("window_ms", s.window_ms, check::HOUR_MS, 7 * check::DAY_MS)?;
        pair("volume", s.volume, 1.0, 1e9)?;
        check::range("volume_max_score", s.volume_max_score, 0.0, 1.0)?;
        pair("active_hours", s.active_hours, 1.0, 24.0)?;
        check::range_u64("clock_min_requests", s.clock_min_requests, 1, 1_000_000)?;
        check::range("clock_score", s.clock_score, 0.0, 1.0)?;
        pair("regular_share", s.regular_share, 0.0, 1.0)?;
        check::range_u64("min_gaps", s.min_gaps, 2, 1_000_000)?;
        check::range("regular_score", s.regular_score, 0.0, 1.0)?;
        check::range("machine_score", s.machine_score, 0.0, 1.0)?;
        check::range_u64("fresh_ms", s.fresh_ms, check::HOUR_MS, 365 * check::DAY_MS)?;
        pair("fresh_volume", s.fresh_volume, 1.0, 1e9)?;
        check::range_u64(
            "large_output_tokens",
            u64::from(s.large_output_tokens),
            1,
            10_000_000,
        )?;
        check::range("output_score", s.output_score, 0.0, 1.0)?;
        pair("cluster_volume", s.cluster_volume, 1.0, 1e12)?;
        check::range("org_factor", s.org_factor, 0.0, 1.0)
    }

    fn new(settings: Settings) -> Self {
        Cadence { settings }
    }

    fn detect(&self, r: &Request, agg: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let w = s.window_ms;
        let acct = &r.account.id;
        let mut e = Evidence::new();

        let previous = agg.touch(&keys::key("l", acct));
        let volume = agg.counter_add(&keys::key("d", acct), w, 1);
        let hour = (r.ts_ms / check::HOUR_MS) % 24;
        let mut digits = [0; 20];
        let hour_text = keys::decimal(hour, &mut digits);
        let hours = agg.distinct_add(&keys::key("o", acct), w, hour_text);

        // Volume.
        let v = volume as f64;
        e.add(
            s.volume_max_score * ramp_log(v, s.volume[0], s.volume[1]),
            "high-volume",
            || format!("{volume} requests in the last {}h", w / check::HOUR_MS),
        );

        // Round the clock.
        let mut clock = 0.0;
        if volume >= s.clock_min_requests {
            clock = ramp(hours as f64, s.active_hours[0], s.active_hours[1]);
            let p = s.clock_score * clock;
            e.add(p, "round-the-clock", || {
                format!(
                    "active in {hours} distinct hours of the last {}h",
                    w / check::HOUR_MS
                )
            });
        }

        // Regular gaps.
        let gap = previous.map(|p| r.ts_ms.saturating_sub(p.last_ms));
        if let Some((a, b)) = gap.filter(|g| *g < w).and_then(gaps::bins) {
            let ca = agg.counter_add(&keys::sub("g", acct, a), w, 1);
            let cb = agg.counter_add(&keys::sub("G", acct, b), w, 1);
            let n_gaps = volume.saturating_sub(1).max(1);
            if n_gaps >= s.min_gaps {
                let share = ca.max(cb) as f64 / n_gaps as f64;
                let regular = ramp(share, s.regular_share[0], s.regular_share[1]);
                e.add(s.machine_score * regular.min(clock), "machine-cadence", || {
                    format!("round-the-clock and machine-regular ({hours} hours, {:.0}% of gaps alike)", 100.0 * share.min(1.0))
                });
                let p = s.regular_score * regular;
                e.add(p, "machine-cadence", || {
                    format!(
                        "{:.0}% of {n_gaps} inter-arrival gaps within one half-octave (≈{}s)",
                        100.0 * share.min(1.0),
                        gap.unwrap_or(0) / 1000
                    )
                });
            }
        }

        // Fresh and heavy.
        let age = r.account.created_ms.map(|c| r.ts_ms.saturating_sub(c));
        if let Some(age) = age.filter(|a| *a < s.fresh_ms) {
            let p = 0.6 * ramp_log(v, s.fresh_volume[0], s.fresh_volume[1]);
            e.add(p, "fresh-heavy", || {
                format!(
                    "account {:.1} days old with {volume} requests in the window",
                    age as f64 / 864e5
                )
            });
        }

        // Output appetite.
        if let Some(max_out) = r.call.max_output_tokens {
            let key = keys::key("x", acct);
            let large = if max_out >= s.large_output_tokens {
                agg.counter_add(&key, w, 1)
            } else {
                agg.counter_read(&key, w)
            };
            if volume >= 20 {
                let share = large as f64 / v;
                e.add(
                    s.output_score * ramp(share, 0.8, 0.95),
                    "large-output",
                    || {
                        format!(
                            "{:.0}% of requests ask for ≥{} output tokens",
                            100.0 * share,
                            s.large_output_tokens
                        )
                    },
                );
            }
        }

        // Cluster volume on a shared payment fingerprint.
        if let Some(pf) = r
            .account
            .payment_fingerprint
            .as_deref()
            .filter(|p| !p.is_empty())
        {
            let cluster = agg.counter_add(&keys::key("c", pf), w, 1);
            if cluster > volume {
                let p = 0.6 * ramp_log(cluster as f64, s.cluster_volume[0], s.cluster_volume[1]);
                e.add(p, "cluster-volume", || {
                    format!(
                        "payment cluster sent {cluster} requests in the last {}h",
                        w / check::HOUR_MS
                    )
                });
            }
        }

        if identity::established_org(&r.account, agg).is_some() {
            e.scale(s.org_factor);
        }
        e.verdict(0.01, 0.3, 3)
    }
}

export_detector!(Cadence);

#[cfg(test)]
mod tests;
