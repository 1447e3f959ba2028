//! The sandboxed plugin runtime: engines, the compiled-component cache,
//! loading (load limits, bounded compilation, interface check, linking,
//! settings validation) and calls.

mod bindings;
pub mod cache;
mod deadline;
mod engine;
mod isolation;
mod plugin;
mod prescan;
pub mod signature;
mod state;
pub mod text;
mod wasi;

pub use bindings::INTERFACE_VERSION;
pub use engine::{MAX_PLUGIN_MEMORY, MAX_STACK_BYTES, TICK};
pub use isolation::Isolation;
pub use plugin::{CompiledPlugin, Fields, Limits, Live, MAX_REASONS, MAX_TAGS, Metadata, Outcome};
pub use prescan::{LOAD_LIMITS, LoadLimits, TooComplex, bombs};
pub use wasi::CAPTURE_BYTES;

use crate::aggregates::AggregateRegistry;
use crate::decision::Action;
use bindings::{DETECTOR_EXPORT, Plugin, PluginPre};
use engine::EpochTicker;
use state::PluginState;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wasmtime::Engine;
use wasmtime::component::{Component, HasSelf, Linker};

/// How long compiling one plugin may take before it is refused. Real
/// plugins compile in tens of milliseconds; the load limits already refuse
/// the known compiler bombs, and this bounds whatever else a file finds.
pub const COMPILE_TIMEOUT: Duration = Duration::from_secs(20);

/// Added to the compile bound per MiB of component: a large legitimate
/// plugin (a Python detector's CPython runtime is ~18 MiB and takes ~14 s of
/// CPU, far more wall time on a busy machine) gets time in proportion to
/// its code, while the load limits' 32 MiB file cap still bounds the whole
/// (at most 20 s + 32 × 5 s).
pub const COMPILE_TIME_PER_MIB: Duration = Duration::from_secs(5);

/// Compilations abandoned at [`COMPILE_TIMEOUT`] that may still be running
/// (a thread cannot be stopped): past this many, new compilations are
/// refused until one ends, so a stream of bombs cannot take every core.
const MAX_ABANDONED_COMPILES: usize = 2;

/// Why a plugin could not be loaded. Each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    #[error("could not set up the Wasm engine: {0}")]
    Engine(String),
    #[error("not a valid WebAssembly component: {0}; build the plugin for wasm32-wasip2")]
    Compile(String),
    #[error("refused before compiling: {0}; a plugin must stay within the load limits")]
    TooComplex(#[from] TooComplex),
    #[error(
        "compiling took longer than the {}-second limit; refused (a real plugin compiles in well under a second)",
        .0.as_secs_f64()
    )]
    CompileTimeout(Duration),
    #[error(
        "not compiled: {0} earlier compilations that passed the time limit are still running; try again once they end"
    )]
    CompileBusy(usize),
    #[error(
        "does not export `{DETECTOR_EXPORT}` (exports: {exports}); is it a Palisade detector plugin?"
    )]
    NotADetector { exports: String },
    #[error(
        "exports interface version {found}, but this host supports {DETECTOR_EXPORT}@{supported}; rebuild the plugin against wit/ {supported}"
    )]
    Incompatible { found: String, supported: String },
    #[error(
        "imports `{0}`, which Palisade does not provide; plugins may import only palisade:detector/aggregates and WASI"
    )]
    UnknownImport(String),
    #[error("could not link: {0}")]
    Link(String),
    #[error("failed at load, in {0}")]
    Start(String),
    #[error("settings rejected by the plugin: {0}")]
    Settings(String),
}

/// Everything needed to load one plugin; produced by policy validation.
#[derive(Debug, Clone)]
pub struct PluginSpec {
    pub name: Arc<str>,
    pub bytes: Arc<[u8]>,
    pub digest: [u8; 32],
    pub settings_json: String,
    pub limits: Limits,
    pub on_failure: Action,
    pub isolation: Isolation,
    pub weight: f64,
    /// Fields the policy grants; `None` grants whatever the plugin declares.
    pub grants: Option<Fields>,
    pub aggregate_budget: usize,
}

type ComponentKey = (usize, [u8; 32]);

/// Shared by every policy generation: engines, compiled components and
/// aggregate stores outlive reloads, so an unchanged plugin is never
/// recompiled and keeps its history.
pub struct Runtime {
    engines: Mutex<HashMap<usize, Arc<Engine>>>,
    ticker: EpochTicker,
    components: Mutex<HashMap<ComponentKey, Component>>,
    /// Digests whose compilation passed the time limit and is still running.
    abandoned: Arc<Mutex<HashSet<[u8; 32]>>>,
    compile_timeout: Mutex<Duration>,
    /// Every plugin's aggregate store.
    pub aggregates: AggregateRegistry,
    deadline_scale: std::sync::atomic::AtomicU32,
    /// The compiled cache on disk, if one is configured.
    disk: Mutex<Option<Arc<cache::DiskCache>>>,
    /// Components compiled from source (not found in either cache).
    compiled: AtomicU64,
}

/// What `palisade plugin inspect` shows of a component.
#[derive(Debug)]
pub struct Description {
    /// Names the component imports (interfaces and functions).
    pub imports: Vec<String>,
    /// Names the component exports.
    pub exports: Vec<String>,
    /// The detector's metadata and its verdict on the settings given, or
    /// why it is not a loadable detector.
    pub detector: Result<(Metadata, Result<(), String>), PluginError>,
}

impl Runtime {
    /// A runtime with no engines yet (they are made on first use).
    pub fn new() -> Arc<Runtime> {
        Arc::new(Runtime {
            engines: Mutex::new(HashMap::new()),
            ticker: EpochTicker::default(),
            components: Mutex::new(HashMap::new()),
            abandoned: Arc::default(),
            compile_timeout: Mutex::new(COMPILE_TIMEOUT),
            aggregates: AggregateRegistry::default(),
            deadline_scale: std::sync::atomic::AtomicU32::new(1),
            disk: Mutex::new(None),
            compiled: AtomicU64::new(0),
        })
    }

    /// Uses `cache` for compiled components from now on (`None`: none).
    pub fn set_disk_cache(&self, cache: Option<cache::DiskCache>) {
        *self.disk.lock().unwrap_or_else(|p| p.into_inner()) = cache.map(Arc::new);
    }

    /// The compiled cache on disk, if any.
    pub fn disk_cache(&self) -> Option<Arc<cache::DiskCache>> {
        self.disk.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// How many components were compiled from source so far (neither in
    /// memory nor in the disk cache).
    pub fn compilations(&self) -> u64 {
        self.compiled.load(Ordering::Relaxed)
    }

    /// The disk-cache entry a plugin would use, and whether it exists.
    pub fn cache_entry(
        &self,
        spec: &PluginSpec,
    ) -> Result<Option<(std::path::PathBuf, cache::EntryState)>, PluginError> {
        let Some(disk) = self.disk_cache() else {
            return Ok(None);
        };
        let engine = self.engine(spec.limits.stack_bytes)?;
        let key = cache::key(&engine, spec.limits.stack_bytes, &spec.digest);
        Ok(Some((disk.entry_path(&key), disk.state(&key))))
    }

    fn engine(&self, stack_bytes: usize) -> Result<Arc<Engine>, PluginError> {
        let mut engines = self.engines.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(engine) = engines.get(&stack_bytes) {
            return Ok(engine.clone());
        }
        if engines.len() >= engine::MAX_ENGINES {
            return Err(PluginError::Engine(format!(
                "more than {} distinct stack_kib values in use; use fewer distinct values",
                engine::MAX_ENGINES
            )));
        }
        let engine = Arc::new(
            engine::build_engine(stack_bytes).map_err(|e| PluginError::Engine(format!("{e:#}")))?,
        );
        self.ticker.register(&engine);
        engines.insert(stack_bytes, engine.clone());
        Ok(engine)
    }

    /// Compiles (or fetches from the cache) a component. Compilation is the
    /// slow part of a load (tens of ms) and never happens on a request path.
    /// The file is first checked against [`LOAD_LIMITS`], then compiled on a
    /// thread of its own under the compile timeout: past it the plugin is
    /// refused and the thread's eventual result is dropped.
    fn component(&self, engine: &Engine, spec: &PluginSpec) -> Result<Component, PluginError> {
        let key = (spec.limits.stack_bytes, spec.digest);
        if let Some(c) = self
            .components
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(c.clone());
        }
        let _span = tracing::info_span!("compile", plugin = %spec.name).entered();
        prescan::prescan(&spec.bytes, &LOAD_LIMITS)?;
        let disk = self.disk_cache();
        let disk_key = disk
            .as_ref()
            .map(|_| cache::key(engine, spec.limits.stack_bytes, &spec.digest));
        let cached = disk
            .as_ref()
            .zip(disk_key.as_ref())
            .and_then(|(d, k)| d.load(engine, k));
        let component = match cached {
            Some(c) => {
                tracing::info!(plugin = %spec.name, "loaded from the compiled cache");
                c
            }
            None => {
                let c = self.compile_bounded(engine, spec)?;
                self.compiled.fetch_add(1, Ordering::Relaxed);
                if let (Some(d), Some(k)) = (&disk, &disk_key) {
                    d.store(k, &c);
                }
                c
            }
        };
        self.components
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, component.clone());
        Ok(component)
    }

    fn compile_bounded(
        &self,
        engine: &Engine,
        spec: &PluginSpec,
    ) -> Result<Component, PluginError> {
        let base = *self
            .compile_timeout
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let timeout = base + COMPILE_TIME_PER_MIB * (spec.bytes.len() >> 20) as u32;
        {
            let abandoned = self.abandoned.lock().unwrap_or_else(|p| p.into_inner());
            if abandoned.contains(&spec.digest) {
                return Err(PluginError::CompileTimeout(timeout));
            }
            if abandoned.len() >= MAX_ABANDONED_COMPILES {
                return Err(PluginError::CompileBusy(abandoned.len()));
            }
        }
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        let (engine, bytes, digest) = (engine.clone(), spec.bytes.clone(), spec.digest);
        let abandoned = self.abandoned.clone();
        std::thread::Builder::new()
            .name("palisade-compile".to_string())
            .spawn(move || {
                let result = Component::new(&engine, &bytes);
                // Sent under the lock, so the loader either receives it or
                // has already marked the digest abandoned and hung up.
                let mut abandoned = abandoned.lock().unwrap_or_else(|p| p.into_inner());
                if tx.send(result).is_err() {
                    abandoned.remove(&digest);
                }
            })
            .map_err(|e| PluginError::Engine(format!("could not start a compile thread: {e}")))?;
        let result = match rx.recv_timeout(timeout) {
            Ok(result) => result,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let mut abandoned = self.abandoned.lock().unwrap_or_else(|p| p.into_inner());
                match rx.try_recv() {
                    Ok(result) => result,
                    Err(_) => {
                        abandoned.insert(spec.digest);
                        drop(rx);
                        tracing::warn!(
                            plugin = %spec.name,
                            timeout_s = timeout.as_secs_f64(),
                            "compilation passed its time limit; plugin refused"
                        );
                        return Err(PluginError::CompileTimeout(timeout));
                    }
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PluginError::Compile(
                    "the compiler stopped without a result".to_string(),
                ));
            }
        };
        result.map_err(|e| PluginError::Compile(first_line(&e)))
    }

    /// Sets the base of how long compiling one plugin may take (default
    /// [`COMPILE_TIMEOUT`], plus [`COMPILE_TIME_PER_MIB`] per MiB of
    /// component); for tests and embedders with unusual plugins.
    pub fn set_compile_timeout(&self, timeout: Duration) {
        *self
            .compile_timeout
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = timeout;
    }

    /// Drops cached components that no live generation uses, so a long run
    /// of reloads does not accumulate compiled code.
    pub fn retain_components(&self, live: &[[u8; 32]]) {
        self.components
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|(_, digest), _| live.contains(digest));
    }

    /// Multiplies every deadline of plugins loaded from now on. Deadlines
    /// are wall-clock time: a replay on a busy machine (`palisade eval`)
    /// would otherwise cut off a plugin because the machine, not the plugin,
    /// was slow, and decide differently from the live traffic.
    pub fn scale_deadlines(&self, factor: u32) {
        self.deadline_scale
            .store(factor.max(1), std::sync::atomic::Ordering::Relaxed);
    }

    /// Number of compiled components held (for tests and status).
    pub fn cached_components(&self) -> usize {
        self.components
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    /// Loads a plugin: compile, check its interface version and imports,
    /// link, start an instance, read its metadata and have it validate the
    /// policy's settings.
    pub fn load(&self, spec: &PluginSpec) -> Result<CompiledPlugin, PluginError> {
        let engine = self.engine(spec.limits.stack_bytes)?;
        let component = self.component(&engine, spec)?;
        let (interface, pre) = link(&engine, &component)?;
        let (metadata, settings_check) = describe(&engine, &pre, spec, interface)?;
        let aggregates = self.aggregates.store(&spec.name, spec.aggregate_budget);
        settings_check.map_err(PluginError::Settings)?;
        let stateful = metadata.uses_aggregates;
        let fields = match spec.grants {
            Some(granted) => metadata.reads & granted,
            None => metadata.reads,
        };
        let mut plugin = CompiledPlugin::new(
            spec.name.clone(),
            metadata,
            fields,
            Limits {
                deadline: spec.limits.deadline.saturating_mul(
                    self.deadline_scale
                        .load(std::sync::atomic::Ordering::Relaxed),
                ),
                ..spec.limits
            },
            spec.on_failure,
            spec.isolation,
            spec.weight,
            spec.digest,
            stateful,
            engine,
            pre,
            spec.settings_json.clone(),
            aggregates,
        );
        plugin.grants = spec.grants;
        Ok(plugin)
    }

    /// Compiles (through the caches) and describes a component for
    /// `palisade plugin inspect`: its imports and exports whatever it is,
    /// and, if it is a loadable detector, its metadata and what it says of
    /// `spec.settings_json`. Its aggregates are a throwaway store.
    pub fn describe_file(&self, spec: &PluginSpec) -> Result<Description, PluginError> {
        let engine = self.engine(spec.limits.stack_bytes)?;
        let component = self.component(&engine, spec)?;
        let ty = component.component_type();
        let imports = ty.imports(&engine).map(|(n, _)| n.to_string()).collect();
        let exports = ty.exports(&engine).map(|(n, _)| n.to_string()).collect();
        let detector = link(&engine, &component)
            .and_then(|(interface, pre)| describe(&engine, &pre, spec, interface));
        Ok(Description {
            imports,
            exports,
            detector,
        })
    }
}

/// Checks a component's interface version and imports, then links it:
/// the detector interface it exports, and its pre-instance.
fn link(
    engine: &Engine,
    component: &Component,
) -> Result<(String, PluginPre<PluginState>), PluginError> {
    let interface = check_exports(engine, component)?;
    check_imports(engine, component)?;
    let mut linker: Linker<PluginState> = Linker::new(engine);
    wasi::add_to_linker(&mut linker).map_err(|e| PluginError::Link(first_line(&e)))?;
    Plugin::add_to_linker::<_, HasSelf<PluginState>>(&mut linker, |s| s)
        .map_err(|e| PluginError::Link(first_line(&e)))?;
    bindings::add_aggregates_to_linker(&mut linker)
        .map_err(|e| PluginError::Link(first_line(&e)))?;
    let pre = linker
        .instantiate_pre(component)
        .map_err(|e| PluginError::Link(first_line(&e)))?;
    let pre = PluginPre::new(pre).map_err(|e| PluginError::Link(first_line(&e)))?;
    Ok((interface, pre))
}

/// Starts a throwaway instance (under the plugin's own limits) to read its
/// metadata, have it validate the settings and then apply them with
/// `configure`, as every serving instance will: a plugin whose `configure`
/// refuses, traps or loops is refused at load (and a reload to it keeps the
/// last good policy serving) rather than failing every request once it
/// serves. The instance gets a throwaway aggregate store: nothing a load
/// does (a candidate policy may be refused) touches the serving state.
fn describe(
    engine: &Engine,
    pre: &PluginPre<PluginState>,
    spec: &PluginSpec,
    interface: String,
) -> Result<(Metadata, Result<(), String>), PluginError> {
    let scratch = Arc::new(crate::aggregates::AggregateStore::new(0));
    let mut store = wasmtime::Store::new(
        engine,
        PluginState::new(spec.limits.memory_bytes, Some(scratch)),
    );
    store.limiter(|s| &mut s.limiter);
    store.set_hostcall_fuel(state::MAX_COPY_BYTES);
    // Loading is off the request path; allow a generous start-up, measured
    // like a call's deadline: the plugin's own CPU time, with a wall-clock
    // backstop (a load on a busy machine is not refused for its slowness).
    let budget = engine::TICK * DESCRIBE_TICKS as u32;
    store.epoch_deadline_callback(deadline::on_deadline);
    store.set_epoch_deadline(DESCRIBE_TICKS);
    store.data_mut().time.start_call(budget);
    store.data_mut().clock = deadline::CallClock::start(budget);
    let bindings = pre
        .instantiate(&mut store)
        .map_err(|e| load_failure("starting", &e, store.data(), spec))?;
    let detector = bindings.palisade_detector_detector();
    let meta = detector
        .call_describe(&mut store)
        .map_err(|e| load_failure("describe", &e, store.data(), spec))?;
    let mut check = detector
        .call_validate_settings(&mut store, &spec.settings_json)
        .map_err(|e| load_failure("validate-settings", &e, store.data(), spec))?;
    if check.is_ok() {
        check = detector
            .call_configure(&mut store, &spec.settings_json)
            .map_err(|e| load_failure("configure", &e, store.data(), spec))?
            .map_err(|e| format!("configure refused the settings validate-settings accepted: {e}"));
    }
    Ok((
        Metadata {
            name: text::untrusted(meta.name, text::MAX_NAME),
            version: text::untrusted(meta.version, text::MAX_NAME),
            description: text::untrusted(meta.description, text::MAX_DESCRIPTION),
            reads: meta.reads,
            uses_aggregates: meta.uses_aggregates,
            interface: text::untrusted(interface, text::MAX_NAME),
        },
        check.map_err(|e| text::untrusted(e, text::MAX_MESSAGE)),
    ))
}

/// Why a load-time call (`stage`) failed, in words: the memory cap, the
/// load time limit, or the trap or host error itself.
fn load_failure(
    stage: &str,
    e: &wasmtime::Error,
    state: &PluginState,
    spec: &PluginSpec,
) -> PluginError {
    let why = if state.limiter.hit {
        format!(
            "memory cap of {} MiB reached",
            spec.limits.memory_bytes >> 20
        )
    } else if matches!(
        e.downcast_ref::<wasmtime::Trap>(),
        Some(wasmtime::Trap::Interrupt)
    ) {
        format!(
            "did not finish within the {} ms of CPU time a plugin's start-up, describe, validate-settings and configure have together at load",
            DESCRIBE_TICKS
        )
    } else if let Some(trap) = e.downcast_ref::<wasmtime::Trap>() {
        format!("trap: {trap}")
    } else {
        state::host_error_reason(e)
    };
    PluginError::Start(format!("{stage}: {why}"))
}

/// Ticks (ms of the plugin's CPU time) a plugin's start-up, `describe`,
/// `validate-settings` and `configure` may take together at load.
const DESCRIBE_TICKS: u64 = 1_000;

/// Finds the detector export and checks its version is one this host
/// speaks: the same major version, and for 0.x the same minor.
fn check_exports(engine: &Engine, component: &Component) -> Result<String, PluginError> {
    let ty = component.component_type();
    let names: Vec<String> = ty
        .exports(engine)
        .map(|(name, _)| name.to_string())
        .collect();
    let Some(found) = names
        .iter()
        .find(|n| n.split('@').next() == Some(DETECTOR_EXPORT))
        .cloned()
    else {
        return Err(PluginError::NotADetector {
            exports: if names.is_empty() {
                "none".to_string()
            } else {
                text::one_line(&names.join(", "), text::MAX_MESSAGE)
            },
        });
    };
    let version = found.split('@').nth(1).unwrap_or("");
    if !compatible(version, INTERFACE_VERSION) {
        return Err(PluginError::Incompatible {
            found: text::one_line(&format!("{DETECTOR_EXPORT}@{version}"), text::MAX_NAME),
            supported: supported_range(),
        });
    }
    Ok(found)
}

/// The version range this host accepts, for messages (e.g. `0.1.x`).
pub fn supported_range() -> String {
    let mut parts = INTERFACE_VERSION.split('.');
    let major = parts.next().unwrap_or("0");
    let minor = parts.next().unwrap_or("0");
    if major == "0" {
        format!("0.{minor}.x")
    } else {
        format!("{major}.x")
    }
}

fn compatible(found: &str, ours: &str) -> bool {
    let parse = |v: &str| -> Option<(u64, u64)> {
        let mut it = v.split(['.', '-', '+']);
        Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
    };
    match (parse(found), parse(ours)) {
        (Some((0, a)), Some((0, b))) => a == b,
        (Some((a, _)), Some((b, _))) => a == b,
        _ => false,
    }
}

/// Refuses imports the host does not provide, before linking, with a
/// clearer message than the linker's.
fn check_imports(engine: &Engine, component: &Component) -> Result<(), PluginError> {
    for (name, _) in component.component_type().imports(engine) {
        let base = name.split('@').next().unwrap_or(name);
        let known = matches!(
            base,
            "palisade:detector/aggregates" | "palisade:detector/types"
        ) || base.starts_with("wasi:");
        if !known {
            return Err(PluginError::UnknownImport(text::one_line(
                name,
                text::MAX_NAME,
            )));
        }
    }
    Ok(())
}

/// An error and its causes on one line, escaped and capped, for policy
/// messages (a guest's trap message is plugin text).
fn first_line(e: &wasmtime::Error) -> String {
    text::one_line(&format!("{e:#}"), 400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_versions_follow_semver() {
        assert!(compatible("0.1.0", "0.1.0"));
        assert!(compatible("0.1.7", "0.1.0"));
        assert!(!compatible("0.2.0", "0.1.0"));
        assert!(!compatible("1.0.0", "0.1.0"));
        assert!(compatible("1.4.0", "1.0.0"));
        assert!(!compatible("", "0.1.0"));
        assert_eq!(supported_range(), "0.1.x");
    }
}
