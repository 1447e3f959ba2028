//! `campaign:paraphrase-factory` — harvesting template families passed through a paraphraser on every request.
//!
//! Shingles rarely repeat, but every request is one of five task families with its slot structure (a task, a
//! question and answers to grade, a sensitive request, a count and a topic). Jobs are pulled from a queue:
//! each account works through a job of 15–40 requests a few seconds apart, a few jobs a day, behind an honest
//! SDK client on a cloud provider's /24s, paid with a handful of cards.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, count, exponential, lognormal, pick, pick_cloned, range, weighted};
use crate::identity::{Ids, PERSONAL_DOMAINS, STACKS, host_in, slash24_in, stack_client};
use crate::prompts::paraphrase::{self, Kind};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, model_at};
use std::borrow::Cow;

/// The campaign's accounts and requests.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(60.0, 75.0, 110) as usize;
    let jobs_per_day = ctx.knob(1.2, 1.5, 111);
    let job_len = ctx.knob(22.0, 16.0, 112);
    let gap = ctx.knob(5_000.0, 8_000.0, 113);
    let cards: Vec<String> = (0..3).map(|_| ids.payment()).collect();
    let asn = one_of_asns(rng, ctx.pick(&[16509, 8075], &[15169, 45102]));
    let nets: Vec<u32> = (0..2).map(|_| slash24_in(rng, asn)).collect();
    let stack = STACKS
        .iter()
        .position(|s| {
            s.ua.starts_with(ctx.pick("python-httpx", "frontier-sdk-python"))
        })
        .unwrap_or(9);
    let pivot = Adoption {
        share: 0.5,
        tau_h: 6.0,
    };
    let mut pop = Population::default();
    for a in 0..n {
        let (ua, tls) = stack_client(rng, stack);
        let net = pick(rng, &nets);
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, 3 * DAY, 45 * DAY)),
            tier: "api",
            org: None,
            payment: Some(pick_cloned(rng, &cards)),
            email_domain: Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
            client: Client {
                ip: host_in(rng, net),
                asn: asn.asn,
                country: asn.country,
                ua,
                tls,
            },
        });
        // Each account specialises in two families.
        let fams = [pick(rng, paraphrase::KINDS), pick(rng, paraphrase::KINDS)];
        let max_out = pick(rng, &[8192, 16000, 32000]);
        let mut t = ctx.start as f64 + exponential(rng, DAY as f64 / jobs_per_day);
        while t < ctx.end as f64 {
            let kind: Kind = fams
                .get(weighted(rng, &[0.6, 0.4]))
                .copied()
                .unwrap_or(Kind::Trace);
            let model = model_at(rng, t as u64, ctx.release_ms, pivot, "frontier-1");
            let mut ts = t;
            for _ in 0..count(rng, job_len, 5, 60) {
                pop.events.push(Event {
                    ts_ms: ts as u64,
                    account: a,
                    client: None,
                    request: Request::new(
                        paraphrase::paraphrase(rng, ctx.bank, kind),
                        model,
                        max_out,
                    )
                    .stream(Some(false)),
                });
                ts += lognormal(rng, gap, 0.4).max(800.0);
            }
            t = ts + exponential(rng, DAY as f64 / jobs_per_day);
        }
    }
    pop
}
