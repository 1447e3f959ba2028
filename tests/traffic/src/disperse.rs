//! Dispersed infrastructure (`GenConfig::disperse`, `palisade gen --disperse`): every campaign account gets
//! its own payment fingerprint, an aged account (created weeks to months before the window), a popular client
//! stack and residential exits in /24s no other campaign account uses.
//!
//! What is left to catch a campaign is its content and its behaviour: the ablation that shows what those
//! detect on their own. Timings and prompts are untouched, so a dispersed run differs from the shared run of the
//! same seed only in the account and client fields of campaign lines.

use crate::dist::{Rng, chance, pick, range};
use crate::identity::{
    AGENTS, BROWSERS, Ids, Net, PERSONAL_DOMAINS, asn_of, country_tz, ip_in, stack_client,
};
use crate::record::{Client, Population};
use crate::timing::DAY;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Labels whose accounts present as coding agents when dispersed (the rest as browsers).
const AGENT_LIKE: &[&str] = &["campaign:agentic-harvest", "campaign:agent-mimicry"];

/// A residential or mobile exit in `country` (or elsewhere after many collisions) in a /24 not in `used`.
fn fresh_exit(
    rng: &mut Rng,
    country: &'static str,
    used: &mut BTreeSet<u32>,
    template: &Client,
) -> Client {
    let mut home = Some(country);
    for attempt in 0..200 {
        if attempt == 50 {
            home = None; // the country's prefixes are crowded: go anywhere
        }
        let net = if chance(rng, 0.15) {
            Net::Mobile
        } else {
            Net::Residential
        };
        let asn = asn_of(rng, net, home);
        let ip = ip_in(rng, asn);
        if used.insert(ip & 0xFFFF_FF00) {
            return Client {
                ip,
                asn: asn.asn,
                country: asn.country,
                ..template.clone()
            };
        }
    }
    // Practically unreachable at the supported scales (tens of thousands of free /24s); keep going regardless.
    let asn = asn_of(rng, Net::Residential, None);
    Client {
        ip: ip_in(rng, asn),
        asn: asn.asn,
        country: asn.country,
        ..template.clone()
    }
}

/// Disperse one campaign population in place; `used` holds the /24s already handed to campaign accounts.
pub(crate) fn apply(
    pop: &mut Population,
    rng: &mut Rng,
    ids: &mut Ids,
    used: &mut BTreeSet<u32>,
    start: u64,
) {
    let agent_like = AGENT_LIKE.contains(&pop.label);
    let mut exits: Vec<Vec<Client>> = Vec::with_capacity(pop.accounts.len());
    for acct in &mut pop.accounts {
        let (country, _) = country_tz(rng);
        let stack = pick(rng, if agent_like { AGENTS } else { BROWSERS });
        let (ua, tls) = stack_client(rng, stack);
        let template = Client {
            ip: 0,
            asn: 0,
            country,
            ua,
            tls,
        };
        let own: Vec<Client> = (0..range(rng, 1, 4))
            .map(|_| fresh_exit(rng, country, used, &template))
            .collect();
        acct.payment = Some(ids.payment());
        acct.org = None;
        acct.tier = match acct.tier {
            "api" => "api",
            _ => "pro",
        };
        acct.created_ms = start.saturating_sub(range(rng, 14 * DAY, 180 * DAY));
        acct.email_domain = Cow::Borrowed(pick(rng, PERSONAL_DOMAINS));
        if let Some(first) = own.first() {
            acct.client = first.clone();
        }
        exits.push(own);
    }
    for ev in &mut pop.events {
        if ev.client.is_some() {
            ev.client = exits
                .get(ev.account)
                .and_then(|own| own.get(range(rng, 0, own.len() as u64) as usize))
                .cloned();
        }
    }
}
