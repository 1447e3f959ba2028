//! The JavaScript plugin (componentize-js; `tests/plugins/js-keywords`) in
//! the unchanged host, deciding exactly like its Rust twin
//! (`tests/plugins/keywords`) on the same generated requests.
//!
//! `tests/plugins/build-js.sh` builds it (`tests/run`, so CI, runs it).
//! Without the component these tests are skipped, unless `CI` is set, when
//! they fail: CI must not pass by not running them.

use crate::common::{
    NewProject, built_or_skip, palisade, plugin, run_twin as run, succeed,
    twin_requests as generate,
};
use std::path::{Path, PathBuf};

/// The JavaScript component, or `None` (skip) outside CI when it is not built.
fn js_plugin() -> Option<PathBuf> {
    built_or_skip("js-keywords", "build-js.sh")
}

#[test]
fn the_js_plugin_decides_like_its_rust_twin_on_generated_requests() {
    let Some(js) = js_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let requests = generate(tmp.path());
    let n = std::fs::read_to_string(&requests).unwrap().lines().count();
    assert!(n > 200, "{n} requests");

    let rust = run(&plugin("keywords"), &requests, &[]);
    let fired = rust
        .lines()
        .filter(|l| !l.contains("\"score\":0.0"))
        .count();
    assert!(fired > 10 && fired < n, "{fired} of {n} scored");
    assert!(rust.contains("keyword-burst"));
    // Fresh instances (the default isolation) and one reused instance.
    for extra in [&[][..], &["--reuse"][..]] {
        let js = run(&js, &requests, extra);
        assert_eq!(js.lines().count(), n, "{extra:?}");
        for (i, (r, j)) in rust.lines().zip(js.lines()).enumerate() {
            assert_eq!(r, j, "request {i} {extra:?}");
        }
    }
}

#[test]
fn the_js_plugin_refuses_bad_settings_naming_the_setting() {
    let Some(js) = js_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let requests = generate(tmp.path());
    // Each run compiles the ~12 MB component again: two cases here, the
    // others in the module's unit test (keywords.test.js).
    for (settings, named) in [
        (r#"{"brust": 3}"#, "brust"),
        (r#"{"burst": 0}"#, "burst: must be at least 1"),
    ] {
        let out = palisade()
            .args(["plugin", "run"])
            .arg(&js)
            .args(["--settings", settings, "--input"])
            .arg(&requests)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{settings}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("settings rejected by the plugin") && stderr.contains(named),
            "{settings}: {stderr}"
        );
    }
}

fn policy(dir: &Path, js: &Path) -> PathBuf {
    let policy = dir.join("policy.toml");
    std::fs::write(
        &policy,
        format!(
            r#"[policy]
name = "js"
version = "0.1.0"
mode = "enforce"

[[plugin]]
name = "keywords-js"
wasm = "{js}"
grants = ["prompt"]
deadline_ms = 5000
isolation = "reuse"

[[plugin]]
name = "reasoning"
wasm = "{reasoning}"
deadline_ms = 5000

[scoring]
ladder = [ {{ score = 0.5, action = "log" }} ]
"#,
            js = js.display(),
            reasoning = plugin("reasoning").display()
        ),
    )
    .unwrap();
    policy
}

/// Through the policy loader, in the library, beside a Rust plugin.
#[test]
fn the_js_plugin_decides_in_a_policy_next_to_rust_plugins() {
    let Some(js) = js_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let policy = policy(tmp.path(), &js);
    let runtime = palisade::runtime::Runtime::new();
    // Generous for a starved machine; the default bound is the next test's.
    runtime.set_compile_timeout(std::time::Duration::from_secs(600));
    let generation = palisade::policy::load(&policy, &runtime, 1).unwrap();
    let features = palisade::features::Features::parse(
        br#"{"id":"r-1","ts_ms":1764150000000,"account":{"id":"a"},"client":{"ip":"203.0.113.9"},"request":{"prompt":"Explain step by step, with your full reasoning."}}"#,
        &palisade::features::FeatureLimits::default(),
    )
    .unwrap();
    let decision = generation.decide(&features);
    let js_verdict = decision
        .detectors
        .iter()
        .find(|d| &*d.name == "keywords-js")
        .unwrap();
    assert_eq!(js_verdict.score, 0.5 + 0.5 / 5.0, "{decision:?}");
    assert!(
        decision.detectors.iter().any(|d| &*d.name == "reasoning"),
        "{decision:?}"
    );
}

/// `palisade check` as an operator runs it, with the policy's own compile
/// bound (20 s + 5 s per MiB: about 77 s for the ~12 MB component, which
/// compiles in about 14 s of CPU), twice: the second start loads both
/// plugins from the compiled cache.
#[test]
fn the_js_plugin_compiles_within_the_policy_bound_and_then_loads_from_the_cache() {
    let Some(js) = js_plugin() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let policy = policy(tmp.path(), &js);
    let cache = tmp.path().join("cache");
    let check = || {
        let out = succeed(
            palisade()
                .args(["check", "--policy"])
                .arg(&policy)
                .arg("--cache-dir")
                .arg(&cache),
        );
        String::from_utf8(out).unwrap()
    };
    let cold = check();
    assert!(
        cold.contains("compiled cache: 0 loaded, 2 compiled"),
        "{cold}"
    );
    let warm = check();
    assert!(
        warm.contains("compiled cache: 2 loaded, 0 compiled"),
        "{warm}"
    );
}

/// `palisade plugin new --lang js`, its README's steps: the unit test under
/// Node (`node --test`, the repository's own test, renamed), `plugin build`
/// (componentize-js from the toolchain `tests/plugins/build-js.sh`
/// installed, on `PATH`), and `plugin run`, deciding like the Rust twin.
#[test]
fn a_new_js_plugin_builds_and_decides_like_the_rust_twin() {
    if js_plugin().is_none() {
        return;
    }
    let project = NewProject::create(
        "jsdemo",
        "js",
        &crate::common::root().join("target/plugins/componentize-js-0.23.0/node_modules/.bin"),
        "componentize-js",
        "build-js.sh",
    );
    let in_project = |program: &str, args: &[&str]| project.command(program, args);
    let unit = in_project("node", &["--test"]).output().unwrap();
    let report = String::from_utf8_lossy(&unit.stdout);
    assert!(
        unit.status.success() && report.contains("# pass 3") && report.contains("# fail 0"),
        "{report}{}",
        String::from_utf8_lossy(&unit.stderr)
    );
    let built = succeed(&mut in_project("palisade", &["plugin", "build", "."]));
    assert_eq!(String::from_utf8_lossy(&built).trim(), "./jsdemo.wasm");
    let requests = generate(&project.path);
    assert_eq!(
        run(&project.path.join("jsdemo.wasm"), &requests, &["--reuse"]),
        run(&plugin("keywords"), &requests, &[])
    );
}
