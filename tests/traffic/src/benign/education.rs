//! `benign:education-platform` — many student accounts under one tutoring platform's organisation, asking for
//! step-by-step explanations in several languages through the platform's backend.
//!
//! Hard because it shares a campaign's infrastructure shape (hundreds of accounts, one org, one bill, the
//! platform's few egress addresses, one system prompt verbatim) and asks for explanations step by step, in
//! eight languages. Schools onboard a class at a time, so students sign up in bursts of about thirty, with the
//! platform's email domain, and then ask alike (a sign-up cohort that is not a campaign). What differs: human
//! rhythm in each student's timezone and conversations that stay on one exercise (the follow-ups name it).

use crate::Ctx;
use crate::dist::{Rng, chance, count, lognormal, pick, range, weighted};
use crate::identity::{Ids, STACKS, asn_by_number, company_domain, ip_in, stack_client, tz_of};
use crate::prompts::tutor;
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{DAY, MIN, Rhythm, sample_time};
use std::borrow::Cow;

/// Countries of the students of each tutoring language (same order as `tutor`'s languages).
const COUNTRY_OF: &[&str] = &["US", "MX", "BR", "FR", "DE", "ES", "VN", "TR"];

/// The platform's students and their tutoring conversations.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(450.0, 350.0, 150) as usize;
    let p_active = ctx.knob(0.55, 0.65, 151).clamp(0.0, 1.0);
    let follow = ctx.knob(2.5, 3.5, 152);
    let platform = pick(rng, &["Brightpath", "Mathsy", "LearnLoop", "Tutorly"]);
    let org = ids.org();
    let card = ids.payment();
    let domain = company_domain(rng);
    let asn = asn_by_number(15169).unwrap_or(&crate::identity::ASNS[0]);
    let egress: Vec<u32> = (0..3).map(|_| ip_in(rng, asn)).collect();
    let stack = STACKS
        .iter()
        .position(|s| s.ua.starts_with("frontier-sdk-typescript"))
        .unwrap_or(8);
    let system = tutor::system(ctx.bank, platform);
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY);
    // Classes of about thirty: one language, onboarded together during a school day.
    let classes: Vec<(usize, u64)> = (0..n.div_ceil(30).max(1))
        .map(|_| {
            let lang =
                weighted(rng, &[3.0, 1.5, 1.5, 1.0, 1.0, 0.6, 0.6, 0.6]).min(tutor::count() - 1);
            let tz = tz_of(COUNTRY_OF.get(lang).copied().unwrap_or("US"));
            let day = ctx.start.saturating_sub(range(rng, 7, 300) * DAY);
            (lang, sample_time(rng, day, day + DAY, tz, Rhythm::Office))
        })
        .collect();
    let mut pop = Population::default();
    for a in 0..n {
        let (lang, onboard) = classes.get(a / 30).copied().unwrap_or((0, ctx.start));
        let tz = tz_of(COUNTRY_OF.get(lang).copied().unwrap_or("US"));
        let (ua, tls) = stack_client(rng, stack);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: onboard + range(rng, 0, 40 * MIN),
            tier: "education",
            org: Some(org.clone()),
            payment: Some(card.clone()),
            email_domain: Cow::Owned(domain.clone()),
            client: Client {
                ip: pick(rng, &egress),
                asn: asn.asn,
                country: asn.country,
                ua,
                tls,
            },
        });
        for d in 0..days {
            if !chance(rng, p_active) {
                continue;
            }
            let lo = ctx.start + d * DAY;
            let hi = (lo + DAY).min(ctx.end);
            for _ in 0..range(rng, 1, 3) {
                let mut t = sample_time(rng, lo, hi, tz, Rhythm::Late);
                let exercise = tutor::exercise(rng);
                let mut history = 0u32;
                for i in 0..1 + count(rng, follow, 0, 8) {
                    let prompt = if i == 0 {
                        tutor::ask(rng, ctx.bank, lang, &exercise)
                    } else {
                        tutor::follow_up(rng, lang, &exercise)
                    };
                    let used = crate::prompts::tokens(&prompt);
                    let req = Request::new(prompt, "frontier-1-mini", 2048)
                        .system(Some(system.clone()))
                        .context(history)
                        .stream(Some(true));
                    pop.events.push(Event {
                        ts_ms: t,
                        account: a,
                        client: Some(client_at(rng, &pop, a, &egress)),
                        request: req,
                    });
                    history = history.saturating_add(used + range(rng, 150, 600) as u32);
                    t += lognormal(rng, 1.5 * MIN as f64, 0.7).max(10_000.0) as u64;
                }
            }
        }
    }
    pop
}

/// The account's client behind one of the platform's egress addresses (the backend load-balances).
fn client_at(rng: &mut Rng, pop: &Population, a: usize, egress: &[u32]) -> Client {
    let mut c = pop
        .accounts
        .get(a)
        .map(|x| x.client.clone())
        .unwrap_or_else(|| Client {
            ip: 0,
            asn: 0,
            country: "US",
            ua: Cow::Borrowed("node"),
            tls: Cow::Borrowed(""),
        });
    c.ip = pick(rng, egress);
    c
}
