//! # Task churn: every task in a new language, across an account or an org
//!
//! **Signal.** A task factory that sweeps a language × capability grid
//! states each task from scratch and names its language ("… in Kotlin",
//! "… (PHP)"), because there is no repository to infer it from; the grid
//! is filled evenly, so an account's next task is in a language it has not
//! used yet. People working in their own code mostly point at files and
//! errors rather than naming a language, and when they do name one they
//! come back to it. Per account, in a window, the host keeps the requests
//! that name a language in their first line of prose ([`Features::named`];
//! pasted code, logs and tool results do not count) and the distinct
//! languages named. The *account* part scores many languages with nearly
//! one new language per such request.
//!
//! Reseller sub-accounts split the sweep so that each account holds only
//! a few tasks; their *org* sees the whole grid. For an account with an
//! org, each of its language-naming requests after its first is counted on
//! the org (requests, and those that named a language new to their
//! account), with the org's distinct languages and its accounts
//! that named languages twice or more. An org where at least `org_accounts`
//! such accounts together name `org_languages` languages and almost every
//! repeat request is in a new language for its account is *flagged* for a
//! window; every request of every account of a flagged org gets the org
//! part, and the behaviour plugin's allowance for accounts with an org
//! (`org_factor`) does not apply to them: an org whose accounts sweep a
//! grid has not earned it.
//!
//! **Sources.** Issue 12 ("coding-agent mimicry: real-looking agent system
//! prompts and tool lists, but tasks from a factory that sweeps a language
//! × capability grid, each task unrelated to the account's previous ones,
//! spread over reseller sub-accounts"); SIGNALS.md, "How it looked in the
//! traffic" (training-data-shaped prompts with slot variations) and "Scale"
//! (resellers and account clusters).
//!
//! **Known false positives.** A polyglot learner comparing how several
//! languages do one thing ("… in Go? and in Rust?"), a consultant moving
//! between clients' stacks, a course platform whose students each work in
//! another language (the org flag needs most *repeat* requests of its
//! accounts to be in new languages, which a class working through one
//! course does not do). The account part alone stays below the throttle
//! step (`max_score` 0.6); an account with a single task statement cannot
//! be judged at all (see issue 12's closing note for what that costs).
//!
//! **Cost.** Two aggregate calls per request (reads when the request names
//! no language; three when it does), one more for an account with an org,
//! and five more on an org account's repeat language-naming requests.

use crate::features::Features;
use palisade_common::check;
use palisade_common::keys;
use palisade_common::score::{Evidence, ramp};
use palisade_sdk::Aggregates;
use palisade_sdk::text::hash64;
use serde::Deserialize;

/// Churn settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window, ms (default 7 days).
    pub window_ms: u64,
    /// Distinct languages an account names at which the account part
    /// starts and peaks (default [2, 4]).
    pub languages: [f64; 2],
    /// Distinct languages per language-naming request at which the account
    /// part starts and peaks (default [0.6, 0.9]).
    pub churn: [f64; 2],
    /// Account part at full strength (default 0.6).
    pub max_score: f64,
    /// Accounts of an org that named languages twice or more before the
    /// org can be flagged (default 5).
    pub org_accounts: u64,
    /// Distinct languages named in an org before it can be flagged
    /// (default 6).
    pub org_languages: u64,
    /// Share of an org's repeat language-naming requests that named a
    /// language new to their account, from which the org is flagged
    /// (default 0.7).
    pub org_churn: f64,
    /// Org part for every request of a flagged org's accounts (default 0.65).
    pub org_score: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::WEEK_MS,
            languages: [2.0, 3.0],
            churn: [0.6, 0.9],
            max_score: 0.6,
            org_accounts: 5,
            org_languages: 6,
            org_churn: 0.7,
            org_score: 0.65,
        }
    }
}

impl Settings {
    /// Checks ranges and orderings, naming the field.
    pub fn check(&self) -> Result<(), String> {
        check::window("churn.window_ms", self.window_ms)?;
        crate::pair("churn.languages", self.languages, 1.0, 1e3)?;
        crate::pair("churn.churn", self.churn, 0.0, 1.0)?;
        check::range("churn.max_score", self.max_score, 0.0, 1.0)?;
        check::range_u64("churn.org_accounts", self.org_accounts, 1, 1_000_000)?;
        check::range_u64("churn.org_languages", self.org_languages, 1, 1_000)?;
        check::range("churn.org_churn", self.org_churn, 0.0, 1.0)?;
        check::range("churn.org_score", self.org_score, 0.0, 1.0)
    }
}

/// What the org side found for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Org {
    /// No org, or an org not flagged.
    Clear,
    /// The account's org is flagged as sweeping a grid.
    Sweeping,
}

/// Records the request's named language and adds the account and org
/// parts; `org` is the account's org, if any, and `acct_hash` the hash of
/// `acct` the other parts key on.
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
pub fn score(
    s: &Settings,
    acct: &str,
    acct_hash: u64,
    org: Option<&str>,
    now_ms: u64,
    f: &Features,
    agg: &mut dyn Aggregates,
    e: &mut Evidence,
) -> Org {
    let w = s.window_ms;
    let tasks_key = keys::hashed("P", acct_hash);
    let languages_key = keys::hashed("Q", acct_hash);
    let mut new_language = false;
    let (tasks, languages) = match f.named {
        Some(language) => {
            let tasks = agg.counter_add(&tasks_key, w, 1);
            let before = agg.distinct_read(&languages_key, w);
            let after = agg.distinct_add(&languages_key, w, language);
            new_language = after > before;
            (tasks, after)
        }
        None => (
            agg.counter_read(&tasks_key, w),
            agg.distinct_read(&languages_key, w),
        ),
    };
    let churn = languages as f64 / tasks.max(1) as f64;
    let p = s.max_score
        * ramp(languages as f64, s.languages[0], s.languages[1])
        * ramp(churn, s.churn[0], s.churn[1]);
    crate::add(e, p, "task-churn", || {
        format!(
            "{tasks} requests state a task in {languages} programming languages in {}",
            check::span(w)
        )
    });

    let Some(org) = org else {
        return Org::Clear;
    };
    let org_hash = hash64(org.as_bytes());
    let flag_key = keys::hashed("OF", org_hash);
    if let (Some(language), true) = (f.named, tasks >= 2)
        && flagged(s, org_hash, acct, language, tasks, new_language, agg)
    {
        agg.touch(&flag_key);
    }
    let sweeping = agg
        .peek(&flag_key)
        .is_some_and(|seen| now_ms.saturating_sub(seen.last_ms) < w);
    if !sweeping {
        return Org::Clear;
    }
    crate::add(e, s.org_score, "org-sweep", || {
        format!(
            "the account's org sweeps a grid: its accounts name a new programming language in almost every task ({})",
            check::span(w)
        )
    });
    Org::Sweeping
}

/// Counts a repeat language-naming request on the org and says whether
/// the org now meets every flag condition.
fn flagged(
    s: &Settings,
    org_hash: u64,
    acct: &str,
    language: &str,
    tasks: u64,
    new_language: bool,
    agg: &mut dyn Aggregates,
) -> bool {
    let w = s.window_ms;
    let accounts_key = keys::hashed("OA", org_hash);
    let churning_key = keys::hashed("OC", org_hash);
    let repeats = agg.counter_add(&keys::hashed("OT", org_hash), w, 1);
    let churning = if new_language {
        agg.counter_add(&churning_key, w, 1)
    } else {
        agg.counter_read(&churning_key, w)
    };
    let org_languages = agg.distinct_add(&keys::hashed("OL", org_hash), w, language);
    let accounts = if tasks == 2 {
        agg.distinct_add(&accounts_key, w, acct)
    } else {
        agg.distinct_read(&accounts_key, w)
    };
    accounts >= s.org_accounts
        && org_languages >= s.org_languages
        && churning as f64 >= s.org_churn * repeats as f64
}

#[cfg(test)]
mod tests {
    use crate::tests::{HOUR, NOW, detector, run, tagged};
    use palisade_common::testing::Counting;
    use palisade_sdk::testing::MemoryAggregates;
    use palisade_sdk::{Detector, Request, Verdict};

    const LANGUAGES: &[&str] = &[
        "Rust", "Kotlin", "PHP", "Scala", "Haskell", "Ruby", "Swift", "Elixir",
    ];

    /// A request from `acct` (of `org`, if any) at `ts`.
    fn req(acct: &str, org: Option<&str>, ts: u64, prompt: &str) -> Request {
        let mut r = crate::tests::req(acct, ts, prompt);
        r.account.org = org.map(Into::into);
        r
    }

    /// A from-scratch task statement in `language`, worded differently for
    /// each `i` (so that [`crate::grid`] does not see one statement).
    fn task(i: usize, language: &str) -> String {
        const TASKS: &[&str] = &[
            "Implement a bounded job queue with retries",
            "Write a tokenizer for arithmetic",
            "Build an LRU cache",
            "Port the rate limiter",
            "Create a trie",
            "Add a CSV reader",
            "Make a small HTTP router",
            "Write a JSON pretty printer",
            "Implement Dijkstra",
        ];
        format!("{} in {language}, with tests.", TASKS[i % TASKS.len()])
    }

    #[test]
    fn an_account_stating_each_task_in_a_new_language_churns_and_a_one_language_user_does_not() {
        let d = detector("{}");
        let mut agg = MemoryAggregates::new();
        let (mut factory, mut focused) = (Verdict::clean(), Verdict::clean());
        for (i, language) in LANGUAGES.iter().take(4).enumerate() {
            let ts = NOW + i as u64 * HOUR;
            factory = run(&d, &mut agg, &req("factory", None, ts, &task(i, language)));
            focused = run(&d, &mut agg, &req("focused", None, ts, &task(i, "Python")));
        }
        assert!(tagged(&factory, "task-churn"), "{factory:?}");
        assert!(factory.score >= 0.5 && factory.score < 0.75, "{factory:?}");
        assert!(!tagged(&focused, "task-churn"), "{focused:?}");
        // A tool result afterwards still carries the account's churn.
        let after = run(
            &d,
            &mut agg,
            &req(
                "factory",
                None,
                NOW + 9 * HOUR,
                "Tool result (bash):\n$ cargo test\nok",
            ),
        );
        assert!(tagged(&after, "task-churn"), "{after:?}");
    }

    #[test]
    fn questions_about_pasted_code_and_tool_names_are_not_task_statements() {
        let d = detector("{}");
        let mut agg = MemoryAggregates::new();
        let mut last = Verdict::clean();
        for (i, language) in LANGUAGES.iter().enumerate() {
            let ts = NOW + i as u64 * HOUR;
            let pasted = format!("What does this {language} code do?\n```\nfn x() {{}}\n```");
            last = run(&d, &mut agg, &req("reader", None, ts, &pasted));
            let tool = run(
                &d,
                &mut agg,
                &req("agent", None, ts, "Tool result (bash):\n$ make"),
            );
            assert!(!tagged(&tool, "task-churn"));
        }
        assert!(!tagged(&last, "task-churn"), "{last:?}");
    }

    #[test]
    fn an_org_whose_sub_accounts_sweep_languages_is_flagged_for_all_its_accounts() {
        let d = detector("{}");
        let mut agg = MemoryAggregates::new();
        // Eight sub-accounts, two tasks each, every task in a language new
        // to its account; the grid covers all eight languages.
        for a in 0..8usize {
            for t in 0..2usize {
                let ts = NOW + (a * 2 + t) as u64 * HOUR;
                let language = LANGUAGES[(a + t * 3) % LANGUAGES.len()];
                run(
                    &d,
                    &mut agg,
                    &req(
                        &format!("sub-{a}"),
                        Some("reseller"),
                        ts,
                        &task(t, language),
                    ),
                );
            }
        }
        let fresh = run(
            &d,
            &mut agg,
            &req(
                "sub-new",
                Some("reseller"),
                NOW + 20 * HOUR,
                "Tool result (grep):\nsrc/a.rs:1",
            ),
        );
        assert!(tagged(&fresh, "org-sweep"), "{fresh:?}");
        assert!(
            fresh.score >= 0.6,
            "the org allowance is withdrawn: {fresh:?}"
        );

        // A team of eight developers, each in their own language twice.
        for (a, language) in LANGUAGES.iter().enumerate() {
            for t in 0..2usize {
                let ts = NOW + (a * 2 + t) as u64 * HOUR;
                run(
                    &d,
                    &mut agg,
                    &req(&format!("dev-{a}"), Some("team"), ts, &task(t, language)),
                );
            }
        }
        let dev = run(
            &d,
            &mut agg,
            &req("dev-new", Some("team"), NOW + 20 * HOUR, &task(9, "Rust")),
        );
        assert!(!tagged(&dev, "org-sweep"), "{dev:?}");
    }

    #[test]
    fn an_org_accounts_repeat_task_stays_within_the_call_budget() {
        let d = detector("{}");
        let mut agg = Counting::default();
        let mut max_calls = 0;
        for (i, language) in LANGUAGES.iter().enumerate() {
            let mut r = req(
                "sub",
                Some("reseller"),
                NOW + i as u64 * HOUR,
                &task(i, language),
            );
            r.account.created_ms = Some(NOW - 10 * HOUR);
            r.client.ip = Some("192.0.2.9".into());
            agg.calls = 0;
            agg.inner.now_ms = r.ts_ms;
            let _ = d.detect(&r, &mut agg);
            max_calls = max_calls.max(agg.calls);
        }
        assert!(max_calls <= 21, "{max_calls} calls");
    }
}
