//! `benign:developer` — developers driving coding agents: tool-heavy, long outputs, bursts in working hours.
//!
//! Hard because it shares the agentic campaign's shape (tools, long outputs, long contexts, a system prompt
//! repeated verbatim across many accounts — the agent product's) and sometimes runs from cloud dev boxes.
//! Each developer works in one repository: tasks and tool results keep naming its files, and a third of the
//! sessions refer back to an earlier one.

use super::usual_model;
use crate::Ctx;
use crate::dist::{Rng, chance, count, lognormal, pick, range};
use crate::identity::{
    AGENTS, Ids, Net, PERSONAL_DOMAINS, SDKS, asn_of, company_domain, country_tz, home_client,
    ip_in,
};
use crate::prompts::{code, tokens};
use crate::record::{Account, Event, Population, Request};
use crate::timing::{Adoption, DAY, HOUR, MIN, Rhythm, model_at, sample_time, weekday};
use std::borrow::Cow;

struct Company {
    domain: String,
    org: Option<String>,
    payment: Option<String>,
    country: &'static str,
    tz: i32,
}

/// Developers, some grouped by company (shared email domain, sometimes a team org and bill).
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(110.0, 80.0, 10);
    let sessions_per_day = ctx.knob(2.5, 2.0, 11);
    let turns = ctx.knob(12.0, 20.0, 12);
    let gap = ctx.knob(12_000.0, 20_000.0, 13);
    let products = code::agent_products(ctx.bank);
    let adoption = Adoption {
        share: 0.4,
        tau_h: 12.0,
    };
    let companies: Vec<Company> = (0..(n / 4).max(1))
        .map(|_| {
            let (country, tz) = country_tz(rng);
            let team = chance(rng, 0.5);
            Company {
                domain: company_domain(rng),
                org: team.then(|| ids.org()),
                payment: team.then(|| ids.payment()),
                country,
                tz,
            }
        })
        .collect();
    let days = ctx.end.saturating_sub(ctx.start).div_ceil(DAY);
    let mut pop = Population::default();
    for a in 0..n as usize {
        let company = if chance(rng, 0.6) {
            companies.get(range(rng, 0, companies.len() as u64) as usize)
        } else {
            None
        };
        let (country, tz) = company.map_or_else(|| country_tz(rng), |c| (c.country, c.tz));
        let agent_user = chance(rng, 0.85);
        let stack = if agent_user {
            pick(rng, AGENTS)
        } else {
            pick(rng, SDKS)
        };
        let mut client = home_client(rng, country, stack);
        let remote = range(rng, 0, 100);
        if remote < 35 {
            // Cloud dev boxes and rented VPSs.
            let cloud = asn_of(
                rng,
                if remote < 25 {
                    Net::Cloud
                } else {
                    Net::Hosting
                },
                None,
            );
            client.ip = ip_in(rng, cloud);
            client.asn = cloud.asn;
            client.country = cloud.country;
        }
        let repo = code::repo(rng);
        let style = range(rng, 0, products.len() as u64) as usize;
        let product = products.get(style).map(|p| (p, style));
        let team = company.and_then(|c| c.org.clone());
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 20 * DAY, 900 * DAY)),
            tier: if team.is_some() {
                "team"
            } else {
                pick(rng, &["api", "api", "pro", "startup"])
            },
            org: team.clone(),
            payment: if team.is_some() {
                company.and_then(|c| c.payment.clone())
            } else {
                Some(ids.payment())
            },
            email_domain: company.map_or_else(
                || Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
                |c| Cow::Owned(c.domain.clone()),
            ),
            client,
        });
        let max_out = pick(rng, &[8192, 16384, 32000]);
        let flagship = pick(rng, &[0.95, 0.85, 0.6]);
        let weekend_worker = chance(rng, 0.2);
        for d in 0..days {
            let lo = ctx.start + d * DAY;
            let hi = (lo + DAY).min(ctx.end);
            let weekend = weekday(lo + 12 * HOUR, tz) >= 5;
            let p_active = match (weekend, weekend_worker) {
                (false, _) => 0.8,
                (true, true) => 0.5,
                (true, false) => 0.05,
            };
            if !chance(rng, p_active) {
                continue;
            }
            for _ in 0..count(rng, sessions_per_day, 1, 8) {
                let t0 = sample_time(
                    rng,
                    lo,
                    hi,
                    tz,
                    if weekend {
                        Rhythm::Daytime
                    } else {
                        Rhythm::Office
                    },
                );
                let usual = usual_model(rng, flagship);
                let model = model_at(rng, t0, ctx.release_ms, adoption, usual);
                match product.filter(|_| agent_user && chance(rng, 0.85)) {
                    Some((p, style)) => agent_session(
                        rng,
                        ctx,
                        &mut pop,
                        a,
                        t0,
                        (turns, gap),
                        model,
                        max_out,
                        p,
                        style,
                        &repo,
                    ),
                    None => {
                        let mut t = t0;
                        for _ in 0..range(rng, 1, 5) {
                            let req = Request::new(
                                code::chat_question(rng, ctx.bank),
                                model,
                                max_out.min(8192),
                            )
                            .stream(Some(chance(rng, 0.5)));
                            pop.events.push(Event {
                                ts_ms: t,
                                account: a,
                                client: None,
                                request: req,
                            });
                            t += lognormal(rng, 2.0 * MIN as f64, 0.8) as u64;
                        }
                    }
                }
            }
        }
    }
    pop
}

/// One agent loop: a task, then tool results fed back with growing context.
#[allow(clippy::too_many_arguments)]
fn agent_session(
    rng: &mut Rng,
    ctx: &Ctx,
    pop: &mut Population,
    a: usize,
    t0: u64,
    (turns, gap): (f64, f64),
    model: &'static str,
    max_out: u32,
    p: &code::AgentProduct,
    style: usize,
    repo: &code::Repo,
) {
    let len = count(rng, turns, 2, 80);
    let mut t = t0;
    let mut history = range(rng, 0, 4000) as u32;
    for i in 0..len {
        let prompt = if i == 0 {
            code::agent_task_in(rng, ctx.bank, repo)
        } else {
            code::tool_turn_in(rng, ctx.bank, p.tools, style, Some(repo))
        };
        let used = tokens(&prompt);
        let req = p.request(prompt, model, max_out, history, style);
        pop.events.push(Event {
            ts_ms: t,
            account: a,
            client: None,
            request: req,
        });
        history = history.saturating_add(used + range(rng, 200, 2500) as u32);
        if history > 160_000 {
            history = range(rng, 15_000, 30_000) as u32;
        }
        t += lognormal(rng, gap, 0.9).max(1500.0) as u64;
        if chance(rng, 0.08) {
            t += lognormal(rng, 4.0 * MIN as f64, 0.8) as u64;
        }
    }
}
