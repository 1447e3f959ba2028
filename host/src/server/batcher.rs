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
/// Most requests decided together before their answers go out. Every
/// request of a run waits for the whole run, so this bounds what a plugin
/// running to its deadline can cost the others (32 x its deadline at
/// worst, as it would one at a time); past ~16 the caches gain no more.
const MAX_RUN: usize = 32;

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
            self.schedule(shard);
        }
        answer.await.ok()
    }

    /// Spawns a flush of `shard`. Invariant: whenever a queue is not empty,
    /// a flush of it is scheduled. A task of its own, not a request's
    /// future: a client that hangs up must not take the others' answers
    /// with it.
    fn schedule(self: &Arc<Self>, shard: usize) {
        let batcher = self.clone();
        drop(tokio::spawn(async move {
            tokio::task::yield_now().await;
            batcher.flush(shard);
        }));
    }

    /// Decides the front of `shard`'s queue: up to [`MAX_RUN`] requests
    /// with the same policy generation, then answers them. What is left is
    /// another flush's, scheduled behind the answers just given, so their
    /// responses are written before the next run starts.
    fn flush(self: &Arc<Self>, shard: usize) {
        let run: Vec<Pending> = {
            let mut queue = self.queue(shard);
            let Some(generation) = queue.first().map(|p| p.generation.clone()) else {
                return;
            };
            let len = queue
                .iter()
                .take(MAX_RUN)
                .take_while(|p| Arc::ptr_eq(&p.generation, &generation))
                .count();
            let run = queue.drain(..len).collect();
            if !queue.is_empty() {
                self.schedule(shard);
            }
            run
        };
        let Some(generation) = run.first().map(|p| p.generation.clone()) else {
            return;
        };
        let _span = tracing::debug_span!("batch", size = run.len()).entered();
        let decisions = generation.decide_batch(&run);
        for (pending, decision) in run.into_iter().zip(decisions) {
            // The client may have gone; its decision still counted.
            let _ = pending.reply.send((decision, pending.features));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::FeatureLimits;
    use crate::runtime::Runtime;

    #[test]
    fn threads_get_stable_shards() {
        let here = shard_index();
        assert_eq!(here, shard_index());
        let there = std::thread::spawn(shard_index).join().unwrap();
        assert_ne!(here, there);
    }

    /// A plugin-free generation (every request allowed) with id `id`.
    fn generation(dir: &std::path::Path, id: u64) -> Arc<Generation> {
        let path = dir.join(format!("p{id}.toml"));
        std::fs::write(
            &path,
            "[policy]\nname = \"t\"\nversion = \"1\"\noverride_action = \"allow\"\n",
        )
        .unwrap();
        Arc::new(crate::policy::load(&path, &Runtime::new(), id).unwrap())
    }

    fn features(i: usize) -> Features {
        let json = format!(
            r#"{{"id":"r-{i}","ts_ms":1,"account":{{"id":"a"}},"client":{{"ip":"203.0.113.9"}},"request":{{"prompt":"x"}}}}"#
        );
        Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap()
    }

    #[test]
    fn every_request_gets_its_own_answer_from_its_own_generation() {
        let dir = tempfile::tempdir().unwrap();
        let (one, two) = (generation(dir.path(), 1), generation(dir.path(), 2));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let batcher = Arc::new(Batcher::default());
        let answers = runtime.block_on(async {
            // 200 requests ready at once (more than MAX_RUN), generations
            // alternating in runs of three, as around a reload.
            let tasks: Vec<_> = (0..200)
                .map(|i| {
                    let generation = if (i / 3) % 2 == 0 { &one } else { &two };
                    let (batcher, generation) = (batcher.clone(), generation.clone());
                    tokio::spawn(async move { batcher.decide(generation, features(i)).await })
                })
                .collect();
            let mut answers = Vec::new();
            for task in tasks {
                answers.push(task.await.unwrap());
            }
            answers
        });
        for (i, answer) in answers.into_iter().enumerate() {
            let (decision, features) = answer.expect("answered");
            assert_eq!(decision.id, format!("r-{i}"));
            assert_eq!(features.id, decision.id);
            let expected = if (i / 3) % 2 == 0 { 1 } else { 2 };
            assert_eq!(decision.generation, expected, "request {i}");
        }
        assert!(batcher.queue(shard_index()).is_empty());
    }
}
