use super::*;
use palisade_common::testing::Counting;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Account, Call, parse_settings};

const MIN: u64 = 60_000;
const HOUR: u64 = 60 * MIN;
const DAY: u64 = 24 * HOUR;
/// Midnight UTC.
const T0: u64 = 1_800_057_600_000 - 1_800_057_600_000 % DAY;

fn detector(json: &str) -> Cadence {
    Cadence::new(parse_settings::<Cadence>(json).unwrap())
}

fn req(
    id: &str,
    org: Option<&str>,
    created: u64,
    ts: u64,
    max_out: u32,
    pay: Option<&str>,
) -> Request {
    Request {
        id: "r".into(),
        ts_ms: ts,
        account: Account {
            id: id.into(),
            created_ms: Some(created),
            org: org.map(Into::into),
            // The one org in these tests is an enterprise customer's.
            tier: org.map(|_| "enterprise".into()),
            payment_fingerprint: pay.map(Into::into),
            ..Account::default()
        },
        call: Call {
            max_output_tokens: Some(max_out),
            ..Call::default()
        },
        ..Request::default()
    }
}

struct Lcg(u64);

impl Lcg {
    fn unit(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Exponential with the given mean.
    fn exp(&mut self, mean: f64) -> u64 {
        (-(1.0 - self.unit()).ln() * mean) as u64 + 1
    }
}

/// Runs timestamps through the detector; returns every verdict.
fn replay(
    d: &Cadence,
    id: &str,
    org: Option<&str>,
    created: u64,
    ts: &[u64],
    max_out: u32,
) -> Vec<Verdict> {
    let mut agg = MemoryAggregates::new();
    ts.iter()
        .map(|t| {
            agg.now_ms = *t;
            d.detect(&req(id, org, created, *t, max_out, None), &mut agg)
        })
        .collect()
}

fn paced(start: u64, every: u64, jitter: f64, n: usize, rng: &mut Lcg) -> Vec<u64> {
    let mut t = start;
    (0..n)
        .map(|_| {
            t += (every as f64 * (1.0 + jitter * (2.0 * rng.unit() - 1.0))) as u64;
            t
        })
        .collect()
}

#[test]
fn empty_settings_are_the_defaults() {
    assert_eq!(
        parse_settings::<Cadence>("{}").unwrap(),
        Settings::default()
    );
}

#[test]
fn reads_no_text() {
    let r = Cadence::metadata().reads;
    assert!(!r.contains(Fields::PROMPT) && !r.contains(Fields::SYSTEM_PROMPT));
    assert!(r.contains(Fields::ACCOUNT_CREATED | Fields::MAX_OUTPUT_TOKENS));
}

#[test]
fn paced_round_the_clock_loop_is_strong() {
    let mut rng = Lcg(1);
    let ts = paced(T0, 40 * MIN, 0.08, 60, &mut rng);
    let v = replay(&detector("{}"), "bot", None, T0 - DAY, &ts, 32_000);
    let last = v.last().unwrap();
    assert!(last.score >= 0.8, "{last:?}");
    assert!(
        last.tags.contains(&"round-the-clock".to_string()),
        "{last:?}"
    );
    assert!(
        last.tags.contains(&"machine-cadence".to_string()),
        "{last:?}"
    );
    // Regularity alone is noticed by the 20th request.
    assert!(v[19].score >= 0.3, "{:?}", v[19]);
}

#[test]
fn a_scripted_evaluation_in_working_hours_stays_below_suspicious() {
    // A researcher's script: one request every 30 s for two hours, twice a day.
    let mut rng = Lcg(6);
    let mut ts = paced(T0 + 10 * HOUR, 30_000, 0.05, 240, &mut rng);
    ts.extend(paced(T0 + 15 * HOUR, 30_000, 0.05, 240, &mut rng));
    let v = replay(
        &detector("{}"),
        "researcher",
        None,
        T0 - 200 * DAY,
        &ts,
        8_192,
    );
    let max = v.iter().map(|v| v.score).fold(0.0, f64::max);
    assert!(max < 0.5, "{max}");
}

#[test]
fn enterprise_batch_with_an_org_stays_low() {
    let mut rng = Lcg(2);
    let ts = paced(T0, 2 * MIN, 0.05, 1_500, &mut rng);
    let v = replay(
        &detector("{}"),
        "svc-1",
        Some("org-globex"),
        T0 - 400 * DAY,
        &ts,
        256,
    );
    let max = v.iter().map(|v| v.score).fold(0.0, f64::max);
    assert!(max < 0.35, "{max}");
}

#[test]
fn developer_bursts_in_working_hours_stay_low() {
    let mut rng = Lcg(3);
    let mut ts = Vec::new();
    for day in 0..3 {
        let mut t = T0 + day * DAY + 9 * HOUR;
        while t < T0 + day * DAY + 18 * HOUR {
            // A burst of agent steps, then a pause to read and think.
            for _ in 0..(3 + rng.exp(8.0) as usize) {
                t += 2_000 + rng.exp(20_000.0);
                ts.push(t);
            }
            t += rng.exp(25.0 * MIN as f64);
        }
    }
    let v = replay(&detector("{}"), "dev", None, T0 - 300 * DAY, &ts, 32_000);
    let max = v.iter().map(|v| v.score).fold(0.0, f64::max);
    assert!(ts.len() > 100);
    assert!(max < 0.5, "{max} over {} requests", ts.len());
}

#[test]
fn casual_human_use_is_clean_or_nearly() {
    let mut rng = Lcg(4);
    let mut t = T0 + 8 * HOUR;
    let ts: Vec<u64> = (0..30)
        .map(|_| {
            t += rng.exp(40.0 * MIN as f64);
            t
        })
        .collect();
    let v = replay(&detector("{}"), "human", None, T0 - 100 * DAY, &ts, 4_096);
    let max = v.iter().map(|v| v.score).fold(0.0, f64::max);
    assert!(max < 0.2, "{max}");
}

#[test]
fn fresh_account_with_heavy_use_is_suspicious() {
    let mut rng = Lcg(5);
    let mut t = T0 + 10 * HOUR;
    let ts: Vec<u64> = (0..300)
        .map(|_| {
            t += rng.exp(60_000.0);
            t
        })
        .collect();
    let v = replay(&detector("{}"), "newbie", None, T0 + 9 * HOUR, &ts, 4_096);
    let last = v.last().unwrap();
    assert!(last.score >= 0.5, "{last:?}");
    assert!(last.tags.contains(&"fresh-heavy".to_string()));
}

#[test]
fn shared_payment_cluster_volume_counts() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for i in 0..3_000u64 {
        let t = T0 + i * 20_000;
        agg.now_ms = t;
        let id = format!("pool{}", i % 300);
        last = d.detect(
            &req(&id, None, T0 - 100 * DAY, t, 4_096, Some("pf-pool")),
            &mut agg,
        );
    }
    assert!(
        last.tags.contains(&"cluster-volume".to_string()),
        "{last:?}"
    );
    assert!(last.score >= 0.3, "{last:?}");
}

#[test]
fn at_most_seven_aggregate_calls() {
    let d = detector("{}");
    let mut agg = Counting::default();
    for i in 0..5 {
        agg.calls = 0;
        agg.inner.now_ms = T0 + i * MIN;
        let r = req("a", None, T0, T0 + i * MIN, 32_000, Some("pf"));
        d.detect(&r, &mut agg);
        assert!(agg.calls <= 7, "{}", agg.calls);
    }
}

#[test]
fn bad_settings_name_the_field() {
    let err = |json: &str| parse_settings::<Cadence>(json).unwrap_err();
    assert!(err(r#"{"window_ms": 10}"#).starts_with("window_ms:"));
    assert!(
        err(r#"{"volume": [3000, 300]}"#)
            .starts_with("volume[0] (3000) must be below volume[1] (300)")
    );
    assert!(err(r#"{"active_hours": [14, 30]}"#).starts_with("active_hours[1]:"));
    assert!(err(r#"{"regular_share": [0.5, 1.5]}"#).starts_with("regular_share[1]:"));
    assert!(err(r#"{"org_factor": 2}"#).starts_with("org_factor:"));
    assert!(err(r#"{"machine_score": -2}"#).starts_with("machine_score:"));
    assert!(err(r#"{"min_gaps": 1}"#).starts_with("min_gaps:"));
    assert!(err(r#"{"volume": [1]}"#).contains("invalid length"));
    assert!(err(r#"{"gap_bins": 3}"#).contains("unknown field"));
}
