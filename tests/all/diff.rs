//! `palisade diff`: the action matrix between two policies over recorded
//! traffic, consistent with `palisade eval` and deterministic.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;

const POLICY: &str = "policies/default.toml";

/// The default policy with a stricter ladder, a version of its own and
/// no fixtures (they were written for the default ladder).
pub(crate) fn stricter() -> String {
    let text = std::fs::read_to_string(root().join(POLICY)).unwrap();
    let text = text
        .replace(
            "../target/plugins/wasm32-wasip2/release/",
            &format!("{}/", env!("PALISADE_PLUGIN_DIR")),
        )
        .replace(
            "file = \"",
            &format!("file = \"{}/", root().join("policies").display()),
        );
    let text = match text.find("\n[[fixture]]") {
        Some(at) => text[..at + 1].to_string(),
        None => text,
    };
    let v = text.find("\nversion = \"").unwrap() + 1;
    let v_end = v + text[v..].find('\n').unwrap();
    let text = format!("{}version = \"strict\"{}", &text[..v], &text[v_end..]);
    let start = text.find("ladder = [").unwrap();
    let end = start + text[start..].find("\n]").unwrap() + 2;
    format!(
        "{}ladder = [\n    {{ score = 0.2, action = \"log\" }},\n    {{ score = 0.5, action = \"challenge\" }},\n]{}",
        &text[..start],
        &text[end..]
    )
}

pub(crate) fn traffic(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("traffic.jsonl");
    succeed(
        palisade()
            .args([
                "gen", "--seed", "5", "--scale", "0.02", "--hours", "6", "--output",
            ])
            .arg(&path),
    );
    path
}

fn diff_json(candidate: &std::path::Path, input: &std::path::Path, threads: &str) -> Value {
    let out = succeed(
        palisade()
            .current_dir(root())
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "diff",
                "--policy",
                POLICY,
                "--json",
                "--examples",
                "2",
                "--candidate",
            ])
            .arg(candidate)
            .arg("--input")
            .arg(input),
    );
    serde_json::from_slice(&out).unwrap()
}

fn verdicts(policy: &std::path::Path, input: &std::path::Path) -> Vec<String> {
    let out = succeed(
        palisade()
            .current_dir(root())
            .args(["eval", "--policy"])
            .arg(policy)
            .arg("--input")
            .arg(input),
    );
    String::from_utf8_lossy(&out)
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap();
            d.get("would_action")
                .or(d.get("action"))
                .and_then(Value::as_str)
                .unwrap_or("error")
                .to_string()
        })
        .collect()
}

#[test]
fn diff_matches_eval_of_each_policy_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let input = traffic(dir.path());
    let candidate = dir.path().join("candidate.toml");
    std::fs::write(&candidate, stricter()).unwrap();

    let one = diff_json(&candidate, &input, "1");
    let two = diff_json(&candidate, &input, "2");
    assert_eq!(one, two, "the report must not depend on the core count");

    // The matrix is exactly what evaluating each policy separately gives.
    let live = verdicts(&root().join(POLICY), &input);
    let cand = verdicts(&candidate, &input);
    assert_eq!(live.len(), cand.len());
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (a, b) in live.iter().zip(&cand) {
        *expected.entry((a.clone(), b.clone())).or_default() += 1;
    }
    let mut got: BTreeMap<(String, String), u64> = BTreeMap::new();
    for row in one["matrix"]["rows"].as_array().unwrap() {
        for (c, n) in row["candidate"].as_object().unwrap() {
            let n = n.as_u64().unwrap();
            if n > 0 {
                got.insert((row["live"].as_str().unwrap().to_string(), c.clone()), n);
            }
        }
    }
    assert_eq!(got, expected);
    assert_eq!(
        one["matrix"]["total"].as_u64().unwrap() as usize,
        live.len()
    );

    // A stricter ladder changes some answers, and each disagreeing cell
    // comes with examples whose actions match the cell.
    let disagreements = one["matrix"]["disagreements"].as_array().unwrap();
    assert!(!disagreements.is_empty(), "{one}");
    for cell in disagreements {
        let examples: Vec<&Value> = one["examples"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["live"] == cell["live"] && e["candidate"] == cell["candidate"])
            .collect();
        assert_eq!(
            examples.len() as u64,
            cell["count"].as_u64().unwrap().min(2)
        );
        assert_eq!(cell["examples"].as_array().unwrap().len(), examples.len());
    }
}

#[test]
fn diff_prints_the_matrix_and_examples_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = traffic(dir.path());
    let candidate = dir.path().join("candidate.toml");
    std::fs::write(&candidate, stricter()).unwrap();
    let out = succeed(
        palisade()
            .current_dir(root())
            .args(["diff", "--policy", POLICY, "--candidate"])
            .arg(&candidate)
            .arg("--input")
            .arg(&input),
    );
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("rows: live (default@"), "{text}");
    assert!(
        text.contains("columns: candidate (default@strict)"),
        "{text}"
    );
    assert!(text.contains("agreement: "), "{text}");
    assert!(text.contains("    live      "), "{text}");
    assert!(text.contains("    candidate "), "{text}");
}

#[test]
fn a_policy_diffed_with_itself_agrees_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let input = traffic(dir.path());
    let a = palisade::policy::load(&root().join(POLICY), &runtime(), 1).unwrap();
    let b = palisade::policy::load(&root().join(POLICY), &palisade::runtime::Runtime::new(), 2)
        .unwrap();
    let report =
        palisade::reload::diff(&a, &b, &input, 3, &palisade::eval::EvalOptions::default()).unwrap();
    assert!(report.matrix.total > 0);
    assert_eq!(report.matrix.agreed, report.matrix.total);
    assert!(report.examples.is_empty());
}
