//! Dynamic batching of decisions on the worker threads.
//!
//! Under load, a worker wakes with many connections ready at once. Deciding
//! them one by one runs five plugins in turn per request, each evicting the
//! others' code and linear memory from the core's caches, and the kernel's
//! network work between requests evicts them again: measured, a decision
//! costs about 1.7x more inside the server than in a tight loop. The
//! batcher lets every request that is ready in the same scheduler pass
//! join one batch, which [`Generation::decide_batch`] runs plugin by
//! plugin while each is hot.
//!
//! There is no timer: the first request of a batch spawns the flush task
//! and the flush task yields once, so it runs after the requests the worker
//! already had in hand (and after one poll of the I/O driver). A lone
//! request waits for nothing but that one scheduler pass.

use crate::decision::Decision;
use crate::features::Features;
use crate::policy::Generation;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::oneshot;

/// Queues per batcher: one per worker thread in practice (threads beyond
/// share, which is still correct, only a little less local).
const SHARDS: usize = 16;

/// A request waiting for its batch.
struct Pending {
    generation: Arc<Generation>,
    features: Features,
    reply: oneshot::Sender<(Decision, Features)>,
}

impl AsRef<Features> for Pending {
    fn as_ref(&self) -> &Features {
        &self.features
    }
}

/// One worker's queue, on its own cache line.
#[repr(align(128))]
#[derive(Default)]
struct Shard(Mutex<Vec<Pending>>);

/// The per-worker queues of requests waiting to be decided together.
pub struct Batcher {
    shards: Box<[Shard]>,
}

impl Default for Batcher {
    fn default() -> Self {
        Batcher {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
        }
    }
}

/// This thread's queue: assigned once, in thread start order.
fn shard_index() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static SHARD: usize = NEXT.fetch_add(1, Ordering::Relaxed) % SHARDS;
    }
    SHARD.with(|s| *s)
}

impl Batcher {
    fn queue(&self, shard: usize) -> MutexGuard<'_, Vec<Pending>> {
        // Nothing in the queue can be left half-updated by a panic.
        self.shards[shard]
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Decides `features` with the batch now forming on this worker. Must
    /// be called on a Tokio runtime. `None` only if the flush task died,
    /// which the caller answers as an internal error.
    pub async fn decide(
        self: &Arc<Self>,
        generation: Arc<Generation>,
        features: Features,
    ) -> Option<(Decision, Features)> {
        let shard = shard_index();
        let (reply, answer) = oneshot::channel();
        let first = {
            let mut queue = self.queue(shard);
            queue.push(Pending {
                generation,
                features,
                reply,
            });
            queue.len() == 1
        };
        if first {
            // A task of its own, not this request's future: a client that
            // hangs up must not take the other requests' answers with it.
            let batcher = self.clone();
            drop(tokio::spawn(async move {
                tokio::task::yield_now().await;
                batcher.flush(shard);
            }));
        }
        answer.await.ok()
    }

    /// Decides everything queued on `shard`, a run of requests with the
    /// same policy generation at a time, and answers each.
    fn flush(&self, shard: usize) {
        let mut batch = std::mem::take(&mut *self.queue(shard));
        let _span = tracing::debug_span!("batch", size = batch.len()).entered();
        while !batch.is_empty() {
            let generation = batch[0].generation.clone();
            let run = batch
                .iter()
                .take_while(|p| Arc::ptr_eq(&p.generation, &generation))
                .count();
            let rest = batch.split_off(run);
            let decisions = generation.decide_batch(&batch);
            for (pending, decision) in batch.into_iter().zip(decisions) {
                // The client may have gone; its decision still counted.
                let _ = pending.reply.send((decision, pending.features));
            }
            batch = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_get_stable_shards() {
        let here = shard_index();
        assert_eq!(here, shard_index());
        let there = std::thread::spawn(shard_index).join().unwrap();
        assert_ne!(here, there);
    }
}
