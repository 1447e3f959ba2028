//! Builds every detector plugin (and the test-only misbehaving plugin) from
//! source for `wasm32-wasip2`, the way wasmtime builds its test programs: the
//! host's tests, benches and shipped policies then never depend on a prebuilt
//! binary. The components land in `target/plugins/wasm32-wasip2/release/`,
//! which `policies/*.toml` reference relative to themselves.
//!
//! A separate target dir keeps the nested cargo from waiting on the outer
//! one's build lock. Set `PALISADE_SKIP_PLUGIN_BUILD=1` to skip (e.g. when a
//! packaging step builds the plugins itself).

use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-wasip2";

fn main() {
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let root = manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let target_dir = root.join("target").join("plugins");
    let out = target_dir.join(TARGET).join("release");
    println!("cargo:rustc-env=PALISADE_PLUGIN_DIR={}", out.display());
    println!("cargo:rustc-env=PALISADE_ROOT={}", root.display());
    println!("cargo:rerun-if-env-changed=PALISADE_SKIP_PLUGIN_BUILD");
    for dir in ["plugins", "tests/plugins", "wit"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    if std::env::var_os("PALISADE_SKIP_PLUGIN_BUILD").is_some() {
        return;
    }

    let packages = plugin_packages(&root);
    ensure_target();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&root)
        .args(["build", "--release", "--target", TARGET, "--target-dir"])
        .arg(&target_dir);
    for package in &packages {
        cmd.args(["-p", package]);
    }
    // The outer build's flags and wrappers (clippy, coverage) are for the
    // host target; the plugins get a plain build.
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_WRAPPER",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_MAKEFLAGS",
        "MAKEFLAGS",
    ] {
        cmd.env_remove(var);
    }
    let status = cmd.status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => fail(&format!(
            "building the plugins for {TARGET} failed ({s}); the errors are above. \
             If the target is missing, run `rustup target add {TARGET}`."
        )),
        Err(e) => fail(&format!("could not run cargo to build the plugins: {e}")),
    }
}

/// Every package under `plugins/` and `tests/plugins/` that builds a
/// component (a `cdylib`); the SDK is a library only.
fn plugin_packages(root: &Path) -> Vec<String> {
    let mut packages = Vec::new();
    for parent in ["plugins", "tests/plugins"] {
        let Ok(entries) = std::fs::read_dir(root.join(parent)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs {
            let Ok(manifest) = std::fs::read_to_string(dir.join("Cargo.toml")) else {
                continue;
            };
            if !manifest.contains("cdylib") {
                continue;
            }
            if let Some(name) = package_name(&manifest) {
                packages.push(name);
            }
        }
    }
    packages
}

fn package_name(manifest: &str) -> Option<String> {
    manifest.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix("name")?
            .trim_start()
            .strip_prefix('=')?;
        Some(rest.trim().trim_matches('"').to_string())
    })
}

/// A new machine starts without the Wasm target; add it when rustup is there.
fn ensure_target() {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == TARGET)
        })
        .unwrap_or(true);
    if !installed {
        println!("cargo:warning=adding the {TARGET} target with rustup");
        let _ = Command::new("rustup")
            .args(["target", "add", TARGET])
            .status();
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1)
}
