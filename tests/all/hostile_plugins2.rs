//! Hostile plugins, second pass: what a plugin (or the files shipped
//! beside it) can make the host pay outside the plugin's own budgets.

use crate::common::*;
use crate::hostile_plugins::{check_within, forged_with_deadline, only};
use palisade::decision::Status;
use palisade::policy::Generation;
use std::time::Duration;

fn forged(attack: &str) -> Generation {
    forged_with_deadline(attack, 5000)
}

fn mkfifo(path: &std::path::Path) {
    assert!(
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap()
            .success()
    );
}

#[test]
fn signature_and_key_paths_that_are_not_regular_files_are_refused_without_blocking() {
    // A FIFO as the plugin's `.sig` (or as a trusted key file) blocked
    // `check` and every later reload forever; /dev/zero as a key file was
    // read without end. Each is now named and refused at once.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(plugin("forged"), dir.path().join("p.wasm")).unwrap();
    let key = dir.path().join("vendor");
    succeed(palisade().args(["plugin", "keygen", "--out"]).arg(&key));
    mkfifo(&dir.path().join("p.wasm.sig"));
    mkfifo(&dir.path().join("fifo.pub"));
    let cases = [
        ("vendor.pub", "p.wasm.sig", "not a regular file (a FIFO)"),
        ("fifo.pub", "p.wasm.sig", "not a regular file (a FIFO)"),
        (
            "/dev/zero",
            "p.wasm.sig",
            "not a regular file (a character device)",
        ),
    ];
    for (key_file, what, expected) in cases {
        let policy = dir.path().join("policy.toml");
        std::fs::write(
            &policy,
            format!(
                "[policy]\nname = \"t\"\nversion = \"1\"\n\n[trust]\nrequire_signatures = true\n\
                 [trust.keys]\nvendor = \"{key_file}\"\n\n[[plugin]]\nname = \"p\"\nwasm = \"p.wasm\"\n"
            ),
        )
        .unwrap();
        let (status, stderr) = check_within(&policy, Duration::from_secs(30));
        assert!(
            status.is_some_and(|c| c != 0),
            "key {key_file}, {what}: status {status:?} (None: hung); stderr:\n{stderr}"
        );
        assert!(
            stderr.contains(expected),
            "key {key_file}, {what}:\n{stderr}"
        );
    }
}

#[test]
fn a_plugin_hoarding_wasi_handles_is_refused_past_the_handle_limit() {
    // Each handle lives in host memory, outside the plugin's memory cap:
    // wasmtime's own bounds allowed 100,000 (~11 MiB of host memory per
    // instance), kept across calls by a reused instance.
    let report = only(&forged("handles:1"));
    assert_eq!(report.status, Status::Ok, "a thousand are fine: {report:?}");
    let report = only(&forged("handles:50"));
    assert_eq!(report.status, Status::Error, "{report:?}");
    assert!(
        report.reasons[0].contains("more than 4096 WASI handles"),
        "{report:?}"
    );
}

fn forged_policy(attack: &str) -> String {
    format!(
        "[policy]\nname = \"forged\"\nversion = \"{attack}\"\n\n[[plugin]]\nname = \"forged\"\nwasm = \"{}\"\n\
         settings = {{ attack = \"{attack}\" }}\n",
        plugin("forged").display()
    )
}

#[test]
fn a_plugin_whose_configure_refuses_traps_or_loops_is_refused_at_load() {
    // `configure` used to run only in serving instances: such a plugin
    // loaded (and a reload to it succeeded), then failed every request.
    let cases = [
        (
            "configure-loop",
            "failed at load, in configure: did not finish within the 1000 ms",
        ),
        (
            "configure-refuse",
            "configure refused the settings validate-settings accepted: refused at configure\\n\\u{1b}[31mFORGED",
        ),
        ("configure-trap", "failed at load, in configure: "),
    ];
    for (attack, expected) in cases {
        let (_dir, path) = write_policy(&forged_policy(attack));
        let started = std::time::Instant::now();
        let error = match palisade::policy::load(&path, &runtime(), 1) {
            Ok(_) => panic!("{attack}: loaded"),
            Err(e) => e.to_string(),
        };
        assert!(error.contains("plugin.forged"), "{attack}: {error}");
        assert!(error.contains(expected), "{attack}: {error}");
        assert!(!error.contains('\u{1b}'), "{attack}: escaped: {error}");
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{attack}: refused within a minute"
        );
    }
    // The same plugin behaving loads.
    let (_dir, path) = write_policy(&forged_policy("none"));
    palisade::policy::load(&path, &runtime(), 1).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_reload_to_a_plugin_whose_configure_loops_keeps_the_last_good_policy_serving() {
    use palisade::reload::{ReloadOptions, Reloader, Trigger};
    let dir = PolicyDir::new(&forged_policy("none"));
    let options = ReloadOptions {
        policy: dir.path.clone(),
        candidate: None,
        last_known_good: None,
        candidate_runtime: None,
    };
    let r = Reloader::start(options, runtime()).unwrap_or_else(|e| panic!("{e}"));
    let first = r.current().id;
    dir.replace(&forged_policy("configure-loop"));
    let error = r.reload_blocking(Trigger::Manual).unwrap_err().to_string();
    assert!(error.contains("in configure"), "{error}");
    assert_eq!(r.current().id, first);
    let d = r.current().decide(&request("r-1", "hi"));
    assert_eq!(d.detectors[0].status, Status::Ok, "{d:?}");
}
