//! # Cluster budgets: one budget for a campaign split over many accounts
//!
//! **Signal.** A per-account budget is defeated by spreading a campaign
//! over many light accounts; SIGNALS.md's defenders budget *the cluster*.
//! Per client network (IPv4 /24, IPv6 /48) and per sign-up cohort
//! ([`crate::cohort`]), the host keeps the requests in a window and, for
//! the network, the distinct independent entities ([`palisade_common::identity`]: a verified org or a company
//! email domain counts once, a free-mail account as itself). The part
//! scores a cluster with both high volume and many independent entities,
//! at full weight when the requesting account is fresh and unverified and
//! at `aged_factor` otherwise. ASNs are not budgeted: a residential ISP is
//! one ASN for millions of people. Payment clusters are budgeted by
//! `cadence` (`cluster-volume`, requests per shared payment fingerprint)
//! and counted by `infra` (`shared-payment`), so they are not counted a
//! third time here.
//!
//! **Sources.** SIGNALS.md, "What the defenders do" ("budgets on a whole
//! cluster rather than on each account") and "Scale" (a proxy network ran
//! 20,000 accounts at once so each looked like a light, normal user).
//!
//! **Known false positives.** Shared NATs: a corporate NAT (one org or one
//! email domain: one entity, so not scored), a university or carrier-grade
//! NAT with many free-mail accounts (many entities and real volume; the
//! accounts are mostly aged, hence `aged_factor`, and the part alone stays
//! below the throttle step, `max_score` 0.5).
//!
//! **Cost.** Three aggregate calls at most.

use crate::cohort::Cohort;
use palisade_common::score::{Evidence, ramp_log};
use palisade_common::{check, identity, keys};
use palisade_sdk::text::mix64;
use palisade_sdk::{Aggregates, Request};
use serde::Deserialize;
use std::net::IpAddr;

/// Budget settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window, ms (default 24 h).
    pub window_ms: u64,
    /// Requests per window on one cluster at which the part starts and
    /// peaks (default [150, 1500], log).
    pub volume: [f64; 2],
    /// Independent entities (cohort: accounts) on the cluster at which the
    /// part starts and peaks (default [5, 30], log).
    pub entities: [f64; 2],
    /// Score at the top of both (default 0.5).
    pub max_score: f64,
    /// An account younger than this is fresh, ms (default 30 days).
    pub fresh_ms: u64,
    /// Factor for a request from an aged or verified account (default 0.5).
    pub aged_factor: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::DAY_MS,
            volume: [150.0, 1500.0],
            entities: [5.0, 30.0],
            max_score: 0.5,
            fresh_ms: 30 * check::DAY_MS,
            aged_factor: 0.5,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::window("budget.window_ms", self.window_ms)?;
        crate::pair("budget.volume", self.volume, 1.0, 1e12)?;
        crate::pair("budget.entities", self.entities, 1.0, 1e9)?;
        check::range("budget.max_score", self.max_score, 0.0, 1.0)?;
        check::range_u64(
            "budget.fresh_ms",
            self.fresh_ms,
            check::HOUR_MS,
            365 * check::DAY_MS,
        )?;
        check::range("budget.aged_factor", self.aged_factor, 0.0, 1.0)
    }
}

/// A hash of the /24 (IPv4) or /48 (IPv6) of `ip`, `None` if unparsable;
/// an IPv4-mapped IPv6 address counts as IPv4. Hashed from the octets, so
/// no text is built per request.
pub fn network(ip: &str) -> Option<u64> {
    let addr: IpAddr = ip.trim().parse().ok()?;
    let addr = match addr {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    Some(match addr {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            mix64(u64::from(u32::from_be_bytes([0, a, b, c])))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            mix64((1 << 63) | u64::from(s[0]) << 32 | u64::from(s[1]) << 16 | u64::from(s[2]))
        }
    })
}

/// Counts the request against its clusters and adds the budget part (the
/// strongest cluster).
pub fn score(
    s: &Settings,
    extra_free_mail: &[String],
    r: &Request,
    vouched: bool,
    cohort: Option<Cohort>,
    agg: &mut dyn Aggregates,
    e: &mut Evidence,
) {
    let w = s.window_ms;
    let entity = identity::entity(&r.account, extra_free_mail).item();
    let factor = if identity::is_fresh_unverified(&r.account, vouched, r.ts_ms, s.fresh_ms) {
        1.0
    } else {
        s.aged_factor
    };
    let mut best: (f64, &'static str, u64, u64) = (0.0, "", 0, 0);
    let mut consider = |p: f64, what: &'static str, volume: u64, entities: u64| {
        if p > best.0 {
            best = (p, what, volume, entities);
        }
    };
    let part = |volume: u64, entities: u64| {
        s.max_score
            * ramp_log(volume as f64, s.volume[0], s.volume[1])
            * ramp_log(entities as f64, s.entities[0], s.entities[1])
    };

    if let Some(net) = r.client.ip.as_deref().and_then(network) {
        let volume = agg.counter_add(&keys::hashed("v", net), w, 1);
        let entities = agg.distinct_add(&keys::hashed("e", net), w, &entity);
        consider(part(volume, entities), "network", volume, entities);
    }
    if let Some(c) = cohort {
        let volume = agg.counter_add(&keys::hashed("b", c.hash), w, 1);
        consider(
            part(volume, c.accounts),
            "sign-up cohort",
            volume,
            c.accounts,
        );
    }
    let (p, what, volume, entities) = best;
    crate::add(e, p * factor, "cluster-budget", || {
        format!(
            "{what} cluster sent {volume} requests from {entities} independent accounts/orgs in {}",
            check::span(w)
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_cut_at_24_and_48_bits() {
        assert_eq!(network("203.0.113.77"), network("203.0.113.1"));
        assert_ne!(network("203.0.113.77"), network("203.0.114.77"));
        assert_eq!(
            network("2001:db8:abcd:12::1"),
            network("2001:db8:abcd:99::7")
        );
        assert_ne!(
            network("2001:db8:abcd:12::1"),
            network("2001:db8:abce:12::1")
        );
        assert_eq!(network("::ffff:198.51.100.9"), network("198.51.100.200"));
        assert_eq!(network("nope"), None);
    }
}
