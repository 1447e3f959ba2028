//! An exact, in-memory [`Aggregates`] for detector unit tests, so detector
//! logic can be tested natively without the host.
//!
//! ```
//! use palisade_sdk::testing::MemoryAggregates;
//! use palisade_sdk::Aggregates;
//!
//! let mut agg = MemoryAggregates::new();
//! agg.now_ms = 1_000;
//! assert_eq!(agg.counter_add("k", 500, 2), 2);
//! agg.now_ms = 1_600; // the first event has left the 500 ms window
//! assert_eq!(agg.counter_add("k", 500, 1), 1);
//! ```
//!
//! A detector test sets the clock per request the way the host does:
//!
//! ```ignore
//! let mut agg = MemoryAggregates::new();
//! for request in &requests {
//!     agg.now_ms = request.ts_ms;
//!     let verdict = detector.detect(request, &mut agg);
//! }
//! ```

use crate::{Aggregates, Seen};
use std::collections::{BTreeMap, BTreeSet};

/// Exact aggregates over an explicit clock: set [`MemoryAggregates::now_ms`]
/// before each call the way the host sets the request's event time.
#[derive(Debug, Default)]
pub struct MemoryAggregates {
    /// The current event time.
    pub now_ms: u64,
    counters: BTreeMap<(String, u64), Vec<(u64, u64)>>,
    distinct: BTreeMap<(String, u64), Vec<(u64, String)>>,
    seen: BTreeMap<String, Seen>,
}

impl MemoryAggregates {
    /// Empty aggregates at time zero.
    pub fn new() -> Self {
        Self::default()
    }

    fn live(&self, window_ms: u64) -> impl Fn(u64) -> bool {
        let now = self.now_ms;
        move |ts| ts.saturating_add(window_ms) > now
    }
}

impl Aggregates for MemoryAggregates {
    fn counter_add(&mut self, key: &str, window_ms: u64, n: u64) -> u64 {
        let now = self.now_ms;
        self.counters
            .entry((key.to_string(), window_ms))
            .or_default()
            .push((now, n));
        self.counter_read(key, window_ms)
    }

    fn counter_read(&mut self, key: &str, window_ms: u64) -> u64 {
        let live = self.live(window_ms);
        self.counters
            .get(&(key.to_string(), window_ms))
            .map(|events| {
                events
                    .iter()
                    .filter(|(ts, _)| live(*ts))
                    .map(|(_, n)| n)
                    .sum()
            })
            .unwrap_or(0)
    }

    fn distinct_add(&mut self, key: &str, window_ms: u64, item: &str) -> u64 {
        let now = self.now_ms;
        self.distinct
            .entry((key.to_string(), window_ms))
            .or_default()
            .push((now, item.to_string()));
        self.distinct_read(key, window_ms)
    }

    fn distinct_read(&mut self, key: &str, window_ms: u64) -> u64 {
        let live = self.live(window_ms);
        self.distinct
            .get(&(key.to_string(), window_ms))
            .map(|events| {
                events
                    .iter()
                    .filter(|(ts, _)| live(*ts))
                    .map(|(_, item)| item.as_str())
                    .collect::<BTreeSet<_>>()
                    .len() as u64
            })
            .unwrap_or(0)
    }

    fn touch(&mut self, key: &str) -> Option<Seen> {
        let now = self.now_ms;
        let before = self.seen.get(key).copied();
        let after = match before {
            Some(s) => Seen {
                first_ms: s.first_ms,
                last_ms: now.max(s.last_ms),
                count: s.count + 1,
            },
            None => Seen {
                first_ms: now,
                last_ms: now,
                count: 1,
            },
        };
        self.seen.insert(key.to_string(), after);
        before
    }

    fn peek(&mut self, key: &str) -> Option<Seen> {
        self.seen.get(key).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_forgets_events_outside_the_window() {
        let mut agg = MemoryAggregates::new();
        agg.now_ms = 1_000;
        assert_eq!(agg.counter_add("k", 500, 2), 2);
        agg.now_ms = 1_400;
        assert_eq!(agg.counter_add("k", 500, 1), 3);
        agg.now_ms = 1_600;
        assert_eq!(agg.counter_read("k", 500), 1);
    }

    #[test]
    fn touch_returns_the_state_before_the_sighting() {
        let mut agg = MemoryAggregates::new();
        agg.now_ms = 10;
        assert_eq!(agg.touch("a"), None);
        agg.now_ms = 20;
        let before = agg.touch("a").unwrap();
        assert_eq!((before.first_ms, before.last_ms, before.count), (10, 10, 1));
        assert_eq!(agg.peek("a").unwrap().count, 2);
    }

    #[test]
    fn distinct_counts_unique_items() {
        let mut agg = MemoryAggregates::new();
        for item in ["a", "b", "a", "c"] {
            agg.distinct_add("k", 1_000, item);
        }
        assert_eq!(agg.distinct_read("k", 1_000), 3);
    }
}
