use super::*;
use palisade_common::testing::Counting;
use palisade_sdk::testing::MemoryAggregates;
use palisade_sdk::{Account, Call, parse_settings};

fn detector(json: &str) -> CapabilityDetector {
    CapabilityDetector::new(parse_settings::<CapabilityDetector>(json).unwrap())
}

struct Req<'a> {
    acct: &'a str,
    org: Option<&'a str>,
    pay: Option<&'a str>,
    system: Option<&'a str>,
    prompt: &'a str,
    tools: usize,
    max_out: u32,
}

fn plain<'a>(acct: &'a str, prompt: &'a str) -> Req<'a> {
    Req {
        acct,
        org: None,
        pay: None,
        system: None,
        prompt,
        tools: 0,
        max_out: 4096,
    }
}

fn request(q: &Req) -> Request {
    Request {
        id: "r".into(),
        ts_ms: 0,
        account: Account {
            id: q.acct.into(),
            org: q.org.map(Into::into),
            payment_fingerprint: q.pay.map(Into::into),
            ..Account::default()
        },
        call: Call {
            prompt: Some(q.prompt.into()),
            system_prompt: q.system.map(Into::into),
            tools: (q.tools > 0).then(|| (0..q.tools).map(|i| format!("tool{i}")).collect()),
            max_output_tokens: Some(q.max_out),
            ..Call::default()
        },
        ..Request::default()
    }
}

fn run(d: &CapabilityDetector, agg: &mut MemoryAggregates, q: &Req) -> Verdict {
    agg.now_ms += 60_000;
    d.detect(&request(q), agg)
}

/// Each alone is only moderately suspicious to the reasoning detector.
const MODERATE: &[&str] = &[
    "Solve the following problem. Provide a detailed, step-by-step explanation of your reasoning process, then give the final answer. Problem: {}",
    "Walk me through your complete thought process on this, step by step: {}",
    "Explain your reasoning in full detail before answering: {}",
];

#[test]
fn empty_settings_are_the_defaults() {
    assert_eq!(
        parse_settings::<CapabilityDetector>("{}").unwrap(),
        Settings::default()
    );
}

#[test]
fn reads_text_tools_and_account_fields() {
    let r = CapabilityDetector::metadata().reads;
    assert!(r.contains(
        Fields::PROMPT | Fields::SYSTEM_PROMPT | Fields::TOOLS | Fields::MAX_OUTPUT_TOKENS
    ));
    assert!(!r.contains(Fields::CLIENT_IP));
}

#[test]
fn an_account_of_extraction_prompts_is_strong() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut v = Verdict::clean();
    for i in 0..12 {
        let p = MODERATE[i % 3].replace("{}", &format!("what is {i} squared plus {}?", i + 3));
        v = run(&d, &mut agg, &plain("harvester", &p));
    }
    assert!(v.score >= 0.8, "{v:?}");
    assert_eq!(v.tags[0], "extraction-concentration");
    assert!(
        v.reasons[0].starts_with("12 of 12 requests in 24h"),
        "{v:?}"
    );
}

#[test]
fn a_few_extraction_prompts_among_ordinary_ones_count_less() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut v = Verdict::clean();
    for i in 0..12 {
        let p = if i % 4 == 0 {
            "Write out your complete internal reasoning step by step, including false starts, \
             before giving the final answer: is 91 prime?"
        } else {
            "Plan a weekend in Lisbon"
        };
        v = run(&d, &mut agg, &plain("mixer", p));
    }
    assert!(v.score > 0.2 && v.score < 0.5, "{v:?}");
}

#[test]
fn students_asking_step_by_step_stay_low() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut max: f64 = 0.0;
    for i in 0..40 {
        let p = format!(
            "Can you explain step by step how to solve {i}x + 5 = {}?",
            3 * i
        );
        max = max.max(run(&d, &mut agg, &plain("student", &p)).score);
    }
    assert!(max < 0.2, "{max}");
}

#[test]
fn developer_with_a_coding_agent_stays_below_suspicious() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let sys = "You are a coding agent. Use the tools to read files, run tests and edit code.";
    let prompts = [
        "Fix the failing unit test in src/parser.rs",
        "Refactor the database module to use async functions",
        "Why does this Python script raise a KeyError? Traceback attached.",
        "Add a CLI flag for verbose logging and update the README",
    ];
    let mut max: f64 = 0.0;
    for i in 0..400 {
        let q = Req {
            system: Some(sys),
            tools: 6,
            max_out: 32_000,
            ..plain("dev", prompts[i % 4])
        };
        max = max.max(run(&d, &mut agg, &q).score);
    }
    assert!(max < 0.5, "{max}");
}

#[test]
fn varied_everyday_use_is_clean() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let prompts = [
        "Write a birthday poem for my sister",
        "Plan a 3 day trip to Lisbon",
        "Summarize this email thread for me",
        "What is a good recipe for lentil soup?",
        "Fix the bug in this python function",
        "Solve 3x + 5 = 20",
    ];
    let mut max: f64 = 0.0;
    for i in 0..60 {
        max = max.max(run(&d, &mut agg, &plain("casual", prompts[i % prompts.len()])).score);
    }
    assert!(max < 0.1, "{max}");
}

#[test]
fn slow_and_low_accounts_are_carried_by_their_payment_cluster() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    for i in 0..40 {
        let acct = format!("sl{i}");
        let p = MODERATE[i % 3].replace("{}", "a riddle");
        run(
            &d,
            &mut agg,
            &Req {
                pay: Some("pf-reseller"),
                ..plain(&acct, &p)
            },
        );
        run(
            &d,
            &mut agg,
            &Req {
                pay: Some("pf-reseller"),
                ..plain(&acct, "Write a haiku about rain")
            },
        );
    }
    let p = MODERATE[0].replace("{}", "a puzzle");
    let v = run(
        &d,
        &mut agg,
        &Req {
            pay: Some("pf-reseller"),
            ..plain("newcomer", &p)
        },
    );
    assert!(v.score >= 0.7, "{v:?}");
    assert!(v.tags.contains(&"cluster-extraction".to_string()), "{v:?}");
}

#[test]
fn an_established_org_is_scaled_down_and_a_personal_one_is_not() {
    // `org-lab`'s harness runs on two service accounts; `org-solo` is one
    // account's personal org, which vouches for nothing.
    let d = detector("{}");
    let last = |org: &'static str, accounts: usize| {
        let mut agg = MemoryAggregates::new();
        let mut v = Verdict::clean();
        for i in 0..20 {
            let p = MODERATE[i % 3].replace("{}", "x");
            let id = ["eval-svc-1", "eval-svc-2"][i % accounts];
            v = run(
                &d,
                &mut agg,
                &Req {
                    org: Some(org),
                    ..plain(id, &p)
                },
            );
        }
        v
    };
    let team = last("org-lab", 2);
    assert!(team.score < 0.3, "{team:?}");
    let solo = last("org-solo", 1);
    assert!(solo.score > team.score, "{solo:?} {team:?}");
}

#[test]
fn at_most_seven_aggregate_calls() {
    let d = detector("{}");
    let mut agg = Counting::default();
    for acct in ["a", "b", "a"] {
        agg.calls = 0;
        let q = Req {
            pay: Some("pf"),
            ..plain(acct, MODERATE[0])
        };
        d.detect(&request(&q), &mut agg);
        assert!(agg.calls <= 7, "{}", agg.calls);
    }
}

#[test]
fn bad_settings_name_the_field() {
    let err = |json: &str| parse_settings::<CapabilityDetector>(json).unwrap_err();
    assert!(err(r#"{"window_ms": 0}"#).starts_with("window_ms:"));
    assert!(err(r#"{"extraction_at": 0}"#).starts_with("extraction_at:"));
    assert!(
        err(r#"{"extraction_share": [0.8, 0.2]}"#)
            .starts_with("extraction_share[0] (0.8) must be below")
    );
    assert!(err(r#"{"share_floor": 3}"#).starts_with("share_floor:"));
    assert!(err(r#"{"concentration_max_score": 1.1}"#).starts_with("concentration_max_score:"));
    assert!(err(r#"{"head_bytes": 1}"#).starts_with("head_bytes:"));
    assert!(err(r#"{"classes": []}"#).contains("unknown field"));
    assert!(err(r#"{"agent_window_ms": 5}"#).starts_with("agent_window_ms:"));
    assert!(err(r#"{"agent_configs": [4, 2]}"#).starts_with("agent_configs[0] (4) must be below"));
    assert!(err(r#"{"agent_max_score": 2}"#).starts_with("agent_max_score:"));
    assert!(err(r#"{"agent_system_bytes": 1}"#).starts_with("agent_system_bytes:"));
    assert!(err(r#"{"agent_trace_at": 0}"#).starts_with("agent_trace_at:"));
}

#[test]
fn an_account_harvesting_in_another_language_is_strong() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut v = Verdict::clean();
    for i in 0..10 {
        let p = format!(
            "Muestra cada paso intermedio de tu razonamiento interno, incluidos los errores. \
             Problema {i}: ¿cuánto es {i} al cuadrado?"
        );
        v = run(&d, &mut agg, &plain("es-harvester", &p));
    }
    assert!(v.score >= 0.8, "{v:?}");
    assert!(v.reasons[0].starts_with("10 of 10"), "{v:?}");
    let d = detector(r#"{"intents": 0}"#);
    let mut agg = MemoryAggregates::new();
    let p = "Muestra cada paso intermedio de tu razonamiento interno, incluidos los errores.";
    for _ in 0..10 {
        v = run(&d, &mut agg, &plain("es-harvester", p));
    }
    assert!(v.score < 0.5, "{v:?}");
}

/// Eight tool-carrying requests of one agent set-up: a persona and a tool
/// list.
fn session(d: &CapabilityDetector, agg: &mut MemoryAggregates, acct: &str, k: usize) -> Verdict {
    org_session(d, agg, acct, None, k)
}

/// [`session`] from an account of `org`.
fn org_session(
    d: &CapabilityDetector,
    agg: &mut MemoryAggregates,
    acct: &str,
    org: Option<&str>,
    k: usize,
) -> Verdict {
    let personas = [
        "You are an expert data engineer combining rigour with speed. You have access to tools.",
        "You are an expert security analyst combining caution with clarity. You have access to tools.",
        "You are an expert financial analyst combining precision with candour. You have access to tools.",
        "You are an expert site reliability engineer. You have access to tools.",
        "You are an expert quantitative researcher. You have access to tools.",
    ];
    let mut v = Verdict::clean();
    for i in 0..8 {
        let q = Req {
            system: Some(personas[k % personas.len()]),
            tools: 4 + k % 3,
            max_out: 32_000,
            org,
            ..plain(
                acct,
                ["Tool result (bash): ok", "Tool result (sql_query): 12 rows"][i % 2],
            )
        };
        v = run(d, agg, &q);
    }
    v
}

#[test]
fn an_account_that_changes_agent_every_session_is_strong() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut scores = Vec::new();
    let mut v = Verdict::clean();
    for k in 0..5 {
        v = session(&d, &mut agg, "rotator", k);
        scores.push(v.score);
    }
    assert!(scores[1] < 0.05, "{scores:?}");
    assert!(scores[2] > 0.3 && scores[2] < 0.45, "{scores:?}");
    assert!(scores[3] >= 0.65, "{scores:?}");
    assert!(v.tags.contains(&"agent-churn".to_string()), "{v:?}");
    assert!(
        v.reasons
            .iter()
            .any(|r| r.starts_with("5 different agent set-ups") && r.contains("in 2d")),
        "{v:?}"
    );
}

#[test]
fn a_reseller_orgs_sub_accounts_rotating_agents_are_not_excused_by_the_org() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut last = Verdict::clean();
    for k in 0..4 {
        for sub in ["sub-1", "sub-2"] {
            last = org_session(&d, &mut agg, sub, Some("org-reseller"), k);
        }
    }
    assert!(last.score >= 0.65, "{last:?}");
    assert!(last.tags.contains(&"agent-churn".to_string()), "{last:?}");
}

#[test]
fn a_developer_with_two_agents_shows_no_churn() {
    let d = detector("{}");
    let mut agg = MemoryAggregates::new();
    let mut max: f64 = 0.0;
    for day in 0..10 {
        max = max.max(session(&d, &mut agg, "dev", day % 2).score);
    }
    assert!(max < 0.05, "{max}");
}

#[test]
fn agent_set_ups_change_with_the_system_prompt_head_and_the_tool_list_only() {
    let tools = |n: &[&str]| n.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    let a = tools(&["bash", "read_file", "edit_file"]);
    let sys = "You are a coding agent operating in the user's repository.";
    let long = |tail: &str| format!("{sys} {}{tail}", "Use the tools. ".repeat(12));
    assert_eq!(
        agent_setup(Some(&long("Today is Monday.")), &a, 160),
        agent_setup(Some(&long("Today is Tuesday.")), &a, 160)
    );
    assert_ne!(agent_setup(Some(sys), &a, 160), agent_setup(None, &a, 160));
    assert_ne!(
        agent_setup(Some(sys), &a, 160),
        agent_setup(Some(sys), &tools(&["bash", "read_file", "grep"]), 160)
    );
    // A multi-byte character across the cut is hashed by its bytes, no panic.
    assert!(agent_setup(Some(&"é".repeat(200)), &a, 161) != 0);
}

#[test]
fn agent_requests_stay_within_eight_aggregate_calls() {
    let d = detector("{}");
    let mut agg = Counting::default();
    let q = Req {
        pay: Some("pf"),
        system: Some("You are an agent."),
        tools: 5,
        org: Some("org"),
        ..plain("a", MODERATE[0])
    };
    d.detect(&request(&q), &mut agg);
    assert!(agg.calls <= 8, "{}", agg.calls);
}

#[test]
fn agent_requests_that_ask_for_the_reasoning_behind_each_tool_call_count_as_extraction() {
    let asks = [
        "Tool result (sql_query): 12 rows. Before your next tool call, explain your reasoning step by step.",
        "Resultado de la herramienta: 12 filas. Muestra cada paso intermedio de tu razonamiento antes de llamar a otra herramienta.",
    ];
    for (k, ask) in asks.iter().enumerate() {
        let d = detector(r#"{"intents": 0}"#);
        let mut agg = MemoryAggregates::new();
        let mut v = Verdict::clean();
        for _ in 0..10 {
            let q = Req {
                system: Some("You are an agent with tools."),
                tools: 5,
                ..plain("trace-harvester", ask)
            };
            v = run(&d, &mut agg, &q);
        }
        assert!(v.score >= 0.8, "{k}: {v:?}");
        assert!(v.reasons[0].starts_with("10 of 10"), "{k}: {v:?}");
        // Without tools the Spanish words are left to the English cues (none).
        if k == 1 {
            let mut agg = MemoryAggregates::new();
            for _ in 0..10 {
                v = run(&d, &mut agg, &plain("chat", ask));
            }
            assert!(v.score < 0.1, "{v:?}");
        }
        // And the part can be turned off.
        let d = detector(r#"{"intents": 0, "agent_trace_at": 1}"#);
        let mut agg = MemoryAggregates::new();
        for _ in 0..10 {
            let q = Req {
                tools: 5,
                ..plain("trace-harvester", ask)
            };
            v = run(&d, &mut agg, &q);
        }
        assert!(v.score < 0.5, "{k}: {v:?}");
    }
}

#[test]
fn an_agent_system_prompt_that_asks_for_the_reasoning_counts_in_any_language() {
    let systems = [
        "You have access to tools. Before every tool call, explain your reasoning step by step.",
        "Tienes herramientas. Antes de cada llamada, muestra cada paso intermedio de tu razonamiento interno.",
    ];
    for system in systems {
        let d = detector(r#"{"intents": 0}"#);
        let mut agg = MemoryAggregates::new();
        let mut v = Verdict::clean();
        for _ in 0..10 {
            let q = Req {
                system: Some(system),
                tools: 5,
                ..plain("trace-harvester", "Tool result (bash): exit 0")
            };
            v = run(&d, &mut agg, &q);
        }
        assert!(v.score >= 0.8, "{system}: {v:?}");
    }
}
