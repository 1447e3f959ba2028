//! The issue-12 populations (multilingual, paraphrased, low-and-slow and agent-mimicry campaigns; the new hard
//! negatives) and `GenConfig::disperse`.

use super::{lines, of_label, openings, run, small};
use crate::{GenConfig, LABELS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn dispersed(seed: u64, variant: u32, scale: f64) -> GenConfig {
    GenConfig {
        seed,
        variant,
        scale,
        disperse: true,
        ..GenConfig::default()
    }
}

fn is_campaign(r: &Value) -> bool {
    r["label"].as_str().unwrap().starts_with("campaign:")
}

#[test]
fn new_populations_are_present_in_both_banks_and_deterministic() {
    for variant in [0, 1] {
        let (a, stats) = run(&small(21, variant));
        let (b, _) = run(&small(21, variant));
        assert_eq!(a, b, "variant {variant} is deterministic");
        for l in &LABELS[9..] {
            let (req, acc) = stats.by_label.get(*l).copied().unwrap_or_default();
            assert!(req > 0 && acc > 0, "variant {variant}: {l} missing");
        }
    }
    let (d1, _) = run(&dispersed(21, 0, 0.1));
    let (d2, _) = run(&dispersed(21, 0, 0.1));
    assert_eq!(d1, d2, "dispersed runs are deterministic too");
}

#[test]
fn dispersed_campaign_accounts_share_no_payment_and_no_slash24() {
    for variant in [0, 1] {
        let cfg = dispersed(22, variant, 0.2);
        let rows = lines(&run(&cfg).0);
        let mut card_owner: BTreeMap<&str, &str> = BTreeMap::new();
        let mut net_owner: BTreeMap<u32, &str> = BTreeMap::new();
        let mut accounts = BTreeSet::new();
        for r in rows.iter().filter(|r| is_campaign(r)) {
            let acct = r["account"]["id"].as_str().unwrap();
            accounts.insert(acct);
            let card = r["account"]["payment_fingerprint"]
                .as_str()
                .expect("every dispersed campaign account has a card");
            assert_eq!(
                *card_owner.entry(card).or_insert(acct),
                acct,
                "card {card} shared"
            );
            let ip: std::net::Ipv4Addr = r["client"]["ip"].as_str().unwrap().parse().unwrap();
            let net = u32::from(ip) & 0xFFFF_FF00;
            assert_eq!(
                *net_owner.entry(net).or_insert(acct),
                acct,
                "/24 of {ip} shared"
            );
            assert!(r["account"].get("org").is_none(), "no org: {r}");
            assert!(
                r["account"]["created_ms"].as_u64().unwrap() + 13 * crate::timing::DAY
                    <= cfg.start_ms,
                "aged account: {r}"
            );
            let ua = r["client"]["user_agent"].as_str().unwrap();
            assert!(
                ua.starts_with("Mozilla/5.0")
                    || ua.contains("codeagent")
                    || ua.contains("ide-assistant")
                    || ua.contains("agentkit"),
                "{ua}"
            );
        }
        assert!(accounts.len() > 300, "{} campaign accounts", accounts.len());
    }
}

#[test]
fn dispersing_changes_only_campaign_infrastructure_not_prompts_or_times() {
    let shared = lines(&run(&small(23, 1)).0);
    let spread = lines(
        &run(&GenConfig {
            disperse: true,
            ..small(23, 1)
        })
        .0,
    );
    assert_eq!(shared.len(), spread.len());
    for (a, b) in shared.iter().zip(&spread) {
        assert_eq!(a["ts_ms"], b["ts_ms"]);
        assert_eq!(a["request"], b["request"]);
        assert_eq!(a["label"], b["label"]);
        if !is_campaign(a) {
            assert_eq!(a, b, "benign lines are untouched");
        }
    }
}

/// The longest run of a wrapper's text without a slot, as a marker that the wrapper was used.
fn marker(wrapper: &str) -> String {
    let mut best = "";
    for part in wrapper.split(['{', '}']) {
        if part.chars().count() > best.chars().count() {
            best = part;
        }
    }
    best.chars().take(14).collect()
}

#[test]
fn multilingual_campaign_speaks_every_language_of_its_bank_and_mixes_them() {
    use crate::prompts::{Bank, lingua};
    for variant in [0u32, 1] {
        let rows = lines(&run(&small(24, variant)).0);
        let prompts: Vec<&str> = of_label(&rows, "campaign:multilingual-harvest")
            .iter()
            .map(|r| r["request"]["prompt"].as_str().unwrap())
            .collect();
        for w in lingua::languages(Bank::of(variant)) {
            let marks: Vec<String> = [w.trace, w.grade, w.rewrite, w.data]
                .concat()
                .iter()
                .map(|t| marker(t))
                .collect();
            assert!(
                prompts
                    .iter()
                    .any(|p| marks.iter().any(|m| p.contains(m.as_str()))),
                "variant {variant}: no prompt in {}",
                w.code
            );
        }
        let has = |lo: char, hi: char| {
            prompts
                .iter()
                .any(|p| p.chars().any(|c| (lo..=hi).contains(&c)))
        };
        assert!(
            has('\u{0400}', '\u{04FF}')
                && has('\u{4E00}', '\u{9FFF}')
                && has('\u{3040}', '\u{30FF}')
                && has('\u{AC00}', '\u{D7AF}')
        );
        if variant == 1 {
            assert!(has('\u{0600}', '\u{06FF}'), "Arabic in the held-out bank");
        }
        // Mixed-language prompts: a non-Latin wrapper around an English task.
        assert!(prompts.iter().any(
            |p| p.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) && p.contains(" the ")
        ));
    }
}

#[test]
fn paraphrase_factory_rarely_repeats_an_opening() {
    let rows = lines(&run(&small(25, 0)).0);
    let pf = of_label(&rows, "campaign:paraphrase-factory");
    let openings = openings(&rows, "campaign:paraphrase-factory");
    assert!(pf.len() > 100);
    assert!(
        openings.len() as f64 > 0.5 * pf.len() as f64,
        "{} of {}",
        openings.len(),
        pf.len()
    );
}

#[test]
fn low_and_slow_accounts_are_light_have_their_own_cards_and_sign_up_in_bursts() {
    let rows = lines(
        &run(&GenConfig {
            scale: 0.3,
            ..GenConfig::default()
        })
        .0,
    );
    let ls = of_label(&rows, "campaign:low-and-slow");
    let mut per_acct: BTreeMap<&str, (u64, &str, u64)> = BTreeMap::new();
    for r in &ls {
        let e = per_acct
            .entry(r["account"]["id"].as_str().unwrap())
            .or_insert((
                0,
                r["account"]["payment_fingerprint"].as_str().unwrap(),
                r["account"]["created_ms"].as_u64().unwrap(),
            ));
        e.0 += 1;
    }
    let cards: BTreeSet<&str> = per_acct.values().map(|v| v.1).collect();
    assert_eq!(cards.len(), per_acct.len(), "one card per account");
    let mut counts: Vec<u64> = per_acct.values().map(|v| v.0).collect();
    counts.sort_unstable();
    assert!(
        counts[counts.len() / 2] <= 8,
        "median {} requests in 3 days",
        counts[counts.len() / 2]
    );
    let mut by_hour: BTreeMap<u64, u64> = BTreeMap::new();
    for v in per_acct.values() {
        *by_hour.entry(v.2 / crate::timing::HOUR).or_default() += 1;
    }
    assert!(
        by_hour.values().max().copied().unwrap_or(0) >= 50,
        "sign-up bursts"
    );
}

#[test]
fn agent_mimicry_copies_real_agent_prompts_but_never_revisits_a_project() {
    let rows = lines(
        &run(&GenConfig {
            scale: 0.3,
            ..GenConfig::default()
        })
        .0,
    );
    let sys = |label: &str| -> BTreeSet<String> {
        of_label(&rows, label)
            .iter()
            .filter_map(|r| r["request"]["system_prompt"].as_str())
            .map(str::to_string)
            .collect()
    };
    assert!(sys("campaign:agent-mimicry").is_subset(&sys("benign:developer")));
    let mut projects: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for r in of_label(&rows, "campaign:agent-mimicry") {
        let p = r["request"]["prompt"].as_str().unwrap();
        if let Some(i) = p.find("src/").or_else(|| p.find("lib/")) {
            let file: String = p[i..]
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ')')
                .collect();
            if !file.contains('_') && !file.contains('.') {
                continue;
            }
            let proj: String = p
                .split(['(', ':', ' '])
                .find(|w| w.contains('-') && w.chars().any(|c| c.is_ascii_digit()))
                .unwrap_or("")
                .to_string();
            projects
                .entry(r["account"]["id"].as_str().unwrap())
                .or_default()
                .push(format!("{proj}{file}"));
        }
    }
    assert!(projects.len() > 20);
    for (acct, tasks) in &projects {
        let distinct: BTreeSet<&String> = tasks.iter().collect();
        assert!(
            distinct.len() * 10 >= tasks.len() * 9,
            "{acct} repeats tasks: {tasks:?}"
        );
    }
}

#[test]
fn eval_harness_is_a_verified_org_listed_in_the_shipped_policy() {
    let rows = lines(&run(&small(26, 0)).0);
    let eh = of_label(&rows, "benign:eval-harness");
    assert!(eh.len() > 100);
    assert!(
        eh.iter()
            .all(|r| r["account"]["org"] == crate::VERIFIED_EVAL_ORG
                && r["account"]["tier"] == "enterprise")
    );
    assert!(eh.iter().any(|r| {
        r["request"]["system_prompt"]
            .as_str()
            .is_some_and(|s| s.contains("impartial judge"))
    }));
    let listed = include_str!("../../../../policies/verified-orgs.txt");
    assert!(
        listed.lines().any(|l| l.trim() == crate::VERIFIED_EVAL_ORG),
        "add the org to policies/verified-orgs.txt"
    );
}

#[test]
fn support_conversations_keep_referring_to_the_same_order() {
    let rows = lines(&run(&small(27, 1)).0);
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for r in of_label(&rows, "benign:support-bot") {
        let p = r["request"]["prompt"].as_str().unwrap();
        for w in p.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            if (w.starts_with("HG-") || w.starts_with("WEB-")) && w.len() > 6 {
                *seen.entry(w.to_string()).or_default() += 1;
            }
        }
    }
    let mentions: u32 = seen.values().sum();
    assert!(
        seen.len() > 20 && mentions as f64 >= 2.0 * seen.len() as f64,
        "{} orders, {mentions} mentions",
        seen.len()
    );
}

#[test]
fn education_students_sign_up_in_class_cohorts_under_one_org() {
    let rows = lines(&run(&small(28, 0)).0);
    let edu = of_label(&rows, "benign:education-platform");
    let orgs: BTreeSet<&str> = edu
        .iter()
        .map(|r| r["account"]["org"].as_str().unwrap())
        .collect();
    assert_eq!(orgs.len(), 1);
    let mut created: BTreeMap<&str, u64> = BTreeMap::new();
    for r in &edu {
        created.insert(
            r["account"]["id"].as_str().unwrap(),
            r["account"]["created_ms"].as_u64().unwrap(),
        );
    }
    let mut by_hour: BTreeMap<u64, u32> = BTreeMap::new();
    for t in created.values() {
        *by_hour.entry(t / crate::timing::HOUR).or_default() += 1;
    }
    assert!(
        by_hour.values().max().copied().unwrap_or(0) >= 15,
        "{by_hour:?}"
    );
}
