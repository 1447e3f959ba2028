//! The check endpoint as nginx `auth_request` and Envoy `ext_authz` call
//! it: headers (and a body when forwarded) mapped to features, answers in
//! the proxies' status codes.

use super::*;

fn chat(prompt: &str) -> String {
    serde_json::json!({
        "model": "frontier-1",
        "max_tokens": 2048,
        "messages": [
            { "role": "system", "content": "You are helpful." },
            { "role": "user", "content": prompt },
        ],
        "tools": [{ "type": "function", "function": { "name": "web_search" } }],
    })
    .to_string()
}

/// The default policy served with a full-input decision log, for checking
/// which features the mapping produced.
fn with_full_log() -> (tempfile::TempDir, std::path::PathBuf, Server) {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("d.jsonl");
    let server = Server::start(
        &default_policy(),
        &[
            "--decision-log",
            log.to_str().unwrap(),
            "--decision-log-input",
            "full",
        ],
    );
    (dir, log, server)
}

/// Stops `server` (which flushes its decision log) and returns the log's
/// first record.
fn first_log_record(server: &mut Server, log: &std::path::Path) -> Value {
    server.signal("TERM");
    server.wait_exit(Duration::from_secs(10)).unwrap();
    let text = std::fs::read_to_string(log).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

#[test]
fn allow_is_200_with_directive_headers_and_the_mapped_features_are_logged() {
    let (_dir, log, mut server) = with_full_log();
    let r = request(
        server.addr,
        "POST",
        "/v1/authz",
        &[
            ("x-original-uri", "/v1/chat/completions?stream=false"),
            ("x-original-method", "POST"),
            ("x-account-id", "acct-42"),
            ("x-request-id", "req-7"),
            ("x-forwarded-for", "198.51.100.1, 203.0.113.77"),
            ("user-agent", "python-httpx/0.28"),
            ("content-type", "application/json"),
        ],
        chat(NORMAL).as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.body.is_empty());
    assert_eq!(r.header("x-palisade-action"), Some("allow"));
    assert_eq!(
        r.header("x-palisade-policy"),
        Some(crate::common::default_label().as_str())
    );
    assert_eq!(r.header("x-palisade-generation"), Some("1"));
    assert!(r.header("x-palisade-decision-id").is_some());
    let rec = first_log_record(&mut server, &log);
    assert_eq!(rec["endpoint"], "authz");
    let input = &rec["input"];
    assert_eq!(input["id"], "req-7");
    assert_eq!(input["account"]["id"], "acct-42");
    assert_eq!(
        input["client"]["ip"], "203.0.113.77",
        "rightmost X-Forwarded-For entry"
    );
    assert_eq!(input["client"]["user_agent"], "python-httpx/0.28");
    assert_eq!(input["request"]["route"], "/v1/chat/completions");
    assert_eq!(input["request"]["model"], "frontier-1");
    assert_eq!(input["request"]["prompt"], NORMAL);
    assert_eq!(input["request"]["system_prompt"], "You are helpful.");
    assert_eq!(input["request"]["max_output_tokens"], 2048);
    assert_eq!(input["request"]["tools"][0], "web_search");
}

#[test]
fn throttle_is_429_with_retry_after_and_a_json_reason() {
    let server = Server::start(&default_policy(), &[]);
    let r = request(
        server.addr,
        "POST",
        "/v1/authz",
        &[
            ("x-account-id", "acct-1"),
            ("content-type", "application/json"),
        ],
        chat(HARVEST).as_bytes(),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.header("retry-after"), Some("30"));
    assert_eq!(r.header("x-palisade-action"), Some("throttle"));
    assert_eq!(r.header("x-palisade-strip-reasoning"), Some("true"));
    let body = r.json();
    assert_eq!(body["action"], "throttle");
    assert_eq!(body["retry_after_s"], 30);
    assert_eq!(
        body["decision_id"],
        r.header("x-palisade-decision-id").unwrap()
    );
    assert!(
        body.get("reasons").is_none(),
        "reasons are not exposed by default"
    );
    let relayed: Value = serde_json::from_str(r.header("x-palisade-body").unwrap()).unwrap();
    assert_eq!(
        relayed, body,
        "the body is also a header for nginx to relay"
    );
}

#[test]
fn block_and_challenge_are_403_with_a_json_reason() {
    let dir = tempfile::tempdir().unwrap();
    for action in ["block", "challenge"] {
        let config = "[authz]\nexpose_reasons = true\n";
        let server = Server::with_config(&override_policy(dir.path(), action), config, &[]);
        let r = request(
            server.addr,
            "GET",
            "/v1/authz",
            &[("x-account-id", "a")],
            b"",
        );
        assert_eq!(r.status, 403, "{}", r.text());
        let body = r.json();
        assert_eq!(body["action"], action);
        assert!(body["error"].as_str().unwrap().len() > 10);
        assert!(
            body["reasons"][0]
                .as_str()
                .unwrap()
                .contains("policy override"),
            "{body}"
        );
    }
}

#[test]
fn envoy_style_path_suffix_and_method_map_to_the_route() {
    let (_dir, log, mut server) = with_full_log();
    let r = request(
        server.addr,
        "POST",
        "/v1/authz/v1/messages",
        &[("x-account-id", "env-1")],
        serde_json::json!({"model": "m", "system": [{"type": "text", "text": "sys"}], "messages": [{"role": "user", "content": "hello"}]})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let rec = first_log_record(&mut server, &log);
    assert_eq!(rec["input"]["request"]["route"], "/v1/messages");
    assert_eq!(rec["input"]["request"]["system_prompt"], "sys");
    assert_eq!(rec["input"]["request"]["prompt"], "hello");
}

#[test]
fn a_request_without_an_account_can_be_refused_by_config() {
    let server = Server::with_config(
        &default_policy(),
        "[authz]\naccount_missing = \"deny\"\n",
        &[],
    );
    let r = request(server.addr, "GET", "/v1/authz", &[], b"");
    assert_eq!(r.status, 403);
    assert!(
        r.json()["error"].as_str().unwrap().contains("no account"),
        "{}",
        r.text()
    );
    let r = request(
        server.addr,
        "GET",
        "/v1/authz",
        &[("x-account-id", "a")],
        b"",
    );
    assert_eq!(r.status, 200);
}

#[test]
fn with_a_proxy_secret_only_checks_carrying_it_are_decided() {
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "secret", "  s3cret-shared-with-the-proxy\n");
    let config = format!(
        "[authz]\nproxy_secret_file = {:?}\n",
        secret.to_str().unwrap()
    );
    let server = Server::with_config(&default_policy(), &config, &[]);
    for forged in [None, Some("wrong"), Some("s3cret-shared-with-the-prox")] {
        let mut headers = vec![("x-account-id", "victim")];
        if let Some(value) = forged {
            headers.push(("x-palisade-proxy-secret", value));
        }
        let r = request(server.addr, "POST", "/v1/authz", &headers, b"");
        assert_eq!(r.status, 403, "{forged:?}: {}", r.text());
        assert!(
            r.json()["error"].as_str().unwrap().contains("proxy"),
            "{}",
            r.text()
        );
    }
    let r = request(
        server.addr,
        "POST",
        "/v1/authz",
        &[
            ("x-account-id", "a"),
            ("x-palisade-proxy-secret", "s3cret-shared-with-the-proxy"),
        ],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let m = server.metrics();
    assert_eq!(
        metric(&m, "palisade_decisions_total", &[("action", "allow")]),
        1.0,
        "refused checks are not decided: {m}"
    );
}

#[test]
fn a_missing_or_short_proxy_secret_file_stops_the_server_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let short = write(dir.path(), "short", "abc\n");
    for (file, expect) in [
        (dir.path().join("absent"), "reading"),
        (short, "at least 16"),
    ] {
        let config = write(
            dir.path(),
            "serve.toml",
            &format!(
                "[authz]\nproxy_secret_file = {:?}\n",
                file.to_str().unwrap()
            ),
        );
        let err = serve_refuses_config(&config);
        assert!(err.contains("authz.proxy_secret_file"), "{err}");
        assert!(err.contains(expect), "{err}");
    }
}
