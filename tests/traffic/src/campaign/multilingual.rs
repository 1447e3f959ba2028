//! `campaign:multilingual-harvest` — the harvesting intents of SIGNALS.md (reasoning traces, rubric grading,
//! "safe" rewrites, training data) asked in other languages and in mixed-language prompts.
//!
//! Each account has a main language and strays into others; a third of prompts mix languages (a wrapper in one
//! language around a task in English or another language). Shared infrastructure as the other pool campaigns
//! (a few cards, a scripted client behind one SDK user agent, a hosting provider's /24s), round-the-clock
//! Poisson traffic, and half of the harvesting moved to the new model within hours of its release.

use super::one_of_asns;
use crate::Ctx;
use crate::dist::{Rng, chance, exponential, pick, pick_cloned, range, weighted};
use crate::identity::{
    Ids, PERSONAL_DOMAINS, SDKS, host_in, scripted_tls, slash24_in, stack_client,
};
use crate::prompts::lingua::{self, Intent};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, model_at};
use std::borrow::Cow;

/// The campaign's accounts and requests.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(60.0, 80.0, 100) as usize;
    let per_day = ctx.knob(30.0, 24.0, 101);
    let mixed = ctx.knob(0.3, 0.4, 102).clamp(0.0, 1.0);
    let cards: Vec<String> = (0..n.div_ceil(12).max(2)).map(|_| ids.payment()).collect();
    let asn = one_of_asns(rng, ctx.pick(&[24940, 16276], &[63949, 20473]));
    let nets: Vec<u32> = (0..3).map(|_| slash24_in(rng, asn)).collect();
    let tls: Cow<'static, str> = Cow::Owned(scripted_tls(rng));
    let sdk = pick(rng, SDKS);
    let langs = lingua::languages(ctx.bank).len();
    let pivot = Adoption {
        share: 0.5,
        tau_h: 4.0,
    };
    let exit = |rng: &mut Rng| {
        let net = pick(rng, &nets);
        Client {
            ip: host_in(rng, net),
            asn: asn.asn,
            country: asn.country,
            ua: stack_client(rng, sdk).0,
            tls: tls.clone(),
        }
    };
    let mut pop = Population::default();
    for a in 0..n {
        let main = range(rng, 0, langs as u64) as usize;
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, DAY, 20 * DAY)),
            tier: pick(rng, &["pro", "api", "api"]),
            org: None,
            payment: Some(pick_cloned(rng, &cards)),
            email_domain: Cow::Borrowed(pick(rng, PERSONAL_DOMAINS)),
            client: exit(rng),
        });
        let max_out = pick(rng, &[16000, 32000]);
        let mut t = ctx.start as f64 + exponential(rng, DAY as f64 / per_day);
        while t < ctx.end as f64 {
            let ts = t as u64;
            let lang = if chance(rng, 0.7) {
                main
            } else {
                range(rng, 0, langs as u64) as usize
            };
            let intent = [Intent::Trace, Intent::Grade, Intent::Rewrite, Intent::Data]
                .get(weighted(rng, &[0.4, 0.25, 0.15, 0.2]))
                .copied()
                .unwrap_or(Intent::Trace);
            let prompt = lingua::prompt(rng, ctx.bank, lang, intent, mixed);
            let model = model_at(rng, ts, ctx.release_ms, pivot, "frontier-1");
            let client = chance(rng, 0.5).then(|| exit(rng));
            pop.events.push(Event {
                ts_ms: ts,
                account: a,
                client,
                request: Request::new(prompt, model, max_out)
                    .route(ctx.pick("/v1/messages", "/v1/chat/completions"))
                    .stream(Some(false)),
            });
            t += exponential(rng, DAY as f64 / per_day);
        }
    }
    pop
}
