//! `campaign:reseller-network` — slow-and-low: many accounts, each a light user, hiding harvesting among cover
//! traffic behind residential and cloud proxy exits.
//!
//! What ties it together is per cluster: a TLS fingerprint, a few payment cards, one wrapper per template
//! family, and a scheduler whose waves make the cluster's accounts fire together. After the model release a
//! large share of its harvesting moves to `frontier-2` within hours.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, chance, count, exponential, lognormal, pick, range, uniform, weighted};
use crate::identity::{
    BROWSERS, Ids, Net, PERSONAL_DOMAINS, SDKS, STACKS, asn_of, company_domain, ip_in,
    scripted_tls, stack_client,
};
use crate::prompts::harvest::{self, FAMILIES, Family};
use crate::prompts::{Bank, code, everyday};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, HOUR, MIN, model_at};
use std::borrow::Cow;

struct Cluster {
    tls: Cow<'static, str>,
    /// `Some(stack)`: an honest SDK user agent; `None`: browser user agents spoofed over a scripted client.
    ua_stack: Option<usize>,
    payments: Vec<String>,
    /// Template families with the one wrapper this cluster uses for each; `None` = agentic jobs.
    templates: Vec<Option<(Family, usize)>>,
    route: &'static str,
    stream: bool,
    max_out: u32,
    hosting: bool,
    waves: Vec<u64>,
}

/// The network's clusters, accounts and requests.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(900.0, 1400.0, 80) as usize;
    let n_clusters = (ctx.knob(12.0, 18.0, 81) * ctx.factor.sqrt())
        .round()
        .max(1.0) as usize;
    let cover = ctx.knob(0.4, 0.35, 82).clamp(0.0, 0.9);
    let mean_req = ctx.knob(9.0, 7.0, 83);
    let wave_gap = ctx.knob(20.0, 25.0, 84) * MIN as f64;
    let clusters: Vec<Cluster> = (0..n_clusters)
        .map(|_| cluster(ctx, rng, ids, wave_gap))
        .collect();
    let sizes: Vec<f64> = (0..n_clusters)
        .map(|c| 1.0 / ((c + 1) as f64).powf(0.8))
        .collect();
    let pivot = Adoption {
        share: 0.55,
        tau_h: 3.0,
    };
    let drift = Adoption {
        share: 0.25,
        tau_h: 12.0,
    };
    let mut pop = Population::default();
    for a in 0..n {
        let Some(cl) = clusters.get(weighted(rng, &sizes)) else {
            continue;
        };
        let veteran = chance(rng, 0.4);
        let birth = if veteran {
            ctx.start
        } else {
            ctx.start + uniform(rng, 0.0, ctx.end.saturating_sub(ctx.start) as f64) as u64
        };
        let death = (birth + lognormal(rng, 20.0 * HOUR as f64, 0.6) as u64).min(ctx.end);
        let created = if veteran {
            ctx.start.saturating_sub(range(rng, 2 * DAY, 30 * DAY))
        } else {
            birth.saturating_sub(range(rng, 5 * MIN, 3 * HOUR))
        };
        let tier = pick(
            rng,
            &[
                "free",
                "free",
                "free",
                "pro",
                "pro",
                "pro",
                "api",
                "api",
                "api",
                "education",
                "startup",
            ],
        );
        let payment = match tier {
            "free" | "education" => None,
            _ => cl
                .payments
                .get(range(rng, 0, cl.payments.len() as u64) as usize)
                .cloned(),
        };
        let mut home = exit(rng, cl);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: created,
            tier,
            org: None,
            payment,
            email_domain: if chance(rng, 0.1) {
                Cow::Owned(company_domain(rng))
            } else {
                Cow::Borrowed(pick(rng, PERSONAL_DOMAINS))
            },
            client: home.clone(),
        });
        let lo = cl.waves.partition_point(|&w| w < birth);
        let hi = cl.waves.partition_point(|&w| w < death);
        if hi <= lo {
            continue;
        }
        let flagship = uniform(rng, 0.3, 0.9);
        for _ in 0..count(rng, mean_req, 2, 40) {
            let Some(&wave) = cl.waves.get(range(rng, lo as u64, hi as u64) as usize) else {
                continue;
            };
            let ts = wave + range(rng, 0, 45_000);
            // Residential exits are sticky for a while, then rotate.
            let client = if chance(rng, 0.3) {
                home = exit(rng, cl);
                Some(home.clone())
            } else if pop
                .accounts
                .get(a)
                .is_some_and(|acc| acc.client.ip != home.ip)
            {
                Some(home.clone())
            } else {
                None
            };
            let req = if chance(rng, cover) {
                let prompt = match weighted(rng, &[0.7, 0.15, 0.15]) {
                    0 => everyday::everyday(rng, ctx.bank),
                    1 => code::chat_question(rng, ctx.bank),
                    _ => everyday::follow_up(rng, ctx.bank),
                };
                let usual = crate::benign::usual_model(rng, flagship);
                let model = model_at(rng, ts, ctx.release_ms, drift, usual);
                let system = chance(rng, 0.2).then(|| everyday::user_system(rng, ctx.bank));
                Request::new(prompt, model, pick(rng, &[1024, 2048, 4096])).system(system)
            } else {
                let model = model_at(rng, ts, ctx.release_ms, pivot, "frontier-1");
                match pick(rng, &cl.templates) {
                    Some((f, which)) => {
                        Request::new(harvest::harvest(rng, ctx.bank, f, which), model, cl.max_out)
                    }
                    None => {
                        let tools: &[&str] =
                            &["bash", "python", "read_file", "write_file", "web_search"];
                        Request::new(harvest::agent_job(rng, ctx.bank), model, cl.max_out)
                            .system(Some(harvest::expert_system(rng, ctx.bank)))
                            .tools(tools)
                    }
                }
            };
            pop.events.push(Event {
                ts_ms: ts,
                account: a,
                client,
                request: req.route(cl.route).stream(Some(cl.stream)),
            });
        }
    }
    pop
}

fn cluster(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids, wave_gap: f64) -> Cluster {
    let scripted = chance(rng, 0.5);
    let ua_stack = (!scripted).then(|| pick(rng, SDKS));
    let tls = match ua_stack.and_then(|s| STACKS.get(s)) {
        Some(st) => Cow::Borrowed(st.tls),
        None => Cow::Owned(scripted_tls(rng)),
    };
    let mut templates: Vec<Option<(Family, usize)>> = Vec::new();
    for _ in 0..range(rng, 2, 4) {
        let f = pick(rng, FAMILIES);
        templates.push(Some((
            f,
            range(rng, 0, harvest::wrapper_count(f, ctx.bank) as u64) as usize,
        )));
    }
    if chance(rng, 0.25) {
        templates.push(None);
    }
    let mut waves = Vec::new();
    let mut t = ctx.start as f64 + uniform(rng, 0.0, wave_gap);
    while t < ctx.end as f64 {
        waves.push(t as u64);
        t += match ctx.bank {
            Bank::A => wave_gap + uniform(rng, -60_000.0, 60_000.0),
            Bank::B => exponential(rng, wave_gap).max(30_000.0),
        };
    }
    Cluster {
        tls,
        ua_stack,
        payments: (0..range(rng, 1, 4)).map(|_| ids.payment()).collect(),
        templates,
        route: if chance(rng, 0.6) {
            "/v1/chat/completions"
        } else {
            "/v1/messages"
        },
        stream: chance(rng, 0.5),
        max_out: pick(rng, &[8192, 16000, 16000, 32000]),
        hosting: chance(rng, 0.25),
        waves,
    }
}

/// A proxy exit: residential or mobile in a random country, or a cloud/hosting route.
fn exit(rng: &mut Rng, cl: &Cluster) -> Client {
    let asn = if cl.hosting {
        one_of_asns(
            rng,
            &[16509, 15169, 8075, 14061, 24940, 16276, 20473, 45102],
        )
    } else {
        let (country, _) = crate::identity::country_tz(rng);
        let net = if chance(rng, 0.2) {
            Net::Mobile
        } else {
            Net::Residential
        };
        asn_of(rng, net, Some(country))
    };
    let ua = match cl.ua_stack {
        Some(s) => stack_client(rng, s).0,
        None => {
            let s = pick(rng, BROWSERS);
            stack_client(rng, s).0
        }
    };
    Client {
        ip: ip_in(rng, asn),
        asn: asn.asn,
        country: asn.country,
        ua,
        tls: cl.tls.clone(),
    }
}
