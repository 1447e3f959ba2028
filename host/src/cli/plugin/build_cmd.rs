//! `palisade plugin build [DIR]`: builds a plugin project into a component
//! and copies it to `DIR/NAME.wasm`, where the project's example policy
//! expects it. A Rust project (`Cargo.toml`) is built with cargo for
//! `wasm32-wasip2` (adding the target with rustup when it is missing); a
//! Python project (`app.py`) with componentize-py; a JavaScript project
//! (`detector.js`) with componentize-js. The mistakes a first
//! build makes are caught before cargo's own, vaguer, errors.

use super::new::{COMPONENTIZE_JS, COMPONENTIZE_JS_ARGS, COMPONENTIZE_PY};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const TARGET: &str = "wasm32-wasip2";

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The project directory.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let wasm = if dir.join("Cargo.toml").is_file() {
        build_rust(dir)?
    } else if dir.join("app.py").is_file() {
        build_python(dir)?
    } else if dir.join("detector.js").is_file() {
        build_js(dir)?
    } else {
        bail!(
            "{}: neither a Rust plugin (Cargo.toml), a Python one (app.py) nor a JavaScript one (detector.js); `palisade plugin new NAME` writes one",
            dir.display()
        );
    };
    println!("{}", wasm.display());
    Ok(ExitCode::SUCCESS)
}

fn build_rust(dir: &Path) -> anyhow::Result<PathBuf> {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .with_context(|| format!("reading {}", manifest.display()))?;
    let table: toml::Table =
        toml::from_str(&text).with_context(|| format!("{}: not valid TOML", manifest.display()))?;
    check_cdylib(&table).map_err(|e| anyhow::anyhow!("{}: {e}", manifest.display()))?;
    ensure_target();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(&cargo)
        .current_dir(dir) // so the project's .cargo/config.toml applies
        .args(["build", "--release", "--target", TARGET])
        .stdout(std::io::stderr())
        .status()
        .with_context(|| format!("running {cargo}"))?;
    if !status.success() {
        bail!("cargo build failed ({status}); its errors are above");
    }

    let (target_dir, package, lib) = metadata(&cargo, dir)?;
    let built = target_dir
        .join(TARGET)
        .join("release")
        .join(format!("{lib}.wasm"));
    if !built.is_file() {
        bail!(
            "cargo built no {}; is [lib] crate-type missing \"cdylib\"? add crate-type = [\"cdylib\"] to [lib]",
            built.display()
        );
    }
    let out = dir.join(format!("{package}.wasm"));
    std::fs::copy(&built, &out)
        .with_context(|| format!("copying {} to {}", built.display(), out.display()))?;
    Ok(out)
}

/// A cdylib is what makes cargo emit a component; without one it builds an
/// rlib and the `.wasm` a policy names never appears.
fn check_cdylib(manifest: &toml::Table) -> Result<(), String> {
    if !manifest.contains_key("package") {
        return Err("no [package]: point at the plugin's own directory".to_string());
    }
    let has = manifest
        .get("lib")
        .and_then(|lib| lib.get("crate-type"))
        .and_then(|t| t.as_array())
        .is_some_and(|types| types.iter().any(|t| t.as_str() == Some("cdylib")));
    if has {
        Ok(())
    } else {
        Err(
            "no component to build: add crate-type = [\"cdylib\"] to [lib] (with \"rlib\" too, to keep native unit tests)"
                .to_string(),
        )
    }
}

/// The target directory, the package name and its library's file name.
fn metadata(cargo: &str, dir: &Path) -> anyhow::Result<(PathBuf, String, String)> {
    let out = Command::new(cargo)
        .current_dir(dir)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .with_context(|| format!("running {cargo} metadata"))?;
    if !out.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let meta: serde_json::Value =
        serde_json::from_slice(&out.stdout).context("reading cargo metadata's output")?;
    let target_dir = meta["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata gave no target_directory")?;
    let manifest = std::fs::canonicalize(dir.join("Cargo.toml"))?;
    let package = meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| {
            p["manifest_path"]
                .as_str()
                .and_then(|m| std::fs::canonicalize(m).ok())
                .is_some_and(|m| m == manifest)
        })
        .context("cargo metadata does not list this project's package")?;
    let name = package["name"].as_str().unwrap_or_default().to_string();
    let lib = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| {
            t["kind"]
                .as_array()
                .is_some_and(|k| k.iter().any(|k| k == "cdylib"))
        })
        .and_then(|t| t["name"].as_str())
        .unwrap_or(&name)
        .replace('-', "_");
    Ok((target_dir, name, lib))
}

/// Adds the Wasm target when rustup is there and lacks it.
fn ensure_target() {
    let Ok(out) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        eprintln!(
            "rustup not found: make sure the {TARGET} target is installed for your toolchain"
        );
        return;
    };
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == TARGET)
    {
        return;
    }
    eprintln!("adding the {TARGET} target: rustup target add {TARGET}");
    let _ = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status();
}

/// The project's name (its directory's), after checking it has `wit/`.
fn wit_project_name(dir: &Path) -> anyhow::Result<String> {
    let name = std::fs::canonicalize(dir)
        .with_context(|| format!("{}", dir.display()))?
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plugin".to_string());
    if !dir.join("wit").is_dir() {
        bail!(
            "{}: no wit/ directory; copy the repository's wit/detector.wit into wit/",
            dir.display()
        );
    }
    Ok(name)
}

fn build_python(dir: &Path) -> anyhow::Result<PathBuf> {
    let name = wit_project_name(dir)?;
    let file = format!("{name}.wasm");
    let status = Command::new("componentize-py")
        .current_dir(dir)
        .args([
            "-d",
            "wit",
            "-w",
            "plugin",
            "componentize",
            "app",
            "-o",
            &file,
        ])
        // Its progress goes to stderr: stdout is the component's path.
        .stdout(std::io::stderr())
        .status();
    match status {
        Ok(s) if s.success() => Ok(dir.join(file)),
        Ok(s) => bail!("componentize-py failed ({s}); its errors are above"),
        Err(e) => bail!(
            "could not run componentize-py ({e}); install it: pip install componentize-py=={COMPONENTIZE_PY}"
        ),
    }
}

/// componentize-js from the project's `node_modules` (`npm install`), else
/// from `PATH`.
fn build_js(dir: &Path) -> anyhow::Result<PathBuf> {
    let name = wit_project_name(dir)?;
    // Absolute: a relative program path and `current_dir` do not mix.
    let local = std::fs::canonicalize(dir)
        .with_context(|| format!("{}", dir.display()))?
        .join("node_modules/.bin/componentize-js");
    let program = if local.is_file() {
        local
    } else {
        PathBuf::from("componentize-js")
    };
    let file = format!("{name}.wasm");
    let status = Command::new(&program)
        .current_dir(dir)
        .args(COMPONENTIZE_JS_ARGS)
        .args(["-o", &file, "detector.js"])
        .stdout(std::io::stderr())
        .status();
    match status {
        Ok(s) if s.success() => Ok(dir.join(file)),
        Ok(s) => bail!("componentize-js failed ({s}); its errors are above"),
        Err(e) => bail!(
            "could not run componentize-js ({e}); install it in the project: npm install (package.json pins @bytecodealliance/componentize-js {COMPONENTIZE_JS})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_without_cdylib_is_refused_with_the_fix() {
        let without: toml::Table = toml::from_str("[package]\nname = \"x\"\n").unwrap();
        let err = check_cdylib(&without).unwrap_err();
        assert!(
            err.contains("add crate-type = [\"cdylib\"] to [lib]"),
            "{err}"
        );
        let rlib: toml::Table =
            toml::from_str("[package]\nname = \"x\"\n[lib]\ncrate-type = [\"rlib\"]\n").unwrap();
        assert!(check_cdylib(&rlib).is_err());
        let with: toml::Table =
            toml::from_str("[package]\nname = \"x\"\n[lib]\ncrate-type = [\"cdylib\", \"rlib\"]\n")
                .unwrap();
        assert!(check_cdylib(&with).is_ok());
    }
}
