//! Batched decisions (`Generation::decide_batch`, which `palisade serve`
//! uses under load) are the same decisions as one-at-a-time ones.

use crate::common::*;
use palisade::decision::Decision;
use palisade::features::{FeatureLimits, Features};
use palisade::runtime::Runtime;
use palisade_traffic::{GenConfig, generate};

/// A decision without its timings, which differ run to run.
fn timeless(mut d: Decision) -> Decision {
    for report in &mut d.detectors {
        report.micros = 0;
    }
    d
}

#[test]
fn batches_decide_exactly_as_one_request_at_a_time() {
    let mut jsonl = Vec::new();
    let config = GenConfig {
        seed: 11,
        scale: 0.02,
        ..GenConfig::default()
    };
    generate(&config, &mut jsonl).unwrap();
    let requests: Vec<Features> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| Features::parse(l.as_bytes(), &FeatureLimits::default()).unwrap())
        .collect();
    assert!(requests.len() > 500, "{} requests", requests.len());

    // Separate runtimes: separate aggregate stores, both starting empty.
    let policy = root().join("policies/default.toml");
    let single = palisade::policy::load(&policy, &Runtime::new(), 1).unwrap();
    let batched = palisade::policy::load(&policy, &Runtime::new(), 1).unwrap();

    let one_by_one: Vec<Decision> = requests
        .iter()
        .map(|r| timeless(single.decide(r)))
        .collect();
    // Uneven batch sizes, including batches of one.
    let mut together = Vec::new();
    let mut rest = &requests[..];
    for size in [1usize, 7, 64, 2, 33].iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (batch, tail) = rest.split_at((*size).min(rest.len()));
        together.extend(batched.decide_batch(batch).into_iter().map(timeless));
        rest = tail;
    }
    assert_eq!(together.len(), one_by_one.len());
    let enforced = one_by_one.iter().filter(|d| d.action.enforces()).count();
    assert!(
        enforced > 0,
        "the traffic should include enforced campaigns"
    );
    for (i, (a, b)) in one_by_one.iter().zip(&together).enumerate() {
        assert_eq!(a, b, "request {i} decided differently in a batch");
    }
}
