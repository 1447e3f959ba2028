//! # Coverage sweeps: an account that walks a capability × language grid
//!
//! **Signal.** A data factory wants every cell of a grid — build, fix,
//! refactor, test, explain, … × Python, Rust, Go, … (or × Russian, Spanish,
//! Chinese, …) — and assigns its tasks so the grid fills evenly. A person
//! works in one or two languages on whatever the day brings, so their
//! requests fall into few cells and return to them. Per account, in a
//! window, the host keeps the number of requests and the distinct cells
//! and languages ([`crate::features`]); the part scores many distinct
//! cells, nearly one per request (evenness), with both dimensions varied:
//! several languages and several cells per language (a localisation job
//! varies the language only, a polyglot refactoring job the capability
//! only).
//!
//! **Sources.** Issue 12 ("tasks from a factory that sweeps a language ×
//! capability grid"); SIGNALS.md, "What they harvested" (agentic coding,
//! tool use, data analysis) and "How it looked in the traffic"
//! (training-data-shaped prompts).
//!
//! **Known false positives.** Polyglot consultants and teachers preparing
//! exercises in several languages; benchmark authors (usually a verified
//! org, scaled down). The capability words are English, so a non-English
//! factory varies only the language here and is left to the content and
//! cohort signals.
//!
//! **Cost.** Three aggregate calls.

use crate::features::Features;
use palisade_common::check;
use palisade_common::keys;
use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_sdk::Aggregates;
use serde::Deserialize;

/// Sweep settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window, ms (default 7 days).
    pub window_ms: u64,
    /// Distinct cells at which the part starts and peaks (default [4, 10], log).
    pub cells: [f64; 2],
    /// Distinct cells per request at which evenness starts and peaks
    /// (default [0.5, 0.85]).
    pub evenness: [f64; 2],
    /// Distinct languages at which the grid factor starts and peaks
    /// (default [2, 4]).
    pub grid: [f64; 2],
    /// Distinct cells per language (about the capabilities used in each)
    /// at which the grid factor starts and peaks (default [1.5, 3]); the
    /// factor is the lower of the two.
    pub per_language: [f64; 2],
    /// Score of a full, even sweep (default 0.6).
    pub max_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::WEEK_MS,
            cells: [4.0, 10.0],
            evenness: [0.5, 0.85],
            grid: [2.0, 4.0],
            per_language: [1.5, 3.0],
            max_score: 0.6,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::window("sweep.window_ms", self.window_ms)?;
        crate::pair("sweep.cells", self.cells, 1.0, 1e6)?;
        crate::pair("sweep.evenness", self.evenness, 0.0, 1.0)?;
        crate::pair("sweep.grid", self.grid, 1.0, 1e3)?;
        crate::pair("sweep.per_language", self.per_language, 1.0, 1e3)?;
        check::range("sweep.max_score", self.max_score, 0.0, 1.0)
    }
}

/// Records the request's cell and adds the sweep part; returns the
/// account's requests in the window (this one included).
pub fn score(
    s: &Settings,
    acct_hash: u64,
    f: &Features,
    agg: &mut dyn Aggregates,
    e: &mut Evidence,
) -> u64 {
    let w = s.window_ms;
    let language = f.language();
    let requests = agg.counter_add(&keys::hashed("R", acct_hash), w, 1);
    let mut cell = String::with_capacity(language.len() + f.capability.len() + 1);
    cell.push_str(f.capability);
    cell.push('/');
    cell.push_str(language);
    let cells = agg.distinct_add(&keys::hashed("C", acct_hash), w, &cell);
    let languages = agg.distinct_add(&keys::hashed("L", acct_hash), w, language);
    // Cells per language: about the capabilities used in each.
    let per_language = cells as f64 / languages.max(1) as f64;
    let evenness = cells as f64 / requests.max(1) as f64;
    let grid = ramp(languages as f64, s.grid[0], s.grid[1]).min(ramp(
        per_language,
        s.per_language[0],
        s.per_language[1],
    ));
    let p = s.max_score
        * ramp_log(cells as f64, s.cells[0], s.cells[1])
        * ramp(evenness, s.evenness[0], s.evenness[1])
        * grid;
    crate::add(e, p, "coverage-sweep", || {
        format!(
            "{cells} distinct capability × language cells in {requests} requests ({languages} languages) in {}",
            check::span(w)
        )
    });
    requests
}
