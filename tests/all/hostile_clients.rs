//! Hostile HTTP clients against `palisade serve`: requests built to cost
//! the server far more than they cost the sender.

use crate::common::rss_kib_of;
use crate::server::{Conn, NORMAL, Server, default_policy, eventually, features, metric};
use std::time::Duration;

/// The `error` of a JSON refusal.
fn error_of(r: &crate::server::Response) -> String {
    r.json()["error"].as_str().unwrap_or_default().to_string()
}

#[test]
fn slow_bodies_past_the_byte_budget_are_refused_and_every_other_request_is_answered() {
    // Two slow 1 MiB bodies fill a 2 MiB budget to within a few hundred
    // KiB; a third slow body passing it is refused, while bodies that came
    // with their head and the operations endpoints are answered as usual.
    let config = "[limits]\nmax_body_bytes = 1048576\nmax_batch_body_bytes = 1048576\n\
                  max_slow_body_bytes = 2097152\n";
    let server = Server::with_config(&default_policy(), config, &[]);
    let json = [("content-type", "application/json")];
    let part = vec![b' '; 900 << 10];
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut c = Conn::open(server.addr);
        c.start("POST", "/v1/decide/batch", &json, 1 << 20, &part);
        held.push(c);
    }
    assert!(
        eventually(Duration::from_secs(20), || {
            metric(&server.metrics(), "palisade_slow_body_bytes", &[]) >= (1800 << 10) as f64
        }),
        "the two slow bodies never arrived:\n{}",
        server.metrics()
    );

    let mut third = Conn::open(server.addr);
    third.start(
        "POST",
        "/v1/decide/batch",
        &json,
        1 << 20,
        &part[..400 << 10],
    );
    let r = third
        .read_response()
        .expect("an answer to the third slow body");
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.header("retry-after").is_some());
    assert!(
        error_of(&r).contains("limits.max_slow_body_bytes (2097152 bytes)"),
        "{}",
        r.text()
    );
    assert_eq!(
        metric(
            &server.metrics(),
            "palisade_slow_body_bytes_refused_total",
            &[]
        ),
        1.0
    );

    // Everyone else is still answered while the two are held.
    let r = server.post_json("/v1/decide", &features("r-1", "acct-1", NORMAL));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(server.get("/healthz").status, 200);

    // A held body that completes is decided, and gives its bytes back.
    let mut first = held.remove(0);
    let rest = vec![b' '; (1 << 20) - (900 << 10) - 2];
    first.write(b"[]");
    first.write(&rest);
    let r = first
        .read_response()
        .expect("an answer to the completed body");
    assert_eq!(r.status, 200, "{}", r.text());
    drop(held);
    assert!(eventually(Duration::from_secs(20), || metric(
        &server.metrics(),
        "palisade_slow_body_bytes",
        &[]
    ) == 0.0));
}

#[test]
fn a_slow_body_budget_smaller_than_one_body_stops_the_server_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let config = crate::server::write(
        dir.path(),
        "serve.toml",
        "[limits]\nmax_slow_body_bytes = 1024\n",
    );
    let stderr = crate::server::serve_refuses_config(&config);
    assert!(
        stderr.contains("limits.max_slow_body_bytes: 1024 is outside the accepted range 16777216"),
        "{stderr}"
    );
}

#[test]
fn a_batch_of_millions_of_tiny_items_is_refused_at_the_item_limit_without_indexing_them() {
    // 16 MiB of `0,` is 8 million items; splitting them all before checking
    // the limit cost ~270 MiB of ranges and a third of a second per request.
    let server = Server::start(&default_policy(), &[]);
    let mut body = Vec::with_capacity(16 << 20);
    body.push(b'[');
    while body.len() < (16 << 20) - 4 {
        body.extend_from_slice(b"0,");
    }
    body.extend_from_slice(b"0]");
    let before = rss_kib_of(server.pid());
    for _ in 0..3 {
        let mut c = Conn::open(server.addr);
        let r = c.send(
            "POST",
            "/v1/decide/batch",
            &[("content-type", "application/json")],
            &body,
        );
        assert_eq!(r.status, 413, "{}", r.text());
        let e = error_of(&r);
        assert!(
            e.contains("1001 requests in one batch, over the limit of 1000")
                && e.contains("starts at byte 2001"),
            "{e}"
        );
    }
    let grown = rss_kib_of(server.pid()).saturating_sub(before);
    assert!(
        grown < 128 << 10,
        "server RSS grew {grown} KiB over three 16 MiB batches of tiny items"
    );
    let r = server.post_json("/v1/decide", &features("r-1", "acct-1", NORMAL));
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn concurrent_batches_take_turns_instead_of_outnumbering_the_workers() {
    // Unbounded, every batch in flight ran on a blocking thread of its own:
    // 200 concurrent batches starved the workers' plugin calls past their
    // wall-clock backstop (fail-opens for other clients' decisions). With
    // `max_concurrent_batches = 1`, four batches of slow items decide one at
    // a time and the others wait, all answered.
    let dir = tempfile::tempdir().unwrap();
    let policy = crate::server::write(
        dir.path(),
        "policy.toml",
        &format!(
            "[policy]\nname = \"slow\"\nversion = \"1\"\n\n[[plugin]]\nname = \"m\"\nwasm = \"{}\"\n\
             deadline_ms = 2000\nsettings = {{ mode = \"spin\", iterations = 20000000 }}\n",
            crate::server::misbehave_wasm().display()
        ),
    );
    let server = Server::with_config(&policy, "[limits]\nmax_concurrent_batches = 1\n", &[]);
    let items: Vec<String> = (0..20)
        .map(|i| features(&format!("r-{i}"), "acct-1", NORMAL))
        .collect();
    let body = format!("[{}]", items.join(","));
    let addr = server.addr;
    let senders: Vec<_> = (0..4)
        .map(|_| {
            let body = body.clone();
            std::thread::spawn(move || {
                crate::server::request(
                    addr,
                    "POST",
                    "/v1/decide/batch",
                    &[("content-type", "application/json")],
                    body.as_bytes(),
                )
            })
        })
        .collect();
    let (mut most_running, mut most_waiting) = (0.0f64, 0.0f64);
    while !senders.iter().all(|s| s.is_finished()) {
        let text = server.metrics();
        most_running = most_running.max(metric(&text, "palisade_batches_running", &[]));
        most_waiting = most_waiting.max(metric(&text, "palisade_batches_waiting", &[]));
        std::thread::sleep(Duration::from_millis(10));
    }
    for s in senders {
        let r = s.join().unwrap();
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["count"], 20);
    }
    assert_eq!(most_running, 1.0, "batches decided at once");
    assert!(most_waiting >= 1.0, "no batch ever waited its turn");
}
