//! Dead and hostile dependencies: a Redis shared store whose keys another
//! application overwrote, and one that stops answering mid-traffic. Every
//! request is still answered at once; the trouble is named in
//! `/v1/status` and counted; nothing else is lost.

use crate::redis::{Redis, campaign_request, policy, redis_config, wait_for_state};
use crate::server::{Server, eventually};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `redis-cli -p PORT ARGS…`; its stdout.
fn cli(redis: &Redis, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .args(["-p", &redis.port.to_string()])
        .args(args)
        .output()
        .expect("running redis-cli (installed with redis-server)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn keys(redis: &Redis) -> Vec<String> {
    cli(redis, &["--scan"])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn decide_ok(node: &Server, body: &str) {
    let r = node.post_json("/v1/decide", body);
    assert_eq!(r.status, 200, "{}", r.text());
}

fn aggregates(node: &Server) -> Value {
    node.get("/v1/status").json()["aggregates"].clone()
}

#[test]
fn keys_another_application_overwrote_in_redis_fail_alone_and_are_named() {
    let Some(redis) = Redis::start() else { return };
    let dir = tempfile::tempdir().unwrap();
    let node = Server::with_config(&policy(dir.path()), &redis_config(&redis.url()), &[]);
    for n in 0..4 {
        decide_ok(&node, &campaign_request("card-a", n));
    }
    wait_for_state(&node, "ok", Duration::from_secs(20));
    assert!(
        eventually(Duration::from_secs(20), || !keys(&redis).is_empty()),
        "the node never pushed"
    );
    // Another application writes hashes and foreign strings under every key.
    let poisoned = keys(&redis);
    for key in &poisoned {
        cli(&redis, &["DEL", key]);
        if key.contains(":c:") {
            cli(&redis, &["SET", key, "not a count"]);
        } else {
            cli(&redis, &["HSET", key, "field", "value"]);
        }
    }
    // The same card again (its keys refused) and a new card (new keys).
    for n in 4..8 {
        decide_ok(&node, &campaign_request("card-a", n));
    }
    for n in 0..4 {
        decide_ok(&node, &campaign_request("card-b", n));
    }
    assert!(
        eventually(Duration::from_secs(20), || {
            let a = aggregates(&node);
            a["key_errors"].as_u64().unwrap_or(0) > 0 && a["state"] == "ok"
        }),
        "no key error reported, or the whole sync failed: {}",
        aggregates(&node)
    );
    let a = aggregates(&node);
    let message = a["last_key_error"].as_str().unwrap_or_default();
    assert!(
        message.contains("WRONGTYPE") || message.contains("did not write"),
        "{a}"
    );
    assert!(message.contains("fleet-test"), "names the prefix: {a}");
    // The new card's keys were pushed all the same.
    assert!(
        eventually(Duration::from_secs(20), || keys(&redis).len()
            > poisoned.len()),
        "no new key reached Redis past the overwritten ones: {}",
        aggregates(&node)
    );
    let metrics = node.metrics();
    assert!(
        crate::server::metric(&metrics, "palisade_aggregates_key_errors_total", &[]) > 0.0,
        "{metrics}"
    );
}

/// A TCP proxy to `upstream` that, while `stalled`, holds every byte.
struct StallingProxy {
    addr: SocketAddr,
    stalled: Arc<AtomicBool>,
}

impl StallingProxy {
    fn start(upstream: SocketAddr) -> StallingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stalled = Arc::new(AtomicBool::new(false));
        let flag = stalled.clone();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let pairs = [
                    (client.try_clone().unwrap(), server.try_clone().unwrap()),
                    (server, client),
                ];
                for (mut from, mut to) in pairs {
                    let stalled = flag.clone();
                    std::thread::spawn(move || {
                        let mut buf = vec![0u8; 64 << 10];
                        while let Ok(n @ 1..) = from.read(&mut buf) {
                            while stalled.load(Ordering::Relaxed) {
                                std::thread::sleep(Duration::from_millis(10));
                            }
                            if to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Write);
                    });
                }
            }
        });
        StallingProxy { addr, stalled }
    }
}

#[test]
fn a_redis_that_stops_answering_delays_no_request_and_its_changes_arrive_when_it_is_back() {
    let Some(redis) = Redis::start() else { return };
    let proxy = StallingProxy::start(SocketAddr::from(([127, 0, 0, 1], redis.port)));
    let dir = tempfile::tempdir().unwrap();
    let url = format!("redis://{}", proxy.addr);
    let node = Server::with_config(&policy(dir.path()), &redis_config(&url), &[]);
    decide_ok(&node, &campaign_request("card-s", 0));
    wait_for_state(&node, "ok", Duration::from_secs(20));
    let before = keys(&redis).len();

    proxy.stalled.store(true, Ordering::Relaxed);
    for n in 1..200 {
        let sent = Instant::now();
        decide_ok(&node, &campaign_request("card-s", n));
        assert!(
            sent.elapsed() < Duration::from_secs(5),
            "request {n} waited {:?} on a stalled Redis",
            sent.elapsed()
        );
    }
    let status = wait_for_state(&node, "degraded", Duration::from_secs(20));
    let error = status["aggregates"]["last_error"]
        .as_str()
        .unwrap_or_default();
    assert!(error.contains("timed out"), "{}", status["aggregates"]);
    assert!(status["aggregates"]["pending_deltas"].as_i64().unwrap_or(0) > 0);

    proxy.stalled.store(false, Ordering::Relaxed);
    wait_for_state(&node, "ok", Duration::from_secs(30));
    assert!(
        eventually(Duration::from_secs(20), || {
            aggregates(&node)["pending_deltas"] == 0 && keys(&redis).len() > before
        }),
        "the kept changes never reached Redis: {}",
        aggregates(&node)
    );
    assert_eq!(aggregates(&node)["dropped_deltas"], 0);
}
