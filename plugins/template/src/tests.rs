use super::*;
use palisade_common::testing::Counting;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Account, Call, parse_settings};

const NOW: u64 = 1_800_000_000_000;
const DAY: u64 = 86_400_000;

fn detector(json: &str) -> Template {
    Template::new(parse_settings::<Template>(json).unwrap())
}

fn req(
    account: &str,
    org: Option<&str>,
    domain: &str,
    system: Option<&str>,
    prompt: &str,
) -> Request {
    aged(account, org, domain, system, prompt, 0)
}

fn aged(
    account: &str,
    org: Option<&str>,
    domain: &str,
    system: Option<&str>,
    prompt: &str,
    days: u64,
) -> Request {
    Request {
        id: "r".into(),
        ts_ms: NOW,
        account: Account {
            id: account.into(),
            created_ms: Some(NOW - 3_600_000 - days * DAY),
            org: org.map(Into::into),
            email_domain: Some(domain.into()),
            ..Account::default()
        },
        call: Call {
            prompt: Some(prompt.into()),
            system_prompt: system.map(Into::into),
            ..Call::default()
        },
        ..Request::default()
    }
}

/// A tiny deterministic generator for slot values and benign text.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() as usize) % xs.len()]
    }
}

const ROLES: &[&str] = &[
    "data analyst",
    "financial analyst",
    "statistician",
    "economist",
    "BI engineer",
];
const TOPICS: &[&str] = &[
    "retail sales",
    "customer churn",
    "hospital admissions",
    "airline delays",
    "energy usage",
    "ad conversions",
    "crop yields",
    "loan defaults",
];

fn campaign_prompt(rng: &mut Lcg) -> String {
    format!(
        "You are an expert {} combining statistical rigor with clear business communication. \
         Analyze the following dataset of {} rows about {}, identify the three most important \
         trends, quantify each with a confidence interval, and write an executive summary of at \
         most {} words for a non-technical audience.",
        rng.pick(ROLES),
        rng.next() % 5000,
        rng.pick(TOPICS),
        50 + rng.next() % 200
    )
}

const VOCAB: &[&str] = &[
    "garden",
    "recipe",
    "python",
    "invoice",
    "holiday",
    "bicycle",
    "contract",
    "poem",
    "server",
    "budget",
    "wedding",
    "lecture",
    "history",
    "planet",
    "guitar",
    "marathon",
    "startup",
    "mortgage",
    "kitchen",
    "novel",
    "vaccine",
    "router",
    "spreadsheet",
    "museum",
    "harvest",
    "migration",
    "tenant",
    "sonnet",
    "database",
    "festival",
    "puppy",
    "chemistry",
    "airport",
    "ledger",
    "painting",
    "climate",
    "firmware",
    "cathedral",
    "orchestra",
    "glacier",
    "semester",
    "warranty",
    "telescope",
    "bakery",
    "protocol",
    "election",
    "symphony",
    "insurance",
    "quantum",
    "write",
    "explain",
    "compare",
    "plan",
    "fix",
    "draft",
    "translate",
    "summarize",
    "list",
    "improve",
    "why",
    "how",
    "my",
    "the",
    "a",
    "for",
    "with",
    "about",
    "in",
    "of",
    "and",
    "to",
];

fn benign_prompt(rng: &mut Lcg) -> String {
    let n = 20 + rng.next() % 30;
    (0..n)
        .map(|_| rng.pick(VOCAB))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn empty_settings_are_the_defaults() {
    assert_eq!(
        parse_settings::<Template>("{}").unwrap(),
        Settings::default()
    );
}

#[test]
fn reads_prompts_and_account_identity_only() {
    let r = Template::metadata().reads;
    assert_eq!(
        r,
        Fields::PROMPT
            | Fields::SYSTEM_PROMPT
            | Fields::ACCOUNT_CREATED
            | Fields::ACCOUNT_ORG
            | Fields::ACCOUNT_TIER
            | Fields::EMAIL_DOMAIN
    );
}

#[test]
fn template_across_many_free_mail_accounts_is_strong() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(7);
    let mut last = Verdict::clean();
    for i in 0..60 {
        agg.now_ms = 1_000 * i;
        last = d.detect(
            &req(
                &format!("acct{i}"),
                None,
                "gmail.com",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
    }
    assert!(last.score >= 0.8, "{last:?}");
    assert_eq!(last.tags, ["template-family"]);
    assert!(
        last.reasons[0].starts_with("prompt template shared by"),
        "{last:?}"
    );
    assert!(last.reasons[0].contains("of them fresh"), "{last:?}");
    assert!(last.reasons[0].contains("in 24h"), "{last:?}");
}

#[test]
fn slow_and_low_accounts_are_scored_by_their_family_on_first_request() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(11);
    // 40 accounts, one or two templated requests each, mixed with ordinary traffic.
    for i in 0..40 {
        agg.now_ms = 60_000 * i;
        let r = req(
            &format!("r{i}"),
            None,
            "outlook.com",
            None,
            &campaign_prompt(&mut rng),
        );
        d.detect(&r, &mut agg);
        let b = req(
            &format!("r{i}"),
            None,
            "outlook.com",
            None,
            &benign_prompt(&mut rng),
        );
        d.detect(&b, &mut agg);
    }
    agg.now_ms += 1_000;
    let fresh = req(
        "newcomer",
        None,
        "gmail.com",
        None,
        &campaign_prompt(&mut rng),
    );
    let v = d.detect(&fresh, &mut agg);
    assert!(v.score >= 0.8, "{v:?}");
}

#[test]
fn enterprise_batch_with_one_org_is_not_flagged() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(3);
    for i in 0..2_000u64 {
        agg.now_ms = 10_000 * i;
        let svc = format!("svc{}", i % 4);
        let v = d.detect(
            &req(
                &svc,
                Some("org_acme"),
                "acme.com",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
        assert_eq!(v, Verdict::clean(), "request {i}");
    }
}

#[test]
fn company_domain_without_org_counts_once() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(5);
    for i in 0..300u64 {
        agg.now_ms = 1_000 * i;
        let v = d.detect(
            &req(
                &format!("emp{i}"),
                None,
                "bigcorp.example",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
        assert_eq!(v.score, 0.0);
    }
    // Unless that domain is declared free-mail.
    let d = detector(r#"{"extra_free_mail": ["bigcorp.example"]}"#);
    let mut agg = MemoryAggregates::new();
    let mut v = Verdict::clean();
    for i in 0..300u64 {
        v = d.detect(
            &req(
                &format!("emp{i}"),
                None,
                "bigcorp.example",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
    }
    assert!(v.score >= 0.8);
}

#[test]
fn varied_prompts_from_many_accounts_form_no_families() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(42);
    let mut flagged = 0;
    for i in 0..3_000u64 {
        agg.now_ms = 1_000 * i;
        let v = d.detect(
            &req(
                &format!("u{}", i % 1_000),
                None,
                "gmail.com",
                None,
                &benign_prompt(&mut rng),
            ),
            &mut agg,
        );
        if v.score >= 0.3 {
            flagged += 1;
        }
    }
    assert_eq!(flagged, 0);
}

#[test]
fn shared_coding_agent_system_prompt_is_capped() {
    let sys = "You are a coding agent running in the user's terminal. Use the provided tools to \
               read files, run tests and apply patches. Keep answers short, prefer small diffs, \
               never run destructive commands without asking, and explain what you changed.";
    for (days, cap) in [(300, 0.2), (0, 0.45)] {
        let d = detector("{}");
        let mut agg = MemoryAggregates::new();
        let mut rng = Lcg(9);
        let mut max: f64 = 0.0;
        let mut last = Verdict::clean();
        for i in 0..300u64 {
            agg.now_ms = 1_000 * i;
            let r = aged(
                &format!("dev{i}"),
                None,
                "gmail.com",
                Some(sys),
                &benign_prompt(&mut rng),
                days,
            );
            last = d.detect(&r, &mut agg);
            max = max.max(last.score);
        }
        assert!(max <= cap + 1e-9, "{days} days: {max}");
        assert!(
            last.reasons[0].starts_with("system prompt shared by 300"),
            "{last:?}"
        );
    }
}

#[test]
fn established_users_in_a_family_a_campaign_fills_keep_the_low_score() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(31);
    for i in 0..60u64 {
        agg.now_ms = 1_000 * i;
        d.detect(
            &req(
                &format!("c{i}"),
                None,
                "gmail.com",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
    }
    let r = aged(
        "researcher",
        None,
        "gmail.com",
        None,
        &campaign_prompt(&mut rng),
        400,
    );
    let v = d.detect(&r, &mut agg);
    assert!(v.score > 0.0 && v.score <= 0.36, "{v:?}");
}

#[test]
fn a_popular_template_among_established_users_is_capped_low() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(21);
    let mut max: f64 = 0.0;
    for i in 0..500u64 {
        agg.now_ms = 10_000 * i;
        // One in eight is a new sign-up, as in ordinary traffic.
        let days = if i % 8 == 0 { 0 } else { 30 + i };
        let r = aged(
            &format!("u{i}"),
            None,
            "gmail.com",
            None,
            &campaign_prompt(&mut rng),
            days,
        );
        max = max.max(d.detect(&r, &mut agg).score);
    }
    assert!(max <= 0.36, "{max}");
}

#[test]
fn short_prompts_are_not_sketched() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    for i in 0..500u64 {
        let v = d.detect(
            &req(
                &format!("u{i}"),
                None,
                "gmail.com",
                None,
                "Translate this into French please",
            ),
            &mut agg,
        );
        assert_eq!(v.score, 0.0);
    }
}

#[test]
fn families_expire_with_the_window() {
    let d = detector(r#"{"window_ms": 3600000}"#);
    let mut agg = MemoryAggregates::new();
    let mut rng = Lcg(1);
    for i in 0..60u64 {
        agg.now_ms = 10_000 * i;
        d.detect(
            &req(
                &format!("a{i}"),
                None,
                "gmail.com",
                None,
                &campaign_prompt(&mut rng),
            ),
            &mut agg,
        );
    }
    agg.now_ms += 2 * 3_600_000;
    let v = d.detect(
        &req("late", None, "gmail.com", None, &campaign_prompt(&mut rng)),
        &mut agg,
    );
    assert_eq!(v.score, 0.0);
}

#[test]
fn at_most_ten_aggregate_calls() {
    let d = detector("{}");
    let mut agg = Counting::default();
    let mut rng = Lcg(2);
    for i in 0..50u64 {
        agg.calls = 0;
        let sys = campaign_prompt(&mut rng);
        let r = req(
            &format!("a{i}"),
            None,
            "gmail.com",
            Some(&sys),
            &campaign_prompt(&mut rng),
        );
        d.detect(&r, &mut agg);
        assert!(agg.calls <= 10, "{} calls", agg.calls);
    }
}

#[test]
fn bad_settings_name_the_field() {
    let err = |json: &str| parse_settings::<Template>(json).unwrap_err();
    assert!(err(r#"{"window_ms": 5}"#).starts_with("window_ms:"));
    assert!(err(r#"{"rows": 0}"#).starts_with("rows:"));
    assert!(err(r#"{"bands": 20, "rows": 2}"#).starts_with("bands:"));
    assert!(
        err(r#"{"bands": 8, "system_bands": 4, "rows": 2}"#).starts_with("bands + system_bands:")
    );
    assert!(
        err(r#"{"fresh_share": [0.7, 0.6]}"#).starts_with("fresh_share[0] (0.7) must be below")
    );
    assert!(err(r#"{"size_only_max": -1}"#).starts_with("size_only_max:"));
    assert!(
        err(r#"{"min_entities": 30}"#)
            .starts_with("min_entities (30) must be below strong_entities")
    );
    assert!(err(r#"{"system_max_score": 2}"#).starts_with("system_max_score:"));
    assert!(err(r#"{"extra_free_mail": ["Not A Domain"]}"#).starts_with("extra_free_mail:"));
    assert!(err(r#"{"shingle_words": 9}"#).starts_with("shingle_words:"));
    assert!(err(r#"{"band": 3}"#).contains("unknown field"));
}

#[test]
fn a_repeated_system_prompt_gives_the_verdicts_a_fresh_instance_gives() {
    // The instance keeps the sketch of a system prompt it has seen; a run
    // over the same requests and aggregates with a new instance per
    // request must give the same verdicts.
    let system = "You are an autonomous coding agent working in a repository. Use the tools \
        to read files, run the tests and edit code; explain each change briefly and keep the \
        diff minimal, following the project's conventions for naming and error handling.";
    let warm = detector("{}");
    let (mut agg_warm, mut agg_fresh) = (MemoryAggregates::new(), MemoryAggregates::new());
    for i in 0..40 {
        let account = format!("acct-{i}");
        let prompt = format!("Task {i}: refactor the parser module and add tests for case {i}.");
        let r = req(&account, None, "gmail.com", Some(system), &prompt);
        let fresh = detector("{}");
        assert_eq!(
            warm.detect(&r, &mut agg_warm),
            fresh.detect(&r, &mut agg_fresh),
            "request {i}"
        );
    }
}
