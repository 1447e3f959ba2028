//! Distillation campaigns: what SIGNALS.md describes, at a size that runs in seconds.

pub(crate) mod agentic;
pub(crate) mod lowslow;
pub(crate) mod mimicry;
pub(crate) mod multilingual;
pub(crate) mod paraphrase;
pub(crate) mod reasoning;
pub(crate) mod reseller;

use crate::dist::{Rng, range};
use crate::identity::{ASNS, Asn, asn_by_number};

/// The first listed ASN among `numbers` picked at random (falls back to the first table entry).
pub(crate) fn one_of_asns(rng: &mut Rng, numbers: &[u32]) -> &'static Asn {
    let n = numbers
        .get(range(rng, 0, numbers.len() as u64) as usize)
        .copied()
        .unwrap_or(0);
    asn_by_number(n).unwrap_or(&ASNS[0])
}
