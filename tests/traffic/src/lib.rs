//! Seeded, labelled synthetic API traffic for testing Palisade's distillation detectors.
//!
//! [`generate`] writes JSONL, one request per line, sorted by `ts_ms`, each carrying a ground-truth `label`:
//! `benign:<population>` for the hard negatives a detector must leave alone, `campaign:<name>` for distillation
//! campaigns (see `shared/SIGNALS.md`). Everything follows from [`GenConfig`]: the same config gives
//! byte-identical output. [`GenConfig::variant`] switches phrasing banks, template slots, cadences and account
//! counts so detectors tuned on variant 0 can be checked for generalisation on variant 1 and up.
//!
//! **Tuning and held-out banks.** Variant 0 (and every even variant) uses phrasing bank A: tune detectors on it.
//! Variant 1 (and every odd variant) uses bank B: report on it. For the multilingual campaign bank A has Russian,
//! Spanish, German, Chinese, French, Japanese, Portuguese and Korean; bank B rephrases those and adds Italian,
//! Arabic and Turkish, so bank B also tests languages a detector was not built from. The paraphrase factory's
//! clause banks, the eval harness's judge templates, the tutoring, localisation and support phrasings and the
//! agent task factory's templates all differ between the banks likewise.
//!
//! **Populations.** The first nine populations of [`POPULATIONS`] are the original set; the rest were added
//! for issue 12 (multilingual, paraphrased, low-and-slow and agent-mimicry campaigns; an evaluation harness, a
//! tutoring platform, localisation, a support bot and curious sign-ups as hard negatives). Each population draws
//! from its own random streams, so adding or removing one leaves the others' lines unchanged.
//! [`GenConfig::disperse`] gives every campaign account its own infrastructure (the ablation of
//! `README.md`'s quality table).
//!
//! What it does not promise: responses (there are none), real IP-to-ASN mappings (plausible only), byte-identical
//! output across platforms whose `libm` rounds `ln`/`exp`/`cos` differently (same platform and build: identical),
//! or streaming memory use — the whole run is built in memory (about 0.8 KB per request, 0.7 GB at scale 10)
//! before it is sorted and written, so [`GenConfig::scale`] is capped at [`MAX_SCALE`].

mod benign;
mod campaign;
mod disperse;
mod dist;
mod identity;
mod mix;
mod prompts;
mod record;
#[cfg(test)]
mod tests;
mod timing;

pub use benign::evalharness::VERIFIED_EVAL_ORG;
pub use mix::{Mix, MixError};

use dist::Rng;
use identity::Ids;
use prompts::Bank;
use rand::SeedableRng;
use record::{Line, Population};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};

/// Population names, in generation order; [`LABELS`] gives each one's label (`benign:` or `campaign:`).
pub const POPULATIONS: &[&str] = &[
    "casual",
    "developer",
    "enterprise-batch",
    "corporate-nat",
    "researcher",
    "new-signup",
    "reasoning-harvest",
    "agentic-harvest",
    "reseller-network",
    "multilingual-harvest",
    "paraphrase-factory",
    "low-and-slow",
    "agent-mimicry",
    "eval-harness",
    "education-platform",
    "localisation",
    "support-bot",
    "curious-signup",
];

/// The ground-truth label written for each entry of [`POPULATIONS`].
pub const LABELS: &[&str] = &[
    "benign:casual",
    "benign:developer",
    "benign:enterprise-batch",
    "benign:corporate-nat",
    "benign:researcher",
    "benign:new-signup",
    "campaign:reasoning-harvest",
    "campaign:agentic-harvest",
    "campaign:reseller-network",
    "campaign:multilingual-harvest",
    "campaign:paraphrase-factory",
    "campaign:low-and-slow",
    "campaign:agent-mimicry",
    "benign:eval-harness",
    "benign:education-platform",
    "benign:localisation",
    "benign:support-bot",
    "benign:curious-signup",
];

/// Largest accepted [`GenConfig::scale`]: the run is held in memory.
pub const MAX_SCALE: f64 = 100.0;
/// Longest accepted [`GenConfig::duration_ms`] (31 days).
pub const MAX_DURATION_MS: u64 = 31 * timing::DAY;
/// Default start: 2026-11-01T00:00:00Z (a Sunday, so the window has a weekend day and two weekdays).
pub const DEFAULT_START_MS: u64 = 1_793_491_200_000;

/// What to generate. Build with `GenConfig { seed: 7, ..GenConfig::default() }`.
#[derive(Clone, Debug, PartialEq)]
pub struct GenConfig {
    /// Every random choice derives from this; same config, same bytes.
    pub seed: u64,
    /// Multiplies account counts (1.0 gives roughly 80k-120k requests over the default window).
    pub scale: f64,
    /// 0 = tuning phrasings and cadences; 1 = held-out wording, slots, cadences and counts; 2+ reuse the bank of
    /// `variant % 2` with numeric parameters perturbed deterministically from the variant number.
    pub variant: u32,
    /// Per-population weight multipliers.
    pub mix: Mix,
    /// Start of event time (ms since the Unix epoch).
    pub start_ms: u64,
    /// Length of event time; every request falls in `[start_ms, start_ms + duration_ms)`.
    pub duration_ms: u64,
    /// When `frontier-2` is released (no request uses it before); `None` means halfway through the window.
    /// The reseller network moves about half its harvesting traffic to it within a day; benign users drift.
    pub release_ms: Option<u64>,
    /// Give every campaign account its own payment fingerprint, an aged account, a popular client and
    /// residential exits in /24s no other campaign account uses (see `disperse.rs`): the infrastructure ablation.
    pub disperse: bool,
}

impl Default for GenConfig {
    /// Seed 1, scale 1, variant 0, every population at weight 1, three days from 2026-11-01T00:00:00Z, shared
    /// campaign infrastructure.
    fn default() -> Self {
        GenConfig {
            seed: 1,
            scale: 1.0,
            variant: 0,
            mix: Mix::default(),
            start_ms: DEFAULT_START_MS,
            duration_ms: 3 * timing::DAY,
            release_ms: None,
            disperse: false,
        }
    }
}

/// What was written: totals and, per label, `(requests, accounts)`; accounts count those with at least one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GenStats {
    /// Lines written.
    pub requests: u64,
    /// Distinct accounts written.
    pub accounts: u64,
    /// Per label: `(requests, accounts)`.
    pub by_label: BTreeMap<String, (u64, u64)>,
}

impl GenConfig {
    fn check(&self) -> io::Result<()> {
        let bad = |m: String| Err(io::Error::new(io::ErrorKind::InvalidInput, m));
        if !self.scale.is_finite() || self.scale < 0.0 || self.scale > MAX_SCALE {
            return bad(format!(
                "scale {} must be a finite number in [0, {MAX_SCALE}]",
                self.scale
            ));
        }
        if self.duration_ms == 0 || self.duration_ms > MAX_DURATION_MS {
            return bad(format!(
                "duration_ms {} must be in [1, {MAX_DURATION_MS}]",
                self.duration_ms
            ));
        }
        if self
            .start_ms
            .checked_add(self.duration_ms)
            .is_none_or(|e| e > i64::MAX as u64)
        {
            return bad(format!(
                "start_ms {} + duration_ms overflows",
                self.start_ms
            ));
        }
        Ok(())
    }

    fn end_ms(&self) -> u64 {
        self.start_ms.saturating_add(self.duration_ms)
    }
}

/// Per-population generation context.
pub(crate) struct Ctx {
    pub bank: Bank,
    pub variant: u32,
    pub start: u64,
    pub end: u64,
    pub release_ms: u64,
    /// `scale × mix weight` for this population.
    pub factor: f64,
}

impl Ctx {
    /// `a` for bank A, `b` for bank B.
    pub(crate) fn pick<T>(&self, a: T, b: T) -> T {
        match self.bank {
            Bank::A => a,
            Bank::B => b,
        }
    }

    /// The bank's value of a numeric knob, perturbed by up to ±35% for variants 2 and up (stable per `key`).
    pub(crate) fn knob(&self, a: f64, b: f64, key: u64) -> f64 {
        let base = self.pick(a, b);
        if self.variant < 2 {
            return base;
        }
        let mut h = u64::from(self.variant).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ key.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h ^= h >> 31;
        h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 29;
        base * (0.65 + 0.7 * ((h >> 11) as f64 / (1u64 << 53) as f64))
    }

    /// A scaled account count from the two banks' base counts (at least 1 while the factor is positive).
    pub(crate) fn accounts(&self, a: f64, b: f64, key: u64) -> u64 {
        dist::scaled(self.knob(a, b, key), self.factor, 1)
    }
}

type PopFn = fn(&Ctx, &mut Rng, &mut Ids) -> Population;
const GENERATORS: [PopFn; 18] = [
    benign::casual::generate,
    benign::developer::generate,
    benign::enterprise::generate,
    benign::corporate::generate,
    benign::researcher::generate,
    benign::signup::generate,
    campaign::reasoning::generate,
    campaign::agentic::generate,
    campaign::reseller::generate,
    campaign::multilingual::generate,
    campaign::paraphrase::generate,
    campaign::lowslow::generate,
    campaign::mimicry::generate,
    benign::evalharness::generate,
    benign::education::generate,
    benign::localisation::generate,
    benign::support::generate,
    benign::curious::generate,
];

fn build(cfg: &GenConfig) -> Vec<Population> {
    let end = cfg.end_ms();
    let release_ms = cfg.release_ms.unwrap_or(cfg.start_ms + cfg.duration_ms / 2);
    let mut ids = Ids::new(cfg.seed);
    let mut used24 = std::collections::BTreeSet::new();
    let mut pops = Vec::with_capacity(GENERATORS.len());
    for (i, gen_fn) in GENERATORS.iter().enumerate() {
        let factor = cfg.scale * cfg.mix.weight_at(i);
        let label = LABELS.get(i).copied().unwrap_or("unknown");
        if factor <= 0.0 {
            pops.push(Population {
                label,
                ..Population::default()
            });
            continue;
        }
        let ctx = Ctx {
            bank: Bank::of(cfg.variant),
            variant: cfg.variant,
            start: cfg.start_ms,
            end,
            release_ms,
            factor,
        };
        let mut rng = Rng::seed_from_u64(cfg.seed);
        rng.set_stream(i as u64 + 1);
        ids.begin(i as u64);
        let mut pop = gen_fn(&ctx, &mut rng, &mut ids);
        pop.label = label;
        pop.events
            .retain(|e| e.ts_ms >= cfg.start_ms && e.ts_ms < end && e.account < pop.accounts.len());
        if cfg.disperse && label.starts_with("campaign:") {
            let mut rng = Rng::seed_from_u64(cfg.seed ^ 0xD15_9E25E);
            rng.set_stream(i as u64 + 1);
            disperse::apply(&mut pop, &mut rng, &mut ids, &mut used24, cfg.start_ms);
        }
        // Invariant: an account exists before its first request.
        for e in &pop.events {
            if let Some(a) = pop.accounts.get_mut(e.account) {
                a.created_ms = a.created_ms.min(e.ts_ms.saturating_sub(1000));
            }
        }
        pops.push(pop);
    }
    pops
}

/// Generate the traffic described by `cfg` and write it to `out` as JSONL; returns what was written.
///
/// Errors: `InvalidInput` for an out-of-range config, otherwise whatever writing to `out` returns.
pub fn generate<W: Write>(cfg: &GenConfig, out: W) -> io::Result<GenStats> {
    cfg.check()?;
    let pops = build(cfg);
    let mut order: Vec<(u64, u32, u32)> = Vec::new();
    for (p, pop) in pops.iter().enumerate() {
        order.extend(
            pop.events
                .iter()
                .enumerate()
                .map(|(e, ev)| (ev.ts_ms, p as u32, e as u32)),
        );
    }
    order.sort_unstable();
    let mut seen: Vec<Vec<bool>> = pops.iter().map(|p| vec![false; p.accounts.len()]).collect();
    let mut stats = GenStats::default();
    let mut w = BufWriter::with_capacity(1 << 16, out);
    let mut id = String::new();
    for (n, &(_, p, e)) in order.iter().enumerate() {
        let (Some(pop), Some(seen)) = (pops.get(p as usize), seen.get_mut(p as usize)) else {
            continue;
        };
        let Some(ev) = pop.events.get(e as usize) else {
            continue;
        };
        let Some(acct) = pop.accounts.get(ev.account) else {
            continue;
        };
        id.clear();
        use std::fmt::Write as _;
        let _ = write!(id, "r-{}", n + 1);
        serde_json::to_writer(&mut w, &Line::new(&id, pop.label, acct, ev))?;
        w.write_all(b"\n")?;
        let entry = stats
            .by_label
            .entry(pop.label.to_string())
            .or_insert((0, 0));
        entry.0 += 1;
        stats.requests += 1;
        if let Some(s) = seen.get_mut(ev.account).filter(|s| !**s) {
            *s = true;
            entry.1 += 1;
            stats.accounts += 1;
        }
    }
    w.flush()?;
    Ok(stats)
}
