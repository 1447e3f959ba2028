//! `benign:enterprise-batch` — one verified organisation running one template per job at steady high volume.
//!
//! Hard because it is templated, machine-regular, round-the-clock and shares payment and egress across
//! accounts — like a campaign — but it is one verified org with a few old service accounts, tiny outputs and
//! its own documents in the slot. The mix weight scales its request rate, never its number of orgs.

use crate::Ctx;
use crate::dist::{Rng, range, uniform};
use crate::identity::{Ids, STACKS, asn_by_number, host_in, slash24_in, stack_client};
use crate::prompts::batch;
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{DAY, MIN};
use std::borrow::Cow;

/// A few service accounts of one org; variant 0 paces each account evenly, variant 1 runs periodic batches.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n_accounts = ctx.knob(4.0, 6.0, 20).round().max(1.0) as usize;
    let org = ids.org();
    let payment = ids.payment();
    let domain = ctx.pick("globex-insurance.com", "meridian-retail.com");
    let asn = asn_by_number(ctx.pick(16509, 8075)).unwrap_or(&crate::identity::ASNS[0]);
    let net = slash24_in(rng, asn);
    let egress: Vec<u32> = (0..3).map(|_| host_in(rng, net)).collect();
    let stack = STACKS
        .iter()
        .position(|s| {
            s.ua.starts_with(ctx.pick("python-httpx", "Java-http-client"))
        })
        .unwrap_or(9);
    let jobs = batch::jobs(ctx.bank);
    let created = ctx.start.saturating_sub(range(rng, 200 * DAY, 500 * DAY));
    let mut pop = Population::default();
    for a in 0..n_accounts {
        let (ua, tls) = stack_client(rng, stack);
        let ip = egress.get(a % egress.len()).copied().unwrap_or(net | 10);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: created + range(rng, 0, 3 * DAY),
            tier: "enterprise",
            org: Some(org.clone()),
            payment: Some(payment.clone()),
            email_domain: Cow::Borrowed(domain),
            client: Client {
                ip,
                asn: asn.asn,
                country: asn.country,
                ua,
                tls,
            },
        });
        let Some(job) = jobs.get(a % jobs.len()) else {
            continue;
        };
        let system = Some(job.system.to_string());
        let push = |rng: &mut Rng, pop: &mut Population, ts: u64| {
            let req = Request::new(batch::render(rng, job), "frontier-1-mini", job.max_tokens)
                .system(system.clone())
                .stream(Some(false));
            pop.events.push(Event {
                ts_ms: ts,
                account: a,
                client: None,
                request: req,
            });
        };
        match ctx.bank {
            crate::prompts::Bank::A => {
                // Evenly paced worker: ~130 s per request per account at factor 1, ±3% jitter.
                let period = ctx.knob(130_000.0, 130_000.0, 21) / ctx.factor;
                let mut t = ctx.start as f64 + uniform(rng, 0.0, period);
                while t < ctx.end as f64 {
                    push(rng, &mut pop, t as u64);
                    t += period * uniform(rng, 0.97, 1.03);
                }
            }
            crate::prompts::Bank::B => {
                // A scheduled batch every 30 minutes per account (staggered), items 2 s apart.
                let mut every = ctx.knob(30.0, 30.0, 22) * MIN as f64;
                let items = ctx.knob(10.0, 10.0, 23) * ctx.factor;
                if items < 1.0 {
                    every /= items.max(1e-3);
                }
                let size = items.round().max(1.0) as u64;
                let mut t = ctx.start as f64 + every * a as f64 / n_accounts as f64;
                while t < ctx.end as f64 {
                    let mut s = t;
                    for _ in 0..size {
                        push(rng, &mut pop, s as u64);
                        s += uniform(rng, 1700.0, 2300.0);
                    }
                    t += every + uniform(rng, -15_000.0, 15_000.0);
                }
            }
        }
    }
    pop
}
