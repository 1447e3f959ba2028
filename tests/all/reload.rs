//! Hot reload: every real-world file-change pattern, refusals, the
//! last-known-good, candidates, the admin endpoint, SIGHUP, swaps under
//! load and memory over 1,000 reloads.

use crate::common::{PolicyDir, SwapWrite, in_child, plugin, request};
use palisade::decision::{Action, Status};
use palisade::reload::{
    AdminToken, LastKnownGood, ReloadOptions, Reloaded, Reloader, Trigger, WatchOptions,
    admin_router, watch,
};
use palisade::runtime::Runtime;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// One runtime for the reload tests, apart from the other tests' (a
/// reloader drops cached components its generation does not use).
fn runtime() -> Arc<Runtime> {
    static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
    RUNTIME.get_or_init(Runtime::new).clone()
}

fn candidate_runtime() -> Arc<Runtime> {
    static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
    RUNTIME.get_or_init(Runtime::new).clone()
}

/// A policy whose one plugin scores every request `score`: 0.1 → allow,
/// 0.4 → log, 0.7 → throttle, 0.95 → block.
fn policy(version: &str, score: f64, wasm: &str, extra: &str) -> String {
    format!(
        r#"[policy]
name = "reload-test"
version = "{version}"
{extra}

[[plugin]]
name = "subject"
wasm = "{wasm}"
settings = {{ mode = "ok", score = {score} }}

[scoring]
ladder = [
    {{ score = 0.3, action = "log" }},
    {{ score = 0.6, action = "throttle" }},
    {{ score = 0.9, action = "block" }},
]
"#
    )
}

fn misbehave() -> String {
    plugin("misbehave").display().to_string()
}

fn good(version: &str, score: f64) -> String {
    policy(version, score, &misbehave(), "")
}

/// Each test's policy file, with the reloader options around it.
type Fixture = PolicyDir;

impl Fixture {
    fn options(&self) -> ReloadOptions {
        ReloadOptions {
            policy: self.path.clone(),
            candidate: None,
            last_known_good: Some(LastKnownGood::new(self.dir.path().join("state"))),
            candidate_runtime: Some(candidate_runtime()),
        }
    }

    fn start(&self) -> Arc<Reloader> {
        Arc::new(Reloader::start(self.options(), runtime()).unwrap_or_else(|e| panic!("{e}")))
    }
}

fn quick_watch() -> WatchOptions {
    WatchOptions {
        debounce: Duration::from_millis(50),
        max_delay: Duration::from_millis(500),
        recheck: None,
    }
}

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

fn serving(r: &Reloader) -> String {
    r.current().label.to_string()
}

fn action(r: &Reloader) -> Action {
    let g = r.current();
    let d = g.decide(&request("probe", "hello"));
    assert_eq!(d.generation, g.id);
    d.action
}

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn an_editors_rename_over_is_picked_up() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let _w = watch(r.clone(), quick_watch()).unwrap();
    assert_eq!(action(&r), Action::Allow);
    f.replace(&good("2", 0.7));
    wait_for("v2", WAIT, || serving(&r) == "reload-test@2");
    assert_eq!(action(&r), Action::Throttle);
}

#[test]
fn an_in_place_rewrite_is_picked_up() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let _w = watch(r.clone(), quick_watch()).unwrap();
    std::fs::write(&f.path, good("2", 0.95)).unwrap();
    wait_for("v2", WAIT, || serving(&r) == "reload-test@2");
    assert_eq!(action(&r), Action::Block);
}

#[test]
fn a_kubernetes_configmap_data_symlink_swap_is_picked_up() {
    // The kubelet's layout: policy.toml -> ..data/policy.toml, ..data -> ..<timestamp>.
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("..2025_01")).unwrap();
    std::fs::write(d.join("..2025_01/policy.toml"), good("1", 0.1)).unwrap();
    std::os::unix::fs::symlink("..2025_01", d.join("..data")).unwrap();
    std::os::unix::fs::symlink("..data/policy.toml", d.join("policy.toml")).unwrap();
    let options = ReloadOptions {
        policy: d.join("policy.toml"),
        candidate: None,
        last_known_good: Some(LastKnownGood::new(dir.path().join("state"))),
        candidate_runtime: Some(candidate_runtime()),
    };
    let r = Arc::new(Reloader::start(options, runtime()).unwrap());
    let _w = watch(r.clone(), quick_watch()).unwrap();
    assert_eq!(serving(&r), "reload-test@1");

    // The update: a new timestamped dir, a new symlink renamed over ..data,
    // the old dir removed.
    std::fs::create_dir(d.join("..2025_02")).unwrap();
    std::fs::write(d.join("..2025_02/policy.toml"), good("2", 0.7)).unwrap();
    std::os::unix::fs::symlink("..2025_02", d.join("..data_tmp")).unwrap();
    std::fs::rename(d.join("..data_tmp"), d.join("..data")).unwrap();
    std::fs::remove_dir_all(d.join("..2025_01")).unwrap();
    wait_for("v2 via ..data", WAIT, || serving(&r) == "reload-test@2");
    assert_eq!(action(&r), Action::Throttle);

    // And once more, to show the watch survived the first swap.
    std::fs::create_dir(d.join("..2025_03")).unwrap();
    std::fs::write(d.join("..2025_03/policy.toml"), good("3", 0.95)).unwrap();
    std::os::unix::fs::symlink("..2025_03", d.join("..data_tmp")).unwrap();
    std::fs::rename(d.join("..data_tmp"), d.join("..data")).unwrap();
    std::fs::remove_dir_all(d.join("..2025_02")).unwrap();
    wait_for("v3 via ..data", WAIT, || serving(&r) == "reload-test@3");
}

#[test]
fn a_partial_write_is_not_attempted_until_its_writer_closes_the_file() {
    use std::io::Write;
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let _w = watch(r.clone(), quick_watch()).unwrap();
    let body = good("2", 0.7);
    let (head, tail) = body.split_at(body.len() / 2);
    let mut file = std::fs::File::create(&f.path).unwrap();
    file.write_all(head.as_bytes()).unwrap();
    file.flush().unwrap();
    // Mid-copy, long past the debounce: the writer still has the file
    // open, so its prefix is not even attempted; v1 serves.
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(serving(&r), "reload-test@1");
    assert_eq!(action(&r), Action::Allow);
    assert_eq!(r.status().reloads.failed, 0);
    file.write_all(tail.as_bytes()).unwrap();
    drop(file);
    wait_for("v2 once complete", WAIT, || serving(&r) == "reload-test@2");
    assert_eq!(action(&r), Action::Throttle);
    assert_eq!(r.status().reloads.failed, 0);
}

#[test]
fn a_deleted_and_recreated_policy_is_picked_up() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let _w = watch(r.clone(), quick_watch()).unwrap();
    std::fs::remove_file(&f.path).unwrap();
    wait_for("a refused attempt", WAIT, || r.status().reloads.failed >= 1);
    assert_eq!(serving(&r), "reload-test@1");
    let error = r.status().last_attempt.unwrap().error.unwrap();
    assert!(error.contains("cannot read the policy"), "{error}");
    std::fs::write(&f.path, good("2", 0.7)).unwrap();
    wait_for("v2 after recreate", WAIT, || serving(&r) == "reload-test@2");
}

#[test]
fn a_changed_plugin_file_is_watched_and_checked_against_its_pin() {
    use sha2::Digest;
    let f = Fixture::new("");
    let wasm = f.dir.path().join("plugin.wasm");
    let bytes = std::fs::read(plugin("misbehave")).unwrap();
    std::fs::write(&wasm, &bytes).unwrap();
    let pin = hex::encode(sha2::Sha256::digest(&bytes));
    let body = policy("1", 0.1, "plugin.wasm", "")
        .replace("settings =", &format!("sha256 = \"{pin}\"\nsettings ="));
    std::fs::write(&f.path, &body).unwrap();
    let r = f.start();
    let first = r.current().id;
    let _w = watch(r.clone(), quick_watch()).unwrap();

    // A different component dropped in place of the pinned one: refused.
    let tmp = f.dir.path().join("plugin.wasm.tmp");
    std::fs::copy(plugin("reasoning"), &tmp).unwrap();
    std::fs::rename(&tmp, &wasm).unwrap();
    wait_for("the refusal", WAIT, || r.status().reloads.failed >= 1);
    let status = r.status();
    let attempt = status.last_attempt.unwrap();
    assert_eq!(attempt.problems[0].field, "plugin.subject.sha256");
    assert_eq!(r.current().id, first);

    // The pinned bytes restored: a new generation, same policy.
    std::fs::write(&tmp, &bytes).unwrap();
    std::fs::rename(&tmp, &wasm).unwrap();
    wait_for("recovery", WAIT, || r.current().id != first);
    assert_eq!(action(&r), Action::Allow);
}

#[test]
fn a_malformed_policy_keeps_the_previous_generation_and_says_where() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let first = r.current().id;
    std::fs::write(&f.path, "[policy]\nname = \"x\"\nversion = 7\n").unwrap();
    let error = r.reload_blocking(Trigger::Manual).unwrap_err();
    assert_eq!(error.problems()[0].line, 3);
    assert_eq!(r.current().id, first);
    let status = r.status();
    let attempt = status.last_attempt.clone().unwrap();
    assert!(!attempt.ok);
    assert_eq!(attempt.problems[0].line, 3);
    assert!(attempt.error.unwrap().contains("policy.toml:3:"));
    assert_eq!(status.reloads.failed, 1);
    let metrics = status.prometheus();
    assert!(
        metrics.contains("palisade_policy_reloads_total{result=\"error\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("palisade_policy_last_reload_ok 0"),
        "{metrics}"
    );
    let json = serde_json::to_value(&status).unwrap();
    assert_eq!(json["last_attempt"]["problems"][0]["line"], 3);
    assert_eq!(json["active"]["generation"], first);
}

#[test]
fn a_failing_fixture_refuses_the_reload() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let body = good("2", 0.95)
        + "\n[[fixture]]\nname = \"must-allow\"\nexpect = \"allow\"\nrequest = { id = \"f\", ts_ms = 1, account = { id = \"a\" }, client = { ip = \"203.0.113.9\" }, request = { prompt = \"hi\" } }\n";
    std::fs::write(&f.path, body).unwrap();
    let error = r.reload_blocking(Trigger::Manual).unwrap_err();
    assert_eq!(error.problems()[0].field, "fixture.must-allow");
    assert_eq!(serving(&r), "reload-test@1");
}

#[test]
fn a_plugin_rejecting_its_settings_refuses_the_reload() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    std::fs::write(
        &f.path,
        good("2", 0.1).replace("mode = \"ok\"", "mode = \"ok\", reject = true"),
    )
    .unwrap();
    let error = r.reload_blocking(Trigger::Manual).unwrap_err();
    assert!(error.to_string().contains("settings rejected"), "{error}");
    assert_eq!(serving(&r), "reload-test@1");
}

#[test]
fn unchanged_inputs_are_not_reloaded() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let id = r.current().id;
    assert_eq!(
        r.reload_if_changed(Trigger::Watch).unwrap(),
        Reloaded::Unchanged { generation: id }
    );
    // Same content written anew (new inode): still unchanged.
    f.replace(&good("1", 0.1));
    assert_eq!(
        r.reload_if_changed(Trigger::Watch).unwrap(),
        Reloaded::Unchanged { generation: id }
    );
    assert_eq!(r.status().reloads.unchanged, 2);
    assert!(matches!(
        r.reload_blocking(Trigger::Manual).unwrap(),
        Reloaded::Activated { .. }
    ));
}

#[test]
fn in_flight_requests_finish_on_the_generation_they_started_with() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let held = r.current();
    f.replace(&good("2", 0.95));
    let Reloaded::Activated { generation } = r.reload_blocking(Trigger::Manual).unwrap() else {
        panic!("not activated")
    };
    let old = held.decide(&request("in-flight", "x"));
    assert_eq!((old.generation, old.action), (held.id, Action::Allow));
    let new = r.current().decide(&request("next", "x"));
    assert_eq!((new.generation, new.action), (generation, Action::Block));
    assert!(generation > held.id);
}

#[test]
fn kill_switches_take_effect_by_reload() {
    let f = Fixture::new(&good("1", 0.95));
    let r = f.start();
    assert_eq!(action(&r), Action::Block);
    // One plugin off.
    f.replace(&good("2", 0.95).replace("settings =", "enabled = false\nsettings ="));
    r.reload_blocking(Trigger::Manual).unwrap();
    let d = r.current().decide(&request("p", "x"));
    assert_eq!(d.action, Action::Allow);
    assert_eq!(d.detectors[0].status, Status::Skipped);
    assert_eq!(
        r.status().active.disabled_plugins,
        vec!["subject".to_string()]
    );
    // The whole policy forced to a safe fixed action.
    f.replace(&policy(
        "3",
        0.95,
        &misbehave(),
        "override_action = \"log\"",
    ));
    r.reload_blocking(Trigger::Manual).unwrap();
    let d = r.current().decide(&request("p", "x"));
    assert_eq!(d.action, Action::Log);
    assert!(d.detectors.is_empty() || d.detectors.iter().all(|x| x.status == Status::Skipped));
    assert_eq!(r.status().active.override_action.as_deref(), Some("log"));
}

#[test]
fn start_up_with_a_broken_policy_serves_the_last_known_good() {
    let f = Fixture::new("");
    // The plugin lives beside the policy, so breaking the deployment can
    // also mean losing the plugin: the state dir holds its own copy.
    let wasm = f.dir.path().join("plugin.wasm");
    std::fs::copy(plugin("misbehave"), &wasm).unwrap();
    std::fs::write(&f.path, policy("1", 0.7, "plugin.wasm", "")).unwrap();
    {
        let r = f.start();
        assert!(!r.status().active.from_last_known_good);
        assert!(r.status().last_known_good.unwrap().contains("saved"));
    }
    std::fs::write(&f.path, "this is not toml [").unwrap();
    std::fs::remove_file(&wasm).unwrap();

    let r = f.start();
    let status = r.status();
    assert!(status.active.from_last_known_good);
    assert_eq!(status.active.policy, "reload-test@1");
    assert!(
        status
            .last_failure
            .clone()
            .unwrap()
            .error
            .unwrap()
            .contains("policy.toml:1:")
    );
    assert!(
        status
            .prometheus()
            .contains("palisade_policy_last_known_good_active 1")
    );
    assert_eq!(action(&r), Action::Throttle);

    // Fixed on disk: the next reload serves it and clears the flag.
    std::fs::copy(plugin("misbehave"), &wasm).unwrap();
    std::fs::write(&f.path, policy("2", 0.1, "plugin.wasm", "")).unwrap();
    r.reload_blocking(Trigger::Manual).unwrap();
    assert!(!r.status().active.from_last_known_good);
    assert_eq!(action(&r), Action::Allow);
}

#[test]
fn start_up_with_a_broken_policy_and_no_last_known_good_refuses() {
    let f = Fixture::new("[policy]\nname = \"x\"\n");
    let error = Reloader::start(f.options(), runtime()).err().unwrap();
    let text = error.to_string();
    assert!(text.contains("policy.toml:"), "{text}");
    assert!(text.contains("no last-known-good policy in"), "{text}");
    assert!(text.ends_with("refusing to start"), "{text}");
}

#[test]
fn a_tampered_last_known_good_is_refused_too() {
    let f = Fixture::new(&good("1", 0.1));
    drop(f.start());
    let state = f.dir.path().join("state");
    let stored = LastKnownGood::new(&state).policy_path().unwrap();
    let text = std::fs::read_to_string(&stored).unwrap();
    std::fs::write(&stored, text.replace("0.3", "2.5")).unwrap();
    std::fs::write(&f.path, "broken").unwrap();
    let error = Reloader::start(f.options(), runtime())
        .err()
        .unwrap()
        .to_string();
    assert!(
        error.contains("last-known-good policy was refused too"),
        "{error}"
    );
}

#[test]
fn a_candidate_decides_in_shadow_and_its_agreement_is_counted() {
    let f = Fixture::new(&good("live", 0.1));
    let candidate = f.dir.path().join("candidate.toml");
    std::fs::write(&candidate, good("cand", 0.7)).unwrap();
    let mut options = f.options();
    options.candidate = Some(candidate.clone());
    let r = Reloader::start(options, runtime()).unwrap();
    assert_eq!(r.candidate().unwrap().label.as_ref(), "reload-test@cand");
    for i in 0..10 {
        let live = r.current().decide(&request(&format!("r{i}"), "x"));
        let shadow = r.shadow(&request(&format!("r{i}"), "x"), &live).unwrap();
        assert_eq!(
            live.action,
            Action::Allow,
            "the candidate never changes the answer"
        );
        assert_eq!(shadow.action, Action::Throttle);
    }
    let status = r.status();
    let c = status.candidate.clone().unwrap();
    assert_eq!(c.agreement.count(Action::Allow, Action::Throttle), 10);
    assert_eq!(c.agreement.agreement, 0.0);
    assert_eq!(
        c.agreement.disagreements[0].examples,
        vec!["r0", "r1", "r2"]
    );
    let metrics = status.prometheus();
    assert!(
        metrics.contains(
            "palisade_candidate_decisions_total{live=\"allow\",candidate=\"throttle\"} 10"
        ),
        "{metrics}"
    );

    // A broken candidate is refused and the previous candidate stays; the
    // live policy is untouched.
    std::fs::write(&candidate, "nope").unwrap();
    r.reload_blocking(Trigger::Manual).unwrap();
    let c = r.status().candidate.unwrap();
    assert!(!c.last_attempt.unwrap().ok);
    assert_eq!(c.active.unwrap().policy, "reload-test@cand");
    assert_eq!(serving(&r), "reload-test@live");
}

#[test]
fn a_broken_candidate_never_prevents_start_up() {
    let f = Fixture::new(&good("1", 0.1));
    let mut options = f.options();
    options.candidate = Some(f.dir.path().join("missing.toml"));
    let r = Reloader::start(options, runtime()).unwrap();
    assert!(r.candidate().is_none());
    assert!(
        r.shadow(&request("x", "y"), &r.current().decide(&request("x", "y")))
            .is_none()
    );
}

async fn call(router: &axum::Router, token: Option<&str>) -> (u16, serde_json::Value) {
    use tower::ServiceExt;
    let mut req = axum::http::Request::post("/v1/admin/reload");
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = router
        .clone()
        .oneshot(req.body(axum::body::Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_reload_endpoint_needs_a_token_and_reports_refusals() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    // No token configured: the endpoint does not exist.
    let closed = admin_router(r.clone(), None);
    assert_eq!(call(&closed, Some("anything-anything")).await.0, 404);

    assert!(AdminToken::new("short", "test").is_err());
    let secret = "0123456789abcdef0123";
    let open = admin_router(r.clone(), Some(AdminToken::new(secret, "test").unwrap()));
    assert_eq!(call(&open, None).await.0, 401);
    assert_eq!(call(&open, Some("0123456789abcdef0124")).await.0, 401);
    assert_eq!(serving(&r), "reload-test@1");

    f.replace(&good("2", 0.7));
    let (status, body) = call(&open, Some(secret)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["policy"], "reload-test@2");
    assert_eq!(body["generation"], r.current().id);

    f.replace("[policy]\nname = 1\n");
    let (status, body) = call(&open, Some(secret)).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["problems"][0]["line"], 2);
    assert_eq!(serving(&r), "reload-test@2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_even_without_a_change_event() {
    let f = Fixture::new(&good("1", 0.1));
    let r = f.start();
    let _task = palisade::reload::reload_on_sighup(r.clone()).unwrap();
    f.replace(&good("2", 0.7));
    let killed = std::process::Command::new("kill")
        .args(["-HUP", &std::process::id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let start = Instant::now();
    while serving(&r) != "reload-test@2" {
        assert!(start.elapsed() < WAIT, "SIGHUP did not reload");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert_eq!(r.status().last_attempt.unwrap().trigger, Trigger::Signal);
}

/// 64 clients decide requests without pause while the policy file is
/// swapped every `PALISADE_SWAP_INTERVAL_MS` (default 1000) for
/// `PALISADE_SWAP_SECS` (default 5; the README's figure uses 30), good
/// versions alternating with malformed writes (invalid TOML, and a
/// well-formed policy whose fixture fails). Every decision must come from
/// one activated generation and carry that generation's answer, and no
/// malformed policy may ever serve. Prints the change-to-effect latency
/// (file rename to the first decision from the new generation).
/// A policy for 64 clients on a 2-core machine: the deadline allows for
/// CPU starvation, so a plugin timing out does not count as an answer from
/// the wrong place (a timeout would still be answered, by `on_failure`).
fn loaded(version: &str, score: f64) -> String {
    policy(
        version,
        score,
        &misbehave(),
        "\n[defaults]\ndeadline_ms = 2000",
    )
}

#[test]
fn swaps_under_load_never_fail_never_mix_generations_and_never_serve_a_malformed_policy() {
    use std::collections::HashMap;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    let secs = crate::common::env_or("PALISADE_SWAP_SECS", 5);
    let interval = Duration::from_millis(crate::common::env_or("PALISADE_SWAP_INTERVAL_MS", 1000));
    let clients = crate::common::env_or("PALISADE_SWAP_CLIENTS", 64) as usize;
    let f = Fixture::new(&loaded("g0-allow", 0.1));
    let r = f.start();
    let _w = watch(
        r.clone(),
        WatchOptions {
            debounce: Duration::from_millis(100),
            ..WatchOptions::default()
        },
    )
    .unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let decided = Arc::new(AtomicU64::new(0));
    // generation id → (label, first seen)
    let first_seen: Arc<Mutex<HashMap<u64, (String, Instant)>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let expected = |label: &str| -> Option<Action> {
        if label.ends_with("-allow") {
            Some(Action::Allow)
        } else if label.ends_with("-block") {
            Some(Action::Block)
        } else {
            None
        }
    };

    // The clients run as tasks on a Tokio runtime with one worker per core
    // and decide inline, as `palisade serve` does (`decide_on = "worker"`);
    // the watcher's thread competes with those workers for the CPU.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .build()
        .unwrap();
    let readers: Vec<_> = (0..clients)
        .map(|c| {
            let (r, stop, decided, first_seen, failures) = (
                r.clone(),
                stop.clone(),
                decided.clone(),
                first_seen.clone(),
                failures.clone(),
            );
            tokio.spawn(async move {
                let mut last = 0;
                let mut n = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let g = r.current();
                    let d = g.decide(&request(&format!("c{c}-{n}"), "x"));
                    n += 1;
                    let version = g.version.clone();
                    let ok = d.generation == g.id
                        && *d.policy == *g.label
                        && d.detectors.iter().all(|x| x.status == Status::Ok)
                        && expected(&version) == Some(d.action);
                    if !ok {
                        failures.lock().unwrap().push(format!("{version}: {d:?}"));
                    }
                    if d.generation != last {
                        last = d.generation;
                        first_seen
                            .lock()
                            .unwrap()
                            .entry(d.generation)
                            .or_insert((version, Instant::now()));
                    }
                    tokio::task::yield_now().await;
                }
                decided.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();

    let started = Instant::now();
    let (written, k) = crate::common::swap_schedule(secs, interval, |w| match w {
        SwapWrite::Good { label, block } => {
            f.replace(&loaded(label, if block { 0.95 } else { 0.1 }));
            Some(label.to_string())
        }
        SwapWrite::Malformed => {
            f.replace("[policy]\nname = \"malformed\"\nversion = \n[[plugin\n");
            None
        }
        SwapWrite::FailingFixture { label } => {
            f.replace(
                &(loaded(label, 0.95)
                    + "\n[[fixture]]\nname = \"f\"\nexpect = \"allow\"\nrequest = { id = \"f\", ts_ms = 1, account = { id = \"a\" }, client = { ip = \"203.0.113.9\" }, request = { prompt = \"hi\" } }\n"),
            );
            None
        }
    });
    std::thread::sleep(Duration::from_millis(1500));
    stop.store(true, Ordering::Relaxed);
    for t in readers {
        tokio.block_on(t).unwrap();
    }

    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} bad decisions, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    let seen = first_seen.lock().unwrap();
    for (_, (label, _)) in seen.iter() {
        assert!(
            !label.starts_with("bad") && !label.contains("malformed"),
            "a malformed policy served: {label}"
        );
    }
    let latencies = crate::common::change_to_effect_ms(&written, &seen);
    // A good policy overwritten by the next write before its attempt never
    // serves (the debounce coalesces them); at a 1 s pace none may be.
    let superseded = written.len() - latencies.len();
    if interval >= Duration::from_secs(1) {
        assert_eq!(superseded, 0, "every good policy written must have served");
    }
    let status = r.status();
    println!(
        "swap under load: {clients} clients, {} decisions in {:.1} s, {} good swaps + {} malformed writes, \
         reloads ok {} refused {}; change-to-effect ms: p50 {:.1} p99 {:.1} max {:.1}; \
         superseded before serving {superseded}",
        decided.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        written.len(),
        k as usize - written.len(),
        status.reloads.ok,
        status.reloads.failed,
        crate::common::percentile(&latencies, 0.5),
        crate::common::percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(0.0),
    );
    assert!(status.reloads.failed >= 1 || k < 2);
    // The goal is 500 ms (the printed figure). What is asserted is the
    // behaviour: a swap takes effect within seconds, not at the next
    // re-check or never. The bound allows one fixture run cut off by its
    // 2 s deadline when the 64 clients starve the watcher's thread on a
    // loaded 2-core machine, and its retry (seen once in CI: 2,000.2 ms).
    assert!(
        crate::common::percentile(&latencies, 0.99) < 10_000.0,
        "p99 change-to-effect {latencies:?}"
    );
}

#[test]
fn a_thousand_reloads_leave_memory_flat() {
    in_child("reload::thousand_reloads_in_this_process");
}

#[test]
#[ignore = "run by a_thousand_reloads_leave_memory_flat in a process of its own"]
fn thousand_reloads_in_this_process() {
    let reloads = crate::common::env_or("PALISADE_RELOADS", 1000);
    let f = Fixture::new(&good("a", 0.1));
    let candidate = f.dir.path().join("candidate.toml");
    std::fs::write(&candidate, good("c", 0.7)).unwrap();
    let mut options = f.options();
    options.candidate = Some(candidate.clone());
    let r = Reloader::start(options, runtime()).unwrap();
    let cycle = |i: u64| {
        // Alternate two policies (different settings, same component) and a
        // refused one, and decide a few requests on each, through both the
        // live and the candidate policy.
        let body = match i % 3 {
            0 => good(&format!("a{i}"), 0.1),
            1 => good(&format!("b{i}"), 0.95),
            _ => "[policy]\nbroken".to_string(),
        };
        std::fs::write(&f.path, body).unwrap();
        std::fs::write(
            &candidate,
            good(&format!("c{i}"), 0.4 + (i % 2) as f64 * 0.3),
        )
        .unwrap();
        let _ = r.reload_blocking(Trigger::Manual);
        for j in 0..4 {
            let req = request(&format!("r{i}-{j}"), "x");
            let live = r.current().decide(&req);
            r.shadow(&req, &live);
        }
    };
    for i in 0..100 {
        cycle(i);
    }
    let before = crate::common::rss_kib();
    let started = Instant::now();
    for i in 0..reloads {
        cycle(i);
    }
    let after = crate::common::rss_kib();
    let grown = after as i64 - before as i64;
    let status = r.status();
    println!(
        "RSS over {reloads} reloads: before {before} KiB, after {after} KiB, grown {grown} KiB; \
         {:.1} ms per reload cycle; cached components {}; reloads ok {} refused {}",
        started.elapsed().as_secs_f64() * 1e3 / reloads as f64,
        status.cached_components,
        status.reloads.ok,
        status.reloads.failed
    );
    assert_eq!(
        status.cached_components, 1,
        "one component for the one plugin"
    );
    assert!(
        grown < 16 * 1024,
        "RSS grew {grown} KiB over {reloads} reloads"
    );
}
