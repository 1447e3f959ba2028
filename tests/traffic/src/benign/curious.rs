//! `benign:curious-signup` — new sign-ups curious about the model's reasoning: a first try or two, a question
//! about how it thinks (sometimes on a toy problem), a reaction to the answer, and then they stop.
//!
//! Hard for reasoning-trace detectors on fresh accounts, where no history outweighs the request itself.

use crate::Ctx;
use crate::dist::{Rng, chance, lognormal, pick, weighted};
use crate::identity::{Ids, PERSONAL_DOMAINS, home_client};
use crate::prompts::{curious, everyday};
use crate::record::{Account, Event, Population, Request};
use crate::timing::{Adoption, HOUR, MIN, model_at, session};
use std::borrow::Cow;

/// Fresh accounts, one short first session each.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(300.0, 380.0, 180);
    let delay = ctx.knob(10.0, 25.0, 181) * MIN as f64;
    let adoption = Adoption {
        share: 0.4,
        tau_h: 6.0,
    };
    let mut pop = Population::default();
    for a in 0..n as usize {
        let super::Newcomer {
            country,
            browser,
            stack,
            created,
        } = super::newcomer(ctx, rng, 0.85);
        let first = created + lognormal(rng, delay, 1.0).clamp(20_000.0, 12.0 * HOUR as f64) as u64;
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: created,
            tier: if browser { "free" } else { "api" },
            org: None,
            payment: (!browser).then(|| ids.payment()),
            email_domain: Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
            client: home_client(rng, country, stack),
        });
        let len = 2 + weighted(rng, &[3.0, 2.5, 1.5, 0.8]) as u64;
        let asked_at = weighted(rng, &[2.0, 2.0, 1.0]) as u64;
        for (i, ts) in session(rng, first, len, 70_000.0, 0.9)
            .into_iter()
            .enumerate()
        {
            let i = i as u64;
            let prompt = if i == asked_at {
                curious::question(rng, ctx.bank)
            } else if i == asked_at + 1 {
                curious::reaction(rng, ctx.bank)
            } else if i > asked_at + 1 && chance(rng, 0.3) {
                curious::question(rng, ctx.bank)
            } else {
                everyday::first_try(rng, ctx.bank)
            };
            let model = model_at(rng, ts, ctx.release_ms, adoption, "frontier-1");
            pop.events.push(Event {
                ts_ms: ts,
                account: a,
                client: None,
                request: Request::new(prompt, model, 4096).stream(Some(browser)),
            });
        }
    }
    pop
}
