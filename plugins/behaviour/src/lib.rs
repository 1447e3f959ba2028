//! # `behaviour`: behaviour that no phrasing hides
//!
//! A campaign can translate, paraphrase and disperse its prompts over fresh
//! cards and residential addresses; it cannot as easily make a task factory
//! behave like people. This detector keeps six stateful signals on the
//! host's aggregates, one module each (each module's doc names its signal,
//! sources, known false positives and cost):
//! - [`continuity`] (tag `discontinuous`): an account whose requests share
//!   nothing with its own history;
//! - [`sweep`] (tag `coverage-sweep`): an account that covers a capability ×
//!   language grid evenly;
//! - [`churn`] (tags `task-churn`, `org-sweep`): an account, or an org's
//!   sub-accounts together, naming a new programming language in almost
//!   every task it states;
//! - [`grid`] (tag `task-grid`): one task statement sent with many
//!   languages, whoever sends it (a grid being filled, even over dispersed
//!   accounts with one task each);
//! - [`cohort`] (tag `burst-cohort`): accounts created in one burst with one
//!   email-domain pattern and tier that then use the same model;
//! - [`budget`] (tag `cluster-budget`): request volume per network and
//!   cohort cluster (payment clusters are `cadence`'s and `infra`'s), so splitting a campaign over accounts does not
//!   split its budget.
//!
//! They are one plugin so that one pass over the prompt ([`features`]) and
//! one component call serve all six. The parts combine by noisy-OR; each
//! alone stays below the default policy's throttle step (0.75), so a lone
//! behavioural oddity is logged, and two together (a discontinuous sweep,
//! a cohort over budget) or one with a content or infrastructure detector
//! enforce. An account of an established org (two or more of its accounts
//! seen in a week, [`palisade_common::identity::established_org`]; a
//! personal org of one account is an individual) is scaled by `org_factor`
//! (0.3): an evaluation harness or a course sweeps and bursts on purpose
//! (the plugin cannot tell a verified org from any other; the default
//! policy caps verified orgs itself) — unless [`churn`] has flagged the org
//! as sweeping a grid over its sub-accounts.
//!
//! **Cost.** One pass over at most `head_bytes` of the prompt (a word-table
//! lookup per word); at most 21 aggregate calls (3 continuity, 3 sweep, 8
//! churn, 1 grid, 2 cohort, 3 budget, 1 org membership), typically 12
//! (churn's org counts and the grid are kept only on task statements, org
//! membership only for accounts that name an org).

pub mod budget;
pub mod churn;
pub mod cohort;
pub mod continuity;
pub mod features;
pub mod grid;
pub mod sweep;

use palisade_common::check;
use palisade_common::score::Evidence;
use palisade_sdk::text::hash64;
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// Settings; `{}` gives the defaults. Each signal has its own table.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Bytes read from the start of the prompt (default 512).
    pub head_bytes: usize,
    /// Multiplier for accounts with an org not flagged by [`churn`] (default 0.3).
    pub org_factor: f64,
    /// Extra free-mail domains (cohort shapes and budget entities).
    pub extra_free_mail: Vec<String>,
    /// See [`continuity::Settings`].
    pub continuity: continuity::Settings,
    /// See [`sweep::Settings`].
    pub sweep: sweep::Settings,
    /// See [`churn::Settings`].
    pub churn: churn::Settings,
    /// See [`grid::Settings`].
    pub grid: grid::Settings,
    /// See [`cohort::Settings`].
    pub cohort: cohort::Settings,
    /// See [`budget::Settings`].
    pub budget: budget::Settings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            head_bytes: 512,
            org_factor: 0.3,
            extra_free_mail: Vec::new(),
            continuity: continuity::Settings::default(),
            sweep: sweep::Settings::default(),
            churn: churn::Settings::default(),
            grid: grid::Settings::default(),
            cohort: cohort::Settings::default(),
            budget: budget::Settings::default(),
        }
    }
}

/// A `[lo, hi]` pair within `[min, max]`, `lo` below `hi`.
pub(crate) fn pair(field: &str, p: [f64; 2], min: f64, max: f64) -> Result<(), String> {
    check::range(&format!("{field}[0]"), p[0], min, max)?;
    check::range(&format!("{field}[1]"), p[1], min, max)?;
    check::ordered(&format!("{field}[0]"), p[0], &format!("{field}[1]"), p[1])
}

/// Adds a part unless it is too small to matter, so that its reason (a
/// `format!`) is built only for parts that can show.
pub(crate) fn add(e: &mut Evidence, p: f64, tag: &'static str, reason: impl FnOnce() -> String) {
    if p >= 0.02 {
        e.add(p, tag, reason);
    }
}

/// The detector.
pub struct Behaviour {
    settings: Settings,
}

impl Detector for Behaviour {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "behaviour",
            version: env!("CARGO_PKG_VERSION"),
            description: "behaviour no phrasing hides: discontinuous accounts, coverage sweeps, sign-up cohorts, cluster budgets",
            reads: Fields::ACCOUNT_CREATED
                .with(Fields::ACCOUNT_TIER)
                .with(Fields::ACCOUNT_ORG)
                .with(Fields::PAYMENT_FINGERPRINT)
                .with(Fields::EMAIL_DOMAIN)
                .with(Fields::CLIENT_IP)
                .with(Fields::MODEL)
                .with(Fields::PROMPT),
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::range_u64("head_bytes", s.head_bytes as u64, 64, 65_536)?;
        check::range("org_factor", s.org_factor, 0.0, 1.0)?;
        check::domains("extra_free_mail", &s.extra_free_mail)?;
        s.continuity.check()?;
        s.sweep.check()?;
        s.churn.check()?;
        s.grid.check()?;
        s.cohort.check()?;
        s.budget.check()
    }

    fn new(settings: Settings) -> Self {
        Behaviour { settings }
    }

    fn detect(&self, r: &Request, agg: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let acct = r.account.id.as_str();
        let mut e = Evidence::new();
        let org = palisade_common::identity::org(&r.account);
        let vouched = palisade_common::identity::established_org(&r.account, agg).is_some();
        let mut org_sweeps = churn::Org::Clear;

        if let Some(prompt) = r.call.prompt.as_deref() {
            let f = features::extract(prompt, s.head_bytes, s.continuity.tokens);
            let acct_hash = hash64(acct.as_bytes());
            let requests = sweep::score(&s.sweep, acct_hash, &f, agg, &mut e);
            let w = s.sweep.window_ms;
            continuity::score(&s.continuity, acct_hash, requests, w, &f, agg, &mut e);
            org_sweeps = churn::score(&s.churn, acct, acct_hash, org, r.ts_ms, &f, agg, &mut e);
            grid::score(&s.grid, &f, agg, &mut e);
        }
        let cohort = cohort::score(&s.cohort, &s.extra_free_mail, r, vouched, &mut e, agg);
        budget::score(
            &s.budget,
            &s.extra_free_mail,
            r,
            vouched,
            cohort,
            agg,
            &mut e,
        );

        if vouched && org_sweeps == churn::Org::Clear {
            e.scale(s.org_factor);
        }
        e.verdict(0.05, 0.3, 3)
    }
}

export_detector!(Behaviour);

#[cfg(test)]
mod tests;

#[cfg(test)]
mod diagnose;
