//! The sandbox: deadlines, memory caps, stack limits, traps, isolation and
//! failure outcomes, with the misbehaving plugin driven by its settings.

use crate::common::*;
use palisade::decision::{Action, Decision, Status};
use palisade::policy::Generation;
use palisade::runtime::Outcome;
use palisade::runtime::bombs::{module_in_component, nested_components};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn only(decision: &palisade::decision::Decision) -> &palisade::decision::DetectorReport {
    assert_eq!(decision.detectors.len(), 1);
    &decision.detectors[0]
}

#[test]
fn infinite_loop_is_cut_off_at_its_deadline_and_the_next_request_is_answered() {
    let g = generation(&misbehave_policy("loop", "deadline_ms = 30"));
    let d = g.decide(&request("r-1", "hi"));
    let report = only(&d);
    assert_eq!(report.status, Status::Timeout, "{report:?}");
    assert!(
        report.micros >= 30_000,
        "cut off before its deadline: {report:?}"
    );
    assert!(report.reasons[0].contains("deadline of 30 ms"));
    assert_eq!(d.action, Action::Allow, "fail-open by default");

    let healthy = generation(&misbehave_policy("ok", ""));
    let d = healthy.decide(&request("r-2", "hi"));
    assert_eq!(only(&d).status, Status::Ok);
    // The looping plugin itself answers again (with a fresh instance).
    assert_eq!(
        only(&g.decide(&request("r-3", "hi"))).status,
        Status::Timeout
    );
}

#[test]
fn allocation_bomb_stops_at_its_memory_cap_and_host_memory_stays_flat() {
    let g = generation(&misbehave_policy(
        "alloc",
        "memory_mib = 8\ndeadline_ms = 2000",
    ));
    for i in 0..20 {
        let d = g.decide(&request(&format!("warm-{i}"), "x"));
        assert_eq!(only(&d).status, Status::Memory, "{:?}", only(&d));
    }
    let before = rss_kib();
    for i in 0..300 {
        let d = g.decide(&request(&format!("r-{i}"), "x"));
        assert_eq!(only(&d).status, Status::Memory);
    }
    let grown = rss_kib().saturating_sub(before);
    assert!(
        grown < 32 * 1024,
        "host RSS grew {grown} KiB over 300 allocation bombs"
    );
}

#[test]
fn unbounded_recursion_traps_with_a_stack_overflow() {
    let g = generation(&misbehave_policy(
        "recurse",
        "stack_kib = 256\ndeadline_ms = 2000",
    ));
    let d = g.decide(&request("r-1", "x"));
    assert_eq!(only(&d).status, Status::Trap);
    assert_eq!(only(&d).reasons, vec!["stack overflow".to_string()]);
}

#[test]
fn ten_thousand_traps_in_a_row_leave_the_host_alive_with_flat_memory() {
    let g = generation(&misbehave_policy("trap", ""));
    for i in 0..1_000 {
        assert_eq!(
            only(&g.decide(&request(&format!("w{i}"), "x"))).status,
            Status::Trap
        );
    }
    let before = rss_kib();
    for i in 0..10_000 {
        let d = g.decide(&request(&format!("r{i}"), "x"));
        assert_eq!(only(&d).status, Status::Trap);
    }
    let grown = rss_kib().saturating_sub(before);
    assert!(
        grown < 16 * 1024,
        "host RSS grew {grown} KiB over 10,000 traps"
    );
    let ok = generation(&misbehave_policy("ok", ""));
    assert_eq!(only(&ok.decide(&request("after", "x"))).status, Status::Ok);
}

fn counts(outcomes: impl Iterator<Item = Outcome>) -> Vec<String> {
    outcomes.map(|o| o.reasons[0].clone()).collect()
}

#[test]
fn fresh_instances_never_show_another_requests_state() {
    let g = generation(&misbehave_policy("counter", "isolation = \"fresh\""));
    let seen: Vec<String> = (0..50)
        .map(|i| only(&g.decide(&request(&format!("r{i}"), "x"))).reasons[0].clone())
        .collect();
    assert!(seen.iter().all(|r| r == "count=1"), "{seen:?}");
}

#[test]
fn reused_instances_keep_state_only_because_the_policy_chose_it() {
    let g = generation(&misbehave_policy("counter", "isolation = \"reuse\""));
    let plugin = g.active_plugins().next().unwrap().clone();
    let mut slot = None;
    let seen = counts((0..5).map(|i| {
        plugin.detect_in(
            &mut slot,
            &request(&format!("r{i}"), "x"),
            plugin.aggregates(),
        )
    }));
    assert_eq!(
        seen,
        vec!["count=1", "count=2", "count=3", "count=4", "count=5"]
    );
}

#[test]
fn a_trap_discards_a_reused_instance() {
    // After a failure the instance is dropped: the next call starts fresh.
    let g = generation(&misbehave_policy("counter", "isolation = \"reuse\""));
    let plugin = g.active_plugins().next().unwrap().clone();
    let mut slot = None;
    plugin.detect_in(&mut slot, &request("a", "x"), plugin.aggregates());
    assert!(slot.is_some());
    let trap = generation(&misbehave_policy("trap", "isolation = \"reuse\""));
    let trapping = trap.active_plugins().next().unwrap().clone();
    let mut tslot = None;
    assert_eq!(
        trapping
            .detect_in(&mut tslot, &request("b", "x"), trapping.aggregates())
            .status,
        Status::Trap
    );
    assert!(tslot.is_none(), "a trapped instance must not be reused");
}

#[test]
fn each_failure_outcome_behaves_as_configured() {
    for action in Action::ALL {
        let g = generation(&misbehave_policy(
            "trap",
            &format!("on_failure = \"{action}\""),
        ));
        let d = g.decide(&request("r", "x"));
        assert_eq!(d.action, action, "on_failure = {action}");
        assert_eq!(only(&d).status, Status::Trap);
        assert!(
            d.reasons.iter().any(|r| r.contains("on_failure")),
            "{:?}",
            d.reasons
        );
    }
}

#[test]
fn an_oversized_or_invalid_verdict_is_an_error_not_a_crash() {
    let g = generation(&misbehave_policy(
        "oversized",
        "deadline_ms = 5000\nmemory_mib = 64",
    ));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Error);
    assert!(
        only(&d).reasons[0].contains("verdict too large"),
        "{:?}",
        only(&d)
    );
    let g = generation(&misbehave_policy("bad-score", ""));
    assert!(only(&g.decide(&request("r", "x"))).reasons[0].contains("outside [0, 1]"));
}

#[test]
fn a_plugin_that_declared_no_aggregates_is_refused_them() {
    let g = generation(&misbehave_policy("undeclared-aggregates", ""));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Error);
    assert!(
        only(&d).reasons[0].contains("uses-aggregates"),
        "{:?}",
        only(&d)
    );
}

#[test]
fn fields_not_granted_never_reach_the_plugin() {
    // The misbehave plugin declares it reads `prompt`; a policy granting
    // nothing leaves it with none.
    let g = generation(&misbehave_policy("ok", "grants = []"));
    let plugin = g.active_plugins().next().unwrap();
    assert_eq!(plugin.fields, palisade::runtime::Fields::empty());
    let g = generation(&misbehave_policy("ok", ""));
    assert_eq!(
        g.active_plugins().next().unwrap().fields,
        palisade::runtime::Fields::PROMPT
    );
}

#[test]
fn disabled_plugins_and_override_are_kill_switches() {
    let g = generation(&misbehave_policy("trap", "enabled = false"));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Skipped);
    assert_eq!(d.action, Action::Allow);
    let body = misbehave_policy("loop", "").replace(
        "version = \"1\"",
        "version = \"1\"\noverride_action = \"log\"",
    );
    let d = generation(&body).decide(&request("r", "x"));
    assert_eq!(d.action, Action::Log);
    assert!(d.detectors.is_empty(), "no plugin runs under an override");
}

#[test]
fn shadow_mode_allows_but_reports_the_would_be_action() {
    let body = misbehave_policy("trap", "on_failure = \"block\"")
        .replace("version = \"1\"", "version = \"1\"\nmode = \"shadow\"");
    let d = generation(&body).decide(&request("r", "x"));
    assert_eq!(d.action, Action::Allow);
    assert_eq!(d.would_action, Some(Action::Block));
    assert!(d.directives.is_empty());
}

// ---- Hostile plugins (issue #9): blocking WASI, panics, sleeps, bombs,
// ---- hostile text. The misbehave plugin's settings pick the misbehaviour.

/// A one-plugin policy around the misbehaving plugin with `settings` (the
/// inside of an inline table) and `extra` plugin keys.
pub fn hostile_policy(settings: &str, extra: &str) -> String {
    format!(
        r#"
[policy]
name = "hostile"
version = "1"

[[plugin]]
name = "subject"
wasm = "{{misbehave}}"
{extra}
settings = {{ {settings} }}

[scoring]
ladder = [{{ score = 0.5, action = "log" }}]
"#
    )
}

/// Where a decision ran: with no Tokio runtime (as `eval` does), inside a
/// current-thread runtime's `block_on`, on a multi-thread runtime's worker,
/// and on its blocking pool (the serve modes).
const PLACES: [&str; 4] = [
    "no runtime",
    "current_thread",
    "multi_thread worker",
    "blocking pool",
];

fn decide_in(place: &str, g: &Arc<Generation>, id: &str, prompt: &str) -> Decision {
    let (g, f) = (g.clone(), request(id, prompt));
    match place {
        "no runtime" => std::thread::spawn(move || g.decide(&f)).join().unwrap(),
        "current_thread" => tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async move { g.decide(&f) }),
        "multi_thread worker" | "blocking pool" => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            let blocking = place == "blocking pool";
            rt.block_on(async move {
                if blocking {
                    tokio::task::spawn_blocking(move || g.decide(&f)).await
                } else {
                    tokio::spawn(async move { g.decide(&f) }).await
                }
            })
            .unwrap()
        }
        other => unreachable!("{other}"),
    }
}

/// No control character or escape in what the host reports.
fn assert_clean(text: &str) {
    assert!(
        !text.chars().any(|c| c.is_control() || c == '\u{202e}'),
        "raw control characters in {text:?}"
    );
}

#[test]
fn blocking_wasi_calls_get_a_status_on_every_runtime_and_thread() {
    // (settings, extra keys, expected status, reason fragment)
    let cases: &[(&str, &str, Status, &str)] = &[
        ("mode = \"stdout\", lines = 2000", "", Status::Ok, "printed"),
        ("mode = \"stderr\", lines = 2000", "", Status::Ok, "printed"),
        ("mode = \"stdin\"", "", Status::Ok, "stdin: Ok(0)"),
        ("mode = \"file\"", "", Status::Ok, "read Err"),
        ("mode = \"socket\"", "", Status::Ok, "udp Err"),
        (
            "mode = \"panic\"",
            "",
            Status::Trap,
            "; plugin output: thread '<unnamed>' (1) panicked at tests/plugins/misbehave",
        ),
        (
            "mode = \"exit\"",
            "",
            Status::Trap,
            "the plugin exited (status 1)",
        ),
        (
            "mode = \"sleep\", sleep_ms = 30000",
            "deadline_ms = 20",
            Status::Timeout,
            "deadline of 20 ms exceeded (asked to sleep 30000 ms)",
        ),
        (
            "mode = \"sleep\", sleep_ms = 5",
            "deadline_ms = 50",
            Status::Ok,
            "slept",
        ),
        (
            "mode = \"clock-spin\", sleep_ms = 30000",
            "deadline_ms = 20",
            Status::Timeout,
            "deadline of 20 ms exceeded",
        ),
    ];
    for (settings, extra, status, fragment) in cases {
        let g = Arc::new(generation(&hostile_policy(settings, extra)));
        for place in PLACES {
            let started = Instant::now();
            let d = decide_in(place, &g, "r", "x");
            let report = only(&d);
            let context = format!("{settings} ({place}): {report:?}");
            assert_eq!(report.status, *status, "{context}");
            assert!(report.reasons[0].contains(fragment), "{context}");
            report.reasons.iter().for_each(|r| assert_clean(r));
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{context}: took {:?}",
                started.elapsed()
            );
        }
    }
}

#[test]
fn a_panic_message_is_quoted_escaped_and_capped_in_the_reason() {
    let g = Arc::new(generation(&hostile_policy("mode = \"panic\"", "")));
    let d = decide_in("current_thread", &g, "r", "x");
    let reason = &only(&d).reasons[0];
    assert!(reason.starts_with("trap: "), "{reason}");
    assert!(
        reason.contains("plugin panicked on purpose\\n\\u{1b}[31mFORGED\\u{1b}[0m"),
        "{reason}"
    );
    assert!(reason.len() < 1024, "{}", reason.len());
    assert_clean(reason);
}

#[test]
fn a_reused_instance_keeps_answering_after_output_and_sleeps() {
    let g = generation(&hostile_policy(
        "mode = \"sleep\", sleep_ms = 4",
        "isolation = \"reuse\"\ndeadline_ms = 50",
    ));
    let plugin = g.active_plugins().next().unwrap().clone();
    let mut slot = None;
    // Each call may sleep 4 ms of its own 50: the budget is per call, not
    // per instance, though the virtual clock keeps running.
    for i in 0..100 {
        let o = plugin.detect_in(
            &mut slot,
            &request(&format!("r{i}"), "x"),
            plugin.aggregates(),
        );
        assert_eq!(o.status, Status::Ok, "call {i}: {o:?}");
    }
    assert!(slot.is_some());
}

// ---- Load-time bombs: refused before compiling, in seconds, flat memory.

/// What `palisade check` did: exit code, stdout, stderr, time taken and its
/// peak resident memory (VmHWM, sampled until it exits) in KiB.
pub struct Watched {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
    pub peak_kib: u64,
}

/// Runs `palisade check --policy POLICY`, sampling its peak RSS.
pub fn check_watched(policy: &std::path::Path) -> Watched {
    let dir = tempfile::tempdir().unwrap();
    let (out, err) = (dir.path().join("out"), dir.path().join("err"));
    let started = Instant::now();
    let mut child = palisade()
        .args(["check", "--policy"])
        .arg(policy)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_path) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kib = peak_kib.max(hwm);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("palisade check still running after 120 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Watched {
        code: status.code(),
        stdout: std::fs::read_to_string(out).unwrap(),
        stderr: std::fs::read_to_string(err).unwrap(),
        took: started.elapsed(),
        peak_kib,
    }
}

/// A policy whose one plugin is the file `wasm`.
fn policy_for(dir: &std::path::Path, wasm: &[u8]) -> std::path::PathBuf {
    let wasm_path = dir.join("plugin.wasm");
    std::fs::write(&wasm_path, wasm).unwrap();
    let policy = dir.join("policy.toml");
    std::fs::write(
        &policy,
        "[policy]\nname = \"bomb\"\nversion = \"1\"\n\n[[plugin]]\nname = \"bomb\"\nwasm = \"plugin.wasm\"\n",
    )
    .unwrap();
    policy
}

#[test]
fn compiler_bombs_are_refused_in_seconds_with_flat_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (_keep, normal) = write_policy(&hostile_policy("mode = \"ok\"", ""));
    let baseline = check_watched(&normal);
    assert_eq!(baseline.code, Some(0), "{}", baseline.stderr);
    let bombs: [(&str, Vec<u8>, &str); 3] = [
        (
            "30,000 nested components",
            nested_components(30_000),
            "modules and components nest more than 8 deep",
        ),
        (
            "900,000 functions",
            module_in_component(900_000, 0),
            "more than 100000 functions",
        ),
        (
            "4 functions of 1.2 MB",
            module_in_component(4, 1_200_000),
            "a function body of 1200002 bytes, over the limit of 1048576 bytes",
        ),
    ];
    for (what, bytes, message) in bombs {
        let w = check_watched(&policy_for(dir.path(), &bytes));
        let summary = format!(
            "{what} ({} bytes): exit {:?} in {:?}, peak {} KiB (baseline {} KiB): {}",
            bytes.len(),
            w.code,
            w.took,
            w.peak_kib,
            baseline.peak_kib,
            w.stderr
        );
        assert_eq!(w.code, Some(1), "{summary}");
        assert!(w.stderr.contains("refused before compiling"), "{summary}");
        assert!(w.stderr.contains(message), "{summary}");
        assert!(w.took < Duration::from_secs(20), "{summary}");
        // Compiling these took 20 GB, 6 GB and (at full size) 860 s.
        assert!(w.peak_kib < baseline.peak_kib + 256 * 1024, "{summary}");
        eprintln!("{summary}");
    }
}

#[test]
fn a_compilation_past_its_time_bound_is_refused_naming_the_limit() {
    let runtime = palisade::runtime::Runtime::new();
    runtime.set_compile_timeout(Duration::from_nanos(1));
    let (_dir, path) = write_policy(&hostile_policy("mode = \"ok\"", ""));
    let started = Instant::now();
    let err = match palisade::policy::load(&path, &runtime, 1) {
        Ok(_) => panic!("compiled within a nanosecond"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains("compiling took longer than the 0.000000001-second limit; refused"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Once the abandoned compilation ends, the same plugin loads normally.
    runtime.set_compile_timeout(palisade::runtime::COMPILE_TIMEOUT);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match palisade::policy::load(&path, &runtime, 2) {
            Ok(_) => break,
            Err(e) if Instant::now() < deadline => {
                assert!(e.to_string().contains("compiling took longer"), "{e}");
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("{e}"),
        }
    }
}

// ---- Plugin text is untrusted: `check` prints it escaped and capped.

/// The misbehave component with its version and description rewritten (in
/// place, same length) to hostile text: a plugin whose metadata forges
/// terminal lines.
fn hostile_metadata_plugin() -> Vec<u8> {
    let mut bytes = std::fs::read(plugin("misbehave")).unwrap();
    for (marker, hostile) in [
        (
            "0.1.0+misbehave.version",
            "1\nok\r\x1b[2J\x1b[31mX\x1b[0m\u{202e}",
        ),
        (
            "test-only: misbehaves on command [description marker]",
            "d\nok\n\x1b]0;title\x07\x1b[1A\x1b[2K\u{9b}2J fake",
        ),
    ] {
        let mut hostile = hostile.as_bytes().to_vec();
        assert!(hostile.len() <= marker.len());
        hostile.resize(marker.len(), b'!');
        let at: Vec<usize> = bytes
            .windows(marker.len())
            .enumerate()
            .filter(|(_, w)| *w == marker.as_bytes())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(at.len(), 1, "marker {marker:?} found {} times", at.len());
        bytes[at[0]..at[0] + marker.len()].copy_from_slice(&hostile);
    }
    bytes
}

#[test]
fn check_prints_hostile_plugin_metadata_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.wasm"), hostile_metadata_plugin()).unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "[policy]\nname = \"hostile\"\nversion = \"1\"\n\n[[plugin]]\nname = \"subject\"\nwasm = \"hostile.wasm\"\nsettings = { mode = \"ok\" }\n",
    )
    .unwrap();
    let w = check_watched(&policy);
    assert_eq!(w.code, Some(0), "{}", w.stderr);
    assert_clean(&w.stdout.replace('\n', ""));
    let lines: Vec<&str> = w.stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.trim() == "ok").count(),
        1,
        "a forged `ok` line:\n{}",
        w.stdout
    );
    assert_eq!(lines.last(), Some(&"ok"));
    assert!(
        w.stdout
            .contains("1\\nok\\r\\u{1b}[2J\\u{1b}[31mX\\u{1b}[0m\\u{202e}"),
        "{}",
        w.stdout
    );
    assert!(
        w.stdout.contains("d\\nok\\n\\u{1b}]0;title\\u{7}"),
        "{}",
        w.stdout
    );
}

#[test]
fn check_prints_a_hostile_megabyte_settings_error_escaped_and_capped() {
    let (_dir, path) = write_policy(&hostile_policy(
        "mode = \"ok\", hostile_error_bytes = 4000000",
        "memory_mib = 64",
    ));
    let w = check_watched(&path);
    assert_eq!(w.code, Some(1), "{}", w.stdout);
    assert!(
        w.stderr
            .contains("settings rejected by the plugin: hostile:\\nok\\r\\u{1b}[2K"),
        "{}",
        w.stderr
    );
    assert!(w.stderr.len() < 4096, "{} bytes of stderr", w.stderr.len());
    assert_clean(&w.stderr.replace('\n', ""));
    assert!(!w.stderr.lines().any(|l| l.trim() == "ok"), "{}", w.stderr);
}

#[test]
fn stack_kib_works_up_to_its_documented_maximum_and_is_refused_beyond() {
    // The wasm stack shares the calling thread's: at the maximum, a runaway
    // recursion still ends in wasmtime's trap on every kind of thread.
    let g = Arc::new(generation(&misbehave_policy(
        "recurse",
        "stack_kib = 1024\ndeadline_ms = 5000",
    )));
    for place in PLACES {
        let d = decide_in(place, &g, "r", "x");
        assert_eq!(
            only(&d).reasons,
            vec!["stack overflow".to_string()],
            "{place}"
        );
    }
    let (_dir, path) = write_policy(&misbehave_policy("recurse", "stack_kib = 2048"));
    let err = match palisade::policy::load(&path, &runtime(), 1) {
        Ok(_) => panic!("stack_kib = 2048 accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        err.contains(
            "2048 is outside 32..=1024; the wasm stack shares the host thread's 2 MiB stack"
        ),
        "{err}"
    );
}

#[test]
fn eval_gives_panicking_printing_and_sleeping_plugins_their_own_status() {
    let body = format!(
        "{}\n[[plugin]]\nname = \"sleepy\"\nwasm = \"{{misbehave}}\"\ndeadline_ms = 20\nsettings = {{ mode = \"sleep\", sleep_ms = 30000, trigger = \"zzz\" }}\n",
        hostile_policy(
            "mode = \"panic\", trigger = \"boom\"",
            "on_failure = \"block\""
        )
        .replace(
            "[scoring]\nladder = [{ score = 0.5, action = \"log\" }]\n",
            ""
        )
    );
    let (_dir, path) = write_policy(&body);
    let input: String = ["hello", "boom", "zzz", "hello"]
        .iter()
        .enumerate()
        .map(|(i, prompt)| {
            format!(
                "{{\"id\":\"e{i}\",\"ts_ms\":1764150000000,\"account\":{{\"id\":\"a\"}},\"client\":{{\"ip\":\"203.0.113.9\"}},\"request\":{{\"prompt\":\"{prompt}\"}}}}\n"
            )
        })
        .collect();
    let started = Instant::now();
    let mut child = palisade()
        .args(["eval", "--policy"])
        .arg(&path)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    let decisions: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let statuses: Vec<(String, String, String)> = decisions
        .iter()
        .map(|d| {
            (
                d["action"].as_str().unwrap().to_string(),
                d["detectors"][0]["status"].as_str().unwrap().to_string(),
                d["detectors"][1]["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        statuses,
        vec![
            s("allow", "ok", "ok"),
            s("block", "trap", "ok"),
            s("allow", "ok", "timeout"),
            s("allow", "ok", "ok"),
        ],
        "{decisions:?}"
    );
}
