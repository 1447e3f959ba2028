//! Watches the files a policy is made of and reloads when they change.
//!
//! What is watched: the policy file's directory and the directory of each
//! plugin file and list file (`[lists.NAME] file`) it references,
//! non-recursively, plus the directories their symlinks resolve to; the
//! set is re-resolved after every attempt, so a policy that starts
//! referencing a plugin or a list elsewhere gets that directory watched
//! (and one that stops, forgets it). A list file is an input like the
//! policy: every rule below (write window, debounce, re-check) applies to
//! it, and a bad list is refused with the policy around it.
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
//! - **partial writes** (a slow copy, `cat > file`, a writer pausing
//!   between chunks): a prefix of a policy can itself be a valid policy
//!   (about 13% of the shipped file's byte prefixes parse), so nothing
//!   written in place is loaded while its writer still has it open: a
//!   write event on an input opens a window that only the
//!   writer's close (inotify `IN_CLOSE_WRITE`), a rename or a delete ends,
//!   however long the writer pauses. Then events are debounced until the
//!   directory has been quiet for [`WatchOptions::debounce`] (bounded by
//!   [`WatchOptions::max_delay`]). A rename-over never opens the window, so
//!   it stays as fast as before. For writers that close between chunks,
//!   what a truncated policy looks like is refused: no plugin (validation),
//!   or, from the watcher only, a change to a policy in which nothing can
//!   act any more (`Reloader`'s guard; SIGHUP and the admin endpoint apply
//!   such a policy on purpose).
//! - **delete and recreate**: the delete makes an attempt fail (cannot
//!   read; the old generation keeps serving), the create triggers another.
//!
//! Whether something changed is decided by content: the sha256 of the
//! policy and of every plugin and list file it references, compared with the last
//! attempt's; a file over its size cap is never read, and is compared by
//! size, mtime and inode instead, so an oversized policy is refused once
//! and not touched again until it changes. A wake-up caused by an
//! unrelated file in the same directory costs a few hashes. Every
//! [`WatchOptions::recheck`] the inputs are also re-read without an event,
//! which covers file systems that do not deliver events (some network
//! mounts) and directories that did not exist yet; a change seen only that
//! way must look the same (size, mtime, inode) at two re-checks in a row
//! before it is loaded, since no close event can say the writer is done.
//!
//! Not guaranteed: a writer that closes the file between chunks *and*
//! pauses longer than the debounce, leaving a prefix that cuts only
//! fixtures or trailing directives, can have that prefix loaded until the
//! rest arrives; write a temporary file and rename it for atomic changes.

use super::reloader::Reloader;
use super::status::Trigger;
use crate::policy::FileStamp;
use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
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
    // Files written in place whose writer has not closed them yet.
    let mut writing = BTreeSet::new();
    let mut held: Option<PathBuf> = None;
    let mut last_stamps: Option<Vec<Option<FileStamp>>> = None;
    loop {
        let wait = options.recheck.unwrap_or(forever);
        let recheck = match rx.recv_timeout(wait) {
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => true,
            Ok(Message::Event(event)) => {
                if !relevant(&event, &mut watched, &mut writing) {
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
                            if relevant(&event, &mut watched, &mut writing) {
                                last = Instant::now();
                            }
                        }
                        Err(RecvTimeoutError::Timeout) => break,
                    }
                }
                false
            }
        };
        let inputs = reloader.input_paths();
        // Gate 1: an input being written in place waits for its writer to
        // close it (a slow writer's prefix can be a valid policy).
        if let Some(path) = being_written(&inputs, &writing) {
            if held.as_ref() != Some(&path) {
                tracing::info!(
                    file = %path.display(),
                    "the file is open for writing; it is loaded once its writer closes it (SIGHUP or the admin endpoint reload at once)"
                );
                held = Some(path);
            }
            continue;
        }
        held = None;
        // Gate 2, for file systems without events: a change seen only by
        // the periodic re-check must look the same (size, mtime, inode) at
        // two re-checks in a row.
        if recheck {
            let stamps: Vec<_> = inputs.iter().map(|p| FileStamp::read(p).ok()).collect();
            let settled = last_stamps.as_ref() == Some(&stamps);
            last_stamps = Some(stamps);
            if !settled {
                continue;
            }
        }
        // Refusals are logged and recorded by the reloader.
        let _ = reloader.reload_if_changed(Trigger::Watch);
        sync(&mut notifier, &mut watched, reloader.watch_dirs());
    }
}

/// The first input that a writer still holds open after writing to it, if
/// any. Event paths name a file by its watched (canonical) directory, so
/// each input is compared as named, by its canonical directory, and by
/// what it resolves to.
fn being_written(inputs: &[PathBuf], writing: &BTreeSet<PathBuf>) -> Option<PathBuf> {
    if writing.is_empty() {
        return None;
    }
    inputs
        .iter()
        .find(|input| {
            let by_dir = input.parent().and_then(|dir| {
                let dir = if dir.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    dir
                };
                Some(std::fs::canonicalize(dir).ok()?.join(input.file_name()?))
            });
            let resolved = std::fs::canonicalize(input).ok();
            [Some((*input).clone()), by_dir, resolved]
                .into_iter()
                .flatten()
                .any(|key| writing.contains(&key))
        })
        .cloned()
}

/// Whether an event can mean an input changed, and which files are being
/// written in place (a write opens the window, the writer's close ends it,
/// and so do a rename or a delete). Opens and reads
/// (including the reloader's own) are not changes. A watched directory
/// that disappears is forgotten, so it is watched again once it comes back.
fn relevant(
    event: &notify::Result<notify::Event>,
    watched: &mut BTreeSet<PathBuf>,
    writing: &mut BTreeSet<PathBuf>,
) -> bool {
    match event {
        Err(e) => {
            tracing::debug!(error = %e, "file watcher error; re-checking the inputs");
            // Events may have been lost: forget who was writing rather
            // than wait for a close that may never be seen.
            writing.clear();
            true
        }
        Ok(event) => match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for path in &event.paths {
                    writing.remove(path);
                }
                true
            }
            EventKind::Access(_) => false,
            // A create alone opens nothing: a symlink or hard link arrives
            // whole and is never closed; a file's first write says it.
            EventKind::Modify(ModifyKind::Data(_)) => {
                writing.extend(event.paths.iter().cloned());
                true
            }
            EventKind::Modify(ModifyKind::Name(_)) => {
                for path in &event.paths {
                    writing.remove(path);
                }
                true
            }
            EventKind::Remove(_) => {
                for path in &event.paths {
                    watched.remove(path);
                    writing.remove(path);
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
