//! Accounts' identities: ids, networks (ASNs, IPs, countries), user agents, TLS fingerprints, email domains.
//!
//! Benign and campaign populations draw from the same tables, so no single field separates them: campaigns
//! differ in how identities are *shared* (payment, TLS, IP pools), not in the values themselves.

mod stacks;

pub(crate) use stacks::*;

use crate::dist::{Rng, chance, pick, range};
use crate::record::Client;
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// Kind of network an ASN serves; detectors may use it, so benign populations use every kind too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Net {
    Residential,
    Mobile,
    Cloud,
    Hosting,
    Edu,
    Business,
}

/// One autonomous system with a few /16s it announces (synthetic but plausible).
pub(crate) struct Asn {
    pub asn: u32,
    pub net: Net,
    pub country: &'static str,
    pub prefixes: &'static [(u8, u8)],
}

const fn a(asn: u32, net: Net, country: &'static str, prefixes: &'static [(u8, u8)]) -> Asn {
    Asn {
        asn,
        net,
        country,
        prefixes,
    }
}

use Net::*;
/// The networks every population draws from.
#[rustfmt::skip]
pub(crate) static ASNS: &[Asn] = &[
    a(7922, Residential, "US", &[(73, 12), (73, 140), (76, 21), (98, 207), (24, 60)]),
    a(701, Residential, "US", &[(71, 105), (108, 28), (100, 2)]),
    a(7018, Residential, "US", &[(99, 110), (107, 77), (76, 246)]),
    a(20115, Residential, "US", &[(66, 190), (174, 86), (47, 150)]),
    a(21928, Mobile, "US", &[(172, 56), (172, 58), (208, 54)]),
    a(2856, Residential, "GB", &[(86, 150), (81, 156), (109, 150)]),
    a(5089, Residential, "GB", &[(82, 24), (86, 30)]),
    a(3320, Residential, "DE", &[(79, 200), (91, 40), (217, 88)]),
    a(3209, Residential, "DE", &[(88, 64), (94, 134)]),
    a(3215, Residential, "FR", &[(90, 24), (86, 246), (92, 184)]),
    a(12322, Residential, "FR", &[(82, 64), (88, 160)]),
    a(812, Residential, "CA", &[(99, 224), (174, 112)]),
    a(577, Residential, "CA", &[(70, 48), (142, 114)]),
    a(24560, Residential, "IN", &[(122, 161), (106, 200)]),
    a(55836, Mobile, "IN", &[(49, 36), (157, 32)]),
    a(4713, Residential, "JP", &[(153, 156), (60, 36)]),
    a(17676, Residential, "JP", &[(126, 15), (126, 226)]),
    a(28573, Residential, "BR", &[(177, 94), (189, 6)]),
    a(18881, Mobile, "BR", &[(191, 177), (177, 32)]),
    a(1221, Residential, "AU", &[(101, 160), (120, 150)]),
    a(3352, Residential, "ES", &[(80, 30), (83, 45)]),
    a(1136, Residential, "NL", &[(77, 160), (84, 104)]),
    a(4766, Residential, "KR", &[(121, 128), (175, 192)]),
    a(8151, Residential, "MX", &[(187, 190), (189, 216)]),
    a(7552, Residential, "VN", &[(171, 224), (27, 72)]),
    a(9121, Residential, "TR", &[(88, 230), (85, 100)]),
    a(
        16509,
        Cloud,
        "US",
        &[(3, 84), (52, 44), (54, 210), (18, 204)],
    ),
    a(15169, Cloud, "US", &[(34, 82), (35, 192), (34, 145)]),
    a(8075, Cloud, "US", &[(20, 81), (40, 76), (52, 160)]),
    a(14061, Hosting, "US", &[(159, 89), (164, 90), (167, 99)]),
    a(24940, Hosting, "DE", &[(95, 216), (116, 202), (5, 9)]),
    a(16276, Hosting, "FR", &[(51, 38), (145, 239), (54, 36)]),
    a(63949, Hosting, "US", &[(172, 105), (45, 79)]),
    a(20473, Hosting, "US", &[(45, 32), (149, 28), (108, 61)]),
    a(9009, Hosting, "GB", &[(89, 187), (146, 70)]),
    a(212238, Hosting, "GB", &[(156, 146), (138, 199)]),
    a(45102, Cloud, "SG", &[(47, 74), (47, 88), (8, 219)]),
    a(3, Edu, "US", &[(18, 7), (18, 29)]),
    a(32, Edu, "US", &[(171, 64), (171, 67)]),
    a(25, Edu, "US", &[(128, 32), (136, 152)]),
    a(11537, Edu, "US", &[(141, 211), (128, 2), (130, 207)]),
    a(786, Edu, "GB", &[(129, 67), (131, 111), (193, 60)]),
    a(559, Edu, "CH", &[(129, 132), (128, 178)]),
    a(680, Edu, "DE", &[(141, 84), (134, 130)]),
    a(2907, Edu, "JP", &[(133, 11), (130, 54)]),
    a(6509, Edu, "CA", &[(142, 150), (137, 82)]),
    a(4538, Edu, "CN", &[(166, 111), (202, 112)]),
    a(55824, Edu, "IN", &[(14, 139), (103, 21)]),
    a(6461, Business, "US", &[(64, 125), (208, 185)]),
    a(174, Business, "US", &[(38, 104), (38, 140)]),
    a(3356, Business, "US", &[(4, 14), (8, 40)]),
];

/// Countries with their usual UTC offsets (minutes) and a weight for where ordinary users live.
pub(crate) static COUNTRIES: &[(&str, &[i32], u32)] = &[
    ("US", &[-300, -360, -480], 30),
    ("GB", &[0], 6),
    ("DE", &[60], 6),
    ("FR", &[60], 5),
    ("CA", &[-300, -480], 4),
    ("IN", &[330], 9),
    ("JP", &[540], 5),
    ("BR", &[-180], 5),
    ("AU", &[600, 480], 3),
    ("ES", &[60], 3),
    ("NL", &[60], 2),
    ("KR", &[540], 3),
    ("MX", &[-360], 3),
    ("VN", &[420], 2),
    ("TR", &[180], 2),
];

/// A weighted random country and one of its timezone offsets (minutes east of UTC).
pub(crate) fn country_tz(rng: &mut Rng) -> (&'static str, i32) {
    let total: u32 = COUNTRIES.iter().map(|c| c.2).sum();
    let mut x = range(rng, 0, u64::from(total)) as u32;
    for (code, tzs, w) in COUNTRIES {
        if x < *w {
            return (code, pick(rng, tzs));
        }
        x -= w;
    }
    ("US", -300)
}

/// The usual timezone for a country (first listed), or UTC.
pub(crate) fn tz_of(country: &str) -> i32 {
    COUNTRIES
        .iter()
        .find(|c| c.0 == country)
        .and_then(|c| c.1.first().copied())
        .unwrap_or(0)
}

/// A random ASN of `net` kind, preferring `country` when one exists there.
pub(crate) fn asn_of(rng: &mut Rng, net: Net, country: Option<&str>) -> &'static Asn {
    let local: Vec<&Asn> = ASNS
        .iter()
        .filter(|a| a.net == net && Some(a.country) == country)
        .collect();
    let any: Vec<&Asn> = ASNS.iter().filter(|a| a.net == net).collect();
    let pool = if local.is_empty() { any } else { local };
    pool.get(range(rng, 0, pool.len() as u64) as usize)
        .copied()
        .unwrap_or(&ASNS[0])
}

/// A random host address in one of the ASN's /16s (never .0 or .255 in the last octet).
pub(crate) fn ip_in(rng: &mut Rng, asn: &Asn) -> u32 {
    let (p0, p1) = pick(rng, asn.prefixes);
    u32::from_be_bytes([p0, p1, range(rng, 0, 256) as u8, range(rng, 1, 255) as u8])
}

/// A /24 (as `a.b.c.0`) inside the ASN, for proxy pools that rotate within a few /24s.
pub(crate) fn slash24_in(rng: &mut Rng, asn: &Asn) -> u32 {
    ip_in(rng, asn) & 0xFFFF_FF00
}

/// A host in a /24 returned by [`slash24_in`].
pub(crate) fn host_in(rng: &mut Rng, net24: u32) -> u32 {
    net24 | range(rng, 2, 254) as u32
}

/// Consumer mailbox domains (weighted by repetition).
#[rustfmt::skip]
pub(crate) static PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com", "gmail.com", "gmail.com", "gmail.com", "gmail.com", "outlook.com", "outlook.com", "hotmail.com",
    "yahoo.com", "icloud.com", "icloud.com", "proton.me", "gmx.de", "web.de", "orange.fr", "yahoo.co.jp", "naver.com",
    "hotmail.co.uk", "live.com", "aol.com", "mail.com", "fastmail.com", "zoho.com", "yandex.com",
];

/// University email domains with the ASN of the campus network.
#[rustfmt::skip]
pub(crate) static EDU_DOMAINS: &[(&str, u32)] = &[
    ("mit.edu", 3), ("stanford.edu", 32), ("berkeley.edu", 25), ("umich.edu", 11537), ("gatech.edu", 11537),
    ("utexas.edu", 11537), ("cmu.edu", 11537), ("uw.edu", 11537), ("illinois.edu", 11537), ("cornell.edu", 11537),
    ("ox.ac.uk", 786), ("cam.ac.uk", 786), ("ucl.ac.uk", 786), ("ed.ac.uk", 786), ("ethz.ch", 559), ("epfl.ch", 559),
    ("tum.de", 680), ("uni-heidelberg.de", 680), ("u-tokyo.ac.jp", 2907), ("kyoto-u.ac.jp", 2907),
    ("utoronto.ca", 6509), ("ubc.ca", 6509), ("mcgill.ca", 6509), ("tsinghua.edu.cn", 4538), ("pku.edu.cn", 4538),
    ("iitb.ac.in", 55824), ("iisc.ac.in", 55824),
];

/// The ASN record for a number, if listed.
pub(crate) fn asn_by_number(n: u32) -> Option<&'static Asn> {
    ASNS.iter().find(|a| a.asn == n)
}

/// An invented company domain such as `harborforge.io`.
pub(crate) fn company_domain(rng: &mut Rng) -> String {
    let first = pick(
        rng,
        &[
            "blue", "north", "harbor", "quantum", "silver", "iron", "bright", "cedar", "polar",
            "tidal", "amber", "lumen", "vector", "summit", "granite", "maple", "orbit", "copper",
            "signal", "kestrel", "meadow", "atlas",
        ],
    );
    let second = pick(
        rng,
        &[
            "finch",
            "wind",
            "view",
            "leaf",
            "stone",
            "peak",
            "forge",
            "loop",
            "grid",
            "works",
            "labs",
            "systems",
            "data",
            "cloud",
            "metrics",
            "health",
            "logistics",
            "bank",
            "motors",
            "analytics",
            "soft",
            "bio",
        ],
    );
    let tld = pick(
        rng,
        &[
            "com", "com", "com", "io", "dev", "ai", "co", "de", "co.uk", "net",
        ],
    );
    let sep = if chance(rng, 0.25) { "-" } else { "" };
    format!("{first}{sep}{second}.{tld}")
}

/// A residential (sometimes mobile) client in `country` using stack `stack`.
pub(crate) fn home_client(rng: &mut Rng, country: &'static str, stack: usize) -> Client {
    let net = if chance(rng, 0.15) {
        Mobile
    } else {
        Residential
    };
    let asn = asn_of(rng, net, Some(country));
    let (ua, tls) = stack_client(rng, stack);
    Client {
        ip: ip_in(rng, asn),
        asn: asn.asn,
        country: asn.country,
        ua,
        tls,
    }
}

/// Allocates account ids, org ids and payment fingerprints, unique across the whole run.
///
/// Each population draws from its own stream (see [`Ids::begin`]) so that changing one population's size does
/// not reshuffle the ids of the others; the shared `used` set only matters on a (rare) collision.
pub(crate) struct Ids {
    seed: u64,
    rng: ChaCha8Rng,
    used: BTreeSet<String>,
}

impl Ids {
    /// An allocator for a run with `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Ids {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
            used: BTreeSet::new(),
        }
    }

    /// Switch to the id stream of population `pop`.
    pub(crate) fn begin(&mut self, pop: u64) {
        self.rng = ChaCha8Rng::seed_from_u64(self.seed ^ 0x1D5_1D5_1D5);
        self.rng.set_stream(pop);
    }

    /// A fresh id `<prefix>-<hex>` never handed out before in this run.
    pub(crate) fn fresh(&mut self, prefix: &str, hex_digits: u32) -> String {
        let bits = (hex_digits * 4).min(64);
        for _ in 0..64 {
            let v = self.rng.random::<u64>() >> (64 - bits);
            let id = format!("{prefix}-{v:0width$x}", width = hex_digits as usize);
            if self.used.insert(id.clone()) {
                return id;
            }
        }
        let id = format!("{prefix}-x{}", self.used.len());
        self.used.insert(id.clone());
        id
    }

    /// A new account id.
    pub(crate) fn account(&mut self) -> String {
        self.fresh("acct", 12)
    }

    /// A new organisation id.
    pub(crate) fn org(&mut self) -> String {
        self.fresh("org", 10)
    }

    /// A new payment-method fingerprint.
    pub(crate) fn payment(&mut self) -> String {
        self.fresh("pf", 16)
    }
}
