//! Sliding-window counters on event time, in fixed-size memory.

/// Buckets per window: the window slides in steps of `window / BUCKETS`.
const BUCKETS: usize = 8;

/// A sliding-window counter: the window is cut into [`BUCKETS`] buckets kept
/// in a ring, so memory is constant and the total is exact to one bucket's
/// width. Event time never runs backwards for a counter: a late event counts
/// in the newest bucket, which keeps replays deterministic.
#[derive(Debug, Clone)]
pub struct WindowCounter {
    width_ms: u64,
    head: u64,
    buckets: [(u64, u64); BUCKETS],
}

impl WindowCounter {
    /// A counter over `window_ms` (at least one millisecond per bucket).
    pub fn new(window_ms: u64) -> Self {
        WindowCounter {
            width_ms: window_ms.div_ceil(BUCKETS as u64).max(1),
            head: 0,
            buckets: [(u64::MAX, 0); BUCKETS],
        }
    }

    fn current(&self, now_ms: u64) -> u64 {
        (now_ms / self.width_ms).max(self.head)
    }

    /// Adds `n` at `now_ms` and returns the window total.
    pub fn add(&mut self, now_ms: u64, n: u64) -> u64 {
        let cur = self.current(now_ms);
        self.head = cur;
        let slot = &mut self.buckets[(cur % BUCKETS as u64) as usize];
        if slot.0 != cur {
            *slot = (cur, 0);
        }
        slot.1 = slot.1.saturating_add(n);
        self.total(now_ms)
    }

    /// The total over the trailing window at `now_ms`.
    pub fn total(&self, now_ms: u64) -> u64 {
        let cur = self.current(now_ms);
        self.buckets
            .iter()
            .filter(|(idx, _)| *idx != u64::MAX && *idx <= cur && idx + BUCKETS as u64 > cur)
            .fold(0u64, |acc, (_, n)| acc.saturating_add(*n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_within_the_window_and_forgets_after_it() {
        let mut c = WindowCounter::new(8_000);
        assert_eq!(c.add(0, 1), 1);
        assert_eq!(c.add(3_500, 2), 3);
        assert_eq!(c.add(7_999, 1), 4);
        // 9 s later the first bucket has slid out.
        assert_eq!(c.total(9_000), 3);
        assert_eq!(c.total(20_000), 0);
    }

    #[test]
    fn late_events_count_now_and_never_rewind() {
        let mut c = WindowCounter::new(1_000);
        c.add(10_000, 1);
        assert_eq!(c.add(5_000, 1), 2);
        assert_eq!(c.total(10_500), 2);
    }

    #[test]
    fn tiny_windows_still_work() {
        let mut c = WindowCounter::new(1);
        assert_eq!(c.add(1, 1), 1);
        assert_eq!(c.add(2, 1), 2);
        assert_eq!(c.total(100), 0);
    }
}
