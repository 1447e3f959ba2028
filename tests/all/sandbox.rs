//! The sandbox: deadlines, memory caps, stack limits, traps, isolation and
//! failure outcomes, with the misbehaving plugin driven by its settings.

use crate::common::*;
use palisade::decision::{Action, Status};
use palisade::runtime::Outcome;

fn only(decision: &palisade::decision::Decision) -> &palisade::decision::DetectorReport {
    assert_eq!(decision.detectors.len(), 1);
    &decision.detectors[0]
}

#[test]
fn infinite_loop_is_cut_off_at_its_deadline_and_the_next_request_is_answered() {
    let g = generation(&misbehave_policy("loop", "deadline_ms = 30"));
    let d = g.decide(&request("r-1", "hi"));
    let report = only(&d);
    assert_eq!(report.status, Status::Timeout, "{report:?}");
    assert!(
        report.micros >= 30_000,
        "cut off before its deadline: {report:?}"
    );
    assert!(report.reasons[0].contains("deadline of 30 ms"));
    assert_eq!(d.action, Action::Allow, "fail-open by default");

    let healthy = generation(&misbehave_policy("ok", ""));
    let d = healthy.decide(&request("r-2", "hi"));
    assert_eq!(only(&d).status, Status::Ok);
    // The looping plugin itself answers again (with a fresh instance).
    assert_eq!(
        only(&g.decide(&request("r-3", "hi"))).status,
        Status::Timeout
    );
}

#[test]
fn allocation_bomb_stops_at_its_memory_cap_and_host_memory_stays_flat() {
    let g = generation(&misbehave_policy(
        "alloc",
        "memory_mib = 8\ndeadline_ms = 2000",
    ));
    for i in 0..20 {
        let d = g.decide(&request(&format!("warm-{i}"), "x"));
        assert_eq!(only(&d).status, Status::Memory, "{:?}", only(&d));
    }
    let before = rss_kib();
    for i in 0..300 {
        let d = g.decide(&request(&format!("r-{i}"), "x"));
        assert_eq!(only(&d).status, Status::Memory);
    }
    let grown = rss_kib().saturating_sub(before);
    assert!(
        grown < 32 * 1024,
        "host RSS grew {grown} KiB over 300 allocation bombs"
    );
}

#[test]
fn unbounded_recursion_traps_with_a_stack_overflow() {
    let g = generation(&misbehave_policy(
        "recurse",
        "stack_kib = 256\ndeadline_ms = 2000",
    ));
    let d = g.decide(&request("r-1", "x"));
    assert_eq!(only(&d).status, Status::Trap);
    assert_eq!(only(&d).reasons, vec!["stack overflow".to_string()]);
}

#[test]
fn ten_thousand_traps_in_a_row_leave_the_host_alive_with_flat_memory() {
    let g = generation(&misbehave_policy("trap", ""));
    for i in 0..1_000 {
        assert_eq!(
            only(&g.decide(&request(&format!("w{i}"), "x"))).status,
            Status::Trap
        );
    }
    let before = rss_kib();
    for i in 0..10_000 {
        let d = g.decide(&request(&format!("r{i}"), "x"));
        assert_eq!(only(&d).status, Status::Trap);
    }
    let grown = rss_kib().saturating_sub(before);
    assert!(
        grown < 16 * 1024,
        "host RSS grew {grown} KiB over 10,000 traps"
    );
    let ok = generation(&misbehave_policy("ok", ""));
    assert_eq!(only(&ok.decide(&request("after", "x"))).status, Status::Ok);
}

fn counts(outcomes: impl Iterator<Item = Outcome>) -> Vec<String> {
    outcomes.map(|o| o.reasons[0].clone()).collect()
}

#[test]
fn fresh_instances_never_show_another_requests_state() {
    let g = generation(&misbehave_policy("counter", "isolation = \"fresh\""));
    let seen: Vec<String> = (0..50)
        .map(|i| only(&g.decide(&request(&format!("r{i}"), "x"))).reasons[0].clone())
        .collect();
    assert!(seen.iter().all(|r| r == "count=1"), "{seen:?}");
}

#[test]
fn reused_instances_keep_state_only_because_the_policy_chose_it() {
    let g = generation(&misbehave_policy("counter", "isolation = \"reuse\""));
    let plugin = g.active_plugins().next().unwrap().clone();
    let mut slot = None;
    let seen = counts((0..5).map(|i| {
        plugin.detect_in(
            &mut slot,
            &request(&format!("r{i}"), "x"),
            plugin.aggregates(),
        )
    }));
    assert_eq!(
        seen,
        vec!["count=1", "count=2", "count=3", "count=4", "count=5"]
    );
}

#[test]
fn a_trap_discards_a_reused_instance() {
    // After a failure the instance is dropped: the next call starts fresh.
    let g = generation(&misbehave_policy("counter", "isolation = \"reuse\""));
    let plugin = g.active_plugins().next().unwrap().clone();
    let mut slot = None;
    plugin.detect_in(&mut slot, &request("a", "x"), plugin.aggregates());
    assert!(slot.is_some());
    let trap = generation(&misbehave_policy("trap", "isolation = \"reuse\""));
    let trapping = trap.active_plugins().next().unwrap().clone();
    let mut tslot = None;
    assert_eq!(
        trapping
            .detect_in(&mut tslot, &request("b", "x"), trapping.aggregates())
            .status,
        Status::Trap
    );
    assert!(tslot.is_none(), "a trapped instance must not be reused");
}

#[test]
fn each_failure_outcome_behaves_as_configured() {
    for action in Action::ALL {
        let g = generation(&misbehave_policy(
            "trap",
            &format!("on_failure = \"{action}\""),
        ));
        let d = g.decide(&request("r", "x"));
        assert_eq!(d.action, action, "on_failure = {action}");
        assert_eq!(only(&d).status, Status::Trap);
        assert!(
            d.reasons.iter().any(|r| r.contains("on_failure")),
            "{:?}",
            d.reasons
        );
    }
}

#[test]
fn an_oversized_or_invalid_verdict_is_an_error_not_a_crash() {
    let g = generation(&misbehave_policy(
        "oversized",
        "deadline_ms = 5000\nmemory_mib = 64",
    ));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Error);
    assert!(
        only(&d).reasons[0].contains("verdict too large"),
        "{:?}",
        only(&d)
    );
    let g = generation(&misbehave_policy("bad-score", ""));
    assert!(only(&g.decide(&request("r", "x"))).reasons[0].contains("outside [0, 1]"));
}

#[test]
fn a_plugin_that_declared_no_aggregates_is_refused_them() {
    let g = generation(&misbehave_policy("undeclared-aggregates", ""));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Error);
    assert!(
        only(&d).reasons[0].contains("uses-aggregates"),
        "{:?}",
        only(&d)
    );
}

#[test]
fn fields_not_granted_never_reach_the_plugin() {
    // The misbehave plugin declares it reads `prompt`; a policy granting
    // nothing leaves it with none.
    let g = generation(&misbehave_policy("ok", "grants = []"));
    let plugin = g.active_plugins().next().unwrap();
    assert_eq!(plugin.fields, palisade::runtime::Fields::empty());
    let g = generation(&misbehave_policy("ok", ""));
    assert_eq!(
        g.active_plugins().next().unwrap().fields,
        palisade::runtime::Fields::PROMPT
    );
}

#[test]
fn disabled_plugins_and_override_are_kill_switches() {
    let g = generation(&misbehave_policy("trap", "enabled = false"));
    let d = g.decide(&request("r", "x"));
    assert_eq!(only(&d).status, Status::Skipped);
    assert_eq!(d.action, Action::Allow);
    let body = misbehave_policy("loop", "").replace(
        "version = \"1\"",
        "version = \"1\"\noverride_action = \"log\"",
    );
    let d = generation(&body).decide(&request("r", "x"));
    assert_eq!(d.action, Action::Log);
    assert!(d.detectors.is_empty(), "no plugin runs under an override");
}

#[test]
fn shadow_mode_allows_but_reports_the_would_be_action() {
    let body = misbehave_policy("trap", "on_failure = \"block\"")
        .replace("version = \"1\"", "version = \"1\"\nmode = \"shadow\"");
    let d = generation(&body).decide(&request("r", "x"));
    assert_eq!(d.action, Action::Allow);
    assert_eq!(d.would_action, Some(Action::Block));
    assert!(d.directives.is_empty());
}
