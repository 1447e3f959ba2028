//! What a store shared with other nodes records on the request path: per
//! key, what changed since the last sync (a counter's increments per
//! bucket, a distinct set's raised registers, a key's sightings) and which
//! keys were only read. The sync task takes these, pushes them and reads
//! the global values back (`super::redis`); the request path never waits
//! for it.
//!
//! The record is capped (`max_pending_deltas`, counted in units: one
//! bucket, one register, one sighting summary): past it a change still
//! counts locally but is not shared, and is counted as dropped.

use super::{Kind, PassThrough, Seen};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// One key's change since the last sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delta {
    /// Increments per bucket index.
    Counter {
        window_ms: u64,
        buckets: Vec<(u64, u64)>,
    },
    /// Register maxima: (pane index, register, rank).
    Distinct {
        window_ms: u64,
        registers: Vec<(u64, u8, u8)>,
    },
    /// Sightings: earliest, latest, how many.
    Seen(Seen),
    /// Read, not changed: the global value is wanted all the same.
    Interest { kind: Kind, window_ms: u64 },
}

impl Delta {
    /// Which kind of aggregate the key is, and its window.
    pub fn kind(&self) -> (Kind, u64) {
        match self {
            Delta::Counter { window_ms, .. } => (Kind::Counter, *window_ms),
            Delta::Distinct { window_ms, .. } => (Kind::Distinct, *window_ms),
            Delta::Seen(_) => (Kind::Seen, 0),
            Delta::Interest { kind, window_ms } => (*kind, *window_ms),
        }
    }

    /// Units it holds against the cap.
    fn units(&self) -> usize {
        match self {
            Delta::Counter { buckets, .. } => buckets.len(),
            Delta::Distinct { registers, .. } => registers.len(),
            Delta::Seen(_) => 1,
            Delta::Interest { .. } => 0,
        }
    }
}

/// The changes of one shard since the last sync.
#[derive(Debug, Default)]
pub struct Pending {
    deltas: HashMap<u64, Delta, BuildHasherDefault<PassThrough>>,
    units: usize,
    dropped: u64,
}

/// The changes taken by one sync.
pub type Taken = Vec<(u64, Delta)>;

impl Pending {
    /// Counts `n` more in bucket `bucket` of counter `hash`.
    pub fn counter(&mut self, cap: usize, hash: u64, window_ms: u64, bucket: u64, n: u64) {
        let full = self.units >= cap;
        if full && !matches!(self.deltas.get(&hash), Some(Delta::Counter { .. })) {
            self.dropped += 1;
            return;
        }
        let delta = self.deltas.entry(hash).or_insert(Delta::Counter {
            window_ms,
            buckets: Vec::new(),
        });
        if let Delta::Interest { .. } = delta {
            *delta = Delta::Counter {
                window_ms,
                buckets: Vec::new(),
            };
        }
        let Delta::Counter { buckets, .. } = delta else {
            return;
        };
        if let Some(b) = buckets.iter_mut().find(|(idx, _)| *idx == bucket) {
            b.1 = b.1.saturating_add(n);
        } else if full {
            self.dropped += 1;
        } else {
            buckets.push((bucket, n));
            self.units += 1;
        }
    }

    /// Raises a register of distinct set `hash`.
    pub fn distinct(&mut self, cap: usize, hash: u64, window_ms: u64, point: (u64, u8, u8)) {
        let full = self.units >= cap;
        if full && !matches!(self.deltas.get(&hash), Some(Delta::Distinct { .. })) {
            self.dropped += 1;
            return;
        }
        let delta = self.deltas.entry(hash).or_insert(Delta::Distinct {
            window_ms,
            registers: Vec::new(),
        });
        if let Delta::Interest { .. } = delta {
            *delta = Delta::Distinct {
                window_ms,
                registers: Vec::new(),
            };
        }
        let Delta::Distinct { registers, .. } = delta else {
            return;
        };
        let (pane, register, rank) = point;
        if let Some(r) = registers
            .iter_mut()
            .find(|(p, reg, _)| *p == pane && *reg == register)
        {
            r.2 = r.2.max(rank);
        } else if full {
            self.dropped += 1;
        } else {
            registers.push(point);
            self.units += 1;
        }
    }

    /// Records a sighting of `hash` at `now_ms`.
    pub fn seen(&mut self, cap: usize, hash: u64, now_ms: u64) {
        let sighting = Seen {
            first_ms: now_ms,
            last_ms: now_ms,
            count: 1,
        };
        match self.deltas.get_mut(&hash) {
            Some(Delta::Seen(s)) => {
                s.first_ms = s.first_ms.min(now_ms);
                s.last_ms = s.last_ms.max(now_ms);
                s.count = s.count.saturating_add(1);
            }
            _ if self.units >= cap => self.dropped += 1,
            _ => {
                self.deltas.insert(hash, Delta::Seen(sighting));
                self.units += 1;
            }
        }
    }

    /// Notes that `hash` was read (its global value is wanted).
    pub fn interest(&mut self, cap: usize, hash: u64, kind: Kind, window_ms: u64) {
        if self.deltas.len() < cap {
            self.deltas
                .entry(hash)
                .or_insert(Delta::Interest { kind, window_ms });
        }
    }

    /// Takes every change, leaving none.
    pub fn take(&mut self) -> Taken {
        self.units = 0;
        self.deltas.drain().collect()
    }

    /// Puts back changes a failed sync took, under the cap (older changes
    /// merged with newer ones); what does not fit is dropped and counted.
    pub fn restore(&mut self, cap: usize, taken: Taken) {
        for (hash, delta) in taken {
            match delta {
                Delta::Counter { window_ms, buckets } => {
                    for (bucket, n) in buckets {
                        self.counter(cap, hash, window_ms, bucket, n);
                    }
                }
                Delta::Distinct {
                    window_ms,
                    registers,
                } => {
                    for point in registers {
                        self.distinct(cap, hash, window_ms, point);
                    }
                }
                Delta::Seen(s) => match self.deltas.get_mut(&hash) {
                    Some(Delta::Seen(now)) => {
                        now.first_ms = now.first_ms.min(s.first_ms);
                        now.last_ms = now.last_ms.max(s.last_ms);
                        now.count = now.count.saturating_add(s.count);
                    }
                    _ if self.units >= cap => self.dropped += 1,
                    _ => {
                        self.deltas.insert(hash, Delta::Seen(s));
                        self.units += 1;
                    }
                },
                Delta::Interest { kind, window_ms } => self.interest(cap, hash, kind, window_ms),
            }
        }
    }

    /// This shard's count still unsent in bucket `bucket` of `hash`.
    pub fn counter_pending(&self, hash: u64, bucket: u64) -> u64 {
        match self.deltas.get(&hash) {
            Some(Delta::Counter { buckets, .. }) => buckets
                .iter()
                .find(|(idx, _)| *idx == bucket)
                .map_or(0, |b| b.1),
            _ => 0,
        }
    }

    /// This shard's sightings of `hash` still unsent.
    pub fn seen_pending(&self, hash: u64) -> u64 {
        match self.deltas.get(&hash) {
            Some(Delta::Seen(s)) => s.count,
            _ => 0,
        }
    }

    /// Units held now.
    pub fn units(&self) -> usize {
        self.units
    }

    /// Drops counted since the last call, resetting the count.
    pub fn take_dropped(&mut self) -> u64 {
        std::mem::take(&mut self.dropped)
    }
}

/// Units a taken batch holds (what a sync pushes).
pub fn units(taken: &Taken) -> usize {
    taken.iter().map(|(_, d)| d.units()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn increments_to_one_bucket_fold_into_one_unit() {
        let mut p = Pending::default();
        for _ in 0..10 {
            p.counter(100, 7, 8_000, 3, 2);
        }
        assert_eq!(p.units(), 1);
        assert_eq!(p.counter_pending(7, 3), 20);
    }

    #[test]
    fn past_the_cap_changes_are_dropped_and_counted() {
        let mut p = Pending::default();
        for key in 0..10 {
            p.counter(4, key, 8_000, 1, 1);
            p.seen(4, 100 + key, 5);
        }
        assert_eq!(p.units(), 4);
        assert_eq!(p.take_dropped(), 16);
    }

    #[test]
    fn a_restored_batch_merges_with_newer_changes() {
        let mut p = Pending::default();
        p.counter(100, 1, 8_000, 5, 2);
        p.seen(100, 2, 10);
        p.distinct(100, 3, 8_000, (1, 4, 2));
        let taken = p.take();
        assert_eq!(units(&taken), 3);
        p.counter(100, 1, 8_000, 5, 1);
        p.seen(100, 2, 20);
        p.distinct(100, 3, 8_000, (1, 4, 5));
        p.restore(100, taken);
        assert_eq!(p.counter_pending(1, 5), 3);
        assert_eq!(p.seen_pending(2), 2);
        assert_eq!(p.units(), 3);
    }

    #[test]
    fn reads_ask_for_the_global_value_without_holding_units() {
        let mut p = Pending::default();
        p.interest(100, 9, Kind::Counter, 1_000);
        assert_eq!(p.units(), 0);
        let taken = p.take();
        assert_eq!(taken[0].1.kind(), (Kind::Counter, 1_000));
    }
}
