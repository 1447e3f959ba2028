//! Aggregates shared across nodes on Redis (issue #14): two `palisade
//! serve` nodes and a real `redis-server` (Debian's package) on loopback.
//! A campaign split evenly over the nodes, visible only through a
//! cross-account aggregate (many accounts on one payment card → `infra`),
//! is enforced as one with Redis and as two halves without it; Redis killed
//! mid-run leaves both nodes answering every request, and once it is back
//! they converge.
//!
//! Without `redis-server` the tests are skipped (with a line on stderr),
//! unless `CI` is set: then they fail.

use crate::server::{Conn, Server};
use serde_json::Value;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A `redis-server` on a loopback port, killed on drop.
pub(crate) struct Redis {
    child: Option<Child>,
    pub(crate) port: u16,
}

impl Redis {
    /// Starts one on a free port; `None` (test skipped) without the binary
    /// outside CI.
    pub(crate) fn start() -> Option<Redis> {
        if Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .status()
            .is_err()
        {
            assert!(
                std::env::var_os("CI").is_none(),
                "redis-server is not installed (apt-get install redis-server; tests/run does)"
            );
            eprintln!("skipping: redis-server is not installed");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut redis = Redis { child: None, port };
        redis.restart();
        Some(redis)
    }

    /// (Re)starts the server on the same port, empty.
    pub(crate) fn restart(&mut self) {
        let child = Command::new("redis-server")
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawning redis-server");
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills it (SIGKILL: no goodbye to its clients).
    pub(crate) fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `serve.toml` for a node sharing aggregates on `url` (a fast sync, so
/// the tests wait little).
pub(crate) fn redis_config(url: &str) -> String {
    redis_config_every(url, 100)
}

fn redis_config_every(url: &str, interval_ms: u64) -> String {
    format!(
        "[aggregates]\nstore = \"redis\"\nurl = \"{url}\"\nsync_interval_ms = {interval_ms}\ntimeout_ms = 200\nprefix = \"fleet-test\"\n"
    )
}

/// Only `infra`, scoring independent accounts on one payment card (from 4,
/// at full strength from 16); blocks from 0.8. Each account of a test
/// campaign has its own network and is a year old, so the payment card is
/// the one signal.
pub(crate) fn policy(dir: &Path) -> PathBuf {
    let text = format!(
        r#"[policy]
name = "fleet"
version = "1.0.0"

[defaults]
deadline_ms = 200
isolation = "reuse"

[[plugin]]
name = "infra"
wasm = "{}"
settings = {{ payment = {{ min = 4.0, strong = 16.0, max_score = 0.9 }} }}

[scoring]
combine = "max"
ladder = [ {{ score = 0.8, action = "block" }} ]
"#,
        crate::common::plugin("infra").display()
    );
    crate::server::write(dir, "fleet.toml", &text)
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// One request of account `n` of campaign `card` (its own /24, a year old).
pub(crate) fn campaign_request(card: &str, n: usize) -> String {
    let now = now_ms();
    serde_json::json!({
        "id": format!("{card}-{n}"),
        "ts_ms": now,
        "account": {
            "id": format!("{card}-acct-{n}"),
            "created_ms": now - 365 * 86_400_000,
            "email_domain": "gmail.com",
            "payment_fingerprint": card,
        },
        "client": { "ip": format!("10.{}.{}.7", n / 200, n % 200) },
        "request": { "prompt": "What is the capital of France?", "model": "frontier-1" },
    })
    .to_string()
}

fn decide(node: &Server, body: &str) -> Value {
    let r = node.post_json("/v1/decide", body);
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

/// Sends `accounts` accounts of campaign `card`, one request each,
/// alternating between the nodes; every request must be answered.
fn campaign(nodes: &[&Server; 2], card: &str, accounts: usize) {
    for n in 0..accounts {
        decide(nodes[n % 2], &campaign_request(card, n));
    }
}

/// What a new account on `card` gets from `node` now.
fn probe(node: &Server, card: &str, n: usize) -> Value {
    decide(node, &campaign_request(card, 1_000 + n))
}

/// Waits until `node`'s status says the Redis sync is `state`.
pub(crate) fn wait_for_state(node: &Server, state: &str, within: Duration) -> Value {
    let deadline = Instant::now() + within;
    loop {
        let status = node.get("/v1/status").json();
        if status["aggregates"]["state"] == state {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "sync state not {state} within {within:?}: {}",
            status["aggregates"]
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Long enough for both nodes to push and read back (the staleness bound
/// of the test config is 600 ms), with room for a loaded machine.
fn settle() {
    std::thread::sleep(Duration::from_millis(1_500));
}

#[test]
fn a_campaign_split_over_two_nodes_is_enforced_as_one_with_redis_and_as_halves_without() {
    let Some(redis) = Redis::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let policy = policy(dir.path());

    // Local-only state: each node sees 8 of the 16 accounts.
    let a = Server::start(&policy, &[]);
    let b = Server::start(&policy, &[]);
    campaign(&[&a, &b], "card-local", 16);
    settle();
    let (pa, pb) = (probe(&a, "card-local", 0), probe(&b, "card-local", 1));
    assert_eq!(a.get("/v1/status").json()["aggregates"]["store"], "memory");
    for p in [&pa, &pb] {
        assert_ne!(p["action"], "block", "a half campaign: {p}");
        assert!(p["score"].as_f64().unwrap() < 0.7, "{p}");
    }

    // Shared on Redis: both nodes see all 16.
    let config = redis_config(&redis.url());
    let a = Server::with_config(&policy, &config, &[]);
    let b = Server::with_config(&policy, &config, &[]);
    campaign(&[&a, &b], "card-shared", 16);
    settle();
    let (ra, rb) = (probe(&a, "card-shared", 0), probe(&b, "card-shared", 1));
    for p in [&ra, &rb] {
        assert_eq!(p["action"], "block", "the whole campaign: {p}");
    }
    eprintln!(
        "probe scores: local-only {} / {}, shared {} / {}",
        pa["score"], pb["score"], ra["score"], rb["score"]
    );
    let status = a.get("/v1/status").json();
    let agg = &status["aggregates"];
    assert_eq!(agg["store"], "redis", "{agg}");
    assert_eq!(agg["state"], "ok", "{agg}");
    assert_eq!(agg["staleness_bound_ms"], 600, "{agg}");
    assert_eq!(agg["url"], redis.url(), "{agg}");
    assert!(agg["syncs"].as_u64().unwrap() > 0, "{agg}");
    assert!(a.metrics().contains("palisade_aggregates_syncs_total"));
}

#[test]
fn killing_redis_leaves_both_nodes_answering_and_they_converge_when_it_is_back() {
    let Some(mut redis) = Redis::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let policy = policy(dir.path());
    let config = redis_config(&redis.url());
    let a = Server::with_config(&policy, &config, &[]);
    let b = Server::with_config(&policy, &config, &[]);
    wait_for_state(&a, "ok", Duration::from_secs(20));
    wait_for_state(&b, "ok", Duration::from_secs(20));

    redis.kill();
    // The whole campaign while Redis is down: every request answered at
    // once, from local state.
    let started = Instant::now();
    campaign(&[&a, &b], "card-outage", 16);
    let status = wait_for_state(&a, "degraded", Duration::from_secs(10));
    assert!(started.elapsed() < Duration::from_secs(30));
    let agg = &status["aggregates"];
    assert!(agg["sync_errors"].as_u64().unwrap() > 0, "{agg}");
    assert!(agg["pending_deltas"].as_u64().unwrap() > 0, "{agg}");
    let ready = a.get("/readyz");
    assert_eq!(ready.status, 200, "degraded, not down");
    assert_eq!(ready.json()["aggregates"]["state"], "degraded");
    for (node, n) in [(&a, 0), (&b, 1)] {
        let p = probe(node, "card-outage", n);
        assert_ne!(p["action"], "block", "each node alone sees half: {p}");
    }

    // Back, empty: the changes kept during the outage are pushed, and
    // both nodes see the whole campaign.
    redis.restart();
    wait_for_state(&a, "ok", Duration::from_secs(30));
    wait_for_state(&b, "ok", Duration::from_secs(30));
    settle();
    for (node, n) in [(&a, 2), (&b, 3)] {
        let p = probe(node, "card-outage", n);
        assert_eq!(p["action"], "block", "converged after the outage: {p}");
    }
    let agg = &a.get("/v1/status").json()["aggregates"];
    assert_eq!(agg["errors_in_a_row"], 0, "{agg}");
    assert!(a.stderr().contains("Redis sync failed"));
}

/// The throughput of one node on the same traffic with each store: prints
/// decisions per second and p50/p99 latency. `cargo test --release -p
/// palisade --test all -- --ignored redis::bench --nocapture`;
/// `PALISADE_BENCH_REQUESTS` (default 40000), `PALISADE_BENCH_CLIENTS`
/// (default 16), `PALISADE_BENCH_SYNC_MS` (the sync interval, default 250).
#[test]
#[ignore = "a benchmark: run on its own"]
fn bench_serve_throughput_redis_against_memory() {
    let Some(redis) = Redis::start() else { return };
    let total = crate::common::env_or("PALISADE_BENCH_REQUESTS", 40_000) as usize;
    let clients = crate::common::env_or("PALISADE_BENCH_CLIENTS", 16) as usize;
    let sync_ms = crate::common::env_or("PALISADE_BENCH_SYNC_MS", 250);
    let policy = crate::server::default_policy();
    let mut results = Vec::new();
    for (name, config) in [
        ("memory", String::new()),
        ("redis", redis_config_every(&redis.url(), sync_ms)),
        ("memory", String::new()),
        ("redis", redis_config_every(&redis.url(), sync_ms)),
    ] {
        let node = Server::with_config(&policy, &config, &[]);
        let (rate, p50, p99) = load(node.addr, total, clients);
        let agg = node.get("/v1/status").json()["aggregates"].clone();
        println!(
            "{name:>6}: {rate:>8.0} decisions/s, p50 {p50:.2} ms, p99 {p99:.2} ms ({total} requests, {clients} clients) aggregates {agg}"
        );
        results.push((name, rate, p99));
    }
    let best = |store: &str| {
        results
            .iter()
            .filter(|r| r.0 == store)
            .map(|r| (r.1, r.2))
            .fold((0.0f64, f64::MAX), |(rate, p99), r| {
                (rate.max(r.0), p99.min(r.1))
            })
    };
    let (memory, redis_) = (best("memory"), best("redis"));
    println!(
        "redis/memory throughput {:.1}%, p99 {:.2} ms vs {:.2} ms",
        100.0 * redis_.0 / memory.0,
        redis_.1,
        memory.1
    );
}

/// Sends `total` requests over `clients` keep-alive connections: seeded
/// traffic over 2,000 accounts, 300 cards and 500 networks, a tenth of it
/// harvesting prompts. Returns (decisions/s, p50 ms, p99 ms).
fn load(addr: SocketAddr, total: usize, clients: usize) -> (f64, f64, f64) {
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|c| {
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr);
                let mut latencies = Vec::new();
                for i in (c..total).step_by(clients) {
                    let now = now_ms();
                    let account = (i * 7_919) % 2_000;
                    let prompt = if i % 10 == 0 {
                        crate::server::HARVEST
                    } else {
                        crate::server::NORMAL
                    };
                    let body = serde_json::json!({
                        "id": format!("b-{i}"),
                        "ts_ms": now,
                        "account": {
                            "id": format!("acct-{account}"),
                            "created_ms": now - (account as u64 % 60) * 86_400_000,
                            "email_domain": if account % 3 == 0 { "gmail.com" } else { "example.com" },
                            "payment_fingerprint": format!("card-{}", account % 300),
                        },
                        "client": { "ip": format!("10.{}.{}.9", account % 500 / 250, account % 250), "asn": 64_512 + (account % 40) as u32 },
                        "request": { "prompt": prompt, "model": "frontier-1" },
                    })
                    .to_string();
                    let t = Instant::now();
                    let r = conn.send(
                        "POST",
                        "/v1/decide",
                        &[("content-type", "application/json")],
                        body.as_bytes(),
                    );
                    latencies.push(t.elapsed().as_secs_f64() * 1_000.0);
                    assert_eq!(r.status, 200, "{}", r.text());
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<f64> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    (
        total as f64 / elapsed,
        crate::common::percentile(&latencies, 0.5),
        crate::common::percentile(&latencies, 0.99),
    )
}
