//! Hostile policy files against the reloader (issue #10): an oversized
//! file is refused before it is read, and not re-read until it changes; a
//! slow in-place writer never activates a fragment; the last-known-good is
//! saved before a generation serves; fixtures cut off by a deadline are
//! retried, and a refusal for that reason is tried again.

use crate::common::{PolicyDir, in_child, plugin, request};
use palisade::reload::{LastKnownGood, ReloadOptions, Reloader, Trigger, WatchOptions, watch};
use palisade::runtime::Runtime;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

fn runtime() -> Arc<Runtime> {
    static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
    RUNTIME.get_or_init(Runtime::new).clone()
}

const WAIT: Duration = Duration::from_secs(30);

fn wait_for(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A one-plugin policy (misbehave `ok` with `score`), with `extra` lines
/// under `[policy]` and `tail` appended.
fn policy(version: &str, score: f64, defaults: &str, settings: &str, tail: &str) -> String {
    format!(
        r#"[policy]
name = "hostile"
version = "{version}"

[defaults]
{defaults}

[[plugin]]
name = "subject"
wasm = "{}"
settings = {{ score = {score}, {settings} }}

[scoring]
ladder = [
    {{ score = 0.3, action = "log" }},
    {{ score = 0.9, action = "block" }},
]
{tail}"#,
        plugin("misbehave").display()
    )
}

fn good(version: &str, score: f64) -> String {
    policy(version, score, "", "mode = \"ok\"", "")
}

fn start(dir: &PolicyDir) -> Arc<Reloader> {
    let options = ReloadOptions {
        policy: dir.path.clone(),
        candidate: None,
        last_known_good: Some(LastKnownGood::new(dir.dir.path().join("state"))),
        candidate_runtime: None,
    };
    Arc::new(Reloader::start(options, runtime()).unwrap_or_else(|e| panic!("{e}")))
}

fn watch_options(recheck: Option<Duration>) -> WatchOptions {
    WatchOptions {
        debounce: Duration::from_millis(50),
        max_delay: Duration::from_millis(500),
        recheck,
    }
}

/// This process's peak resident memory (VmHWM) in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

#[test]
fn an_oversized_policy_is_refused_before_it_is_read_and_not_reread_until_it_changes() {
    in_child("hostile_reload::oversized_policy_in_this_process");
}

#[test]
#[ignore = "run by an_oversized_policy_is_refused_… in a process of its own"]
fn oversized_policy_in_this_process() {
    let dir = PolicyDir::new(&good("1", 0.1));
    let r = start(&dir);
    let _w = watch(r.clone(), watch_options(Some(Duration::from_millis(100)))).unwrap();
    let before = peak_kib();
    // 50 MB of real (not sparse) bytes: reading it would cost 50 MB, and
    // parsing it far more.
    let big = dir.dir.path().join(".big.tmp");
    {
        let mut file = std::fs::File::create(&big).unwrap();
        let line = format!("# {}\n", "x".repeat(1021));
        for _ in 0..50 * 1024 {
            file.write_all(line.as_bytes()).unwrap();
        }
    }
    std::fs::rename(&big, &dir.path).unwrap();
    wait_for("the refusal", WAIT, || r.status().reloads.failed >= 1);
    let error = r.status().last_failure.unwrap().error.unwrap();
    assert!(error.contains("over the 1048576-byte limit"), "{error}");
    // Many re-checks later: still one refusal, the file never re-read.
    std::thread::sleep(Duration::from_millis(1500));
    let status = r.status();
    assert_eq!(status.reloads.failed, 1, "{status:?}");
    assert!(status.reloads.unchanged >= 3, "{status:?}");
    assert_eq!(r.current().label.as_ref(), "hostile@1");
    // SIGHUP and the admin endpoint refuse it too, by its size alone.
    let error = r.reload_blocking(Trigger::Signal).unwrap_err().to_string();
    assert!(error.contains("over the 1048576-byte limit"), "{error}");
    let grown = peak_kib().saturating_sub(before);
    println!("peak memory grown {grown} KiB around a 50 MB policy");
    assert!(grown < 16 * 1024, "peak memory grew {grown} KiB");
    // Once it changes back to a good policy, it loads.
    dir.replace(&good("2", 0.95));
    wait_for("v2", WAIT, || r.current().label.as_ref() == "hostile@2");
}

/// The shipped policy with absolute plugin and list paths and `version`.
fn shipped(version: &str) -> String {
    let root = crate::common::root();
    let text = std::fs::read_to_string(root.join("policies/default.toml")).unwrap();
    let plugins = root.join("target/plugins/wasm32-wasip2/release");
    text.replace(
        "\"../target/plugins/wasm32-wasip2/release/",
        &format!("\"{}/", plugins.display()),
    )
    .replace(
        "file = \"verified-orgs.txt\"",
        &format!(
            "file = \"{}\"",
            root.join("policies/verified-orgs.txt").display()
        ),
    )
    .replace("version = \"1.0.0\"", &format!("version = \"{version}\""))
}

#[test]
fn a_slow_in_place_writer_never_activates_a_fragment() {
    let old = shipped("0.9.0-old");
    let new = shipped("1.0.0-new");
    let dir = PolicyDir::new(&old);
    let r = start(&dir);
    let first = r.current().id;
    let _w = watch(r.clone(), watch_options(Some(Duration::from_millis(200)))).unwrap();

    let seen = Arc::new(Mutex::new(BTreeMap::<u64, (String, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let decider = {
        let (r, seen, stop) = (r.clone(), seen.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut decisions = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let g = r.current();
                let d = g.decide(&request(&format!("r{decisions}"), "hello"));
                assert_eq!(d.generation, g.id);
                seen.lock()
                    .unwrap()
                    .entry(g.id)
                    .or_insert_with(|| (g.label.to_string(), g.digest.clone()));
                decisions += 1;
            }
            decisions
        })
    };

    // In place, a few bytes at a time, pausing longer than the debounce
    // and than a re-check period between chunks: every pause leaves a
    // prefix on disk, and many of them are valid policies.
    {
        let mut file = std::fs::File::create(&dir.path).unwrap();
        for chunk in new.as_bytes().chunks(new.len() / 12 + 1) {
            file.write_all(chunk).unwrap();
            file.flush().unwrap();
            std::thread::sleep(Duration::from_millis(250));
        }
    }
    wait_for("the complete new policy", WAIT, || {
        r.current().label.as_ref() == "default@1.0.0-new"
    });
    std::thread::sleep(Duration::from_millis(100));
    stop.store(true, Ordering::Relaxed);
    let decisions = decider.join().unwrap();
    assert!(decisions > 0);

    let new_digest = hex::encode(Sha256::digest(new.as_bytes()));
    let seen = seen.lock().unwrap();
    let status = r.status();
    for (id, (label, digest)) in seen.iter() {
        let whole_new = label == "default@1.0.0-new" && *digest == new_digest;
        assert!(
            *id == first || whole_new,
            "generation {id} ({label}, {digest}) is neither the old nor the complete new policy; {status:?}"
        );
    }
    assert_eq!(
        status.reloads.failed, 0,
        "no fragment was even attempted: {status:?}"
    );
    assert_eq!(status.reloads.ok, 2, "{status:?}");
}

#[test]
fn a_prefix_of_the_shipped_policy_without_plugins_is_refused() {
    let text = shipped("1.0.0");
    for marker in ["[defaults]", "[[plugin]]"] {
        let prefix = &text[..text.find(marker).unwrap()];
        let (_dir, path) = crate::common::write_policy(prefix);
        let error = palisade::policy::load(&path, &runtime(), 1)
            .err()
            .unwrap_or_else(|| panic!("a prefix loaded:\n{prefix}"))
            .to_string();
        assert!(error.contains(": plugin: "), "{error}");
        assert!(error.contains("truncated or half-written"), "{error}");
    }
    // Allowing everything on purpose is said so.
    let (_dir, path) = crate::common::write_policy(
        "[policy]\nname = \"open\"\nversion = \"1\"\noverride_action = \"allow\"\n",
    );
    palisade::policy::load(&path, &runtime(), 1).unwrap();
}

#[test]
fn the_watcher_does_not_apply_a_prefix_cut_before_the_ladder_but_sighup_does() {
    let text = shipped("1.0.0");
    let dir = PolicyDir::new(&text);
    let r = start(&dir);
    let first = r.current().id;
    let _w = watch(r.clone(), watch_options(None)).unwrap();
    // Every plugin, no [scoring]: valid, and it would allow everything.
    let prefix = text[..text.find("[scoring]").unwrap()].replace("1.0.0", "1.0.0-cut");
    dir.replace(&prefix);
    wait_for("the refusal", WAIT, || r.status().reloads.failed >= 1);
    assert_eq!(r.current().id, first);
    let error = r.status().last_failure.unwrap().error.unwrap();
    assert!(
        error.contains("scoring.ladder: nothing in this policy"),
        "{error}"
    );
    // Said on purpose: SIGHUP (or the admin endpoint) applies it.
    r.reload_blocking(Trigger::Signal).unwrap();
    assert_eq!(r.current().label.as_ref(), "default@1.0.0-cut");
}

#[test]
fn the_last_known_good_is_saved_before_the_new_generation_serves() {
    let dir = PolicyDir::new(&good("0", 0.1));
    let r = start(&dir);
    let lkg = LastKnownGood::new(dir.dir.path().join("state"));
    let stop = Arc::new(AtomicBool::new(false));
    // Watches the serving generation; the moment a new one serves, the
    // saved copy must already be it (a kill -9 then restarts on it).
    let checker = {
        let (r, stop, lkg) = (r.clone(), stop.clone(), lkg.clone());
        std::thread::spawn(move || {
            let mut last = r.current().id;
            let mut checked = 0;
            while !stop.load(Ordering::Relaxed) {
                let g = r.current();
                if g.id != last {
                    let saved = lkg.manifest().unwrap().unwrap();
                    assert!(
                        saved.generation >= g.id,
                        "generation {} serves but the last-known-good is generation {}",
                        g.id,
                        saved.generation
                    );
                    last = g.id;
                    checked += 1;
                }
                std::thread::yield_now();
            }
            checked
        })
    };
    for i in 1..=10 {
        dir.replace(&good(&i.to_string(), if i % 2 == 0 { 0.1 } else { 0.95 }));
        r.reload_blocking(Trigger::Manual).unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    let checked = checker.join().unwrap();
    assert!(checked >= 1);
    assert_eq!(lkg.manifest().unwrap().unwrap().policy, "hostile@10");
}

#[test]
fn a_failed_last_known_good_save_keeps_serving_and_is_reported() {
    let dir = PolicyDir::new(&good("1", 0.1));
    // The state directory cannot be created: a file is in its way.
    let state = dir.dir.path().join("state");
    std::fs::write(&state, "in the way").unwrap();
    let r = start(&dir);
    dir.replace(&good("2", 0.95));
    r.reload_blocking(Trigger::Manual).unwrap();
    assert_eq!(r.current().label.as_ref(), "hostile@2");
    let note = r.status().last_known_good.unwrap();
    assert!(note.starts_with("not saved:"), "{note}");
}

/// A policy whose fixture needs the plugin to spin ~20 M iterations: cut off
/// by a 1 ms deadline every time, done well within 1 ms × 1000.
fn slow_fixture(version: &str, scale: u32) -> String {
    policy(
        version,
        0.4,
        &format!("deadline_ms = 1\nfixture_deadline_scale = {scale}"),
        "mode = \"spin\", iterations = 20000000",
        "\n[[fixture]]\nname = \"slow\"\nexpect = \"log\"\nrequest = { id = \"f\", ts_ms = 1, account = { id = \"a\" }, client = { ip = \"203.0.113.9\" }, request = { prompt = \"hi\" } }\n",
    )
}

#[test]
fn fixtures_cut_off_by_a_deadline_are_retried_with_longer_deadlines() {
    let (_dir, path) = crate::common::write_policy(&slow_fixture("1", 1000));
    let g = palisade::policy::load(&path, &runtime(), 1).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(g.fixtures, 1);

    let (_dir, path) = crate::common::write_policy(&slow_fixture("1", 1));
    let error = palisade::policy::load(&path, &runtime(), 1).err().unwrap();
    assert!(error.is_transient(), "{error}");
    let text = error.to_string();
    assert!(
        text.contains("fixture.slow: expected log, got allow"),
        "{text}"
    );
    assert!(
        text.contains("failed only by plugin timeouts, on each of 4 tries"),
        "{text}"
    );
}

#[test]
fn a_policy_refused_only_by_fixture_deadlines_is_tried_again_unchanged() {
    let dir = PolicyDir::new(&good("1", 0.1));
    let r = start(&dir);
    let _w = watch(r.clone(), watch_options(Some(Duration::from_millis(100)))).unwrap();
    dir.replace(&slow_fixture("2", 1));
    // The same unchanged file is attempted again and again (a refusal
    // for any other reason is attempted once).
    wait_for("a second attempt", Duration::from_secs(60), || {
        r.status().reloads.failed >= 2
    });
    assert_eq!(r.current().label.as_ref(), "hostile@1");
}

#[test]
fn a_symlink_flipped_at_the_policy_path_is_picked_up() {
    // `ln -sf v2.toml policy.toml`: a delete and a create, never a write
    // or a close at that path, so nothing waits for a writer.
    let dir = PolicyDir::new(&good("1", 0.1));
    let r = start(&dir);
    let _w = watch(r.clone(), watch_options(None)).unwrap();
    let v2 = dir.dir.path().join("v2.toml");
    std::fs::write(&v2, good("2", 0.95)).unwrap();
    std::fs::remove_file(&dir.path).unwrap();
    std::os::unix::fs::symlink(&v2, &dir.path).unwrap();
    wait_for("v2", WAIT, || r.current().label.as_ref() == "hostile@2");
}
