use super::*;
use palisade_common::testing::Counting;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Account, Client, parse_settings};

const DAY: u64 = 86_400_000;
const NOW: u64 = 1_800_000_000_000;

fn detector(json: &str) -> Infra {
    Infra::new(parse_settings::<Infra>(json).unwrap())
}

#[derive(Clone)]
struct Who {
    id: String,
    org: Option<String>,
    domain: String,
    age_days: u64,
    pay: Option<String>,
    ip: String,
    asn: u32,
    tls: String,
}

fn who(id: impl Into<String>) -> Who {
    Who {
        id: id.into(),
        org: None,
        domain: "gmail.com".into(),
        age_days: 400,
        pay: None,
        ip: "192.0.2.10".into(),
        asn: 64_500,
        tls: "t13d_common_browser".into(),
    }
}

fn req(w: &Who, ts: u64) -> Request {
    Request {
        id: "r".into(),
        ts_ms: ts,
        account: Account {
            id: w.id.clone(),
            created_ms: Some(ts.saturating_sub(w.age_days * DAY)),
            org: w.org.clone(),
            email_domain: Some(w.domain.clone()),
            payment_fingerprint: w.pay.clone(),
            ..Account::default()
        },
        client: Client {
            ip: Some(w.ip.clone()),
            asn: Some(w.asn),
            tls_fingerprint: Some(w.tls.clone()),
            ..Client::default()
        },
        ..Request::default()
    }
}

fn run(d: &Infra, agg: &mut MemoryAggregates, w: &Who, ts: u64) -> Verdict {
    agg.now_ms = ts;
    d.detect(&req(w, ts), agg)
}

#[test]
fn empty_settings_are_the_defaults() {
    assert_eq!(parse_settings::<Infra>("{}").unwrap(), Settings::default());
}

#[test]
fn reads_identity_and_network_fields_only() {
    let r = Infra::metadata().reads;
    assert!(!r.contains(Fields::PROMPT) && !r.contains(Fields::USER_AGENT));
    assert!(r.contains(Fields::PAYMENT_FINGERPRINT | Fields::CLIENT_IP | Fields::TLS_FINGERPRINT));
}

#[test]
fn payment_shared_by_free_mail_accounts_is_strong() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..8u64 {
        let mut w = who(format!("h{i}"));
        w.pay = Some("pf-shared".into());
        w.ip = format!("198.51.{i}.7");
        last = run(&d, &mut agg, &w, NOW + i * 3_600_000);
    }
    assert!(last.score >= 0.8, "{last:?}");
    assert!(last.tags.contains(&"shared-payment".to_string()));
    assert!(
        last.reasons[0].contains("payment fingerprint shared by 8"),
        "{last:?}"
    );
}

#[test]
fn a_family_card_scores_low() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    for (i, name) in ["mum", "dad", "kid"].iter().enumerate() {
        let mut w = who(*name);
        w.pay = Some("pf-family".into());
        let v = run(&d, &mut agg, &w, NOW + i as u64 * 1_000);
        assert!(v.score < 0.4, "{v:?}");
    }
}

#[test]
fn corporate_nat_with_one_org_is_clean() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    for i in 0..400u64 {
        let mut w = who(format!("emp{i}"));
        w.org = Some("org-initech".into());
        w.domain = "initech.com".into();
        w.pay = Some("pf-initech-team".into());
        w.ip = format!("203.0.113.{}", 1 + i % 2);
        w.tls = "t13d_corp_proxy".into();
        w.age_days = if i % 10 == 0 { 1 } else { 300 };
        let v = run(&d, &mut agg, &w, NOW + i * 60_000);
        assert_eq!(v, Verdict::clean(), "employee {i}");
    }
}

#[test]
fn corporate_nat_without_org_but_one_domain_is_clean() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    for i in 0..300u64 {
        let mut w = who(format!("emp{i}"));
        w.domain = "initech.com".into();
        w.pay = Some("pf-initech-team".into());
        w.ip = "203.0.113.5".into();
        w.age_days = 2;
        let v = run(&d, &mut agg, &w, NOW + i * 60_000);
        assert!(v.score < 0.1, "{v:?}");
    }
}

#[test]
fn fresh_free_mail_accounts_on_one_subnet_are_a_hydra() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..30u64 {
        let mut w = who(format!("f{i}"));
        w.age_days = 0;
        w.ip = format!("45.77.12.{}", 10 + i);
        last = run(&d, &mut agg, &w, NOW + i * 600_000);
    }
    assert!(last.score >= 0.8, "{last:?}");
    assert!(last.tags.contains(&"shared-subnet".to_string()), "{last:?}");
    assert!(
        last.reasons
            .iter()
            .any(|r| r.starts_with("45.77.12.0/24 shared by 30")),
        "{last:?}"
    );
}

#[test]
fn throwaway_company_domains_on_one_subnet_are_a_hydra() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..60u64 {
        let mut w = who(format!("c{i}"));
        w.domain = format!("startup{}.dev", i % 25);
        w.age_days = 20;
        w.ip = format!("45.77.13.{}", 10 + i);
        last = run(&d, &mut agg, &w, NOW + i * 600_000);
    }
    assert!(last.score >= 0.8, "{last:?}");
    assert!(
        last.reasons
            .iter()
            .any(|r| r.contains("25 independent accounts/orgs (25 fresh)")),
        "{last:?}"
    );
}

#[test]
fn rotating_proxies_are_caught_by_their_tls_fingerprint() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..60u64 {
        let mut w = who(format!("p{i}"));
        w.age_days = 1;
        w.ip = format!("{}.{}.{}.9", 20 + i % 50, i % 7, i % 11);
        w.asn = 1_000 + (i % 13) as u32;
        w.tls = "t13d_custom_client".into();
        last = run(&d, &mut agg, &w, NOW + i * 600_000);
    }
    assert!(last.score >= 0.5, "{last:?}");
    assert!(last.tags.contains(&"shared-tls".to_string()), "{last:?}");
    // An established customer on the same client stack is not scored by it.
    let mut w = who("old-customer");
    w.tls = "t13d_custom_client".into();
    w.ip = "100.64.9.9".into();
    let v = run(&d, &mut agg, &w, NOW + 61 * 600_000);
    assert_eq!(v.score, 0.0, "{v:?}");
}

#[test]
fn popular_fingerprint_with_some_new_signups_is_clean() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut max: f64 = 0.0;
    for i in 0..1_200u64 {
        let mut w = who(format!("u{i}"));
        // One in five is a brand-new sign-up; each on its own home network.
        w.age_days = if i % 5 == 0 { 0 } else { 30 + i % 700 };
        w.ip = format!("{}.{}.{}.{}", 60 + i % 90, i % 200, i % 97, 1 + i % 250);
        w.asn = 7_922 + (i % 3) as u32;
        let v = run(&d, &mut agg, &w, NOW + i * 60_000);
        max = max.max(v.score);
    }
    assert!(max < 0.3, "{max}");
}

#[test]
fn ipv6_clients_are_grouped_by_48() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..30u64 {
        let mut w = who(format!("v{i}"));
        w.age_days = 0;
        w.ip = format!("2001:db8:77:{:x}::{:x}", i, i + 1);
        last = run(&d, &mut agg, &w, NOW + i * 1_000);
    }
    assert!(
        last.reasons
            .iter()
            .any(|r| r.starts_with("2001:db8:77::/48")),
        "{last:?}"
    );
    assert!(last.score >= 0.8);
}

#[test]
fn missing_fields_give_a_clean_verdict() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let r = Request {
        id: "x".into(),
        ts_ms: NOW,
        ..Request::default()
    };
    assert_eq!(d.detect(&r, &mut agg), Verdict::clean());
}

#[test]
fn at_most_seven_aggregate_calls() {
    let d = detector("{}");
    let mut w = who("a");
    w.pay = Some("pf".into());
    w.age_days = 0;
    let mut agg = Counting::default();
    d.detect(&req(&w, NOW), &mut agg);
    assert_eq!(agg.calls, 7);
}

#[test]
fn bad_settings_name_the_field() {
    let err = |json: &str| parse_settings::<Infra>(json).unwrap_err();
    assert!(err(r#"{"window_ms": 1}"#).starts_with("window_ms:"));
    assert!(err(r#"{"fresh_ms": 5}"#).starts_with("fresh_ms:"));
    assert!(
        err(r#"{"payment": {"min": 6, "strong": 2, "max_score": 0.9}}"#)
            .starts_with("payment.min (6) must be below payment.strong (2)")
    );
    assert!(
        err(r#"{"tls_fresh": {"min": 1, "strong": 2, "max_score": 1.5}}"#)
            .starts_with("tls_fresh.max_score:")
    );
    assert!(err(r#"{"subnet": {"min": 1, "strong": 2}}"#).contains("missing field `max_score`"));
    assert!(
        err(r#"{"fresh_share": [0.9, 0.2]}"#).starts_with("fresh_share[0] (0.9) must be below")
    );
    assert!(err(r#"{"extra_free_mail": ["x"]}"#).starts_with("extra_free_mail:"));
    assert!(err(r#"{"asn": {}}"#).contains("unknown field"));
}
