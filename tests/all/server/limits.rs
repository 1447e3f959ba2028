//! Refusals: each bad request gets a precise 4xx (or 503 under overload)
//! with a JSON error, and none reaches a plugin.

use super::*;

fn error_of(r: &Response) -> String {
    assert_eq!(
        r.header("content-type"),
        Some("application/json"),
        "{}",
        r.text()
    );
    let e = r.json();
    assert_eq!(e["status"], r.status);
    e["error"].as_str().unwrap().to_string()
}

fn plugin_calls(server: &Server) -> f64 {
    metric(
        &server.metrics(),
        "palisade_plugin_outcomes_total",
        &[("plugin", "reasoning"), ("status", "ok")],
    )
}

#[test]
fn malformed_body_is_400_naming_the_problem() {
    let server = Server::start(&default_policy(), &[]);
    let r = server.post_json("/v1/decide", "{\"id\": \"x\", ");
    assert_eq!(r.status, 400);
    assert!(error_of(&r).contains("EOF while parsing"), "{}", r.text());
    let r = server.post_json(
        "/v1/decide",
        r#"{"ts_ms":1,"account":{"id":"a"},"client":{"ip":"::1"},"request":{"prompt":"p"}}"#,
    );
    assert_eq!(r.status, 400);
    assert!(error_of(&r).contains("missing field `id`"), "{}", r.text());
    assert_eq!(plugin_calls(&server), 0.0);
}

#[test]
fn invalid_field_is_422_naming_the_field() {
    let server = Server::start(&default_policy(), &[]);
    let r = server.post_json(
        "/v1/decide",
        &features("x", "a", NORMAL).replace("203.0.113.9", "999.1.1.1"),
    );
    assert_eq!(r.status, 422);
    assert!(error_of(&r).starts_with("client.ip:"), "{}", r.text());
}

#[test]
fn oversized_body_is_413_without_calling_a_plugin() {
    let server = Server::with_config(&default_policy(), "[limits]\nmax_body_bytes = 4096\n", &[]);
    let big = features("big", "a", &"x".repeat(5000));
    let r = server.post_json("/v1/decide", &big);
    assert_eq!(r.status, 413);
    assert!(error_of(&r).contains("4096-byte limit"), "{}", r.text());

    // Chunked, so no Content-Length to check up front: refused while reading.
    let mut conn = Conn::open(server.addr);
    let mut req = b"POST /v1/decide HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for chunk in big.as_bytes().chunks(1000) {
        req.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        req.extend_from_slice(chunk);
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    conn.write(&req);
    let r = conn.read_response().unwrap();
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(plugin_calls(&server), 0.0);
    let m = server.metrics();
    assert_eq!(
        metric(
            &m,
            "palisade_http_requests_total",
            &[("endpoint", "decide"), ("code", "413")]
        ),
        2.0
    );
}

#[test]
fn wrong_or_missing_content_type_is_415() {
    let server = Server::start(&default_policy(), &[]);
    let body = features("ct", "a", NORMAL);
    let r = request(
        server.addr,
        "POST",
        "/v1/decide",
        &[("content-type", "text/plain")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 415);
    assert!(
        error_of(&r).contains("\"text/plain\" is not accepted"),
        "{}",
        r.text()
    );
    let r = request(server.addr, "POST", "/v1/decide", &[], body.as_bytes());
    assert_eq!(r.status, 415);
    assert!(error_of(&r).contains("no Content-Type"), "{}", r.text());
    let r = request(
        server.addr,
        "POST",
        "/v1/decide",
        &[("content-type", "application/json; charset=utf-8")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn unknown_path_is_404_and_wrong_method_is_405() {
    let server = Server::start(&default_policy(), &[]);
    let r = server.get("/v1/nope");
    assert_eq!(r.status, 404);
    assert!(error_of(&r).contains("/v1/nope"));
    let r = server.get("/v1/decide");
    assert_eq!(r.status, 405);
    error_of(&r);
}

#[test]
fn batch_over_the_item_limit_is_413() {
    let server = Server::with_config(&default_policy(), "[limits]\nmax_batch_items = 2\n", &[]);
    let one = features("i", "a", NORMAL);
    let r = server.post_json("/v1/decide/batch", &format!("[{one},{one},{one}]"));
    assert_eq!(r.status, 413);
    assert!(
        error_of(&r).contains("3 requests in one batch, over the limit of 2"),
        "{}",
        r.text()
    );
}

/// A policy whose plugin spins until its deadline (`ms`), on `allow`.
fn spinning_policy(dir: &Path, ms: u64) -> PathBuf {
    let text = format!(
        r#"[policy]
name = "spin"
version = "1.0.0"

[[plugin]]
name = "m"
wasm = "{}"
deadline_ms = {ms}
on_failure = "allow"
settings = {{ mode = "loop" }}
"#,
        misbehave_wasm().display()
    );
    write(dir, "spin.toml", &text)
}

#[test]
fn over_the_concurrency_limit_is_503_with_retry_after_not_queued() {
    let dir = tempfile::tempdir().unwrap();
    // Decisions on the blocking pool: a spinning plugin holds its decision
    // slot without holding up the connections.
    let server = Server::with_config(
        &spinning_policy(dir.path(), 3000),
        "[server]\nthreading = \"shared\"\ndecide_on = \"blocking-pool\"\n[limits]\nmax_concurrency = 1\nretry_after_s = 2\n",
        &[],
    );
    let body = features("slow", "a", NORMAL);
    // Hold the only decision slot with a decision that takes 3 s.
    let mut slow = Conn::open(server.addr);
    slow.start(
        "POST",
        "/v1/decide",
        &[("content-type", "application/json")],
        body.len(),
        body.as_bytes(),
    );
    assert!(eventually(Duration::from_secs(5), || {
        metric(&server.metrics(), "palisade_requests_in_flight", &[]) == 1.0
    }));
    let r = server.post_json("/v1/decide", &features("fast", "a", NORMAL));
    assert_eq!(r.status, 503, "refused at once, not queued");
    assert_eq!(r.header("retry-after"), Some("2"));
    assert!(
        error_of(&r).contains("limit of 1 requests in flight"),
        "{}",
        r.text()
    );
    // Health, status and metrics stay answerable under overload.
    assert_eq!(server.get("/healthz").status, 200);
    assert_eq!(server.get("/v1/status").status, 200);
    // The held request completes normally, and the slot comes back.
    assert_eq!(slow.read_response().unwrap().status, 200);
    assert!(eventually(Duration::from_secs(5), || {
        metric(&server.metrics(), "palisade_requests_in_flight", &[]) == 0.0
    }));
    let m = server.metrics();
    assert_eq!(
        metric(
            &m,
            "palisade_http_requests_total",
            &[("endpoint", "decide"), ("code", "503")]
        ),
        1.0
    );
}

#[test]
fn a_body_that_never_finishes_is_408() {
    let server = Server::with_config(&default_policy(), "[limits]\nbody_timeout_ms = 300\n", &[]);
    let mut conn = Conn::open(server.addr);
    conn.start(
        "POST",
        "/v1/decide",
        &[("content-type", "application/json")],
        100,
        b"{\"id\":",
    );
    let r = conn.read_response().unwrap();
    assert_eq!(r.status, 408);
    assert!(error_of(&r).contains("within 300 ms"), "{}", r.text());
}
