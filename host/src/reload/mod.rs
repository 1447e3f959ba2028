//! Hot reload: validated, atomic policy and plugin swaps; the
//! last-known-good; candidate policies in shadow.
//!
//! - [`Reloader`] (`reloader.rs`) owns the serving generation. An attempt
//!   runs the whole pipeline of [`crate::policy::load`] (parse, validate,
//!   sha256 pins, compile, `validate-settings`, fixtures) off the request
//!   path and swaps the result in atomically; a refused policy leaves the
//!   previous generation serving and is reported (log, metric, status).
//! - [`watch`] (`watcher.rs`) reloads on file changes: rename-over,
//!   ConfigMap `..data` swaps, partial writes, delete and recreate.
//! - [`reload_on_sighup`] (`signal.rs`) and [`admin_router`] (`admin.rs`,
//!   `POST /v1/admin/reload`, bearer token, absent without one).
//! - [`LastKnownGood`] (`lkg.rs`) persists each activated generation so a
//!   restart with a broken policy on disk still serves.
//! - Candidates (`candidate.rs`): a second policy decides the same traffic
//!   in shadow; [`AgreementMatrix`] counts live × candidate actions;
//!   [`diff()`] (`diff.rs`) computes the same matrix offline.
//! - `serving.rs`: the glue for `palisade serve` ([`ReloadCollector`] for
//!   `/metrics`; `Reloader` as the server's `StatusExtra` and `Shadow`).

mod admin;
mod candidate;
mod diff;
mod lkg;
mod reloader;
mod serving;
mod signal;
mod status;
mod watcher;

pub use admin::{AdminToken, MIN_TOKEN_BYTES, RELOAD_PATH, TOKEN_ENV, TokenError, admin_router};
pub use candidate::{Agreement, AgreementMatrix, CandidateStatus, Disagreement, Row, verdict};
pub use diff::{DiffError, DiffExample, DiffReport, diff};
pub use lkg::{LastKnownGood, LkgError, Manifest, StoredPlugin};
pub use reloader::{ReloadError, ReloadOptions, Reloaded, Reloader, StartError};
pub use serving::ReloadCollector;
pub use signal::reload_on_sighup;
pub use status::{ActiveInfo, Attempt, Counts, ProblemReport, ReloadStatus, Trigger, unix_ms};
pub use watcher::{WatchError, WatchOptions, Watcher, watch};
