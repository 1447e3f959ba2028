//! Print the README's detection-quality tables from `palisade eval --summary-json` files.
//!
//! `quality_table NAME=summary.json... [--ablation SHARED DISPERSED]` prints one markdown table with a column
//! per set (per population: request-level enforcement / account-level enforcement / median requests before the
//! first enforcement), rows for all campaign and all benign traffic and for benign accounts challenged or
//! blocked; with `--ablation`, a second table comparing the campaign rows of two sets (shared infrastructure
//! against the same traffic dispersed). Used by `tests/quality/run.sh`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("quality_table: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Set {
    name: String,
    json: Value,
}

fn run() -> Result<String, String> {
    let mut sets: Vec<Set> = Vec::new();
    let mut ablation: Option<(String, String)> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--ablation" {
            match (args.next(), args.next()) {
                (Some(s), Some(d)) => ablation = Some((s, d)),
                _ => return Err("--ablation takes two set names".into()),
            }
            continue;
        }
        let (name, path) = a
            .split_once('=')
            .ok_or_else(|| format!("`{a}`: expected NAME=summary.json"))?;
        let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
        let json = serde_json::from_str(&text).map_err(|e| format!("parsing {path}: {e}"))?;
        sets.push(Set {
            name: name.to_string(),
            json,
        });
    }
    if sets.is_empty() {
        return Err(
            "usage: quality_table NAME=summary.json... [--ablation SHARED DISPERSED]".into(),
        );
    }
    let mut out = table(&sets, None);
    if let Some((s, d)) = ablation {
        let find = |n: &str| {
            sets.iter()
                .find(|x| x.name == n)
                .ok_or_else(|| format!("--ablation: no set named {n}"))
        };
        let pair = [find(&s)?, find(&d)?];
        out.push('\n');
        out.push_str(&table_of(
            &pair,
            Some("campaign:"),
            &[
                format!("{s}: shared infrastructure"),
                format!("{d}: dispersed"),
            ],
        ));
    }
    Ok(out)
}

fn table(sets: &[Set], only: Option<&str>) -> String {
    let refs: Vec<&Set> = sets.iter().collect();
    let heads: Vec<String> = sets.iter().map(|s| s.name.clone()).collect();
    table_of(&refs, only, &heads)
}

fn pct(n: u64, d: u64) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn table_of(sets: &[&Set], only: Option<&str>, heads: &[String]) -> String {
    let labels: BTreeSet<String> = sets
        .iter()
        .filter_map(|s| s.json["labels"].as_object())
        .flat_map(|m| m.keys().cloned())
        .filter(|l| only.is_none_or(|p| l.starts_with(p)))
        .collect();
    let mut out = String::from("| population |");
    for h in heads {
        out.push_str(&format!(" {h}: req / acct / median |"));
    }
    out.push_str("\n| --- |");
    out.push_str(&" --- |".repeat(heads.len()));
    out.push('\n');
    for l in &labels {
        out.push_str(&format!("| {l} |"));
        for s in sets {
            let v = &s.json["labels"][l];
            if v.is_null() {
                out.push_str(" – |");
                continue;
            }
            let g = |k: &str| v[k].as_u64().unwrap_or(0);
            let median = v["median_requests_to_enforcement"]
                .as_f64()
                .map_or("–".to_string(), |m| format!("{m:.1}"));
            out.push_str(&format!(
                " {:.2}% / {:.2}% / {median} |",
                pct(g("enforced"), g("requests")),
                pct(g("accounts_enforced"), g("accounts"))
            ));
        }
        out.push('\n');
    }
    let side = |key: &str, title: &str, out: &mut String| {
        out.push_str(&format!("| **{title}** |"));
        for s in sets {
            let r = &s.json[key];
            match (r["request_rate"].as_f64(), r["account_rate"].as_f64()) {
                (Some(q), Some(a)) => {
                    out.push_str(&format!(" {:.3}% / {:.3}% |", 100.0 * q, 100.0 * a))
                }
                _ => out.push_str(" – |"),
            }
        }
        out.push('\n');
    };
    side("positive", "all campaign", &mut out);
    if only.is_none() {
        side("negative", "all benign", &mut out);
        out.push_str("| **benign accounts challenged or blocked** |");
        for s in sets {
            let n: u64 = s.json["labels"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter(|(k, _)| k.starts_with("benign:"))
                        .map(|(_, v)| v["accounts_challenged"].as_u64().unwrap_or(0))
                        .sum()
                })
                .unwrap_or(0);
            out.push_str(&format!(" {n} |"));
        }
        out.push('\n');
    }
    out
}
