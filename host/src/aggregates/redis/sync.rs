//! The sync task: every `sync_interval_ms`, pipelined batches (one, unless
//! the node is busy: at most [`MAX_BATCH_COMMANDS`] commands each) that push
//! each store's changes, then read back the global values of the keys this
//! node used recently (the most recent first, at most [`MAX_READ_COMMANDS`]),
//! and merge them into the local stores.
//!
//! Merging: a counter bucket becomes the global total (which already holds
//! this node's pushed increments) plus what this node counted since the
//! batch was taken; distinct registers take the maximum (HyperLogLog
//! registers merge exactly: a union, never a sum); first/last seen take the
//! earliest first, the latest last, and the global count plus this node's
//! unsent sightings.
//!
//! A failed or timed-out batch puts its changes back (under the cap) for
//! the next one, so Redis down means local-only decisions, never a wait.
//! A command Redis refuses on its own (a key of the wrong type, written by
//! something else) fails alone: the rest of its batch is applied, and the
//! refusal is counted and reported with the key (`key_errors`), as is a
//! value read back that Palisade did not write. A
//! batch that timed out after Redis applied it is pushed again: counts can
//! then run high by that batch, never low.

use super::SyncStatus;
use super::keys::{Keys, MARGIN_MS};
use crate::aggregates::delta::{Delta, Taken};
use crate::aggregates::{AggregateRegistry, AggregateStore, Kind, Seen, distinct, window};
use ::redis::aio::ConnectionManager;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A key is read back while this node used it in the last this long.
const WATCH_MS: u64 = 10_000;
/// Most keys watched (read back while used) per plugin.
const MAX_WATCHED: usize = 50_000;
/// Most read commands per sync, all plugins together (the keys used most
/// recently first): the read-back costs Redis what the traffic's key
/// count says, not more.
const MAX_READ_COMMANDS: usize = 20_000;
/// Failed syncs in a row after which the connection manager is replaced.
const RENEW_AFTER_ERRORS: u64 = 20;
/// Most commands in one pipelined batch.
const MAX_BATCH_COMMANDS: usize = 10_000;
/// At most one sync-error log line this often (the rest are counted in it).
const LOG_EVERY: Duration = Duration::from_secs(10);

struct Watched {
    kind: Kind,
    window_ms: u64,
    round: u64,
    /// The TTL this node last set on the key: the bucket or pane it set it
    /// for (a counter, a distinct set), or the sync it set it in (a seen
    /// record). Forgotten after a failed sync (Redis may have restarted).
    expired: Option<u64>,
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
    /// To make a new connection manager when the old one gives up.
    client: ::redis::Client,
    manager_config: ::redis::aio::ConnectionManagerConfig,
    errors_in_a_row: u64,
    pub prefix: String,
    pub seen_ttl_ms: u64,
    pub interval: Duration,
    pub timeout: Duration,
    pub status: Arc<SyncStatus>,
    watch: HashMap<String, HashMap<u64, Watched>>,
    round: u64,
    last_log: Option<Instant>,
    unlogged: u64,
    last_key_log: Option<Instant>,
}

impl Syncer {
    pub fn new(
        registry: AggregateRegistry,
        (client, manager_config): (::redis::Client, ::redis::aio::ConnectionManagerConfig),
        config: &super::AggregatesConfig,
        status: Arc<SyncStatus>,
    ) -> ::redis::RedisResult<Syncer> {
        let conn = ConnectionManager::new_lazy_with_config(client.clone(), manager_config.clone())?;
        Ok(Syncer {
            registry,
            conn,
            client,
            manager_config,
            errors_in_a_row: 0,
            prefix: config.prefix.clone(),
            seen_ttl_ms: config.seen_ttl_s.saturating_mul(1000),
            interval: Duration::from_millis(config.sync_interval_ms),
            timeout: Duration::from_millis(config.timeout_ms),
            status,
            watch: HashMap::new(),
            round: 0,
            last_log: None,
            unlogged: 0,
            last_key_log: None,
        })
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

    /// One sync: push every change, read back, merge (or put the changes
    /// back). Sent as pipelined batches of at most [`MAX_BATCH_COMMANDS`],
    /// pushes first, each within the timeout, so a busy node's sync never
    /// grows into one batch that cannot finish in time.
    pub async fn sync_once(&mut self) {
        self.round += 1;
        let round = self.round;
        let stores = self.registry.snapshot();
        self.watch
            .retain(|name, _| stores.iter().any(|(n, _)| n == name));
        let watch_rounds = (WATCH_MS / self.interval.as_millis().max(1) as u64).max(2);
        let mut batches = vec![Batch::default()];
        for (i, (name, store)) in stores.iter().enumerate() {
            let keys = Keys::new(&self.prefix, name);
            let watch = self.watch.entry(name.clone()).or_default();
            for (hash, change) in store.take_pending() {
                let batch = open_batch(&mut batches);
                let mut expired = watch.get(&hash).and_then(|w| w.expired);
                let ttl = Ttl {
                    seen_ms: self.seen_ttl_ms,
                    expired: &mut expired,
                    round,
                    seen_every: watch_rounds,
                };
                batch.commands += push(&mut batch.pipe, &keys, hash, &change, ttl);
                let (kind, window_ms) = change.kind();
                if watch.len() < MAX_WATCHED || watch.contains_key(&hash) {
                    watch.insert(
                        hash,
                        Watched {
                            kind,
                            window_ms,
                            round,
                            expired,
                        },
                    );
                }
                match batch.taken.last_mut() {
                    Some((s, taken)) if *s == i => taken.push((hash, change)),
                    _ => batch.taken.push((i, vec![(hash, change)])),
                }
            }
            self.status.add_dropped(store.take_dropped());
        }
        // Reads after every push, the keys used most recently first.
        batches.push(Batch::default());
        let mut read_commands = 0;
        for (i, (name, store)) in stores.iter().enumerate() {
            let keys = Keys::new(&self.prefix, name);
            let watch = self.watch.entry(name.clone()).or_default();
            watch.retain(|_, w| w.round + watch_rounds > round);
            let latest = store.latest_ms();
            if latest == 0 {
                continue;
            }
            let mut order: Vec<(&u64, &Watched)> = watch.iter().collect();
            order.sort_unstable_by_key(|(_, w)| std::cmp::Reverse(w.round));
            for (hash, w) in order {
                if read_commands >= MAX_READ_COMMANDS {
                    break;
                }
                let batch = open_batch(&mut batches);
                let (r, commands) = read(&mut batch.pipe, &keys, i, *hash, w, latest);
                batch.reads.push(r);
                batch.commands += commands;
                read_commands += commands;
            }
        }
        batches.retain(|b| b.commands > 0);
        if batches.is_empty() {
            let mut ping = Batch::default();
            ping.pipe.cmd("PING").ignore();
            ping.commands = 1;
            batches.push(ping);
        }
        let started = Instant::now();
        let mut error = None;
        for batch in batches {
            if error.is_some() {
                restore(&stores, batch.taken);
                continue;
            }
            // A command Redis refuses (a key of the wrong type) fails
            // that command only, not the whole batch: see `refused`.
            let mut pipe = batch.pipe;
            pipe.ignore_errors();
            let outcome = tokio::time::timeout(
                self.timeout,
                pipe.query_async::<Vec<::redis::Value>>(&mut self.conn),
            )
            .await;
            match outcome {
                Ok(Ok(values)) => {
                    self.refused(&pipe, &values);
                    if let Some((n, first)) = merge(&stores, &batch.reads, values) {
                        let message = format!(
                            "Redis held {n} value(s) Palisade did not write, the first for plugin {:?}'s key {first}; those keys keep their local view (does another application use the prefix {:?}?)",
                            stores
                                .get(first.store)
                                .map_or("?", |(name, _)| name.as_str()),
                            self.prefix
                        );
                        self.key_errors(n, message);
                    }
                }
                Ok(Err(e)) => {
                    error = Some(e.to_string());
                    restore(&stores, batch.taken);
                }
                Err(_) => {
                    error = Some(format!("timed out after {} ms", self.timeout.as_millis()));
                    restore(&stores, batch.taken);
                }
            }
        }
        for (_, store) in &stores {
            self.status.add_dropped(store.take_dropped());
        }
        match error {
            None => {
                self.errors_in_a_row = 0;
                self.status.ok(started.elapsed());
                if self.last_log.is_some() {
                    tracing::info!(errors = self.unlogged, "aggregates: Redis sync recovered");
                    self.unlogged = 0;
                    self.last_log = None;
                }
            }
            Some(e) => self.failed(&e),
        }
        let pending = stores.iter().map(|(_, s)| s.pending_units()).sum();
        self.status.set_pending(pending);
    }

    /// Counts and reports the commands of a batch Redis refused one by one
    /// (`WRONGTYPE`: the key holds a value of another kind, written by
    /// something else sharing the prefix). The rest of the batch was
    /// applied; a refused push's change is dropped (sent again, it would be
    /// refused again) and a refused read leaves the key's local view.
    fn refused(&mut self, pipe: &::redis::Pipeline, values: &[::redis::Value]) {
        let mut refused = values.iter().enumerate().filter_map(|(i, v)| match v {
            ::redis::Value::ServerError(e) => Some((i, e)),
            _ => None,
        });
        let Some((at, first)) = refused.next() else {
            return;
        };
        let n = 1 + refused.count() as u64;
        // Replies line up with commands: no command of a push or read batch
        // is ignored.
        let command = (values.len() == pipe.len())
            .then(|| pipe.cmd_iter().nth(at))
            .flatten()
            .map(|cmd| {
                cmd.args_iter()
                    .take(2)
                    .map(|arg| match arg {
                        ::redis::Arg::Simple(bytes) => String::from_utf8_lossy(bytes).into_owned(),
                        _ => "?".to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let message = format!(
            "Redis refused {n} command(s) of a sync, the first `{command}`: {first}; the key holds a value Palisade did not write (does another application use the prefix {:?}?): those changes are dropped, every other key syncs",
            self.prefix
        );
        self.key_errors(n, message);
    }

    /// Counts `n` keys that failed alone, and logs now and then.
    fn key_errors(&mut self, n: u64, message: String) {
        self.status.key_errors(n, &message);
        if self.last_key_log.is_none_or(|t| t.elapsed() >= LOG_EVERY) {
            tracing::warn!(
                error = message,
                "aggregates: keys in Redis Palisade cannot use"
            );
            self.last_key_log = Some(Instant::now());
        }
    }

    fn failed(&mut self, error: &str) {
        self.status.error(error);
        for w in self.watch.values_mut().flat_map(|keys| keys.values_mut()) {
            w.expired = None;
        }
        self.errors_in_a_row += 1;
        // The manager reconnects on I/O errors by itself; one whose
        // connection failed otherwise (a handshake refused, say) is
        // replaced now and then, so the node always comes back.
        if self.errors_in_a_row.is_multiple_of(RENEW_AFTER_ERRORS)
            && let Ok(conn) = ConnectionManager::new_lazy_with_config(
                self.client.clone(),
                self.manager_config.clone(),
            )
        {
            self.conn = conn;
        }
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

/// One pipelined batch: its commands, the changes it pushes (by store)
/// and what its reads are for.
#[derive(Default)]
struct Batch {
    pipe: ::redis::Pipeline,
    commands: usize,
    taken: Vec<(usize, Taken)>,
    reads: Vec<Read>,
}

/// The batch to add to: the last one, or a new one once it is full.
fn open_batch(batches: &mut Vec<Batch>) -> &mut Batch {
    if batches
        .last()
        .is_none_or(|b| b.commands >= MAX_BATCH_COMMANDS)
    {
        batches.push(Batch::default());
    }
    let last = batches.len() - 1;
    &mut batches[last]
}

/// Puts the changes of a batch that was not applied back into their stores.
fn restore(stores: &[(String, Arc<AggregateStore>)], taken: Vec<(usize, Taken)>) {
    for (i, changes) in taken {
        if let Some((_, store)) = stores.get(i) {
            store.restore_pending(changes);
        }
    }
}

/// When a push sets a key's TTL: once per bucket or pane (its TTL outlasts
/// the time it is written to), and for a seen record every `seen_every`
/// syncs (its TTL runs from the last sighting; it is at least a minute).
struct Ttl<'a> {
    seen_ms: u64,
    expired: &'a mut Option<u64>,
    round: u64,
    seen_every: u64,
}

impl Ttl<'_> {
    /// Whether bucket or pane `idx` needs its TTL set (and notes it).
    fn for_slot(&mut self, idx: u64) -> bool {
        let due = *self.expired != Some(idx);
        *self.expired = Some(self.expired.map_or(idx, |e| e.max(idx)));
        due
    }

    /// Whether a seen record needs its TTL refreshed (and notes it).
    fn for_seen(&mut self) -> bool {
        let due = self
            .expired
            .is_none_or(|at| at + self.seen_every <= self.round);
        if due {
            *self.expired = Some(self.round);
        }
        due
    }
}

/// Adds the commands that push one key's change; returns how many.
fn push(
    pipe: &mut ::redis::Pipeline,
    keys: &Keys,
    hash: u64,
    change: &Delta,
    mut expiry: Ttl<'_>,
) -> usize {
    let mut commands = 0;
    match change {
        Delta::Counter { window_ms, buckets } => {
            let ttl = window_ms + window::bucket_width(*window_ms) + MARGIN_MS;
            for (bucket, n) in buckets {
                let key = keys.counter(hash, *bucket);
                pipe.cmd("INCRBY").arg(&key).arg(*n);
                commands += 1;
                if expiry.for_slot(*bucket) {
                    pipe.cmd("PEXPIRE").arg(&key).arg(ttl);
                    commands += 1;
                }
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
                commands += 1;
                if expiry.for_slot(pane) {
                    pipe.cmd("PEXPIRE").arg(&key).arg(ttl);
                    commands += 1;
                }
            }
        }
        Delta::Seen(seen) => {
            let key = keys.seen(hash);
            pipe.cmd("ZADD")
                .arg(&key)
                .arg("LT")
                .arg(seen.first_ms)
                .arg("f");
            pipe.cmd("ZADD")
                .arg(&key)
                .arg("GT")
                .arg(seen.last_ms)
                .arg("l");
            pipe.cmd("ZINCRBY").arg(&key).arg(seen.count).arg("n");
            commands += 3;
            if expiry.for_seen() {
                pipe.cmd("PEXPIRE").arg(&key).arg(expiry.seen_ms);
                commands += 1;
            }
        }
        Delta::Interest { .. } => {}
    }
    commands
}

/// Adds the commands that read one key's global value back; returns what
/// they are for and how many there are.
fn read(
    pipe: &mut ::redis::Pipeline,
    keys: &Keys,
    store: usize,
    hash: u64,
    w: &Watched,
    latest_ms: u64,
) -> (Read, usize) {
    match w.kind {
        Kind::Counter => {
            let cur = latest_ms / window::bucket_width(w.window_ms);
            let first = cur.saturating_sub(window::BUCKETS as u64 - 1);
            let buckets: Vec<u64> = (first..=cur).collect();
            let cmd = pipe.cmd("MGET");
            for b in &buckets {
                cmd.arg(keys.counter(hash, *b));
            }
            let read = Read::Counter {
                store,
                hash,
                window_ms: w.window_ms,
                buckets,
            };
            (read, 1)
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
            let commands = panes.len();
            let read = Read::Distinct {
                store,
                hash,
                window_ms: w.window_ms,
                panes,
            };
            (read, commands)
        }
        Kind::Seen => {
            pipe.cmd("ZMSCORE")
                .arg(keys.seen(hash))
                .arg("f")
                .arg("l")
                .arg("n");
            (Read::Seen { store, hash }, 1)
        }
    }
}

/// A key whose reply could not be read, for the report.
struct BadKey {
    store: usize,
    what: &'static str,
    hash: u64,
}

impl std::fmt::Display for BadKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{:016x}", self.what, self.hash)
    }
}

/// Whether `v` is a reply Redis refused (counted by `Syncer::refused`).
fn is_refusal(v: &::redis::Value) -> bool {
    matches!(v, ::redis::Value::ServerError(_))
}

/// Merges the batch's read results (in the order of `reads`) into the
/// stores. A reply of an unexpected shape (a value Palisade did not write:
/// not a count, a register or a score) is skipped, and the key keeps its
/// local view; returns how many there were and the first.
fn merge(
    stores: &[(String, Arc<AggregateStore>)],
    reads: &[Read],
    values: Vec<::redis::Value>,
) -> Option<(u64, BadKey)> {
    let mut bad: Option<(u64, BadKey)> = None;
    let mut note = |store: usize, what: &'static str, hash: u64| match &mut bad {
        Some((n, _)) => *n += 1,
        None => bad = Some((1, BadKey { store, what, hash })),
    };
    let mut values = values.into_iter();
    for r in reads {
        match r {
            Read::Counter {
                store,
                hash,
                window_ms,
                buckets,
            } => {
                let Some(v) = values.next() else { break };
                let refused = is_refusal(&v);
                let Ok(totals) = ::redis::from_redis_value::<Vec<Option<u64>>>(v) else {
                    if !refused {
                        note(*store, "c", *hash);
                    }
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
                    let Some(v) = values.next() else { break };
                    let refused = is_refusal(&v);
                    match registers(v) {
                        Some(r) => got.push((*pane, r)),
                        None if refused => {}
                        None => note(*store, "d", *hash),
                    }
                }
                stores[*store].1.merge_distinct(*hash, *window_ms, &got);
            }
            Read::Seen { store, hash } => {
                let Some(v) = values.next() else { break };
                let refused = is_refusal(&v);
                let Ok(scores) = ::redis::from_redis_value::<Vec<Option<f64>>>(v) else {
                    if !refused {
                        note(*store, "s", *hash);
                    }
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
    bad
}

/// A pane's `ZRANGE … WITHSCORES` reply as (register, rank) pairs: a flat
/// member/score array (RESP2) or pairs (RESP3); `None` when a member is
/// not a register (or the reply not a sorted set's).
fn registers(v: ::redis::Value) -> Option<Vec<(u8, u8)>> {
    let pairs: Vec<(String, f64)> = match v {
        ::redis::Value::Array(items)
            if items.iter().all(|i| !matches!(i, ::redis::Value::Array(_))) =>
        {
            if items.len() % 2 != 0 {
                return None;
            }
            items
                .chunks_exact(2)
                .map(|pair| {
                    let member = ::redis::from_redis_value_ref::<String>(&pair[0]).ok()?;
                    let score = ::redis::from_redis_value_ref::<f64>(&pair[1]).ok()?;
                    Some((member, score))
                })
                .collect::<Option<_>>()?
        }
        other => ::redis::from_redis_value::<Vec<(String, f64)>>(other).ok()?,
    };
    pairs
        .into_iter()
        .map(|(member, score)| {
            let register = member.parse::<u8>().ok()?;
            let rank = score.clamp(0.0, 64.0) as u8;
            Some((register, rank))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ttl(expired: &mut Option<u64>, round: u64) -> Ttl<'_> {
        Ttl {
            seen_ms: 60_000,
            expired,
            round,
            seen_every: 40,
        }
    }

    #[test]
    fn a_buckets_ttl_is_set_once_and_a_new_buckets_again() {
        let mut expired = None;
        assert!(ttl(&mut expired, 1).for_slot(7));
        assert!(!ttl(&mut expired, 2).for_slot(7));
        assert!(ttl(&mut expired, 3).for_slot(8));
        // A late write to an older bucket sets its TTL too.
        assert!(ttl(&mut expired, 4).for_slot(6));
        assert_eq!(expired, Some(8));
    }

    #[test]
    fn a_seen_records_ttl_is_refreshed_now_and_then() {
        let mut expired = None;
        assert!(ttl(&mut expired, 1).for_seen());
        assert!(!ttl(&mut expired, 40).for_seen());
        assert!(ttl(&mut expired, 41).for_seen());
    }

    #[test]
    fn every_push_command_is_counted() {
        let keys = Keys::new("p", "x");
        let mut pipe = ::redis::pipe();
        let mut expired = None;
        let change = Delta::Counter {
            window_ms: 8_000,
            buckets: vec![(1, 2), (2, 1)],
        };
        assert_eq!(push(&mut pipe, &keys, 1, &change, ttl(&mut expired, 1)), 4);
        let change = Delta::Counter {
            window_ms: 8_000,
            buckets: vec![(2, 1)],
        };
        assert_eq!(push(&mut pipe, &keys, 1, &change, ttl(&mut expired, 2)), 1);
        let seen = Delta::Seen(Seen {
            first_ms: 1,
            last_ms: 2,
            count: 2,
        });
        assert_eq!(push(&mut pipe, &keys, 2, &seen, ttl(&mut None, 1)), 4);
        assert_eq!(pipe.len(), 9);
    }
}
