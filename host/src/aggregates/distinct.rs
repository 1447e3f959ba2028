//! Approximate distinct counts over a sliding window.
//!
//! Small sets are exact (each item's hash with its last sighting); past
//! [`SPARSE_MAX`] items the set turns into HyperLogLog sketches kept per
//! quarter-window pane, merged on read. Memory is bounded either way: at
//! most `SPARSE_MAX` pairs, or `PANES` × 256 one-byte registers.

/// Items kept exactly before switching to sketches.
const SPARSE_MAX: usize = 48;
/// Panes per window: a dense set slides in quarter-window steps.
pub const PANES: usize = 4;
/// log2 of the register count: 256 registers, about 6.5% standard error.
const PRECISION: u32 = 8;
const REGISTERS: usize = 1 << PRECISION;

/// A pane's width for a window: the same on every node, so panes line up
/// when a shared backend merges them.
pub fn pane_width(window_ms: u64) -> u64 {
    window_ms.div_ceil(PANES as u64).max(1)
}

/// Where an item's sighting lands in a sketch: (register, rank). Register
/// maxima merge exactly across nodes (a union of sets), so a shared
/// backend keeps these, never the estimates.
pub fn register_of(hash: u64) -> (u8, u8) {
    let register = (hash >> (64 - PRECISION)) as u8;
    let rank = ((hash << PRECISION) | (1 << (PRECISION - 1))).leading_zeros() as u8 + 1;
    (register, rank)
}

/// A sliding-window distinct counter keyed by item hashes.
#[derive(Debug, Clone)]
pub enum DistinctSet {
    /// Exact: (item hash, last seen).
    Sparse {
        window_ms: u64,
        items: Vec<(u64, u64)>,
    },
    /// Sketched: one HyperLogLog per pane.
    Dense(Box<Panes>),
}

/// The dense form.
#[derive(Debug, Clone)]
pub struct Panes {
    width_ms: u64,
    head: u64,
    panes: [(u64, [u8; REGISTERS]); PANES],
    /// The last estimate and the pane it was made in: valid until a
    /// register rises or the window slides. Most sightings are of items
    /// already counted, so most adds skip the 1,024-register merge.
    cached: Option<(u64, u64)>,
}

impl DistinctSet {
    /// An empty set over `window_ms`.
    pub fn new(window_ms: u64) -> Self {
        DistinctSet::Sparse {
            window_ms: window_ms.max(1),
            items: Vec::new(),
        }
    }

    /// Adds an item (by hash) at `now_ms` and returns the estimate.
    pub fn add(&mut self, now_ms: u64, item_hash: u64) -> u64 {
        match self {
            DistinctSet::Sparse { window_ms, items } => {
                let window_ms = *window_ms;
                if let Some(entry) = items.iter_mut().find(|(h, _)| *h == item_hash) {
                    entry.1 = entry.1.max(now_ms);
                } else {
                    items.push((item_hash, now_ms));
                    if items.len() > SPARSE_MAX {
                        items.retain(|(_, ts)| ts.saturating_add(window_ms) > now_ms);
                    }
                    if items.len() > SPARSE_MAX {
                        let mut panes = Panes::new(window_ms);
                        for (hash, ts) in items.iter() {
                            panes.insert(*ts, *hash);
                        }
                        *self = DistinctSet::Dense(Box::new(panes));
                    }
                }
            }
            DistinctSet::Dense(panes) => {
                panes.insert(now_ms, item_hash);
                return panes.estimate_cached(now_ms);
            }
        }
        self.estimate(now_ms)
    }

    /// Merges register maxima for pane `pane` (from other nodes) into this
    /// set, which turns into sketches if it was exact: the union of what
    /// every node saw.
    pub fn merge_registers(&mut self, pane: u64, registers: &[(u8, u8)]) {
        if let DistinctSet::Sparse { window_ms, items } = self {
            let mut panes = Panes::new(*window_ms);
            for (hash, ts) in items.iter() {
                panes.insert(*ts, *hash);
            }
            *self = DistinctSet::Dense(Box::new(panes));
        }
        if let DistinctSet::Dense(panes) = self {
            panes.merge(pane, registers);
        }
    }

    /// The estimated distinct count over the trailing window at `now_ms`.
    pub fn estimate(&self, now_ms: u64) -> u64 {
        match self {
            DistinctSet::Sparse { window_ms, items } => items
                .iter()
                .filter(|(_, ts)| ts.saturating_add(*window_ms) > now_ms)
                .count() as u64,
            DistinctSet::Dense(panes) => panes.estimate(now_ms),
        }
    }

    /// Heap bytes held beyond the set's own inline size, for the cap: the
    /// sparse vector by capacity, or the boxed panes, each with the
    /// allocator's per-allocation overhead.
    pub fn heap_bytes(&self) -> usize {
        match self {
            DistinctSet::Sparse { items, .. } if items.capacity() == 0 => 0,
            DistinctSet::Sparse { items, .. } => {
                items.capacity() * std::mem::size_of::<(u64, u64)>() + MALLOC_OVERHEAD
            }
            DistinctSet::Dense(_) => std::mem::size_of::<Panes>() + MALLOC_OVERHEAD,
        }
    }
}

/// What the allocator adds to each allocation (glibc: a 16-byte header,
/// and rounding up to 16).
const MALLOC_OVERHEAD: usize = 16;

impl Panes {
    fn new(window_ms: u64) -> Self {
        Panes {
            width_ms: pane_width(window_ms),
            head: 0,
            panes: [(u64::MAX, [0; REGISTERS]); PANES],
            cached: None,
        }
    }

    fn current(&self, now_ms: u64) -> u64 {
        (now_ms / self.width_ms).max(self.head)
    }

    fn insert(&mut self, ts_ms: u64, hash: u64) {
        let idx = ts_ms / self.width_ms;
        let cur = self.current(ts_ms);
        // Sightings older than the panes we keep are dropped; late ones
        // within them land in their own pane.
        if idx + PANES as u64 <= cur {
            return;
        }
        self.head = cur;
        let pane = &mut self.panes[(idx % PANES as u64) as usize];
        if pane.0 != idx {
            *pane = (idx, [0; REGISTERS]);
            self.cached = None;
        }
        let (register, rank) = register_of(hash);
        let register = usize::from(register);
        if rank > pane.1[register] {
            pane.1[register] = rank;
            self.cached = None;
        }
    }

    /// Raises pane `idx`'s registers to at least `registers`' ranks.
    fn merge(&mut self, idx: u64, registers: &[(u8, u8)]) {
        let cur = self.head.max(idx);
        if idx + PANES as u64 <= cur {
            return;
        }
        self.head = cur;
        let pane = &mut self.panes[(idx % PANES as u64) as usize];
        if pane.0 != idx {
            *pane = (idx, [0; REGISTERS]);
            self.cached = None;
        }
        for &(register, rank) in registers {
            let slot = &mut pane.1[usize::from(register)];
            if rank > *slot {
                *slot = rank;
                self.cached = None;
            }
        }
    }

    /// [`Panes::estimate`], remembered until it can change.
    fn estimate_cached(&mut self, now_ms: u64) -> u64 {
        let cur = self.current(now_ms);
        match self.cached {
            Some((at, estimate)) if at == cur => estimate,
            _ => {
                let estimate = self.estimate(now_ms);
                self.cached = Some((cur, estimate));
                estimate
            }
        }
    }

    fn estimate(&self, now_ms: u64) -> u64 {
        let cur = self.current(now_ms);
        let empty = [0u8; REGISTERS];
        let live = self.panes.each_ref().map(|(idx, registers)| {
            if *idx != u64::MAX && *idx <= cur && idx + PANES as u64 > cur {
                registers
            } else {
                &empty
            }
        });
        let (mut zeros, mut sum) = (0usize, 0f64);
        for i in 0..REGISTERS {
            let rank = live.iter().map(|r| r[i]).max().unwrap_or(0);
            zeros += usize::from(rank == 0);
            sum += INVERSE_POWERS[usize::from(rank).min(64)];
        }
        let m = REGISTERS as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let raw = alpha * m * m / sum;
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        estimate.round() as u64
    }
}

/// 2^-k for every possible register value: the estimate runs on every
/// `distinct-add`, so no `powi` on that path.
const INVERSE_POWERS: [f64; 65] = {
    let mut table = [0.0; 65];
    let mut k = 0;
    let mut value = 1.0;
    while k < 65 {
        table[k] = value;
        value /= 2.0;
        k += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use xxhash_rust::xxh3::xxh3_64;

    fn h(i: u64) -> u64 {
        xxh3_64(&i.to_le_bytes())
    }

    #[test]
    fn small_sets_are_exact() {
        let mut s = DistinctSet::new(1_000);
        for i in [1, 2, 3, 2, 1] {
            s.add(10, h(i));
        }
        assert_eq!(s.estimate(10), 3);
        assert_eq!(s.estimate(2_000), 0, "all sightings left the window");
    }

    #[test]
    fn large_sets_are_within_a_few_standard_errors() {
        let mut s = DistinctSet::new(60_000);
        for i in 0..10_000 {
            s.add(1_000 + i, h(i));
        }
        let est = s.estimate(11_000) as f64;
        assert!((est - 10_000.0).abs() / 10_000.0 < 0.2, "estimate {est}");
        assert!(matches!(s, DistinctSet::Dense(_)));
    }

    #[test]
    fn cached_estimates_match_fresh_ones() {
        let mut s = DistinctSet::new(8_000);
        for i in 0..5_000u64 {
            // Repeats (i % 700) keep most adds from raising a register.
            let got = s.add(1_000 + i * 3, h(i % 700));
            assert_eq!(got, s.estimate(1_000 + i * 3), "add {i}");
        }
    }

    #[test]
    fn merged_registers_give_the_union_not_the_sum() {
        let (mut a, mut b) = (DistinctSet::new(60_000), DistinctSet::new(60_000));
        for i in 0..200 {
            a.add(1_000, h(i));
        }
        for i in 100..300 {
            b.add(1_000, h(i));
        }
        // What a backend keeps of b: its registers for the pane.
        let pane = 1_000 / pane_width(60_000);
        let mut registers = [0u8; REGISTERS];
        for i in 100..300 {
            let (r, rank) = register_of(h(i));
            registers[usize::from(r)] = registers[usize::from(r)].max(rank);
        }
        let pairs: Vec<(u8, u8)> = (0..REGISTERS)
            .filter(|&r| registers[r] > 0)
            .map(|r| (r as u8, registers[r]))
            .collect();
        a.merge_registers(pane, &pairs);
        a.merge_registers(pane, &pairs);
        let est = a.estimate(1_000) as f64;
        assert!((est - 300.0).abs() / 300.0 < 0.2, "estimate {est}");
    }

    #[test]
    fn a_small_exact_set_merged_keeps_its_items() {
        let mut s = DistinctSet::new(60_000);
        for i in 0..5 {
            s.add(1_000, h(i));
        }
        s.merge_registers(1_000 / pane_width(60_000), &[]);
        assert_eq!(s.estimate(1_000), 5);
    }

    #[test]
    fn dense_sets_slide() {
        let mut s = DistinctSet::new(4_000);
        for i in 0..1_000 {
            s.add(i, h(i));
        }
        assert!(s.estimate(1_000) > 500);
        assert_eq!(s.estimate(10_000), 0);
    }
}
