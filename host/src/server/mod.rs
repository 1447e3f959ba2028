//! `palisade serve`: the edge decision service.
//!
//! | endpoint | what it does |
//! | --- | --- |
//! | `POST /v1/decide` | request-features JSON in, decision JSON out ([`decide`]) |
//! | `POST /v1/decide/batch` | a JSON array (or JSON lines) of requests in, one answer each |
//! | `GET /v1/status` | the serving policy (`name@version`), generation, plugins and their state |
//! | `/v1/authz`, `/v1/authz/*` | the check endpoint for nginx `auth_request` and Envoy `ext_authz` ([`authz`]) |
//! | `GET /healthz`, `GET /readyz` | liveness; readiness (503 while draining) |
//! | `GET /metrics` | Prometheus / OpenMetrics text ([`metrics`]) |
//!
//! Every request takes the serving generation from the shared
//! [`ActivePolicy`] once (`current()`) and keeps it to the end, so a reload
//! that swaps the generation underneath never splits a request, and each
//! answer names the one generation that decided it.
//!
//! # Where the reload work plugs in
//! - [`AppState::with_admin`]: a router (e.g. `POST /v1/admin/reload`) merged
//!   into the app as is. It must not set a fallback (axum refuses to merge
//!   two routers that both have one); it is not behind the concurrency limit.
//! - [`AppState::with_status_extra`]: a [`StatusExtra`] adds fields to the
//!   `GET /v1/status` document (reload state, candidate-policy agreement).
//! - [`AppState::metrics`]: [`metrics::Metrics::register`] adds metrics to
//!   the same registry.
//! - SIGHUP is left alone here ([`shutdown_signal`] listens to SIGTERM and
//!   SIGINT only), for reload to bind.
//!
//! # Connections
//! Connections are accepted and served by [`accept`] (hyper's HTTP/1.1
//! connection builder, no `axum::serve`), with the caps and timeouts of
//! [`connections`]: header-read and idle timeouts, a cap on open
//! connections in all and per client address (idle ones make room), and
//! separate slots for slow request bodies.

mod accept;
pub mod authz;
mod batcher;
pub mod body_budget;
pub mod config;
pub mod connections;
pub mod decide;
pub mod decision_log;
pub mod error;
pub mod json_path;
pub mod limits;
pub mod mapping;
pub mod metrics;
mod ops;
pub mod threads;

pub use config::{ConfigError, DecideOn, LogInput, ServeConfig, Threading};
pub use error::ApiError;

use crate::active::ActivePolicy;
use crate::aggregates::redis::SyncStatus;
use crate::decision::Decision;
use crate::features::{FeatureLimits, Features};
use crate::policy::Generation;
use axum::Router;
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get, post};
use batcher::Batcher;
use body_budget::BodyBudget;
use connections::Connections;
use decision_log::{DecisionLog, Entry, LogOpenError};
use limits::Guarded;
use mapping::Mapping;
use metrics::{Endpoint, Metrics};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use tokio::sync::Semaphore;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Log(#[from] LogOpenError),
    #[error("serving: {0}")]
    Io(#[from] std::io::Error),
}

/// Adds fields to the `GET /v1/status` document.
pub trait StatusExtra: Send + Sync + 'static {
    /// Called per status request with the document built so far (keys
    /// `policy`, `generation`, `plugins`, `server`, …); add your own keys.
    fn extend(&self, status: &mut serde_json::Map<String, serde_json::Value>);
}

/// Two [`StatusExtra`]s, in order.
struct BothExtras(Arc<dyn StatusExtra>, Arc<dyn StatusExtra>);

impl StatusExtra for BothExtras {
    fn extend(&self, status: &mut serde_json::Map<String, serde_json::Value>) {
        self.0.extend(status);
        self.1.extend(status);
    }
}

/// The `aggregates` object of `/v1/status`: the store, and for Redis the
/// sync's state (see [`SyncStatus::to_json`]).
struct AggregatesStatus(Arc<OnceLock<Arc<SyncStatus>>>);

impl StatusExtra for AggregatesStatus {
    fn extend(&self, status: &mut serde_json::Map<String, serde_json::Value>) {
        let value = match self.0.get() {
            Some(sync) => sync.to_json(),
            None => serde_json::json!({ "store": "memory" }),
        };
        status.insert("aggregates".to_string(), value);
    }
}

/// Decides each request again after the live answer is built (a candidate
/// policy in shadow). Its result never changes the answer.
pub trait Shadow: Send + Sync + 'static {
    /// Called with the features decided and the live decision.
    fn shadow(&self, features: &Features, live: &Decision);
}

/// Decision ids: a per-process random-ish prefix and a counter, unique
/// across restarts with high probability and cheap to make.
pub struct DecisionIds {
    prefix: String,
    next: AtomicU64,
}

impl Default for DecisionIds {
    fn default() -> Self {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut seed = nanos.to_le_bytes().to_vec();
        seed.extend_from_slice(&std::process::id().to_le_bytes());
        let hash = xxhash_rust::xxh3::xxh3_64(&seed);
        DecisionIds {
            prefix: format!("{:012x}", hash & 0xffff_ffff_ffff),
            next: AtomicU64::new(1),
        }
    }
}

impl DecisionIds {
    pub fn next(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("{}-{n:x}", self.prefix)
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// What every handler shares.
pub(crate) struct Shared {
    pub policy: Arc<ActivePolicy>,
    pub config: ServeConfig,
    pub mapping: Mapping,
    pub feature_limits: FeatureLimits,
    pub metrics: Arc<Metrics>,
    pub log: Option<DecisionLog>,
    pub permits: Arc<Semaphore>,
    /// Batches deciding at once (`limits.max_concurrent_batches`).
    pub batches: Arc<Semaphore>,
    /// Batches waiting for their turn, and deciding.
    pub batches_waiting: prometheus_client::metrics::gauge::Gauge,
    pub batches_running: prometheus_client::metrics::gauge::Gauge,
    pub draining: AtomicBool,
    pub ids: DecisionIds,
    pub started: Instant,
    pub shadow: OnceLock<Arc<dyn Shadow>>,
    pub batcher: Arc<Batcher>,
    pub conns: Arc<Connections>,
    /// Bytes of the bodies still arriving, against `limits.max_slow_body_bytes`.
    pub slow_bytes: BodyBudget,
    /// The Redis sync's status, when aggregates are shared.
    pub aggregates: Arc<OnceLock<Arc<SyncStatus>>>,
}

/// The server's state: cheap to clone (one `Arc` plus the optional
/// extensions).
#[derive(Clone)]
pub struct AppState {
    pub(crate) shared: Arc<Shared>,
    admin: Option<Router>,
    status_extra: Option<Arc<dyn StatusExtra>>,
}

impl AppState {
    /// Validates `config`, opens the decision log, and serves decisions
    /// from whatever generation `policy` holds at each request.
    pub fn new(policy: Arc<ActivePolicy>, config: ServeConfig) -> Result<AppState, ServeError> {
        config.validate()?;
        let mapping = config.authz.compile()?;
        let metrics = Arc::new(Metrics::new());
        let log = DecisionLog::open(&config.decision_log, metrics.clone())?;
        let conns = Arc::new(Connections::new(
            config.limits.connections(connections::open_file_limit()),
        ));
        {
            let conns = conns.clone();
            metrics.register(move |registry| conns.metrics().register(registry));
        }
        let batches = match config.limits.max_concurrent_batches {
            0 => match config.server.workers {
                0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
                n => n,
            },
            n => n,
        };
        let batches_waiting = prometheus_client::metrics::gauge::Gauge::default();
        let batches_running = prometheus_client::metrics::gauge::Gauge::default();
        {
            let (waiting, running) = (batches_waiting.clone(), batches_running.clone());
            metrics.register(move |registry| {
                registry.register(
                    "palisade_batches_waiting",
                    "Batches waiting for a turn to be decided (limits.max_concurrent_batches)",
                    waiting,
                );
                registry.register(
                    "palisade_batches_running",
                    "Batches being decided on the blocking pool",
                    running,
                );
            });
        }
        let slow_bytes = BodyBudget::new(config.limits.max_slow_body_bytes);
        metrics.register(|registry| slow_bytes.register(registry));
        let aggregates: Arc<OnceLock<Arc<SyncStatus>>> = Arc::default();
        Ok(AppState {
            shared: Arc::new(Shared {
                policy,
                mapping,
                feature_limits: config.limits.features(),
                metrics,
                log,
                permits: Arc::new(Semaphore::new(config.limits.max_concurrency)),
                batches: Arc::new(Semaphore::new(batches)),
                batches_waiting,
                batches_running,
                draining: AtomicBool::new(false),
                ids: DecisionIds::default(),
                started: Instant::now(),
                shadow: OnceLock::new(),
                batcher: Arc::default(),
                conns,
                slow_bytes,
                config,
                aggregates: aggregates.clone(),
            }),
            admin: None,
            status_extra: Some(Arc::new(AggregatesStatus(aggregates))),
        })
    }

    /// Shows the Redis sync of shared aggregates in `/v1/status`, `/readyz`
    /// and `/metrics`. Set once; later calls are ignored.
    pub fn with_aggregates_sync(self, status: Arc<SyncStatus>) -> Self {
        if self.shared.aggregates.set(status.clone()).is_ok() {
            self.shared
                .metrics
                .register(move |registry| status.register(registry));
        }
        self
    }

    /// The `aggregates` object of `/readyz`.
    pub(crate) fn aggregates_readiness(&self) -> serde_json::Value {
        match self.shared.aggregates.get() {
            Some(sync) => sync.readiness(),
            None => serde_json::json!({ "store": "memory" }),
        }
    }

    /// Merges an admin router into the app (see the module docs).
    pub fn with_admin(mut self, admin: Router) -> Self {
        self.admin = Some(admin);
        self
    }

    /// Adds fields to `GET /v1/status` (see the module docs); each call
    /// adds to the ones before.
    pub fn with_status_extra(mut self, extra: Arc<dyn StatusExtra>) -> Self {
        self.status_extra = Some(match self.status_extra.take() {
            Some(before) => Arc::new(BothExtras(before, extra)),
            None => extra,
        });
        self
    }

    /// Runs `shadow` after every decision, off the answer's path (see
    /// [`Shared::conclude`]). Set once; later calls are ignored.
    pub fn with_shadow(self, shadow: Arc<dyn Shadow>) -> Self {
        let _ = self.shared.shadow.set(shadow);
        self
    }

    /// The policy the server decides with.
    pub fn policy(&self) -> &Arc<ActivePolicy> {
        &self.shared.policy
    }

    /// The metrics registry's owner.
    pub fn metrics(&self) -> &Arc<Metrics> {
        &self.shared.metrics
    }

    /// The validated configuration.
    pub fn config(&self) -> &ServeConfig {
        &self.shared.config
    }

    /// Whether a shutdown has begun (`/readyz` answers 503).
    pub fn is_draining(&self) -> bool {
        self.shared.draining.load(Ordering::Relaxed)
    }

    /// Marks the server as draining.
    pub fn start_draining(&self) {
        self.shared.draining.store(true, Ordering::Relaxed);
    }

    /// Writes out and flushes the decision log; later records are dropped.
    pub fn close_log(&self) {
        if let Some(log) = &self.shared.log {
            log.close();
        }
    }
}

impl Shared {
    pub fn body_timeout(&self) -> Duration {
        Duration::from_millis(self.config.limits.body_timeout_ms)
    }

    /// Runs one decision where `[server] decide_on` says.
    pub async fn run(
        &self,
        generation: Arc<Generation>,
        features: Features,
    ) -> Result<(Decision, Features), ApiError> {
        match self.config.server.decide_on {
            DecideOn::Batched => self
                .batcher
                .decide(generation, features)
                .await
                .ok_or_else(|| ApiError::internal("the decision batch failed")),
            DecideOn::Worker => {
                let decision = generation.decide(&features);
                Ok((decision, features))
            }
            DecideOn::BlockingPool => {
                // The pool's threads share the turns of `/v1/decide/batch`
                // (`limits.max_concurrent_batches`): unbounded, up to
                // `max_concurrency` threads deciding at once would starve
                // the workers' plugin calls past their deadlines.
                let permit =
                    self.batches.clone().acquire_owned().await.map_err(|e| {
                        ApiError::internal(format!("the decision limiter closed: {e}"))
                    })?;
                tokio::task::spawn_blocking(move || {
                    let decision = generation.decide(&features);
                    drop(permit);
                    (decision, features)
                })
                .await
                .map_err(|e| ApiError::internal(format!("the decision task failed: {e}")))
            }
        }
    }

    /// Records a decision (metrics, then the decision log) around building
    /// its response with `respond`, which sees the decision id. With a
    /// [`Shadow`] configured, the shadow decision is spawned as a task of
    /// this thread's runtime once the response is built, so it runs after
    /// the handler has handed the answer to hyper (it costs the worker CPU,
    /// not the answer latency); outside a runtime it runs inline.
    pub fn conclude<R>(
        &self,
        generation: &Generation,
        decided: Decided,
        respond: impl FnOnce(&str, &Decision) -> R,
    ) -> R {
        let Decided {
            endpoint,
            decision_id,
            decision,
            input,
            started,
        } = decided;
        self.metrics.record_decision(generation, &decision);
        let out = respond(&decision_id, &decision);
        if let (Some(shadow), Some(features)) = (self.shadow.get(), &input) {
            match tokio::runtime::Handle::try_current() {
                Ok(handle) => {
                    let (shadow, features, live) =
                        (shadow.clone(), features.clone(), decision.clone());
                    drop(handle.spawn(async move { shadow.shadow(&features, &live) }));
                }
                Err(_) => shadow.shadow(features, &decision),
            }
        }
        if let Some(log) = &self.log {
            log.submit(Entry {
                decision_id,
                endpoint,
                ts_ms: now_ms(),
                latency_us: u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
                decision,
                input,
            });
        }
        out
    }
}

/// A decision made, to be recorded and answered by [`Shared::conclude`].
pub(crate) struct Decided {
    pub endpoint: Endpoint,
    pub decision_id: String,
    pub decision: Decision,
    /// The features decided, kept for the decision log.
    pub input: Option<Features>,
    /// When the request head arrived.
    pub started: Instant,
}

/// The whole HTTP app. Tests drive it in memory with
/// `tower::ServiceExt::oneshot`.
pub fn router(state: AppState) -> Router {
    let guard = |endpoint| {
        from_fn_with_state(
            Guarded {
                state: state.clone(),
                endpoint,
            },
            limits::guard,
        )
    };
    let app = Router::new()
        .route(
            "/v1/decide",
            post(decide::decide).route_layer(guard(Endpoint::Decide)),
        )
        .route(
            "/v1/decide/batch",
            post(decide::batch).route_layer(guard(Endpoint::Batch)),
        )
        .route("/v1/authz", any(authz::authz).layer(guard(Endpoint::Authz)))
        .route(
            "/v1/authz/{*original}",
            any(authz::authz).layer(guard(Endpoint::Authz)),
        )
        .route("/v1/status", get(decide::status))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .fallback(|uri: Uri| async move { ApiError::not_found(uri.path()) })
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(state.clone());
    match state.admin {
        Some(admin) => app.merge(admin),
        None => app,
    }
}

/// How a server run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServeOutcome {
    /// Every in-flight request was answered within the drain bound.
    pub drained: bool,
}

/// Serves `state` on `listener` until `stop` is requested; then marks
/// itself not ready (`/readyz` 503), keeps serving for `[server]
/// shutdown_delay_ms` (or until a second request), stops accepting,
/// answers what is in flight for at most `[server] drain_seconds` (idle
/// keep-alive connections are closed, a request arriving on one is
/// answered with `Connection: close`), and flushes the decision log.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: Stop,
) -> Result<ServeOutcome, ServeError> {
    let handle = state.clone();
    let outcome = serve_until(listener, state, stop).await;
    handle.close_log();
    outcome
}

/// [`serve`] without closing the decision log (several of these share it
/// in [`threads::run`]).
pub(crate) async fn serve_until(
    listener: tokio::net::TcpListener,
    state: AppState,
    stop: Stop,
) -> Result<ServeOutcome, ServeError> {
    let shared = state.shared.clone();
    let drain = Duration::from_secs(shared.config.server.drain_seconds);
    let (drain_tx, drain_rx) = tokio::sync::watch::channel(false);
    let (alive_tx, mut alive_rx) = tokio::sync::mpsc::channel::<()>(1);
    let mut accepting = Box::pin(accept::accept_loop(
        &listener,
        router(state.clone()),
        shared.conns.clone(),
        drain_rx,
        alive_tx,
    ));
    tokio::select! {
        () = &mut accepting => {}
        () = stop.requested(1) => {}
    }
    state.start_draining();
    let delay = Duration::from_millis(shared.config.server.shutdown_delay_ms);
    if !delay.is_zero() {
        tracing::info!(
            delay_ms = delay.as_millis() as u64,
            "shutting down: not ready, still serving"
        );
        tokio::select! {
            () = &mut accepting => {}
            () = tokio::time::sleep(delay) => {}
            () = stop.requested(2) => tracing::info!("stop requested again: ending the delay"),
        }
    }
    tracing::info!(
        drain_seconds = drain.as_secs(),
        "shutting down: draining in-flight requests"
    );
    // Stop accepting, then shut every connection down gracefully.
    drop(accepting);
    drop(listener);
    let _ = drain_tx.send(true);
    let drained = match tokio::time::timeout(drain, alive_rx.recv()).await {
        Ok(_) => true,
        Err(_) => {
            tracing::warn!(
                in_flight = shared.metrics.in_flight().get(),
                "drain bound reached; abandoning the requests still in flight"
            );
            false
        }
    };
    Ok(ServeOutcome { drained })
}

/// Requests to stop, counted: the first starts the shutdown; a second one
/// during `[server] shutdown_delay_ms` ends the delay at once (an operator
/// pressing Ctrl-C twice). Cheap to clone; every clone sees every request.
#[derive(Clone)]
pub struct Stop {
    tx: Arc<tokio::sync::watch::Sender<u32>>,
    rx: tokio::sync::watch::Receiver<u32>,
}

impl Default for Stop {
    fn default() -> Self {
        let (tx, rx) = tokio::sync::watch::channel(0);
        Stop {
            tx: Arc::new(tx),
            rx,
        }
    }
}

impl Stop {
    /// Asks the server to stop, as one SIGTERM does.
    pub fn request(&self) {
        self.tx.send_modify(|n| *n = n.saturating_add(1));
    }

    /// Resolves once `n` stop requests have been made.
    pub async fn requested(&self, n: u32) {
        let mut rx = self.rx.clone();
        let _ = rx.wait_for(|count| *count >= n).await;
    }
}

/// Installs the SIGTERM and SIGINT handlers now, and returns the [`Stop`]
/// each of them requests. Call it inside a Tokio runtime that outlives the
/// server, before the address is announced: a signal that arrives before
/// its handler is installed kills the process without a drain. SIGHUP is
/// left for reload.
pub fn shutdown_signal() -> std::io::Result<Stop> {
    let stop = Stop::default();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        let requests = stop.clone();
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    Some(()) = term.recv() => tracing::info!("SIGTERM"),
                    Some(()) = int.recv() => tracing::info!("SIGINT"),
                    else => break,
                }
                requests.request();
            }
        });
    }
    #[cfg(not(unix))]
    {
        let requests = stop.clone();
        tokio::spawn(async move {
            while tokio::signal::ctrl_c().await.is_ok() {
                requests.request();
            }
        });
    }
    Ok(stop)
}
