//! Hostile HTTP clients, second pass: check bodies built to cost memory or
//! to be parsed differently by Palisade and by the upstream API, and
//! clients that half-close their side of the connection.

use crate::common::rss_kib_of;
use crate::server::{
    Conn, HARVEST, NORMAL, Server, default_policy, features, metric, request_bytes,
};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::Duration;

/// A chat-completions body around `prompt`, with `extra` JSON members
/// (written out, so that they may be what a strict parser refuses).
fn chat_with(prompt: &str, extra: &str) -> String {
    let prompt = serde_json::to_string(prompt).unwrap();
    format!(
        r#"{{"model":"frontier-1","messages":[{{"role":"system","content":"You are helpful."}},{{"role":"user","content":{prompt}}}]{extra}}}"#
    )
}

fn check(
    server: &Server,
    account: &str,
    content_type: &str,
    body: &[u8],
) -> crate::server::Response {
    Conn::open(server.addr).send(
        "POST",
        "/v1/authz",
        &[("x-account-id", account), ("content-type", content_type)],
        body,
    )
}

#[test]
fn a_check_body_of_tiny_values_costs_little_memory_and_too_many_mapped_values_are_refused() {
    let server = Server::start(&default_policy(), &[]);
    let json = "application/json";
    // ~2 MiB of tiny objects where no body path looks: skipped unbuilt (a
    // full JSON tree of one such body took ~170 MiB).
    let mut skipped = b"{\"metadata\":[".to_vec();
    skipped.extend(std::iter::repeat_n(&b"{\"a\":0},"[..], 250_000).flatten());
    skipped.extend_from_slice(b"0],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    let before = rss_kib_of(server.pid());
    for i in 0..4 {
        let r = check(&server, &format!("acct-{i}"), json, &skipped);
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let grown = rss_kib_of(server.pid()).saturating_sub(before);
    assert!(
        grown < 96 << 10,
        "four 2 MiB check bodies of skipped values grew the server by {grown} KiB"
    );

    // The same bulk on a mapped path (`messages[role=user]`): refused, not
    // decided on a body cut short, and counted.
    let mut mapped = b"{\"messages\":[".to_vec();
    mapped.extend(std::iter::repeat_n(&b"{\"role\":\"user\"},"[..], 120_000).flatten());
    mapped.extend_from_slice(b"{\"role\":\"user\",\"content\":\"hi\"}]}");
    let r = check(&server, "acct-x", json, &mapped);
    assert_eq!(r.status, 403, "{}", r.text());
    assert_eq!(r.header("x-palisade-action"), Some("block"));
    assert!(
        r.json()["error"]
            .as_str()
            .unwrap()
            .contains("more than 100000 values on the mapped body paths (authz.max_body_values)"),
        "{}",
        r.text()
    );
    assert_eq!(
        metric(
            &server.metrics(),
            "palisade_authz_bodies_total",
            &[("body", "too_many_values")]
        ),
        1.0
    );
    assert_eq!(server.get("/healthz").status, 200);
}

#[test]
fn a_prompt_is_read_from_every_body_the_upstream_would_parse() {
    // Python's json.loads (FastAPI, vLLM, LiteLLM) accepts each of these;
    // a strict parser refused them, and the check then decided on headers
    // alone: a harvesting prompt was allowed.
    let server = Server::start(&default_policy(), &[]);
    let deep = format!("{}0{}", "[".repeat(300), "]".repeat(300));
    let utf16: Vec<u8> = chat_with(HARVEST, "")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(chat_with(HARVEST, "").as_bytes());
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "plain",
            "application/json",
            chat_with(HARVEST, "").into_bytes(),
        ),
        (
            "NaN",
            "application/json",
            chat_with(HARVEST, r#","temperature":NaN"#).into_bytes(),
        ),
        (
            "Infinity",
            "application/json",
            chat_with(HARVEST, r#","top_p":-Infinity"#).into_bytes(),
        ),
        (
            "lone surrogate",
            "application/json",
            chat_with(HARVEST, r#","user":"\ud800""#).into_bytes(),
        ),
        (
            "1e999",
            "application/json",
            chat_with(HARVEST, r#","metadata":{"n":1e999}"#).into_bytes(),
        ),
        (
            "1e999 on a mapped path",
            "application/json",
            chat_with(HARVEST, r#","system":1e999,"max_tokens":-1e999"#).into_bytes(),
        ),
        (
            "300 levels deep",
            "application/json",
            chat_with(HARVEST, &format!(r#","metadata":{deep}"#)).into_bytes(),
        ),
        ("UTF-16", "application/json", utf16),
        ("byte-order mark", "application/json", bom),
        (
            "text/plain",
            "text/plain",
            chat_with(HARVEST, "").into_bytes(),
        ),
    ];
    for (i, (name, content_type, body)) in cases.iter().enumerate() {
        let r = check(&server, &format!("acct-lenient-{i}"), content_type, body);
        assert!(
            matches!(r.status, 429 | 403),
            "{name}: a harvesting prompt was answered {} ({:?})",
            r.status,
            r.header("x-palisade-action")
        );
    }
    // A normal prompt in the same wrappings is still allowed.
    let r = check(
        &server,
        "acct-normal",
        "application/json",
        chat_with(NORMAL, r#","temperature":NaN,"user":"\udc00""#).as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

/// Reads everything until the server closes, or `timeout`.
fn read_all(stream: &mut TcpStream, timeout: Duration) -> String {
    stream.set_read_timeout(Some(timeout)).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn requests_followed_by_a_half_close_are_all_answered() {
    let server = Server::start(&default_policy(), &[]);
    let one = request_bytes(
        "POST",
        "/v1/decide",
        &[("content-type", "application/json")],
        features("r-1", "acct-1", NORMAL).as_bytes(),
    );
    // One request, then the client shuts its sending side (`nc -N`).
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(&one).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let answer = read_all(&mut stream, Duration::from_secs(20));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");

    // 500 pipelined in one write, then a half-close: every one answered.
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(&one.repeat(500)).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let answers = read_all(&mut stream, Duration::from_secs(60));
    assert_eq!(answers.matches("HTTP/1.1 200").count(), 500);
}

#[test]
fn a_flood_of_decisions_cannot_fill_the_disk_past_the_decision_log_cap() {
    // 60 decisions of 100 KiB prompts logged in full (6 MB) against a
    // 1 MiB file cap with two rotated files kept.
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let config = format!(
        "[decision_log]\npath = {:?}\ninput = \"full\"\nmax_file_bytes = 1048576\nkeep_files = 2\n",
        log.to_str().unwrap()
    );
    let mut server = Server::with_config(&default_policy(), &config, &[]);
    let prompt = "lorem ipsum ".repeat((100 << 10) / 12);
    for i in 0..60 {
        let r = server.post_json(
            "/v1/decide",
            &features(&format!("r-{i}"), "acct-1", &prompt),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    server.signal("TERM");
    server
        .wait_exit(Duration::from_secs(20))
        .expect("the server exits");
    let size =
        |suffix: &str| std::fs::metadata(format!("{}{suffix}", log.display())).map(|m| m.len());
    let record = prompt.len() as u64 + 4096;
    for suffix in ["", ".1", ".2"] {
        let n = size(suffix).unwrap_or_else(|e| panic!("d.jsonl{suffix}: {e}"));
        assert!(n <= (1 << 20) + record, "d.jsonl{suffix} is {n} bytes");
    }
    assert!(size(".3").is_err(), "only two rotated files are kept");
    let text = std::fs::read_to_string(&log).unwrap();
    let last: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["input"]["id"], "r-59",
        "the newest records are in the file"
    );
}

#[test]
fn identity_headers_are_read_in_utf8_and_a_repeated_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let config = format!(
        "[decision_log]\npath = {:?}\ninput = \"full\"\n",
        log.to_str().unwrap()
    );
    let mut server = Server::with_config(&default_policy(), &config, &[]);
    // An edge that appends its own X-Account-Id after the client's: which
    // one is the edge's is unknown, so neither is believed.
    let mut head = b"POST /v1/authz HTTP/1.1\r\nhost: t\r\ncontent-length: 0\r\n".to_vec();
    head.extend_from_slice(b"x-account-id: victim\r\nx-account-id: attacker\r\n\r\n");
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(&head).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let answer = read_all(&mut stream, Duration::from_secs(20));
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert!(
        answer.contains("x-account-id appears more than once"),
        "{answer}"
    );

    // A UTF-8 account id is that account, not "no account" (its client IP).
    let mut head = b"POST /v1/authz HTTP/1.1\r\nhost: t\r\ncontent-length: 0\r\n".to_vec();
    head.extend_from_slice("x-account-id: josé\r\n\r\n".as_bytes());
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(&head).unwrap();
    stream.shutdown(Shutdown::Write).unwrap();
    let answer = read_all(&mut stream, Duration::from_secs(20));
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    server.signal("TERM");
    server
        .wait_exit(Duration::from_secs(20))
        .expect("the server exits");
    let text = std::fs::read_to_string(&log).unwrap();
    let record: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(record["input"]["account"]["id"], "josé");
}

#[test]
fn a_decide_body_of_a_million_empty_tool_names_is_refused_without_building_them() {
    let server = Server::start(&default_policy(), &[]);
    for i in 0..4 {
        let r = server.post_json("/v1/decide", &features(&format!("w-{i}"), "acct-1", NORMAL));
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // 2 MiB of `"",`: 24 bytes of String each against 3 bytes of JSON.
    let head = r#"{"id":"r","ts_ms":1,"account":{"id":"a"},"client":{"ip":"1.2.3.4"},"request":{"prompt":"p","tools":["#;
    let count = ((2 << 20) - head.len() - 16) / 3;
    let body = format!("{head}{}\"\"]}}}}", "\"\",".repeat(count));
    let before = rss_kib_of(server.pid());
    for _ in 0..4 {
        let r = server.post_json("/v1/decide", &body);
        assert_eq!(r.status, 400, "{}", r.text());
        assert!(
            r.text().contains("request.tools: more than 4096 tools"),
            "{}",
            r.text()
        );
    }
    let grown = rss_kib_of(server.pid()).saturating_sub(before);
    eprintln!("four tool-name bombs grew the server by {grown} KiB");
    assert!(grown < 16 << 10, "grew by {grown} KiB");
}

#[test]
fn a_broken_chunked_body_is_refused_saying_what_is_broken() {
    let server = Server::start(&default_policy(), &[]);
    let body = features("r-1", "acct-1", NORMAL);
    let mut head =
        b"POST /v1/decide HTTP/1.1\r\nhost: t\r\ncontent-type: application/json\r\n".to_vec();
    head.extend_from_slice(b"transfer-encoding: chunked\r\n\r\n");
    head.extend_from_slice(format!("{:x};", body.len()).as_bytes());
    head.extend_from_slice(&vec![b'e'; 100_000]);
    head.extend_from_slice(b"\r\n");
    head.extend_from_slice(body.as_bytes());
    head.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream.write_all(&head).unwrap();
    let answer = read_all(&mut stream, Duration::from_secs(20));
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("chunk extensions over limit"), "{answer}");
}
