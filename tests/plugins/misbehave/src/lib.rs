//! A test-only detector that misbehaves on command (after Spin's "one
//! misbehaving guest driven by commands"): the policy's `mode` setting picks
//! the failure, so one component exercises every sandbox limit.

use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;
use std::sync::atomic::{AtomicU64, Ordering};

/// What the plugin does on `detect`.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Behaves: returns `score`.
    Ok,
    /// Spins forever (the host's deadline must cut it off).
    Loop,
    /// Spins `iterations` times, then returns `score`: slow, not broken.
    Spin,
    /// Allocates without bound (the memory cap must stop it).
    Alloc,
    /// Recurses without bound (the stack limit must trap it).
    Recurse,
    /// Traps at once.
    Trap,
    /// Returns a verdict far larger than any host limit.
    Oversized,
    /// Returns a score outside [0, 1].
    BadScore,
    /// Counts calls in a global and reports the count in its reason.
    Counter,
    /// Calls the host's aggregates although it declares it uses none: the
    /// host must refuse.
    UndeclaredAggregates,
}

/// Settings: which misbehaviour, and the score returned when behaving.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub mode: Mode,
    #[serde(default)]
    pub score: f64,
    /// Loop iterations for `spin`.
    #[serde(default)]
    pub iterations: u64,
    /// Makes `validate-settings` fail, to test that a reload is refused.
    #[serde(default)]
    pub reject: bool,
}

/// The misbehaving detector.
pub struct Misbehave {
    settings: Settings,
}

static CALLS: AtomicU64 = AtomicU64::new(0);

impl Detector for Misbehave {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "misbehave",
            version: "0.1.0",
            description: "test-only: misbehaves on command",
            reads: Fields::PROMPT,
        }
    }

    fn validate(settings: &Settings) -> Result<(), String> {
        if settings.reject {
            return Err("reject: this plugin was told to refuse its settings".to_string());
        }
        if !(0.0..=1.0).contains(&settings.score) {
            return Err(format!("score: {} is outside [0, 1]", settings.score));
        }
        Ok(())
    }

    fn uses_aggregates() -> bool {
        false
    }

    fn new(settings: Settings) -> Self {
        Misbehave { settings }
    }

    fn detect(&self, request: &Request, aggregates: &mut dyn Aggregates) -> Verdict {
        let ok = |score: f64, reason: String| Verdict {
            score,
            reasons: vec![reason],
            tags: vec![],
        };
        match self.settings.mode {
            Mode::Ok => ok(self.settings.score, "behaving".to_string()),
            Mode::Loop => spin(request.ts_ms),
            Mode::Spin => {
                let mut x = request.ts_ms;
                for _ in 0..self.settings.iterations {
                    x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
                }
                ok(self.settings.score, format!("spun {}", x & 1))
            }
            Mode::Alloc => {
                let mut hoard: Vec<Vec<u8>> = Vec::new();
                loop {
                    hoard.push(vec![1u8; 1 << 20]);
                    std::hint::black_box(&hoard);
                }
            }
            Mode::Recurse => ok(recurse(request.ts_ms) as f64, "unreachable".to_string()),
            Mode::Trap => std::process::abort(),
            Mode::Oversized => Verdict {
                score: 0.5,
                reasons: (0..100_000).map(|i| format!("reason {i}")).collect(),
                tags: vec![],
            },
            Mode::BadScore => ok(7.5, "score out of range".to_string()),
            Mode::Counter => {
                let n = CALLS.fetch_add(1, Ordering::Relaxed) + 1;
                ok(0.0, format!("count={n}"))
            }
            Mode::UndeclaredAggregates => {
                let n = aggregates.counter_add(&request.account.id, 60_000, 1);
                ok(0.0, format!("account-requests={n}"))
            }
        }
    }
}

fn spin(seed: u64) -> Verdict {
    let mut x = seed;
    loop {
        x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
}

/// Recursion whose frames live on the Wasm stack (no addressable locals, so
/// nothing goes to the shadow stack in linear memory): it must end in the
/// host's stack-overflow trap.
#[allow(unconditional_recursion)]
fn recurse(depth: u64) -> u64 {
    std::hint::black_box(recurse(std::hint::black_box(depth.wrapping_add(1))))
        .wrapping_mul(depth | 1)
}

export_detector!(Misbehave);
