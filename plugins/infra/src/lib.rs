//! # `infra`: shared infrastructure ("hydra" clusters)
//!
//! **Signal.** Many *independent* accounts behind one payment method, one
//! client network (IPv4 /24, IPv6 /48), one TLS client fingerprint or one
//! ASN, in a window. Accounts are counted as entities
//! ([`palisade_common::identity`]): a verified org, else a company email
//! domain, else the account itself — so a corporate NAT (hundreds of
//! accounts, one org or one email domain, one team bill) counts once, while
//! a hydra's free-mail accounts count one each. Per key the host keeps
//! distinct entities and distinct *fresh unverified* entities (accounts
//! created within `fresh_ms` without an established org (two or more
//! accounts seen in a week; a personal org of one account is no org), counted by entity so a
//! company's new hires count once), because a hydra replaces banned
//! accounts at once — whether it signs them up with free-mail addresses or
//! with throwaway company domains.
//!
//! Scores per dimension, combined by noisy-OR:
//! - payment: entities sharing it (≥0.8 from about 5 with the defaults);
//! - subnet: entities sharing it (high only for large clusters), or fresh
//!   unverified entities when they are most of the subnet's entities;
//! - TLS fingerprint and ASN: fresh unverified entities, weighted by their
//!   share of the key's entities — popular fingerprints and big ASNs have
//!   many accounts, but few of them are brand new.
//!
//! The fresh parts apply only to a request from a fresh unverified account
//! (it is one of the wave); established users of a popular fingerprint or
//! network that a campaign also uses are not scored by them. TLS and ASN
//! are weak alone (at most 0.5 and 0.45).
//!
//! **Sources.** SIGNALS.md, "How it looked in the traffic" (shared payment
//! methods, hydra clusters behind reseller proxies and cloud routes, masked
//! origins) and "What the defenders do" (shared infrastructure, shared
//! payment; attribution by IP correlation and infrastructure indicators);
//! hard negatives "Corporate NAT" and "Enterprise batch jobs".
//!
//! **Known false positives.** Carrier-grade NAT or a campus network where
//! many unrelated people with free-mail addresses sign up on the same day;
//! a sign-up drive (a hackathon) on one network; families sharing one card
//! (2–3 accounts score low). A campaign registered under one company domain
//! or org looks like that company here.
//!
//! **Cost.** Seven aggregate calls at most; no text is read.

pub mod net;

use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_common::{check, identity, keys};
use palisade_sdk::text::hash64;
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// A count-to-score ramp: 0 at or below `min`, `max_score` from `strong`
/// (log scale between).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ramp {
    pub min: f64,
    pub strong: f64,
    pub max_score: f64,
}

impl Ramp {
    fn score(&self, x: u64) -> f64 {
        self.max_score * ramp_log(x as f64, self.min, self.strong)
    }

    fn check(&self, field: &str) -> Result<(), String> {
        check::range(&format!("{field}.min"), self.min, 1.0, 1e6)?;
        check::range(&format!("{field}.strong"), self.strong, 1.0, 1e6)?;
        check::ordered(
            &format!("{field}.min"),
            self.min,
            &format!("{field}.strong"),
            self.strong,
        )?;
        check::range(&format!("{field}.max_score"), self.max_score, 0.0, 1.0)
    }
}

/// Settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window for subnet, TLS and ASN counts, ms (default 24 h).
    pub window_ms: u64,
    /// Window for payment counts, ms (default 7 days): a shared card is
    /// shared for long.
    pub payment_window_ms: u64,
    /// An account younger than this is fresh, ms (default 30 days: a hydra
    /// replaces banned accounts, so its accounts stay young).
    pub fresh_ms: u64,
    /// Independent entities on one payment fingerprint (default 2 → 6, 0.9).
    pub payment: Ramp,
    /// Independent entities on one /24 or /48 (default 12 → 64, 0.85).
    pub subnet: Ramp,
    /// Fresh unverified entities on one /24 or /48 (default 4 → 24, 0.85).
    pub subnet_fresh: Ramp,
    /// Fresh unverified entities on one TLS fingerprint (default 8 → 50, 0.5).
    pub tls_fresh: Ramp,
    /// Fresh unverified entities on one ASN (default 15 → 100, 0.45).
    pub asn_fresh: Ramp,
    /// Share of a key's entities that are fresh and unverified at which
    /// the fresh ramps start and reach full weight (default [0.6, 0.95]): a
    /// popular client stack that a campaign also uses stays below it.
    pub fresh_share: [f64; 2],
    /// Extra free-mail domains (their accounts count one each).
    pub extra_free_mail: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::DAY_MS,
            payment_window_ms: check::WEEK_MS,
            fresh_ms: 30 * check::DAY_MS,
            payment: Ramp {
                min: 2.0,
                strong: 6.0,
                max_score: 0.9,
            },
            subnet: Ramp {
                min: 12.0,
                strong: 64.0,
                max_score: 0.85,
            },
            subnet_fresh: Ramp {
                min: 4.0,
                strong: 24.0,
                max_score: 0.85,
            },
            tls_fresh: Ramp {
                min: 8.0,
                strong: 50.0,
                max_score: 0.5,
            },
            asn_fresh: Ramp {
                min: 15.0,
                strong: 100.0,
                max_score: 0.45,
            },
            fresh_share: [0.6, 0.95],
            extra_free_mail: Vec::new(),
        }
    }
}

/// The detector.
pub struct Infra {
    settings: Settings,
    /// `window_ms` and `payment_window_ms` as reasons show them.
    window: String,
    payment_window: String,
}

/// Counts for one shared key.
struct Shared {
    entities: u64,
    fresh: u64,
}

impl Infra {
    /// Adds this request to `kind`'s key for `value`: always the entity,
    /// and the entity to the fresh set when the account is fresh and
    /// unverified (else the fresh set is only read).
    /// `kinds` is the key kind and its fresh set's (`f` + kind), `value`
    /// the hash of the shared value.
    fn share(
        &self,
        agg: &mut dyn Aggregates,
        kinds: (&str, &str),
        value: u64,
        entity: &str,
        fresh_entity: Option<&str>,
    ) -> Shared {
        let w = self.settings.window_ms;
        let entities = agg.distinct_add(&keys::hashed(kinds.0, value), w, entity);
        let fkey = keys::hashed(kinds.1, value);
        let fresh = match fresh_entity {
            Some(item) => agg.distinct_add(&fkey, w, item),
            None => agg.distinct_read(&fkey, w),
        };
        Shared { entities, fresh }
    }

    /// How much the fresh parts count for this request: 0 unless the
    /// account is itself fresh and unverified, then by the fresh share.
    fn fresh_weight(&self, s: &Shared, requester_fresh: bool) -> f64 {
        if !requester_fresh {
            return 0.0;
        }
        let share = s.fresh as f64 / s.entities.max(1) as f64;
        ramp(
            share,
            self.settings.fresh_share[0],
            self.settings.fresh_share[1],
        )
    }
}

impl Detector for Infra {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "infra",
            version: env!("CARGO_PKG_VERSION"),
            description: "hydra clusters sharing payment, subnet, TLS fingerprint or ASN without a common organisation",
            reads: Fields::ACCOUNT_CREATED
                .with(Fields::ACCOUNT_ORG)
                .with(Fields::ACCOUNT_TIER)
                .with(Fields::PAYMENT_FINGERPRINT)
                .with(Fields::EMAIL_DOMAIN)
                .with(Fields::CLIENT_IP)
                .with(Fields::CLIENT_ASN)
                .with(Fields::TLS_FINGERPRINT),
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::window("window_ms", s.window_ms)?;
        check::window("payment_window_ms", s.payment_window_ms)?;
        check::range_u64("fresh_ms", s.fresh_ms, check::HOUR_MS, 365 * check::DAY_MS)?;
        s.payment.check("payment")?;
        s.subnet.check("subnet")?;
        s.subnet_fresh.check("subnet_fresh")?;
        s.tls_fresh.check("tls_fresh")?;
        s.asn_fresh.check("asn_fresh")?;
        check::range("fresh_share[0]", s.fresh_share[0], 0.0, 1.0)?;
        check::range("fresh_share[1]", s.fresh_share[1], 0.0, 1.0)?;
        check::ordered(
            "fresh_share[0]",
            s.fresh_share[0],
            "fresh_share[1]",
            s.fresh_share[1],
        )?;
        check::domains("extra_free_mail", &s.extra_free_mail)
    }

    fn new(settings: Settings) -> Self {
        Infra {
            window: check::span(settings.window_ms),
            payment_window: check::span(settings.payment_window_ms),
            settings,
        }
    }

    fn detect(&self, r: &Request, agg: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let who = identity::entity(&r.account, &s.extra_free_mail);
        let entity = who.item();
        let vouched = identity::established_org(&r.account, agg).is_some();
        let fresh = identity::is_fresh_unverified(&r.account, vouched, r.ts_ms, s.fresh_ms);
        let fresh_entity = fresh.then_some(entity.as_str());
        let day = &self.window;
        let mut e = Evidence::new();

        if let Some(pf) = r
            .account
            .payment_fingerprint
            .as_deref()
            .filter(|p| !p.is_empty())
        {
            let n = agg.distinct_add(&keys::key("p", pf), s.payment_window_ms, &entity);
            e.add(s.payment.score(n), "shared-payment", || {
                format!(
                    "payment fingerprint shared by {n} independent accounts/orgs in {}",
                    self.payment_window
                )
            });
        }
        if let Some(prefix) = r.client.ip.as_deref().and_then(net::prefix) {
            let sh = self.share(
                agg,
                ("n", "fn"),
                hash64(prefix.as_bytes()),
                &entity,
                fresh_entity,
            );
            let by_entities = s.subnet.score(sh.entities);
            let by_fresh = s.subnet_fresh.score(sh.fresh) * self.fresh_weight(&sh, fresh);
            e.add(by_entities.max(by_fresh), "shared-subnet", || {
                format!(
                    "{prefix} shared by {} independent accounts/orgs ({} fresh) in {day}",
                    sh.entities, sh.fresh
                )
            });
        }
        if let Some(tls) = r
            .client
            .tls_fingerprint
            .as_deref()
            .filter(|t| !t.is_empty())
        {
            let sh = self.share(
                agg,
                ("t", "ft"),
                hash64(tls.as_bytes()),
                &entity,
                fresh_entity,
            );
            let score = s.tls_fresh.score(sh.fresh) * self.fresh_weight(&sh, fresh);
            e.add(score, "shared-tls", || {
                format!(
                    "TLS fingerprint used by {} fresh unverified accounts/orgs of {} in {day}",
                    sh.fresh, sh.entities
                )
            });
        }
        if let Some(asn) = r.client.asn {
            let mut buf = [0; 20];
            let digits = keys::decimal(u64::from(asn), &mut buf);
            let sh = self.share(
                agg,
                ("a", "fa"),
                hash64(digits.as_bytes()),
                &entity,
                fresh_entity,
            );
            let score = s.asn_fresh.score(sh.fresh) * self.fresh_weight(&sh, fresh);
            e.add(score, "shared-asn", || {
                format!(
                    "AS{asn} used by {} fresh unverified accounts/orgs of {} in {day}",
                    sh.fresh, sh.entities
                )
            });
        }
        if fresh && e.score() >= 0.3 {
            e.add(0.1, "fresh-account", || {
                "account is fresh and has no verified org".to_string()
            });
        }
        e.verdict(0.01, 0.3, 3)
    }
}

export_detector!(Infra);

#[cfg(test)]
mod tests;
