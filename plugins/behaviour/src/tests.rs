//! Per-signal tests on synthetic traffic written here (seeded, small): a
//! factory account against a developer with follow-ups, a sweep against a
//! focused user, a burst cohort against organic sign-ups, a campaign
//! dispersed over 200 accounts against a corporate NAT.

use super::*;
use palisade_common::testing::Counting;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::text::mix64;
use palisade_sdk::{Account, Call, Client, parse_settings};

pub(crate) const HOUR: u64 = 3_600_000;
const DAY: u64 = 24 * HOUR;
pub(crate) const NOW: u64 = 1_800_000_000_000;

pub(crate) fn detector(json: &str) -> Behaviour {
    Behaviour::new(parse_settings::<Behaviour>(json).unwrap())
}

/// A seeded stream of numbers (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(1);
        mix64(self.0)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A request with only what the test sets.
pub(crate) fn req(acct: &str, ts: u64, prompt: &str) -> Request {
    Request {
        id: "r".into(),
        ts_ms: ts,
        account: Account {
            id: acct.into(),
            ..Account::default()
        },
        call: Call {
            prompt: Some(prompt.into()),
            ..Call::default()
        },
        ..Request::default()
    }
}

pub(crate) fn run(d: &Behaviour, agg: &mut MemoryAggregates, r: &Request) -> Verdict {
    agg.now_ms = r.ts_ms;
    d.detect(r, agg)
}

pub(crate) fn tagged(v: &Verdict, tag: &str) -> bool {
    v.tags.iter().any(|t| t == tag)
}

const REPO: &[&str] = &[
    "src/server/router.rs",
    "parse_config",
    "RetryPolicy",
    "handle_upload",
    "db/migrations/0042_users.sql",
    "UserSession",
    "rate_limiter",
    "cache_ttl_ms",
];

#[test]
fn a_factory_account_is_discontinuous_and_a_developer_with_follow_ups_is_not() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Rng(7);
    let (mut dev_max, mut factory_last) = (0.0f64, Verdict::clean());
    for i in 0..24u64 {
        let ts = NOW + i * HOUR;
        let (a, b, c) = (rng.pick(REPO), rng.pick(REPO), rng.pick(REPO));
        let dev = format!(
            "In {a}, why does {b} fail when the upload is large? Earlier you suggested changing {c}."
        );
        let v = run(&d, &mut agg, &req("dev", ts, &dev));
        assert!(!tagged(&v, "discontinuous"), "request {i}: {v:?}");
        dev_max = dev_max.max(v.score);

        let factory = format!(
            "Write a Rust module named ledger_{}_sync that exposes fetch_{}_rows and checks quota_{}.",
            rng.next() % 100_000,
            rng.next() % 100_000,
            rng.next() % 100_000
        );
        factory_last = run(&d, &mut agg, &req("factory", ts + 1, &factory));
        if i < 4 {
            assert_eq!(
                factory_last,
                Verdict::clean(),
                "new accounts are not judged"
            );
        }
    }
    assert!(dev_max < 0.05, "developer scored {dev_max}");
    assert!(tagged(&factory_last, "discontinuous"), "{factory_last:?}");
    assert!(
        factory_last.score >= 0.5 && factory_last.score < 0.75,
        "{factory_last:?}"
    );
}

#[test]
fn questions_without_salient_tokens_are_not_judged() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let questions = [
        "What is the capital of France?",
        "Give me a recipe for pancakes",
        "How tall is Mount Everest?",
        "Tell me a joke about cats",
        "What time zone is Tokyo in?",
        "Suggest a name for my dog",
        "Is it going to rain a lot in May?",
    ];
    for (i, q) in questions.iter().cycle().take(21).enumerate() {
        let v = run(&d, &mut agg, &req("casual", NOW + i as u64 * HOUR, q));
        assert!(!tagged(&v, "discontinuous"), "{v:?}");
    }
}

const CAPS: &[&str] = &[
    "Implement",
    "Fix the bug in",
    "Refactor",
    "Write unit tests for",
    "Explain",
    "Review",
];
const LANGS: &[&str] = &["Python", "Rust", "Java", "Kotlin", "Ruby", "TypeScript"];

#[test]
fn an_even_grid_sweep_scores_and_a_focused_user_does_not() {
    let d = detector(r#"{"continuity": {"tokens": 0}}"#);
    let mut agg = MemoryAggregates::new();
    let mut rng = Rng(11);
    let mut sweep_last = Verdict::clean();
    for i in 0..24u64 {
        let ts = NOW + i * HOUR;
        let cap = CAPS[(i % 6) as usize];
        let lang = LANGS[((i / 6 + i) % 6) as usize];
        let p = format!("{cap} a {lang} service that handles job {i}.");
        sweep_last = run(&d, &mut agg, &req("sweeper", ts, &p));

        let focused = format!(
            "{} the Python parser in my project, the one from before{}",
            rng.pick(&["Fix the bug in", "Explain", "Refactor", "Write tests for"]),
            if rng.below(3) == 0 {
                "."
            } else {
                " (same file)."
            }
        );
        let v = run(&d, &mut agg, &req("focused", ts, &focused));
        assert!(!tagged(&v, "coverage-sweep"), "{v:?}");
        let localise = format!(
            "Translate this paragraph into {}: our store opens at nine.",
            rng.pick(&["Spanish", "German", "Japanese", "Korean", "French"])
        );
        let v = run(&d, &mut agg, &req("localiser", ts, &localise));
        assert!(!tagged(&v, "coverage-sweep"), "{v:?}");
    }
    assert!(tagged(&sweep_last, "coverage-sweep"), "{sweep_last:?}");
    assert!(sweep_last.score >= 0.5, "{sweep_last:?}");
}

/// An account with a creation time, tier, email domain and payment.
fn signup(
    id: &str,
    created: u64,
    tier: &str,
    domain: &str,
    pay: Option<&str>,
    model: &str,
) -> Request {
    let mut r = req(id, NOW, "hello");
    r.account.created_ms = Some(created);
    r.account.tier = Some(tier.into());
    r.account.email_domain = Some(domain.into());
    r.account.payment_fingerprint = pay.map(Into::into);
    r.call.model = Some(model.into());
    r
}

#[test]
fn a_burst_cohort_that_behaves_alike_scores_and_organic_sign_ups_do_not() {
    let d = detector(r#"{"continuity": {"tokens": 0}}"#);
    let mut agg = MemoryAggregates::new();
    let mut rng = Rng(5);
    let burst_at = NOW - 10 * DAY + 5 * 60_000;
    let mut burst_last = Verdict::clean();
    // 300 organic sign-ups over 30 days, then a 30-account burst within 20 minutes.
    for i in 0..300u64 {
        let created = NOW - 30 * DAY + rng.below(30 * DAY);
        let domain = rng.pick(&[
            "gmail.com",
            "outlook.com",
            "acme.io",
            "uni-bonn.de",
            "proton.me",
        ]);
        let tier = rng.pick(&["free", "pro", "education"]);
        let model = rng.pick(&["model-a", "model-b", "model-new"]);
        let pay = format!("card-o{i}");
        let mut r = signup(&format!("o{i}"), created, tier, domain, Some(&pay), model);
        for k in 0..3 {
            r.ts_ms = NOW + i * 60_000 + k * HOUR;
            let v = run(&d, &mut agg, &r);
            assert!(!tagged(&v, "burst-cohort"), "organic o{i}: {v:?}");
        }
    }
    for i in 0..30u64 {
        let created = burst_at + rng.below(20 * 60_000);
        let domain = format!("{}{}-mail.top", ["k", "q", "z"][(i % 3) as usize], i % 10);
        let pay = format!("prepaid-{i}");
        let mut r = signup(
            &format!("b{i}"),
            created,
            "education",
            &domain,
            Some(&pay),
            "model-new",
        );
        for k in 0..3 {
            r.ts_ms = NOW + DAY + i * 60_000 + k * HOUR;
            burst_last = run(&d, &mut agg, &r);
        }
    }
    assert!(tagged(&burst_last, "burst-cohort"), "{burst_last:?}");
    assert!(burst_last.score >= 0.5, "{burst_last:?}");

    // A team onboarded in one hour on one bill is not a wave.
    for i in 0..40u64 {
        let mut r = signup(
            &format!("t{i}"),
            burst_at,
            "pro",
            "initech.com",
            Some("team-bill"),
            "model-new",
        );
        r.ts_ms = NOW + 2 * DAY + i * 60_000;
        let v = run(&d, &mut agg, &r);
        assert!(!tagged(&v, "burst-cohort"), "team t{i}: {v:?}");
    }
}

#[test]
fn a_campaign_dispersed_over_200_accounts_meets_its_cluster_budget_and_a_corporate_nat_does_not() {
    let d = detector(r#"{"continuity": {"tokens": 0}}"#);
    let mut agg = MemoryAggregates::new();
    let mut rng = Rng(3);
    // 200 fresh free-mail accounts, each aged differently, behind one reseller /24, 8 requests each.
    let mut last = Verdict::clean();
    for k in 0..8u64 {
        for i in 0..200u64 {
            let mut r = req(&format!("c{i}"), NOW + k * 2 * HOUR + i * 30_000, "hello");
            r.account.created_ms = Some(NOW - (1 + rng.below(20)) * DAY - rng.below(DAY));
            r.account.email_domain = Some("gmail.com".into());
            r.client.ip = Some(format!("198.51.100.{}", rng.below(250)));
            last = run(&d, &mut agg, &r);
        }
    }
    assert!(tagged(&last, "cluster-budget"), "{last:?}");
    assert!(last.score >= 0.45, "{last:?}");

    // 300 employees, one company domain, one NAT address, 20 requests each.
    let mut agg = MemoryAggregates::new();
    for k in 0..20u64 {
        for i in 0..300u64 {
            let mut r = req(&format!("e{i}"), NOW + k * 20 * 60_000 + i * 1000, "hello");
            r.account.created_ms = Some(NOW - 400 * DAY + i * DAY);
            r.account.email_domain = Some("acme-corp.com".into());
            r.account.payment_fingerprint = Some("acme-team-bill".into());
            r.client.ip = Some("203.0.113.7".into());
            let v = run(&d, &mut agg, &r);
            assert!(!tagged(&v, "cluster-budget"), "{v:?}");
        }
    }
    // A campus NAT: many aged free-mail accounts, real volume, stays under the tag.
    let mut agg = MemoryAggregates::new();
    for k in 0..10u64 {
        for i in 0..150u64 {
            let mut r = req(&format!("s{i}"), NOW + k * HOUR + i * 1000, "hello");
            r.account.created_ms = Some(NOW - (60 + i) * DAY);
            r.account.email_domain = Some("gmail.com".into());
            r.client.ip = Some("192.0.2.1".into());
            let v = run(&d, &mut agg, &r);
            assert!(v.score < 0.3, "{v:?}");
        }
    }
}

/// A sweep over 24 hours from accounts of `org`: `accounts` of them in turn.
fn org_sweep(org: &str, accounts: u64) -> Verdict {
    let d = detector(r#"{"continuity": {"tokens": 0}}"#);
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..24u64 {
        let p = format!(
            "{} a {} service that handles job {i}.",
            CAPS[(i % 6) as usize],
            LANGS[((i / 6 + i) % 6) as usize]
        );
        let mut r = req(&format!("harness-{}", i % accounts), NOW + i * HOUR, &p);
        r.account.org = Some(org.into());
        last = run(&d, &mut agg, &r);
    }
    last
}

#[test]
fn an_established_org_is_scaled_down() {
    let last = org_sweep("org-eval", 2);
    assert!(
        last.score > 0.0 && last.score <= 0.3 * 0.6 + 1e-9,
        "{last:?}"
    );
}

#[test]
fn an_org_of_one_account_is_an_individual() {
    // Platforms give every sign-up a personal org; a campaign can mint one
    // per account: it does not vouch for the account.
    let solo = org_sweep("org-personal", 1);
    let team = org_sweep("org-eval", 2);
    assert!(
        solo.score > 0.5 && solo.score > 2.0 * team.score,
        "{solo:?} {team:?}"
    );
}

#[test]
fn a_request_stays_within_its_call_budget() {
    let d = detector("{}");
    let mut agg = Counting::default();
    let mut max_calls = 0;
    for i in 0..10u64 {
        let mut r = signup("a", NOW - DAY, "free", "gmail.com", Some("card"), "m");
        r.ts_ms = NOW + i * HOUR;
        r.client = Client {
            ip: Some("192.0.2.9".into()),
            ..Client::default()
        };
        r.call.prompt = Some(format!(
            "Fix parse_config_{i} in src/lib_{i}.rs and retry_{i} plus UserService{i}"
        ));
        agg.calls = 0;
        agg.inner.now_ms = r.ts_ms;
        let _ = d.detect(&r, &mut agg);
        max_calls = max_calls.max(agg.calls);
    }
    // Without an org: 3 sweep + 3 continuity + 2 churn + 2 cohort + 3 budget.
    assert!(max_calls <= 13, "{max_calls} calls");
    assert!(max_calls >= 12, "every part ran: {max_calls} calls");
}

#[test]
fn empty_and_odd_requests_are_clean() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    assert_eq!(d.detect(&Request::default(), &mut agg), Verdict::clean());
    let mut r = req("x", 0, "");
    r.account.created_ms = Some(u64::MAX);
    r.account.email_domain = Some("@".into());
    r.client.ip = Some("::".into());
    let _ = d.detect(&r, &mut agg);
}

#[test]
fn settings_errors_name_the_field() {
    let err = |json: &str| parse_settings::<Behaviour>(json).unwrap_err();
    assert!(err(r#"{"sweep": {"cells": [5, 2]}}"#).contains("sweep.cells"));
    assert!(err(r#"{"cohort": {"bucket_ms": 1}}"#).starts_with("cohort.bucket_ms"));
    assert!(err(r#"{"continuity": {"tokens": 9}}"#).starts_with("continuity.tokens"));
    assert!(err(r#"{"budget": {"max_score": 2}}"#).starts_with("budget.max_score"));
    assert!(err(r#"{"budgets": {}}"#).contains("unknown field"));
    assert!(parse_settings::<Behaviour>("{}").is_ok());
}

#[test]
fn metadata_reads_only_what_the_signals_use() {
    let m = Behaviour::metadata();
    assert_eq!(m.name, "behaviour");
    assert!(m.reads.contains(Fields::PROMPT.with(Fields::MODEL)));
    assert!(!m.reads.contains(Fields::SYSTEM_PROMPT));
    assert!(!m.reads.contains(Fields::TOOLS));
}
