//! The Palisade plugin SDK: write a detector plugin in plain Rust.
//!
//! A detector implements [`Detector`] and is exported with
//! [`export_detector!`]. The same code compiles natively (for unit tests,
//! with [`testing::MemoryAggregates`] standing in for the host) and to a
//! `wasm32-wasip2` component, where the SDK supplies the glue to the
//! `palisade:detector` WIT interface it ships in `wit/detector.wit`. Keeping
//! the logic free of the bindings is what lets a detector be tested without
//! a Wasm runtime.
//!
//! # A complete plugin
//!
//! ```
//! use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
//! use serde::Deserialize;
//!
//! /// Settings from the policy's `[plugin.settings]` table, as JSON.
//! #[derive(Deserialize)]
//! #[serde(deny_unknown_fields, default)] // a typo in the policy is refused at load
//! pub struct Settings {
//!     pub per_minute: u64,
//! }
//! impl Default for Settings {
//!     fn default() -> Self { Settings { per_minute: 10 } }
//! }
//!
//! pub struct Burst { settings: Settings }
//!
//! impl Detector for Burst {
//!     type Settings = Settings;
//!     fn metadata() -> Metadata {
//!         Metadata {
//!             name: "burst",
//!             version: "0.1.0",
//!             description: "prompts per account per minute",
//!             reads: Fields::PROMPT, // account.id and ts_ms are always sent
//!         }
//!     }
//!     fn validate(s: &Settings) -> Result<(), String> {
//!         if s.per_minute == 0 {
//!             return Err("per_minute: must be at least 1".into());
//!         }
//!         Ok(())
//!     }
//!     fn new(settings: Settings) -> Self { Burst { settings } }
//!     fn detect(&self, r: &Request, agg: &mut dyn Aggregates) -> Verdict {
//!         let n = agg.counter_add(&r.account.id, 60_000, 1);
//!         let score = (n as f64 / self.settings.per_minute as f64 / 2.0).min(1.0);
//!         Verdict { score, reasons: vec![format!("{n} requests in the last minute")], tags: vec![] }
//!     }
//! }
//!
//! export_detector!(Burst);
//!
//! // A native unit test of the same code:
//! let detector = Burst::new(palisade_sdk::parse_settings::<Burst>(r#"{"per_minute": 2}"#).unwrap());
//! let mut agg = palisade_sdk::testing::MemoryAggregates::new();
//! let request = Request::default();
//! detector.detect(&request, &mut agg);
//! assert_eq!(detector.detect(&request, &mut agg).score, 0.5);
//! ```
//!
//! Its `Cargo.toml` needs `[lib] crate-type = ["cdylib", "rlib"]` (the
//! `cdylib` is the component; the `rlib` lets tests and other crates link
//! it) and `palisade-sdk` plus `serde` (with `derive`) as dependencies. Build
//! it with `cargo build --release --target wasm32-wasip2`, or
//! `palisade plugin build`; `palisade plugin new NAME` writes such a project.
//!
//! # Versions
//!
//! The SDK's WIT is `palisade:detector@`[`INTERFACE_VERSION`]. A host
//! accepts plugins of the same major version (for 0.x, the same minor).

// Every public item is documented (also set in Cargo.toml's [lints], which
// a copy of the crate keeps).
#![deny(missing_docs)]

// Lets generated code name this crate by its public path from inside it too.
extern crate self as palisade_sdk;

mod request;
pub mod testing;
pub mod text;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod guest;

pub use request::{Account, Call, Client, Fields, Request};

/// The version of the `palisade:detector` WIT package this SDK builds
/// plugins against (the `@…` of `wit/detector.wit`).
///
/// ```
/// assert!(palisade_sdk::INTERFACE_VERSION.starts_with("0.1."));
/// ```
pub const INTERFACE_VERSION: &str = "0.1.0";

/// A detector's finding on one request.
///
/// The host clamps `score` into [0, 1], keeps at most 16 reasons and 16
/// tags, and cuts each to 256 bytes.
///
/// ```
/// use palisade_sdk::Verdict;
/// let v = Verdict {
///     score: 0.8,
///     reasons: vec!["asks for the hidden reasoning".into()],
///     tags: vec!["cot-elicitation".into()],
/// };
/// assert!(v.score > Verdict::clean().score);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Verdict {
    /// Suspicion in [0, 1].
    pub score: f64,
    /// Short, human-readable explanations an analyst can act on.
    pub reasons: Vec<String>,
    /// Stable machine-readable labels (for rules and dashboards).
    pub tags: Vec<String>,
}

impl Verdict {
    /// A verdict that finds nothing: score 0, no reasons, no tags.
    ///
    /// ```
    /// assert_eq!(palisade_sdk::Verdict::clean().score, 0.0);
    /// ```
    pub fn clean() -> Self {
        Self::default()
    }
}

/// When a key was first and last seen, and how often (what
/// [`Aggregates::touch`] and [`Aggregates::peek`] return).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// Event time of the first sighting, ms since the Unix epoch.
    pub first_ms: u64,
    /// Event time of the latest sighting.
    pub last_ms: u64,
    /// Number of sightings.
    pub count: u64,
}

/// Aggregates over past traffic, kept by the host and namespaced per plugin
/// (no plugin sees another's keys).
///
/// Windows run on the current request's event time (`ts_ms`), so replaying
/// a log gives the answers the live traffic got. Memory is capped by the
/// policy (`aggregate_mib`); the least recently used keys are evicted, so a
/// count may restart from zero. Distinct counts are estimates in the host
/// (exact in [`testing::MemoryAggregates`]).
///
/// ```
/// use palisade_sdk::Aggregates;
/// use palisade_sdk::testing::MemoryAggregates;
///
/// let mut agg = MemoryAggregates::new();
/// agg.now_ms = 1_000;
/// assert_eq!(agg.counter_add("acct-1", 60_000, 1), 1);
/// assert_eq!(agg.counter_add("acct-1", 60_000, 1), 2);
/// assert_eq!(agg.distinct_add("acct-1:ips", 60_000, "203.0.113.9"), 1);
/// assert!(agg.touch("acct-1").is_none()); // never seen before this call
/// assert_eq!(agg.peek("acct-1").map(|s| s.count), Some(1));
/// ```
pub trait Aggregates {
    /// Adds `n` to a sliding-window counter and returns the window total.
    fn counter_add(&mut self, key: &str, window_ms: u64, n: u64) -> u64;
    /// Reads a sliding-window counter.
    fn counter_read(&mut self, key: &str, window_ms: u64) -> u64;
    /// Adds `item` to an approximate distinct set and returns the estimate.
    fn distinct_add(&mut self, key: &str, window_ms: u64, item: &str) -> u64;
    /// Reads an approximate distinct count.
    fn distinct_read(&mut self, key: &str, window_ms: u64) -> u64;
    /// Records a sighting and returns what was known before it.
    fn touch(&mut self, key: &str) -> Option<Seen>;
    /// Returns what is known about a key without recording anything.
    fn peek(&mut self, key: &str) -> Option<Seen>;
}

/// Static facts about a detector, reported to the host at load (and shown
/// by `palisade check` and `palisade plugin inspect`).
///
/// ```
/// use palisade_sdk::{Fields, Metadata};
/// let m = Metadata {
///     name: "keywords",
///     version: "0.1.0",
///     description: "prompts that ask for hidden reasoning",
///     reads: Fields::PROMPT | Fields::SYSTEM_PROMPT,
/// };
/// assert!(m.reads.contains(Fields::PROMPT));
/// ```
#[derive(Debug, Clone)]
pub struct Metadata {
    /// The plugin's name (the policy names its instance separately).
    pub name: &'static str,
    /// The plugin's own version.
    pub version: &'static str,
    /// One line on what it detects.
    pub description: &'static str,
    /// The request fields the detector reads; the host sends no others.
    pub reads: Fields,
}

/// A detector plugin. One value is built per Wasm instance from the policy's
/// settings and then scores requests.
///
/// See the [crate-level example](crate#a-complete-plugin) for a whole
/// plugin. The host calls, per instance: [`Detector::metadata`] once at
/// load, `validate` (through [`parse_settings`]) when a policy is checked,
/// [`Detector::new`] once, then [`Detector::detect`] per request. An
/// instance may be fresh per request (`isolation = "fresh"`, the default)
/// or reused, so keep state in [`Aggregates`], not in `self`.
pub trait Detector: Sized + 'static {
    /// The plugin's settings, deserialized from the policy's settings table.
    /// Use `#[serde(deny_unknown_fields)]` so typos are caught at load.
    type Settings: serde::de::DeserializeOwned;

    /// Name, version and the fields read.
    fn metadata() -> Metadata;

    /// Checks settings beyond what deserialization checks (ranges, ordering).
    fn validate(settings: &Self::Settings) -> Result<(), String> {
        let _ = settings;
        Ok(())
    }

    /// Whether `detect` calls the host's aggregates. Say `false` for a
    /// stateless detector: the host then refuses it aggregates and can run
    /// it on parallel instances in a deterministic replay.
    fn uses_aggregates() -> bool {
        true
    }

    /// Builds the detector from validated settings.
    fn new(settings: Self::Settings) -> Self;

    /// Scores one request.
    fn detect(&self, request: &Request, aggregates: &mut dyn Aggregates) -> Verdict;
}

/// Parses and validates a settings JSON document for `D`, with an error that
/// names the offending field. This is what the host's `validate-settings`
/// call runs; use it in unit tests to build a detector the way the host does.
///
/// ```
/// # use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict};
/// # #[derive(serde::Deserialize)]
/// # #[serde(deny_unknown_fields)]
/// # struct Settings { limit: u32 }
/// # struct D;
/// # impl Detector for D {
/// #     type Settings = Settings;
/// #     fn metadata() -> Metadata {
/// #         Metadata { name: "d", version: "0", description: "", reads: Fields::empty() }
/// #     }
/// #     fn new(_: Settings) -> Self { D }
/// #     fn detect(&self, _: &Request, _: &mut dyn Aggregates) -> Verdict { Verdict::clean() }
/// # }
/// assert!(palisade_sdk::parse_settings::<D>(r#"{"limit": 3}"#).is_ok());
/// let err = palisade_sdk::parse_settings::<D>(r#"{"limt": 3}"#).err().unwrap_or_default();
/// assert!(err.contains("limt"), "{err}");
/// ```
pub fn parse_settings<D: Detector>(json: &str) -> Result<D::Settings, String> {
    let settings: D::Settings = serde_json::from_str(json).map_err(|e| e.to_string())?;
    D::validate(&settings)?;
    Ok(settings)
}

/// Exports a [`Detector`] as the plugin's `palisade:detector/detector`
/// interface. On native targets it expands to nothing, so the crate still
/// builds and tests natively. Use it once per plugin crate, at its root.
///
/// ```
/// use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
///
/// pub struct Quiet;
/// impl Detector for Quiet {
///     type Settings = serde_json::Value; // accepts any settings
///     fn metadata() -> Metadata {
///         Metadata { name: "quiet", version: "0.1.0", description: "never fires", reads: Fields::empty() }
///     }
///     fn uses_aggregates() -> bool { false }
///     fn new(_: serde_json::Value) -> Self { Quiet }
///     fn detect(&self, _: &Request, _: &mut dyn Aggregates) -> Verdict { Verdict::clean() }
/// }
///
/// export_detector!(Quiet);
/// ```
#[macro_export]
macro_rules! export_detector {
    ($detector:ty) => {
        #[cfg(target_arch = "wasm32")]
        const _: () = {
            type PalisadeExport = $crate::guest::Adapter<$detector>;
    $crate::guest::bindings::export!(PalisadeExport with_types_in $crate::guest::bindings);
        };
    };
}

#[cfg(test)]
mod tests {
    /// The SDK ships its own copy of the WIT (so a copy of the crate builds
    /// outside the repository); in the repository it must stay byte-identical
    /// to the host's `wit/detector.wit`. Skipped in a copy outside the repo.
    #[test]
    fn shipped_wit_is_identical_to_the_repository_wit() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let ours = std::fs::read(dir.join("wit/detector.wit")).unwrap();
        let repo_wit = dir.join("../../wit/detector.wit");
        let Ok(theirs) = std::fs::read(&repo_wit) else {
            eprintln!(
                "{} not found: not in the Palisade repository, skipped",
                repo_wit.display()
            );
            return;
        };
        assert!(
            ours == theirs,
            "plugins/sdk/wit/detector.wit differs from wit/detector.wit: copy wit/detector.wit over it"
        );
    }

    #[test]
    fn interface_version_matches_the_shipped_wit() {
        let wit = include_str!("../wit/detector.wit");
        let expected = format!("package palisade:detector@{};", super::INTERFACE_VERSION);
        assert!(
            wit.contains(&expected),
            "wit/detector.wit does not declare {expected}"
        );
    }
}
