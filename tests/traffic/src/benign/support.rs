//! `benign:support-bot` — a company's customer-support assistant: one system prompt and tool list, a few
//! service accounts, conversations all day long.
//!
//! Hard because it is repetitive at volume (the same system prompt, tools and handful of issues) from one
//! organisation's servers. Continuity is the difference: each conversation stays on one order, and every tool
//! result answers the turn before it.

use crate::Ctx;
use crate::dist::{Rng, count, lognormal, range};
use crate::identity::{Ids, STACKS, asn_by_number, company_domain, ip_in, stack_client};
use crate::prompts::support;
use crate::prompts::tokens;
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{DAY, Rhythm, sample_time};
use std::borrow::Cow;

/// The company's service accounts and its customers' conversations.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.knob(3.0, 2.0, 170).round().max(1.0) as usize;
    let per_day = ctx.knob(300.0, 240.0, 171) * ctx.factor;
    let turns = ctx.knob(5.0, 7.0, 172);
    let domain = company_domain(rng);
    let company = domain.split('.').next().unwrap_or("Acme").to_string();
    let org = ids.org();
    let card = ids.payment();
    let asn = asn_by_number(8075).unwrap_or(&crate::identity::ASNS[0]);
    let egress: Vec<u32> = (0..2).map(|_| ip_in(rng, asn)).collect();
    let stack = STACKS
        .iter()
        .position(|s| s.ua.starts_with("frontier-sdk-python"))
        .unwrap_or(7);
    let system = support::system(ctx.bank, &company);
    let mut pop = Population::default();
    for i in 0..n {
        let (ua, tls) = stack_client(rng, stack);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 90 * DAY, 500 * DAY)),
            tier: "api",
            org: Some(org.clone()),
            payment: Some(card.clone()),
            email_domain: Cow::Owned(domain.clone()),
            client: Client {
                ip: egress.get(i % egress.len()).copied().unwrap_or(0),
                asn: asn.asn,
                country: asn.country,
                ua,
                tls,
            },
        });
    }
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY) as f64;
    let conversations = (per_day * days).round() as u64;
    for c in 0..conversations {
        // Customers in the Americas and in Europe.
        let tz = if c % 3 == 0 { 60 } else { -300 };
        let mut t = sample_time(rng, ctx.start, ctx.end, tz, Rhythm::Daytime);
        let account = (c as usize) % n;
        let mut conv = support::start(rng);
        let mut history = range(rng, 0, 400) as u32;
        for _ in 0..count(rng, turns, 2, 14) {
            let prompt = support::next(rng, ctx.bank, &mut conv);
            let used = tokens(&prompt);
            let req = Request::new(prompt, "frontier-1-mini", 1024)
                .system(Some(system.clone()))
                .tools(support::TOOLS)
                .context(history)
                .stream(Some(true));
            pop.events.push(Event {
                ts_ms: t,
                account,
                client: None,
                request: req,
            });
            history = history.saturating_add(used + range(rng, 60, 300) as u32);
            t += lognormal(rng, 20_000.0, 0.8).max(2_000.0) as u64;
        }
    }
    pop
}
