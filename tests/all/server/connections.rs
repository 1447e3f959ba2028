//! Connection abuse: idle and silent connections, dribbled headers, slow
//! bodies and connection caps must not lock other clients out.

use super::*;

/// A decision request that arrives in one write.
fn decide_at_once(addr: SocketAddr, id: &str) -> Response {
    let body = features(id, "a", NORMAL);
    let mut conn = Conn::open(addr);
    conn.write(&request_bytes(
        "POST",
        "/v1/decide",
        &[("content-type", "application/json")],
        body.as_bytes(),
    ));
    conn.read_response().expect("the decision is answered")
}

#[test]
fn two_thousand_idle_connections_lock_nobody_out_and_are_closed_at_the_header_timeout() {
    const IDLE: usize = 2000;
    assert!(
        raise_nofile() > IDLE as u64 + 200,
        "this test needs an open-file hard limit over {}",
        IDLE + 200
    );
    // Started as a shell with the common default soft limit leaves it.
    let server = Server::with_config_and_nofile(
        &default_policy(),
        "[limits]\nheader_read_timeout_ms = 3000\nmax_connections_per_ip = 0\n",
        &[],
        1024,
    );
    let idle: Vec<TcpStream> = (0..IDLE)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    // While they are open (accepted: more than the 1,024 descriptors the
    // server started with), health and decisions are answered.
    assert!(
        eventually(Duration::from_secs(30), || metric(
            &server.metrics(),
            "palisade_connections_accepted_total",
            &[]
        ) >= IDLE as f64),
        "{}",
        server.stderr()
    );
    assert_eq!(server.get("/healthz").status, 200);
    let r = decide_at_once(server.addr, "while-idle");
    assert_eq!(r.status, 200, "{}", r.text());
    // Then the header timeout closes every one of them.
    for mut stream in idle {
        assert!(
            closed_by_server(&mut stream, Duration::from_secs(60)),
            "an idle connection was left open"
        );
    }
    let m = server.metrics();
    assert!(
        metric(
            &m,
            "palisade_connections_closed_total",
            &[("reason", "header_timeout")]
        ) >= IDLE as f64,
        "{m}"
    );
    assert!(
        server.stderr().contains("raised the open-file soft limit"),
        "{}",
        server.stderr()
    );
}

#[test]
fn headers_dribbled_a_byte_at_a_time_are_cut_off() {
    let server = Server::with_config(
        &default_policy(),
        "[limits]\nheader_read_timeout_ms = 1000\n",
        &[],
    );
    let head = b"GET /healthz HTTP/1.1\r\nhost: test\r\nx-padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut cut_off = false;
    for byte in head.iter() {
        if stream.write_all(&[*byte]).is_err() {
            cut_off = true;
            break;
        }
        // About 4 bytes a second: the head would take over 20 s.
        if closed_by_server(&mut stream, Duration::from_millis(250)) {
            cut_off = true;
            break;
        }
    }
    assert!(cut_off, "the dribbled head was read to the end");
    assert!(
        metric(
            &server.metrics(),
            "palisade_connections_closed_total",
            &[("reason", "header_timeout")]
        ) >= 1.0
    );
}

#[test]
fn a_request_head_over_max_header_bytes_gets_431_and_others_are_served() {
    let server = Server::with_config(
        &default_policy(),
        "[limits]\nmax_header_bytes = 16384\n",
        &[],
    );
    // 200 KB of headers: hyper's default buffer would take them all in.
    let padding = "a".repeat(8000);
    let headers: Vec<(String, String)> = (0..25)
        .map(|i| (format!("x-padding-{i}"), padding.clone()))
        .collect();
    let borrowed: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let head = request_bytes("GET", "/healthz", &borrowed, b"");
    let mut conn = Conn::open(server.addr);
    for chunk in head.chunks(8 << 10) {
        if !conn.try_write(chunk) {
            break;
        }
    }
    // The server answers 431, or (when it closes before the client stops
    // writing) the reset loses the answer; it never serves the request.
    if let Some(r) = conn.read_response() {
        assert_eq!(r.status, 431, "{}", r.text());
    }
    // A head under the cap on another connection is served.
    let r = decide_at_once(server.addr, "after-431");
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn slow_bodies_do_not_starve_other_clients() {
    const SLOW: usize = 256;
    raise_nofile();
    let server = Server::start(&default_policy(), &[]);
    let body = features("slow", "a", NORMAL);
    let mut slow: Vec<Conn> = slow_bodies(server.addr, SLOW, &body);
    // Each is either reading its body (a slow-body slot, no decision slot)
    // or, over the per-address cap, refused.
    assert!(eventually(Duration::from_secs(30), || {
        let m = server.metrics();
        metric(&m, "palisade_slow_bodies", &[])
            + metric(&m, "palisade_slow_bodies_refused_total", &[])
            == SLOW as f64
    }));
    let m = server.metrics();
    assert_eq!(metric(&m, "palisade_requests_in_flight", &[]), 0.0, "{m}");
    // Every other client is answered.
    for i in 0..20 {
        let r = decide_at_once(server.addr, &format!("other-{i}"));
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // The slow ones that were admitted finish normally (the refused ones
    // were answered 503 and closed).
    let mut ok = 0;
    for conn in &mut slow {
        conn.try_write(&body.as_bytes()[10..]);
        let r = conn.read_response().expect("answered");
        assert!(r.status == 200 || r.status == 503, "{}", r.text());
        ok += usize::from(r.status == 200);
    }
    assert!(ok >= 128, "only {ok} slow bodies were admitted");
}

#[test]
fn at_the_per_address_cap_waiting_connections_make_room_and_busy_ones_stay() {
    let other: std::net::IpAddr = "127.0.0.2".parse().unwrap();
    let server = Server::with_config(
        &default_policy(),
        "[limits]\nmax_connections_per_ip = 8\n",
        &[],
    );
    let metrics = || {
        let r = Conn::open_from(other, server.addr).send("GET", "/metrics", &[], b"");
        assert_eq!(r.status, 200);
        r.text()
    };
    let idle: Vec<TcpStream> = (0..8)
        .map(|_| TcpStream::connect(server.addr).unwrap())
        .collect();
    // Over the cap, yet answered: the longest-waiting idle ones make room.
    for _ in 0..4 {
        assert_eq!(server.get("/healthz").status, 200);
    }
    // Eight requests in progress (slow bodies) fill the cap.
    let body = features("busy", "a", NORMAL);
    let mut busy: Vec<Conn> = slow_bodies(server.addr, 8, &body);
    assert!(eventually(Duration::from_secs(10), || metric(
        &metrics(),
        "palisade_slow_bodies",
        &[]
    ) == 8.0));
    for mut stream in idle {
        assert!(
            closed_by_server(&mut stream, Duration::from_secs(10)),
            "an idle connection did not make room"
        );
    }
    // Every connection at the cap is busy: the next one is refused, and
    // another address is not affected.
    let mut refused = TcpStream::connect(server.addr).unwrap();
    let _ = refused.write_all(b"GET /healthz HTTP/1.1\r\nhost: t\r\n\r\n");
    assert!(closed_by_server(&mut refused, Duration::from_secs(10)));
    assert_eq!(
        Conn::open_from(other, server.addr)
            .send("GET", "/healthz", &[], b"")
            .status,
        200
    );
    // None of the busy ones was disturbed.
    for conn in &mut busy {
        conn.write(&body.as_bytes()[10..]);
        assert_eq!(conn.read_response().expect("answered").status, 200);
    }
    let m = metrics();
    assert!(
        metric(
            &m,
            "palisade_connections_refused_total",
            &[("result", "refused_per_ip")]
        ) >= 1.0,
        "{m}"
    );
    assert!(
        metric(
            &m,
            "palisade_connections_closed_total",
            &[("reason", "evicted")]
        ) >= 8.0,
        "{m}"
    );
}

#[test]
fn idle_keep_alive_connections_are_closed_after_the_idle_timeout() {
    let server = Server::with_config(
        &default_policy(),
        "[limits]\nidle_timeout_ms = 500\nheader_read_timeout_ms = 30000\n",
        &[],
    );
    let mut conn = Conn::open(server.addr);
    assert_eq!(conn.send("GET", "/healthz", &[], b"").status, 200);
    assert!(conn.closed_by_server(Duration::from_secs(20)));
    assert!(
        metric(
            &server.metrics(),
            "palisade_connections_closed_total",
            &[("reason", "idle_timeout")]
        ) >= 1.0
    );
}

/// `count` connections that each send a decision request's head and the
/// first 10 bytes of `body`, then nothing more: bodies still arriving.
fn slow_bodies(addr: std::net::SocketAddr, count: usize, body: &str) -> Vec<Conn> {
    (0..count)
        .map(|_| {
            let mut conn = Conn::open(addr);
            conn.start(
                "POST",
                "/v1/decide",
                &[("content-type", "application/json")],
                body.len(),
                &body.as_bytes()[..10],
            );
            conn
        })
        .collect()
}
