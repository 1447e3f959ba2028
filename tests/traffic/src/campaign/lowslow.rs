//! `campaign:low-and-slow` — thousands of accounts, each a light user: a few requests a day at human hours,
//! its own prepaid card, a browser client and a residential exit in its own country.
//!
//! A third to a half of the traffic is cover (everyday questions, small coding questions). The harvesting half
//! uses paraphrased, foreign-language and stock templates. What ties accounts together is weak: they were
//! created in sign-up bursts (cohorts of about 150 within an hour), each cohort with one throwaway email-domain
//! pattern, and they move together to the new model after its release.

use crate::Ctx;
use crate::benign::usual_model;
use crate::dist::{Rng, chance, pick, range, uniform, weighted};
use crate::identity::{BROWSERS, Ids, Net, asn_of, country_tz, home_client, ip_in};
use crate::prompts::harvest::{self, FAMILIES};
use crate::prompts::lingua::{self, INTENTS};
use crate::prompts::paraphrase::{self, KINDS};
use crate::prompts::{Bank, code, everyday};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, HOUR, MIN, Rhythm, model_at, sample_time};
use std::borrow::Cow;

struct Cohort {
    created: u64,
    /// Throwaway domain pattern: a stem shared by the cohort and a TLD.
    stem: &'static str,
    tld: &'static str,
}

/// A throwaway email domain in the cohort's pattern, e.g. `inbox37.xyz` (bank A) or `kavomail.top` (bank B).
fn domain(rng: &mut Rng, bank: Bank, c: &Cohort) -> String {
    match bank {
        Bank::A => format!("{}{}.{}", c.stem, range(rng, 10, 99), c.tld),
        Bank::B => {
            let syl = ["ka", "vo", "ri", "ze", "mu", "lo", "ta", "ne", "si", "pu"];
            format!("{}{}{}.{}", pick(rng, &syl), pick(rng, &syl), c.stem, c.tld)
        }
    }
}

/// The campaign's accounts and requests.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(2000.0, 1600.0, 120) as usize;
    let per_day = ctx.knob(1.6, 2.2, 121);
    let cover = ctx.knob(0.4, 0.45, 122).clamp(0.0, 0.9);
    let stems: &[&str] = ctx.pick(
        &["inbox", "mailbox", "postbox", "letterbox", "mbx"],
        &["mail", "post", "box", "msg"],
    );
    let tlds: &[&str] = &["xyz", "top", "click", "shop", "site", "online"];
    let cohorts: Vec<Cohort> = (0..n.div_ceil(150).max(1))
        .map(|i| Cohort {
            // Most cohorts sign up in the weeks before the window, the last ones during it.
            created: if i % 5 == 4 {
                ctx.start + uniform(rng, 0.0, ctx.end.saturating_sub(ctx.start) as f64 * 0.5) as u64
            } else {
                ctx.start.saturating_sub(range(rng, 2 * DAY, 40 * DAY))
            },
            stem: pick(rng, stems),
            tld: pick(rng, tlds),
        })
        .collect();
    let pivot = Adoption {
        share: 0.5,
        tau_h: 5.0,
    };
    let drift = Adoption {
        share: 0.25,
        tau_h: 12.0,
    };
    let mut pop = Population::default();
    for a in 0..n {
        let Some(c) = cohorts.get(a % cohorts.len().max(1)) else {
            continue;
        };
        let (country, tz) = country_tz(rng);
        let created = c.created + range(rng, 0, 50 * MIN);
        let stack = pick(rng, BROWSERS);
        let home = home_client(rng, country, stack);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: created,
            tier: pick(rng, &["pro", "pro", "api"]),
            org: None,
            payment: Some(ids.payment()),
            email_domain: Cow::Owned(domain(rng, ctx.bank, c)),
            client: home.clone(),
        });
        let flagship = uniform(rng, 0.3, 0.9);
        let from = ctx.start.max(created + range(rng, 10 * MIN, 6 * HOUR));
        let days = ctx.end.saturating_sub(from).div_ceil(DAY);
        for d in 0..days {
            let lo = from + d * DAY;
            let hi = (lo + DAY).min(ctx.end);
            // Poisson-ish count per day: one to four, around `per_day`.
            let k = weighted(rng, &[1.0 / per_day, 1.0, per_day / 2.0, per_day / 4.0]) as u64;
            for _ in 0..k {
                let ts = sample_time(rng, lo, hi, tz, Rhythm::Daytime);
                // Residential proxies hand out a fresh exit in the same country now and then.
                let client = chance(rng, 0.5).then(|| {
                    let asn = asn_of(rng, Net::Residential, Some(country));
                    Client {
                        ip: ip_in(rng, asn),
                        asn: asn.asn,
                        country: asn.country,
                        ..home.clone()
                    }
                });
                let req = if chance(rng, cover) {
                    let prompt = match weighted(rng, &[0.6, 0.2, 0.2]) {
                        0 => everyday::everyday(rng, ctx.bank),
                        1 => code::chat_question(rng, ctx.bank),
                        _ => everyday::first_try(rng, ctx.bank),
                    };
                    let usual = usual_model(rng, flagship);
                    let model = model_at(rng, ts, ctx.release_ms, drift, usual);
                    Request::new(prompt, model, 4096)
                } else {
                    let prompt = match weighted(rng, &[0.5, 0.25, 0.25]) {
                        0 => {
                            let kind = pick(rng, KINDS);
                            paraphrase::paraphrase(rng, ctx.bank, kind)
                        }
                        1 => {
                            let langs = lingua::languages(ctx.bank).len() as u64;
                            let lang = range(rng, 0, langs) as usize;
                            let intent = pick(rng, INTENTS);
                            lingua::prompt(rng, ctx.bank, lang, intent, 0.3)
                        }
                        _ => {
                            let f = pick(rng, FAMILIES);
                            let w =
                                range(rng, 0, harvest::wrapper_count(f, ctx.bank) as u64) as usize;
                            harvest::harvest(rng, ctx.bank, f, w)
                        }
                    };
                    let model = model_at(rng, ts, ctx.release_ms, pivot, "frontier-1");
                    Request::new(prompt, model, pick(rng, &[4096, 8192]))
                };
                pop.events.push(Event {
                    ts_ms: ts,
                    account: a,
                    client,
                    request: req.stream(Some(true)),
                });
            }
        }
    }
    pop
}
