//! `benign:corporate-nat` — hundreds of employees of one company behind two egress addresses.
//!
//! Hard because hundreds of accounts share two IPs, one email domain, one org and one team bill — the
//! infrastructure-sharing signature of a campaign — while the traffic itself is varied office work.

use crate::Ctx;
use crate::dist::{Rng, chance, count, pick, range, weighted};
use crate::identity::{
    AGENTS, Ids, OFFICE_BROWSERS, SDKS, asn_by_number, host_in, scripted_tls, slash24_in,
    stack_client,
};
use crate::prompts::{code, everyday, work};
use crate::record::{Account, Client, Event, Population, Request};
use crate::timing::{Adoption, DAY, Rhythm, model_at, sample_time, session};
use std::borrow::Cow;

/// Employees in one office timezone, working hours on weekdays, all egressing through the company NAT.
pub(crate) fn generate(ctx: &Ctx, rng: &mut Rng, ids: &mut Ids) -> Population {
    let n = ctx.accounts(320.0, 450.0, 30);
    let mean_req = ctx.knob(9.0, 7.0, 31);
    let gap = ctx.knob(90_000.0, 60_000.0, 32);
    let org = ids.org();
    let payment = ids.payment();
    let domain = ctx.pick("initech.com", "vandelay-industries.com");
    let tz = ctx.pick(-300, 60);
    let asn = asn_by_number(ctx.pick(6461, 174)).unwrap_or(&crate::identity::ASNS[0]);
    let net = slash24_in(rng, asn);
    let egress = [host_in(rng, net), host_in(rng, net)];
    // The office's TLS-inspecting proxy re-originates every connection: one rare fingerprint under many user
    // agents, as with a scripted client spoofing browsers.
    let tls: Cow<'static, str> = Cow::Owned(scripted_tls(rng));
    let adoption = Adoption {
        share: 0.15,
        tau_h: 48.0,
    };
    let mut pop = Population::default();
    for a in 0..n as usize {
        let kind = weighted(rng, &[0.85, 0.1, 0.05]);
        let stack = match kind {
            0 => pick(rng, OFFICE_BROWSERS),
            1 => pick(rng, SDKS),
            _ => pick(rng, AGENTS),
        };
        let (ua, _) = stack_client(rng, stack);
        let home = Client {
            ip: egress[0],
            asn: asn.asn,
            country: asn.country,
            ua,
            tls: tls.clone(),
        };
        pop.accounts.push(Account {
            id: ids.account(),
            created_ms: ctx.start.saturating_sub(range(rng, DAY / 2, 900 * DAY)),
            tier: "team",
            org: Some(org.clone()),
            payment: Some(payment.clone()),
            email_domain: Cow::Borrowed(domain),
            client: home.clone(),
        });
        let flagship = if chance(rng, 0.7) { 0.9 } else { 0.3 };
        let mut left = count(rng, mean_req, 1, 80);
        while left > 0 {
            let len = (1 + weighted(rng, &[3.0, 2.0, 1.0, 0.5]) as u64).min(left);
            left -= len;
            let t0 = sample_time(rng, ctx.start, ctx.end, tz, Rhythm::Office);
            let techie = kind > 0;
            for (i, ts) in session(rng, t0, len, gap, 0.9).into_iter().enumerate() {
                let prompt = match (i, techie) {
                    (0, true) if chance(rng, 0.5) => code::chat_question(rng, ctx.bank),
                    (0, _) if chance(rng, 0.6) => work::work(rng, ctx.bank),
                    (0, _) => everyday::everyday(rng, ctx.bank),
                    _ => everyday::follow_up(rng, ctx.bank),
                };
                let usual = super::usual_model(rng, flagship);
                let model = model_at(rng, ts, ctx.release_ms, adoption, usual);
                let req = Request::new(prompt, model, super::usual_max_tokens(rng, kind == 0))
                    .stream(Some(kind == 0));
                // The NAT picks an egress address per connection.
                let ip = egress[range(rng, 0, 2) as usize];
                let client = (ip != home.ip).then(|| Client { ip, ..home.clone() });
                pop.events.push(Event {
                    ts_ms: ts,
                    account: a,
                    client,
                    request: req,
                });
            }
        }
    }
    pop
}
