//! Pieces shared by Palisade's default detector plugins. This is a plain
//! library (no `export_detector!`), so several detector components can link
//! it without exporting each other's interface.
//!
//! - [`lexicon`]: a compile-time word table (word hash → cue classes).
//! - [`extraction`]: reasoning-extraction cue analysis of a prompt (used by
//!   the `reasoning` detector per request and by `capability` per account).
//! - [`classify`]: the coarse capability class of a request.
//! - [`intent`]: multilingual harvesting intents from concept combinations.
//! - [`identity`]: who an account belongs to (verified org, company email
//!   domain, or itself) and free-mail domains.
//! - [`keys`]: short aggregate keys.
//! - [`memo`]: a small cache of what a detector derived from a repeated
//!   text (a system prompt).
//! - [`score`]: ramps and evidence combination; [`check`]: settings checks.
//! - [`testing`]: an aggregate-call counter for detector tests.

pub mod check;
pub mod classify;
pub mod extraction;
pub mod identity;
pub mod intent;
pub mod keys;
pub mod lexicon;
pub mod memo;
pub mod score;
pub mod testing;
