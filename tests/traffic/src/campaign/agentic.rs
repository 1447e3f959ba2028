//! `campaign:agentic-harvest` — agentic jobs through reseller proxy pools on abused education, research and
//! startup accounts.
//!
//! Every request rotates across a few datacenter /24s; one scripted client's TLS fingerprint sits under
//! rotating user agents; each job opens with a templated "expert" system prompt and offers many tools.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, chance, count, exponential, lognormal, pick, range, uniform};
use crate::identity::{
    BROWSERS, EDU_DOMAINS, Ids, PERSONAL_DOMAINS, SDKS, company_domain, host_in, scripted_tls,
    slash24_in, stack_client,
};
use crate::prompts::{Bank, code, harvest, tokens};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, model_at};
use std::borrow::Cow;

#[rustfmt::skip]
const TOOLS_A: &[&str] = &[
    "bash", "python", "read_file", "write_file", "web_search", "browser", "sql_query", "plot",
];
#[rustfmt::skip]
const TOOLS_B: &[&str] = &[
    "terminal", "notebook", "apply_patch", "search_code", "browser", "sql_query", "run_tests", "http_request",
];

/// The campaign's accounts and agent sessions.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(80.0, 120.0, 70) as usize;
    let sessions = (ctx.knob(600.0, 400.0, 71) * ctx.factor).round().max(1.0) as usize;
    let turns = ctx.knob(10.0, 16.0, 72);
    let gap = ctx.knob(9_000.0, 6_000.0, 73);
    let asns: &[u32] = ctx.pick(
        &[9009, 212238, 20473, 14061],
        &[24940, 16276, 45102, 63949, 20473, 9009],
    );
    let pool: Vec<(u32, u32, &'static str)> = asns
        .iter()
        .map(|&number| {
            let asn = one_of_asns(rng, &[number]);
            (slash24_in(rng, asn), asn.asn, asn.country)
        })
        .collect();
    let tls = scripted_tls(rng);
    let startup_domains: Vec<String> = (0..5).map(|_| company_domain(rng)).collect();
    let startup_cards: Vec<String> = (0..3).map(|_| ids.payment()).collect();
    let research_cards: Vec<String> = (0..2).map(|_| ids.payment()).collect();
    let mut pop = Population::default();
    for _ in 0..n {
        let roll = range(rng, 0, 100);
        let (tier, domain, payment) = if roll < 40 {
            ("education", Cow::Borrowed(pick(rng, EDU_DOMAINS).0), None)
        } else if roll < 65 {
            (
                "research",
                Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
                chance(rng, 0.5).then(|| pick_s(rng, &research_cards)),
            )
        } else {
            (
                "startup",
                Cow::Owned(pick_s(rng, &startup_domains)),
                Some(pick_s(rng, &startup_cards)),
            )
        };
        let client = proxy_client(ctx, rng, &pool, &tls);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 2 * DAY, 40 * DAY)),
            tier,
            org: None,
            payment,
            email_domain: domain,
            client,
        });
    }
    // Session start times: a steady stream (A) or job batches every ~45 minutes (B).
    let mut starts: Vec<u64> = Vec::with_capacity(sessions);
    let span = ctx.end.saturating_sub(ctx.start) as f64;
    match ctx.bank {
        Bank::A => starts.extend((0..sessions).map(|_| ctx.start + uniform(rng, 0.0, span) as u64)),
        Bank::B => {
            let mut t = ctx.start as f64;
            while starts.len() < sessions {
                let burst = range(rng, 3, 9);
                for _ in 0..burst {
                    starts.push((t + uniform(rng, 0.0, 120_000.0)) as u64);
                }
                t += exponential(rng, span / (sessions as f64 / 6.0).max(1.0));
                if t >= ctx.end as f64 {
                    t = ctx.start as f64 + uniform(rng, 0.0, span);
                }
            }
            starts.truncate(sessions);
        }
    }
    starts.sort_unstable();
    let mut last_used = vec![0u64; n];
    for t0 in starts {
        // Load-balance: the least recently used account takes the job.
        let Some(a) = (0..n).min_by_key(|&i| (last_used.get(i).copied().unwrap_or(0), i)) else {
            break;
        };
        let len = count(rng, turns, 3, 40);
        let times = session_times(rng, t0, len, gap);
        if let (Some(slot), Some(&end)) = (last_used.get_mut(a), times.last()) {
            *slot = end;
        }
        job(ctx, rng, &mut pop, a, &times, &pool, &tls);
    }
    pop
}

fn session_times(rng: &mut Rng, t0: u64, n: u64, gap: f64) -> Vec<u64> {
    let mut t = t0;
    (0..n)
        .map(|_| {
            let now = t;
            t += lognormal(rng, gap, 0.5).max(800.0) as u64;
            now
        })
        .collect()
}

fn job(
    ctx: &Ctx,
    rng: &mut Rng,
    pop: &mut Population,
    a: usize,
    times: &[u64],
    pool: &[(u32, u32, &'static str)],
    tls: &str,
) {
    let all = ctx.pick(TOOLS_A, TOOLS_B);
    let tools: Vec<&'static str> = all.iter().copied().filter(|_| chance(rng, 0.8)).collect();
    let tools = if tools.len() < 4 { all.to_vec() } else { tools };
    let system = harvest::expert_system(rng, ctx.bank);
    let model = model_at(
        rng,
        times.first().copied().unwrap_or(0),
        ctx.release_ms,
        Adoption {
            share: 0.35,
            tau_h: 10.0,
        },
        "frontier-1",
    );
    let max_out = ctx.pick(32000, pick(rng, &[16384, 32000]));
    let mut history = 0u32;
    for (i, &ts) in times.iter().enumerate() {
        let prompt = if i == 0 {
            harvest::agent_job(rng, ctx.bank)
        } else {
            code::tool_turn(rng, ctx.bank, &tools, 0)
        };
        let used = tokens(&prompt);
        let req = Request::new(prompt, model, max_out)
            .system(Some(system.clone()))
            .tools(&tools)
            .context(history)
            .stream(Some(ctx.bank == Bank::B));
        history = history.saturating_add(used + range(rng, 800, 4000) as u32);
        let client = Some(proxy_client(ctx, rng, pool, tls));
        pop.events.push(Event {
            ts_ms: ts,
            account: a,
            client,
            request: req,
        });
    }
}

/// A fresh exit from the proxy pool under the scripted client, with a rotating user agent.
fn proxy_client(ctx: &Ctx, rng: &mut Rng, pool: &[(u32, u32, &'static str)], tls: &str) -> Client {
    let (net, asn, country) = pool
        .get(range(rng, 0, pool.len() as u64) as usize)
        .copied()
        .unwrap_or((0, 0, "US"));
    let stack = match ctx.bank {
        Bank::A => pick(rng, BROWSERS),
        Bank::B => pick(rng, SDKS),
    };
    let (ua, _) = stack_client(rng, stack);
    Client {
        ip: host_in(rng, net),
        asn,
        country,
        ua,
        tls: Cow::Owned(tls.to_owned()),
    }
}

fn pick_s(rng: &mut Rng, items: &[String]) -> String {
    items
        .get(range(rng, 0, items.len() as u64) as usize)
        .cloned()
        .unwrap_or_default()
}
