//! The Palisade plugin SDK.
//!
//! A detector is plain Rust: implement [`Detector`] and call
//! [`export_detector!`]. The same code compiles natively (for unit tests and
//! for the host's native-baseline benchmark) and to a `wasm32-wasip2`
//! component, where the SDK supplies the WIT glue. Keeping the logic free of
//! the bindings is what lets a detector be tested without a Wasm runtime.

// Lets generated code name this crate by its public path from inside it too.
extern crate self as palisade_sdk;

mod request;
pub mod testing;
pub mod text;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod guest;

pub use request::{Account, Call, Client, Fields, Request};

/// The interface version this SDK builds plugins against.
pub const INTERFACE_VERSION: &str = "0.1.0";

/// A detector's finding on one request.
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
    /// A verdict that finds nothing.
    pub fn clean() -> Self {
        Self::default()
    }
}

/// When a key was first and last seen, and how often.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub first_ms: u64,
    pub last_ms: u64,
    pub count: u64,
}

/// Aggregates over past traffic, kept by the host and namespaced per plugin.
/// Windows run on the current request's event time.
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

/// Static facts about a detector, reported to the host at load.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub name: &'static str,
    pub version: &'static str,
    pub description: &'static str,
    /// The request fields the detector reads; the host sends no others.
    pub reads: Fields,
}

/// A detector plugin. One value is built per Wasm instance from the policy's
/// settings and then scores requests.
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
/// names the offending field.
pub fn parse_settings<D: Detector>(json: &str) -> Result<D::Settings, String> {
    let settings: D::Settings = serde_json::from_str(json).map_err(|e| e.to_string())?;
    D::validate(&settings)?;
    Ok(settings)
}

/// Exports a [`Detector`] as the plugin's `palisade:detector/detector`
/// interface. On native targets it expands to nothing, so the crate still
/// builds and tests natively.
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
