//! The Python plugin (componentize-py; `tests/plugins/python-keywords`) in
//! the unchanged host, deciding exactly like its Rust twin
//! (`tests/plugins/keywords`) on the same generated requests.
//!
//! `tests/plugins/build-python.sh` builds it (CI runs it from `.ci/run`).
//! Without the component these tests are skipped, unless `CI` is set, when
//! they fail: CI must not pass by not running them.

use crate::common::{
    NewProject, built_or_skip, palisade, plugin, run_twin, succeed, twin_requests as generate,
};
use std::path::{Path, PathBuf};

/// The Python component, or `None` (skip) outside CI when it is not built.
fn python_plugin() -> Option<PathBuf> {
    built_or_skip("python-keywords", "build-python.sh")
}

/// `plugin run` with 64 MiB of memory: CPython's runtime needs more than
/// the host's default cap.
fn run(wasm: &Path, requests: &Path, extra: &[&str]) -> String {
    run_twin(wasm, requests, &[&["--memory-mib", "64"], extra].concat())
}

#[test]
fn the_python_plugin_decides_like_its_rust_twin_on_generated_requests() {
    let Some(python) = python_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let requests = generate(tmp.path());
    let n = std::fs::read_to_string(&requests).unwrap().lines().count();
    assert!(n > 200, "{n} requests");

    // Fresh instances (the default isolation); the new-project test below
    // runs a reused one.
    let rust = run(&plugin("keywords"), &requests, &[]);
    let py = run(&python, &requests, &[]);
    assert_eq!(py.lines().count(), n);
    for (i, (r, p)) in rust.lines().zip(py.lines()).enumerate() {
        assert_eq!(r, p, "request {i}");
    }
    let fired = rust
        .lines()
        .filter(|l| !l.contains("\"score\":0.0"))
        .count();
    assert!(fired > 10 && fired < n, "{fired} of {n} scored");
    assert!(rust.contains("keyword-burst"));
}

#[test]
fn the_python_plugin_refuses_bad_settings_naming_the_setting() {
    let Some(python) = python_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let requests = generate(tmp.path());
    let out = palisade()
        .args(["plugin", "run"])
        .arg(&python)
        .args([
            "--settings",
            r#"{"brust": 3}"#,
            "--memory-mib",
            "64",
            "--input",
        ])
        .arg(&requests)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("settings rejected by the plugin") && stderr.contains("brust"),
        "{stderr}"
    );
}

/// Through the policy loader, in the library: a runtime of its own whose
/// compile timeout allows for a busy machine (an ~18 MB component compiles
/// with about 14 s of CPU; policies allow 20 s of wall clock).
#[test]
fn the_python_plugin_loads_in_a_policy_next_to_rust_plugins() {
    let Some(python) = python_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let policy = tmp.path().join("policy.toml");
    std::fs::write(
        &policy,
        format!(
            r#"[policy]
name = "python"
version = "0.1.0"
mode = "enforce"

[[plugin]]
name = "keywords-py"
wasm = "{python}"
grants = ["prompt"]
memory_mib = 64
deadline_ms = 5000
isolation = "reuse"

[[plugin]]
name = "reasoning"
wasm = "{reasoning}"
deadline_ms = 5000

[scoring]
ladder = [ {{ score = 0.5, action = "log" }} ]
"#,
            python = python.display(),
            reasoning = plugin("reasoning").display()
        ),
    )
    .unwrap();
    let runtime = palisade::runtime::Runtime::new();
    runtime.set_compile_timeout(std::time::Duration::from_secs(600));
    let generation = palisade::policy::load(&policy, &runtime, 1).unwrap();
    let features = palisade::features::Features::parse(
        br#"{"id":"r-1","ts_ms":1764150000000,"account":{"id":"a"},"client":{"ip":"203.0.113.9"},"request":{"prompt":"Explain step by step, with your full reasoning."}}"#,
        &palisade::features::FeatureLimits::default(),
    )
    .unwrap();
    let decision = generation.decide(&features);
    let python_verdict = decision
        .detectors
        .iter()
        .find(|d| &*d.name == "keywords-py")
        .unwrap();
    assert_eq!(python_verdict.score, 0.5 + 0.5 / 5.0, "{decision:?}");
}

/// `palisade plugin new --lang python`, its README's steps: the unit test
/// against generated bindings, `plugin build` (componentize-py from the
/// venv `tests/plugins/build-python.sh` made), and `plugin run`, deciding
/// like the Rust twin.
#[test]
fn a_new_python_plugin_builds_and_decides_like_the_rust_twin() {
    if python_plugin().is_none() {
        return;
    }
    let project = NewProject::create(
        "pydemo",
        "python",
        &crate::common::root().join("target/plugins/componentize-py-0.25.1/bin"),
        "componentize-py",
        "build-python.sh",
    );
    let in_project = |program: &str, args: &[&str]| project.command(program, args);
    succeed(&mut in_project(
        "componentize-py",
        &["-d", "wit", "-w", "plugin", "bindings", "bindings"],
    ));
    let unit = in_project("python3", &["-m", "unittest"])
        .env("PYTHONPATH", "bindings")
        .output()
        .unwrap();
    assert!(
        unit.status.success() && String::from_utf8_lossy(&unit.stderr).contains("OK"),
        "{}",
        String::from_utf8_lossy(&unit.stderr)
    );
    let built = succeed(&mut in_project("palisade", &["plugin", "build", "."]));
    let wasm = project.path.join("pydemo.wasm");
    assert_eq!(String::from_utf8_lossy(&built).trim(), "./pydemo.wasm");
    let requests = generate(&project.path);
    assert_eq!(
        run(&wasm, &requests, &["--reuse"]),
        run(&plugin("keywords"), &requests, &[])
    );
}
