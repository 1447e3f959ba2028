//! `palisade plugin new NAME`: writes a plugin project that builds and
//! passes its test as written. The detector it writes is the one the
//! repository tests (`tests/plugins/keywords`, and its Python and JavaScript
//! twins `tests/plugins/python-keywords` and `tests/plugins/js-keywords`),
//! renamed, so the template cannot rot.
//!
//! The Rust project depends on the SDK by path to this repository's
//! `plugins/sdk` when the binary finds it (it knows where it was built), and
//! on the crates.io release of `palisade-sdk` otherwise.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The Rust detector the project starts from.
const RUST_LIB: &str = include_str!("../../../../tests/plugins/keywords/src/lib.rs");
/// The Python detector the project starts from.
const PYTHON_APP: &str = include_str!("../../../../tests/plugins/python-keywords/app.py");
/// The Python detector's unit test.
const PYTHON_TEST: &str = include_str!("../../../../tests/plugins/python-keywords/test_app.py");
/// The JavaScript detector the project starts from.
const JS_MODULE: &str = include_str!("../../../../tests/plugins/js-keywords/keywords.js");
/// The JavaScript detector's unit test (`node --test`).
const JS_TEST: &str = include_str!("../../../../tests/plugins/js-keywords/keywords.test.js");
/// The WIT a Python or JavaScript project builds against (Rust gets it with the SDK).
const WIT: &str = include_str!("../../../../plugins/sdk/wit/detector.wit");
/// The componentize-py release the project pins (as `tests/plugins/build-python.sh`).
pub const COMPONENTIZE_PY: &str = "0.25.1";
/// The componentize-js release the project pins (as `tests/plugins/js-toolchain`).
pub const COMPONENTIZE_JS: &str = "0.23.0";
/// The preview2-shim release beside it: componentize-js 0.23.0 imports it
/// without depending on it, so a clean `npm install`/`npm ci` leaves it out.
const PREVIEW2_SHIM: &str = "0.25.0";
/// componentize-js's options: the `plugin` world, and every WASI feature of
/// its engine off, so the component imports only `palisade:detector`.
pub const COMPONENTIZE_JS_ARGS: [&str; 10] = [
    "--wit",
    "wit",
    "--world-name",
    "plugin",
    "--disable",
    "stdio",
    "random",
    "clocks",
    "http",
    "fetch-event",
];
/// The SDK release a project outside this repository depends on.
const SDK_VERSION: &str = "0.1";

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The plugin's name: 1-64 lower-case letters, digits, '-' or '_', starting with a letter.
    pub name: String,
    /// The plugin's language.
    #[arg(long, value_enum, default_value_t = Lang::Rust)]
    pub lang: Lang,
    /// The directory to create the project in (as `DIR/NAME`).
    #[arg(long, default_value = ".")]
    pub dir: PathBuf,
}

/// A language `plugin new` writes projects in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Rust over `palisade-sdk`, built with cargo for wasm32-wasip2.
    Rust,
    /// Python, built with componentize-py.
    Python,
    /// JavaScript (an ES module), built with componentize-js.
    Js,
}

pub fn run(args: NewArgs) -> anyhow::Result<ExitCode> {
    check_name(&args.name)?;
    let project = args.dir.join(&args.name);
    if project.exists()
        && std::fs::read_dir(&project)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!(
            "{} already exists and is not empty; choose another name or --dir",
            project.display()
        );
    }
    let files = match args.lang {
        Lang::Rust => rust_files(&args.name, sdk_dependency()),
        Lang::Python => python_files(&args.name),
        Lang::Js => js_files(&args.name),
    };
    for (path, body) in &files {
        let path = project.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
    }
    println!("{}", project.display());
    eprintln!(
        "created the {:?} plugin {:?}; next: palisade plugin build {}",
        args.lang,
        args.name,
        project.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The policy's rule for plugin names, which the project's name becomes.
fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = (1..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        bail!(
            "{name:?} is not a valid plugin name; use 1-64 lower-case letters, digits, '-' or '_', starting with a letter"
        );
    }
    Ok(())
}

/// The SDK dependency line: this repository's SDK by path when it is there.
fn sdk_dependency() -> String {
    let sdk = Path::new(env!("PALISADE_ROOT")).join("plugins").join("sdk");
    if sdk.join("Cargo.toml").is_file() {
        format!(
            "palisade-sdk = {{ path = {} }}",
            toml_string(&sdk.display().to_string())
        )
    } else {
        format!("palisade-sdk = \"{SDK_VERSION}\"")
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `my-plugin` → `MyPlugin`.
fn camel(name: &str) -> String {
    name.split(['-', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rust_files(name: &str, sdk: String) -> Vec<(&'static str, String)> {
    let lib = RUST_LIB
        .replace("//! # `keywords`:", &format!("//! # `{name}`:"))
        .replace("name: \"keywords\"", &format!("name: \"{name}\""))
        .replace("Keywords", &camel(name));
    let cargo = format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
publish = false

[lib]
# `cdylib` is the component the host loads (without it there is no .wasm);
# `rlib` lets the unit tests link the detector natively.
crate-type = ["cdylib", "rlib"]

[dependencies]
{sdk}
serde = {{ version = "1", features = ["derive"] }}

# Small, fast components: whole-program optimisation; a guest panic traps
# either way, so no unwinding tables.
[profile.release]
lto = true
codegen-units = 1
panic = "abort"
strip = true

# A workspace of its own, even when created inside another one.
[workspace]
"#
    );
    let config = "# Every `cargo build` here builds the component; run the unit tests with\n\
                  # `cargo test --release --target <host triple>` (see README.md).\n\
                  [build]\ntarget = \"wasm32-wasip2\"\n"
        .to_string();
    let readme = format!(
        r#"# {name}: a Palisade detector plugin

`src/lib.rs` is a working detector: it reads the prompt (the one field it
declares), scores the keywords it finds, and counts per account, with the
host's aggregates, how many such prompts were sent in a window. Edit
`detect` to make it yours; the SDK's documentation (`cargo doc --open -p
palisade-sdk`) lists the request fields and the aggregates.

Build the component (`{name}.wasm` in this directory):

    palisade plugin build .

(that is `rustup target add wasm32-wasip2` once, then `cargo build --release`
— `.cargo/config.toml` sets the target — and a copy of
`target/wasm32-wasip2/release/{lib}.wasm` to `{name}.wasm`).

Unit tests run natively:

    cargo test --release --target $(rustc -vV | sed -n 's/^host: //p')

Try it on requests, then in a policy:

    palisade gen --scale 0.01 --hours 4 --output requests.jsonl
    palisade plugin run {name}.wasm --settings '{{"burst": 3}}' --input requests.jsonl
    palisade plugin bench {name}.wasm --input requests.jsonl
    palisade check --policy policy.toml
    palisade eval --policy policy.toml --input requests.jsonl --summary
"#,
        lib = name.replace('-', "_")
    );
    vec![
        ("Cargo.toml", cargo),
        (".cargo/config.toml", config),
        ("src/lib.rs", lib),
        ("README.md", readme),
        ("policy.toml", policy(name, "")),
        (".gitignore", "/target\n/*.wasm\n".to_string()),
    ]
}

fn python_files(name: &str) -> Vec<(&'static str, String)> {
    let app = PYTHON_APP.replace("NAME = \"keywords\"", &format!("NAME = \"{name}\""));
    let readme = format!(
        r#"# {name}: a Palisade detector plugin in Python

`app.py` is a working detector: it reads the prompt (the one field it
declares), scores the keywords it finds, and counts per account, with the
host's aggregates, how many such prompts were sent in a window.
`wit/detector.wit` is the interface it implements.

Build the component (`{name}.wasm` in this directory) with componentize-py:

    pip install componentize-py=={COMPONENTIZE_PY}
    palisade plugin build .

(that is `componentize-py -d wit -w plugin componentize app -o {name}.wasm`).
The component carries a CPython runtime: about 18 MB, and more memory per
instance than a Rust plugin, hence `memory_mib`, `isolation = "reuse"` and
a longer `deadline_ms` in `policy.toml`. Compiling it takes about 14 s of
CPU: on a busy machine that can pass a policy's 20-second compile limit
(`plugin run` and `plugin bench` wait up to `--compile-timeout-s`, 300).

Unit tests run natively, against generated bindings:

    componentize-py -d wit -w plugin bindings bindings
    PYTHONPATH=bindings python3 -m unittest

Try it on requests, then in a policy:

    palisade gen --scale 0.01 --hours 4 --output requests.jsonl
    palisade plugin run {name}.wasm --memory-mib 64 --input requests.jsonl
    palisade check --policy policy.toml
    palisade eval --policy policy.toml --input requests.jsonl --summary
"#
    );
    vec![
        ("app.py", app),
        ("test_app.py", PYTHON_TEST.to_string()),
        ("wit/detector.wit", WIT.to_string()),
        ("README.md", readme),
        (
            "policy.toml",
            policy(
                name,
                "memory_mib = 64\nisolation = \"reuse\"\ndeadline_ms = 100     # a new instance's first call starts CPython\n",
            ),
        ),
        (
            ".gitignore",
            "/bindings\n/*.wasm\n__pycache__/\n".to_string(),
        ),
    ]
}

fn js_files(name: &str) -> Vec<(&'static str, String)> {
    let module = JS_MODULE.replace(
        "const NAME = 'keywords';",
        &format!("const NAME = '{name}';"),
    );
    let test = JS_TEST.replace("'./keywords.js'", "'./detector.js'");
    let build = format!(
        "componentize-js {} -o {name}.wasm detector.js",
        COMPONENTIZE_JS_ARGS.join(" ")
    );
    let package = format!(
        r#"{{
  "name": "{name}",
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "scripts": {{
    "build": "{build}",
    "test": "node --test"
  }},
  "devDependencies": {{
    "@bytecodealliance/componentize-js": "{COMPONENTIZE_JS}",
    "@bytecodealliance/preview2-shim": "{PREVIEW2_SHIM}"
  }}
}}
"#
    );
    let readme = format!(
        r#"# {name}: a Palisade detector plugin in JavaScript

`detector.js` is a working detector (an ES module exporting the WIT's
`detector` interface): it reads the prompt (the one field it declares),
scores the keywords it finds, and counts per account, with the host's
aggregates, how many such prompts were sent in a window.
`wit/detector.wit` is the interface it implements.

Build the component (`{name}.wasm` in this directory) with componentize-js
(Node 20 or later; `package.json` pins it):

    npm install
    palisade plugin build .

(that is `{build}`; `npm run build` does the same). Every WASI feature of
the JS engine is disabled, so the component imports only the host's
aggregates; with stdio off, an uncaught exception in `detect` traps.
The component carries the SpiderMonkey engine: about 12 MB (a Rust plugin
is 0.2 MB), hence `isolation = "reuse"` in `policy.toml` (a fresh instance
per request costs far more than a call). Compiling it takes about 14 s of
CPU once; the compiled cache makes later starts fast.

Unit tests run natively under Node, with a stand-in for the aggregates:

    npm test

Try it on requests, then in a policy:

    palisade gen --scale 0.01 --hours 4 --output requests.jsonl
    palisade plugin run {name}.wasm --reuse --input requests.jsonl
    palisade check --policy policy.toml
    palisade eval --policy policy.toml --input requests.jsonl --summary
"#
    );
    vec![
        ("detector.js", module),
        ("detector.test.js", test),
        ("package.json", package),
        ("wit/detector.wit", WIT.to_string()),
        ("README.md", readme),
        ("policy.toml", policy(name, "isolation = \"reuse\"\n")),
        (".gitignore", "/node_modules\n/*.wasm\n".to_string()),
    ]
}

/// An example policy running the plugin alone, with a fixture.
fn policy(name: &str, extra: &str) -> String {
    format!(
        r#"# An example policy running `{name}` alone: `palisade check --policy policy.toml`.
[policy]
name = "{name}-example"
version = "0.1.0"
mode = "enforce"

[[plugin]]
name = "{name}"
wasm = "{name}.wasm"          # relative to this file: where `palisade plugin build` puts it
grants = ["prompt"]
{extra}[plugin.settings]
burst = 5

[scoring]
ladder = [
    {{ score = 0.5, action = "log" }},
    {{ score = 0.9, action = "throttle", directives = {{ strip_reasoning = true }} }},
]

[[fixture]]
name = "plain-question-allowed"
expect = "allow"
request = {{ id = "fx-1", ts_ms = 1764150000000, account = {{ id = "a" }}, client = {{ ip = "203.0.113.9" }}, request = {{ prompt = "What is the capital of France?" }} }}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_policy_rule() {
        assert!(check_name("demo").is_ok());
        assert!(check_name("my-plugin_2").is_ok());
        for bad in ["", "Demo", "2fast", "a b", "-x", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(camel("my-plugin_2"), "MyPlugin2");
    }

    #[test]
    fn the_rust_template_is_renamed_throughout() {
        let files = rust_files("demo-x", "palisade-sdk = \"0.1\"".to_string());
        let lib = &files.iter().find(|(p, _)| *p == "src/lib.rs").unwrap().1;
        assert!(lib.contains("name: \"demo-x\""));
        assert!(lib.contains("impl Detector for DemoX"));
        assert!(!lib.contains("Keywords"));
        let cargo = &files.iter().find(|(p, _)| *p == "Cargo.toml").unwrap().1;
        assert!(cargo.contains("\"cdylib\""));
        let python = python_files("demo");
        let app = &python.iter().find(|(p, _)| *p == "app.py").unwrap().1;
        assert!(app.contains("NAME = \"demo\""));
        let js = js_files("demo");
        let module = &js.iter().find(|(p, _)| *p == "detector.js").unwrap().1;
        assert!(module.contains("const NAME = 'demo';"));
        let test = &js.iter().find(|(p, _)| *p == "detector.test.js").unwrap().1;
        assert!(test.contains("import('./detector.js')"));
    }
}
