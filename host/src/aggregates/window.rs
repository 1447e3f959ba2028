//! Sliding-window counters on event time, in fixed-size memory.

/// Buckets per window: the window slides in steps of `window / BUCKETS`.
pub const BUCKETS: usize = 8;

/// A bucket's width for a window: the same on every node, so buckets line
/// up when a shared backend sums them.
pub fn bucket_width(window_ms: u64) -> u64 {
    window_ms.div_ceil(BUCKETS as u64).max(1)
}

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
            width_ms: bucket_width(window_ms),
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

    /// The bucket the last add went to (the newest bucket).
    pub fn head(&self) -> u64 {
        self.head
    }

    /// Sets bucket `idx` to `n` (the global view of a shared backend); a
    /// bucket older than the window is ignored, a newer one slides it.
    pub fn set_bucket(&mut self, idx: u64, n: u64) {
        if idx.saturating_add(BUCKETS as u64) <= self.head {
            return;
        }
        let slot = &mut self.buckets[(idx % BUCKETS as u64) as usize];
        if slot.0 != u64::MAX && slot.0 > idx {
            return;
        }
        *slot = (idx, n);
        self.head = self.head.max(idx);
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
    fn set_buckets_replace_counts_and_old_ones_are_ignored() {
        let mut c = WindowCounter::new(8_000);
        c.add(10_000, 1);
        c.set_bucket(10, 5);
        c.set_bucket(9, 2);
        c.set_bucket(1, 100);
        assert_eq!(c.total(10_000), 7);
        c.set_bucket(11, 1);
        assert_eq!(c.head(), 11);
        assert_eq!(c.total(11_000), 8);
    }

    #[test]
    fn tiny_windows_still_work() {
        let mut c = WindowCounter::new(1);
        assert_eq!(c.add(1, 1), 1);
        assert_eq!(c.add(2, 1), 2);
        assert_eq!(c.total(100), 0);
    }
}
