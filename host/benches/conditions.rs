//! What conditions cost per decision: the same 100 rules with and without
//! `when` conditions (request fields on every rule; one rule in ten also
//! looks up a one-million-entry organisation list, a one-million-entry CIDR
//! list and a detector score), side by side in one run, on the decision
//! step (`Generation::combine` over fixed plugin outcomes, so Wasm time
//! does not drown the difference).
//!
//! Both policies match no rule: each rule's gate `score.reasoning ≥ 0.95`
//! never holds (the outcome scores 0.8). Without conditions it is the
//! shorthand `all = { reasoning = 0.95 }`; with them it is the *last* leaf
//! of `when`, so every request condition before it is evaluated (the
//! resolver runs shorthands before `when`, which would otherwise skip the
//! conditions and measure nothing).
//!
//! Run: `cargo bench -p palisade --bench conditions` (add `-- --quick` for
//! a shorter run). The last line prints the difference per decision.

// Setup failures in a benchmark are bugs in the benchmark: fail loudly.
#![allow(clippy::panic)]

use criterion::{Criterion, criterion_group};
use palisade::decision::Status;
use palisade::features::{FeatureLimits, Features};
use palisade::policy::Generation;
use palisade::runtime::{Outcome, Runtime};
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const RULES: usize = 100;
const ENTRIES: u32 = 1_000_000;

/// A policy with one plugin and 100 rules; with `conditions`, each rule
/// also has a `when` over request fields, lists and scores.
fn policy(dir: &std::path::Path, conditions: bool) -> Generation {
    let plugin = std::path::Path::new(env!("PALISADE_PLUGIN_DIR")).join("palisade_reasoning.wasm");
    let mut body = format!(
        "[policy]\nname = \"bench\"\nversion = \"1\"\n\n[[plugin]]\nname = \"reasoning\"\nwasm = \"{}\"\n\n[scoring]\nladder = [ {{ score = 0.5, action = \"log\" }}, {{ score = 0.75, action = \"throttle\" }} ]\n",
        plugin.display()
    );
    if conditions {
        body.push_str("\n[lists.orgs]\nkind = \"string\"\nfile = \"orgs.txt\"\n\n[lists.nets]\nkind = \"cidr\"\nfile = \"nets.txt\"\n");
    }
    for i in 0..RULES {
        // The gate never holds (0.8 < 0.95): both policies match no rule,
        // so the difference is the conditions' evaluation alone.
        let _ = write!(
            body,
            "\n[[rule]]\nname = \"r{i}\"\naction = \"challenge\"\npriority = {}\n",
            i % 7
        );
        let gate = "{ field = \"score.reasoning\", gte = 0.95 }";
        if conditions && i % 10 == 0 {
            // One rule in ten looks up both million-entry lists.
            let _ = writeln!(
                body,
                "when = {{ all = [ {{ any = [ {{ field = \"account.org\", in_list = \"orgs\" }}, {{ field = \"client.ip\", in_list = \"nets\" }}, {{ field = \"score.reasoning\", gte = 0.5 }} ] }}, {gate} ] }}"
            );
        } else if conditions {
            let _ = writeln!(
                body,
                "when = {{ all = [ {{ field = \"account.tier\", in = [\"free\", \"pro\"] }}, {{ not = {{ field = \"request.route\", eq = \"/v1/r{i}\" }} }}, {{ field = \"account.age_days\", gte = {i} }}, {gate} ] }}"
            );
        } else {
            body.push_str("all = { reasoning = 0.95 }\n");
        }
    }
    if conditions {
        let mut orgs = String::new();
        let mut nets = String::new();
        for i in 0..ENTRIES {
            let _ = writeln!(orgs, "org-{i:08x}");
            let _ = writeln!(nets, "{}", std::net::Ipv4Addr::from((10u32 << 24) + 2 * i));
        }
        std::fs::write(dir.join("orgs.txt"), orgs).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join("nets.txt"), nets).unwrap_or_else(|e| panic!("{e}"));
    }
    let path = dir.join(if conditions {
        "with.toml"
    } else {
        "without.toml"
    });
    std::fs::write(&path, body).unwrap_or_else(|e| panic!("{e}"));
    palisade::policy::load(&path, &Runtime::new(), 1).unwrap_or_else(|e| panic!("{e}"))
}

fn requests() -> Vec<Features> {
    (0..64u32)
        .map(|i| {
            let json = serde_json::json!({
                "id": format!("r{i}"), "ts_ms": 1_764_150_000_000u64,
                "account": {"id": format!("a{i}"), "tier": if i % 2 == 0 { "free" } else { "enterprise" },
                            "org": format!("org-{:08x}", i * 7919), "created_ms": 1_764_000_000_000u64},
                "client": {"ip": std::net::Ipv4Addr::from((10u32 << 24) + i * 3).to_string()},
                "request": {"prompt": "Explain step by step."}
            });
            Features::parse(json.to_string().as_bytes(), &FeatureLimits::default())
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn outcomes() -> Vec<Outcome> {
    vec![Outcome {
        score: 0.8,
        reasons: vec!["asks for the reasoning".to_string()],
        tags: vec!["cot-elicitation".to_string()],
        status: Status::Ok,
        micros: 5,
    }]
}

fn per_decision(g: &Generation, reqs: &[Features], rounds: usize) -> Duration {
    let started = Instant::now();
    for _ in 0..rounds {
        for f in reqs {
            std::hint::black_box(g.combine(f, outcomes()));
        }
    }
    started.elapsed() / (rounds * reqs.len()) as u32
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let without = policy(dir.path(), false);
    let with = policy(dir.path(), true);
    let reqs = requests();
    let mut group = c.benchmark_group("combine_100_rules");
    group.bench_function("without_conditions", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % reqs.len();
            without.combine(&reqs[i], outcomes())
        })
    });
    group.bench_function("with_conditions_1m_lists", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % reqs.len();
            with.combine(&reqs[i], outcomes())
        })
    });
    group.finish();
    let a = per_decision(&without, &reqs, 2000);
    let b = per_decision(&with, &reqs, 2000);
    println!(
        "per decision: without conditions {a:?}, with conditions {b:?}: conditions add {:?} (ratio {:.2})",
        b.saturating_sub(a),
        b.as_secs_f64() / a.as_secs_f64().max(1e-12)
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
