//! `campaign:agent-mimicry` — coding-agent traffic copied from real agent products (their system prompts and
//! tool lists verbatim), but driven by a task factory that sweeps a language × capability grid.
//!
//! Sessions look like a developer's: office hours in the reseller's timezone, a task then tool results with a
//! growing context. What differs is continuity: every task names a fresh project and file, unrelated to the
//! account's previous tasks, and the grid is covered evenly across accounts. Accounts are sub-accounts of a few
//! resellers: each reseller's sub-accounts share its org, card, email domain and cloud egress.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, chance, count, lognormal, pick, range};
use crate::identity::{AGENTS, Ids, company_domain, country_tz, host_in, slash24_in, stack_client};
use crate::prompts::{code, factory, tokens};
use crate::record::{Account, Client, Event, Population};
use crate::timing::{Adoption, DAY, HOUR, MIN, Rhythm, model_at, sample_time, weekday};
use std::borrow::Cow;

struct Reseller {
    org: String,
    card: String,
    domain: String,
    nets: Vec<(u32, u32, &'static str)>,
    tz: i32,
}

/// The resellers' sub-accounts and their agent sessions.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(150.0, 200.0, 130) as usize;
    let sessions_per_day = ctx.knob(2.5, 2.0, 131);
    let turns = ctx.knob(8.0, 11.0, 132);
    let gap = ctx.knob(11_000.0, 15_000.0, 133);
    let resellers: Vec<Reseller> = (0..ctx.pick(3, 5))
        .map(|_| {
            let nets = (0..2)
                .map(|_| {
                    let asn = one_of_asns(rng, &[16509, 15169, 8075, 14061, 24940, 45102]);
                    (slash24_in(rng, asn), asn.asn, asn.country)
                })
                .collect();
            Reseller {
                org: ids.org(),
                card: ids.payment(),
                domain: company_domain(rng),
                nets,
                tz: country_tz(rng).1,
            }
        })
        .collect();
    let products = code::agent_products(ctx.bank);
    let adoption = Adoption {
        share: 0.45,
        tau_h: 8.0,
    };
    let cells = factory::cells();
    let stride = 7usize; // coprime with the grid size, so consecutive tasks land far apart
    let mut next_cell = range(rng, 0, cells as u64) as usize;
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY);
    let mut pop = Population::default();
    for a in 0..n {
        let Some(r) = resellers.get(a % resellers.len().max(1)) else {
            continue;
        };
        let (net, asn, country) = r
            .nets
            .get(range(rng, 0, r.nets.len() as u64) as usize)
            .copied()
            .unwrap_or((0, 0, "US"));
        let stack = pick(rng, AGENTS);
        let (ua, tls) = stack_client(rng, stack);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 5 * DAY, 90 * DAY)),
            tier: "api",
            org: Some(r.org.clone()),
            payment: Some(r.card.clone()),
            email_domain: Cow::Owned(r.domain.clone()),
            client: Client {
                ip: host_in(rng, net),
                asn,
                country,
                ua,
                tls,
            },
        });
        let style = range(rng, 0, products.len() as u64) as usize;
        let Some(p) = products.get(style) else {
            continue;
        };
        let max_out = pick(rng, &[16384, 32000]);
        for d in 0..days {
            let lo = ctx.start + d * DAY;
            let hi = (lo + DAY).min(ctx.end);
            let weekend = weekday(lo + 12 * HOUR, r.tz) >= 5;
            if !chance(rng, if weekend { 0.15 } else { 0.85 }) {
                continue;
            }
            for _ in 0..count(rng, sessions_per_day, 1, 6) {
                let t0 = sample_time(rng, lo, hi, r.tz, Rhythm::Office);
                let model = model_at(rng, t0, ctx.release_ms, adoption, "frontier-1");
                let cell = next_cell;
                next_cell = (next_cell + stride) % cells.max(1);
                let mut t = t0;
                let mut history = range(rng, 0, 3000) as u32;
                for i in 0..count(rng, turns, 3, 30) {
                    let prompt = if i == 0 {
                        factory::task(rng, ctx.bank, cell)
                    } else {
                        code::tool_turn(rng, ctx.bank, p.tools, style)
                    };
                    let used = tokens(&prompt);
                    let req = p.request(prompt, model, max_out, history, style);
                    pop.events.push(Event {
                        ts_ms: t,
                        account: a,
                        client: None,
                        request: req,
                    });
                    history = history.saturating_add(used + range(rng, 300, 2500) as u32);
                    t += lognormal(rng, gap, 0.8).max(1500.0) as u64;
                    if chance(rng, 0.05) {
                        t += lognormal(rng, 3.0 * MIN as f64, 0.8) as u64;
                    }
                }
            }
        }
    }
    pop
}
