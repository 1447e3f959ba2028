//! Whole-generator tests: determinism, schema, labels, variants, mix, and population invariants.
//! The issue-12 populations and dispersed infrastructure are tested in `tests/issue12.rs`.

mod issue12;

use crate::{GenConfig, LABELS, Mix, POPULATIONS, generate};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn run(cfg: &GenConfig) -> (Vec<u8>, crate::GenStats) {
    let mut out = Vec::new();
    let stats = generate(cfg, &mut out).unwrap();
    (out, stats)
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn small(seed: u64, variant: u32) -> GenConfig {
    GenConfig {
        seed,
        variant,
        scale: 0.1,
        ..GenConfig::default()
    }
}

fn of_label<'a>(rows: &'a [Value], label: &str) -> Vec<&'a Value> {
    rows.iter().filter(|r| r["label"] == label).collect()
}

#[test]
fn same_seed_gives_identical_bytes_and_different_seed_differs() {
    let (a, _) = run(&small(7, 0));
    let (b, _) = run(&small(7, 0));
    let (c, _) = run(&small(8, 0));
    assert!(!a.is_empty());
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn every_line_parses_with_required_fields_sorted_and_unique_ids() {
    let cfg = small(3, 0);
    let (bytes, stats) = run(&cfg);
    let rows = lines(&bytes);
    assert_eq!(rows.len() as u64, stats.requests);
    let mut ids = BTreeSet::new();
    let mut last = 0;
    for r in &rows {
        let ts = r["ts_ms"].as_u64().unwrap();
        assert!(ts >= last, "sorted by ts_ms");
        assert!(ts >= cfg.start_ms && ts < cfg.start_ms + cfg.duration_ms);
        last = ts;
        assert!(
            ids.insert(r["id"].as_str().unwrap().to_string()),
            "unique id"
        );
        assert!(r["account"]["id"].as_str().unwrap().starts_with("acct-"));
        assert!(
            r["account"]["created_ms"].as_u64().unwrap() <= ts,
            "account exists before it is used"
        );
        assert!(
            r["client"]["ip"]
                .as_str()
                .unwrap()
                .parse::<std::net::Ipv4Addr>()
                .is_ok()
        );
        assert!(!r["request"]["prompt"].as_str().unwrap().is_empty());
        assert!(LABELS.contains(&r["label"].as_str().unwrap()));
        assert_no_empty_strings(r);
    }
}

fn assert_no_empty_strings(v: &Value) {
    match v {
        Value::String(s) => assert!(!s.is_empty(), "empty string in output"),
        Value::Array(a) => {
            assert!(!a.is_empty(), "empty array in output");
            a.iter().for_each(assert_no_empty_strings);
        }
        Value::Object(o) => o.values().for_each(assert_no_empty_strings),
        _ => {}
    }
}

#[test]
fn all_populations_are_labelled_and_counted() {
    let (bytes, stats) = run(&small(4, 0));
    assert_eq!(stats.by_label.len(), POPULATIONS.len());
    for l in LABELS {
        let (req, acc) = stats.by_label[*l];
        assert!(req > 0 && acc > 0, "{l}");
    }
    let rows = lines(&bytes);
    let accounts: BTreeSet<&str> = rows
        .iter()
        .map(|r| r["account"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(accounts.len() as u64, stats.accounts);
    // An account id belongs to exactly one label.
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &rows {
        let (a, l) = (
            r["account"]["id"].as_str().unwrap(),
            r["label"].as_str().unwrap(),
        );
        assert_eq!(*owner.entry(a).or_insert(l), l);
    }
}

#[test]
fn mix_zero_removes_a_population_and_leaves_others_unchanged() {
    let base = small(5, 0);
    let cfg = GenConfig {
        mix: "reseller-network=0".parse().unwrap(),
        ..base.clone()
    };
    let (with, s1) = run(&base);
    let (without, s2) = run(&cfg);
    assert!(!s2.by_label.contains_key("campaign:reseller-network"));
    assert_eq!(s1.by_label["benign:casual"], s2.by_label["benign:casual"]);
    let casual = |b: &[u8]| -> Vec<String> {
        lines(b)
            .iter()
            .filter(|r| r["label"] == "benign:casual")
            .map(|r| r["request"]["prompt"].to_string())
            .collect()
    };
    assert_eq!(casual(&with), casual(&without));
    let (_, only) = run(&GenConfig {
        mix: Mix::only("developer").unwrap(),
        ..base
    });
    assert_eq!(
        only.by_label.keys().collect::<Vec<_>>(),
        vec!["benign:developer"]
    );
}

#[test]
fn enterprise_batch_is_one_verified_org_with_few_accounts_and_shared_billing() {
    let (bytes, _) = run(&small(6, 0));
    let rows = lines(&bytes);
    let ent = of_label(&rows, "benign:enterprise-batch");
    let orgs: BTreeSet<&str> = ent
        .iter()
        .map(|r| r["account"]["org"].as_str().unwrap())
        .collect();
    let pays: BTreeSet<&str> = ent
        .iter()
        .map(|r| r["account"]["payment_fingerprint"].as_str().unwrap())
        .collect();
    let accts: BTreeSet<&str> = ent
        .iter()
        .map(|r| r["account"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(orgs.len(), 1);
    assert_eq!(pays.len(), 1);
    assert!((2..=10).contains(&accts.len()));
    assert!(ent.iter().all(|r| r["account"]["tier"] == "enterprise"));
}

#[test]
fn reasoning_campaign_accounts_share_payment_fingerprints() {
    for variant in [0, 1] {
        let (bytes, _) = run(&small(7, variant));
        let rows = lines(&bytes);
        let mut per_card: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for r in of_label(&rows, "campaign:reasoning-harvest") {
            per_card
                .entry(r["account"]["payment_fingerprint"].as_str().unwrap())
                .or_default()
                .insert(r["account"]["id"].as_str().unwrap());
        }
        let accounts: usize = per_card.values().map(BTreeSet::len).sum();
        assert!(
            per_card.len() >= 2 && accounts >= 3 * per_card.len(),
            "variant {variant}: {per_card:?}"
        );
    }
}

#[test]
fn corporate_nat_hides_many_accounts_behind_two_addresses() {
    let (bytes, _) = run(&small(8, 0));
    let rows = lines(&bytes);
    let corp = of_label(&rows, "benign:corporate-nat");
    let ips: BTreeSet<&str> = corp
        .iter()
        .map(|r| r["client"]["ip"].as_str().unwrap())
        .collect();
    let accts: BTreeSet<&str> = corp
        .iter()
        .map(|r| r["account"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ips.len(), 2);
    assert!(accts.len() >= 20);
}

/// Distinct first lines of a label's prompts.
fn openings(rows: &[Value], label: &str) -> BTreeSet<String> {
    of_label(rows, label)
        .iter()
        .map(|r| {
            r["request"]["prompt"]
                .as_str()
                .unwrap()
                .chars()
                .take(40)
                .collect()
        })
        .collect()
}

#[test]
fn variant_one_rephrases_every_population() {
    let v0 = lines(&run(&small(9, 0)).0);
    let v1 = lines(&run(&small(9, 1)).0);
    for l in LABELS {
        let (a, b) = (openings(&v0, l), openings(&v1, l));
        let shared = a.intersection(&b).count() as f64 / a.len().min(b.len()).max(1) as f64;
        assert!(
            shared < 0.35,
            "{l}: {shared:.2} of prompt openings shared between variants"
        );
    }
    let all = |rows: &[Value]| {
        rows.iter()
            .map(|r| r["request"]["prompt"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        all(&v0).contains("complete internal reasoning")
            && !all(&v1).contains("complete internal reasoning")
    );
    assert!(all(&v0).contains("You are an expert") || all(&v0).contains("Analyze"));
}

#[test]
fn new_model_appears_only_after_release_and_the_reseller_pivots() {
    let cfg = GenConfig {
        scale: 0.3,
        ..GenConfig::default()
    };
    let release = cfg.start_ms + cfg.duration_ms / 2;
    let rows = lines(&run(&cfg).0);
    let share_after = |label: &str, from: u64| {
        let after: Vec<_> = of_label(&rows, label)
            .into_iter()
            .filter(|r| r["ts_ms"].as_u64().unwrap() >= from)
            .collect();
        after
            .iter()
            .filter(|r| r["request"]["model"] == "frontier-2")
            .count() as f64
            / after.len().max(1) as f64
    };
    assert!(
        rows.iter()
            .all(|r| r["request"]["model"] != "frontier-2"
                || r["ts_ms"].as_u64().unwrap() >= release)
    );
    let reseller = share_after(
        "campaign:reseller-network",
        release + 6 * crate::timing::HOUR,
    );
    let casual = share_after("benign:casual", release + 6 * crate::timing::HOUR);
    assert!(
        reseller > 0.25 && reseller > 2.0 * casual,
        "reseller {reseller:.2} casual {casual:.2}"
    );
}

#[test]
fn default_scale_lands_in_the_target_range() {
    for variant in [0, 1] {
        let (_, stats) = run(&GenConfig {
            variant,
            ..GenConfig::default()
        });
        assert!(
            (70_000..=130_000).contains(&stats.requests),
            "variant {variant}: {} requests",
            stats.requests
        );
        assert!(stats.by_label["campaign:reseller-network"].1 >= 300);
        assert!(
            stats.by_label["campaign:low-and-slow"].1 >= 1000,
            "low-and-slow is thousands of accounts at scale 1"
        );
    }
}

#[test]
fn higher_variants_perturb_parameters_deterministically() {
    let (a, sa) = run(&small(10, 2));
    let (b, _) = run(&small(10, 2));
    let (_, s0) = run(&small(10, 0));
    assert_eq!(a, b);
    assert_ne!(sa.by_label, s0.by_label);
}

#[test]
fn bad_config_is_rejected_not_panicking() {
    for cfg in [
        GenConfig {
            scale: f64::NAN,
            ..GenConfig::default()
        },
        GenConfig {
            scale: -1.0,
            ..GenConfig::default()
        },
        GenConfig {
            scale: 1e9,
            ..GenConfig::default()
        },
        GenConfig {
            duration_ms: 0,
            ..GenConfig::default()
        },
        GenConfig {
            start_ms: u64::MAX,
            ..GenConfig::default()
        },
    ] {
        let err = generate(&cfg, Vec::new()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    }
    let (bytes, stats) = run(&GenConfig {
        scale: 0.0,
        ..GenConfig::default()
    });
    assert!(bytes.is_empty() && stats.requests == 0);
}
