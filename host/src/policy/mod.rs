//! Policies: TOML in, an immutable [`Generation`] out.
//!
//! The pipeline is parse (`raw.rs`, `deny_unknown_fields`) → validate
//! (`validate.rs`: caps, names, ordering, files, sha256 pins) → compile
//! (`generation.rs`: load each plugin, have it validate its settings, run the
//! policy's fixtures). Only a compiled generation can serve, and it is never
//! mutated: a reload builds a new one and swaps it in whole.

pub mod condition;
mod error;
pub mod expect;
mod fields;
mod generation;
pub mod lists;
mod raw;
mod resolve;
mod source;
mod validate;

pub use crate::runtime::Isolation;
pub use error::{PolicyError, Problem};
pub use expect::Expect;
pub use fields::{field_names, parse_field};
pub use generation::{Generation, PluginSlot};
pub use raw::{Combine, Mode};
pub use source::{Capped, FileStamp, read_capped, read_policy};
pub use validate::{Rule, RuleKind, Segment, Step, Validated, ValidatedList, ValidatedPlugin};

use crate::runtime::Runtime;
use std::path::Path;
use std::sync::Arc;

/// Largest policy file accepted. The 2025-11-18 Cloudflare outage began with
/// a generated config file twice its expected size; refuse, don't panic.
pub const MAX_POLICY_BYTES: u64 = 1 << 20;

/// Parses, validates and compiles the policy at `path` into generation `id`.
pub fn load(path: &Path, runtime: &Arc<Runtime>, id: u64) -> Result<Generation, PolicyError> {
    let _span =
        tracing::info_span!("policy_load", path = %path.display(), generation = id).entered();
    let validated = validate::parse_and_validate(path)?;
    generation::compile(validated, runtime, id)
}
