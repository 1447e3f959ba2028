//! What a plugin's store holds: a WASI context that grants nothing, the
//! virtual clock and captured output of the non-blocking WASI layer
//! (`super::wasi`), the memory limiter, and the handle to the plugin's own
//! aggregate store.

use super::bindings::palisade::detector::aggregates;
use super::deadline::CallClock;
use super::wasi::{CaptureStream, VirtualTime};
use crate::aggregates::AggregateStore;
use std::sync::Arc;
use wasmtime::ResourceLimiter;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};

/// Most bytes the host copies out of a plugin in one call: a verdict, an
/// aggregate key or item, a settings or `configure` message. Wasmtime's
/// default (128 MiB) lets a plugin capped at 16 MiB of memory make the host
/// allocate 128 MiB per call, because list entries may all point at the
/// same string (15 reasons naming one 8 MiB string are 120 MiB on the
/// host); with the batch endpoint's parallel calls that is gigabytes. Real
/// plugins pass kilobytes: the host keeps 16 reasons and tags of 256 bytes
/// and hashes keys by their first KiB, and this still passes a whole
/// default-sized (1 MiB) prompt as a key with room to spare.
pub const MAX_COPY_BYTES: usize = 4 << 20;

/// Most bytes one `wasi:random` call may ask for. The host makes them
/// before they reach the plugin's memory (wasmtime-wasi allows 64 MiB a
/// call, made in a host call no deadline can interrupt); a guest needs a
/// few dozen bytes to seed a hash map.
pub const MAX_RANDOM_BYTES: u64 = 64 << 10;

/// Most WASI handles (streams, pollables, ...) one plugin instance may hold
/// at once. Each lives in host memory, outside the plugin's memory cap:
/// wasmtime's own bounds (a million host entries, 100,000 component
/// handles) let one call that asks for stdout in a loop (never dropping the
/// handle) hold 100,000 of them, ~11 MiB of host memory per instance (about
/// 110 bytes each, measured), kept across calls by a reused instance. A
/// guest's `std` holds a handful.
pub const MAX_WASI_HANDLES: usize = 4096;

/// Why the host refused a call that is not a trap (a host function's
/// error): the copy limit ([`MAX_COPY_BYTES`]) named, anything else by its
/// root cause, without the wasm backtrace wasmtime wraps it in (which
/// would fill the capped reason before the cause).
pub(super) fn host_error_reason(err: &wasmtime::Error) -> String {
    let cause = err.root_cause().to_string();
    if cause.contains("fuel allocated for hostcalls has been exhausted") {
        return format!(
            "the plugin passed more than {} MiB to the host in one call (a verdict, an aggregate key or a message); refused",
            MAX_COPY_BYTES >> 20
        );
    }
    if cause.contains("resource table has no free keys") {
        return format!(
            "the plugin held more than {MAX_WASI_HANDLES} WASI handles (streams, pollables) at once; refused (drop handles once done with them)"
        );
    }
    super::text::one_line(&cause, super::text::MAX_MESSAGE)
}

/// Per-store data.
pub struct PluginState {
    wasi: WasiCtx,
    table: ResourceTable,
    /// The monotonic clock the plugin sees and the time it has slept.
    pub time: VirtualTime,
    /// What the plugin wrote to stdout and stderr (bounded).
    pub output: CaptureStream,
    /// The current call's CPU-time deadline and wall-clock backstop.
    pub clock: CallClock,
    pub limiter: MemoryLimiter,
    /// The calling plugin's aggregates (its namespace); `None` for a plugin
    /// that declared it uses none.
    pub aggregates: Option<Arc<AggregateStore>>,
    /// The current request's event time: aggregate windows run on it.
    pub now_ms: u64,
}

impl PluginState {
    /// A state whose WASI grants nothing: no preopened directories, no
    /// environment, no arguments, no network, stdout and stderr into a small
    /// capture buffer, stdin closed, a wall clock stuck at zero, a virtual
    /// monotonic clock that only sleeps advance, and a fixed random stream.
    /// Guests built with `std` import these interfaces; they must link, but
    /// must reveal nothing and never block.
    pub fn new(memory_bytes: usize, aggregates: Option<Arc<AggregateStore>>) -> Self {
        let output = CaptureStream::default();
        let wasi = wasmtime_wasi::WasiCtxBuilder::new()
            .wall_clock(FrozenClock)
            .monotonic_clock(FrozenClock)
            .secure_random(wasmtime_wasi::Deterministic::new(vec![0x5a; 32]))
            .insecure_random(wasmtime_wasi::Deterministic::new(vec![0xa5; 32]))
            .insecure_random_seed(0)
            .max_random_size(MAX_RANDOM_BYTES)
            .stdout(output.clone())
            .stderr(output.clone())
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .allow_blocking_current_thread(false)
            .build();
        let mut table = ResourceTable::new();
        table.set_max_capacity(MAX_WASI_HANDLES);
        PluginState {
            wasi,
            table,
            time: VirtualTime::default(),
            output,
            clock: CallClock::default(),
            limiter: MemoryLimiter::new(memory_bytes),
            aggregates,
            now_ms: 0,
        }
    }
}

impl PluginState {
    /// The resource table and the virtual clock, borrowed together.
    pub(super) fn table_and_time(&mut self) -> (&mut ResourceTable, &mut VirtualTime) {
        (&mut self.table, &mut self.time)
    }
}

impl WasiView for PluginState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// A clock that always reads zero: plugins must use the request's `ts-ms`,
/// so that a replay decides exactly like the live traffic did.
struct FrozenClock;

impl wasmtime_wasi::HostWallClock for FrozenClock {
    fn resolution(&self) -> std::time::Duration {
        std::time::Duration::from_secs(1)
    }
    fn now(&self) -> std::time::Duration {
        std::time::Duration::ZERO
    }
}

impl wasmtime_wasi::HostMonotonicClock for FrozenClock {
    fn resolution(&self) -> u64 {
        1_000_000_000
    }
    fn now(&self) -> u64 {
        0
    }
}

/// Most linear memories, tables and core instances one plugin instance may
/// create. A component may instantiate core modules many times, each with
/// its own memory: counted per memory, a `memory_mib` cap let a component
/// of 500 one-memory instances hold 500 times its cap, and the engine's
/// pool (1,000 memories, 4,000 core instances, shared by every plugin) be
/// exhausted by one plugin's kept instances, failing every other plugin's
/// instantiation (a fail-open). Real components use one memory and a
/// handful of core instances (the shipped Rust plugins 3, a Python plugin 14).
pub const MAX_MEMORIES: usize = 4;
/// See [`MAX_MEMORIES`].
pub const MAX_TABLES: usize = 16;
/// See [`MAX_MEMORIES`].
pub const MAX_CORE_INSTANCES: usize = 24;

/// Caps a plugin instance's linear memories *together* and remembers
/// whether the cap was hit, so the resulting trap is reported as `memory`
/// rather than a generic trap.
pub struct MemoryLimiter {
    max_bytes: usize,
    /// Bytes of all this store's memories (memories are never freed while
    /// the store lives).
    total: usize,
    /// Set when a growth was refused; cleared before each call.
    pub hit: bool,
}

impl MemoryLimiter {
    fn new(max_bytes: usize) -> Self {
        MemoryLimiter {
            max_bytes,
            total: 0,
            hit: false,
        }
    }
}

impl ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        // This memory holds `current` of the total; a new one holds 0.
        let total = self.total.saturating_sub(current).saturating_add(desired);
        if total > self.max_bytes {
            self.hit = true;
            return Ok(false);
        }
        self.total = total;
        Ok(true)
    }

    fn memories(&self) -> usize {
        MAX_MEMORIES
    }

    fn tables(&self) -> usize {
        MAX_TABLES
    }

    fn instances(&self) -> usize {
        MAX_CORE_INSTANCES
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= 100_000)
    }
}

/// The trap a plugin gets for using aggregates it said it would not use.
#[derive(Debug, thiserror::Error)]
#[error("the plugin declared `uses-aggregates: false` but called the aggregates interface")]
pub struct UndeclaredAggregates;

impl PluginState {
    fn store(&self) -> wasmtime::Result<&AggregateStore> {
        match &self.aggregates {
            Some(store) => Ok(store),
            None => Err(wasmtime::Error::new(UndeclaredAggregates)),
        }
    }
}

impl aggregates::Host for PluginState {
    fn counter_add(&mut self, key: String, window_ms: u64, n: u64) -> wasmtime::Result<u64> {
        Ok(self.store()?.counter_add(&key, window_ms, n, self.now_ms))
    }

    fn counter_read(&mut self, key: String, window_ms: u64) -> wasmtime::Result<u64> {
        Ok(self.store()?.counter_read(&key, window_ms, self.now_ms))
    }

    fn distinct_add(&mut self, key: String, window_ms: u64, item: String) -> wasmtime::Result<u64> {
        Ok(self
            .store()?
            .distinct_add(&key, window_ms, &item, self.now_ms))
    }

    fn distinct_read(&mut self, key: String, window_ms: u64) -> wasmtime::Result<u64> {
        Ok(self.store()?.distinct_read(&key, window_ms, self.now_ms))
    }

    fn touch(&mut self, key: String) -> wasmtime::Result<Option<aggregates::Seen>> {
        Ok(self.store()?.touch(&key, self.now_ms).map(to_wit))
    }

    fn peek(&mut self, key: String) -> wasmtime::Result<Option<aggregates::Seen>> {
        Ok(self.store()?.peek(&key).map(to_wit))
    }
}

impl super::bindings::palisade::detector::types::Host for PluginState {}

fn to_wit(s: crate::aggregates::Seen) -> aggregates::Seen {
    aggregates::Seen {
        first_ms: s.first_ms,
        last_ms: s.last_ms,
        count: s.count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_cap_holds_for_all_of_an_instances_memories_together() {
        // Before: each memory was checked alone, so two memories of 10 MiB
        // passed a 16 MiB cap.
        let mib = 1 << 20;
        let mut l = MemoryLimiter::new(16 * mib);
        assert!(l.memory_growing(0, 10 * mib, None).unwrap());
        assert!(!l.memory_growing(0, 10 * mib, None).unwrap());
        assert!(l.hit);
        assert!(l.memory_growing(0, 6 * mib, None).unwrap());
        // The first memory growing by what is left of the cap, and no more.
        assert!(!l.memory_growing(10 * mib, 10 * mib + 1, None).unwrap());
        let mut l = MemoryLimiter::new(16 * mib);
        assert!(l.memory_growing(0, mib, None).unwrap());
        assert!(l.memory_growing(mib, 16 * mib, None).unwrap());
        assert!(!l.memory_growing(0, 1, None).unwrap());
        assert_eq!(
            (l.memories(), l.tables(), l.instances()),
            (MAX_MEMORIES, MAX_TABLES, MAX_CORE_INSTANCES)
        );
    }
}
