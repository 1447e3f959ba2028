//! The reload pipeline and its bookkeeping.
//!
//! An attempt is: fingerprint the inputs (size-capped: an oversized file is
//! never read) → `policy::load` (parse, validate, sha256 pins, compile,
//! `validate-settings`, fixtures) → persist the last-known-good → atomic
//! swap → drop compiled components and aggregate stores no generation
//! uses. The last-known-good is written *before* the swap, so a `kill -9`
//! at any point restarts on a policy at least as new as the one that was
//! serving; a failed save is logged and reported in the status, and the
//! new generation serves anyway. Attempts are serialised by a lock and run
//! on the caller's thread: the watcher's own thread, or a blocking-pool
//! thread for the async entry point, never a request. Requests read the
//! generation with one atomic load and keep it to the end, so in-flight
//! requests finish on the generation they started with.

use super::candidate::{Agreement, CandidateStatus, verdict};
use super::lkg::{LastKnownGood, wasm_references};
use super::status::{ActiveInfo, Attempt, Counts, ReloadStatus, Trigger};
use crate::active::ActivePolicy;
use crate::decision::Decision;
use crate::features::Features;
use crate::policy::lists::{MAX_LIST_BYTES, declared_files};
use crate::policy::{
    self, Capped, FileStamp, Generation, MAX_POLICY_BYTES, PolicyError, read_capped,
};
use crate::runtime::Runtime;
use arc_swap::ArcSwapOption;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// What a reloader serves and where it keeps its state.
#[derive(Clone)]
pub struct ReloadOptions {
    /// The live policy file.
    pub policy: PathBuf,
    /// A candidate policy evaluated in shadow on the same traffic.
    pub candidate: Option<PathBuf>,
    /// Where the last-known-good copy lives; `None` disables it.
    pub last_known_good: Option<LastKnownGood>,
    /// The runtime the candidate compiles in; `None` makes a new one. It
    /// must not be the live runtime: the candidate's stateful detectors
    /// need aggregate stores of their own.
    pub candidate_runtime: Option<Arc<Runtime>>,
}

impl ReloadOptions {
    /// Serves `policy`, with the last-known-good copy in its default place.
    pub fn new(policy: impl Into<PathBuf>) -> Self {
        let policy = policy.into();
        ReloadOptions {
            last_known_good: Some(LastKnownGood::new(LastKnownGood::default_dir(&policy))),
            policy,
            candidate: None,
            candidate_runtime: None,
        }
    }
}

/// Why the process cannot start serving.
#[derive(Debug, thiserror::Error)]
#[error("{policy}\n{fallback}; refusing to start")]
pub struct StartError {
    /// Why the policy on disk was refused.
    pub policy: PolicyError,
    /// Why the last-known-good could not stand in.
    pub fallback: String,
}

/// Why an asynchronous reload did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    /// The policy was refused; the previous generation keeps serving.
    #[error(transparent)]
    Refused(#[from] PolicyError),
    /// The blocking task running the attempt did not finish.
    #[error("the reload task was interrupted: {0}")]
    Interrupted(String),
}

/// What a successful attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reloaded {
    /// A new generation is serving.
    Activated { generation: u64 },
    /// The inputs were unchanged since the last attempt; nothing was done.
    Unchanged { generation: u64 },
}

/// Largest plugin file the change check reads (the validator refuses
/// larger ones anyway); past it only the file's stamp is compared.
const MAX_INPUT_WASM_BYTES: u64 = 64 << 20;

/// How one input file looked at an attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seen {
    /// Read: the sha256 of its content.
    Content([u8; 32]),
    /// Over its cap: never read (nor parsed); its stamp (size, mtime,
    /// inode) says when it changed, so a refused oversized file is not
    /// touched again until then.
    TooLarge(FileStamp),
    /// Missing or unreadable.
    Unreadable,
}

impl Seen {
    fn read(path: &Path, cap: u64) -> (Seen, Option<Vec<u8>>) {
        match read_capped(path, cap) {
            Ok(Capped::Read(bytes)) => (Seen::Content(digest(&bytes)), Some(bytes)),
            Ok(Capped::TooLarge { stamp, .. }) => (Seen::TooLarge(stamp), None),
            Err(_) => (Seen::Unreadable, None),
        }
    }
}

/// The files a policy is made of (the policy, its plugins, its list
/// files), each as [`Seen`]. Two reads compare
/// equal when no input changed; the comparison is by content (stamps only
/// for files over their cap), so a symlink swap or a rename-over to
/// identical content is not a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Inputs {
    files: Vec<(PathBuf, Seen)>,
}

impl Inputs {
    pub(super) fn read(policy: &Path) -> Inputs {
        let (seen, text) = Seen::read(policy, MAX_POLICY_BYTES);
        let mut files = vec![(policy.to_path_buf(), seen)];
        let base = policy.parent().unwrap_or(Path::new("."));
        let text = text.as_deref().and_then(|t| std::str::from_utf8(t).ok());
        let refs = text.and_then(wasm_references).unwrap_or_default();
        for (wasm, _) in refs {
            let path = base.join(wasm);
            let (seen, _) = Seen::read(&path, MAX_INPUT_WASM_BYTES);
            files.push((path, seen));
        }
        // List files are part of the policy: a changed list is a changed
        // policy, and the set follows the policy text (a list added or
        // removed by an edit is watched or forgotten with it).
        for file in text.map(declared_files).unwrap_or_default() {
            let path = base.join(file);
            let (seen, _) = Seen::read(&path, MAX_LIST_BYTES);
            files.push((path, seen));
        }
        Inputs { files }
    }

    /// The input files, policy first.
    pub(super) fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(p, _)| p.as_path())
    }

    /// Directories to watch, canonicalised (so one directory is never
    /// watched twice under two names): each file's directory as named, and
    /// the directory of what it resolves to if it is a symlink (e.g. the
    /// `..2025_…` directory behind a ConfigMap's `..data`).
    pub(super) fn dirs(&self) -> BTreeSet<PathBuf> {
        let mut dirs = BTreeSet::new();
        for (path, _) in &self.files {
            let parent = match path.parent() {
                Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
                Some(p) => p.to_path_buf(),
                None => continue,
            };
            dirs.insert(std::fs::canonicalize(&parent).unwrap_or(parent));
            if let Some(real_parent) = std::fs::canonicalize(path)
                .ok()
                .and_then(|r| r.parent().map(Path::to_path_buf))
            {
                dirs.insert(real_parent);
            }
        }
        dirs
    }
}

fn digest(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The candidate generation and its agreement counters, swapped together.
pub(super) struct CandidateGen {
    pub generation: Arc<Generation>,
    pub agreement: Agreement,
}

struct CandidateSlot {
    path: PathBuf,
    runtime: Arc<Runtime>,
    current: ArcSwapOption<CandidateGen>,
}

#[derive(Default)]
struct State {
    from_lkg: bool,
    last_attempt: Option<Attempt>,
    last_failure: Option<Attempt>,
    counts: Counts,
    live_inputs: Option<Inputs>,
    candidate_inputs: Option<Inputs>,
    candidate_attempt: Option<Attempt>,
    lkg_note: Option<String>,
}

/// Owns the serving generation, the candidate, and the reload status.
pub struct Reloader {
    policy_path: PathBuf,
    active: Arc<ActivePolicy>,
    candidate: Option<CandidateSlot>,
    lkg: Option<LastKnownGood>,
    attempt_lock: Mutex<()>,
    state: Mutex<State>,
}

impl Reloader {
    /// Loads the policy and starts serving it. If the policy on disk is
    /// refused, serves the persisted last-known-good with a loud warning;
    /// fails only if there is none (or it is refused too). A candidate that
    /// fails to load is logged and left out; it never prevents start-up.
    pub fn start(options: ReloadOptions, runtime: Arc<Runtime>) -> Result<Reloader, StartError> {
        let started = Instant::now();
        let inputs = Inputs::read(&options.policy);
        let mut state = State::default();
        let generation = match policy::load(&options.policy, &runtime, 1) {
            Ok(g) => {
                state.last_attempt = Some(Attempt::succeeded(
                    Trigger::Startup,
                    g.id,
                    started.elapsed(),
                ));
                state.counts.ok = 1;
                g
            }
            Err(error) => {
                let attempt = Attempt::failed(Trigger::Startup, &error, started.elapsed());
                let fallback = match &options.last_known_good {
                    None => Err("no last-known-good store is configured".to_string()),
                    Some(lkg) => match lkg.policy_path() {
                        None => Err(format!(
                            "no last-known-good policy in {}",
                            lkg.dir().display()
                        )),
                        Some(path) => policy::load(&path, &runtime, 1)
                            .map_err(|e| e.to_string())
                            .and_then(|g| lkg.verify(&g).map(|()| g).map_err(|e| e.to_string()))
                            .map_err(|e| {
                                format!("the last-known-good policy was refused too: {e}")
                            }),
                    },
                };
                match fallback {
                    Err(fallback) => {
                        return Err(StartError {
                            policy: error,
                            fallback,
                        });
                    }
                    Ok(g) => {
                        let saved = options
                            .last_known_good
                            .as_ref()
                            .and_then(|l| l.manifest().ok().flatten())
                            .map_or_else(String::new, |m| {
                                format!(" (saved from {} at {} ms)", m.source, m.saved_at_ms)
                            });
                        tracing::error!(
                            policy = %options.policy.display(),
                            error = %error,
                            fallback = %g.label,
                            "THE POLICY ON DISK IS BROKEN: SERVING THE LAST-KNOWN-GOOD POLICY {}{saved}; fix the policy, it is reloaded as soon as it changes",
                            g.label
                        );
                        state.from_lkg = true;
                        state.counts.failed = 1;
                        state.last_failure = Some(attempt.clone());
                        state.last_attempt = Some(attempt);
                        g
                    }
                }
            }
        };
        state.live_inputs = Some(inputs);
        if !state.from_lkg {
            state.lkg_note = persist(options.last_known_good.as_ref(), &generation);
        }
        let candidate_runtime = options.candidate_runtime;
        let candidate = options.candidate.map(|path| CandidateSlot {
            path,
            runtime: candidate_runtime.unwrap_or_else(Runtime::new),
            current: ArcSwapOption::empty(),
        });
        let reloader = Reloader {
            policy_path: options.policy,
            active: Arc::new(ActivePolicy::new(runtime, generation)),
            candidate,
            lkg: options.last_known_good,
            attempt_lock: Mutex::new(()),
            state: Mutex::new(state),
        };
        tracing::info!(
            generation = reloader.active.current().id,
            policy = %reloader.active.current().label,
            millis = started.elapsed().as_secs_f64() * 1e3,
            "policy active"
        );
        if let Some(slot) = &reloader.candidate {
            reloader.attempt_candidate(slot, Trigger::Startup, true);
        }
        reloader.retain();
        Ok(reloader)
    }

    /// The serving generation. Hold the `Arc` for the whole request.
    pub fn current(&self) -> Arc<Generation> {
        self.active.current()
    }

    /// The underlying active policy (runtime, generation ids), to share
    /// with the server: it swaps when this reloader activates.
    pub fn active(&self) -> &Arc<ActivePolicy> {
        &self.active
    }

    /// The live policy file.
    pub fn policy_path(&self) -> &Path {
        &self.policy_path
    }

    /// The candidate generation, if one is loaded.
    pub fn candidate(&self) -> Option<Arc<Generation>> {
        let slot = self.candidate.as_ref()?;
        slot.current.load().as_ref().map(|c| c.generation.clone())
    }

    /// Decides `features` with the candidate (if any) and counts how its
    /// answer compares with `live`. Call it after the live decision is
    /// made; its result never changes the answer.
    pub fn shadow(&self, features: &Features, live: &Decision) -> Option<Decision> {
        let slot = self.candidate.as_ref()?;
        let current = slot.current.load_full()?;
        let decision = current.generation.decide(features);
        current
            .agreement
            .record(&features.id, verdict(live), verdict(&decision));
        Some(decision)
    }

    /// Reloads now (SIGHUP, admin endpoint, tests), even if no input changed.
    /// Blocks while compiling; call it off the request path.
    pub fn reload_blocking(&self, trigger: Trigger) -> Result<Reloaded, PolicyError> {
        self.attempt(trigger, true)
    }

    /// Reloads if the policy, a plugin or a list file it references changed since the
    /// last attempt (successful or not). The watcher's entry point.
    pub fn reload_if_changed(&self, trigger: Trigger) -> Result<Reloaded, PolicyError> {
        self.attempt(trigger, false)
    }

    /// [`Reloader::reload_blocking`] on tokio's blocking pool.
    pub async fn reload(self: &Arc<Self>, trigger: Trigger) -> Result<Reloaded, ReloadError> {
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.reload_blocking(trigger))
            .await
            .map_err(|e| ReloadError::Interrupted(e.to_string()))?
            .map_err(ReloadError::from)
    }

    /// Directories the watcher should watch now.
    pub(super) fn watch_dirs(&self) -> BTreeSet<PathBuf> {
        let state = self.lock_state();
        let mut dirs = BTreeSet::new();
        for inputs in [&state.live_inputs, &state.candidate_inputs]
            .into_iter()
            .flatten()
        {
            dirs.extend(inputs.dirs());
        }
        if dirs.is_empty() {
            dirs.extend(Inputs::read(&self.policy_path).dirs());
        }
        dirs
    }

    /// The files the serving policy and the candidate are made of (as of
    /// their last attempts), policy files first; the policy path if none
    /// was read yet.
    pub(super) fn input_paths(&self) -> Vec<PathBuf> {
        let state = self.lock_state();
        let mut paths: Vec<PathBuf> = [&state.live_inputs, &state.candidate_inputs]
            .into_iter()
            .flatten()
            .flat_map(|inputs| inputs.paths().map(Path::to_path_buf))
            .collect();
        if state.live_inputs.is_none() {
            paths.push(self.policy_path.clone());
        }
        if let Some(slot) = &self.candidate
            && state.candidate_inputs.is_none()
        {
            paths.push(slot.path.clone());
        }
        paths
    }

    fn lock_state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn attempt(&self, trigger: Trigger, force: bool) -> Result<Reloaded, PolicyError> {
        let _serial = self.attempt_lock.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(slot) = &self.candidate {
            self.attempt_candidate(slot, trigger, force);
        }
        let inputs = Inputs::read(&self.policy_path);
        {
            let mut state = self.lock_state();
            if !force && state.live_inputs.as_ref() == Some(&inputs) {
                state.counts.unchanged += 1;
                return Ok(Reloaded::Unchanged {
                    generation: self.active.current().id,
                });
            }
            state.live_inputs = Some(inputs);
        }
        let started = Instant::now();
        let id = self.active.next_generation_id();
        let loaded = policy::load(&self.policy_path, self.active.runtime(), id)
            .and_then(|g| self.guard_watched(trigger, g));
        match loaded {
            Ok(generation) => {
                let label = generation.label.clone();
                // Saved before the swap: a crash after it restarts on this
                // generation, never on the one it replaced.
                let saving = Instant::now();
                let note = persist(self.lkg.as_ref(), &generation);
                let saved_ms = saving.elapsed().as_secs_f64() * 1e3;
                let previous = self.active.activate(generation);
                let took = started.elapsed();
                tracing::info!(
                    generation = id,
                    previous = previous.id,
                    policy = %label,
                    trigger = trigger.as_str(),
                    millis = took.as_secs_f64() * 1e3,
                    last_known_good_millis = saved_ms,
                    "policy reloaded"
                );
                drop(previous);
                {
                    let mut state = self.lock_state();
                    state.from_lkg = false;
                    state.counts.ok += 1;
                    state.last_attempt = Some(Attempt::succeeded(trigger, id, took));
                    if note.is_some() {
                        state.lkg_note = note;
                    }
                }
                self.retain();
                Ok(Reloaded::Activated { generation: id })
            }
            Err(error) => {
                let attempt = Attempt::failed(trigger, &error, started.elapsed());
                let serving = self.active.current();
                tracing::error!(
                    trigger = trigger.as_str(),
                    serving = serving.id,
                    policy = %serving.label,
                    "policy reload refused; generation {} keeps serving:\n{error}",
                    serving.id
                );
                let mut state = self.lock_state();
                if error.is_transient() {
                    // Not a verdict on the file: try it again at the next
                    // re-check even though it has not changed.
                    state.live_inputs = None;
                }
                state.counts.failed += 1;
                state.last_failure = Some(attempt.clone());
                state.last_attempt = Some(attempt);
                Err(error)
            }
        }
    }

    /// A file change may not turn a policy that acts into one that allows
    /// every request without an override: that is what a file cut before
    /// its `[scoring]` looks like (a slow writer, a full disk). SIGHUP and
    /// the admin endpoint apply such a policy; the watcher refuses it.
    fn guard_watched(&self, trigger: Trigger, g: Generation) -> Result<Generation, PolicyError> {
        if trigger != Trigger::Watch
            || g.acts()
            || g.override_action.is_some()
            || !self.active.current().acts()
        {
            return Ok(g);
        }
        Err(PolicyError::Invalid {
            path: self.policy_path.display().to_string(),
            problems: vec![crate::policy::Problem {
                line: 1,
                column: 1,
                field: "scoring.ladder".to_string(),
                message: "nothing in this policy can produce an action other than allow (no ladder step, rule or on_failure above allow), while the serving one can: this is what a truncated or half-written file looks like, so the file watcher does not apply it. Reload with SIGHUP or POST /v1/admin/reload to apply it on purpose, or set override_action = \"allow\"".to_string(),
            }],
        })
    }

    fn attempt_candidate(&self, slot: &CandidateSlot, trigger: Trigger, force: bool) {
        let inputs = Inputs::read(&slot.path);
        {
            let mut state = self.lock_state();
            if !force && state.candidate_inputs.as_ref() == Some(&inputs) {
                return;
            }
            state.candidate_inputs = Some(inputs);
        }
        let started = Instant::now();
        let id = self.active.next_generation_id();
        let attempt = match policy::load(&slot.path, &slot.runtime, id) {
            Ok(generation) => {
                tracing::info!(generation = id, policy = %generation.label, "candidate policy loaded; evaluated in shadow");
                slot.current.store(Some(Arc::new(CandidateGen {
                    generation: Arc::new(generation),
                    agreement: Agreement::default(),
                })));
                Attempt::succeeded(trigger, id, started.elapsed())
            }
            Err(error) => {
                tracing::error!(
                    "candidate policy refused; the previous candidate (if any) stays:\n{error}"
                );
                Attempt::failed(trigger, &error, started.elapsed())
            }
        };
        self.lock_state().candidate_attempt = Some(attempt);
        if let Some(current) = slot.current.load().as_ref() {
            retain_for(&slot.runtime, &[&current.generation]);
        }
    }

    /// Drops compiled components and aggregate stores that neither the
    /// serving generation uses, so reloads do not accumulate them. In-flight
    /// requests on an older generation keep what they hold.
    fn retain(&self) {
        retain_for(self.active.runtime(), &[&self.active.current()]);
    }

    /// Everything `/v1/status` shows about reloading.
    pub fn status(&self) -> ReloadStatus {
        let current = self.active.current();
        let state = self.lock_state();
        let candidate = self.candidate.as_ref().map(|slot| {
            let loaded = slot.current.load_full();
            CandidateStatus {
                path: slot.path.display().to_string(),
                active: loaded
                    .as_ref()
                    .map(|c| ActiveInfo::of(&c.generation, false)),
                last_attempt: state.candidate_attempt.clone(),
                agreement: loaded.as_ref().map_or_else(
                    || Agreement::default().snapshot(),
                    |c| c.agreement.snapshot(),
                ),
            }
        });
        ReloadStatus {
            policy_path: self.policy_path.display().to_string(),
            active: ActiveInfo::of(&current, state.from_lkg),
            last_attempt: state.last_attempt.clone(),
            last_failure: state.last_failure.clone(),
            reloads: state.counts,
            cached_components: self.active.runtime().cached_components(),
            last_known_good: state.lkg_note.clone(),
            candidate,
        }
    }
}

/// Saves `generation` (compiled, not yet serving) as the last-known-good;
/// returns the note for the status. A failure is logged and reported, and
/// never stops the generation from serving.
fn persist(lkg: Option<&LastKnownGood>, generation: &Generation) -> Option<String> {
    let lkg = lkg?;
    Some(match lkg.save(generation) {
        Ok(true) => format!(
            "generation {} ({}) saved in {}",
            generation.id,
            generation.label,
            lkg.dir().display()
        ),
        Ok(false) => format!(
            "generation {} ({}) matches the saved copy in {}",
            generation.id,
            generation.label,
            lkg.dir().display()
        ),
        Err(e) => {
            tracing::error!(error = %e, generation = generation.id, "could not save the last-known-good policy; the new generation serves anyway, and a restart with a broken policy on disk would fall back to the previous copy (if any)");
            format!("not saved: {e}")
        }
    })
}

fn retain_for(runtime: &Runtime, generations: &[&Generation]) {
    let digests: Vec<[u8; 32]> = generations
        .iter()
        .flat_map(|g| g.active_plugins().map(|p| p.digest))
        .collect();
    let names: Vec<&str> = generations
        .iter()
        .flat_map(|g| g.plugins.iter().map(|s| &**s.name()))
        .collect();
    runtime.retain_components(&digests);
    runtime.aggregates.retain(&names);
}
