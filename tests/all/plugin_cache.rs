//! The compiled cache on disk: a warm restart loads every plugin from it,
//! and a truncated, changed or foreign entry is deleted and recompiled,
//! never loaded.

use crate::common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// `palisade check` of the shipped policy with the cache at `dir`:
/// (stdout, stderr); it must succeed.
fn check(dir: &Path) -> (String, String) {
    let out = palisade()
        .current_dir(root())
        .args(["check", "--policy", "policies/default.toml", "--cache-dir"])
        .arg(dir)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{stderr}");
    (stdout, stderr)
}

/// The `compiled cache:` line of `check`.
fn summary(stdout: &str) -> String {
    stdout
        .lines()
        .find(|l| l.trim_start().starts_with("compiled cache:"))
        .unwrap_or_else(|| panic!("no cache line in {stdout}"))
        .trim()
        .to_string()
}

fn entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cwasm"))
        .collect();
    v.sort();
    v
}

fn plugins_in_default_policy() -> usize {
    let text = std::fs::read_to_string(root().join("policies/default.toml")).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["plugin"].as_array().unwrap().len()
}

#[test]
fn a_warm_restart_loads_every_plugin_from_the_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cache");
    let n = plugins_in_default_policy();
    let (cold, _) = check(&dir);
    assert!(
        summary(&cold).starts_with(&format!("compiled cache: 0 loaded, {n} compiled")),
        "{cold}"
    );
    let (warm, _) = check(&dir);
    assert!(
        summary(&warm).starts_with(&format!("compiled cache: {n} loaded, 0 compiled")),
        "{warm}"
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("secret")), 0o600);
    let files = entries(&dir);
    assert_eq!(files.len(), n);
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn truncated_and_changed_entries_are_deleted_and_recompiled() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cache");
    check(&dir);
    let files = entries(&dir);
    let truncated = std::fs::read(&files[0]).unwrap();
    std::fs::write(&files[0], &truncated[..truncated.len() / 3]).unwrap();
    let mut flipped = std::fs::read(&files[1]).unwrap();
    let at = flipped.len() - 100;
    flipped[at] ^= 0x40;
    std::fs::write(&files[1], flipped).unwrap();

    let (stdout, stderr) = check(&dir);
    let line = summary(&stdout);
    assert!(line.contains(" 2 compiled"), "{line}");
    assert!(
        line.contains("(2 bad entries deleted and recompiled)"),
        "{line}"
    );
    assert!(stderr.contains("rejected and deleted"), "{stderr}");
    // Rewritten good: the next start loads everything.
    let (again, _) = check(&dir);
    assert!(summary(&again).contains(" 0 compiled"), "{again}");
}

#[test]
fn entries_from_another_cache_are_foreign_and_never_loaded() {
    let tmp = tempfile::tempdir().unwrap();
    let (ours, theirs) = (tmp.path().join("ours"), tmp.path().join("theirs"));
    check(&ours);
    check(&theirs);
    // Same keys (same plugins and engine), another secret.
    for f in entries(&theirs) {
        std::fs::copy(&f, ours.join(f.file_name().unwrap())).unwrap();
    }
    let n = plugins_in_default_policy();
    let (stdout, _) = check(&ours);
    assert!(
        summary(&stdout).contains(&format!("0 loaded, {n} compiled")),
        "{stdout}"
    );
    assert!(summary(&stdout).contains(&format!("({n} bad entries")));
}

#[test]
fn a_cache_directory_others_can_write_is_not_used() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cache");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    let (stdout, stderr) = check(&dir);
    assert!(stderr.contains("not using the compiled cache"), "{stderr}");
    assert!(stderr.contains("writable by group or others"), "{stderr}");
    assert!(
        summary(&stdout).starts_with("compiled cache: off"),
        "{stdout}"
    );
    assert!(entries(&dir).is_empty());
}

#[test]
fn serve_compiles_into_the_cache_dir_of_serve_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("serve-cache");
    let config = format!("[cache]\ndir = {:?}\n", dir.display().to_string());
    let server = crate::server::Server::with_config(&crate::server::default_policy(), &config, &[]);
    // Listening means the policy was loaded, so its plugins were compiled.
    assert_eq!(entries(&dir).len(), plugins_in_default_policy());
    drop(server);
}

/// The figure for issue 13: `palisade check` of the shipped policy with a
/// cold and a warm cache (printed, not asserted: a shared machine).
/// `cargo test --release -p palisade --test all -- cold_and_warm --nocapture`
#[test]
fn cold_and_warm_check_times_are_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cache");
    let started = std::time::Instant::now();
    check(&dir);
    let cold = started.elapsed();
    let started = std::time::Instant::now();
    check(&dir);
    let warm = started.elapsed();
    println!(
        "check policies/default.toml: cold cache {:.0} ms, warm cache {:.0} ms",
        cold.as_secs_f64() * 1e3,
        warm.as_secs_f64() * 1e3
    );
}
