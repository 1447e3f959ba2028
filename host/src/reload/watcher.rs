//! Watches the files a policy is made of and reloads when they change.
//!
//! What is watched: the policy file's directory and each referenced plugin
//! file's directory, non-recursively, plus the directories their symlinks
//! resolve to; the set is re-resolved after every attempt, so a policy that
//! starts referencing a plugin elsewhere gets that directory watched.
//! Watching directories rather than files is what makes the real-world
//! change patterns work:
//!
//! - **editor temp file + rename** (vim, `sed -i`, most config tools): the
//!   file's inode changes; a file watch would be left on the old inode, a
//!   directory watch sees the `moved_to`.
//! - **Kubernetes ConfigMap volumes**: the kubelet writes a new `..2025_…`
//!   directory and renames a `..data_tmp` symlink over `..data`; the policy
//!   path (`policy.toml → ..data/policy.toml`) never changes itself. The
//!   directory watch sees the rename.
//! - **partial writes** (a slow copy, `cat > file`): events are debounced
//!   until the directory has been quiet for [`WatchOptions::debounce`]
//!   (bounded by [`WatchOptions::max_delay`]); if the file is still partial
//!   then, it fails to parse and the attempt is refused like any broken
//!   policy; the next write event triggers a new attempt.
//! - **delete and recreate**: the delete makes an attempt fail (cannot
//!   read; the old generation keeps serving), the create triggers another.
//!
//! Whether something changed is decided by content: the sha256 of the
//! policy and of every plugin it references, compared with the last
//! attempt's. Inode numbers and mtimes are never used, so a symlink swap to
//! identical content reloads nothing, and a wake-up caused by an unrelated
//! file in the same directory costs a few hashes. Every
//! [`WatchOptions::recheck`] the inputs are also re-read without an event,
//! which covers file systems that do not deliver events (some network
//! mounts) and directories that did not exist yet.
//!
//! Not guaranteed: a writer that truncates and rewrites a file in place can
//! be caught mid-write with a prefix that happens to be a valid policy
//! (fixtures catch most such prefixes); write a temporary file and rename
//! it for atomic changes.

use super::reloader::Reloader;
use super::status::Trigger;
use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How the watcher waits.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    /// Quiet time after the last event before an attempt.
    pub debounce: Duration,
    /// Longest wait after the first event, even if events keep coming.
    pub max_delay: Duration,
    /// Re-read the inputs this often without an event; `None` never.
    pub recheck: Option<Duration>,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            debounce: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            recheck: Some(Duration::from_secs(5)),
        }
    }
}

/// Why the watcher could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot start the file watcher: {0}")]
    Notify(#[from] notify::Error),
    #[error("cannot start the watcher thread: {0}")]
    Thread(#[from] std::io::Error),
}

enum Message {
    Event(notify::Result<notify::Event>),
    Stop,
}

/// A running watcher; dropping it stops the thread.
pub struct Watcher {
    stop: mpsc::Sender<Message>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.stop.send(Message::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts watching `reloader`'s inputs on a dedicated thread, which also
/// runs the attempts (compilation never happens on a request thread).
pub fn watch(reloader: Arc<Reloader>, options: WatchOptions) -> Result<Watcher, WatchError> {
    let (tx, rx) = mpsc::channel();
    let events = tx.clone();
    let mut notifier = notify::recommended_watcher(move |event| {
        let _ = events.send(Message::Event(event));
    })?;
    let mut watched = BTreeSet::new();
    sync(&mut notifier, &mut watched, reloader.watch_dirs());
    let thread = std::thread::Builder::new()
        .name("palisade-watch".to_string())
        .spawn(move || run(reloader, options, notifier, watched, rx))?;
    Ok(Watcher {
        stop: tx,
        thread: Some(thread),
    })
}

fn run(
    reloader: Arc<Reloader>,
    options: WatchOptions,
    mut notifier: notify::RecommendedWatcher,
    mut watched: BTreeSet<PathBuf>,
    rx: mpsc::Receiver<Message>,
) {
    let forever = Duration::from_secs(3600);
    loop {
        let wait = options.recheck.unwrap_or(forever);
        match rx.recv_timeout(wait) {
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Message::Event(event)) => {
                if !relevant(&event, &mut watched) {
                    continue;
                }
                // Trailing-edge debounce, bounded by max_delay.
                let first = Instant::now();
                let mut last = first;
                loop {
                    let deadline = (last + options.debounce).min(first + options.max_delay);
                    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                        Ok(Message::Event(event)) => {
                            if relevant(&event, &mut watched) {
                                last = Instant::now();
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                    }
                }
            }
        }
        // Refusals are logged and recorded by the reloader.
        let _ = reloader.reload_if_changed(Trigger::Watch);
        sync(&mut notifier, &mut watched, reloader.watch_dirs());
    }
}

/// Whether an event can mean an input changed. Opens and reads (including
/// the reloader's own) cannot. A watched directory that disappears is
/// forgotten, so it is watched again once it comes back.
fn relevant(event: &notify::Result<notify::Event>, watched: &mut BTreeSet<PathBuf>) -> bool {
    match event {
        Err(e) => {
            tracing::debug!(error = %e, "file watcher error; re-checking the inputs");
            true
        }
        Ok(event) => match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            EventKind::Remove(_) => {
                for path in &event.paths {
                    watched.remove(path);
                }
                true
            }
            _ => true,
        },
    }
}

/// Makes the set of watched directories `want`. A directory that cannot be
/// watched (not there yet) is retried at the next sync.
fn sync(
    notifier: &mut notify::RecommendedWatcher,
    watched: &mut BTreeSet<PathBuf>,
    want: BTreeSet<PathBuf>,
) {
    for gone in watched.difference(&want).cloned().collect::<Vec<_>>() {
        let _ = notifier.unwatch(&gone);
        watched.remove(&gone);
    }
    for dir in want {
        if watched.contains(&dir) {
            continue;
        }
        match notifier.watch(&dir, RecursiveMode::NonRecursive) {
            Ok(()) => {
                tracing::debug!(dir = %dir.display(), "watching");
                watched.insert(dir);
            }
            Err(e) => {
                tracing::debug!(dir = %dir.display(), error = %e, "cannot watch yet; will retry")
            }
        }
    }
}
