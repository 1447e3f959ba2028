//! Detection-quality figures for `palisade eval --summary`: actions taken,
//! and for labelled traffic, request- and account-level enforcement rates
//! per label, recall and false-positive rate, and how many requests a
//! campaign account sends before it is first enforced.

use crate::decision::{Action, Decision};
use crate::features::Features;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Per-label counts.
#[derive(Debug, Default, Clone, Serialize)]
pub struct LabelStats {
    pub requests: u64,
    /// Requests enforced (throttle or stronger).
    pub enforced: u64,
    pub accounts: u64,
    /// Accounts with at least one enforced request.
    pub accounts_enforced: u64,
    /// Accounts with at least one challenge or block.
    pub accounts_challenged: u64,
    /// Median, over enforced accounts, of the 1-based index of the account's
    /// first enforced request.
    pub median_requests_to_enforcement: Option<f64>,
}

#[derive(Debug, Default)]
struct AccountStats {
    label: String,
    requests: u32,
    first_enforced: Option<u32>,
    challenged: bool,
}

/// Accumulates decisions as they stream out.
#[derive(Debug, Default)]
pub struct Summary {
    actions: [u64; 5],
    labels: BTreeMap<String, (u64, u64)>,
    accounts: HashMap<String, AccountStats>,
    failures: BTreeMap<String, BTreeMap<&'static str, u64>>,
    pub decided: u64,
    pub errors: u64,
    /// What the HTML report shows (score distributions, detector outcomes
    /// and latencies), gathered on the same pass.
    pub figures: crate::report::Figures,
}

/// The figures, ready to print or serialise.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub decided: u64,
    pub errors: u64,
    pub actions: Vec<(&'static str, u64)>,
    pub labels: BTreeMap<String, LabelStats>,
    pub positive: Option<Rates>,
    pub negative: Option<Rates>,
    /// Per plugin, how many calls failed, by status (timeouts, traps, …):
    /// no fail-open goes unnoticed.
    pub detector_failures: BTreeMap<String, BTreeMap<&'static str, u64>>,
}

/// Request- and account-level enforcement rates for one side.
#[derive(Debug, Clone, Serialize)]
pub struct Rates {
    pub requests: u64,
    pub request_rate: f64,
    pub accounts: u64,
    pub account_rate: f64,
}

impl Summary {
    /// Records one decision. The action counted is what enforce mode would
    /// do, so a shadow-mode run measures the policy, not the mode.
    pub fn record(&mut self, features: &Features, decision: &Decision) {
        self.decided += 1;
        self.figures.record(features, decision);
        let action = decision.would_action.unwrap_or(decision.action);
        self.actions[action as usize] += 1;
        for d in &decision.detectors {
            if d.status.is_failure() {
                *self
                    .failures
                    .entry(d.name.to_string())
                    .or_default()
                    .entry(d.status.as_str())
                    .or_default() += 1;
            }
        }
        let Some(label) = &features.label else { return };
        let entry = self.labels.entry(label.clone()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(action.enforces());
        let account = self
            .accounts
            .entry(features.account.id.clone())
            .or_insert_with(|| AccountStats {
                label: label.clone(),
                ..AccountStats::default()
            });
        account.requests += 1;
        if action.enforces() && account.first_enforced.is_none() {
            account.first_enforced = Some(account.requests);
        }
        account.challenged |= action >= Action::Challenge;
    }

    /// Computes the report.
    pub fn report(&self) -> Report {
        let mut labels: BTreeMap<String, LabelStats> = self
            .labels
            .iter()
            .map(|(label, (requests, enforced))| {
                (
                    label.clone(),
                    LabelStats {
                        requests: *requests,
                        enforced: *enforced,
                        ..LabelStats::default()
                    },
                )
            })
            .collect();
        let mut firsts: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for account in self.accounts.values() {
            if let Some(stats) = labels.get_mut(&account.label) {
                stats.accounts += 1;
                stats.accounts_challenged += u64::from(account.challenged);
                if let Some(first) = account.first_enforced {
                    stats.accounts_enforced += 1;
                    firsts.entry(&account.label).or_default().push(first);
                }
            }
        }
        for (label, mut values) in firsts {
            values.sort_unstable();
            let n = values.len();
            let median = if n % 2 == 1 {
                f64::from(values[n / 2])
            } else {
                (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0
            };
            if let Some(stats) = labels.get_mut(label) {
                stats.median_requests_to_enforcement = Some(median);
            }
        }
        let side = |positive: bool| {
            let chosen: Vec<&LabelStats> = labels
                .iter()
                .filter(|(l, _)| Features::label_is_positive(l) == positive)
                .map(|(_, s)| s)
                .collect();
            if chosen.is_empty() {
                return None;
            }
            let sum = |f: fn(&LabelStats) -> u64| chosen.iter().map(|s| f(s)).sum::<u64>();
            let (requests, accounts) = (sum(|s| s.requests), sum(|s| s.accounts));
            Some(Rates {
                requests,
                request_rate: ratio(sum(|s| s.enforced), requests),
                accounts,
                account_rate: ratio(sum(|s| s.accounts_enforced), accounts),
            })
        };
        Report {
            decided: self.decided,
            errors: self.errors,
            actions: Action::ALL
                .iter()
                .map(|a| (a.as_str(), self.actions[*a as usize]))
                .collect(),
            positive: side(true),
            negative: side(false),
            detector_failures: self.failures.clone(),
            labels,
        }
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "decisions: {} (bad lines: {})",
            self.decided, self.errors
        )?;
        let actions: Vec<String> = self
            .actions
            .iter()
            .map(|(a, n)| format!("{a} {n}"))
            .collect();
        writeln!(f, "actions:   {}", actions.join(" · "))?;
        for (plugin, counts) in &self.detector_failures {
            let counts: Vec<String> = counts.iter().map(|(s, n)| format!("{s} {n}")).collect();
            writeln!(
                f,
                "failures:  {plugin}: {} (its on_failure outcome applied)",
                counts.join(", ")
            )?;
        }
        if self.labels.is_empty() {
            return Ok(());
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<30} {:>9} {:>9} {:>8} {:>9} {:>9} {:>8} {:>10} {:>12}",
            "label",
            "requests",
            "enforced",
            "rate",
            "accounts",
            "enforced",
            "rate",
            "chal/block",
            "median to 1st"
        )?;
        for (label, s) in &self.labels {
            writeln!(
                f,
                "{:<30} {:>9} {:>9} {:>7.2}% {:>9} {:>9} {:>7.2}% {:>10} {:>12}",
                label,
                s.requests,
                s.enforced,
                100.0 * ratio(s.enforced, s.requests),
                s.accounts,
                s.accounts_enforced,
                100.0 * ratio(s.accounts_enforced, s.accounts),
                s.accounts_challenged,
                s.median_requests_to_enforcement
                    .map_or("-".to_string(), |m| format!("{m}")),
            )?;
        }
        writeln!(f)?;
        if let Some(p) = &self.positive {
            writeln!(
                f,
                "campaign (positive): request recall {:.2}% of {}, account recall {:.2}% of {}",
                100.0 * p.request_rate,
                p.requests,
                100.0 * p.account_rate,
                p.accounts
            )?;
        }
        if let Some(n) = &self.negative {
            writeln!(
                f,
                "benign (negative):   request FPR {:.3}% of {}, account FPR {:.3}% of {}",
                100.0 * n.request_rate,
                n.requests,
                100.0 * n.account_rate,
                n.accounts
            )?;
        }
        writeln!(f, "(enforced = throttle or stronger)")
    }
}
