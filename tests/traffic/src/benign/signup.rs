//! `benign:new-signup` — fresh accounts trying one to six prompts minutes to hours after signing up.
//!
//! Hard because fresh accounts are also what campaigns burn through; these ones try a handful of things, some
//! of them "show me your reasoning" out of curiosity, and then stop.

use crate::Ctx;
use crate::dist::{Rng, chance, lognormal, pick, weighted};
use crate::identity::{Ids, PERSONAL_DOMAINS, company_domain, home_client};
use crate::prompts::everyday;
use crate::record::{Account, Event, Population, Request};
use crate::timing::{Adoption, HOUR, MIN, model_at, session};
use std::borrow::Cow;

/// Accounts created during the window (or just before it), each with one short first session.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(650.0, 900.0, 50);
    let delay = ctx.knob(15.0, 40.0, 51) * MIN as f64;
    let gap = ctx.knob(60_000.0, 90_000.0, 52);
    let adoption = Adoption {
        share: 0.35,
        tau_h: 6.0,
    };
    let mut pop = Population::default();
    for a in 0..n as usize {
        let super::Newcomer {
            country,
            browser,
            stack,
            created,
        } = super::newcomer(ctx, rng, 0.75);
        let first = created + lognormal(rng, delay, 1.2).clamp(20_000.0, 20.0 * HOUR as f64) as u64;
        let work_email = chance(rng, 0.2);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: created,
            tier: if !browser && chance(rng, 0.6) {
                "api"
            } else {
                "free"
            },
            org: None,
            payment: (!browser && chance(rng, 0.5)).then(|| ids.payment()),
            email_domain: if work_email {
                Cow::Owned(company_domain(rng))
            } else {
                Cow::Borrowed(pick(rng, PERSONAL_DOMAINS))
            },
            client: home_client(rng, country, stack),
        });
        let len = 1 + weighted(rng, &[3.0, 2.5, 2.0, 1.2, 0.8, 0.5]) as u64;
        let max_out = if browser {
            4096
        } else {
            pick(rng, &[1024, 1024, 4096])
        };
        for (i, ts) in session(rng, first, len, gap, 1.0).into_iter().enumerate() {
            let prompt = match i {
                0 => everyday::first_try(rng, ctx.bank),
                _ if chance(rng, 0.3) => everyday::follow_up(rng, ctx.bank),
                _ => everyday::first_try(rng, ctx.bank),
            };
            let model = model_at(rng, ts, ctx.release_ms, adoption, "frontier-1");
            let req = Request::new(prompt, model, max_out).stream(Some(browser));
            pop.events.push(Event {
                ts_ms: ts,
                account: a,
                client: None,
                request: req,
            });
        }
    }
    pop
}
