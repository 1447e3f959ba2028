//! Graceful shutdown: SIGTERM stops accepting, answers what is in flight,
//! and gives up on stragglers at the drain bound.

use super::*;

#[test]
fn sigterm_drains_in_flight_requests_then_exits() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let mut server = Server::start(
        &default_policy(),
        &[
            "--decision-log",
            log.to_str().unwrap(),
            "--drain-seconds",
            "10",
        ],
    );
    let body = features("in-flight", "a", NORMAL);
    let mut conns: Vec<Conn> = (0..4).map(|_| Conn::open(server.addr)).collect();
    for conn in &mut conns {
        conn.start(
            "POST",
            "/v1/decide",
            &[("content-type", "application/json")],
            body.len(),
            &body.as_bytes()[..20],
        );
    }
    // Bodies still arriving (they take no decision slot until complete).
    assert!(eventually(Duration::from_secs(5), || {
        metric(&server.metrics(), "palisade_slow_bodies", &[]) == 4.0
    }));
    server.signal("TERM");
    // Not ready any more, and no new connections once the listeners close.
    assert!(eventually(Duration::from_secs(5), || TcpStream::connect(
        server.addr
    )
    .is_err()));
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        server.wait_exit(Duration::from_millis(10)).is_none(),
        "must wait for the in-flight requests"
    );
    for conn in &mut conns {
        conn.write(&body.as_bytes()[20..]);
        let r = conn.read_response().expect("in-flight request answered");
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["id"], "in-flight");
    }
    let status = server
        .wait_exit(Duration::from_secs(10))
        .expect("exits after draining");
    assert!(status.success(), "{status:?}\n{}", server.stderr());
    assert!(
        server
            .stderr()
            .contains("every in-flight request was answered"),
        "{}",
        server.stderr()
    );
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().lines().count(),
        4,
        "the decision log is flushed"
    );
}

#[test]
fn the_drain_is_bounded_when_a_request_never_finishes() {
    let mut server = Server::start(&default_policy(), &["--drain-seconds", "1"]);
    let mut stuck = Conn::open(server.addr);
    stuck.start(
        "POST",
        "/v1/decide",
        &[("content-type", "application/json")],
        500,
        b"{",
    );
    assert!(eventually(Duration::from_secs(5), || {
        metric(&server.metrics(), "palisade_slow_bodies", &[]) == 1.0
    }));
    let started = Instant::now();
    server.signal("INT");
    let status = server
        .wait_exit(Duration::from_secs(5))
        .expect("exits at the drain bound");
    let took = started.elapsed();
    assert!(status.success());
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(5),
        "took {took:?}"
    );
    assert!(
        server.stderr().contains("drain bound reached"),
        "{}",
        server.stderr()
    );
    assert!(
        stuck.read_response().is_none(),
        "the abandoned connection is closed"
    );
}

#[test]
fn readiness_fails_first_during_the_shutdown_delay() {
    // A delay far longer than the test: the second signal ends it.
    let mut server = Server::with_config(
        &default_policy(),
        "[server]\nshutdown_delay_ms = 600000\n",
        &[],
    );
    assert_eq!(server.get("/readyz").status, 200);
    server.signal("TERM");
    assert!(eventually(Duration::from_secs(30), || server
        .get("/readyz")
        .status
        == 503));
    let r = server.get("/readyz");
    assert_eq!(r.json()["draining"], true);
    // Still serving decisions during the delay.
    assert_eq!(
        server
            .post_json("/v1/decide", &features("late", "a", NORMAL))
            .status,
        200
    );
    assert!(
        server.wait_exit(Duration::from_millis(10)).is_none(),
        "still in the delay"
    );
    server.signal("TERM");
    let status = server
        .wait_exit(Duration::from_secs(30))
        .expect("a second signal ends the delay");
    assert!(status.success(), "{status:?}\n{}", server.stderr());
    assert!(
        server.stderr().contains("ending the delay"),
        "{}",
        server.stderr()
    );
}

#[test]
fn sigterm_answers_every_request_on_keep_alive_connections_with_connection_close() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let mut server = Server::with_config(
        &default_policy(),
        "[limits]\nheader_read_timeout_ms = 120000\n",
        &["--decision-log", log.to_str().unwrap()],
    );
    let body = features("keep-alive", "a", NORMAL);
    let json = [("content-type", "application/json")];
    // Eight keep-alive connections, each answered once.
    let mut conns: Vec<Conn> = (0..8).map(|_| Conn::open(server.addr)).collect();
    for conn in &mut conns {
        let r = conn.send("POST", "/v1/decide", &json, body.as_bytes());
        assert_eq!(r.status, 200);
        assert_ne!(r.header("connection"), Some("close"));
    }
    // Then: three with a request head arriving, three with a body
    // arriving, two idle.
    let head = format!(
        "POST /v1/decide HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        body.len()
    );
    for conn in &mut conns[..3] {
        conn.write(&head.as_bytes()[..20]);
    }
    for conn in &mut conns[3..6] {
        conn.start(
            "POST",
            "/v1/decide",
            &json,
            body.len(),
            &body.as_bytes()[..10],
        );
    }
    assert!(eventually(Duration::from_secs(10), || {
        metric(&server.metrics(), "palisade_slow_bodies", &[]) == 3.0
    }));
    server.signal("TERM");
    // The listeners close: the drain has begun.
    assert!(eventually(Duration::from_secs(10), || TcpStream::connect(
        server.addr
    )
    .is_err()));
    // Idle connections are closed.
    for conn in &mut conns[6..] {
        assert!(conn.closed_by_server(Duration::from_secs(10)));
    }
    // Every request sent is answered, with `Connection: close`.
    for conn in &mut conns[..3] {
        conn.write(&head.as_bytes()[20..]);
        conn.write(b"\r\n");
        conn.write(body.as_bytes());
    }
    for conn in &mut conns[3..6] {
        conn.write(&body.as_bytes()[10..]);
    }
    for conn in &mut conns[..6] {
        let r = conn
            .read_response()
            .expect("a request sent during the drain is answered");
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.header("connection"), Some("close"));
        assert!(conn.closed_by_server(Duration::from_secs(10)));
    }
    let status = server
        .wait_exit(Duration::from_secs(30))
        .expect("exits after draining");
    assert!(status.success(), "{status:?}\n{}", server.stderr());
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().lines().count(),
        8 + 6,
        "every answered request is logged"
    );
}

#[test]
fn sigterm_right_after_listening_always_drains_and_exits_0() {
    for attempt in 0..10 {
        let mut server = Server::start(&default_policy(), &[]);
        server.signal("TERM");
        let status = server
            .wait_exit(Duration::from_secs(30))
            .expect("exits after SIGTERM");
        assert!(
            status.success(),
            "attempt {attempt}: {status:?}\n{}",
            server.stderr()
        );
        assert!(
            server
                .stderr()
                .contains("every in-flight request was answered"),
            "attempt {attempt}: {}",
            server.stderr()
        );
    }
}
