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
    /// Writes `lines` lines to stdout (a blocking WASI write), then behaves.
    Stdout,
    /// Writes `lines` lines to stderr, then behaves.
    Stderr,
    /// Panics: Rust prints the message to stderr, then traps (`abort`).
    Panic,
    /// Reads stdin to its end (a blocking WASI read), then behaves.
    Stdin,
    /// Sleeps `sleep_ms` through `wasi:clocks` (subscribe, then block/poll),
    /// then behaves.
    Sleep,
    /// Waits for the monotonic clock to pass `sleep_ms` by spinning on it.
    ClockSpin,
    /// Tries to read a file, list `/` and write a file, then behaves.
    File,
    /// Tries to open a TCP connection and a UDP socket, then behaves.
    Socket,
    /// Exits the process (`wasi:cli/exit`) with status 3 (WASI p2 carries
    /// only success or failure: the host sees 1).
    Exit,
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
    /// Makes `validate-settings` fail with a hostile message of about this
    /// many bytes: newlines, carriage returns, ANSI escapes and a forged
    /// `ok` line, repeated.
    #[serde(default)]
    pub hostile_error_bytes: usize,
    /// How long `sleep` and `clock-spin` wait, in ms.
    #[serde(default)]
    pub sleep_ms: u64,
    /// How many lines `stdout` and `stderr` write.
    #[serde(default = "one")]
    pub lines: u32,
    /// Misbehave only on requests whose prompt contains this; behave (as
    /// `ok`) on the others. Lets one test mix hostile and normal requests.
    #[serde(default)]
    pub trigger: Option<String>,
}

fn one() -> u32 {
    1
}

/// The plugin's version and description: distinctive byte strings, so a
/// test can rewrite them (same length) in the component to play a plugin
/// whose metadata is hostile.
pub const VERSION: &str = "0.1.0+misbehave.version";
pub const DESCRIPTION: &str = "test-only: misbehaves on command [description marker]";

/// The hostile text `hostile_error_bytes` repeats.
pub const HOSTILE: &str = "\nok\r\x1b[2K\x1b[31mFORGED\x1b[0m\u{9b}31m\u{202e}\t";

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
            version: VERSION,
            description: DESCRIPTION,
            reads: Fields::PROMPT,
        }
    }

    fn validate(settings: &Settings) -> Result<(), String> {
        if settings.hostile_error_bytes > 0 {
            let reps = settings.hostile_error_bytes / HOSTILE.len() + 1;
            return Err(format!("hostile:{}", HOSTILE.repeat(reps)));
        }
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
        let triggered = match &self.settings.trigger {
            Some(t) => request
                .call
                .prompt
                .as_deref()
                .is_some_and(|p| p.contains(t.as_str())),
            None => true,
        };
        let mode = if triggered {
            self.settings.mode
        } else {
            Mode::Ok
        };
        match mode {
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
            Mode::Stdout => {
                for i in 0..self.settings.lines {
                    println!("line {i} of plugin output\n\x1b[31mFORGED\x1b[0m");
                }
                ok(self.settings.score, "printed".to_string())
            }
            Mode::Stderr => {
                for i in 0..self.settings.lines {
                    eprintln!("line {i} of plugin diagnostics");
                }
                ok(self.settings.score, "printed".to_string())
            }
            // Panicking is this mode's whole point.
            #[allow(clippy::panic)]
            Mode::Panic => panic!("plugin panicked on purpose\n\x1b[31mFORGED\x1b[0m"),
            Mode::Stdin => {
                let mut input = String::new();
                let read = std::io::Read::read_to_string(&mut std::io::stdin(), &mut input);
                ok(self.settings.score, format!("stdin: {read:?}"))
            }
            Mode::Sleep => {
                std::thread::sleep(std::time::Duration::from_millis(self.settings.sleep_ms));
                ok(self.settings.score, "slept".to_string())
            }
            Mode::ClockSpin => {
                let start = std::time::Instant::now();
                let wait = std::time::Duration::from_millis(self.settings.sleep_ms);
                while start.elapsed() < wait {
                    std::hint::spin_loop();
                }
                ok(self.settings.score, "waited".to_string())
            }
            Mode::File => {
                let read = std::fs::read("/etc/passwd").map(|b| b.len());
                let list = std::fs::read_dir("/").map(|d| d.count());
                let write = std::fs::write("probe.txt", b"x");
                ok(
                    self.settings.score,
                    format!("read {read:?}, list {list:?}, write {write:?}"),
                )
            }
            Mode::Socket => {
                let tcp = std::net::TcpStream::connect("127.0.0.1:9").map(|_| ());
                let udp = std::net::UdpSocket::bind("0.0.0.0:0").map(|_| ());
                ok(self.settings.score, format!("tcp {tcp:?}, udp {udp:?}"))
            }
            Mode::Exit => std::process::exit(3),
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
