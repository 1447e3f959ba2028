//! # Cohorts: accounts signed up together that then behave alike
//!
//! **Signal.** A campaign that gives every account its own card, client and
//! address still has to create the accounts, and it creates them in
//! bursts, with a throwaway email-domain pattern, on one sign-up path
//! (tier); later it moves them together (one model, the same pivot to a
//! newly released one). The *cohort key* is the email domain's shape (a
//! free-mail domain as itself; any other as its TLD, length class, digits
//! and hyphens, so `k7-mail.top` and `q2-post.top` fall together), the
//! creation time in `bucket_ms` buckets, and the tier; its accounts
//! *behave alike* when they use the same model, so the counted group is
//! the cohort on this request's model. Per group, in a window, the host
//! keeps the distinct accounts and the distinct payment methods (accounts
//! without one count as one). The part scores a large group that pays
//! independently, up to 0.7: a wave of 30 alike accounts each with its own
//! card in one hour is rare enough that little else is needed to enforce. Organic sign-ups of one hour spread over
//! domains, tiers and models; a wave lands in one group.
//!
//! Accounts with a verified org are not grouped: an organisation creates
//! its accounts together on purpose.
//!
//! **Sources.** Issue 12 ("the only shared signals are weak ones (accounts
//! created in sign-up bursts, throwaway email-domain patterns, moving
//! together to a new model)"); SIGNALS.md, "Release pivot", "Hydra
//! clusters … varied account types and access paths (education, research
//! and startup programmes were the abused sign-up paths)", "Banned accounts
//! are replaced at once".
//!
//! **Known false positives.** A company onboarding a team on one day
//! without a verified org (shared billing removes most of it: one payment
//! for many accounts is not independent); a class or hackathon signing up
//! together and each adding a card to try the same model (without cards
//! they are not independent).
//!
//! **Cost.** Two aggregate calls, when the account has a creation time.

use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_common::{check, identity, keys};
use palisade_sdk::text::{hash64, mix64};
use palisade_sdk::{Aggregates, Request};
use serde::Deserialize;

/// Cohort settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window over which a cohort's accounts are counted, ms (default 30 days).
    pub window_ms: u64,
    /// Creation-time bucket, ms (default 1 h).
    pub bucket_ms: u64,
    /// Accounts in a cohort on one model at which the part starts and
    /// peaks (default [6, 30], log).
    pub size: [f64; 2],
    /// Distinct payment methods per account at which the part starts and
    /// peaks (default [0.4, 0.8]): a team on one bill is not a wave.
    pub independent: [f64; 2],
    /// Score of a large, alike, independent cohort (default 0.7).
    pub max_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: 30 * check::DAY_MS,
            bucket_ms: check::HOUR_MS,
            size: [6.0, 30.0],
            independent: [0.4, 0.8],
            max_score: 0.7,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::window("cohort.window_ms", self.window_ms)?;
        check::range_u64(
            "cohort.bucket_ms",
            self.bucket_ms,
            60_000,
            7 * check::DAY_MS,
        )?;
        crate::pair("cohort.size", self.size, 1.0, 1e6)?;
        crate::pair("cohort.independent", self.independent, 0.0, 1.0)?;
        check::range("cohort.max_score", self.max_score, 0.0, 1.0)
    }
}

/// A cohort: its key hash and what was counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cohort {
    /// Hash of the cohort key and model (for the cluster budget).
    pub hash: u64,
    /// Distinct accounts of the cohort on the model in the window.
    pub accounts: u64,
}

/// The shape of an email domain: free-mail as itself, else TLD, length
/// class of the label before it, digits and hyphens.
pub fn domain_shape(domain: &str, extra_free_mail: &[String]) -> String {
    let d = domain.trim().trim_start_matches('@').to_ascii_lowercase();
    if identity::is_free_mail(&d, extra_free_mail) {
        return d;
    }
    let (rest, tld) = d.rsplit_once('.').unwrap_or(("", d.as_str()));
    let label = rest.rsplit('.').next().unwrap_or("");
    let class = match label.chars().count() {
        0..=5 => 's',
        6..=9 => 'm',
        _ => 'l',
    };
    let digits = if label.bytes().any(|b| b.is_ascii_digit()) {
        "d"
    } else {
        ""
    };
    let hyphen = if label.contains('-') { "h" } else { "" };
    format!("*{class}{digits}{hyphen}.{tld}")
}

/// Records the account in its cohort and adds the cohort part; `None` when
/// the account has no creation time or an established org vouches for it
/// (`vouched`).
pub fn score(
    s: &Settings,
    extra_free_mail: &[String],
    r: &Request,
    vouched: bool,
    e: &mut Evidence,
    agg: &mut dyn Aggregates,
) -> Option<Cohort> {
    let created = r.account.created_ms?;
    if vouched {
        return None;
    }
    let shape = domain_shape(
        r.account.email_domain.as_deref().unwrap_or(""),
        extra_free_mail,
    );
    let tier = r.account.tier.as_deref().unwrap_or("");
    let bucket = created / s.bucket_ms;
    let hash = mix64(hash64(shape.as_bytes()) ^ hash64(tier.as_bytes()).rotate_left(21) ^ bucket);
    let w = s.window_ms;
    let acct = r.account.id.as_str();

    let model = r.call.model.as_deref().unwrap_or("");
    let hash = mix64(hash ^ hash64(model.as_bytes()));
    let accounts = agg.distinct_add(&keys::hashed("c", hash), w, acct);
    // An account without a payment method counts as the same "none": a
    // class or a team trying the free tier together is not independent.
    let payment = r
        .account
        .payment_fingerprint
        .as_deref()
        .filter(|p| !p.is_empty());
    let payments = agg.distinct_add(&keys::hashed("p", hash), w, payment.unwrap_or("-"));
    let independent = (payments as f64 / accounts.max(1) as f64).min(1.0);
    let p = s.max_score
        * ramp_log(accounts as f64, s.size[0], s.size[1])
        * ramp(independent, s.independent[0], s.independent[1]);
    crate::add(e, p, "burst-cohort", || {
        format!(
            "{accounts} accounts created in the same {} with email domains like {shape}{} use {}",
            check::span(s.bucket_ms),
            if tier.is_empty() {
                String::new()
            } else {
                format!(" on tier {tier}")
            },
            if model.is_empty() {
                "the same model"
            } else {
                model
            },
        )
    });
    Some(Cohort { hash, accounts })
}
