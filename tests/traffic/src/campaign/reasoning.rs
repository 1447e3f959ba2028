//! `campaign:reasoning-harvest` — a pool of fresh-ish accounts on a few shared cards, driven by one scheduler.
//!
//! Harvests chain-of-thought, reward-model grades, preferences and "safe" rewrites with templated prompts and
//! large output caps, round the clock. Variant 0 load-balances round-robin on a fixed tick; variant 1 runs
//! each account on a fixed period with staggered phases and fleet-wide pauses. Banned accounts are replaced at
//! once by new accounts on the same cards.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, lognormal, pick, range, uniform, weighted};
use crate::identity::{Ids, PERSONAL_DOMAINS, STACKS, host_in, ip_in, slash24_in, stack_client};
use crate::prompts::Bank;
use crate::prompts::harvest::{self, Family};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, HOUR, MIN, model_at};
use std::borrow::Cow;

/// One pool slot's succession of accounts: (account index, in service until).
type Slot = Vec<(usize, u64)>;

/// The campaign's accounts and requests.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let slots = ctx.accounts(60.0, 90.0, 60) as usize;
    let n_pay = ((slots as f64 / ctx.knob(20.0, 18.0, 61)).ceil() as usize)
        .clamp(1, slots.max(2))
        .max(2);
    let payments: Vec<String> = (0..n_pay).map(|_| ids.payment()).collect();
    let stack = STACKS
        .iter()
        .position(|s| s.ua.starts_with(ctx.pick("python-httpx", "axios")))
        .unwrap_or(9);
    let (ua, tls) = stack_client(rng, stack);
    let asn = one_of_asns(rng, ctx.pick(&[14061, 24940], &[15169]));
    let egress: Vec<u32> = match ctx.bank {
        Bank::A => (0..6).map(|_| ip_in(rng, asn)).collect(),
        Bank::B => {
            let net = slash24_in(rng, asn);
            (0..24).map(|_| host_in(rng, net)).collect()
        }
    };
    let life = ctx.knob(30.0, 20.0, 62) * HOUR as f64;
    let mut pop = Population::default();
    let mut table: Vec<Slot> = Vec::with_capacity(slots);
    for s in 0..slots {
        let mut chain = Vec::new();
        let mut from = ctx.start;
        while from < ctx.end {
            let until = from + lognormal(rng, life, 0.5).max(HOUR as f64) as u64;
            let created = if from == ctx.start {
                ctx.start.saturating_sub(range(rng, DAY, 12 * DAY))
            } else {
                from.saturating_sub(range(rng, 2 * MIN, 30 * MIN))
            };
            let ip = egress
                .get((s + chain.len()) % egress.len().max(1))
                .copied()
                .unwrap_or(0);
            pop.accounts.push(Account {
                id: ids.account(),
                created_ms: created,
                tier: ctx.pick(
                    pick(rng, &["pro", "api"]),
                    pick(rng, &["free", "pro", "api", "api"]),
                ),
                org: None,
                payment: Some(pick_string(rng, &payments)),
                email_domain: Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
                client: Client {
                    ip,
                    asn: asn.asn,
                    country: asn.country,
                    ua: ua.clone(),
                    tls: tls.clone(),
                },
            });
            chain.push((pop.accounts.len() - 1, until));
            from = until;
        }
        table.push(chain);
    }
    let emit = |rng: &mut Rng, pop: &mut Population, slot: usize, ts: u64| {
        let Some(a) = table
            .get(slot)
            .and_then(|c| c.iter().find(|(_, until)| ts < *until))
            .map(|x| x.0)
        else {
            return;
        };
        pop.events.push(Event {
            ts_ms: ts,
            account: a,
            client: None,
            request: request(ctx, rng, ts),
        });
    };
    match ctx.bank {
        Bank::A => {
            // One dispatcher, round-robin over the pool: each account fires every `slots × tick`.
            let tick = ctx.knob(2400.0, 2400.0, 63) * 1000.0 / slots as f64;
            let mut t = ctx.start as f64 + uniform(rng, 0.0, tick);
            let mut k = 0usize;
            while t < ctx.end as f64 {
                emit(rng, &mut pop, k % slots, t as u64);
                k += 1;
                t += tick * uniform(rng, 0.98, 1.02);
            }
        }
        Bank::B => {
            // Each account on a fixed period, phases staggered; the whole fleet pauses 1 h in every 6 h.
            let period = ctx.knob(75.0, 75.0, 64) * MIN as f64;
            for s in 0..slots {
                let mut t = ctx.start as f64 + period * s as f64 / slots as f64;
                while t < ctx.end as f64 {
                    if (t as u64).saturating_sub(ctx.start) % (6 * HOUR) < 5 * HOUR {
                        emit(rng, &mut pop, s, t as u64);
                    }
                    t += period * uniform(rng, 0.985, 1.015);
                }
            }
        }
    }
    pop
}

fn pick_string(rng: &mut Rng, items: &[String]) -> String {
    items
        .get(range(rng, 0, items.len() as u64) as usize)
        .cloned()
        .unwrap_or_default()
}

/// One harvesting request.
fn request(ctx: &Ctx, rng: &mut Rng, ts: u64) -> Request {
    let fams = [
        Family::Cot,
        Family::Rubric,
        Family::Pairwise,
        Family::SafeRewrite,
    ];
    let w = ctx.pick([0.5, 0.22, 0.13, 0.15], [0.45, 0.25, 0.15, 0.15]);
    let f = fams.get(weighted(rng, &w)).copied().unwrap_or(Family::Cot);
    let which = range(rng, 0, harvest::wrapper_count(f, ctx.bank) as u64) as usize;
    let prompt = harvest::harvest(rng, ctx.bank, f, which);
    let model = model_at(
        rng,
        ts,
        ctx.release_ms,
        Adoption {
            share: 0.3,
            tau_h: 8.0,
        },
        "frontier-1",
    );
    let max_out = ctx.pick(
        pick(rng, &[16000, 32000]),
        pick(rng, &[20000, 32000, 64000]),
    );
    let system = match ctx.bank {
        Bank::A => None,
        Bank::B => Some("You are a meticulous assistant. Never skip steps.".to_string()),
    };
    Request::new(prompt, model, max_out)
        .system(system)
        .route(ctx.pick("/v1/messages", "/v1/chat/completions"))
        .stream(Some(false))
}
