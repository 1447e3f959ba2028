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
    assert!(eventually(Duration::from_secs(5), || {
        metric(&server.metrics(), "palisade_requests_in_flight", &[]) == 4.0
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
        metric(&server.metrics(), "palisade_requests_in_flight", &[]) == 1.0
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
    let mut server = Server::with_config(
        &default_policy(),
        "[server]\nshutdown_delay_ms = 1500\n",
        &[],
    );
    assert_eq!(server.get("/readyz").status, 200);
    server.signal("TERM");
    assert!(eventually(Duration::from_secs(2), || server
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
    let status = server
        .wait_exit(Duration::from_secs(10))
        .expect("exits after the delay");
    assert!(status.success());
}
