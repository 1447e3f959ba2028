//! Hostile plugins under `palisade serve`, in every `decide_on` and
//! `threading` mode: a plugin that panics (printing first), sleeps through
//! `wasi:clocks` or writes to stdout gets its own status and `on_failure`
//! outcome, and the normal requests sent alongside (on the same worker, in
//! the same batch) are decided as if nothing happened.

use crate::server::{Conn, Server, features, misbehave_wasm, write};
use serde_json::Value;
use std::time::{Duration, Instant};

/// Three misbehave plugins, each misbehaving only on its trigger word.
fn policy(dir: &std::path::Path) -> std::path::PathBuf {
    let wasm = misbehave_wasm();
    let plugin = |name: &str, settings: &str| {
        format!(
            "[[plugin]]\nname = \"{name}\"\nwasm = \"{}\"\ndeadline_ms = 20\non_failure = \"block\"\nsettings = {{ {settings} }}\n\n",
            wasm.display()
        )
    };
    let text = format!(
        "[policy]\nname = \"hostile\"\nversion = \"1\"\n\n{}{}{}",
        plugin("panicky", "mode = \"panic\", trigger = \"boom\""),
        plugin(
            "sleepy",
            "mode = \"sleep\", sleep_ms = 30000, trigger = \"zzz\""
        ),
        plugin(
            "chatty",
            "mode = \"stdout\", lines = 500, trigger = \"say\""
        ),
    );
    write(dir, "hostile.toml", &text)
}

/// The prompts sent, and what each must get: (prompt, action, status of
/// panicky, sleepy, chatty).
const CASES: [(&str, &str, [&str; 3]); 4] = [
    ("hello", "allow", ["ok", "ok", "ok"]),
    ("boom", "block", ["trap", "ok", "ok"]),
    ("zzz", "block", ["ok", "timeout", "ok"]),
    ("say", "allow", ["ok", "ok", "ok"]),
];

fn assert_decision(d: &Value, case: usize) {
    let (prompt, action, statuses) = CASES[case];
    assert_eq!(d["action"], action, "{prompt}: {d}");
    let detectors = d["detectors"].as_array().unwrap();
    for (report, status) in detectors.iter().zip(statuses) {
        assert_eq!(report["status"], status, "{prompt}: {d}");
        for reason in report["reasons"].as_array().unwrap() {
            let reason = reason.as_str().unwrap();
            assert!(!reason.chars().any(char::is_control), "{reason:?}");
        }
    }
    if prompt == "boom" {
        let reason = detectors[0]["reasons"][0].as_str().unwrap();
        assert!(reason.contains("plugin panicked on purpose"), "{reason}");
    }
}

fn serve_mode(decide_on: &str, threading: &str) {
    let dir = tempfile::tempdir().unwrap();
    let policy = policy(dir.path());
    let config = format!(
        "[server]\ndecide_on = \"{decide_on}\"\nthreading = \"{threading}\"\nworkers = 2\n"
    );
    let server = Server::with_config(&policy, &config, &[]);
    let addr = server.addr;
    let started = Instant::now();
    // Eight keep-alive clients at once, each cycling through every case, so
    // hostile and normal requests share workers and batches.
    let clients: Vec<_> = (0..8)
        .map(|c| {
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr);
                for i in 0..12 {
                    let case = (c + i) % CASES.len();
                    let body = features(&format!("c{c}-{i}"), "acct", CASES[case].0);
                    let r = conn.send(
                        "POST",
                        "/v1/decide",
                        &[("content-type", "application/json")],
                        body.as_bytes(),
                    );
                    assert_eq!(r.status, 200, "{}", r.text());
                    assert_decision(&r.json(), case);
                }
            })
        })
        .collect();
    // And one batch mixing every case.
    let items: Vec<String> = (0..16)
        .map(|i| features(&format!("b{i}"), "acct", CASES[i % CASES.len()].0))
        .collect();
    let r = server.post_json("/v1/decide/batch", &format!("[{}]", items.join(",")));
    assert_eq!(r.status, 200, "{}", r.text());
    let results = r.json()["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), 16);
    for (i, d) in results.iter().enumerate() {
        assert_decision(d, i % CASES.len());
    }
    for client in clients {
        client.join().unwrap();
    }
    // 112 decisions, a quarter of them asking to sleep 30 s: the sleeps
    // were cut off at their deadline, not slept.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{decide_on}/{threading}: {:?}",
        started.elapsed()
    );
    assert_eq!(server.get("/healthz").status, 200);
    let stderr = server.stderr();
    assert!(
        !stderr.contains("Cannot start a runtime") && !stderr.contains("thread '"),
        "the host panicked: {stderr}"
    );
}

#[test]
fn hostile_plugins_fail_alone_when_batched_per_core() {
    serve_mode("batched", "per-core");
}

#[test]
fn hostile_plugins_fail_alone_when_batched_shared() {
    serve_mode("batched", "shared");
}

#[test]
fn hostile_plugins_fail_alone_on_the_worker_per_core() {
    serve_mode("worker", "per-core");
}

#[test]
fn hostile_plugins_fail_alone_on_the_worker_shared() {
    serve_mode("worker", "shared");
}

#[test]
fn hostile_plugins_fail_alone_on_the_blocking_pool_per_core() {
    serve_mode("blocking-pool", "per-core");
}

#[test]
fn hostile_plugins_fail_alone_on_the_blocking_pool_shared() {
    serve_mode("blocking-pool", "shared");
}

#[test]
fn a_compiler_bomb_reload_is_refused_quickly_and_the_last_good_policy_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    let good = |wasm: &str| {
        format!(
            "[policy]\nname = \"bomb-reload\"\nversion = \"1\"\n\n[[plugin]]\nname = \"m\"\nwasm = \"{wasm}\"\nsettings = {{ mode = \"ok\" }}\n"
        )
    };
    let policy = write(
        dir.path(),
        "policy.toml",
        &good(&misbehave_wasm().display().to_string()),
    );
    let server = Server::start(&policy, &["--no-watch"]);
    let status = || server.get("/v1/status").json();
    let before = status()["generation"].as_u64().unwrap();
    std::fs::write(
        dir.path().join("bomb.wasm"),
        palisade::runtime::bombs::nested_components(30_000),
    )
    .unwrap();
    write(dir.path(), "policy.toml", &good("bomb.wasm"));
    let started = Instant::now();
    server.signal("HUP");
    let mut conn = Conn::open(server.addr);
    let refused = loop {
        let r = conn.send(
            "POST",
            "/v1/decide",
            &[("content-type", "application/json")],
            features("r", "acct", "hello").as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["generation"], before);
        let st = status();
        if st["reload"]["last_attempt"]["ok"] == false {
            break st;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no reload outcome: {st}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let error = refused["reload"]["last_attempt"]["error"].to_string();
    assert!(
        error.contains("refused before compiling: modules and components nest more than 8 deep"),
        "{error}"
    );
    assert_eq!(refused["generation"], before);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
