//! Test helpers shared by the detector crates.

use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Aggregates, Seen};

/// [`MemoryAggregates`] that counts the calls made through it, to check a
/// detector's per-request call budget.
#[derive(Debug, Default)]
pub struct Counting {
    pub inner: MemoryAggregates,
    pub calls: u32,
}

impl Aggregates for Counting {
    fn counter_add(&mut self, key: &str, window_ms: u64, n: u64) -> u64 {
        self.calls += 1;
        self.inner.counter_add(key, window_ms, n)
    }
    fn counter_read(&mut self, key: &str, window_ms: u64) -> u64 {
        self.calls += 1;
        self.inner.counter_read(key, window_ms)
    }
    fn distinct_add(&mut self, key: &str, window_ms: u64, item: &str) -> u64 {
        self.calls += 1;
        self.inner.distinct_add(key, window_ms, item)
    }
    fn distinct_read(&mut self, key: &str, window_ms: u64) -> u64 {
        self.calls += 1;
        self.inner.distinct_read(key, window_ms)
    }
    fn touch(&mut self, key: &str) -> Option<Seen> {
        self.calls += 1;
        self.inner.touch(key)
    }
    fn peek(&mut self, key: &str) -> Option<Seen> {
        self.calls += 1;
        self.inner.peek(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_call() {
        let mut agg = Counting::default();
        agg.counter_add("a", 10, 1);
        agg.distinct_read("b", 10);
        agg.touch("c");
        assert_eq!(agg.calls, 3);
    }
}
