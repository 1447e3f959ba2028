//! The server's own logs (stderr): plain text without colour codes when
//! not on a terminal, or JSON lines.

use super::*;

#[test]
fn logs_to_a_file_have_no_colour_codes() {
    let mut server = Server::start(&default_policy(), &[]);
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(30)).is_some());
    let log = server.stderr();
    assert!(log.contains("serving"), "{log}");
    assert!(!log.contains('\u{1b}'), "ANSI codes in a log file:\n{log}");
}

#[test]
fn log_format_json_gives_one_json_object_per_line() {
    let mut server = Server::start(&default_policy(), &["--log-format", "json"]);
    server.signal("TERM");
    assert!(server.wait_exit(Duration::from_secs(30)).is_some());
    let log = server.stderr();
    let records: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(records.len() >= 2, "{log}");
    for r in &records {
        assert!(r["level"].is_string() && r["timestamp"].is_string(), "{r}");
    }
    assert!(
        records.iter().any(|r| r["fields"]["message"] == "serving"),
        "{log}"
    );
}
