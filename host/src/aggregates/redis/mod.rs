//! Aggregates shared across nodes on Redis (`[aggregates] store = "redis"`).
//!
//! The request path never waits on Redis: each plugin's store keeps its
//! local view and records what changed ([`super::delta`]); a background
//! task ([`sync`]) pushes the changes every `sync_interval_ms` in one
//! pipelined batch and merges the global values back. A node's view of a
//! key it uses therefore lags the others' changes by at most
//! [`SyncStatus::staleness_bound_ms`] while Redis answers; while it does
//! not, every request is decided from local state, changes wait (capped,
//! drops counted), and the connection is re-established on its own.
//! Key layout and TTLs: [`keys`].

pub mod config;
pub mod keys;
mod sync;

pub use config::{AggregatesConfig, StoreKind, redact};

use super::AggregateRegistry;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Why the shared store could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error(
        "aggregates.password_file {path}: {source}; give a readable file whose first line is the password"
    )]
    PasswordFile {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("aggregates.url {url}: {message}")]
    Url { url: String, message: String },
    #[error("starting the aggregates sync thread: {0}")]
    Thread(#[source] std::io::Error),
}

/// What `/v1/status`, `/readyz` and `/metrics` show of the sync.
pub struct SyncStatus {
    url: String,
    interval_ms: u64,
    timeout_ms: u64,
    started: Instant,
    /// Milliseconds after `started` of the last good sync (`u64::MAX`: none).
    last_ok: AtomicU64,
    errors_in_a_row: AtomicU64,
    last_error: Mutex<Option<String>>,
    /// Keys that failed alone (a command refused, a value Palisade did not
    /// write), and the latest such report.
    key_errors: Counter,
    last_key_error: Mutex<Option<String>>,
    syncs: Counter,
    errors: Counter,
    dropped: Counter,
    pending: Gauge,
    last_sync_ms: Gauge,
}

impl SyncStatus {
    fn new(config: &AggregatesConfig) -> SyncStatus {
        SyncStatus {
            url: redact(config.url.as_deref().unwrap_or("")),
            interval_ms: config.sync_interval_ms,
            timeout_ms: config.timeout_ms,
            started: Instant::now(),
            last_ok: AtomicU64::new(u64::MAX),
            errors_in_a_row: AtomicU64::new(0),
            last_error: Mutex::new(None),
            key_errors: Counter::default(),
            last_key_error: Mutex::new(None),
            syncs: Counter::default(),
            errors: Counter::default(),
            dropped: Counter::default(),
            pending: Gauge::default(),
            last_sync_ms: Gauge::default(),
        }
    }

    /// How far behind the other nodes this node's view of a key it uses
    /// can be while Redis answers: their change waits up to one interval
    /// to be pushed, ours up to one more to be read back, each batch taking
    /// up to the timeout.
    pub fn staleness_bound_ms(&self) -> u64 {
        2 * (self.interval_ms + self.timeout_ms)
    }

    /// Milliseconds since the last good sync, if there was one.
    pub fn last_sync_age_ms(&self) -> Option<u64> {
        let at = self.last_ok.load(Ordering::Relaxed);
        (at != u64::MAX).then(|| (self.started.elapsed().as_millis() as u64).saturating_sub(at))
    }

    /// `ok` while syncs succeed, `degraded` otherwise (decisions go on
    /// from local state either way).
    pub fn state(&self) -> &'static str {
        let fresh = self
            .last_sync_age_ms()
            .is_some_and(|age| age <= self.staleness_bound_ms() + self.interval_ms);
        if fresh && self.errors_in_a_row.load(Ordering::Relaxed) == 0 {
            "ok"
        } else {
            "degraded"
        }
    }

    fn ok(&self, took: Duration) {
        self.last_ok
            .store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
        self.errors_in_a_row.store(0, Ordering::Relaxed);
        self.syncs.inc();
        self.last_sync_ms.set(took.as_millis() as i64);
    }

    fn error(&self, message: &str) {
        self.errors_in_a_row.fetch_add(1, Ordering::Relaxed);
        self.errors.inc();
        *self.last_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(message.to_string());
    }

    fn key_errors(&self, n: u64, message: &str) {
        self.key_errors.inc_by(n);
        *self
            .last_key_error
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(message.to_string());
    }

    fn add_dropped(&self, n: u64) {
        if n > 0 {
            self.dropped.inc_by(n);
        }
    }

    fn set_pending(&self, units: usize) {
        self.pending.set(i64::try_from(units).unwrap_or(i64::MAX));
    }

    /// The `aggregates` object of `/v1/status`.
    pub fn to_json(&self) -> Value {
        json!({
            "store": "redis",
            "url": self.url,
            "state": self.state(),
            "sync_interval_ms": self.interval_ms,
            "timeout_ms": self.timeout_ms,
            "staleness_bound_ms": self.staleness_bound_ms(),
            "last_sync_age_ms": self.last_sync_age_ms(),
            "syncs": self.syncs.get(),
            "sync_errors": self.errors.get(),
            "errors_in_a_row": self.errors_in_a_row.load(Ordering::Relaxed),
            "last_error": *self.last_error.lock().unwrap_or_else(|p| p.into_inner()),
            "key_errors": self.key_errors.get(),
            "last_key_error": *self.last_key_error.lock().unwrap_or_else(|p| p.into_inner()),
            "pending_deltas": self.pending.get(),
            "dropped_deltas": self.dropped.get(),
        })
    }

    /// The `aggregates` object of `/readyz` (a node with Redis down is
    /// still ready: degraded, deciding from local state).
    pub fn readiness(&self) -> Value {
        json!({
            "store": "redis",
            "state": self.state(),
            "last_sync_age_ms": self.last_sync_age_ms(),
            "staleness_bound_ms": self.staleness_bound_ms(),
        })
    }

    /// Adds the sync's metrics to `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "palisade_aggregates_syncs",
            "Aggregate syncs with Redis that succeeded",
            self.syncs.clone(),
        );
        registry.register(
            "palisade_aggregates_sync_errors",
            "Aggregate syncs with Redis that failed or timed out (decisions went on from local state)",
            self.errors.clone(),
        );
        registry.register(
            "palisade_aggregates_key_errors",
            "Keys that failed alone in a sync: a command Redis refused (a key of the wrong type) or a value Palisade did not write; the rest of the sync was applied",
            self.key_errors.clone(),
        );
        registry.register(
            "palisade_aggregates_dropped_deltas",
            "Aggregate changes not shared because max_pending_deltas was reached",
            self.dropped.clone(),
        );
        registry.register(
            "palisade_aggregates_pending_deltas",
            "Aggregate changes waiting for the next sync",
            self.pending.clone(),
        );
        registry.register(
            "palisade_aggregates_last_sync_duration_ms",
            "How long the last good sync batch took, milliseconds",
            self.last_sync_ms.clone(),
        );
    }
}

/// Shares `registry`'s stores through the Redis of `config`: makes every
/// store record its changes and starts the sync task on a thread of its
/// own (a small runtime, apart from the serving ones). Returns at once,
/// Redis up or not; the first connection is made by the first sync.
pub fn start(
    config: &AggregatesConfig,
    registry: &AggregateRegistry,
) -> Result<Arc<SyncStatus>, SetupError> {
    let url = config.url.clone().unwrap_or_default();
    let bad_url = |message: String| SetupError::Url {
        url: redact(&url),
        message,
    };
    let mut info = ::redis::IntoConnectionInfo::into_connection_info(url.as_str())
        .map_err(|e| bad_url(e.to_string()))?;
    if let Some(path) = &config.password_file {
        let text = std::fs::read_to_string(path).map_err(|source| SetupError::PasswordFile {
            path: path.display().to_string(),
            source,
        })?;
        let password = text.lines().next().unwrap_or("").trim_end();
        let settings = info.redis_settings().clone().set_password(password);
        info = info.set_redis_settings(settings);
    }
    let client = ::redis::Client::open(info).map_err(|e| bad_url(e.to_string()))?;
    let status = Arc::new(SyncStatus::new(config));
    registry.enable_sync(config.max_pending_deltas);
    let timeout = Duration::from_millis(config.timeout_ms);
    let manager_config = ::redis::aio::ConnectionManagerConfig::new()
        .set_connection_timeout(Some(timeout))
        .set_response_timeout(Some(timeout))
        .set_number_of_retries(1)
        .set_max_delay(Duration::from_millis(config.sync_interval_ms.max(100)));
    let (registry, config, task_status) = (registry.clone(), config.clone(), status.clone());
    std::thread::Builder::new()
        .name("palisade-aggregates-sync".to_string())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    tracing::error!(error = %e, "aggregates: no runtime for the Redis sync; aggregates stay local");
                    return;
                }
            };
            runtime.block_on(async move {
                match sync::Syncer::new(registry, (client, manager_config), &config, task_status) {
                    Ok(syncer) => syncer.run().await,
                    Err(e) => {
                        tracing::error!(error = %e, "aggregates: cannot set up the Redis connection; aggregates stay local");
                    }
                }
            });
        })
        .map_err(SetupError::Thread)?;
    Ok(status)
}
