//! Palisade: an edge engine that stops LLM distillation campaigns.
//!
//! Requests' features go through sandboxed WebAssembly detector plugins
//! chosen and weighted by a TOML policy; the verdicts combine into a
//! decision (allow, log, throttle, challenge, block) with its reasons.
//!
//! - [`features`]: the request JSON, parsed and validated.
//! - [`runtime`]: wasmtime engines, plugin loading, sandboxed calls.
//! - [`aggregates`]: per-plugin sliding-window state on event time.
//! - [`policy`]: TOML → validated → an immutable [`policy::Generation`].
//! - [`decision`]: actions, directives, decisions.
//! - [`eval`]: deterministic, streaming, parallel batch evaluation.
//! - [`reload`]: hot reload, last-known-good, candidate policies, diff.
//! - [`report`]: the self-contained HTML report of `eval` and `diff`.
//! - [`server`]: `palisade serve`, the HTTP decision service.

pub mod active;
pub mod aggregates;
pub mod decision;
pub mod eval;
pub mod features;
pub mod policy;
pub mod reload;
pub mod report;
pub mod runtime;
pub mod server;
pub mod summary;
