//! The README's "Writing a plugin" steps, run as a new author would from a
//! fresh clone: `palisade plugin new demo`, `palisade plugin build` (with
//! this repository's SDK by path, offline: the crates it needs are the
//! workspace's own, already in the local registry cache), `plugin run` on
//! generated requests, and the project's example policy through `check`
//! and `eval`. The project lives outside the repository; its build shares
//! one target dir (`target/plugin-new`) across runs, so only the first run
//! compiles the SDK's dependencies.

use crate::common::{palisade, root, succeed};
use serde_json::Value;

fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_new_plugin_builds_runs_and_serves_in_a_policy_as_the_readme_says() {
    let tmp = tempfile::tempdir().unwrap();
    let out = succeed(
        palisade()
            .args(["plugin", "new", "demo", "--dir"])
            .arg(tmp.path()),
    );
    let project = tmp.path().join("demo");
    assert_eq!(
        String::from_utf8_lossy(&out).trim(),
        project.display().to_string()
    );
    let cargo_toml = std::fs::read_to_string(project.join("Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("crate-type = [\"cdylib\", \"rlib\"]"));
    assert!(cargo_toml.contains(&root().join("plugins/sdk").display().to_string()));
    let config = std::fs::read_to_string(project.join(".cargo/config.toml")).unwrap();
    assert!(config.contains("target = \"wasm32-wasip2\""));
    let readme = std::fs::read_to_string(project.join("README.md")).unwrap();
    assert!(readme.contains("palisade plugin build ."));

    // The project README's steps, from the project directory.
    let in_project = |args: &[&str]| {
        let mut c = palisade();
        c.current_dir(&project)
            .args(args)
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_TARGET_DIR", root().join("target").join("plugin-new"));
        c
    };
    let built = succeed(&mut in_project(&["plugin", "build", "."]));
    assert_eq!(String::from_utf8_lossy(&built).trim(), "./demo.wasm");
    assert!(project.join("demo.wasm").is_file());

    // Its unit test, natively (the README's command).
    let rustc = String::from_utf8(succeed(std::process::Command::new("rustc").arg("-vV"))).unwrap();
    let host = rustc
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .unwrap()
        .to_string();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let tested = succeed(
        std::process::Command::new(cargo)
            .current_dir(&project)
            .args(["test", "--release", "--target", &host])
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_TARGET_DIR", root().join("target").join("plugin-new")),
    );
    assert!(String::from_utf8_lossy(&tested).contains("2 passed"));

    succeed(&mut in_project(&[
        "gen",
        "--scale",
        "0.01",
        "--hours",
        "4",
        "--output",
        "requests.jsonl",
    ]));
    let requests = std::fs::read_to_string(project.join("requests.jsonl")).unwrap();
    let verdicts = jsonl(&succeed(&mut in_project(&[
        "plugin",
        "run",
        "demo.wasm",
        "--settings",
        r#"{"burst": 3}"#,
        "--input",
        "requests.jsonl",
    ])));
    assert_eq!(verdicts.len(), requests.lines().count());
    assert!(verdicts.iter().all(|v| v["status"] == "ok"), "{verdicts:?}");
    let fired = verdicts
        .iter()
        .filter(|v| v["score"].as_f64() > Some(0.0))
        .count();
    assert!(
        fired > 0 && fired < verdicts.len(),
        "{fired} of {}",
        verdicts.len()
    );
    assert!(
        verdicts.iter().any(|v| v["tags"]
            .as_array()
            .unwrap()
            .contains(&"keyword-burst".into())),
        "the aggregate counter never reached the burst"
    );

    let bench = succeed(&mut in_project(&[
        "plugin",
        "bench",
        "demo.wasm",
        "--input",
        "requests.jsonl",
        "--iterations",
        "200",
        "--json",
    ]));
    let bench: Value = serde_json::from_slice(&bench).unwrap();
    assert_eq!(bench["iterations"], 200);
    assert_eq!(bench["failed"], 0);
    assert!(bench["p50_us"].as_f64().unwrap() <= bench["p99_us"].as_f64().unwrap());

    let check = succeed(&mut in_project(&["check", "--policy", "policy.toml"]));
    assert!(
        String::from_utf8_lossy(&check).contains("demo"),
        "{}",
        String::from_utf8_lossy(&check)
    );
    let decisions = jsonl(&succeed(&mut in_project(&[
        "eval",
        "--policy",
        "policy.toml",
        "--input",
        "requests.jsonl",
    ])));
    assert_eq!(decisions.len(), verdicts.len());
    assert!(
        decisions
            .iter()
            .all(|d| d["detectors"][0]["name"] == "demo" && d["detectors"][0]["status"] == "ok")
    );
    assert!(decisions.iter().any(|d| d["action"] != "allow"));
}

#[test]
fn plugin_new_refuses_a_bad_name_and_an_existing_project() {
    let tmp = tempfile::tempdir().unwrap();
    let out = palisade()
        .args(["plugin", "new", "Demo", "--dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("lower-case"));
    succeed(
        palisade()
            .args(["plugin", "new", "demo", "--dir"])
            .arg(tmp.path()),
    );
    let out = palisade()
        .args(["plugin", "new", "demo", "--dir"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn plugin_build_names_the_missing_cdylib() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("Cargo.toml"),
        "[package]\nname = \"nolib\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    )
    .unwrap();
    let out = palisade()
        .args(["plugin", "build"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("add crate-type = [\"cdylib\"] to [lib]"),
        "{stderr}"
    );
}
