//! `benign:localisation` — translation and rewriting jobs in many languages: an agency's team accounts sending
//! batches from their translation-management tool in office hours, and freelance translators in browsers.
//!
//! Hard because the text is foreign, the instruction is often "rewrite", and the agency's volume is batch-like
//! over shared billing and one office address. Continuity is the difference: each translator keeps working on
//! the same product, release and string keys.

use super::usual_max_tokens;
use crate::Ctx;
use crate::dist::{Rng, chance, count, lognormal, pick, range};
use crate::identity::{
    BROWSERS, Ids, Net, PERSONAL_DOMAINS, SDKS, asn_of, company_domain, country_tz, home_client,
    ip_in, stack_client,
};
use crate::prompts::locale::{self, Project};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{DAY, HOUR, MIN, Rhythm, sample_time, weekday};
use std::borrow::Cow;

#[rustfmt::skip]
const PRODUCTS: &[&str] = &["Ledgerly", "ShiftPilot", "Bookwise", "StockSync", "Invoicer", "Pollster", "Tripnest", "Cartwheel"];

/// The agency's team accounts and the freelancers.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let team = ctx.accounts(12.0, 9.0, 160) as usize;
    let freelancers = ctx.accounts(30.0, 40.0, 161) as usize;
    let batch = ctx.knob(25.0, 35.0, 162);
    let org = ids.org();
    let card = ids.payment();
    let domain = company_domain(rng);
    let (country, tz) = country_tz(rng);
    let office = asn_of(rng, Net::Business, None);
    let office_ip = ip_in(rng, office);
    let tms = pick(rng, SDKS);
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY);
    let mut pop = Population::default();
    for a in 0..team + freelancers {
        let agency = a < team;
        let (c, atz) = if agency {
            (country, tz)
        } else {
            country_tz(rng)
        };
        let client = if agency {
            let (ua, tls) = stack_client(rng, tms);
            Client {
                ip: office_ip,
                asn: office.asn,
                country: office.country,
                ua,
                tls,
            }
        } else {
            let stack = pick(rng, BROWSERS);
            home_client(rng, c, stack)
        };
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 30 * DAY, 700 * DAY)),
            tier: if agency { "team" } else { "pro" },
            org: agency.then(|| org.clone()),
            payment: Some(if agency { card.clone() } else { ids.payment() }),
            email_domain: if agency {
                Cow::Owned(domain.clone())
            } else {
                Cow::Borrowed(pick(rng, PERSONAL_DOMAINS))
            },
            client,
        });
        let product = pick(rng, PRODUCTS).to_string();
        let mut project: Project = locale::project(rng, product);
        for d in 0..days {
            let lo = ctx.start + d * DAY;
            let hi = (lo + DAY).min(ctx.end);
            let weekend = weekday(lo + 12 * HOUR, atz) >= 5;
            if !chance(rng, if weekend { 0.1 } else { 0.85 }) {
                continue;
            }
            if chance(rng, 0.25) {
                let product = pick(rng, PRODUCTS).to_string();
                project = locale::project(rng, product);
            }
            for _ in 0..range(rng, 1, 4) {
                let mut t = sample_time(rng, lo, hi, atz, Rhythm::Office);
                let jobs = if agency {
                    count(rng, batch, 5, 120)
                } else {
                    count(rng, 5.0, 1, 20)
                };
                for _ in 0..jobs {
                    let req = Request::new(
                        locale::job(rng, ctx.bank, &project),
                        "frontier-1",
                        usual_max_tokens(rng, !agency).max(1024),
                    )
                    .stream(Some(!agency));
                    pop.events.push(Event {
                        ts_ms: t,
                        account: a,
                        client: None,
                        request: req,
                    });
                    t += if agency {
                        lognormal(rng, 6_000.0, 0.5).max(1_000.0) as u64
                    } else {
                        lognormal(rng, 3.0 * MIN as f64, 0.8).max(20_000.0) as u64
                    };
                }
            }
        }
    }
    pop
}
