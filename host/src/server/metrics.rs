//! Prometheus metrics (`GET /metrics`, OpenMetrics text, which Prometheus
//! scrapes natively).
//!
//! Every plugin failure is counted with the failure outcome it produced
//! (`palisade_plugin_failures_total{on_failure="allow"}` is a fail-open),
//! so no fail-open is silent. Handles for a generation's plugins are
//! resolved once per generation and cached, so the request path does no
//! label hashing or allocation. The stateful plugins' aggregate stores
//! (bytes, keys, evictions) are read at each scrape, off the request path.

use crate::decision::{Action, Decision, Status};
use crate::policy::{Generation, PluginSlot};
use arc_swap::ArcSwapOption;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Plugin call statuses in the order metrics index them.
pub const STATUSES: [Status; 6] = [
    Status::Ok,
    Status::Timeout,
    Status::Trap,
    Status::Memory,
    Status::Error,
    Status::Skipped,
];

fn status_index(status: Status) -> usize {
    match status {
        Status::Ok => 0,
        Status::Timeout => 1,
        Status::Trap => 2,
        Status::Memory => 3,
        Status::Error => 4,
        Status::Skipped => 5,
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct DecisionLabels {
    policy: Arc<str>,
    action: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PluginLabels {
    plugin: Arc<str>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    plugin: Arc<str>,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FailureLabels {
    plugin: Arc<str>,
    status: &'static str,
    on_failure: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct EndpointLabels {
    endpoint: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    endpoint: &'static str,
    code: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ResultLabels {
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BodyLabels {
    body: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct SkewLabels {
    skew: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PolicyLabels {
    policy: Arc<str>,
}

/// 5 µs … 82 ms: plugin calls.
fn plugin_histogram() -> Histogram {
    Histogram::new(exponential_buckets(5e-6, 2.0, 15))
}

/// 50 µs … 3.3 s: whole requests, batches included.
fn request_histogram() -> Histogram {
    Histogram::new(exponential_buckets(5e-5, 2.0, 17))
}

/// One plugin's handles in one generation.
struct PluginHandles {
    duration: Histogram,
    outcomes: [Counter; 6],
    failures: [Counter; 6],
}

/// Handles for one generation, resolved once.
struct GenerationHandles {
    id: u64,
    actions: [Counter; 5],
    /// Per plugin slot, in policy order.
    plugins: Vec<PluginHandles>,
}

/// A decision endpoint, as metrics and logs name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Decide,
    Batch,
    Authz,
}

impl Endpoint {
    pub const ALL: [Endpoint; 3] = [Endpoint::Decide, Endpoint::Batch, Endpoint::Authz];

    pub fn as_str(self) -> &'static str {
        match self {
            Endpoint::Decide => "decide",
            Endpoint::Batch => "batch",
            Endpoint::Authz => "authz",
        }
    }
}

/// Every metric the server exports.
pub struct Metrics {
    registry: RwLock<Registry>,
    decisions: Family<DecisionLabels, Counter>,
    plugin_duration: Family<PluginLabels, Histogram, fn() -> Histogram>,
    plugin_outcomes: Family<OutcomeLabels, Counter>,
    plugin_failures: Family<FailureLabels, Counter>,
    http_requests: Family<HttpLabels, Counter>,
    /// `http_requests{code="200"}` per endpoint, resolved once.
    http_ok: [Counter; 3],
    request_duration: [Histogram; 3],
    in_flight: Gauge,
    log_records: Family<ResultLabels, Counter>,
    authz_bodies: Family<BodyLabels, Counter>,
    clamped: Family<SkewLabels, Counter>,
    generation: Gauge,
    policy_info: Family<PolicyLabels, Gauge>,
    /// Each stateful plugin's aggregate store, read at each scrape.
    aggregate_bytes: Family<PluginLabels, Gauge>,
    aggregate_keys: Family<PluginLabels, Gauge>,
    aggregate_evictions: Family<PluginLabels, Counter>,
    cache: ArcSwapOption<GenerationHandles>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let decisions = Family::<DecisionLabels, Counter>::default();
        registry.register(
            "palisade_decisions",
            "Decisions answered, by action returned and policy (name@version)",
            decisions.clone(),
        );
        let plugin_duration =
            Family::<PluginLabels, Histogram, fn() -> Histogram>::new_with_constructor(
                plugin_histogram as fn() -> Histogram,
            );
        registry.register(
            "palisade_plugin_duration_seconds",
            "Time in each plugin call, deadline cut-offs included",
            plugin_duration.clone(),
        );
        let plugin_outcomes = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "palisade_plugin_outcomes",
            "Plugin calls by how they ended (ok, timeout, trap, memory, error, skipped)",
            plugin_outcomes.clone(),
        );
        let plugin_failures = Family::<FailureLabels, Counter>::default();
        registry.register(
            "palisade_plugin_failures",
            "Failed plugin calls by the failure outcome applied; on_failure=\"allow\" is a fail-open",
            plugin_failures.clone(),
        );
        let http_requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "palisade_http_requests",
            "Requests to the decision endpoints by endpoint and status code (503: over the concurrency limit)",
            http_requests.clone(),
        );
        let durations =
            Family::<EndpointLabels, Histogram, fn() -> Histogram>::new_with_constructor(
                request_histogram as fn() -> Histogram,
            );
        registry.register(
            "palisade_request_duration_seconds",
            "Decision-endpoint request latency, from the request head to the response",
            durations.clone(),
        );
        let request_duration = Endpoint::ALL.map(|e| {
            durations.get_or_create_owned(&EndpointLabels {
                endpoint: e.as_str(),
            })
        });
        let http_ok = Endpoint::ALL.map(|e| {
            http_requests.get_or_create_owned(&HttpLabels {
                endpoint: e.as_str(),
                code: 200,
            })
        });
        let in_flight = Gauge::default();
        registry.register(
            "palisade_requests_in_flight",
            "Decision-endpoint requests being served",
            in_flight.clone(),
        );
        let log_records = Family::<ResultLabels, Counter>::default();
        registry.register(
            "palisade_decision_log_records",
            "Decision-log records by result (written, dropped when the queue was full, error)",
            log_records.clone(),
        );
        let authz_bodies = Family::<BodyLabels, Counter>::default();
        registry.register(
            "palisade_authz_bodies",
            "Check-endpoint bodies by use (json, absent, invalid: decided on headers alone)",
            authz_bodies.clone(),
        );
        let clamped = Family::<SkewLabels, Counter>::default();
        registry.register(
            "palisade_event_time_clamped",
            "Decide requests whose ts_ms was beyond limits.max_clock_skew_ms of the server's clock (future, past)",
            clamped.clone(),
        );
        let generation = Gauge::default();
        registry.register(
            "palisade_policy_generation",
            "The serving policy generation",
            generation.clone(),
        );
        let policy_info = Family::<PolicyLabels, Gauge>::default();
        registry.register(
            "palisade_policy",
            "The serving policy (name@version); value 1",
            policy_info.clone(),
        );
        let aggregate_bytes = Family::<PluginLabels, Gauge>::default();
        registry.register(
            "palisade_aggregate_bytes",
            "Bytes held by each stateful plugin's aggregate store (capped by the policy's [aggregates] memory_mib)",
            aggregate_bytes.clone(),
        );
        let aggregate_keys = Family::<PluginLabels, Gauge>::default();
        registry.register(
            "palisade_aggregate_keys",
            "Keys held by each stateful plugin's aggregate store",
            aggregate_keys.clone(),
        );
        let aggregate_evictions = Family::<PluginLabels, Counter>::default();
        registry.register(
            "palisade_aggregate_evictions",
            "Keys evicted from each stateful plugin's aggregate store at its memory cap (counts restart from zero)",
            aggregate_evictions.clone(),
        );
        Metrics {
            registry: RwLock::new(registry),
            aggregate_bytes,
            aggregate_keys,
            aggregate_evictions,
            decisions,
            plugin_duration,
            plugin_outcomes,
            plugin_failures,
            http_requests,
            http_ok,
            request_duration,
            in_flight,
            log_records,
            authz_bodies,
            clamped,
            generation,
            policy_info,
            cache: ArcSwapOption::empty(),
        }
    }

    /// Registers more metrics (e.g. the reload work's) in the same registry.
    pub fn register(&self, f: impl FnOnce(&mut Registry)) {
        let mut registry = self.registry.write().unwrap_or_else(|p| p.into_inner());
        f(&mut registry);
    }

    fn handles(&self, generation: &Generation) -> Arc<GenerationHandles> {
        if let Some(h) = self.cache.load_full().filter(|h| h.id == generation.id) {
            return h;
        }
        let actions = Action::ALL.map(|action| {
            self.decisions.get_or_create_owned(&DecisionLabels {
                policy: generation.label.clone(),
                action: action.as_str(),
            })
        });
        let plugins = generation
            .plugins
            .iter()
            .map(|slot| {
                let plugin = slot.name().clone();
                let on_failure = match slot {
                    PluginSlot::Active(p) => p.on_failure.as_str(),
                    PluginSlot::Disabled(_) => "none",
                };
                PluginHandles {
                    duration: self.plugin_duration.get_or_create_owned(&PluginLabels {
                        plugin: plugin.clone(),
                    }),
                    outcomes: STATUSES.map(|s| {
                        self.plugin_outcomes.get_or_create_owned(&OutcomeLabels {
                            plugin: plugin.clone(),
                            status: s.as_str(),
                        })
                    }),
                    failures: STATUSES.map(|s| {
                        if s.is_failure() {
                            self.plugin_failures.get_or_create_owned(&FailureLabels {
                                plugin: plugin.clone(),
                                status: s.as_str(),
                                on_failure,
                            })
                        } else {
                            Counter::default()
                        }
                    }),
                }
            })
            .collect();
        let handles = Arc::new(GenerationHandles {
            id: generation.id,
            actions,
            plugins,
        });
        self.cache.store(Some(handles.clone()));
        handles
    }

    /// Counts one decision and its plugin calls.
    pub fn record_decision(&self, generation: &Generation, decision: &Decision) {
        let h = self.handles(generation);
        h.actions[decision.action as usize].inc();
        for (report, plugin) in decision.detectors.iter().zip(&h.plugins) {
            let i = status_index(report.status);
            plugin.outcomes[i].inc();
            if report.status != Status::Skipped {
                plugin.duration.observe(report.micros as f64 * 1e-6);
            }
            if report.status.is_failure() {
                plugin.failures[i].inc();
            }
        }
    }

    /// Counts one answered request on a decision endpoint.
    pub fn record_request(&self, endpoint: Endpoint, code: u16, elapsed: Duration) {
        if code == 200 {
            self.http_ok[endpoint as usize].inc();
        } else {
            self.http_requests
                .get_or_create(&HttpLabels {
                    endpoint: endpoint.as_str(),
                    code,
                })
                .inc();
        }
        self.request_duration[endpoint as usize].observe(elapsed.as_secs_f64());
    }

    pub fn in_flight(&self) -> &Gauge {
        &self.in_flight
    }

    pub fn record_log(&self, result: &'static str) {
        self.log_records
            .get_or_create(&ResultLabels { result })
            .inc();
    }

    pub fn record_authz_body(&self, body: &'static str) {
        self.authz_bodies.get_or_create(&BodyLabels { body }).inc();
    }

    /// Counts one event time clamped to the server's clock.
    pub fn record_clamp(&self, skew: &'static str) {
        self.clamped.get_or_create(&SkewLabels { skew }).inc();
    }

    /// A plugin's call counts by status, for `/v1/status`.
    pub fn plugin_outcomes(&self, plugin: &Arc<str>) -> serde_json::Map<String, serde_json::Value> {
        STATUSES
            .iter()
            .filter_map(|s| {
                let n = self
                    .plugin_outcomes
                    .get(&OutcomeLabels {
                        plugin: plugin.clone(),
                        status: s.as_str(),
                    })
                    .map(|c| c.get())?;
                Some((s.as_str().to_string(), serde_json::Value::from(n)))
            })
            .collect()
    }

    /// Reads the serving plugins' aggregate stores into their metrics (a
    /// plugin no longer serving drops out of the gauges).
    fn record_aggregates(&self, current: &Generation) {
        self.aggregate_bytes.clear();
        self.aggregate_keys.clear();
        for slot in &current.plugins {
            let PluginSlot::Active(p) = slot else {
                continue;
            };
            if !p.stateful {
                continue;
            }
            let store = p.aggregates();
            let label = PluginLabels {
                plugin: p.name.clone(),
            };
            let gauge = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
            self.aggregate_bytes
                .get_or_create(&label)
                .set(gauge(store.bytes()));
            self.aggregate_keys
                .get_or_create(&label)
                .set(gauge(store.len()));
            let evictions = self.aggregate_evictions.get_or_create(&label);
            let seen = evictions.get();
            evictions.inc_by(store.evictions().saturating_sub(seen));
        }
    }

    /// The OpenMetrics text, with the policy gauges set to `current`.
    pub fn encode(&self, current: &Generation) -> Result<String, std::fmt::Error> {
        self.generation
            .set(i64::try_from(current.id).unwrap_or(i64::MAX));
        self.policy_info.clear();
        self.policy_info
            .get_or_create(&PolicyLabels {
                policy: current.label.clone(),
            })
            .set(1);
        self.record_aggregates(current);
        let registry = self.registry.read().unwrap_or_else(|p| p.into_inner());
        let mut out = String::with_capacity(8192);
        prometheus_client::encoding::text::encode(&mut out, &registry)?;
        Ok(out)
    }
}
