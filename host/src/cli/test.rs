//! `palisade test`: policy tests, like `opa test`. A test file
//! (`*.test.toml`, or `*.test.jsonl`: one request per line with its
//! `expect`) names its policy and lists requests in order, each with what
//! it must get (the same [`Expect`] vocabulary as a policy's fixtures); the requests run against one fresh generation, so
//! aggregates build up across the file as they would in traffic.

use anyhow::Context;
use palisade::features::{FeatureLimits, Features};
use palisade::policy::Expect;
use palisade::runtime::Runtime;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Test files, or directories searched for `*.test.toml` and `*.test.jsonl`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The policy to test (overrides each file's `policy`).
    #[arg(long)]
    pub policy: Option<PathBuf>,
    /// Show every case, not only failures.
    #[arg(short, long)]
    pub verbose: bool,
}

/// One test file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestFile {
    /// The policy, relative to the test file.
    policy: Option<PathBuf>,
    #[serde(default, rename = "case")]
    cases: Vec<Case>,
}

/// One request and what it must get.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// The request features, as in the JSON schema.
    request: toml::Table,
    /// Send the request this many times (ids suffixed `-2`, `-3`, …; the
    /// timestamp advances a second each); `expect` checks the last.
    #[serde(default = "one")]
    repeat: u32,
    #[serde(default, deserialize_with = "Expect::deserialize_either")]
    expect: Expect,
}

fn one() -> u32 {
    1
}

/// A case ready to run, from either format.
struct Ready {
    name: String,
    features: Features,
    repeat: u32,
    expect: Expect,
}

pub fn run(args: TestArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let p = p.to_string_lossy();
                    p.ends_with(".test.toml") || p.ends_with(".test.jsonl")
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        match run_file(file, args.policy.as_deref(), args.verbose) {
            Ok((p, f)) => {
                passed += p;
                failed += f;
            }
            Err(e) => {
                println!("{}: ERROR: {e:#}", file.display());
                failed += 1;
            }
        }
    }
    let total = passed + failed;
    println!("{}", "-".repeat(72));
    println!("PASS: {passed}/{total}");
    if failed > 0 {
        println!("FAIL: {failed}/{total}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_file(file: &Path, policy: Option<&Path>, verbose: bool) -> anyhow::Result<(usize, usize)> {
    let text = std::fs::read_to_string(file).context("cannot read the test file")?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let (named, cases) = if file.to_string_lossy().ends_with(".jsonl") {
        jsonl_cases(file, &text)?
    } else {
        toml_cases(&text)?
    };
    let policy = match (policy, named) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(p)) => dir.join(p),
        (None, None) => anyhow::bail!(
            "names no policy; add `policy = \"FILE.toml\"` (JSONL: a first line \
             {{\"policy\": \"FILE.toml\"}}) or pass --policy"
        ),
    };
    // A fresh runtime: fresh aggregates, so the file starts from nothing.
    let runtime = Runtime::new();
    let generation =
        palisade::policy::load(&policy, &runtime, 1).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut lines = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    for case in &cases {
        let features = &case.features;
        let mut decision = generation.decide(features);
        for n in 2..=case.repeat {
            let mut next = features.clone();
            next.id = format!("{}-{n}", features.id);
            next.ts_ms = features.ts_ms + 1000 * u64::from(n - 1);
            decision = generation.decide(&next);
        }
        let problems = case.expect.check(&decision);
        if problems.is_empty() {
            passed += 1;
            if verbose {
                lines.push(format!("  PASS: {}", case.name));
            }
        } else {
            failed += 1;
            lines.push(format!("  FAIL: {}", case.name));
            for p in problems {
                lines.push(format!("    {p}"));
            }
            lines.push(format!(
                "    got: {} (score {:.3}); rules [{}]; reasons: {}",
                decision.would_action.unwrap_or(decision.action),
                decision.score,
                decision.rules.join(", "),
                decision.reasons.join("; ")
            ));
        }
    }
    let verdict = if failed == 0 { "PASS" } else { "FAIL" };
    println!(
        "{verdict} {} ({} cases, policy {})",
        file.display(),
        cases.len(),
        generation.label
    );
    for line in lines {
        println!("{line}");
    }
    Ok((passed, failed))
}

/// A TOML test file: its policy and cases.
fn toml_cases(text: &str) -> anyhow::Result<(Option<PathBuf>, Vec<Ready>)> {
    let tests: TestFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(String::new(), |s| {
            let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: ")
        });
        anyhow::anyhow!("{at}{}", e.message())
    })?;
    let mut cases = Vec::new();
    for case in tests.cases {
        let json = serde_json::to_vec(&case.request)?;
        let features = Features::parse(&json, &FeatureLimits::default())
            .map_err(|e| anyhow::anyhow!("case {:?}: not a valid request: {e}", case.name))?;
        cases.push(Ready {
            name: case.name,
            features,
            repeat: case.repeat,
            expect: case.expect,
        });
    }
    Ok((tests.policy, cases))
}

/// A JSONL test file: one request per line, as `eval` and `/v1/decide`
/// take it, with its expectations attached as `expect` (and optionally a
/// `name` and a `repeat`); a first line `{"policy": "FILE.toml"}` names
/// the policy. Errors name the file and line.
fn jsonl_cases(file: &Path, text: &str) -> anyhow::Result<(Option<PathBuf>, Vec<Ready>)> {
    let mut policy = None;
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let at = format!("{}:{}", file.display(), i + 1);
        if line.trim().is_empty() {
            continue;
        }
        let mut object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line)
            .map_err(|e| anyhow::anyhow!("{at}: not a JSON object: {e}"))?;
        if cases.is_empty()
            && policy.is_none()
            && object.len() == 1
            && let Some(p) = object.get("policy")
        {
            let p = p
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("{at}: policy: expected a file name"))?;
            policy = Some(PathBuf::from(p));
            continue;
        }
        let expect = object.remove("expect").ok_or_else(|| {
            anyhow::anyhow!("{at}: no `expect`; add e.g. \"expect\": {{\"action\": \"allow\"}}")
        })?;
        let expect =
            Expect::deserialize_either(expect).map_err(|e| anyhow::anyhow!("{at}: expect: {e}"))?;
        let repeat = match object.remove("repeat") {
            None => 1,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n >= 1)
                .ok_or_else(|| anyhow::anyhow!("{at}: repeat: expected a whole number ≥ 1"))?,
        };
        let name = match object.remove("name") {
            Some(serde_json::Value::String(name)) => Some(name),
            None => None,
            Some(_) => anyhow::bail!("{at}: name: expected a string"),
        };
        let json = serde_json::to_vec(&object)?;
        let features = Features::parse(&json, &FeatureLimits::default())
            .map_err(|e| anyhow::anyhow!("{at}: not a valid request: {e}"))?;
        cases.push(Ready {
            name: format!(
                "line {}: {}",
                i + 1,
                name.unwrap_or_else(|| features.id.clone())
            ),
            features,
            repeat,
            expect,
        });
    }
    Ok((policy, cases))
}
