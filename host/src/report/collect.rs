//! What the HTML report shows, gathered while decisions stream out of an
//! evaluation: per population (the request's `label`, or `all`) the exact
//! scores and the actions, per plugin the call outcomes and latencies.
//!
//! Scores are kept as an exact count per distinct score (decisions carry
//! four decimals, more only next to a ladder step), so every threshold in
//! the sweep is counted exactly, not read off a binned histogram. Latencies
//! go into fixed log-linear buckets (at most 1/16 relative error), so
//! memory does not grow with the traffic.

use crate::decision::{Action, Decision, Status};
use crate::features::Features;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The population of unlabelled requests.
pub const UNLABELLED: &str = "all";

/// One population's decisions.
#[derive(Debug, Default, Clone)]
pub struct Population {
    pub requests: u64,
    /// Counts by action (enforce mode's action in shadow mode), weakest first.
    pub actions: [u64; 5],
    /// Requests per distinct score, keyed by the score's bits (the bits of
    /// non-negative floats sort like the floats).
    scores: BTreeMap<u64, u64>,
}

impl Population {
    /// Requests throttled or stronger.
    pub fn enforced(&self) -> u64 {
        self.actions[Action::Throttle as usize..].iter().sum()
    }

    /// Requests whose combined score is at least `threshold`: what a ladder
    /// step at `threshold` would act on.
    pub fn at_least(&self, threshold: f64) -> u64 {
        self.scores
            .range(if threshold > 0.0 { threshold } else { 0.0 }.to_bits()..)
            .map(|(_, n)| n)
            .sum()
    }

    /// Requests per score bin: `bins` equal bins over [0, 1], a score of
    /// exactly 1 in the last.
    pub fn histogram(&self, bins: usize) -> Vec<u64> {
        let mut out = vec![0; bins.max(1)];
        let last = out.len() - 1;
        for (bits, n) in &self.scores {
            let bin = (f64::from_bits(*bits) * out.len() as f64).floor();
            let bin = if bin.is_finite() && bin > 0.0 {
                (bin as usize).min(last)
            } else {
                0
            };
            out[bin] += n;
        }
        out
    }
}

/// Latency buckets: exact below 32 µs, then 16 per power of two.
const EXACT: u64 = 32;
const SUB: u32 = 16;
const BUCKETS: usize = 32 + 60 * SUB as usize;

fn bucket(micros: u64) -> usize {
    if micros < EXACT {
        return micros as usize;
    }
    let exp = 63 - micros.leading_zeros(); // ≥ 5
    let sub = (micros >> (exp - 4)) & u64::from(SUB - 1);
    (EXACT as usize + (exp as usize - 5) * SUB as usize + sub as usize).min(BUCKETS - 1)
}

/// The largest value a bucket holds.
fn bucket_top(index: usize) -> u64 {
    if index < EXACT as usize {
        return index as u64;
    }
    let exp = (index - EXACT as usize) / SUB as usize + 5;
    let sub = ((index - EXACT as usize) % SUB as usize) as u64;
    ((u64::from(SUB) + sub + 1) << (exp - 4)) - 1
}

/// One plugin's calls.
#[derive(Debug, Clone)]
pub struct Detector {
    pub name: Arc<str>,
    /// Calls by status, in [`STATUSES`] order.
    pub statuses: [u64; 6],
    latency: Vec<u64>,
    /// Calls that ran (every status but `skipped`): the latency sample.
    pub ran: u64,
}

/// Statuses in the order the report lists them.
pub const STATUSES: [Status; 6] = [
    Status::Ok,
    Status::Timeout,
    Status::Trap,
    Status::Memory,
    Status::Error,
    Status::Skipped,
];

impl Detector {
    fn new(name: Arc<str>) -> Self {
        Detector {
            name,
            statuses: [0; 6],
            latency: vec![0; BUCKETS],
            ran: 0,
        }
    }

    /// The `q` quantile (0..=1) of the calls' latency in µs, as the top of
    /// its bucket (exact below 32 µs, within 1/16 above); `None` if no
    /// call ran.
    pub fn latency_quantile(&self, q: f64) -> Option<u64> {
        if self.ran == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * self.ran as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, n) in self.latency.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(bucket_top(i));
            }
        }
        None
    }
}

/// Everything the report needs from one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Populations in the order first seen.
    pub populations: Vec<(String, Population)>,
    index: HashMap<String, usize>,
    pub detectors: Vec<Detector>,
    /// When set, every decided request's population and action, in input
    /// order: what `diff --report` pairs up between two policies.
    pub keep_actions: bool,
    pub actions: Vec<(u32, Action)>,
}

impl Figures {
    /// Records one decision.
    pub fn record(&mut self, features: &Features, decision: &Decision) {
        let name = features.label.as_deref().unwrap_or(UNLABELLED);
        let at = match self.index.get(name) {
            Some(at) => *at,
            None => {
                self.populations
                    .push((name.to_string(), Population::default()));
                self.index
                    .insert(name.to_string(), self.populations.len() - 1);
                self.populations.len() - 1
            }
        };
        let action = decision.would_action.unwrap_or(decision.action);
        if let Some((_, p)) = self.populations.get_mut(at) {
            p.requests += 1;
            p.actions[action as usize] += 1;
            // -0.0 and NaN as 0: the bits of a positive float sort like it.
            let score = if decision.score > 0.0 {
                decision.score
            } else {
                0.0
            };
            *p.scores.entry(score.to_bits()).or_default() += 1;
        }
        if self.keep_actions {
            self.actions.push((at as u32, action));
        }
        for (i, d) in decision.detectors.iter().enumerate() {
            let slot = if self.detectors.get(i).is_some_and(|x| x.name == d.name) {
                i
            } else if let Some(at) = self.detectors.iter().position(|x| x.name == d.name) {
                at
            } else {
                self.detectors.push(Detector::new(d.name.clone()));
                self.detectors.len() - 1
            };
            let Some(x) = self.detectors.get_mut(slot) else {
                continue;
            };
            let s = STATUSES.iter().position(|s| *s == d.status).unwrap_or(4);
            x.statuses[s] += 1;
            if d.status != Status::Skipped {
                x.ran += 1;
                x.latency[bucket(d.micros)] += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_buckets_hold_their_values_within_a_sixteenth() {
        for v in [0u64, 1, 31, 32, 33, 47, 100, 1000, 12_345, 10_000_000] {
            let top = bucket_top(bucket(v));
            assert!(top >= v, "{v} → {top}");
            assert!((top - v) as f64 <= v as f64 / 16.0 + 1.0, "{v} → {top}");
        }
        assert!(bucket(u64::MAX) < BUCKETS);
    }

    #[test]
    fn thresholds_count_exactly_at_the_step() {
        let mut p = Population::default();
        for s in [0.0, 0.29, 0.5, 0.5, 0.85, 1.0] {
            *p.scores.entry(f64::to_bits(s)).or_default() += 1;
        }
        assert_eq!(p.at_least(0.5), 4);
        assert_eq!(p.at_least(0.29), 5);
        assert_eq!(p.at_least(0.0), 6);
        assert_eq!(p.at_least(1.0), 1);
        assert_eq!(p.histogram(4), vec![1, 1, 2, 2]);
    }
}
