//! A compiled, loaded plugin and the way a request runs through it.
//!
//! A plugin is compiled once (per engine and digest), linked once into an
//! `InstancePre`, and instantiated either per request (`isolation = "fresh"`,
//! the default: nothing a request leaves in the instance can reach another
//! request) or once per worker and reused (`isolation = "reuse"`: ~5x
//! cheaper, for plugins the operator trusts to keep no per-request state).
//! Any trap, timeout or memory-cap hit discards the instance, so a failure
//! never poisons the next request.

use super::bindings::palisade::detector::types as wit;
use super::bindings::{Plugin, PluginPre};
use super::deadline::{self, CallClock};
use super::isolation::Isolation;
use super::state::PluginState;
use super::text;
use super::wasi::WasiStop;
use crate::aggregates::AggregateStore;
use crate::decision::{Action, Status};
use crate::features::Features;
use crossbeam_queue::ArrayQueue;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::{Engine, Store, Trap};

pub use wit::Fields;

/// Most reasons one verdict may carry.
pub const MAX_REASONS: usize = 16;
/// Most tags one verdict may carry.
pub const MAX_TAGS: usize = 16;
/// Longest reason or tag kept, in bytes; longer ones are cut.
const MAX_TEXT: usize = 256;
/// Longest tail of a failed call's stdout/stderr quoted in its reason.
const MAX_OUTPUT_QUOTE: usize = 200;
/// A reused instance is retired after this many calls, bounding whatever a
/// guest allocator fragments or leaks.
const RECYCLE_AFTER: u64 = 100_000;
/// Idle reusable instances kept per plugin for the shared pool.
const IDLE_INSTANCES: usize = 64;

/// Per-plugin sandbox limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub deadline: Duration,
    pub memory_bytes: usize,
    pub stack_bytes: usize,
}

/// What a plugin says about itself.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub name: String,
    pub version: String,
    pub description: String,
    /// Fields the plugin declared it reads.
    pub reads: Fields,
    /// Whether it declared it uses aggregates.
    pub uses_aggregates: bool,
    /// The versioned interface it exports, e.g. `palisade:detector/detector@0.1.0`.
    pub interface: String,
}

/// One detector call's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub score: f64,
    pub reasons: Vec<String>,
    pub tags: Vec<String>,
    pub status: Status,
    pub micros: u64,
}

impl Outcome {
    fn failed(status: Status, reason: String, started: Instant) -> Self {
        Outcome {
            score: 0.0,
            reasons: vec![reason],
            tags: Vec::new(),
            status,
            micros: started.elapsed().as_micros() as u64,
        }
    }

    /// The outcome of a plugin the policy disabled.
    pub fn skipped() -> Self {
        Outcome {
            score: 0.0,
            reasons: vec!["disabled by policy".to_string()],
            tags: Vec::new(),
            status: Status::Skipped,
            micros: 0,
        }
    }
}

/// A live instance with its store.
pub struct Live {
    store: Store<PluginState>,
    bindings: Plugin,
    calls: u64,
}

/// A plugin ready to score requests. Immutable once built, except for its
/// pool of idle instances (a lock-free queue).
pub struct CompiledPlugin {
    pub name: Arc<str>,
    pub metadata: Metadata,
    /// Fields actually sent: declared reads ∩ policy grants.
    pub fields: Fields,
    pub limits: Limits,
    pub on_failure: Action,
    pub isolation: Isolation,
    pub weight: f64,
    /// sha256 of the component bytes.
    pub digest: [u8; 32],
    /// The fields the policy grants (`None`: whatever it declares); with
    /// `metadata.reads`, what `check` warns about.
    pub grants: Option<Fields>,
    /// Whether the plugin declared it uses aggregates; such a plugin's
    /// answers depend on request order, and only it is granted them.
    pub stateful: bool,
    pub(super) engine: Arc<Engine>,
    pub(super) pre: PluginPre<PluginState>,
    pub(super) settings_json: String,
    pub(super) aggregates: Arc<AggregateStore>,
    pub(super) deadline_ticks: u64,
    idle: ArrayQueue<Live>,
}

/// Why a call could not produce a verdict.
struct Failure(Status, String);

impl CompiledPlugin {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        name: Arc<str>,
        metadata: Metadata,
        fields: Fields,
        limits: Limits,
        on_failure: Action,
        isolation: Isolation,
        weight: f64,
        digest: [u8; 32],
        stateful: bool,
        engine: Arc<Engine>,
        pre: PluginPre<PluginState>,
        settings_json: String,
        aggregates: Arc<AggregateStore>,
    ) -> Self {
        let deadline_ticks = deadline::ticks(limits.deadline);
        CompiledPlugin {
            name,
            metadata,
            fields,
            limits,
            on_failure,
            isolation,
            weight,
            digest,
            grants: None,
            stateful,
            engine,
            pre,
            settings_json,
            aggregates,
            deadline_ticks,
            idle: ArrayQueue::new(IDLE_INSTANCES),
        }
    }

    /// The settings the policy gave the plugin, as JSON.
    pub fn settings_json(&self) -> &str {
        &self.settings_json
    }

    /// The plugin's own aggregate store.
    pub fn aggregates(&self) -> &Arc<AggregateStore> {
        &self.aggregates
    }

    /// Scores a request with an instance from the shared idle pool (the
    /// server's path: any worker, any order).
    pub fn detect(&self, features: &Features) -> Outcome {
        self.with_pooled(|slot| self.detect_in(slot, features, &self.aggregates))
    }

    /// Scores each request of `batch` in order with one instance taken from
    /// the shared pool for the whole batch, handing `(index, outcome)` to
    /// `out`.
    pub fn detect_many<F: AsRef<Features>>(
        &self,
        batch: &[F],
        mut out: impl FnMut(usize, Outcome),
    ) {
        self.with_pooled(|slot| {
            for (i, features) in batch.iter().enumerate() {
                out(i, self.detect_in(slot, features.as_ref(), &self.aggregates));
            }
        });
    }

    /// Runs `score` with an idle instance from the shared pool (or an empty
    /// slot, which `detect_in` fills), then returns what is left in the
    /// slot to the pool. A full pool drops the instance, freeing its slot.
    fn with_pooled<R>(&self, score: impl FnOnce(&mut Option<Live>) -> R) -> R {
        let mut slot = self.idle.pop();
        let result = score(&mut slot);
        if let Some(live) = slot {
            let _ = self.idle.push(live);
        }
        result
    }

    /// Scores a request with the instance in `slot` (reused when the policy
    /// says so, and refilled or emptied as needed), against `aggregates`.
    /// Eval lanes keep their own slot, so a replay sees a fixed sequence of
    /// requests per instance whatever the number of cores.
    pub fn detect_in(
        &self,
        slot: &mut Option<Live>,
        features: &Features,
        aggregates: &Arc<AggregateStore>,
    ) -> Outcome {
        let started = Instant::now();
        let mut live = match (self.isolation, slot.take()) {
            (Isolation::Reuse, Some(live)) => live,
            _ => match self.instantiate(aggregates, features.ts_ms) {
                Ok(live) => live,
                Err(Failure(status, reason)) => return Outcome::failed(status, reason, started),
            },
        };
        let state = live.store.data_mut();
        if self.stateful
            && !state
                .aggregates
                .as_ref()
                .is_some_and(|a| Arc::ptr_eq(a, aggregates))
        {
            state.aggregates = Some(aggregates.clone());
        }
        state.now_ms = features.ts_ms;
        state.limiter.hit = false;
        state.time.start_call(self.limits.deadline);
        state
            .output
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        state.clock = CallClock::start(self.limits.deadline);
        live.store.set_epoch_deadline(self.deadline_ticks);

        let tools: Vec<&str> = match &features.call.tools {
            Some(tools) if self.fields.contains(Fields::TOOLS) => {
                tools.iter().map(String::as_str).collect()
            }
            _ => Vec::new(),
        };
        let request = to_wit(features, self.fields, &tools);
        let result = live
            .bindings
            .palisade_detector_detector()
            .call_detect(&mut live.store, request);
        let verdict = match result {
            Ok(verdict) => verdict,
            Err(err) => {
                let Failure(status, reason) = self.classify(err, live.store.data());
                return Outcome::failed(status, reason, started);
            }
        };
        let outcome = match check_verdict(verdict) {
            Ok((score, reasons, tags)) => Outcome {
                score,
                reasons,
                tags,
                status: Status::Ok,
                micros: started.elapsed().as_micros() as u64,
            },
            Err(reason) => return Outcome::failed(Status::Error, reason, started),
        };
        live.calls += 1;
        if self.isolation == Isolation::Reuse && live.calls < RECYCLE_AFTER {
            *slot = Some(live);
        }
        outcome
    }

    /// A new instance, configured with the policy's settings. Its deadline
    /// covers instantiation and `configure`, so a guest that loops in its
    /// start-up code is cut off too.
    fn instantiate(&self, aggregates: &Arc<AggregateStore>, now_ms: u64) -> Result<Live, Failure> {
        let granted = self.stateful.then(|| aggregates.clone());
        let mut state = PluginState::new(self.limits.memory_bytes, granted);
        state.now_ms = now_ms;
        state.time.start_call(self.limits.deadline);
        state.clock = CallClock::start(self.limits.deadline);
        let mut store = Store::new(&self.engine, state);
        store.limiter(|s| &mut s.limiter);
        store.set_hostcall_fuel(super::state::MAX_COPY_BYTES);
        store.epoch_deadline_callback(deadline::on_deadline);
        store.set_epoch_deadline(self.deadline_ticks);
        let bindings = match self.pre.instantiate(&mut store) {
            Ok(bindings) => bindings,
            Err(e) => return Err(self.classify(e, store.data())),
        };
        match bindings
            .palisade_detector_detector()
            .call_configure(&mut store, &self.settings_json)
        {
            Ok(Ok(())) => {}
            Ok(Err(message)) => {
                return Err(Failure(
                    Status::Error,
                    format!(
                        "configure refused its settings: {}",
                        text::untrusted(message, text::MAX_MESSAGE)
                    ),
                ));
            }
            Err(e) => return Err(self.classify(e, store.data())),
        }
        Ok(Live {
            store,
            bindings,
            calls: 0,
        })
    }

    /// Maps a failed call to its status and reason. The reason quotes the
    /// end of what the plugin wrote to stdout/stderr (escaped), so a Rust
    /// panic's message is seen in the decision.
    fn classify(&self, err: wasmtime::Error, state: &PluginState) -> Failure {
        let Failure(status, reason) = self.classify_error(err, state);
        let (output, dropped) = state
            .output
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .text();
        let output = output.trim();
        if output.is_empty() {
            return Failure(status, reason);
        }
        let start = output
            .char_indices()
            .rev()
            .nth(MAX_OUTPUT_QUOTE - 1)
            .map_or(0, |(at, _)| at);
        let tail = &output[start..];
        let cut = if start > 0 || dropped > 0 { "…" } else { "" };
        Failure(
            status,
            format!(
                "{reason}; plugin output: {cut}{}",
                text::escape(tail, 2 * MAX_OUTPUT_QUOTE)
            ),
        )
    }

    fn classify_error(&self, err: wasmtime::Error, state: &PluginState) -> Failure {
        if state.limiter.hit {
            return Failure(
                Status::Memory,
                format!(
                    "memory cap of {} MiB reached",
                    self.limits.memory_bytes >> 20
                ),
            );
        }
        let deadline_ms = self.limits.deadline.as_millis();
        if let Some(stop) = err.downcast_ref::<WasiStop>() {
            return match stop {
                WasiStop::SleptPastDeadline { slept_ms } => Failure(
                    Status::Timeout,
                    format!("deadline of {deadline_ms} ms exceeded (asked to sleep {slept_ms} ms)"),
                ),
                WasiStop::WaitsForever => Failure(
                    Status::Trap,
                    "trap: blocked on something that can never become ready".to_string(),
                ),
            };
        }
        if let Some(exit) = err.downcast_ref::<wasmtime_wasi::I32Exit>() {
            return Failure(
                Status::Trap,
                format!("trap: the plugin exited (status {})", exit.0),
            );
        }
        match err.downcast_ref::<Trap>() {
            Some(Trap::Interrupt) if state.clock.backstop_hit => Failure(
                Status::Timeout,
                format!(
                    "deadline of {deadline_ms} ms exceeded (wall-clock limit of {} ms)",
                    state.clock.backstop().as_millis()
                ),
            ),
            Some(Trap::Interrupt) => Failure(
                Status::Timeout,
                format!("deadline of {deadline_ms} ms exceeded"),
            ),
            Some(Trap::StackOverflow) => Failure(Status::Trap, "stack overflow".to_string()),
            Some(trap) => Failure(Status::Trap, format!("trap: {trap}")),
            None => Failure(Status::Error, super::state::host_error_reason(&err)),
        }
    }
}

/// Validates a verdict: a finite score in [0, 1] and bounded evidence.
fn check_verdict(v: wit::Verdict) -> Result<(f64, Vec<String>, Vec<String>), String> {
    if !v.score.is_finite() || !(0.0..=1.0).contains(&v.score) {
        return Err(format!(
            "invalid verdict: score {} is outside [0, 1]",
            v.score
        ));
    }
    if v.reasons.len() > MAX_REASONS || v.tags.len() > MAX_TAGS {
        return Err(format!(
            "verdict too large: {} reasons and {} tags (limits {MAX_REASONS} and {MAX_TAGS})",
            v.reasons.len(),
            v.tags.len()
        ));
    }
    let cut = |s: String| text::untrusted(s, MAX_TEXT);
    Ok((
        v.score,
        v.reasons.into_iter().map(cut).collect(),
        v.tags.into_iter().map(cut).collect(),
    ))
}

/// Borrows the features as the WIT request, withholding every field not in
/// `fields`.
fn to_wit<'a>(f: &'a Features, fields: Fields, tools: &'a [&'a str]) -> wit::Request<'a> {
    let has = |flag: Fields| fields.contains(flag);
    let text = |flag: Fields, value: &'a Option<String>| -> Option<&'a str> {
        if has(flag) { value.as_deref() } else { None }
    };
    wit::Request {
        id: &f.id,
        ts_ms: f.ts_ms,
        account: wit::Account {
            id: &f.account.id,
            created_ms: f
                .account
                .created_ms
                .filter(|_| has(Fields::ACCOUNT_CREATED)),
            tier: text(Fields::ACCOUNT_TIER, &f.account.tier),
            org: text(Fields::ACCOUNT_ORG, &f.account.org),
            payment_fingerprint: text(Fields::PAYMENT_FINGERPRINT, &f.account.payment_fingerprint),
            email_domain: text(Fields::EMAIL_DOMAIN, &f.account.email_domain),
        },
        client: wit::Client {
            ip: has(Fields::CLIENT_IP).then_some(f.client.ip.as_str()),
            asn: f.client.asn.filter(|_| has(Fields::CLIENT_ASN)),
            country: text(Fields::CLIENT_COUNTRY, &f.client.country),
            user_agent: text(Fields::USER_AGENT, &f.client.user_agent),
            tls_fingerprint: text(Fields::TLS_FINGERPRINT, &f.client.tls_fingerprint),
        },
        call: wit::Call {
            route: text(Fields::ROUTE, &f.call.route),
            model: text(Fields::MODEL, &f.call.model),
            prompt: has(Fields::PROMPT).then_some(f.call.prompt.as_str()),
            system_prompt: text(Fields::SYSTEM_PROMPT, &f.call.system_prompt),
            prompt_tokens: f.call.prompt_tokens.filter(|_| has(Fields::PROMPT_TOKENS)),
            max_output_tokens: f
                .call
                .max_output_tokens
                .filter(|_| has(Fields::MAX_OUTPUT_TOKENS)),
            tools: f
                .call
                .tools
                .as_ref()
                .filter(|_| has(Fields::TOOLS))
                .map(|_| tools),
            stream: f.call.stream.filter(|_| has(Fields::STREAM)),
        },
    }
}
