//! Many concurrent clients: every request answered.

use super::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[test]
fn ten_thousand_requests_from_64_concurrent_clients_are_all_answered() {
    const CLIENTS: usize = 64;
    const TOTAL: usize = 10_000;
    let server = Server::start(&default_policy(), &[]);
    let addr = server.addr;
    let ok = Arc::new(AtomicUsize::new(0));
    let throttled = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (ok, throttled) = (ok.clone(), throttled.clone());
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr);
                let mut failures = Vec::new();
                for i in (c..TOTAL).step_by(CLIENTS) {
                    let prompt = if i % 10 == 0 { HARVEST } else { NORMAL };
                    let body = features(&format!("load-{i}"), &format!("acct-{}", i % 97), prompt);
                    let r = conn.send(
                        "POST",
                        "/v1/decide",
                        &[("content-type", "application/json")],
                        body.as_bytes(),
                    );
                    if r.status != 200 {
                        failures.push(format!("{i}: {} {}", r.status, r.text()));
                        continue;
                    }
                    let d = r.json();
                    assert_eq!(d["id"], format!("load-{i}"));
                    ok.fetch_add(1, Ordering::Relaxed);
                    let enforced = ["throttle", "challenge", "block"]
                        .contains(&d["action"].as_str().unwrap_or(""));
                    if prompt == HARVEST && enforced {
                        throttled.fetch_add(1, Ordering::Relaxed);
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    let elapsed = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} failed, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert_eq!(ok.load(Ordering::Relaxed), TOTAL);
    assert_eq!(
        throttled.load(Ordering::Relaxed),
        TOTAL / 10,
        "every harvest prompt enforced"
    );
    let m = server.metrics();
    assert_eq!(
        metric(
            &m,
            "palisade_http_requests_total",
            &[("endpoint", "decide"), ("code", "200")]
        ),
        TOTAL as f64
    );
    eprintln!("{TOTAL} requests from {CLIENTS} clients in {elapsed:.2?}");
}
