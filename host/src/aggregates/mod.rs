//! The host side of the `aggregates` WIT interface: per-plugin stores of
//! sliding-window counters, distinct sets and first/last-seen times.
//!
//! Each plugin gets its own [`AggregateStore`], which is the namespacing: a
//! plugin holds a handle to its store only, so it can never read another's
//! keys. Stores live in the [`AggregateRegistry`], outside policy
//! generations, so a reload keeps the history a detector has built up.
//!
//! Memory is capped per store, and accounted as it really is: each shard's
//! hash table by its *capacity* (entry slots of `size_of` a slot, plus the
//! index table's buckets and control bytes, allowing for the index table
//! doubling once under deletions) plus every value's heap (a sparse distinct
//! set's vector by capacity, a dense one's HyperLogLog panes, each with the
//! allocator's per-allocation overhead). Keys are 64-bit hashes held inline,
//! with no heap of their own. A table grows only if its grown size fits the
//! budget (to exactly what fits when a doubling would not); otherwise an old
//! entry is evicted to make room. Past the cap, entries are evicted by
//! sampled least-recently-seen (in event time), with a deterministic
//! sampler, so the same input replayed in the same order evicts the same
//! keys. The sampler keeps no structure of its own (it draws slot indexes).
//!
//! Shared across nodes (`[aggregates] store = "redis"` in `serve.toml`, see
//! [`redis`]), a store also records what changed per key since the last
//! sync ([`delta`]), under the shard lock it already holds; the sync task
//! pushes that and merges the global values back into the same entries.
//! The request path never waits on the network.

pub mod delta;
mod distinct;
pub mod redis;
mod window;

pub use distinct::DistinctSet;
pub use window::WindowCounter;

use delta::{Pending, Taken};
use std::sync::OnceLock;

use indexmap::IndexMap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Shards per store: enough that 2–16 workers rarely contend.
const SHARDS: usize = 16;
/// How many entries eviction samples to find an old one.
const EVICTION_SAMPLE: usize = 8;
/// Longest window a plugin may ask for (31 days); longer ones are clamped.
pub const MAX_WINDOW_MS: u64 = 31 * 24 * 3_600_000;
/// Longest key or item hashed; longer ones are hashed by their prefix.
const MAX_KEY_BYTES: usize = 1024;

/// When a key was first and last seen, and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub first_ms: u64,
    pub last_ms: u64,
    pub count: u64,
}

#[derive(Debug, Clone)]
enum Value {
    Counter(WindowCounter),
    Distinct(DistinctSet),
    Seen(Seen),
}

#[derive(Debug, Clone)]
struct Entry {
    last_ms: u64,
    value: Value,
}

impl Entry {
    /// Heap bytes the value holds beyond its table slot.
    fn heap_bytes(&self) -> usize {
        match &self.value {
            Value::Counter(_) | Value::Seen(_) => 0,
            Value::Distinct(set) => set.heap_bytes(),
        }
    }
}

/// One entry slot of a shard's table: the map's bucket (hash, key, value).
const SLOT_BYTES: usize = std::mem::size_of::<(u64, u64, Entry)>();

/// Bytes of a shard's table able to hold `capacity` entries: the entry
/// slots, and the index table (a `usize` and a control byte per bucket,
/// buckets a power of two at most 7/8 full), counted twice because
/// deletions can make it double once without the entries growing.
fn table_bytes(capacity: usize) -> usize {
    if capacity == 0 {
        return 0;
    }
    let buckets = (capacity.saturating_mul(8) / 7 + 1).next_power_of_two();
    capacity.saturating_mul(SLOT_BYTES) + 2 * (buckets * (std::mem::size_of::<usize>() + 1) + 16)
}

/// Keys are already xxh3 hashes; hashing them again is wasted work.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

#[derive(Default)]
struct Shard {
    entries: IndexMap<u64, Entry, BuildHasherDefault<PassThrough>>,
    /// Heap bytes of the values (see [`Entry::heap_bytes`]).
    heap: usize,
    sampler: u64,
    evictions: u64,
    /// Changes since the last sync (shared stores only).
    pending: Pending,
    /// The latest event time this shard has seen.
    latest_ms: u64,
}

impl Shard {
    /// Bytes held: the table by capacity, plus the values' heap.
    fn bytes(&self) -> usize {
        table_bytes(self.entries.capacity()).saturating_add(self.heap)
    }

    fn next_sample(&mut self) -> u64 {
        // xorshift64: deterministic, so replays evict the same keys.
        let mut x = self.sampler.max(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.sampler = x;
        x
    }

    /// Makes room for one new entry without the table outgrowing the
    /// budget: grows it (doubling, or to exactly what fits) if that fits,
    /// else evicts one old entry.
    fn make_room(&mut self, budget: usize, keep: u64) {
        let len = self.entries.len();
        let capacity = self.entries.capacity();
        if len < capacity {
            return;
        }
        let doubled = (capacity * 2).max(4);
        if table_bytes(doubled) + self.heap <= budget {
            // Exact: a rounded-up reservation could overshoot the budget.
            self.entries.reserve_exact(doubled - len);
            return;
        }
        let spare = budget.saturating_sub(self.heap);
        let mut fits = spare / SLOT_BYTES;
        while fits > capacity && table_bytes(fits) > spare {
            fits -= (fits - capacity).div_ceil(8);
        }
        if fits > capacity {
            self.entries.reserve_exact(fits - len);
        } else if len > 0 {
            self.evict_one(keep);
        }
    }

    fn evict_to(&mut self, budget: usize, keep: u64) {
        while self.bytes() > budget && self.entries.len() > 1 {
            if !self.evict_one(keep) {
                break;
            }
        }
    }

    /// Evicts the least recently seen of a few sampled entries (never
    /// `keep`); false if none could be.
    fn evict_one(&mut self, keep: u64) -> bool {
        let len = self.entries.len() as u64;
        if len == 0 {
            return false;
        }
        let mut victim: Option<(usize, u64)> = None;
        for _ in 0..EVICTION_SAMPLE.min(self.entries.len()) {
            let idx = (self.next_sample() % len) as usize;
            if let Some((key, entry)) = self.entries.get_index(idx)
                && *key != keep
                && victim.is_none_or(|(_, ts)| entry.last_ms < ts)
            {
                victim = Some((idx, entry.last_ms));
            }
        }
        let Some((idx, _)) = victim else { return false };
        if let Some((_, entry)) = self.entries.swap_remove_index(idx) {
            self.heap = self.heap.saturating_sub(entry.heap_bytes());
            self.evictions += 1;
        }
        true
    }
}

/// One plugin's aggregates.
pub struct AggregateStore {
    shards: Box<[Mutex<Shard>]>,
    budget_per_shard: usize,
    /// Set when the store is shared: each shard's cap on pending units.
    sync: OnceLock<usize>,
}

/// Which kind of aggregate a key is (part of its hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter = 1,
    Distinct = 2,
    Seen = 3,
}

fn key_hash(kind: Kind, window_ms: u64, key: &str) -> u64 {
    let bytes = &key.as_bytes()[..key.len().min(MAX_KEY_BYTES)];
    xxh3_64_with_seed(bytes, (kind as u64) << 56 ^ window_ms)
}

fn clamp_window(window_ms: u64) -> u64 {
    window_ms.clamp(1, MAX_WINDOW_MS)
}

impl AggregateStore {
    /// A store that holds at most about `budget_bytes` of aggregates.
    pub fn new(budget_bytes: usize) -> Self {
        AggregateStore {
            shards: (0..SHARDS)
                .map(|i| {
                    Mutex::new(Shard {
                        sampler: 0x9e37_79b9_7f4a_7c15 ^ i as u64,
                        ..Shard::default()
                    })
                })
                .collect(),
            budget_per_shard: (budget_bytes / SHARDS).max(4096),
            sync: OnceLock::new(),
        }
    }

    /// Makes this store record its changes for a sync task, at most
    /// `max_pending` units in all. Set once.
    pub fn enable_sync(&self, max_pending: usize) {
        let _ = self.sync.set(max_pending.div_ceil(SHARDS).max(1));
    }

    fn shard(&self, hash: u64) -> MutexGuard<'_, Shard> {
        let shard = &self.shards[(hash >> 60) as usize % SHARDS];
        // A panic while holding the lock cannot leave an entry half-written
        // in a way that matters for an estimate; keep serving.
        shard
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Applies `update` to the entry for `hash` (creating it with `make`),
    /// keeps the byte count right and evicts past the budget; a shared
    /// store also lets `record` note the change.
    fn update<R>(
        &self,
        hash: u64,
        now_ms: u64,
        make: impl Fn() -> Value,
        update: impl FnOnce(&mut Value) -> R,
        record: impl FnOnce(&mut Pending, usize, &Value),
    ) -> R {
        let mut shard = self.shard(hash);
        let budget = self.budget_per_shard;
        shard.latest_ms = shard.latest_ms.max(now_ms);
        // One hash probe for a key already held (the common case); its
        // entry is then reached by index.
        let (index, created) = match shard.entries.get_index_of(&hash) {
            Some(index) => (index, false),
            None => {
                shard.make_room(budget, hash);
                let entry = Entry {
                    last_ms: now_ms,
                    value: make(),
                };
                (shard.entries.insert_full(hash, entry).0, true)
            }
        };
        let (before, result, after) = {
            // Split borrows: the change is recorded from the entry in hand,
            // with no second lookup under the lock.
            let Shard {
                entries, pending, ..
            } = &mut *shard;
            let Some((_, entry)) = entries.get_index_mut(index) else {
                // Not reached: the index was found or inserted just above,
                // under the same lock. Answer as for a new key, storing
                // nothing.
                return update(&mut make());
            };
            let before = if created { 0 } else { entry.heap_bytes() };
            entry.last_ms = entry.last_ms.max(now_ms);
            let result = update(&mut entry.value);
            if let Some(&cap) = self.sync.get() {
                record(pending, cap, &entry.value);
            }
            (before, result, entry.heap_bytes())
        };
        shard.heap = shard.heap.saturating_add(after).saturating_sub(before);
        shard.evict_to(budget, hash);
        result
    }

    fn read<R>(
        &self,
        hash: u64,
        (kind, window_ms): (Kind, u64),
        read: impl FnOnce(&Value) -> R,
    ) -> Option<R> {
        let mut shard = self.shard(hash);
        if let Some(&cap) = self.sync.get() {
            shard.pending.interest(cap, hash, kind, window_ms);
        }
        shard.entries.get(&hash).map(|e| read(&e.value))
    }

    /// Adds `n` to a sliding-window counter; returns the window total.
    pub fn counter_add(&self, key: &str, window_ms: u64, n: u64, now_ms: u64) -> u64 {
        let window_ms = clamp_window(window_ms);
        let hash = key_hash(Kind::Counter, window_ms, key);
        self.update(
            hash,
            now_ms,
            || Value::Counter(WindowCounter::new(window_ms)),
            |v| match v {
                Value::Counter(c) => c.add(now_ms, n),
                _ => 0,
            },
            |pending, cap, v| {
                if let Value::Counter(c) = v {
                    pending.counter(cap, hash, window_ms, c.head(), n);
                }
            },
        )
    }

    /// Reads a sliding-window counter.
    pub fn counter_read(&self, key: &str, window_ms: u64, now_ms: u64) -> u64 {
        let window_ms = clamp_window(window_ms);
        let hash = key_hash(Kind::Counter, window_ms, key);
        self.read(hash, (Kind::Counter, window_ms), |v| match v {
            Value::Counter(c) => c.total(now_ms),
            _ => 0,
        })
        .unwrap_or(0)
    }

    /// Adds an item to a distinct set; returns the estimate.
    pub fn distinct_add(&self, key: &str, window_ms: u64, item: &str, now_ms: u64) -> u64 {
        let window_ms = clamp_window(window_ms);
        let hash = key_hash(Kind::Distinct, window_ms, key);
        let item_bytes = &item.as_bytes()[..item.len().min(MAX_KEY_BYTES)];
        let item_hash = xxh3_64_with_seed(item_bytes, 0x5eed);
        self.update(
            hash,
            now_ms,
            || Value::Distinct(DistinctSet::new(window_ms)),
            |v| match v {
                Value::Distinct(set) => set.add(now_ms, item_hash),
                _ => 0,
            },
            |pending, cap, _| {
                let (register, rank) = distinct::register_of(item_hash);
                let pane = now_ms / distinct::pane_width(window_ms);
                pending.distinct(cap, hash, window_ms, (pane, register, rank));
            },
        )
    }

    /// Reads a distinct set's estimate.
    pub fn distinct_read(&self, key: &str, window_ms: u64, now_ms: u64) -> u64 {
        let window_ms = clamp_window(window_ms);
        let hash = key_hash(Kind::Distinct, window_ms, key);
        self.read(hash, (Kind::Distinct, window_ms), |v| match v {
            Value::Distinct(set) => set.estimate(now_ms),
            _ => 0,
        })
        .unwrap_or(0)
    }

    /// Records a sighting; returns what was known before it.
    pub fn touch(&self, key: &str, now_ms: u64) -> Option<Seen> {
        let hash = key_hash(Kind::Seen, 0, key);
        self.update(
            hash,
            now_ms,
            || {
                Value::Seen(Seen {
                    first_ms: now_ms,
                    last_ms: now_ms,
                    count: 0,
                })
            },
            |v| match v {
                Value::Seen(seen) => {
                    let before = (seen.count > 0).then_some(*seen);
                    seen.last_ms = seen.last_ms.max(now_ms);
                    seen.count += 1;
                    before
                }
                _ => None,
            },
            |pending, cap, _| pending.seen(cap, hash, now_ms),
        )
    }

    /// Reads a key's sightings without recording one.
    pub fn peek(&self, key: &str) -> Option<Seen> {
        let hash = key_hash(Kind::Seen, 0, key);
        self.read(hash, (Kind::Seen, 0), |v| match v {
            Value::Seen(seen) => Some(*seen),
            _ => None,
        })
        .flatten()
    }

    /// Bytes held now: tables by capacity plus the values' heap.
    pub fn bytes(&self) -> usize {
        self.shards.iter().map(|s| lock(s).bytes()).sum()
    }

    /// The most bytes this store holds (its cap, and at least 4 KiB a
    /// shard).
    pub fn budget(&self) -> usize {
        self.budget_per_shard * SHARDS
    }

    /// Entries held now.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| lock(s).entries.len()).sum()
    }

    /// Whether the store holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Entries evicted since the store was made.
    pub fn evictions(&self) -> u64 {
        self.shards.iter().map(|s| lock(s).evictions).sum()
    }

    /// Takes every change recorded since the last call (shared stores).
    pub fn take_pending(&self) -> Taken {
        let mut all = Vec::new();
        for shard in self.shards.iter() {
            all.extend(lock(shard).pending.take());
        }
        all
    }

    /// Puts back changes a failed sync took (see [`Pending::restore`]).
    pub fn restore_pending(&self, taken: Taken) {
        let Some(&cap) = self.sync.get() else { return };
        let mut by_shard: Vec<Taken> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (hash, delta) in taken {
            by_shard[(hash >> 60) as usize % SHARDS].push((hash, delta));
        }
        for (shard, taken) in self.shards.iter().zip(by_shard) {
            if !taken.is_empty() {
                lock(shard).pending.restore(cap, taken);
            }
        }
    }

    /// Units of change waiting for the next sync.
    pub fn pending_units(&self) -> usize {
        self.shards.iter().map(|s| lock(s).pending.units()).sum()
    }

    /// Changes dropped at the pending cap since the last call.
    pub fn take_dropped(&self) -> u64 {
        self.shards
            .iter()
            .map(|s| lock(s).pending.take_dropped())
            .sum()
    }

    /// The latest event time any request brought to this store.
    pub fn latest_ms(&self) -> u64 {
        self.shards
            .iter()
            .map(|s| lock(s).latest_ms)
            .max()
            .unwrap_or(0)
    }

    /// Applies `merge` to the entry for `hash` with the shard's unsent
    /// changes at hand, creating the entry (with `make`) only if `create`.
    fn merge(
        &self,
        hash: u64,
        create: bool,
        make: impl FnOnce() -> Value,
        merge: impl FnOnce(&mut Value, &Pending),
    ) {
        let mut guard = self.shard(hash);
        let budget = self.budget_per_shard;
        if !guard.entries.contains_key(&hash) {
            if !create {
                return;
            }
            guard.make_room(budget, hash);
        }
        let shard = &mut *guard;
        let latest = shard.latest_ms;
        let (before, after) = {
            let mut created = false;
            let entry = shard.entries.entry(hash).or_insert_with(|| {
                created = true;
                Entry {
                    last_ms: latest,
                    value: make(),
                }
            });
            let before = if created { 0 } else { entry.heap_bytes() };
            merge(&mut entry.value, &shard.pending);
            (before, entry.heap_bytes())
        };
        shard.heap = shard.heap.saturating_add(after).saturating_sub(before);
        shard.evict_to(budget, hash);
    }

    /// Sets counter `hash`'s buckets to the global totals `(bucket,
    /// total)` plus what this node has counted since they were read.
    pub fn merge_counter(&self, hash: u64, window_ms: u64, totals: &[(u64, u64)]) {
        let create = totals.iter().any(|(_, n)| *n > 0);
        self.merge(
            hash,
            create,
            || Value::Counter(WindowCounter::new(window_ms)),
            |v, pending| {
                if let Value::Counter(c) = v {
                    for &(bucket, total) in totals {
                        let mine = pending.counter_pending(hash, bucket);
                        c.set_bucket(bucket, total.saturating_add(mine));
                    }
                }
            },
        );
    }

    /// Raises distinct set `hash`'s registers to the global maxima
    /// `(pane, [(register, rank)])`.
    pub fn merge_distinct(&self, hash: u64, window_ms: u64, panes: &[(u64, Vec<(u8, u8)>)]) {
        let create = panes.iter().any(|(_, r)| !r.is_empty());
        self.merge(
            hash,
            create,
            || Value::Distinct(DistinctSet::new(window_ms)),
            |v, _| {
                if let Value::Distinct(set) = v {
                    for (pane, registers) in panes.iter().filter(|(_, r)| !r.is_empty()) {
                        set.merge_registers(*pane, registers);
                    }
                }
            },
        );
    }

    /// Takes the global sightings of `hash`: earliest first, latest last,
    /// the global count plus this node's unsent sightings.
    pub fn merge_seen(&self, hash: u64, global: Seen) {
        self.merge(
            hash,
            true,
            || Value::Seen(global),
            |v, pending| {
                if let Value::Seen(seen) = v {
                    seen.first_ms = seen.first_ms.min(global.first_ms);
                    seen.last_ms = seen.last_ms.max(global.last_ms);
                    seen.count = global.count.saturating_add(pending.seen_pending(hash));
                }
            },
        );
    }
}

fn lock(shard: &Mutex<Shard>) -> MutexGuard<'_, Shard> {
    shard
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The stores of every plugin, by plugin name, kept across reloads. A
/// cheap handle: clones share the stores (the sync task holds one).
#[derive(Default, Clone)]
pub struct AggregateRegistry {
    stores: Arc<Mutex<HashMap<String, Arc<AggregateStore>>>>,
    /// Set when stores are shared: each store's cap on pending units.
    sync: Arc<OnceLock<usize>>,
}

impl AggregateRegistry {
    /// The store for `plugin`, created with `budget_bytes` if new. A changed
    /// budget takes effect for a new store only: resizing would throw away
    /// the history the reload is meant to keep.
    pub fn store(&self, plugin: &str, budget_bytes: usize) -> Arc<AggregateStore> {
        let mut stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        stores
            .entry(plugin.to_string())
            .or_insert_with(|| {
                let store = AggregateStore::new(budget_bytes);
                if let Some(&cap) = self.sync.get() {
                    store.enable_sync(cap);
                }
                Arc::new(store)
            })
            .clone()
    }

    /// Makes every store, present and future, record its changes for a
    /// sync task, at most `max_pending` units per store.
    pub fn enable_sync(&self, max_pending: usize) {
        let _ = self.sync.set(max_pending);
        let stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        for store in stores.values() {
            store.enable_sync(max_pending);
        }
    }

    /// The stores now, by plugin name.
    pub fn snapshot(&self) -> Vec<(String, Arc<AggregateStore>)> {
        let stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        stores.iter().map(|(n, s)| (n.clone(), s.clone())).collect()
    }

    /// Drops stores of plugins no live generation uses.
    pub fn retain(&self, live: &[&str]) {
        let mut stores = self.stores.lock().unwrap_or_else(|p| p.into_inner());
        stores.retain(|name, _| live.contains(&name.as_str()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_distincts_and_seen_are_separate_namespaces_by_kind() {
        let store = AggregateStore::new(1 << 20);
        assert_eq!(store.counter_add("k", 60_000, 2, 1_000), 2);
        assert_eq!(store.distinct_add("k", 60_000, "a", 1_000), 1);
        assert_eq!(store.touch("k", 1_000), None);
        assert_eq!(store.counter_read("k", 60_000, 2_000), 2);
        assert_eq!(store.distinct_read("k", 60_000, 2_000), 1);
        let seen = store.touch("k", 5_000).unwrap();
        assert_eq!((seen.first_ms, seen.last_ms, seen.count), (1_000, 1_000, 1));
        assert_eq!(store.peek("k").unwrap().last_ms, 5_000);
    }

    #[test]
    fn same_key_with_other_window_is_another_counter() {
        let store = AggregateStore::new(1 << 20);
        store.counter_add("k", 1_000, 1, 0);
        assert_eq!(store.counter_read("k", 2_000, 0), 0);
    }

    #[test]
    fn memory_stays_under_the_cap_by_evicting_old_keys() {
        let budget = 256 * 1024;
        let store = AggregateStore::new(budget);
        for i in 0..100_000u64 {
            store.counter_add(&format!("acct-{i}"), 3_600_000, 1, i);
        }
        assert!(store.bytes() <= budget, "{} bytes", store.bytes());
        assert!(store.evictions() > 0);
        // The newest keys survive.
        assert_eq!(store.counter_read("acct-99999", 3_600_000, 100_000), 1);
    }

    #[test]
    fn eviction_is_deterministic() {
        let run = || {
            let store = AggregateStore::new(64 * 1024);
            for i in 0..20_000u64 {
                store.counter_add(&format!("k{}", i % 5_000), 60_000, 1, i);
            }
            (0..5_000)
                .map(|i| store.counter_read(&format!("k{i}"), 60_000, 20_000))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn a_shared_store_records_changes_and_merges_global_values() {
        let store = AggregateStore::new(1 << 20);
        store.enable_sync(1_000);
        store.counter_add("k", 8_000, 2, 10_000);
        store.touch("s", 10_000);
        store.distinct_add("d", 8_000, "x", 10_000);
        let taken = store.take_pending();
        assert_eq!(taken.len(), 3);
        assert_eq!(delta::units(&taken), 3);
        // Counted after the batch was taken: still this node's own.
        store.counter_add("k", 8_000, 1, 10_100);
        let hash = key_hash(Kind::Counter, 8_000, "k");
        // The global total for bucket 10 (this node's 2, another's 5).
        store.merge_counter(hash, 8_000, &[(10, 7)]);
        assert_eq!(store.counter_read("k", 8_000, 10_200), 8);
        let seen = key_hash(Kind::Seen, 0, "s");
        store.merge_seen(
            seen,
            Seen {
                first_ms: 5_000,
                last_ms: 10_000,
                count: 4,
            },
        );
        assert_eq!(
            store.peek("s").map(|s| (s.first_ms, s.count)),
            Some((5_000, 4))
        );
    }

    #[test]
    fn a_failed_sync_puts_its_changes_back() {
        let store = AggregateStore::new(1 << 20);
        store.enable_sync(1_000);
        store.counter_add("k", 8_000, 2, 10_000);
        let taken = store.take_pending();
        assert_eq!(store.pending_units(), 0);
        store.restore_pending(taken);
        assert_eq!(store.pending_units(), 1);
    }

    #[test]
    fn a_memory_store_records_nothing() {
        let store = AggregateStore::new(1 << 20);
        store.counter_add("k", 8_000, 2, 10_000);
        store.counter_read("j", 8_000, 10_000);
        assert!(store.take_pending().is_empty());
    }

    #[test]
    fn registry_keeps_a_plugins_store_across_lookups() {
        let registry = AggregateRegistry::default();
        let a = registry.store("a", 1 << 20);
        a.counter_add("x", 1_000, 1, 0);
        assert_eq!(registry.store("a", 1 << 20).counter_read("x", 1_000, 0), 1);
        assert_eq!(registry.store("b", 1 << 20).counter_read("x", 1_000, 0), 0);
    }
}
