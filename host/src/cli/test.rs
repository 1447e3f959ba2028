//! `palisade test`: policy tests, like `opa test`. A test file
//! (`*.test.toml`) names its policy and lists requests in order, each with
//! what it must get; the requests run against one fresh generation, so
//! aggregates build up across the file as they would in traffic.

use anyhow::Context;
use palisade::decision::{Action, Decision};
use palisade::features::{FeatureLimits, Features};
use palisade::runtime::Runtime;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Test files, or directories searched for `*.test.toml`.
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
    #[serde(default)]
    expect: Expect,
}

fn one() -> u32 {
    1
}

/// Every given expectation must hold; absent ones are not checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The action (in shadow mode: the action enforce mode would take).
    action: Option<Action>,
    /// Inclusive `[low, high]` for the combined score.
    score: Option<[f64; 2]>,
    /// Detector name → status (`ok`, `skipped`, `timeout`, …).
    #[serde(default)]
    detectors: BTreeMap<String, String>,
    /// Each must be a substring of some reason.
    #[serde(default)]
    reasons: Vec<String>,
    /// Each must be among some detector's tags.
    #[serde(default)]
    tags: Vec<String>,
    /// Exactly these rules matched (any order).
    rules: Option<Vec<String>>,
}

pub fn run(args: TestArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".test.toml"))
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
    let tests: TestFile = toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    let dir = file.parent().unwrap_or(Path::new("."));
    let policy = match (policy, &tests.policy) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(p)) => dir.join(p),
        (None, None) => {
            anyhow::bail!("names no policy; add `policy = \"FILE.toml\"` or pass --policy")
        }
    };
    // A fresh runtime: fresh aggregates, so the file starts from nothing.
    let runtime = Runtime::new();
    let generation =
        palisade::policy::load(&policy, &runtime, 1).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut lines = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    for case in &tests.cases {
        let json = serde_json::to_vec(&case.request)?;
        let features = Features::parse(&json, &FeatureLimits::default())
            .map_err(|e| anyhow::anyhow!("case {:?}: not a valid request: {e}", case.name))?;
        let mut decision = generation.decide(&features);
        for n in 2..=case.repeat {
            let mut next = features.clone();
            next.id = format!("{}-{n}", features.id);
            next.ts_ms = features.ts_ms + 1000 * u64::from(n - 1);
            decision = generation.decide(&next);
        }
        let problems = check(&case.expect, &decision);
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
        tests.cases.len(),
        generation.label
    );
    for line in lines {
        println!("{line}");
    }
    Ok((passed, failed))
}

fn check(expect: &Expect, d: &Decision) -> Vec<String> {
    let mut problems = Vec::new();
    let action = d.would_action.unwrap_or(d.action);
    if let Some(want) = expect.action
        && want != action
    {
        problems.push(format!("expected action {want}, got {action}"));
    }
    if let Some([low, high]) = expect.score
        && !(low..=high).contains(&d.score)
    {
        problems.push(format!(
            "expected score in [{low}, {high}], got {:.4}",
            d.score
        ));
    }
    for (name, status) in &expect.detectors {
        match d.detectors.iter().find(|r| &*r.name == name) {
            None => problems.push(format!("no detector named {name:?}")),
            Some(r) if r.status.as_str() != status => problems.push(format!(
                "expected {name} {status}, got {}",
                r.status.as_str()
            )),
            Some(_) => {}
        }
    }
    for want in &expect.reasons {
        if !d.reasons.iter().any(|r| r.contains(want.as_str())) {
            problems.push(format!("no reason contains {want:?}"));
        }
    }
    for want in &expect.tags {
        if !d.detectors.iter().any(|r| r.tags.iter().any(|t| t == want)) {
            problems.push(format!("no detector reported tag {want:?}"));
        }
    }
    if let Some(want) = &expect.rules {
        let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
        let mut got: Vec<&str> = d.rules.iter().map(|r| &**r).collect();
        want.sort_unstable();
        got.sort_unstable();
        if want != got {
            problems.push(format!(
                "expected rules [{}], got [{}]",
                want.join(", "),
                got.join(", ")
            ));
        }
    }
    problems
}
