//! `benign:eval-harness` — a verified enterprise organisation's evaluation harness: LLM-as-judge prompts
//! ("act as an impartial judge … rate the response 1 to 10"), long-context benchmark items and multiple-choice
//! items, in runs of hundreds of items from a few service accounts.
//!
//! Hard because it is grading-shaped, templated and heavy, and it moves to the new model the day it ships
//! (that is what evaluation teams do). The organisation is [`VERIFIED_EVAL_ORG`], listed in
//! `policies/verified-orgs.txt` so that the default policy knows it, whatever the seed.

use crate::Ctx;
use crate::dist::{Rng, exponential, pick, range, uniform};
use crate::identity::{Ids, STACKS, asn_by_number, company_domain, ip_in, stack_client};
use crate::prompts::judge;
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{DAY, HOUR, NEW_MODEL, Rhythm, sample_time};
use std::borrow::Cow;

/// The harness's organisation id: fixed across seeds and listed in `policies/verified-orgs.txt`.
pub const VERIFIED_EVAL_ORG: &str = "org-e7a1c0ffee";

/// The harness's service accounts and runs.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.knob(4.0, 6.0, 140).round().max(1.0) as usize;
    let runs_per_day = ctx.knob(3.0, 4.0, 141) * ctx.factor;
    let items = ctx.knob(450.0, 350.0, 142);
    let pace = ctx.knob(900.0, 1300.0, 143);
    let asn = asn_by_number(16509).unwrap_or(&crate::identity::ASNS[0]);
    let egress: Vec<u32> = (0..2).map(|_| ip_in(rng, asn)).collect();
    let stack = STACKS
        .iter()
        .position(|s| s.ua.starts_with("python-httpx"))
        .unwrap_or(9);
    let domain = company_domain(rng);
    let card = ids.payment();
    let mut pop = Population::default();
    for i in 0..n {
        let (ua, tls) = stack_client(rng, stack);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 60 * DAY, 400 * DAY)),
            tier: "enterprise",
            org: Some(VERIFIED_EVAL_ORG.to_string()),
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
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY);
    let total_runs = (runs_per_day * days as f64).round().max(1.0) as u64;
    for _ in 0..total_runs {
        // Runs are started by engineers in office hours or by the nightly scheduler.
        let t0 = if range(rng, 0, 3) == 0 {
            let d = range(rng, 0, days);
            ctx.start + d * DAY + 2 * HOUR + range(rng, 0, 20 * 60_000)
        } else {
            sample_time(rng, ctx.start, ctx.end, -300, Rhythm::Office)
        };
        let model = if t0 >= ctx.release_ms && range(rng, 0, 10) < 6 {
            NEW_MODEL
        } else {
            pick(rng, &["frontier-1", "frontier-1", "frontier-1-mini"])
        };
        let kind = range(rng, 0, 10);
        let count = (items * uniform(rng, 0.5, 1.5)) as u64;
        let mut t = t0 as f64;
        for k in 0..count {
            let account = (k as usize) % n;
            let req = match kind {
                0..=5 => Request::new(judge::judge(rng, ctx.bank), model, 1024)
                    .system(Some(judge::judge_system(ctx.bank).to_string())),
                6 | 7 => {
                    let (prompt, extra) = judge::long_context(rng, ctx.bank);
                    Request::new(prompt, model, 512).context(extra)
                }
                _ => Request::new(judge::multiple_choice(rng, ctx.bank), model, 16),
            };
            pop.events.push(Event {
                ts_ms: t as u64,
                account,
                client: None,
                request: req.stream(Some(false)),
            });
            t += exponential(rng, pace).max(50.0);
        }
    }
    pop
}
