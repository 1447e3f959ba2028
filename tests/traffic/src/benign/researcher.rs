//! `benign:researcher` — researchers and students asking for step-by-step reasoning on single problems.
//!
//! Hard because they ask for exactly what the reasoning campaign harvests ("show your reasoning", "think step
//! by step"), a few TAs grade answers against rubrics, and a few run small evaluation sweeps from scripts at a
//! regular pace. What they lack is fleet-wide templating, shared payment and round-the-clock load balancing.

use crate::Ctx;
use crate::dist::{Rng, chance, count, pick, range, uniform, weighted};
use crate::identity::{
    BROWSERS, EDU_DOMAINS, Ids, Net, PERSONAL_DOMAINS, SDKS, asn_by_number, asn_of, ip_in,
    stack_client, tz_of,
};
use crate::prompts::{everyday, problems};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, Rhythm, model_at, sample_time, session};
use std::borrow::Cow;

/// University accounts (education or research tier) in their campus timezones.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(220.0, 300.0, 40);
    let mean_req = ctx.knob(14.0, 11.0, 41);
    let gap = ctx.knob(150_000.0, 100_000.0, 42);
    let adoption = Adoption {
        share: 0.3,
        tau_h: 24.0,
    };
    let mut pop = Population::default();
    for a in 0..n as usize {
        let (domain, campus_asn) = pick(rng, EDU_DOMAINS);
        let campus = asn_by_number(campus_asn).unwrap_or(&crate::identity::ASNS[0]);
        let asn = if chance(rng, 0.6) {
            campus
        } else {
            asn_of(rng, Net::Residential, Some(campus.country))
        };
        let scripted = chance(rng, 0.3);
        let stack = if scripted {
            pick(rng, SDKS)
        } else {
            pick(rng, BROWSERS)
        };
        let (ua, tls) = stack_client(rng, stack);
        let route = if scripted && chance(rng, 0.5) {
            "/v1/chat/completions"
        } else {
            "/v1/messages"
        };
        let tier = if chance(rng, 0.6) {
            "education"
        } else {
            "research"
        };
        let tz = tz_of(campus.country);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 5 * DAY, 800 * DAY)),
            tier,
            org: None,
            payment: chance(rng, 0.5).then(|| ids.payment()),
            email_domain: Cow::Borrowed(if chance(rng, 0.9) {
                domain
            } else {
                pick(rng, PERSONAL_DOMAINS)
            }),
            client: Client {
                ip: ip_in(rng, asn),
                asn: asn.asn,
                country: asn.country,
                ua,
                tls,
            },
        });
        let max_out = pick(rng, &[2048, 4096, 8192, 8192, 16000]);
        let flagship = uniform(rng, 0.6, 1.0);
        if scripted && tier == "research" && chance(rng, 0.3) {
            sweep(ctx, rng, &mut pop, a, tz, max_out);
        }
        let mut left = count(rng, mean_req, 1, 120);
        while left > 0 {
            let len = (1 + weighted(rng, &[2.0, 2.0, 1.5, 1.0, 0.5, 0.3]) as u64).min(left);
            left -= len;
            let t0 = sample_time(rng, ctx.start, ctx.end, tz, Rhythm::Late);
            let usual = super::usual_model(rng, flagship);
            let model = model_at(rng, t0, ctx.release_ms, adoption, usual);
            for (i, ts) in session(rng, t0, len, gap, 0.8).into_iter().enumerate() {
                let prompt = match (i, weighted(rng, &[0.8, 0.06, 0.14])) {
                    (0, 0) => format!(
                        "{}{}",
                        problems::problem(rng, ctx.bank),
                        problems::researcher_tail(rng, ctx.bank)
                    ),
                    (0, 1) => problems::ta_grading(rng, ctx.bank),
                    (0, _) => everyday::everyday(rng, ctx.bank),
                    _ => problems::researcher_follow_up(rng, ctx.bank),
                };
                let req = Request::new(prompt, model, max_out)
                    .route(route)
                    .stream(Some(!scripted));
                pop.events.push(Event {
                    ts_ms: ts,
                    account: a,
                    client: None,
                    request: req,
                });
            }
        }
    }
    pop
}

/// A small evaluation sweep: one script, one instruction, a few dozen problems at a steady pace.
fn sweep(ctx: &Ctx, rng: &mut Rng, pop: &mut Population, a: usize, tz: i32, max_out: u32) {
    let n = range(rng, 20, 120);
    let pace = uniform(rng, 4_000.0, 15_000.0);
    let tail = problems::researcher_tail(rng, ctx.bank);
    let mut t = sample_time(rng, ctx.start, ctx.end, tz, Rhythm::Late) as f64;
    for _ in 0..n {
        let req = Request::new(
            format!("{}{tail}", problems::problem(rng, ctx.bank)),
            "frontier-1",
            max_out,
        )
        .stream(Some(false));
        pop.events.push(Event {
            ts_ms: t as u64,
            account: a,
            client: None,
            request: req,
        });
        t += pace * uniform(rng, 0.8, 1.25);
    }
}
