//! A diagnostic over a generated traffic file (not a test of behaviour):
//! `BEHAVIOUR_DIAGNOSE=file.jsonl cargo test --release -p palisade-behaviour
//! diagnose -- --ignored --nocapture` prints, per population, what the
//! prompt pass finds (salient tokens, languages, capabilities) and each
//! signal's score distribution, for tuning on one variant.

use super::*;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Account, Call, Client, parse_settings};
use std::collections::{BTreeMap, HashMap, HashSet};

fn text(v: &serde_json::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(str::to_string)
}

#[test]
#[ignore = "diagnostic over a file named by BEHAVIOUR_DIAGNOSE"]
fn diagnose() {
    let Ok(path) = std::env::var("BEHAVIOUR_DIAGNOSE") else {
        return;
    };
    let only = std::env::var("BEHAVIOUR_LABELS").unwrap_or_default();
    let d = Behaviour::new(parse_settings::<Behaviour>("{}").unwrap());
    let mut agg = MemoryAggregates::new();
    let data = std::fs::read_to_string(path).unwrap();
    #[derive(Default)]
    struct Stat {
        n: u64,
        tokens: [u64; 5],
        langs: BTreeMap<&'static str, u64>,
        caps: BTreeMap<&'static str, u64>,
        max: HashMap<String, BTreeMap<&'static str, f64>>,
        /// Per account: requests, judged, novel, token history, cells, languages.
        acct: HashMap<String, Acct>,
        /// Per org-or-payment cluster: accounts, requests, cells, languages.
        clusters: HashMap<String, Cluster>,
    }
    /// Accounts, requests, cells and languages of one cluster.
    type Cluster = (HashSet<String>, u64, HashSet<String>, HashSet<&'static str>);
    #[derive(Default)]
    struct Acct {
        n: u64,
        judged: u64,
        novel: u64,
        seen: std::collections::HashSet<u64>,
        cells: std::collections::HashSet<String>,
        langs: std::collections::HashSet<&'static str>,
        caps: std::collections::HashSet<&'static str>,
        last_lang: &'static str,
        last_cell: String,
        lang_switch: u64,
        cell_switch: u64,
        prog: u64,
        named: u64,
        named_langs: std::collections::HashSet<&'static str>,
    }
    let mut stats: BTreeMap<String, Stat> = BTreeMap::new();
    for line in data.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let label = text(&v, "label").unwrap_or_default();
        if !only.is_empty() && !only.split(',').any(|l| label.ends_with(l)) {
            continue;
        }
        let a = &v["account"];
        let c = &v["client"];
        let q = &v["request"];
        let r = Request {
            id: text(&v, "id").unwrap_or_default(),
            ts_ms: v["ts_ms"].as_u64().unwrap_or(0),
            account: Account {
                id: text(a, "id").unwrap_or_default(),
                created_ms: a["created_ms"].as_u64(),
                tier: text(a, "tier"),
                org: text(a, "org"),
                payment_fingerprint: text(a, "payment_fingerprint"),
                email_domain: text(a, "email_domain"),
            },
            client: Client {
                ip: text(c, "ip"),
                ..Client::default()
            },
            call: Call {
                model: text(q, "model"),
                prompt: text(q, "prompt"),
                ..Call::default()
            },
        };
        let f = features::extract(r.call.prompt.as_deref().unwrap_or(""), 512, 3);
        let st = stats.entry(label).or_default();
        st.n += 1;
        st.tokens[f.tokens.len().min(4)] += 1;
        *st.langs.entry(f.language()).or_default() += 1;
        *st.caps.entry(f.capability).or_default() += 1;
        if let Some(key) = r
            .account
            .org
            .clone()
            .or(r.account.payment_fingerprint.clone())
        {
            let c = st.clusters.entry(key).or_default();
            c.0.insert(r.account.id.clone());
            c.1 += 1;
            c.2.insert(format!("{}/{}", f.capability, f.language()));
            c.3.insert(f.language());
        }
        let ac = st.acct.entry(r.account.id.clone()).or_default();
        ac.n += 1;
        if f.tokens.len() >= 2 {
            ac.judged += 1;
            if !f.tokens.iter().any(|t| ac.seen.contains(t)) && ac.judged > 1 {
                ac.novel += 1;
            }
            ac.seen.extend(f.tokens.iter().copied());
        }
        let cell = format!("{}/{}", f.capability, f.language());
        if ac.n > 1 && ac.last_lang != f.language() {
            ac.lang_switch += 1;
        }
        if ac.n > 1 && ac.last_cell != cell {
            ac.cell_switch += 1;
        }
        if f.program.is_some() {
            ac.prog += 1;
        }
        if let Some(l) = f.named {
            ac.named += 1;
            ac.named_langs.insert(l);
        }
        ac.last_lang = f.language();
        ac.last_cell = cell.clone();
        ac.cells.insert(cell);
        ac.langs.insert(f.language());
        ac.caps.insert(f.capability);
        agg.now_ms = r.ts_ms;
        let verdict = d.detect(&r, &mut agg);
        let m = st.max.entry(r.account.id.clone()).or_default();
        let all = m.entry("all").or_default();
        *all = all.max(verdict.score);
        for t in verdict.tags {
            let tag: &'static str = match t.as_str() {
                "discontinuous" => "discontinuous",
                "coverage-sweep" => "coverage-sweep",
                "burst-cohort" => "burst-cohort",
                "task-churn" => "task-churn",
                "org-sweep" => "org-sweep",
                _ => "cluster-budget",
            };
            let x = m.entry(tag).or_default();
            *x = x.max(verdict.score);
        }
    }
    for (label, st) in &stats {
        println!("== {label}: {} requests, {} accounts", st.n, st.max.len());
        println!("   tokens 0..4: {:?}", st.tokens);
        let top = |m: &BTreeMap<&'static str, u64>| {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1));
            v.iter()
                .take(10)
                .map(|(k, n)| format!("{k}:{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("   languages: {}", top(&st.langs));
        println!("   capabilities: {}", top(&st.caps));
        let mut all: Vec<f64> = st
            .max
            .values()
            .map(|m| m.get("all").copied().unwrap_or(0.0))
            .collect();
        all.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let q = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
        let med = |mut v: Vec<f64>| {
            v.sort_by(|a, b| a.partial_cmp(b).unwrap());
            if v.is_empty() {
                (0.0, 0.0, 0.0)
            } else {
                (v[v.len() / 10], v[v.len() / 2], v[(v.len() - 1) * 9 / 10])
            }
        };
        let accts: Vec<&Acct> = st.acct.values().collect();
        println!(
            "   per account p10/p50/p90: requests {:?} novel share {:?} langs {:?} cells {:?} caps {:?} cells/req {:?}",
            med(accts.iter().map(|a| a.n as f64).collect()),
            med(accts
                .iter()
                .filter(|a| a.judged >= 5)
                .map(|a| a.novel as f64 / (a.judged - 1) as f64)
                .collect()),
            med(accts.iter().map(|a| a.langs.len() as f64).collect()),
            med(accts.iter().map(|a| a.cells.len() as f64).collect()),
            med(accts.iter().map(|a| a.caps.len() as f64).collect()),
            med(accts
                .iter()
                .filter(|a| a.n >= 5)
                .map(|a| a.cells.len() as f64 / a.n as f64)
                .collect()),
        );
        println!(
            "   lang switch {:?} cell switch {:?} prog share {:?}",
            med(accts
                .iter()
                .filter(|a| a.n >= 5)
                .map(|a| a.lang_switch as f64 / (a.n - 1) as f64)
                .collect()),
            med(accts
                .iter()
                .filter(|a| a.n >= 5)
                .map(|a| a.cell_switch as f64 / (a.n - 1) as f64)
                .collect()),
            med(accts
                .iter()
                .filter(|a| a.n >= 5)
                .map(|a| a.prog as f64 / a.n as f64)
                .collect()),
        );
        let mut named: BTreeMap<(u64, u64), u64> = BTreeMap::new();
        for a in st.acct.values() {
            *named
                .entry((a.named.min(6), a.named_langs.len().min(6) as u64))
                .or_default() += 1;
        }
        println!(
            "   accounts by (language-naming requests, distinct languages), capped at 6: {named:?}"
        );
        let mut tagged: BTreeMap<&'static str, (u64, f64)> = BTreeMap::new();
        for m in st.max.values() {
            for (t, v) in m {
                let x = tagged.entry(t).or_default();
                x.0 += 1;
                x.1 = x.1.max(*v);
            }
        }
        println!("   accounts per tag (count, max score): {tagged:?}");
        let mut cl: Vec<_> = st
            .clusters
            .values()
            .filter(|c| c.0.len() >= 5)
            .map(|c| (c.0.len(), c.1, c.2.len(), c.3.len()))
            .collect();
        cl.sort();
        cl.reverse();
        println!(
            "   clusters of 5+ accounts (accounts, requests, cells, languages): {:?}",
            &cl[..cl.len().min(6)]
        );
        println!(
            "   account max score p10 {:.2} p50 {:.2} p90 {:.2} max {:.2}",
            q(0.1),
            q(0.5),
            q(0.9),
            q(1.0)
        );
    }
}

#[test]
#[ignore = "timing over a file named by BEHAVIOUR_DIAGNOSE"]
fn prompt_pass_time() {
    let Ok(path) = std::env::var("BEHAVIOUR_DIAGNOSE") else {
        return;
    };
    let data = std::fs::read_to_string(path).unwrap();
    let prompts: Vec<String> = data
        .lines()
        .take(20_000)
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            text(&v["request"], "prompt")
        })
        .collect();
    let started = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..3 {
        for p in &prompts {
            n += features::extract(p, 512, 3).tokens.len();
        }
    }
    let per = started.elapsed().as_secs_f64() * 1e6 / (3 * prompts.len()) as f64;
    println!("prompt pass: {per:.2} µs per request ({n})");
}
