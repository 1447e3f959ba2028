//! Wasmtime engine settings, written down in one place.
//!
//! - Component model, Cranelift, `concurrency_support(false)`: the plugin
//!   interface is synchronous, and turning async bookkeeping off cuts the
//!   call floor about 3x (`../shared/PERF.md`).
//! - Epoch interruption, ticked every [`TICK`] by one thread: a plugin's
//!   deadline is a number of ticks, after which `deadline.rs` checks the
//!   plugin's own CPU time, so an infinite loop is cut off within its
//!   deadline plus about one tick of CPU. Cheaper than fuel (5.1 vs 7.1 µs
//!   a call).
//! - The pooling allocator with resident-memory reuse: instantiation is the
//!   cost of a fresh instance per request, and pooling cuts it ~4x.
//! - The stack limit is an engine setting in wasmtime, so the runtime keeps
//!   one engine per distinct `stack_kib` a policy asks for.

use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use wasmtime::{Config, Enabled, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

/// How often the epoch advances: the granularity of plugin deadlines.
pub const TICK: Duration = Duration::from_millis(1);

/// The largest linear memory any plugin may be granted (policy caps are
/// checked against it).
pub const MAX_PLUGIN_MEMORY: usize = 1 << 30;

/// The largest wasm stack a plugin may be given. The wasm stack of a
/// synchronous call lives on the calling thread's own stack, and plugins run
/// on threads with 2 MiB stacks (Tokio's workers and blocking pool, the
/// replay's pool): a larger limit would let a plugin overflow the native
/// stack before wasmtime's own check fires. 1 MiB leaves the other half to
/// the host frames beneath the call.
pub const MAX_STACK_BYTES: usize = 1 << 20;

/// Instance slots in the pool: the most instances alive at once, over all
/// plugins and workers. Past it, instantiation fails and the plugin's
/// failure outcome applies, rather than memory growing without bound.
const POOL_INSTANCES: u32 = 1_000;

/// Most engines (distinct `stack_kib` values) one runtime keeps. Each pool
/// reserves (but does not commit) about 4 TiB of address space, so the count
/// must stay small.
pub const MAX_ENGINES: usize = 8;

/// Builds an engine for plugins with the given wasm stack limit.
pub fn build_engine(stack_bytes: usize) -> wasmtime::Result<Engine> {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(POOL_INSTANCES)
        .total_core_instances(POOL_INSTANCES * 4)
        .total_memories(POOL_INSTANCES)
        .total_tables(POOL_INSTANCES * 2)
        .max_memory_size(MAX_PLUGIN_MEMORY)
        .linear_memory_keep_resident(1 << 20)
        .table_keep_resident(1 << 16)
        .pagemap_scan(Enabled::Auto);

    let mut config = Config::new();
    config
        .wasm_component_model(true)
        .concurrency_support(false)
        .epoch_interruption(true)
        .max_wasm_stack(stack_bytes)
        // wasmtime checks `max_wasm_stack <= async_stack_size` even with no
        // async support compiled in.
        .async_stack_size(stack_bytes.max(2 << 20))
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool))
        .cranelift_opt_level(wasmtime::OptLevel::Speed);
    if std::env::var_os("PALISADE_PERFMAP").is_some() {
        // `perf record` then names each guest function (/tmp/perf-PID.map).
        config.profiler(wasmtime::ProfilingStrategy::PerfMap);
    }
    Engine::new(&config)
}

/// Advances every registered engine's epoch once per [`TICK`] on one thread.
/// Engines are held weakly: a dropped engine simply stops being ticked.
#[derive(Default)]
pub struct EpochTicker {
    engines: Arc<Mutex<Vec<Weak<Engine>>>>,
    started: std::sync::OnceLock<()>,
}

impl EpochTicker {
    /// Starts ticking `engine` (and starts the thread on first use).
    pub fn register(&self, engine: &Arc<Engine>) {
        self.engines
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Arc::downgrade(engine));
        self.started.get_or_init(|| {
            let engines = Arc::downgrade(&self.engines);
            let spawned = std::thread::Builder::new()
                .name("palisade-epoch".to_string())
                .spawn(move || {
                    while let Some(engines) = engines.upgrade() {
                        std::thread::sleep(TICK);
                        let list = engines.lock().unwrap_or_else(|p| p.into_inner());
                        for engine in list.iter().filter_map(Weak::upgrade) {
                            engine.increment_epoch();
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start the epoch thread; plugin deadlines will not fire");
            }
        });
    }
}
