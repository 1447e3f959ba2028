//! Helpers shared by the end-to-end tests.

#![allow(dead_code)]

use palisade::features::{FeatureLimits, Features};
use palisade::policy::Generation;
use palisade::runtime::Runtime;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("PALISADE_ROOT"))
}

/// The `palisade` binary under test.
pub fn palisade() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_palisade"))
}

/// Runs `command`, which must succeed (else fails with its stderr), and
/// returns its stdout.
pub fn succeed(command: &mut std::process::Command) -> Vec<u8> {
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A plugin component built by `host/build.rs`, e.g. `plugin("misbehave")`.
pub fn plugin(name: &str) -> PathBuf {
    Path::new(env!("PALISADE_PLUGIN_DIR")).join(format!("palisade_{}.wasm", name.replace('-', "_")))
}

/// A plugin built by a script outside cargo (`tests/plugins/SCRIPT`, e.g.
/// componentize-py or componentize-js), or `None` (skip) when it is not
/// built — unless `CI` is set, when the test fails: CI must not pass by not
/// running it.
pub fn built_or_skip(name: &str, script: &str) -> Option<PathBuf> {
    let wasm = plugin(name);
    if wasm.is_file() {
        return Some(wasm);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: CI must build it with tests/plugins/{script}",
        wasm.display()
    );
    eprintln!(
        "skipped: {} is not built (run tests/plugins/{script})",
        wasm.display()
    );
    None
}

/// Generated requests (seed 7, a few hundred) in `dir`, on which a plugin
/// in another language is compared with its Rust twin.
pub fn twin_requests(dir: &Path) -> PathBuf {
    let requests = dir.join("requests.jsonl");
    succeed(
        palisade()
            .args([
                "gen", "--seed", "7", "--scale", "0.01", "--hours", "4", "--output",
            ])
            .arg(&requests),
    );
    requests
}

/// `plugin run` of `wasm` over `requests` with the twins' settings
/// (`{"burst": 3}`, a 5 s deadline) and `extra` arguments: its output.
pub fn run_twin(wasm: &Path, requests: &Path, extra: &[&str]) -> String {
    let out = succeed(
        palisade()
            .args(["plugin", "run"])
            .arg(wasm)
            .args(["--settings", r#"{"burst": 3}"#, "--deadline-ms", "5000"])
            .args(extra)
            .arg("--input")
            .arg(requests),
    );
    String::from_utf8(out).unwrap()
}

/// A project made by `palisade plugin new NAME --lang LANG` in a temporary
/// directory, with `tools` (the language's componentizer, from
/// `tests/plugins/SCRIPT`) first on `PATH`.
pub struct NewProject {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    search_path: String,
}

impl NewProject {
    pub fn create(name: &str, lang: &str, tools: &Path, componentizer: &str, script: &str) -> Self {
        assert!(
            tools.join(componentizer).is_file(),
            "{} missing: run tests/plugins/{script}",
            tools.display()
        );
        let search_path = format!(
            "{}:{}",
            tools.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let dir = tempfile::tempdir().unwrap();
        succeed(
            palisade()
                .args(["plugin", "new", name, "--lang", lang, "--dir"])
                .arg(dir.path()),
        );
        let path = dir.path().join(name);
        NewProject {
            _dir: dir,
            path,
            search_path,
        }
    }

    /// `program` (`palisade` is the binary under test) with `args`, run in
    /// the project with the tools on `PATH`.
    pub fn command(&self, program: &str, args: &[&str]) -> std::process::Command {
        let mut c = if program == "palisade" {
            palisade()
        } else {
            std::process::Command::new(program)
        };
        c.current_dir(&self.path)
            .args(args)
            .env("PATH", &self.search_path);
        c
    }
}

/// One runtime for the whole test binary: engines reserve address space, so
/// tests share them the way generations do in production.
pub fn runtime() -> Arc<Runtime> {
    static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
    RUNTIME.get_or_init(Runtime::new).clone()
}

/// Writes `body` as a policy in a fresh temp dir; `{misbehave}` and
/// `{reasoning}` expand to the plugin paths.
pub fn write_policy(body: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    let body = body
        .replace("{misbehave}", &plugin("misbehave").display().to_string())
        .replace("{reasoning}", &plugin("reasoning").display().to_string())
        .replace(
            "{future}",
            &plugin("future-interface").display().to_string(),
        );
    std::fs::write(&path, body).unwrap();
    (dir, path)
}

/// A policy file in a temp dir of its own (kept alive with it), which tests
/// rewrite the way editors and config tools do.
pub struct PolicyDir {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl PolicyDir {
    /// Writes `body` (placeholders expanded as [`write_policy`] does).
    pub fn new(body: &str) -> PolicyDir {
        let (dir, path) = write_policy(body);
        PolicyDir { dir, path }
    }

    /// Writes the policy as editors do: a temp file renamed over.
    pub fn replace(&self, body: &str) {
        let tmp = self.dir.path().join(".policy.toml.tmp");
        std::fs::write(&tmp, body).unwrap();
        std::fs::rename(&tmp, &self.path).unwrap();
    }
}

/// A one-plugin policy around the misbehaving plugin.
pub fn misbehave_policy(mode: &str, extra: &str) -> String {
    format!(
        r#"
[policy]
name = "test"
version = "1"

[[plugin]]
name = "subject"
wasm = "{{misbehave}}"
{extra}
settings = {{ mode = "{mode}" }}

[scoring]
ladder = [{{ score = 0.5, action = "log" }}]
"#
    )
}

/// Loads a policy body into a generation (panics with the error).
pub fn generation(body: &str) -> Generation {
    let (_dir, path) = write_policy(body);
    palisade::policy::load(&path, &runtime(), 1).unwrap_or_else(|e| panic!("{e}"))
}

/// A minimal valid request.
pub fn request(id: &str, prompt: &str) -> Features {
    let json = serde_json::json!({
        "id": id, "ts_ms": 1_764_150_000_000u64,
        "account": {"id": "acct-1"}, "client": {"ip": "203.0.113.9"},
        "request": {"prompt": prompt}
    });
    Features::parse(json.to_string().as_bytes(), &FeatureLimits::default()).unwrap()
}

/// This process's resident memory in KiB.
pub fn rss_kib() -> u64 {
    rss_kib_of(std::process::id())
}

/// A process's resident memory in KiB.
pub fn rss_kib_of(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

/// An integer from the environment (test durations, counts), or `default`.
pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The `p` quantile (0..=1) of sorted values; NaN for none.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Change-to-effect latencies in ms, sorted: for each good policy written
/// (its label and when), the time until the first decision from a
/// generation serving that label (`seen`: generation → label, first seen).
/// A policy superseded before it ever served has no latency.
pub fn change_to_effect_ms(
    written: &std::collections::HashMap<String, std::time::Instant>,
    seen: &std::collections::HashMap<u64, (String, std::time::Instant)>,
) -> Vec<f64> {
    let mut latencies: Vec<f64> = written
        .iter()
        .filter_map(|(label, at)| {
            seen.values()
                .find(|(l, _)| l == label)
                .map(|(_, first)| first.duration_since(*at).as_secs_f64() * 1e3)
        })
        .collect();
    latencies.sort_by(f64::total_cmp);
    latencies
}

/// `name@version` of the shipped policy, as decisions report it (read from
/// the file, so retuning the policy does not break the tests).
pub fn default_label() -> String {
    let text = std::fs::read_to_string(root().join("policies/default.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    let policy = table["policy"].as_table().unwrap();
    format!(
        "{}@{}",
        policy["name"].as_str().unwrap(),
        policy["version"].as_str().unwrap()
    )
}

/// One write of the swap-under-load schedule.
pub enum SwapWrite<'a> {
    /// A good policy: `label` names it, `block` says which action it gives.
    Good { label: &'a str, block: bool },
    /// Invalid TOML.
    Malformed,
    /// Well-formed, but its fixture fails (labelled so it can be spotted).
    FailingFixture { label: &'a str },
}

/// The schedule both swap-under-load tests follow: a write every
/// `interval` for `secs`, cycling good (block), invalid TOML, good (allow),
/// failing fixture. `write` applies one and, for a good policy, returns the
/// label decisions will report. Returns when each such label was written,
/// and how many writes there were in all.
pub fn swap_schedule(
    secs: u64,
    interval: std::time::Duration,
    mut write: impl FnMut(SwapWrite<'_>) -> Option<String>,
) -> (std::collections::HashMap<String, std::time::Instant>, u64) {
    let mut written = std::collections::HashMap::new();
    let started = std::time::Instant::now();
    let mut k = 0u64;
    while started.elapsed() < std::time::Duration::from_secs(secs) {
        std::thread::sleep(interval);
        k += 1;
        let label = match k % 4 {
            1 => write(SwapWrite::Good {
                label: &format!("g{k}-block"),
                block: true,
            }),
            2 => write(SwapWrite::Malformed),
            3 => write(SwapWrite::Good {
                label: &format!("g{k}-allow"),
                block: false,
            }),
            _ => write(SwapWrite::FailingFixture {
                label: &format!("bad{k}-allow"),
            }),
        };
        if let Some(label) = label {
            written.insert(label, std::time::Instant::now());
        }
    }
    (written, k)
}

/// Runs `name` (an `#[ignore]`d test of this binary) in a child process of
/// its own, so its memory figures are its own and not mixed with the tests
/// running beside it; echoes the child's figure lines (KiB, RSS).
pub fn in_child(name: &str) {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args([
            name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    for line in text
        .lines()
        .filter(|l| l.contains("KiB") || l.contains("RSS"))
    {
        println!("{line}");
    }
    assert!(out.status.success(), "{text}");
    assert!(text.contains("1 passed"), "{text}");
}
