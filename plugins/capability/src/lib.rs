//! # `capability`: capability concentration
//!
//! **Signal.** An account's — and its payment cluster's — traffic
//! concentrated on what a distiller wants: reasoning-extraction prompts
//! (trace, grading and safe-rewrite harvesting), agentic tool use, coding,
//! data analysis, maths, at volume and with large outputs, rather than the
//! varied mix of normal use. Each request gets a coarse class
//! ([`palisade_common::classify`]) from its prompt, system prompt and
//! tools; the host keeps, per account and per shared payment fingerprint,
//! counts in a window: requests, extraction-class requests, the summed
//! distillation value of the classes, and the distinct classes used.
//!
//! Parts (noisy-OR):
//! - *extraction count*: an account's extraction prompts (extraction score
//!   ≥ `extraction_at`, 0.45: above every benign population measured; for a
//!   request that carries tools, a reasoning-trace score ≥ `agent_trace_at`,
//!   0.3, from English cues or the concept intents — "explain your reasoning
//!   for every tool call": agentic traces are what a harvest of tool use
//!   wants, and no generated developer or support-bot call asks it) in the
//!   window,
//!   weighted by their share of its requests — ≥0.8 from about seven when
//!   most of its traffic is extraction, about 0.3 for three among ten
//!   ordinary requests;
//! - *cluster extraction share*: the same over a payment cluster, which
//!   carries slow-and-low accounts that send a couple of requests each;
//! - *concentration*: high-value classes with large outputs at volume, at
//!   most `concentration_max_score` (0.5), halved when the account uses
//!   four or more classes (a varied mix);
//! - *agent churn*: the distinct agent set-ups (the head of the system
//!   prompt × the tool list, in order) of an account's tool-carrying
//!   requests in `agent_window_ms` (48 h). A real agent is one program: it
//!   sends the same system prompt and tool schema on every call, and a
//!   developer uses one or two of them. A harvesting pool that wants
//!   agentic traces across tool use, coding, data analysis and operations
//!   rotates personas ("You are an expert … with tools") and tool sets
//!   from session to session, so each account shows a new agent every few
//!   hours. From 2 set-ups (none) to 4 (`agent_max_score`, 0.7), times the
//!   account's volume (4 → 16 requests in the window): 0.35 at three, so a
//!   developer switching between three agents in two days is still only
//!   logged unless something else agrees.
//!
//! For an account of an established org (two or more accounts seen in a
//! week; a personal org of one account vouches for nothing) extraction and
//! concentration are scaled by `org_factor` (0.3) — an evaluation harness
//! or a course concentrates on purpose — and its payment cluster is not
//! counted; agent churn is not scaled: an org's developers each run one
//! agent too, and a reseller org's sub-accounts rotating agent set-ups is
//! the agentic harvest itself.
//!
//! **Sources.** SIGNALS.md, "What they harvested" (reasoning traces,
//! reward-model work, policy-sensitive rewrites, agentic capability) and
//! "How it looked in the traffic" (massive volume concentrated on a few
//! high-value capabilities).
//!
//! **Known false positives.** Developers using coding agents are as
//! concentrated as an agentic harvest (tools, code, long outputs): the
//! concentration part is capped low for that reason and only volume moves
//! it. Researchers who repeatedly ask for a model's full reasoning (a study
//! of chain-of-thought) look like extraction at the account level. An agent
//! framework that makes the model reason aloud before each tool call
//! (ReAct-style prompts) counts as agent-trace extraction. Agent churn: a
//! shared account used by several people with different agents, a
//! developer building an agent who edits its system prompt's opening or
//! its tool list between runs, an agent that writes changing facts (date,
//! working directory) into the first `agent_system_bytes` (160) of its
//! system prompt — the head is hashed, not the whole prompt, because
//! products put such context later.
//!
//! **Cost.** One pass of English cues over at most `head_bytes +
//! tail_bytes` of each text (and a concept-stem pass when `intents` > 0);
//! a hash of at most 160 bytes of system prompt and the tool names; for a
//! request that carries tools and has no English reasoning cue, one
//! concept-intent pass ([`palisade_common::intent`]); at most eight
//! aggregate calls (the agent set-up count only for requests that carry
//! tools, the org membership only for accounts that name an org). Measured with the default policy's settings (`palisade plugin
//! bench --reuse`, 2,000 tool-carrying requests of the tuning set): p50
//! 7.4 → 11.0 µs per tool-carrying call, 3.3 µs of it the concept pass,
//! mostly the system prompt's head (skipping ASCII system prompts would
//! save 1.6 µs but miss unaccented Spanish or German instructions); about
//! +1 µs per call over the whole mix (23% of requests carry tools).

use palisade_common::classify::{Capability, classify};
use palisade_common::extraction::{Budget, analyze};
use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_common::{check, identity, intent, keys};
use palisade_sdk::text::hash64;
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;

/// Settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window for the counts, ms (default 24 h).
    pub window_ms: u64,
    /// Bytes read from the start of each text (default 1024).
    pub head_bytes: usize,
    /// Bytes read from the end of a longer text (default 256).
    pub tail_bytes: usize,
    /// Extraction score from which a request is an extraction prompt
    /// (default 0.45; the `reasoning` detector's scale).
    pub extraction_at: f64,
    /// Extraction requests at which the part starts and peaks (default
    /// [1, 8]): the count matters most, since resellers mix harvesting with
    /// ordinary requests.
    pub extraction_count: [f64; 2],
    /// Extraction share of an account's requests at which the share factor
    /// starts and peaks (default [0.2, 0.6]).
    pub extraction_share: [f64; 2],
    /// The share factor at a low share (default 0.55): a few extraction
    /// prompts among many ordinary ones still count, less.
    pub share_floor: f64,
    /// Score of the extraction part at its peak (default 0.9).
    pub extraction_max_score: f64,
    /// Extraction share of a payment cluster's requests at which its part
    /// starts and peaks (default [0.15, 0.5]): resellers mix harvesting
    /// with ordinary customer traffic.
    pub cluster_share: [f64; 2],
    /// Extraction requests on a payment cluster at which its part starts
    /// and peaks (default [3, 30]).
    pub cluster_count: [f64; 2],
    /// Mean class value at which concentration starts and peaks (default [0.55, 0.9]).
    pub concentration: [f64; 2],
    /// Requests at which concentration starts and peaks (default [20, 300]).
    pub concentration_volume: [f64; 2],
    /// Score of concentration at its peak (default 0.5).
    pub concentration_max_score: f64,
    /// `max_output_tokens` at or above which output counts as large (default 8192).
    pub large_output_tokens: u32,
    /// Multiplier for accounts of an established org (default 0.3).
    pub org_factor: f64,
    /// Multiplier on the multilingual concept intents
    /// ([`palisade_common::intent`]) in a request's extraction score, 0
    /// ignores them (default 1): a request is an extraction prompt when
    /// either its English cues or its concept intents reach `extraction_at`.
    pub intents: f64,
    /// Window for the distinct agent set-ups of an account, ms (default
    /// 48 h): a harvesting pool rotates set-ups over sessions hours apart.
    pub agent_window_ms: u64,
    /// Bytes of the system prompt's head that identify an agent set-up,
    /// with its tool list (default 160).
    pub agent_system_bytes: usize,
    /// Distinct agent set-ups at which agent churn starts and peaks
    /// (default [2, 4]).
    pub agent_configs: [f64; 2],
    /// Requests of the account in `window_ms` at which agent churn starts
    /// and reaches its full weight (default [4, 16]).
    pub agent_volume: [f64; 2],
    /// Score of agent churn at its peak (default 0.7).
    pub agent_max_score: f64,
    /// Reasoning-trace score (English cues or concept intent) from which a
    /// request that carries tools counts as an extraction prompt (default
    /// 0.3, below `extraction_at`; 1 turns it off): a real agent's calls do
    /// not ask for the model's reasoning, a tool-use trace harvest does.
    pub agent_trace_at: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::DAY_MS,
            head_bytes: 1024,
            tail_bytes: 256,
            extraction_at: 0.45,
            extraction_count: [1.0, 8.0],
            extraction_share: [0.2, 0.6],
            share_floor: 0.55,
            extraction_max_score: 0.9,
            cluster_share: [0.15, 0.5],
            cluster_count: [3.0, 30.0],
            concentration: [0.55, 0.9],
            concentration_volume: [20.0, 300.0],
            concentration_max_score: 0.5,
            large_output_tokens: 8_192,
            org_factor: 0.3,
            intents: 1.0,
            agent_window_ms: 2 * check::DAY_MS,
            agent_system_bytes: 160,
            agent_configs: [2.0, 4.0],
            agent_volume: [4.0, 16.0],
            agent_max_score: 0.7,
            agent_trace_at: 0.3,
        }
    }
}

fn pair(field: &str, p: [f64; 2], lo: f64, hi: f64) -> Result<(), String> {
    check::range(&format!("{field}[0]"), p[0], lo, hi)?;
    check::range(&format!("{field}[1]"), p[1], lo, hi)?;
    check::ordered(&format!("{field}[0]"), p[0], &format!("{field}[1]"), p[1])
}

/// The detector.
pub struct CapabilityDetector {
    settings: Settings,
}

impl CapabilityDetector {
    /// The extraction part for `ext` extraction requests out of `n`.
    fn extraction(&self, ext: u64, n: u64, share_at: [f64; 2], count: [f64; 2]) -> f64 {
        let s = &self.settings;
        let share = ext as f64 / n.max(1) as f64;
        let share_factor =
            s.share_floor + (1.0 - s.share_floor) * ramp(share, share_at[0], share_at[1]);
        s.extraction_max_score * share_factor * ramp_log(ext as f64, count[0], count[1])
    }
}

impl Detector for CapabilityDetector {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "capability",
            version: env!("CARGO_PKG_VERSION"),
            description: "traffic concentrated on high-value capabilities (reasoning extraction, agents, code)",
            reads: Fields::PROMPT
                .with(Fields::SYSTEM_PROMPT)
                .with(Fields::TOOLS)
                .with(Fields::MAX_OUTPUT_TOKENS)
                .with(Fields::ACCOUNT_ORG)
                .with(Fields::ACCOUNT_TIER)
                .with(Fields::PAYMENT_FINGERPRINT),
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::window("window_ms", s.window_ms)?;
        check::range_u64("head_bytes", s.head_bytes as u64, 128, 65_536)?;
        check::range_u64("tail_bytes", s.tail_bytes as u64, 0, 65_536)?;
        check::range("extraction_at", s.extraction_at, 0.05, 1.0)?;
        pair("extraction_share", s.extraction_share, 0.0, 1.0)?;
        check::range("share_floor", s.share_floor, 0.0, 1.0)?;
        pair("extraction_count", s.extraction_count, 1.0, 1e9)?;
        check::range("extraction_max_score", s.extraction_max_score, 0.0, 1.0)?;
        pair("cluster_share", s.cluster_share, 0.0, 1.0)?;
        pair("cluster_count", s.cluster_count, 1.0, 1e9)?;
        pair("concentration", s.concentration, 0.0, 1.0)?;
        pair("concentration_volume", s.concentration_volume, 1.0, 1e9)?;
        check::range(
            "concentration_max_score",
            s.concentration_max_score,
            0.0,
            1.0,
        )?;
        check::range_u64(
            "large_output_tokens",
            u64::from(s.large_output_tokens),
            1,
            10_000_000,
        )?;
        check::range("org_factor", s.org_factor, 0.0, 1.0)?;
        check::range("intents", s.intents, 0.0, 1.0)?;
        check::window("agent_window_ms", s.agent_window_ms)?;
        check::range_u64(
            "agent_system_bytes",
            s.agent_system_bytes as u64,
            16,
            65_536,
        )?;
        pair("agent_configs", s.agent_configs, 1.0, 1e6)?;
        pair("agent_volume", s.agent_volume, 1.0, 1e9)?;
        check::range("agent_max_score", s.agent_max_score, 0.0, 1.0)?;
        check::range("agent_trace_at", s.agent_trace_at, 0.05, 1.0)
    }

    fn new(settings: Settings) -> Self {
        CapabilityDetector { settings }
    }

    fn detect(&self, r: &Request, agg: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let w = s.window_ms;
        let budget = Budget {
            head: s.head_bytes,
            tail: s.tail_bytes,
        };
        let (system, prompt) = (r.call.system_prompt.as_deref(), r.call.prompt.as_deref());
        let mut analysis = analyze(system, prompt, budget);
        let tools = r.call.tools.as_ref().map_or(0, Vec::len);
        // Already an extraction prompt by its English cues: the concept
        // scan could only agree. An agent request that asks for the model's
        // reasoning (English cue or concept intent, any language) is
        // harvesting tool-use traces.
        let undecided = analysis.score < s.extraction_at;
        let trace_wanted = tools > 0 && s.agent_trace_at < 1.0 && undecided;
        let english_trace = trace_wanted && analysis.cot >= s.agent_trace_at;
        let concepts = ((s.intents > 0.0 && undecided) || (trace_wanted && !english_trace))
            .then(|| intent::analyze(system, prompt, budget.head.min(768), budget.tail));
        let agent_trace = english_trace
            || (trace_wanted
                && concepts
                    .as_ref()
                    .is_some_and(|ia| ia.score(intent::Intent::Trace) >= s.agent_trace_at));
        if let Some(ia) = concepts.as_ref().filter(|_| s.intents > 0.0 && undecided) {
            analysis.score = analysis.score.max(s.intents * ia.overall());
        }
        let class = classify(&analysis, tools, s.extraction_at);
        let large = r
            .call
            .max_output_tokens
            .is_some_and(|m| m >= s.large_output_tokens);
        let value = class.value() * if large { 1.0 } else { 0.75 };
        let is_ext = class == Capability::Extraction || agent_trace;
        let acct = &r.account.id;
        // An established org's harness or course concentrates on purpose;
        // its developers still each run one agent (agent churn is not
        // scaled).
        let vouched = identity::established_org(&r.account, agg).is_some();
        let allowance = if vouched { s.org_factor } else { 1.0 };

        let n = agg.counter_add(&keys::key("n", acct), w, 1);
        let units = agg.counter_add(&keys::key("v", acct), w, (value * 100.0).round() as u64);
        let ext_key = keys::key("e", acct);
        let ext = if is_ext {
            agg.counter_add(&ext_key, w, 1)
        } else {
            agg.counter_read(&ext_key, w)
        };
        let kinds = agg.distinct_add(&keys::key("k", acct), w, class.name());

        let mut e = Evidence::new();
        let p = allowance * self.extraction(ext, n, s.extraction_share, s.extraction_count);
        e.add(p, "extraction-concentration", || {
            format!(
                "{ext} of {n} requests in {}h are reasoning-extraction prompts",
                w / check::HOUR_MS
            )
        });

        let mean = units as f64 / (100.0 * n as f64);
        let varied = if kinds >= 4 { 0.5 } else { 1.0 };
        let p = allowance
            * s.concentration_max_score
            * ramp(mean, s.concentration[0], s.concentration[1])
            * ramp_log(
                n as f64,
                s.concentration_volume[0],
                s.concentration_volume[1],
            )
            * varied;
        e.add(p, "capability-concentration", || {
            format!(
                "{n} requests in {}h concentrated on high-value capabilities ({kinds} classes)",
                w / check::HOUR_MS
            )
        });

        if let Some(tools) = r.call.tools.as_deref().filter(|t| !t.is_empty()) {
            let setup = agent_setup(system, tools, s.agent_system_bytes);
            let configs = agg.distinct_add(
                &keys::key("c", acct),
                s.agent_window_ms,
                &keys::hashed("", setup),
            );
            let p = s.agent_max_score
                * ramp(configs as f64, s.agent_configs[0], s.agent_configs[1])
                * ramp_log(n as f64, s.agent_volume[0], s.agent_volume[1]);
            e.add(p, "agent-churn", || {
                format!(
                    "{configs} different agent set-ups (system prompt and tool list) in {}: \
                     a real agent sends one",
                    check::span(s.agent_window_ms)
                )
            });
        }

        if let Some(pf) = r
            .account
            .payment_fingerprint
            .as_deref()
            .filter(|p| !p.is_empty() && !vouched)
        {
            let cn = agg.counter_add(&keys::key("N", pf), w, 1);
            let ckey = keys::key("E", pf);
            let ce = if is_ext {
                agg.counter_add(&ckey, w, 1)
            } else {
                agg.counter_read(&ckey, w)
            };
            if cn > n {
                let p = self.extraction(ce, cn, s.cluster_share, s.cluster_count);
                e.add(p, "cluster-extraction", || {
                    format!("{ce} of {cn} requests on this payment cluster are reasoning-extraction prompts")
                });
            }
        }
        e.verdict(0.01, 0.3, 3)
    }
}

/// A stable hash of an agent set-up: the first `system_bytes` of the system
/// prompt and the tool names in order (a product sends them in one order).
fn agent_setup(system: Option<&str>, tools: &[String], system_bytes: usize) -> u64 {
    let head = system.map_or(&[][..], |s| &s.as_bytes()[..s.len().min(system_bytes)]);
    tools.iter().fold(hash64(head), |h, t| {
        (h ^ hash64(t.as_bytes())).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

export_detector!(CapabilityDetector);

#[cfg(test)]
mod tests;
