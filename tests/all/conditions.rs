//! The policy language end to end: conditions, precedence (ladder, rules,
//! caps, floors), segments, scoped plugins, lists and their reload,
//! `palisade test` and `palisade check --json`, with real plugins.

use crate::common::*;
use palisade::decision::{Action, Decision, Status};
use palisade::features::{FeatureLimits, Features};
use palisade::reload::{ReloadOptions, Reloader, Trigger};
use serde_json::json as j;
use std::sync::Arc;

/// Two scripted detectors: `content` scores `content`, `infra` scores
/// `infra`; the ladder logs from 0.5, throttles from 0.75.
fn policy(content: f64, infra: f64, rest: &str) -> String {
    format!(
        r#"
[policy]
name = "conditions"
version = "1"

[[plugin]]
name = "content"
wasm = "{{misbehave}}"
settings = {{ mode = "ok", score = {content} }}

[[plugin]]
name = "infra"
wasm = "{{misbehave}}"
settings = {{ mode = "ok", score = {infra} }}

[scoring]
combine = "max"
ladder = [
    {{ score = 0.5, action = "log" }},
    {{ score = 0.75, action = "throttle", directives = {{ strip_reasoning = true }} }},
    {{ score = 0.97, action = "challenge" }},
]
{rest}
"#
    )
}

/// A request with the given account fields (`tier`, `org`, …) and route.
fn req(id: &str, account: serde_json::Value, route: &str) -> Features {
    let mut account_obj = serde_json::json!({"id": "acct-1", "created_ms": 1_000u64});
    if let (Some(a), Some(extra)) = (account_obj.as_object_mut(), account.as_object()) {
        a.extend(extra.clone());
    }
    let json = serde_json::json!({
        "id": id, "ts_ms": 1_764_150_000_000u64, "account": account_obj,
        "client": {"ip": "203.0.113.9"}, "request": {"prompt": "hello", "route": route}
    });
    Features::parse(json.to_string().as_bytes(), &FeatureLimits::default()).unwrap()
}

fn rules(d: &Decision) -> Vec<&str> {
    d.rules.iter().map(|r| &**r).collect()
}

const PRECEDENCE: &str = r#"
[[rule]]
name = "verified-org"
cap = "log"
priority = 10
when = { field = "account.org", in = ["org-verified"] }

[[rule]]
name = "bad-card"
floor = "block"
priority = 10
when = { field = "account.payment_fingerprint", eq = "card-bad" }

[[rule]]
name = "boss"
cap = "allow"
priority = 20
when = { field = "account.id", eq = "acct-boss" }

[[rule]]
name = "free-tier"
action = "challenge"
when = { field = "account.tier", eq = "free" }
"#;

#[test]
fn caps_floors_rules_and_the_ladder_resolve_in_the_documented_order() {
    let g = generation(&policy(0.8, 0.0, PRECEDENCE));

    // The ladder alone.
    let d = g.decide(&req("plain", j!({}), "/v1/messages"));
    assert_eq!(d.action, Action::Throttle);
    assert!(d.rules.is_empty());
    assert_eq!(d.directives.strip_reasoning, Some(true));

    // A cap lowers the ladder's action, and the throttle step's
    // directives go with the action they belonged to.
    let d = g.decide(&req(
        "verified",
        j!({"org": "org-verified"}),
        "/v1/messages",
    ));
    assert_eq!(d.action, Action::Log, "{:?}", d.reasons);
    assert_eq!(rules(&d), ["verified-org"]);
    assert!(
        d.reasons
            .iter()
            .any(|r| r == "rule verified-org: cap at log (was throttle)"),
        "{:?}",
        d.reasons
    );
    assert_eq!(d.directives.strip_reasoning, None);

    // Caps apply after raising rules: challenge raised, then capped.
    let d = g.decide(&req(
        "free-verified",
        j!({"org": "org-verified", "tier": "free"}),
        "/",
    ));
    assert_eq!(d.action, Action::Log);
    assert_eq!(rules(&d), ["verified-org", "free-tier"]);

    // Cap and floor at equal priority: the floor wins.
    let d = g.decide(&req(
        "tie",
        j!({"org": "org-verified", "payment_fingerprint": "card-bad"}),
        "/",
    ));
    assert_eq!(d.action, Action::Block, "{:?}", d.reasons);

    // A higher-priority cap has the last word over the floor.
    let d = g.decide(&req(
        "boss",
        j!({"id": "acct-boss", "payment_fingerprint": "card-bad"}),
        "/",
    ));
    assert_eq!(d.action, Action::Allow, "{:?}", d.reasons);
    assert_eq!(rules(&d), ["boss", "bad-card"], "by decreasing priority");

    // The decision JSON names the matched rules.
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["rules"], j!(["boss", "bad-card"]));
}

#[test]
fn rules_on_detector_scores_see_each_plugin_and_the_combined_score() {
    let rest = r#"
[[rule]]
name = "content-only"
cap = "log"
when = { all = [ { field = "account.tier", eq = "enterprise" }, { not = { field = "score.infra", gte = 0.5 } } ] }
"#;
    let quiet_infra = generation(&policy(0.8, 0.1, rest));
    let loud_infra = generation(&policy(0.8, 0.6, rest));
    let ent = serde_json::json!({"tier": "enterprise"});
    assert_eq!(
        quiet_infra.decide(&req("a", ent.clone(), "/")).action,
        Action::Log
    );
    let d = loud_infra.decide(&req("b", ent, "/"));
    assert_eq!(
        d.action,
        Action::Throttle,
        "infra corroborates: no exemption"
    );
    assert!(d.rules.is_empty());
}

#[test]
fn a_segment_picks_its_own_ladder_and_others_keep_the_default() {
    let rest = r#"
[[scoring.segment]]
name = "free-new"
when = { all = [ { field = "account.tier", eq = "free" }, { field = "account.age_days", lt = 7 } ] }
ladder = [ { score = 0.5, action = "throttle" } ]
"#;
    let g = generation(&policy(0.6, 0.0, rest));
    let d = g.decide(&req("old", serde_json::json!({"tier": "free"}), "/"));
    assert_eq!(d.action, Action::Log, "created long ago: default ladder");
    let young =
        serde_json::json!({"tier": "free", "created_ms": 1_764_150_000_000u64 - 86_400_000});
    let d = g.decide(&req("young", young, "/"));
    assert_eq!(d.action, Action::Throttle);
    assert!(
        d.reasons[0].starts_with("segment free-new: score 0.6 ≥ 0.5 → throttle"),
        "{:?}",
        d.reasons
    );
}

#[test]
fn a_scoped_plugin_does_not_run_out_of_scope_alone_or_in_a_batch() {
    let body = policy(0.8, 0.0, "").replace(
        "settings = { mode = \"ok\", score = 0.8 }",
        "settings = { mode = \"ok\", score = 0.8 }\nwhen = { field = \"request.route\", eq = \"/v1/messages\" }",
    );
    let g = generation(&body);
    let out = g.decide(&req("out", serde_json::json!({}), "/v1/complete"));
    assert_eq!(out.detectors[0].status, Status::Skipped);
    assert_eq!(out.detectors[0].reasons, ["not in scope"]);
    assert_eq!(out.detectors[0].micros, 0);
    assert_eq!(out.action, Action::Allow);
    let inside = g.decide(&req("in", serde_json::json!({}), "/v1/messages"));
    assert_eq!(inside.detectors[0].status, Status::Ok);
    assert_eq!(inside.action, Action::Throttle);

    let batch: Vec<Features> = (0..6)
        .map(|i| {
            let route = if i % 2 == 0 {
                "/v1/messages"
            } else {
                "/v1/complete"
            };
            req(&format!("b{i}"), serde_json::json!({}), route)
        })
        .collect();
    let together = g.decide_batch(&batch);
    for (i, d) in together.iter().enumerate() {
        let want = if i % 2 == 0 {
            Status::Ok
        } else {
            Status::Skipped
        };
        assert_eq!(d.detectors[0].status, want, "request {i}");
        assert_eq!(d.id, format!("b{i}"));
    }
}

#[test]
fn a_changed_list_file_reloads_with_the_policy_and_a_bad_one_is_refused() {
    let rest = r#"
[lists.verified-orgs]
kind = "string"
file = "verified-orgs.txt"

[[rule]]
name = "verified-org"
cap = "log"
when = { field = "account.org", in_list = "verified-orgs" }
"#;
    let dir = PolicyDir::new(&policy(0.8, 0.0, rest));
    let list = dir.dir.path().join("verified-orgs.txt");
    std::fs::write(&list, "# verified organisations\norg-a\n").unwrap();
    let options = ReloadOptions {
        last_known_good: None,
        ..ReloadOptions::new(&dir.path)
    };
    let r = Arc::new(Reloader::start(options, runtime()).unwrap_or_else(|e| panic!("{e}")));
    let b = req("b", serde_json::json!({"org": "org-b"}), "/");
    assert_eq!(r.current().decide(&b).action, Action::Throttle);
    let before = r.current().inputs_digest.clone();
    let text_digest = r.current().digest.clone();

    std::fs::write(&list, "org-a\norg-b\n").unwrap();
    r.reload_blocking(Trigger::Manual).unwrap();
    assert_ne!(
        r.current().inputs_digest,
        before,
        "the list is part of the inputs digest"
    );
    assert_eq!(
        r.current().digest,
        text_digest,
        "the text's own digest is unchanged"
    );
    assert_eq!(r.current().decide(&b).action, Action::Log);
    assert_eq!(r.current().lists["verified-orgs"].list.len(), 2);

    std::fs::write(&list, "org-a\norg b\n").unwrap();
    let err = r.reload_blocking(Trigger::Manual).unwrap_err().to_string();
    assert!(
        err.contains(
            "lists.verified-orgs.file: verified-orgs.txt:2: \"org b\" contains whitespace"
        ),
        "{err}"
    );
    assert_eq!(
        r.current().decide(&b).action,
        Action::Log,
        "the last good policy keeps serving"
    );
}

#[test]
fn palisade_test_reports_pass_and_fail_per_file_and_exits_non_zero_on_failure() {
    let dir = PolicyDir::new(&policy(0.8, 0.0, PRECEDENCE));
    let test = |cases: &str| {
        let path = dir.dir.path().join("policy.test.toml");
        std::fs::write(&path, format!("policy = \"policy.toml\"\n{cases}")).unwrap();
        path
    };
    let case = |name: &str, account: &str, expect: &str| {
        format!(
            "[[case]]\nname = \"{name}\"\nrequest = {{ id = \"{name}\", ts_ms = 1764150000000, account = {{ id = \"a\"{account} }}, client = {{ ip = \"203.0.113.9\" }}, request = {{ prompt = \"hi\" }} }}\nexpect = {expect}\n"
        )
    };
    let good = test(&[
        case("plain", "", r#"{ action = "throttle", score = [0.79, 0.81], detectors = { content = "ok" }, rules = [] }"#),
        case("verified", ", org = \"org-verified\"", r#"{ action = "log", rules = ["verified-org"], reasons = ["cap at log"] }"#),
    ]
    .concat());
    let out = palisade().args(["test", "-v"]).arg(&good).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("PASS ")
            && stdout.contains("  PASS: verified")
            && stdout.contains("PASS: 2/2"),
        "{stdout}"
    );

    let bad = test(&case(
        "wrong",
        "",
        r#"{ action = "allow", rules = ["boss"] }"#,
    ));
    let out = palisade().arg("test").arg(dir.dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("  FAIL: wrong"), "{stdout}");
    assert!(stdout.contains("expected allow, got throttle"), "{stdout}");
    assert!(stdout.contains("expected rules [boss], got []"), "{stdout}");
    assert!(stdout.contains("FAIL: 1/1"), "{stdout}");
    drop(bad);
}

#[test]
fn check_json_shows_the_compiled_policy_with_names_as_written() {
    let rest = format!(
        "{PRECEDENCE}\n[lists.nets]\nkind = \"cidr\"\nfile = \"nets.txt\"\n\n[[rule]]\nname = \"ours\"\ncap = \"allow\"\nwhen = {{ field = \"client.ip\", in_list = \"nets\" }}\n"
    );
    let dir = PolicyDir::new(&policy(0.8, 0.0, &rest));
    std::fs::write(
        dir.dir.path().join("nets.txt"),
        "10.0.0.0/8\n192.0.2.0/24\n",
    )
    .unwrap();
    let out = succeed(
        palisade()
            .args(["check", "--json", "--policy"])
            .arg(&dir.path),
    );
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["policy"], "conditions");
    assert_eq!(doc["plugins"][0]["name"], "content");
    assert_eq!(doc["scoring"]["combine"], "max");
    let names: Vec<&str> = doc["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["boss", "verified-org", "bad-card", "free-tier", "ours"],
        "by priority"
    );
    assert_eq!(doc["rules"][0]["cap"], "allow");
    assert_eq!(
        doc["rules"][0]["when"],
        r#"{ field = "account.id", eq = "acct-boss" }"#
    );
    assert_eq!(doc["lists"][0]["name"], "nets");
    assert_eq!(doc["lists"][0]["entries"], 2);
}

#[test]
fn check_text_shows_effects_priorities_conditions_segments_and_lists() {
    let rest = format!(
        "{PRECEDENCE}\n[lists.nets]\nkind = \"cidr\"\nfile = \"nets.txt\"\n\n[[rule]]\nname = \"ours\"\ncap = \"allow\"\nwhen = {{ field = \"client.ip\", in_list = \"nets\" }}\n\n[[scoring.segment]]\nname = \"free\"\nwhen = {{ field = \"account.tier\", eq = \"free\" }}\nladder = [ {{ score = 0.5, action = \"throttle\" }} ]\n"
    );
    let dir = PolicyDir::new(&policy(0.8, 0.0, &rest));
    std::fs::write(
        dir.dir.path().join("nets.txt"),
        "10.0.0.0/8\n192.0.2.0/24\n",
    )
    .unwrap();
    let out = succeed(palisade().args(["check", "--policy"]).arg(&dir.path));
    let stdout = String::from_utf8_lossy(&out);
    for line in [
        r#"  rule boss: cap at allow, priority 20, when { field = "account.id", eq = "acct-boss" }"#,
        r#"  rule bad-card: floor at block, priority 10, when { field = "account.payment_fingerprint", eq = "card-bad" }"#,
        r#"  rule free-tier: at least challenge, priority 0, when { field = "account.tier", eq = "free" }"#,
        r#"  segment free when { field = "account.tier", eq = "free" }: ladder ≥0.5 throttle"#,
        "  list nets (cidr): 2 entries from ",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
    assert!(!stdout.contains("rule boss →"), "{stdout}");
}

#[test]
fn the_shipped_policy_passes_its_policy_tests() {
    let out = succeed(palisade().arg("test").arg(root().join("policies")));
    let stdout = String::from_utf8_lossy(&out);
    assert!(stdout.contains("PASS: 5/5"), "{stdout}");
}

#[test]
fn eval_honours_a_plugins_scope_too() {
    let body = policy(0.8, 0.0, "").replace(
        "settings = { mode = \"ok\", score = 0.8 }",
        "settings = { mode = \"ok\", score = 0.8 }\nwhen = { field = \"request.route\", eq = \"/v1/messages\" }",
    );
    let dir = PolicyDir::new(&body);
    let input = dir.dir.path().join("in.jsonl");
    let output = dir.dir.path().join("out.jsonl");
    let line = |id: &str, route: &str| {
        format!(
            "{{\"id\":\"{id}\",\"ts_ms\":1,\"account\":{{\"id\":\"a\"}},\"client\":{{\"ip\":\"::1\"}},\"request\":{{\"prompt\":\"p\",\"route\":\"{route}\"}}}}\n"
        )
    };
    std::fs::write(
        &input,
        line("in", "/v1/messages") + &line("out", "/v1/complete"),
    )
    .unwrap();
    succeed(
        palisade()
            .args(["eval", "--policy"])
            .arg(&dir.path)
            .arg("--input")
            .arg(&input)
            .arg("--output")
            .arg(&output),
    );
    let decisions: Vec<serde_json::Value> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(decisions[0]["detectors"][0]["status"], "ok");
    assert_eq!(decisions[1]["detectors"][0]["status"], "skipped");
    assert_eq!(decisions[1]["detectors"][0]["reasons"][0], "not in scope");
}

#[test]
fn palisade_test_reads_jsonl_requests_with_their_expectations_and_names_the_line() {
    let dir = PolicyDir::new(&policy(0.8, 0.0, PRECEDENCE));
    let line = |id: &str, account: serde_json::Value, expect: serde_json::Value| {
        let mut r = j!({"id": id, "ts_ms": 1_764_150_000_000u64, "account": account,
            "client": {"ip": "203.0.113.9"}, "request": {"prompt": "hi"}, "expect": expect});
        if id == "named" {
            r["name"] = j!("a named line");
        }
        r.to_string()
    };
    let write = |name: &str, lines: &[String]| {
        let path = dir.dir.path().join(name);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    };
    let header = j!({"policy": "policy.toml"}).to_string();
    let good = write(
        "good.test.jsonl",
        &[
            header.clone(),
            line(
                "plain",
                j!({"id": "a"}),
                j!({"action": "throttle", "score": [0.79, 0.81], "detectors": {"content": "ok"}, "rules": []}),
            ),
            line(
                "named",
                j!({"id": "v", "org": "org-verified"}),
                j!({"action": "log", "rules": ["verified-org"], "reasons": ["cap at log"]}),
            ),
            line(
                "short",
                j!({"id": "b", "payment_fingerprint": "card-bad"}),
                j!("block"),
            ),
        ],
    );
    let out = palisade().args(["test", "-v"]).arg(&good).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("  PASS: line 3: a named line") && stdout.contains("PASS: 3/3"),
        "{stdout}"
    );

    // A failing line is reported by its line number; a directory run picks
    // up .jsonl files beside .toml ones.
    let bad = write(
        "bad.test.jsonl",
        &[
            header.clone(),
            line("wrong", j!({"id": "a"}), j!({"action": "allow"})),
        ],
    );
    let out = palisade().arg("test").arg(dir.dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("  FAIL: line 2: wrong"), "{stdout}");
    assert!(stdout.contains("expected allow, got throttle"), "{stdout}");
    assert!(stdout.contains("PASS: 3/4"), "{stdout}");
    std::fs::remove_file(&bad).unwrap();

    // A malformed expectation or request names file:line and what to fix.
    let broken = write(
        "broken.test.jsonl",
        &[
            header,
            line("typo", j!({"id": "a"}), j!({"acton": "allow"})),
        ],
    );
    let out = palisade().arg("test").arg(&broken).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("broken.test.jsonl:2: expect: unknown field `acton`"),
        "{stdout}"
    );
    std::fs::write(&broken, "{\"id\": \"x\", \"expect\": \"allow\"}\n").unwrap();
    let out = palisade()
        .arg("test")
        .arg(&broken)
        .arg("--policy")
        .arg(&dir.path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("broken.test.jsonl:1: not a valid request"),
        "{stdout}"
    );
}

#[test]
fn fixtures_take_the_same_expectations_as_policy_tests() {
    let fixture = |expect: &str| {
        format!(
            "{PRECEDENCE}\n[[fixture]]\nname = \"plain\"\nexpect = {expect}\nrequest = {{ id = \"fx\", ts_ms = 1764150000000, account = {{ id = \"a\" }}, client = {{ ip = \"203.0.113.9\" }}, request = {{ prompt = \"hi\" }} }}\n"
        )
    };
    for ok in [
        r#""throttle""#,
        r#"{ action = "throttle", score = [0.79, 0.81], detectors = { content = "ok", infra = "ok" }, rules = [] }"#,
    ] {
        let (_dir, path) = write_policy(&policy(0.8, 0.0, &fixture(ok)));
        palisade::policy::load(&path, &runtime(), 1).unwrap_or_else(|e| panic!("{ok}: {e}"));
    }
    let (_dir, path) = write_policy(&policy(
        0.8,
        0.0,
        &fixture(r#"{ action = "throttle", rules = ["boss"], detectors = { infra = "timeout" } }"#),
    ));
    let err = palisade::policy::load(&path, &runtime(), 1)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains(
            "fixture.plain: expected rules [boss], got []; expected infra timeout, got ok"
        ) || err.contains(
            "fixture.plain: expected infra timeout, got ok; expected rules [boss], got []"
        ),
        "{err}"
    );
    let (_dir, path) = write_policy(&policy(0.8, 0.0, &fixture(r#"{ acton = "log" }"#)));
    let err = palisade::policy::load(&path, &runtime(), 1)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("acton"), "{err}");
}

#[test]
fn rules_indexed_by_a_required_tier_match_exactly_what_each_rule_says() {
    // Three rules require a tier (so the resolver indexes by it); the
    // others require nothing of it, or only under `not` / `any`.
    let indexed = r#"
[[rule]]
name = "free"
action = "log"
when = { field = "account.tier", eq = "free" }

[[rule]]
name = "free-or-pro"
action = "log"
when = { all = [ { field = "account.tier", in = ["free", "pro"] }, { field = "account.age_days", gte = 0 } ] }

[[rule]]
name = "pro-verified"
action = "log"
when = { all = [ { field = "account.tier", eq = "pro" }, { field = "account.org", eq = "org-verified" } ] }

[[rule]]
name = "not-enterprise"
action = "log"
when = { not = { field = "account.tier", eq = "enterprise" } }

[[rule]]
name = "any-free"
action = "log"
when = { any = [ { field = "account.tier", eq = "free" }, { field = "account.org", eq = "org-verified" } ] }

[[rule]]
name = "two-tier-tests"
action = "log"
when = { all = [ { field = "account.tier", eq = "pro", prefix = "p" }, { field = "account.tier", in = ["free"] } ] }

[[rule]]
name = "everyone"
action = "log"
all = { content = 0.1 }
"#;
    let (_dir, path) = write_policy(&policy(0.2, 0.0, indexed));
    let g = palisade::policy::load(&path, &runtime(), 1).unwrap();
    let cases: &[(serde_json::Value, &[&str])] = &[
        (
            j!({"tier": "free"}),
            &[
                "free",
                "free-or-pro",
                "not-enterprise",
                "any-free",
                "everyone",
            ],
        ),
        (
            j!({"tier": "pro"}),
            &["free-or-pro", "not-enterprise", "everyone"],
        ),
        (
            j!({"tier": "pro", "org": "org-verified"}),
            &[
                "free-or-pro",
                "pro-verified",
                "not-enterprise",
                "any-free",
                "everyone",
            ],
        ),
        (
            j!({"tier": "enterprise", "org": "org-verified"}),
            &["any-free", "everyone"],
        ),
        (j!({}), &["not-enterprise", "everyone"]),
        (j!({"tier": "Free"}), &["not-enterprise", "everyone"]),
    ];
    for (account, want) in cases {
        let d = g.decide(&req("r", account.clone(), "/v1/messages"));
        let mut got = rules(&d);
        got.sort_unstable();
        let mut want = want.to_vec();
        want.sort_unstable();
        assert_eq!(got, want, "{account}");
    }
}
