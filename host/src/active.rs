//! The policy generation that is serving now, swapped whole.
//!
//! Readers take an `Arc` to the current generation with one atomic load and
//! keep it for the whole request: a request that started on generation N
//! finishes on N even if N+1 is activated meanwhile. Nothing on the request
//! path locks or re-parses.

use crate::policy::Generation;
use crate::runtime::Runtime;
use arc_swap::ArcSwap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The serving generation and the runtime that compiled it.
pub struct ActivePolicy {
    runtime: Arc<Runtime>,
    current: ArcSwap<Generation>,
    next_id: AtomicU64,
}

impl ActivePolicy {
    /// Starts serving `generation`.
    pub fn new(runtime: Arc<Runtime>, generation: Generation) -> Self {
        let next = generation.id + 1;
        ActivePolicy {
            runtime,
            current: ArcSwap::from_pointee(generation),
            next_id: AtomicU64::new(next),
        }
    }

    /// The generation serving now. Hold the `Arc` for the whole request.
    pub fn current(&self) -> Arc<Generation> {
        self.current.load_full()
    }

    /// The runtime shared by every generation (engines, compiled
    /// components, aggregate stores).
    pub fn runtime(&self) -> &Arc<Runtime> {
        &self.runtime
    }

    /// A fresh, never-used generation id for the next compile.
    pub fn next_generation_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Makes `generation` the serving one; returns the one it replaced.
    /// Requests in flight keep the old one until they finish.
    pub fn activate(&self, generation: Generation) -> Arc<Generation> {
        let _span =
            tracing::info_span!("activate", generation = generation.id, policy = %generation.label)
                .entered();
        self.next_id.fetch_max(generation.id + 1, Ordering::Relaxed);
        self.current.swap(Arc::new(generation))
    }
}
