//! The decision API, status, health and metrics against the real binary.

use super::*;

#[test]
fn decide_answers_a_decision_with_its_id_policy_and_generation() {
    let server = Server::start(&default_policy(), &[]);
    let r = server.post_json("/v1/decide", &features("r-1", "acct-1", NORMAL));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let d = r.json();
    assert_eq!(d["id"], "r-1");
    assert_eq!(d["action"], "allow");
    assert_eq!(d["policy"], crate::common::default_label());
    assert_eq!(d["generation"], 1);
    assert_eq!(d["detectors"][0]["name"], "reasoning");
    assert_eq!(d["detectors"][0]["status"], "ok");
    let id = d["decision_id"].as_str().unwrap();
    assert_eq!(r.header("x-palisade-decision-id"), Some(id));
}

#[test]
fn decide_throttles_a_reasoning_harvest_prompt_with_directives() {
    let server = Server::start(&default_policy(), &[]);
    let d = server
        .post_json("/v1/decide", &features("r-2", "acct-2", HARVEST))
        .json();
    assert_eq!(d["action"], "throttle", "{d}");
    assert_eq!(d["directives"]["strip_reasoning"], true);
    assert_eq!(d["directives"]["retry_after_s"], 30);
    assert!(
        d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("reasoning"))
    );
}

#[test]
fn batch_decides_every_item_with_one_generation_and_reports_bad_items_in_place() {
    let server = Server::start(&default_policy(), &[]);
    let body = format!(
        "[{}, {}, {{\"id\":\"bad\",\"ts_ms\":\"soon\"}}, {}]",
        features("b-1", "a", NORMAL),
        features("b-2", "a", HARVEST),
        features("b-4", "a", NORMAL).replace("203.0.113.9", "not-an-ip"),
    );
    let r = server.post_json("/v1/decide/batch", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let b = r.json();
    assert_eq!(b["policy"], crate::common::default_label());
    assert_eq!(b["count"], 4);
    assert_eq!(b["errors"], 2);
    let results = b["results"].as_array().unwrap();
    assert_eq!(results[0]["action"], "allow");
    assert_eq!(results[1]["action"], "throttle");
    assert!(
        results[..2]
            .iter()
            .all(|d| d["generation"] == b["generation"])
    );
    assert_eq!(results[2]["index"], 2);
    assert_eq!(results[2]["id"], "bad");
    assert_eq!(results[2]["status"], 400);
    assert!(
        results[2]["error"]
            .as_str()
            .unwrap()
            .contains("invalid type"),
        "{}",
        results[2]
    );
    assert_eq!(results[3]["status"], 422);
    assert!(
        results[3]["error"]
            .as_str()
            .unwrap()
            .starts_with("client.ip"),
        "{}",
        results[3]
    );

    // The same as JSON lines.
    let lines = format!(
        "{}\n\n{}\n",
        features("l-1", "a", NORMAL),
        features("l-2", "a", HARVEST)
    );
    let r = request(
        server.addr,
        "POST",
        "/v1/decide/batch",
        &[("content-type", "application/x-ndjson")],
        lines.as_bytes(),
    );
    let b = r.json();
    assert_eq!(b["count"], 2, "{b}");
    assert_eq!(b["results"][1]["id"], "l-2");

    // A broken array is one 400 that says where.
    let r = server.post_json("/v1/decide/batch", "[{\"id\":1} {\"id\":2}]");
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"].as_str().unwrap().contains("after item 0"),
        "{}",
        r.text()
    );
}

#[test]
fn status_reports_policy_generation_and_plugins_with_their_state() {
    let server = Server::start(&default_policy(), &[]);
    server.post_json("/v1/decide", &features("s-1", "a", NORMAL));
    let s = server.get("/v1/status").json();
    assert_eq!(s["policy"], crate::common::default_label());
    assert_eq!(s["generation"], 1);
    assert_eq!(s["mode"], "enforce");
    let plugin = &s["plugins"][0];
    assert_eq!(plugin["name"], "reasoning");
    assert_eq!(plugin["state"], "active");
    assert_eq!(plugin["on_failure"], "allow");
    assert_eq!(plugin["calls"]["ok"], 1);
    assert_eq!(s["server"]["draining"], false);
    assert_eq!(s["server"]["threading"], "per-core");
}

#[test]
fn health_and_readiness_answer() {
    let server = Server::start(&default_policy(), &[]);
    let h = server.get("/healthz");
    assert_eq!(h.status, 200);
    assert_eq!(h.json()["status"], "ok");
    let r = server.get("/readyz");
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["ready"], true);
    assert_eq!(r.json()["policy"], crate::common::default_label());
}

#[test]
fn metrics_count_decisions_by_action_plugin_latency_and_requests() {
    let server = Server::start(&default_policy(), &[]);
    for i in 0..3 {
        server.post_json("/v1/decide", &features(&format!("m-{i}"), "a", NORMAL));
    }
    server.post_json("/v1/decide", &features("m-h", "a", HARVEST));
    server.post_json("/v1/decide", "{not json");
    let r = server.get("/metrics");
    assert!(
        r.header("content-type")
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let m = r.text();
    let label = crate::common::default_label();
    let policy = ("policy", label.as_str());
    assert_eq!(
        metric(
            &m,
            "palisade_decisions_total",
            &[policy, ("action", "allow")]
        ),
        3.0,
        "{m}"
    );
    assert_eq!(
        metric(
            &m,
            "palisade_decisions_total",
            &[policy, ("action", "throttle")]
        ),
        1.0
    );
    assert_eq!(
        metric(
            &m,
            "palisade_plugin_outcomes_total",
            &[("plugin", "reasoning"), ("status", "ok")]
        ),
        4.0
    );
    assert_eq!(
        metric(
            &m,
            "palisade_plugin_duration_seconds_count",
            &[("plugin", "reasoning")]
        ),
        4.0
    );
    assert_eq!(
        metric(
            &m,
            "palisade_http_requests_total",
            &[("endpoint", "decide"), ("code", "200")]
        ),
        4.0
    );
    assert_eq!(
        metric(
            &m,
            "palisade_http_requests_total",
            &[("endpoint", "decide"), ("code", "400")]
        ),
        1.0
    );
    assert_eq!(
        metric(
            &m,
            "palisade_request_duration_seconds_count",
            &[("endpoint", "decide")]
        ),
        5.0
    );
    assert_eq!(metric(&m, "palisade_policy_generation", &[]), 1.0);
    assert_eq!(metric(&m, "palisade_policy", &[policy]), 1.0);
    assert!(m.trim_end().ends_with("# EOF"));
}

#[test]
fn every_fail_open_is_counted_with_its_failure_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let policy = misbehave_policy(dir.path(), "trap", "allow", "");
    let server = Server::start(&policy, &[]);
    for i in 0..3 {
        let d = server
            .post_json("/v1/decide", &features(&format!("f-{i}"), "a", NORMAL))
            .json();
        assert_eq!(d["action"], "allow", "fail-open answers allow: {d}");
        assert_eq!(d["detectors"][0]["status"], "trap");
    }
    let m = server.metrics();
    assert_eq!(
        metric(
            &m,
            "palisade_plugin_failures_total",
            &[("plugin", "m"), ("status", "trap"), ("on_failure", "allow")]
        ),
        3.0,
        "{m}"
    );
    assert_eq!(
        metric(
            &m,
            "palisade_plugin_outcomes_total",
            &[("plugin", "m"), ("status", "trap")]
        ),
        3.0
    );
    assert_eq!(
        server.get("/v1/status").json()["plugins"][0]["calls"]["trap"],
        3
    );
}

#[test]
fn decision_log_records_the_decision_id_generation_and_masked_input() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("decisions.jsonl");
    let mut server = Server::start(
        &default_policy(),
        &["--decision-log", log.to_str().unwrap()],
    );
    let r = server.post_json("/v1/decide", &features("log-1", "acct-9", HARVEST));
    let id = r.json()["decision_id"].as_str().unwrap().to_string();
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(10)).unwrap().success());
    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    let rec = &lines[0];
    assert_eq!(rec["decision_id"], id.as_str());
    assert_eq!(rec["endpoint"], "decide");
    assert_eq!(rec["generation"], 1);
    assert_eq!(rec["policy"], crate::common::default_label());
    assert_eq!(rec["action"], "throttle");
    assert_eq!(rec["decision"]["id"], "log-1");
    assert_eq!(rec["input"]["account"]["id"], "acct-9");
    let prompt = &rec["input"]["request"]["prompt"];
    assert_eq!(
        prompt["bytes"],
        HARVEST.len(),
        "masked by default: {prompt}"
    );
    assert_eq!(prompt["sha256"].as_str().unwrap().len(), 32);
    assert!(
        !text.contains("unabridged scratchpad"),
        "the prompt must not be in a masked log"
    );
}

#[test]
fn decision_log_to_stdout_in_full_or_without_input() {
    let server = Server::start(
        &default_policy(),
        &["--decision-log", "-", "--decision-log-input", "full"],
    );
    server.post_json("/v1/decide", &features("full-1", "a", NORMAL));
    let lines = server.stdout_lines(Duration::from_millis(500));
    let rec: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(rec["input"]["request"]["prompt"], NORMAL);

    let server = Server::start(
        &default_policy(),
        &["--decision-log", "-", "--decision-log-input", "none"],
    );
    server.post_json("/v1/decide", &features("none-1", "a", NORMAL));
    let lines = server.stdout_lines(Duration::from_millis(500));
    let rec: Value = serde_json::from_str(&lines[0]).unwrap();
    assert!(rec.get("input").is_none(), "{rec}");
    assert_eq!(rec["decision"]["id"], "none-1");
}

#[test]
fn an_unknown_config_setting_stops_the_server_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(dir.path(), "serve.toml", "[limits]\nmax_concurency = 4\n");
    let err = serve_refuses_config(&config);
    assert!(err.contains("unknown field `max_concurency`"), "{err}");
}

#[test]
fn the_shared_runtime_and_the_blocking_pool_serve_the_same_answers() {
    let config = "[server]\nthreading = \"shared\"\ndecide_on = \"blocking-pool\"\nworkers = 2\n";
    let mut server = Server::with_config(&default_policy(), config, &[]);
    let s = server.get("/v1/status").json();
    assert_eq!(s["server"]["threading"], "shared");
    assert_eq!(s["server"]["decide_on"], "blocking-pool");
    let d = server
        .post_json("/v1/decide", &features("sh-1", "a", HARVEST))
        .json();
    assert_eq!(d["action"], "throttle");
    let r = request(
        server.addr,
        "POST",
        "/v1/authz",
        &[("x-account-id", "a")],
        br#"{"prompt":"hello"}"#,
    );
    assert_eq!(r.status, 200);
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(10)).unwrap().success());
}

fn now_ms() -> u64 {
    u64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// A request from one account of a hydra: a day-old free-mail account on
/// the campaign's one shared card, whose shared-payment count the `infra`
/// detector keeps in the host aggregates.
fn hydra(id: &str, account: &str, ts_ms: u64, now: u64) -> String {
    serde_json::json!({
        "id": id,
        "ts_ms": ts_ms,
        "account": {
            "id": account,
            "created_ms": now - 86_400_000,
            "payment_fingerprint": "card-hydra-1",
            "email_domain": "gmail.com",
        },
        "client": { "ip": "198.51.100.7" },
        "request": { "prompt": NORMAL, "model": "frontier-1" },
    })
    .to_string()
}

/// Accounts in the hydra, and the one after which the poisoned run sends
/// its far-future request: past 48 accounts the host keeps the card's
/// accounts as sketches per time pane, where an unclamped far-future
/// sighting moves the window past every real one (measured: the rest of the
/// campaign drops from challenge to throttle with a 31-day skew allowed).
const HYDRA_ACCOUNTS: usize = 60;
const POISON_AFTER: usize = 50;

/// Decides the hydra's requests at the server's time on a fresh server;
/// with `poison`, one more account on the card sends a request stamped
/// `u64::MAX` after account [`POISON_AFTER`]. Returns the actions of the
/// requests at the server's time, the poisoned answer and the metrics.
fn hydra_run(poison: bool) -> (Vec<String>, Option<Value>, String) {
    let server = Server::start(&default_policy(), &[]);
    let mut actions = Vec::new();
    let mut poisoned = None;
    for i in 0..HYDRA_ACCOUNTS {
        let now = now_ms();
        let d = server
            .post_json(
                "/v1/decide",
                &hydra(&format!("h-{i}"), &format!("hydra-{i}"), now, now),
            )
            .json();
        assert!(d.get("ts_clamped_from").is_none(), "{d}");
        actions.push(d["action"].as_str().unwrap().to_string());
        if poison && i == POISON_AFTER {
            let r = server.post_json("/v1/decide", &hydra("f", "hydra-x", u64::MAX, now));
            assert_eq!(r.status, 200, "{}", r.text());
            poisoned = Some(r.json());
        }
    }
    (actions, poisoned, server.metrics())
}

#[test]
fn a_far_future_event_time_is_clamped_and_does_not_change_other_decisions() {
    let (clean, _, _) = hydra_run(false);
    assert!(
        clean[POISON_AFTER..]
            .iter()
            .all(|a| a == "throttle" || a == "challenge"),
        "the hydra is enforced once its card is shared widely: {clean:?}"
    );
    let (with_far_future, poisoned, m) = hydra_run(true);
    assert_eq!(
        with_far_future, clean,
        "a far-future request in between must not change the campaign's decisions"
    );
    let d = poisoned.unwrap();
    assert_eq!(d["ts_clamped_from"], u64::MAX, "{d}");
    assert!(
        d["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("event time clamped")),
        "{d}"
    );
    assert_eq!(
        metric(
            &m,
            "palisade_event_time_clamped_total",
            &[("skew", "future")]
        ),
        1.0,
        "{m}"
    );
}

#[test]
fn event_times_beyond_the_configured_skew_are_clamped_both_ways_in_batches_too() {
    let server = Server::with_config(
        &default_policy(),
        "[limits]\nmax_clock_skew_ms = 60000\n",
        &[],
    );
    let now = now_ms();
    let body = format!(
        "[{}, {}, {}]",
        hydra("past", "a", now - 3_600_000, now),
        hydra("near", "a", now + 1_000, now),
        hydra("future", "a", now + 3_600_000, now),
    );
    let b = server.post_json("/v1/decide/batch", &body).json();
    let results = b["results"].as_array().unwrap();
    assert_eq!(results[0]["ts_clamped_from"], now - 3_600_000, "{b}");
    assert!(
        results[1].get("ts_clamped_from").is_none(),
        "within the skew the time is kept: {b}"
    );
    assert_eq!(results[2]["ts_clamped_from"], now + 3_600_000, "{b}");
    let m = server.metrics();
    assert_eq!(
        metric(&m, "palisade_event_time_clamped_total", &[("skew", "past")]),
        1.0,
        "{m}"
    );
    assert_eq!(
        metric(
            &m,
            "palisade_event_time_clamped_total",
            &[("skew", "future")]
        ),
        1.0
    );
}
