//! The sync task: every `sync_interval_ms`, one pipelined batch that pushes
//! each store's changes and reads back the global values of the keys this
//! node used recently, then merges them into the local stores.
//!
//! Merging: a counter bucket becomes the global total (which already holds
//! this node's pushed increments) plus what this node counted since the
//! batch was taken; distinct registers take the maximum (HyperLogLog
//! registers merge exactly: a union, never a sum); first/last seen take the
//! earliest first, the latest last, and the global count plus this node's
//! unsent sightings.
//!
//! A failed or timed-out batch puts its changes back (under the cap) for
//! the next one, so Redis down means local-only decisions, never a wait. A
//! batch that timed out after Redis applied it is pushed again: counts can
//! then run high by that batch, never low.

use super::SyncStatus;
use super::keys::{Keys, MARGIN_MS};
use crate::aggregates::delta::{self, Delta, Taken};
use crate::aggregates::{AggregateRegistry, AggregateStore, Kind, Seen, distinct, window};
use ::redis::aio::ConnectionManager;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A key is read back while this node used it in the last this long.
const WATCH_MS: u64 = 10_000;
/// Most keys read back per plugin per sync (the most recently used win).
const MAX_WATCHED: usize = 50_000;
/// At most one sync-error log line this often (the rest are counted in it).
const LOG_EVERY: Duration = Duration::from_secs(10);

struct Watched {
    kind: Kind,
    window_ms: u64,
    round: u64,
}

/// What one read in the batch is for.
enum Read {
    /// One `MGET` of `buckets`.
    Counter {
        store: usize,
        hash: u64,
        window_ms: u64,
        buckets: Vec<u64>,
    },
    /// One `ZRANGE … WITHSCORES` per pane.
    Distinct {
        store: usize,
        hash: u64,
        window_ms: u64,
        panes: Vec<u64>,
    },
    /// One `ZMSCORE key f l n`.
    Seen { store: usize, hash: u64 },
}

/// The task's state.
pub(super) struct Syncer {
    pub registry: AggregateRegistry,
    pub conn: ConnectionManager,
    pub prefix: String,
    pub seen_ttl_ms: u64,
    pub interval: Duration,
    pub timeout: Duration,
    pub status: Arc<SyncStatus>,
    watch: HashMap<String, HashMap<u64, Watched>>,
    round: u64,
    last_log: Option<Instant>,
    unlogged: u64,
}

impl Syncer {
    pub fn new(
        registry: AggregateRegistry,
        conn: ConnectionManager,
        config: &super::AggregatesConfig,
        status: Arc<SyncStatus>,
    ) -> Syncer {
        Syncer {
            registry,
            conn,
            prefix: config.prefix.clone(),
            seen_ttl_ms: config.seen_ttl_s.saturating_mul(1000),
            interval: Duration::from_millis(config.sync_interval_ms),
            timeout: Duration::from_millis(config.timeout_ms),
            status,
            watch: HashMap::new(),
            round: 0,
            last_log: None,
            unlogged: 0,
        }
    }

    /// Syncs every interval, for ever.
    pub async fn run(mut self) {
        let mut tick = tokio::time::interval(self.interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            self.sync_once().await;
        }
    }

    /// One batch: push, read back, merge (or put the changes back).
    pub async fn sync_once(&mut self) {
        self.round += 1;
        let stores = self.registry.snapshot();
        self.watch
            .retain(|name, _| stores.iter().any(|(n, _)| n == name));
        let watch_rounds = (WATCH_MS / self.interval.as_millis().max(1) as u64).max(2);
        let mut pipe = ::redis::pipe();
        let mut reads = Vec::new();
        let mut taken: Vec<Taken> = Vec::with_capacity(stores.len());
        let mut pushed = 0usize;
        for (i, (name, store)) in stores.iter().enumerate() {
            let keys = Keys::new(&self.prefix, name);
            let changes = store.take_pending();
            pushed += delta::units(&changes);
            let watch = self.watch.entry(name.clone()).or_default();
            for (hash, change) in &changes {
                push(&mut pipe, &keys, *hash, change, self.seen_ttl_ms);
                let (kind, window_ms) = change.kind();
                if watch.len() < MAX_WATCHED || watch.contains_key(hash) {
                    watch.insert(
                        *hash,
                        Watched {
                            kind,
                            window_ms,
                            round: self.round,
                        },
                    );
                }
            }
            let round = self.round;
            watch.retain(|_, w| w.round + watch_rounds > round);
            let latest = store.latest_ms();
            if latest > 0 {
                for (hash, w) in watch.iter() {
                    reads.push(read(&mut pipe, &keys, i, *hash, w, latest));
                }
            }
            self.status.add_dropped(store.take_dropped());
            taken.push(changes);
        }
        if reads.is_empty() && pushed == 0 {
            pipe.cmd("PING");
        }
        let started = Instant::now();
        let outcome = tokio::time::timeout(
            self.timeout,
            pipe.query_async::<Vec<::redis::Value>>(&mut self.conn),
        )
        .await;
        match outcome {
            Ok(Ok(values)) => {
                merge(&stores, &reads, values);
                self.status.ok(started.elapsed());
                if self.unlogged > 0 || self.last_log.is_some() {
                    tracing::info!(errors = self.unlogged, "aggregates: Redis sync recovered");
                    self.unlogged = 0;
                    self.last_log = None;
                }
            }
            Ok(Err(e)) => self.failed(&stores, taken, &e.to_string()),
            Err(_) => self.failed(
                &stores,
                taken,
                &format!("timed out after {} ms", self.timeout.as_millis()),
            ),
        }
        let pending = stores.iter().map(|(_, s)| s.pending_units()).sum();
        self.status.set_pending(pending);
    }

    fn failed(&mut self, stores: &[(String, Arc<AggregateStore>)], taken: Vec<Taken>, error: &str) {
        for ((_, store), changes) in stores.iter().zip(taken) {
            store.restore_pending(changes);
            self.status.add_dropped(store.take_dropped());
        }
        self.status.error(error);
        if self.last_log.is_none_or(|t| t.elapsed() >= LOG_EVERY) {
            tracing::warn!(
                error,
                errors_since_last_line = self.unlogged,
                "aggregates: Redis sync failed; deciding from local state, changes kept for the next sync"
            );
            self.last_log = Some(Instant::now());
            self.unlogged = 0;
        } else {
            self.unlogged += 1;
        }
    }
}

/// Adds the commands that push one key's change.
fn push(pipe: &mut ::redis::Pipeline, keys: &Keys, hash: u64, change: &Delta, seen_ttl_ms: u64) {
    match change {
        Delta::Counter { window_ms, buckets } => {
            let ttl = window_ms + window::bucket_width(*window_ms) + MARGIN_MS;
            for (bucket, n) in buckets {
                let key = keys.counter(hash, *bucket);
                pipe.cmd("INCRBY").arg(&key).arg(*n).ignore();
                pipe.cmd("PEXPIRE").arg(&key).arg(ttl).ignore();
            }
        }
        Delta::Distinct {
            window_ms,
            registers,
        } => {
            let ttl = window_ms + distinct::pane_width(*window_ms) + MARGIN_MS;
            let mut panes: Vec<u64> = registers.iter().map(|r| r.0).collect();
            panes.sort_unstable();
            panes.dedup();
            for pane in panes {
                let key = keys.distinct(hash, pane);
                let cmd = pipe.cmd("ZADD").arg(&key).arg("GT");
                for (_, register, rank) in registers.iter().filter(|r| r.0 == pane) {
                    cmd.arg(u32::from(*rank)).arg(u32::from(*register));
                }
                cmd.ignore();
                pipe.cmd("PEXPIRE").arg(&key).arg(ttl).ignore();
            }
        }
        Delta::Seen(seen) => {
            let key = keys.seen(hash);
            pipe.cmd("ZADD")
                .arg(&key)
                .arg("LT")
                .arg(seen.first_ms)
                .arg("f")
                .ignore();
            pipe.cmd("ZADD")
                .arg(&key)
                .arg("GT")
                .arg(seen.last_ms)
                .arg("l")
                .ignore();
            pipe.cmd("ZINCRBY")
                .arg(&key)
                .arg(seen.count)
                .arg("n")
                .ignore();
            pipe.cmd("PEXPIRE").arg(&key).arg(seen_ttl_ms).ignore();
        }
        Delta::Interest { .. } => {}
    }
}

/// Adds the commands that read one key's global value back.
fn read(
    pipe: &mut ::redis::Pipeline,
    keys: &Keys,
    store: usize,
    hash: u64,
    w: &Watched,
    latest_ms: u64,
) -> Read {
    match w.kind {
        Kind::Counter => {
            let cur = latest_ms / window::bucket_width(w.window_ms);
            let first = cur.saturating_sub(window::BUCKETS as u64 - 1);
            let buckets: Vec<u64> = (first..=cur).collect();
            let cmd = pipe.cmd("MGET");
            for b in &buckets {
                cmd.arg(keys.counter(hash, *b));
            }
            Read::Counter {
                store,
                hash,
                window_ms: w.window_ms,
                buckets,
            }
        }
        Kind::Distinct => {
            let cur = latest_ms / distinct::pane_width(w.window_ms);
            let first = cur.saturating_sub(distinct::PANES as u64 - 1);
            let panes: Vec<u64> = (first..=cur).collect();
            for p in &panes {
                pipe.cmd("ZRANGE")
                    .arg(keys.distinct(hash, *p))
                    .arg(0)
                    .arg(-1)
                    .arg("WITHSCORES");
            }
            Read::Distinct {
                store,
                hash,
                window_ms: w.window_ms,
                panes,
            }
        }
        Kind::Seen => {
            pipe.cmd("ZMSCORE")
                .arg(keys.seen(hash))
                .arg("f")
                .arg("l")
                .arg("n");
            Read::Seen { store, hash }
        }
    }
}

/// Merges the batch's read results (in the order of `reads`) into the
/// stores. A reply of an unexpected shape is skipped (the key keeps its
/// local view).
fn merge(stores: &[(String, Arc<AggregateStore>)], reads: &[Read], values: Vec<::redis::Value>) {
    let mut values = values.into_iter();
    for r in reads {
        match r {
            Read::Counter {
                store,
                hash,
                window_ms,
                buckets,
            } => {
                let Some(v) = values.next() else { return };
                let Ok(totals) = ::redis::from_redis_value::<Vec<Option<u64>>>(v) else {
                    continue;
                };
                let totals: Vec<(u64, u64)> = buckets
                    .iter()
                    .zip(totals)
                    .map(|(b, n)| (*b, n.unwrap_or(0)))
                    .collect();
                stores[*store].1.merge_counter(*hash, *window_ms, &totals);
            }
            Read::Distinct {
                store,
                hash,
                window_ms,
                panes,
            } => {
                let mut got = Vec::with_capacity(panes.len());
                for pane in panes {
                    let Some(v) = values.next() else { return };
                    got.push((*pane, registers(v)));
                }
                stores[*store].1.merge_distinct(*hash, *window_ms, &got);
            }
            Read::Seen { store, hash } => {
                let Some(v) = values.next() else { return };
                let Ok(scores) = ::redis::from_redis_value::<Vec<Option<f64>>>(v) else {
                    continue;
                };
                if let [Some(first), last, count] = scores.as_slice() {
                    let first = *first as u64;
                    stores[*store].1.merge_seen(
                        *hash,
                        Seen {
                            first_ms: first,
                            last_ms: last.map_or(first, |l| l as u64),
                            count: count.map_or(0, |n| n as u64),
                        },
                    );
                }
            }
        }
    }
}

/// A pane's `ZRANGE … WITHSCORES` reply as (register, rank) pairs: a flat
/// member/score array (RESP2) or pairs (RESP3).
fn registers(v: ::redis::Value) -> Vec<(u8, u8)> {
    let pairs: Vec<(String, f64)> = match v {
        ::redis::Value::Array(items)
            if items.iter().all(|i| !matches!(i, ::redis::Value::Array(_))) =>
        {
            items
                .chunks_exact(2)
                .filter_map(|pair| {
                    let member = ::redis::from_redis_value_ref::<String>(&pair[0]).ok()?;
                    let score = ::redis::from_redis_value_ref::<f64>(&pair[1]).ok()?;
                    Some((member, score))
                })
                .collect()
        }
        other => ::redis::from_redis_value::<Vec<(String, f64)>>(other).unwrap_or_default(),
    };
    pairs
        .into_iter()
        .filter_map(|(member, score)| {
            let register = member.parse::<u8>().ok()?;
            let rank = score.clamp(0.0, 64.0) as u8;
            Some((register, rank))
        })
        .collect()
}
