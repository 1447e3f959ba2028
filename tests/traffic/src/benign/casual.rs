//! `benign:casual` — many light users with everyday prompts, in their own timezone's daytime.

use super::{usual_max_tokens, usual_model};
use crate::Ctx;
use crate::dist::{Rng, chance, count, pick, range, weighted};
use crate::identity::{
    BROWSERS, Ids, Net, PERSONAL_DOMAINS, SDKS, asn_of, country_tz, home_client, ip_in,
};
use crate::prompts::everyday;
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, Rhythm, model_at, sample_time, session};
use std::borrow::Cow;

/// Light users: 1 to a few dozen requests each, mostly in short conversations during their waking hours.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(1500.0, 1900.0, 1);
    let mean_req = ctx.knob(6.0, 4.5, 2);
    let gap = ctx.knob(70_000.0, 150_000.0, 3);
    let adoption = Adoption {
        share: 0.2,
        tau_h: 30.0,
    };
    let mut pop = Population::default();
    for a in 0..n as usize {
        let (country, tz) = country_tz(rng);
        let browser = chance(rng, 0.85);
        let stack = if browser {
            pick(rng, BROWSERS)
        } else {
            pick(rng, SDKS)
        };
        let mut client = home_client(rng, country, stack);
        if chance(rng, 0.07) {
            // A consumer VPN: the exit is a hosting provider, as for many proxies.
            let vpn = asn_of(rng, Net::Hosting, None);
            client = Client {
                ip: ip_in(rng, vpn),
                asn: vpn.asn,
                country: vpn.country,
                ..client
            };
        }
        let flagship = if chance(rng, 0.5) { 0.8 } else { 0.2 };
        let max_out = usual_max_tokens(rng, browser);
        let system = (!browser && chance(rng, 0.4)).then(|| everyday::user_system(rng, ctx.bank));
        // Scripts built on OpenAI-compatible libraries use the compatibility route.
        let route = if !browser && chance(rng, 0.45) {
            "/v1/chat/completions"
        } else {
            "/v1/messages"
        };
        let tier = if chance(rng, 0.3) { "pro" } else { "free" };
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 2 * DAY, 700 * DAY)),
            tier,
            org: None,
            payment: (tier == "pro").then(|| ids.payment()),
            email_domain: Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
            client: client.clone(),
        });
        let mut left = count(rng, mean_req, 1, 60);
        while left > 0 {
            let len = (1 + weighted(rng, &[4.0, 2.5, 1.5, 1.0, 0.5]) as u64).min(left);
            left -= len;
            let t0 = sample_time(rng, ctx.start, ctx.end, tz, Rhythm::Daytime);
            let away = chance(rng, 0.1).then(|| mobile(rng, &client));
            for (i, ts) in session(rng, t0, len, gap, 0.8).into_iter().enumerate() {
                let prompt = if i == 0 {
                    everyday::everyday(rng, ctx.bank)
                } else {
                    everyday::follow_up(rng, ctx.bank)
                };
                let usual = usual_model(rng, flagship);
                let model = model_at(rng, ts, ctx.release_ms, adoption, usual);
                let req = Request::new(prompt, model, max_out)
                    .system(system.clone())
                    .stream(Some(browser || chance(rng, 0.3)));
                let req = req.route(route);
                pop.events.push(Event {
                    ts_ms: ts,
                    account: a,
                    client: away.clone(),
                    request: req,
                });
            }
        }
    }
    pop
}

/// The same device on a mobile network.
fn mobile(rng: &mut Rng, home: &Client) -> Client {
    let asn = asn_of(rng, Net::Mobile, Some(home.country));
    Client {
        ip: ip_in(rng, asn),
        asn: asn.asn,
        country: asn.country,
        ..home.clone()
    }
}
