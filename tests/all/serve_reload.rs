//! `palisade serve` with hot reload wired in, driven as a real process:
//! swaps under HTTP load, 1,000 admin reloads and the server's RSS, the
//! last-known-good at start-up, SIGHUP, the admin token, the candidate in
//! shadow.

use crate::common::{PolicyDir, SwapWrite, plugin};
use crate::server::{BIN, Conn, Server, eventually, features, metric};
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const TOKEN: &str = "serve-reload-test-token-0123456789";

/// A policy whose one plugin scores every request `score`: 0.1 → allow,
/// 0.95 → block. The deadline allows for CPU starvation under load.
fn policy(version: &str, score: f64) -> String {
    format!(
        r#"[policy]
name = "serve-reload"
version = "{version}"

[defaults]
deadline_ms = 2000

[[plugin]]
name = "subject"
wasm = "{}"
settings = {{ mode = "ok", score = {score} }}

[scoring]
ladder = [
    {{ score = 0.3, action = "log" }},
    {{ score = 0.6, action = "throttle" }},
    {{ score = 0.9, action = "block" }},
]
"#,
        plugin("misbehave").display()
    )
}

/// `version` ends in `-allow` or `-block`: the action it must give.
fn good(version: &str) -> String {
    policy(
        version,
        if version.ends_with("-block") {
            0.95
        } else {
            0.1
        },
    )
}

const MALFORMED: &str = "[policy]\nname = \"malformed\"\nversion = \n[[plugin\n";

/// Well-formed, but its fixture expects `allow` from a blocking policy.
fn failing_fixture(version: &str) -> String {
    policy(version, 0.95)
        + "\n[[fixture]]\nname = \"f\"\nexpect = \"allow\"\nrequest = { id = \"f\", ts_ms = 1, account = { id = \"a\" }, client = { ip = \"203.0.113.9\" }, request = { prompt = \"hi\" } }\n"
}

/// Each test's policy file, with an admin token beside it on demand.
type Files = PolicyDir;

impl Files {
    fn token_file(&self) -> String {
        let path = self.dir.path().join("admin.token");
        std::fs::write(&path, TOKEN).unwrap();
        path.display().to_string()
    }
}

fn status(server: &Server) -> Value {
    let r = server.get("/v1/status");
    assert_eq!(r.status, 200);
    r.json()
}

/// One keep-alive HTTP/1.1 connection for a Tokio task: POSTs JSON, reads
/// `Content-Length` bodies (all the server sends on these paths).
struct AsyncConn {
    stream: BufReader<tokio::net::TcpStream>,
}

impl AsyncConn {
    async fn open(addr: SocketAddr) -> std::io::Result<AsyncConn> {
        let stream = tokio::net::TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(AsyncConn {
            stream: BufReader::new(stream),
        })
    }

    async fn post(&mut self, path: &str, body: &str) -> Result<(u16, Vec<u8>), String> {
        let head = format!(
            "POST {path} HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let io = |e: std::io::Error| e.to_string();
        self.stream
            .get_mut()
            .write_all(head.as_bytes())
            .await
            .map_err(io)?;
        self.stream
            .get_mut()
            .write_all(body.as_bytes())
            .await
            .map_err(io)?;
        let mut line = String::new();
        if self.stream.read_line(&mut line).await.map_err(io)? == 0 {
            return Err("connection closed".into());
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {line:?}"))?;
        let mut length = None;
        loop {
            let mut h = String::new();
            self.stream.read_line(&mut h).await.map_err(io)?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; length.ok_or("no content-length")?];
        self.stream.read_exact(&mut body).await.map_err(io)?;
        Ok((status, body))
    }
}

/// 64 keep-alive clients (Tokio tasks) decide over HTTP without pause while
/// the policy file is swapped every `PALISADE_HTTP_SWAP_INTERVAL_MS`
/// (default 1000) for `PALISADE_HTTP_SWAP_SECS` (default 10; README.md (Hot reload)
/// has a 30 s run), good versions (rename-over) alternating with malformed
/// writes (invalid TOML; a policy whose fixture fails). Zero failed
/// requests; every decision comes from an activated good generation and
/// gives that version's action; generations never go backwards on a
/// connection; no malformed policy ever serves. Prints the change-to-effect
/// latency (rename → first decision carrying the new generation).
#[test]
fn http_swaps_under_load_never_fail_and_never_serve_a_malformed_policy() {
    let secs = crate::common::env_or("PALISADE_HTTP_SWAP_SECS", 10);
    let interval = Duration::from_millis(crate::common::env_or(
        "PALISADE_HTTP_SWAP_INTERVAL_MS",
        1000,
    ));
    let clients = crate::common::env_or("PALISADE_HTTP_SWAP_CLIENTS", 64) as usize;
    let files = Files::new(&good("g0-allow"));
    let server = Server::start(&files.path, &[]);
    let addr = server.addr;

    let stop = Arc::new(AtomicBool::new(false));
    let decided = Arc::new(AtomicU64::new(0));
    // generation → (policy label, first seen)
    let first_seen: Arc<Mutex<HashMap<u64, (String, Instant)>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let tokio = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (stop, decided, first_seen, failures) = (
                stop.clone(),
                decided.clone(),
                first_seen.clone(),
                failures.clone(),
            );
            tokio.spawn(async move {
                let fail = |m: String| failures.lock().unwrap().push(m);
                let mut conn = match AsyncConn::open(addr).await {
                    Ok(c) => c,
                    Err(e) => return fail(format!("client {c}: connect: {e}")),
                };
                let (mut last, mut n) = (0u64, 0u64);
                while !stop.load(Ordering::Relaxed) {
                    let body = features(&format!("c{c}-{n}"), &format!("acct-{c}"), "hello");
                    n += 1;
                    let (code, bytes) = match conn.post("/v1/decide", &body).await {
                        Ok(r) => r,
                        Err(e) => {
                            fail(format!("client {c} request {n}: {e}"));
                            break;
                        }
                    };
                    let d: Value = match serde_json::from_slice(&bytes) {
                        Ok(d) if code == 200 => d,
                        _ => {
                            fail(format!("{code}: {}", String::from_utf8_lossy(&bytes)));
                            continue;
                        }
                    };
                    let generation = d["generation"].as_u64().unwrap_or(0);
                    let label = d["policy"].as_str().unwrap_or("").to_string();
                    let want = if label.ends_with("-block") {
                        "block"
                    } else if label.ends_with("-allow") {
                        "allow"
                    } else {
                        "?"
                    };
                    let statuses_ok = d["detectors"]
                        .as_array()
                        .is_some_and(|ds| ds.iter().all(|x| x["status"] == "ok"));
                    if d["action"] != want || !statuses_ok || generation < last {
                        fail(format!("after generation {last}: {d}"));
                    }
                    if generation != last {
                        last = generation;
                        first_seen
                            .lock()
                            .unwrap()
                            .entry(generation)
                            .or_insert((label, Instant::now()));
                    }
                }
                decided.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();

    let started = Instant::now();
    let (written, k) = crate::common::swap_schedule(secs, interval, |w| match w {
        SwapWrite::Good { label, .. } => {
            files.replace(&good(label));
            Some(format!("serve-reload@{label}"))
        }
        SwapWrite::Malformed => {
            files.replace(MALFORMED);
            None
        }
        SwapWrite::FailingFixture { label } => {
            files.replace(&failing_fixture(label));
            None
        }
    });
    std::thread::sleep(Duration::from_millis(1500));
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        tokio.block_on(t).unwrap();
    }
    let elapsed = started.elapsed();

    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} failed or wrong requests, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(3)]
    );
    let seen = first_seen.lock().unwrap();
    let mut labels: HashMap<&str, u64> = HashMap::new();
    for (generation, (label, _)) in seen.iter() {
        assert!(
            label == "serve-reload@g0-allow" || written.contains_key(label),
            "generation {generation} served {label}, never written as a good policy"
        );
        if let Some(other) = labels.insert(label, *generation) {
            panic!("{label} served as generation {other} and {generation}");
        }
    }
    let latencies = crate::common::change_to_effect_ms(&written, &seen);
    let superseded = written.len() - latencies.len();
    if interval >= Duration::from_secs(1) {
        assert_eq!(superseded, 0, "every good policy written must have served");
    }
    let st = status(&server);
    let reload = &st["reload"];
    assert_eq!(reload["active"]["policy"], st["policy"]);
    let (ok, refused) = (
        reload["reloads"]["ok"].as_u64().unwrap(),
        reload["reloads"]["failed"].as_u64().unwrap(),
    );
    let n = decided.load(Ordering::Relaxed);
    println!(
        "HTTP swap under load: {clients} clients, {n} decisions in {:.1} s ({:.0}/s), 0 failed, \
         {} good swaps + {} malformed writes, reloads ok {ok} refused {refused}; \
         change-to-effect ms: p50 {:.1} p99 {:.1} max {:.1}; superseded before serving {superseded}",
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64(),
        written.len(),
        k as usize - written.len(),
        crate::common::percentile(&latencies, 0.5),
        crate::common::percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or(0.0),
    );
    if k >= 2 {
        assert!(refused >= 1, "the malformed writes were refused");
    }
    assert!(
        crate::common::percentile(&latencies, 0.99) < 2_000.0,
        "p99 change-to-effect {latencies:?}"
    );
}

/// `POST /v1/admin/reload` 1,000 times (`PALISADE_ADMIN_RELOADS`), each one
/// swapping between two valid versions, with a few decisions between: the
/// serving process's RSS after 1,000 stays within 24 MiB of that after 100.
#[test]
fn a_thousand_admin_reloads_leave_the_servers_rss_flat() {
    let total = crate::common::env_or("PALISADE_ADMIN_RELOADS", 1000);
    let files = Files::new(&good("v0-allow"));
    let token = files.token_file();
    let server = Server::start(&files.path, &["--admin-token-file", &token, "--no-watch"]);
    let auth = format!("Bearer {TOKEN}");
    let mut conn = Conn::open(server.addr);
    let started = Instant::now();
    let mut at_100 = 0;
    let mut last_generation = 0;
    for i in 1..=total {
        let version = if i % 2 == 1 { "v1-block" } else { "v2-allow" };
        files.replace(&good(version));
        let r = conn.send("POST", "/v1/admin/reload", &[("authorization", &auth)], b"");
        assert_eq!(r.status, 200, "reload {i}: {}", r.text());
        let j = r.json();
        let generation = j["generation"].as_u64().unwrap();
        assert!(generation > last_generation, "reload {i} swapped: {j}");
        assert_eq!(j["policy"], format!("serve-reload@{version}"));
        last_generation = generation;
        for q in 0..2 {
            let body = features(&format!("r{i}-{q}"), "acct", "hello");
            let d = conn
                .send(
                    "POST",
                    "/v1/decide",
                    &[("content-type", "application/json")],
                    body.as_bytes(),
                )
                .json();
            assert_eq!(d["generation"], generation);
            assert_eq!(d["action"], &version[3..]);
        }
        if i == 100.min(total) {
            at_100 = crate::common::rss_kib_of(server.pid());
        }
    }
    let at_end = crate::common::rss_kib_of(server.pid());
    let per = started.elapsed().as_secs_f64() * 1e3 / total as f64;
    let st = status(&server);
    let components = st["reload"]["cached_components"].as_u64().unwrap();
    println!(
        "serve RSS over {total} admin reloads: after 100 {at_100} KiB, after {total} {at_end} KiB, \
         grown {} KiB; {per:.1} ms per reload (+2 decisions); cached components {components}; \
         reloads ok {}",
        at_end as i64 - at_100 as i64,
        st["reload"]["reloads"]["ok"]
    );
    assert!(
        at_end < at_100 + 24 * 1024,
        "RSS grew from {at_100} KiB to {at_end} KiB"
    );
    assert_eq!(components, 1);
}

/// Runs `palisade serve` expecting it to refuse to start.
fn refused_start(policy: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(BIN)
        .args(["serve", "--policy"])
        .arg(policy)
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn start_up_with_a_broken_policy_serves_the_last_known_good_or_refuses_without_one() {
    let files = Files::new(&good("lkg-block"));
    let state = files.dir.path().join("state");
    let state = state.to_str().unwrap();
    {
        let server = Server::start(&files.path, &["--state-dir", state]);
        let st = status(&server);
        assert_eq!(st["reload"]["active"]["from_last_known_good"], false);
        assert!(
            st["reload"]["last_known_good"]
                .as_str()
                .unwrap()
                .contains("saved"),
            "{st}"
        );
    }
    files.replace(MALFORMED);
    let server = Server::start(&files.path, &["--state-dir", state]);
    let st = status(&server);
    assert_eq!(st["policy"], "serve-reload@lkg-block");
    assert_eq!(st["reload"]["active"]["from_last_known_good"], true, "{st}");
    assert_eq!(st["reload"]["last_failure"]["ok"], false);
    assert!(
        st["reload"]["last_failure"]["error"]
            .as_str()
            .unwrap()
            .contains("policy.toml:4"),
        "{st}"
    );
    assert_eq!(
        metric(
            &server.metrics(),
            "palisade_policy_last_known_good_active",
            &[]
        ),
        1.0
    );
    let d = server
        .post_json("/v1/decide", &features("r", "a", "hi"))
        .json();
    assert_eq!(d["action"], "block");
    assert!(server.stderr().contains("SERVING THE LAST-KNOWN-GOOD"));
    drop(server);

    let empty = files.dir.path().join("empty-state");
    let (code, stderr) = refused_start(&files.path, &["--state-dir", empty.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("refusing to start"), "{stderr}");
    assert!(stderr.contains("policy.toml:4"), "{stderr}");
}

#[test]
fn sighup_reloads_the_serving_policy() {
    let files = Files::new(&good("hup-allow"));
    let server = Server::start(&files.path, &["--no-watch"]);
    let before = status(&server)["generation"].as_u64().unwrap();
    files.replace(&good("hup2-block"));
    // --no-watch: nothing reloads until the signal.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(status(&server)["generation"], before);
    server.signal("HUP");
    assert!(
        eventually(Duration::from_secs(10), || status(&server)["generation"]
            .as_u64()
            .unwrap()
            > before),
        "SIGHUP did not reload: {}",
        status(&server)
    );
    let st = status(&server);
    assert_eq!(st["policy"], "serve-reload@hup2-block");
    assert_eq!(st["reload"]["last_attempt"]["trigger"], "signal");
    // A SIGHUP with nothing changed still reloads.
    let g = st["generation"].as_u64().unwrap();
    server.signal("HUP");
    assert!(eventually(
        Duration::from_secs(10),
        || status(&server)["generation"].as_u64().unwrap() > g
    ));
}

#[test]
fn the_admin_endpoint_is_absent_without_a_token_and_checks_it() {
    let files = Files::new(&good("a-allow"));
    let server = Server::start(&files.path, &[]);
    assert_eq!(server.post_json("/v1/admin/reload", "").status, 404);
    drop(server);

    let token = files.token_file();
    let server = Server::start(&files.path, &["--admin-token-file", &token]);
    let mut conn = Conn::open(server.addr);
    let r = conn.send(
        "POST",
        "/v1/admin/reload",
        &[("authorization", "Bearer not-the-token-at-all")],
        b"",
    );
    assert_eq!(r.status, 401);
    files.replace(MALFORMED);
    let r = conn.send(
        "POST",
        "/v1/admin/reload",
        &[("authorization", &format!("Bearer {TOKEN}"))],
        b"",
    );
    assert_eq!(r.status, 422, "{}", r.text());
    let st = status(&server);
    assert_eq!(st["policy"], "serve-reload@a-allow");
    assert_eq!(st["reload"]["last_attempt"]["ok"], false);
    assert!(st["reload"]["last_attempt"]["error"].is_string());
    let m = server.metrics();
    assert_eq!(metric(&m, "palisade_policy_last_reload_ok", &[]), 0.0);
    assert!(metric(&m, "palisade_policy_reloads_total", &[("result", "error")]) >= 1.0);
}

#[test]
fn a_candidate_decides_in_shadow_without_changing_the_answer() {
    let files = Files::new(&good("live-allow"));
    let candidate = files.dir.path().join("candidate.toml");
    std::fs::write(&candidate, good("cand-block")).unwrap();
    let server = Server::start(&files.path, &["--candidate", candidate.to_str().unwrap()]);
    for i in 0..10 {
        let d = server
            .post_json("/v1/decide", &features(&format!("s{i}"), "a", "hi"))
            .json();
        assert_eq!(d["action"], "allow");
        assert_eq!(d["policy"], "serve-reload@live-allow");
    }
    let agreement = || status(&server)["reload"]["candidate"]["agreement"].clone();
    assert!(
        eventually(Duration::from_secs(5), || agreement()["total"] == 10),
        "{}",
        agreement()
    );
    let a = agreement();
    assert_eq!(a["agreed"], 0);
    assert_eq!(a["disagreements"][0]["live"], "allow");
    assert_eq!(a["disagreements"][0]["candidate"], "block");
    let m = server.metrics();
    assert_eq!(
        metric(
            &m,
            "palisade_candidate_decisions_total",
            &[("live", "allow"), ("candidate", "block")]
        ),
        10.0
    );
    assert_eq!(metric(&m, "palisade_candidate_agreement_ratio", &[]), 0.0);
}
