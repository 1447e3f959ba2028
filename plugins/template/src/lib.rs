//! # `template`: template repetition across accounts
//!
//! **Signal.** One prompt template, filled with slot variations, sent by
//! many *independent* accounts: "a prompt that is harmless once becomes the
//! signal when it recurs with slot variations tens of thousands of times
//! across hundreds of accounts". Each prompt (and, separately, system
//! prompt) is sketched with MinHash over masked word shingles (numbers
//! collapse to `#`; see [`sketch`]) and cut into bands; each band's hash is a
//! template-family key. Per family the host counts, in a window, distinct
//! *entities* — a verified org, else a company email domain, else the
//! account ([`palisade_common::identity`]) — so one organisation's service
//! accounts count once; and how many of those entities are *fresh and
//! unverified* (accounts created within `fresh_ms` without an established
//! org: two or more accounts seen in a week; a personal org is no org).
//!
//! Popular prompts recur across many unrelated users too (people type the
//! same short requests; synthetic traffic draws them from banks), so size
//! alone scores at most `size_only_max` (0.35, "a big family"). The rest
//! needs the family to be populated mostly by fresh unverified entities, as
//! a hydra that replaces banned accounts at once populates its templates:
//! 0.75 at `strong_entities` (24) entities when 80% are fresh, 0.95 at four
//! times that; 0 at or below `min_entities` (3). The composition part
//! applies only to a request from a fresh unverified account (one of the
//! wave): established users whose prompts land in a family a campaign also
//! fills (a shared problem bank) keep the size-only score. Because the
//! counts are per family, a slow-and-low account sending its first
//! templated request scores as high as the family already is.
//!
//! System-prompt families are scored the same way, times
//! `system_max_score` (0.45): many developers share one coding agent's
//! system prompt.
//!
//! **Sources.** SIGNALS.md, "How it looked in the traffic" (highly
//! repetitive, training-data-shaped prompts; the recurring template) and
//! "What the defenders do" (shared templates across accounts); "Banned
//! accounts are replaced at once" (Scale).
//!
//! **Known false positives.** Popular shared prompts from many unrelated
//! users (a published "act as …" prompt, a classroom copying one homework
//! question, an open-source tool's fixed user prompt) score up to 0.35, and
//! more where new sign-ups dominate them (a tutorial's example prompt tried
//! by everyone who just signed up). A campaign that rewrites every prompt is
//! invisible here; one run from aged accounts scores at most 0.35 and must
//! be carried by the other detectors. Allowances: an enterprise batch job
//! (one org, a few service accounts, one template) and a company's employees
//! (one org or one email domain) count as one entity.
//!
//! **Cost.** One pass over at most `head_bytes + tail_bytes` of each text
//! (none for a system prompt among the last 64 distinct ones: the instance
//! keeps their sketches, [`palisade_common::memo`]);
//! `bands + system_bands + 2` aggregate calls at most (10 with the defaults).

pub mod sketch;

use palisade_common::memo::TextMemo;
use palisade_common::score::{Evidence, ramp, ramp_log};
use palisade_common::{check, identity, keys};
use palisade_sdk::{Aggregates, Detector, Fields, Metadata, Request, Verdict, export_detector};
use serde::Deserialize;
use sketch::{Shape, Sketch};

/// Settings; `{}` gives the defaults.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Window for family counts, ms (default 24 h).
    pub window_ms: u64,
    /// Bytes sketched from the start of each text (default 1536).
    pub head_bytes: usize,
    /// Bytes sketched from the end of a longer text (default 512).
    pub tail_bytes: usize,
    /// Words per shingle (default 3).
    pub shingle_words: usize,
    /// Texts with fewer shingles are not sketched (default 12): short
    /// prompts ("hi", "translate this") collide by chance.
    pub min_shingles: u32,
    /// Prompt bands, i.e. family keys per prompt (default 6).
    pub bands: usize,
    /// MinHash bins per band (default 3); more rows, stricter families.
    pub rows: usize,
    /// System-prompt bands (default 2; 0 disables).
    pub system_bands: usize,
    /// Entities at or below which a family scores 0 (default 3).
    pub min_entities: f64,
    /// Entities from which a family scores 0.85 (default 24).
    pub strong_entities: f64,
    /// Cap on a system-prompt family's score (default 0.45).
    pub system_max_score: f64,
    /// Score of a family's size alone, whoever populates it (default 0.35).
    pub size_only_max: f64,
    /// An account younger than this is fresh, ms (default 30 days: a hydra
    /// replaces banned accounts, so its accounts stay young).
    pub fresh_ms: u64,
    /// Share of a family's entities that are fresh and unverified at which
    /// the composition part starts and peaks (default [0.4, 0.8]).
    pub fresh_share: [f64; 2],
    /// Extra free-mail domains (their accounts count one each).
    pub extra_free_mail: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            window_ms: check::DAY_MS,
            head_bytes: 1536,
            tail_bytes: 512,
            shingle_words: 3,
            min_shingles: 12,
            bands: 6,
            rows: 3,
            system_bands: 2,
            min_entities: 3.0,
            strong_entities: 24.0,
            system_max_score: 0.45,
            size_only_max: 0.35,
            fresh_ms: 30 * check::DAY_MS,
            fresh_share: [0.4, 0.8],
            extra_free_mail: Vec::new(),
        }
    }
}

/// The detector.
pub struct Template {
    settings: Settings,
    /// `window_ms` as reasons show it.
    window: String,
    /// Sketches of system prompts, by text: agents and bots repeat theirs
    /// on every request.
    systems: TextMemo<Sketch>,
}

/// System prompts whose sketches are kept (direct-mapped).
const SYSTEM_SLOTS: usize = 64;

/// The busiest family of one text.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Family {
    key_hash: u64,
    entities: u64,
    fresh: u64,
}

impl Template {
    fn shape(&self, bands: usize) -> Shape {
        let s = &self.settings;
        Shape {
            head: s.head_bytes,
            tail: s.tail_bytes,
            width: s.shingle_words,
            bins: bands * s.rows,
        }
    }

    /// Adds the entity to each band family of `text`; returns the busiest.
    /// `kinds` is the family key kind and its fresh set's (`f` + kind).
    fn families(
        &self,
        (kind, fresh_kind): (&str, &str),
        text: &str,
        bands: usize,
        entity: &str,
        fresh_entity: Option<&str>,
        agg: &mut dyn Aggregates,
    ) -> Option<Family> {
        if bands == 0 {
            return None;
        }
        let sketch = if kind == "s" {
            self.systems
                .get_or(text, || Sketch::of(text, self.shape(bands)))
        } else {
            Sketch::of(text, self.shape(bands))
        };
        if sketch.shingles < self.settings.min_shingles {
            return None;
        }
        let mut best: Option<Family> = None;
        for j in 0..bands {
            let Some(band) = sketch.band(j, self.settings.rows) else {
                continue;
            };
            let key = keys::hashed(kind, band);
            let entities = agg.distinct_add(&key, self.settings.window_ms, entity);
            if best.is_none_or(|b| entities > b.entities) {
                best = Some(Family {
                    key_hash: band,
                    entities,
                    fresh: 0,
                });
            }
        }
        // Fresh accounts are counted on the busiest band only: one call.
        let mut best = best?;
        if best.entities as f64 > self.settings.min_entities {
            let fkey = keys::hashed(fresh_kind, best.key_hash);
            best.fresh = match fresh_entity {
                Some(item) => agg.distinct_add(&fkey, self.settings.window_ms, item),
                None => agg.distinct_read(&fkey, self.settings.window_ms),
            };
        } else if let Some(item) = fresh_entity {
            let fkey = keys::hashed(fresh_kind, best.key_hash);
            best.fresh = agg.distinct_add(&fkey, self.settings.window_ms, item);
        }
        Some(best)
    }

    /// Size (0.75 at `strong_entities`, up to 0.95 at four times that)
    /// times composition: `size_only_max` of it for any family, all of it
    /// when fresh unverified entities dominate.
    fn family_score(&self, fam: &Family, requester_fresh: bool) -> f64 {
        let s = &self.settings;
        let e = fam.entities as f64;
        if e <= s.min_entities {
            return 0.0;
        }
        let size = 0.75 * ramp_log(e, s.min_entities, s.strong_entities)
            + 0.2 * ramp_log(e, s.strong_entities, 4.0 * s.strong_entities);
        let share = fam.fresh as f64 / e;
        let composition = if requester_fresh {
            ramp(share, s.fresh_share[0], s.fresh_share[1])
        } else {
            0.0
        };
        size * (s.size_only_max + (1.0 - s.size_only_max) * composition)
    }
}

impl Detector for Template {
    type Settings = Settings;

    fn metadata() -> Metadata {
        Metadata {
            name: "template",
            version: env!("CARGO_PKG_VERSION"),
            description: "near-duplicate prompt templates shared across many independent accounts",
            reads: Fields::PROMPT
                .with(Fields::SYSTEM_PROMPT)
                .with(Fields::ACCOUNT_CREATED)
                .with(Fields::ACCOUNT_ORG)
                .with(Fields::ACCOUNT_TIER)
                .with(Fields::EMAIL_DOMAIN),
        }
    }

    fn validate(s: &Settings) -> Result<(), String> {
        check::window("window_ms", s.window_ms)?;
        check::range_u64("head_bytes", s.head_bytes as u64, 128, 16_384)?;
        check::range_u64("tail_bytes", s.tail_bytes as u64, 0, 16_384)?;
        check::range_u64(
            "shingle_words",
            s.shingle_words as u64,
            1,
            sketch::MAX_WIDTH as u64,
        )?;
        check::range_u64("min_shingles", u64::from(s.min_shingles), 1, 1_000)?;
        check::range_u64("rows", s.rows as u64, 1, 8)?;
        check::range_u64(
            "bands",
            s.bands as u64,
            1,
            (sketch::MAX_BINS / s.rows) as u64,
        )?;
        check::range_u64(
            "system_bands",
            s.system_bands as u64,
            0,
            (sketch::MAX_BINS / s.rows) as u64,
        )?;
        if s.bands + s.system_bands > 10 {
            return Err(format!(
                "bands + system_bands: {} exceeds 10 (each band is one aggregate call)",
                s.bands + s.system_bands
            ));
        }
        check::range("min_entities", s.min_entities, 1.0, 1e6)?;
        check::range("strong_entities", s.strong_entities, 2.0, 1e6)?;
        check::ordered(
            "min_entities",
            s.min_entities,
            "strong_entities",
            s.strong_entities,
        )?;
        check::range("system_max_score", s.system_max_score, 0.0, 1.0)?;
        check::range("size_only_max", s.size_only_max, 0.0, 1.0)?;
        check::range_u64("fresh_ms", s.fresh_ms, check::HOUR_MS, 365 * check::DAY_MS)?;
        check::range("fresh_share[0]", s.fresh_share[0], 0.0, 1.0)?;
        check::range("fresh_share[1]", s.fresh_share[1], 0.0, 1.0)?;
        check::ordered(
            "fresh_share[0]",
            s.fresh_share[0],
            "fresh_share[1]",
            s.fresh_share[1],
        )?;
        check::domains("extra_free_mail", &s.extra_free_mail)
    }

    fn new(settings: Settings) -> Self {
        Template {
            window: check::span(settings.window_ms),
            settings,
            systems: TextMemo::new(SYSTEM_SLOTS),
        }
    }

    fn detect(&self, request: &Request, agg: &mut dyn Aggregates) -> Verdict {
        let s = &self.settings;
        let entity = identity::entity(&request.account, &s.extra_free_mail).item();
        let vouched = identity::established_org(&request.account, agg).is_some();
        let fresh =
            identity::is_fresh_unverified(&request.account, vouched, request.ts_ms, s.fresh_ms);
        let fresh_entity = fresh.then_some(entity.as_str());
        let window = &self.window;
        let mut evidence = Evidence::new();

        let prompt = request.call.prompt.as_deref();
        if let Some(fam) =
            prompt.and_then(|p| self.families(("p", "fp"), p, s.bands, &entity, fresh_entity, agg))
        {
            let score = self.family_score(&fam, fresh);
            evidence.add(score, "template-family", || {
                format!(
                    "prompt template shared by {} independent accounts/orgs in {window}, {} of them fresh",
                    fam.entities, fam.fresh
                )
            });
        }
        let system = request.call.system_prompt.as_deref();
        if let Some(fam) = system
            .and_then(|p| self.families(("s", "fs"), p, s.system_bands, &entity, fresh_entity, agg))
        {
            let score = self.family_score(&fam, fresh) * s.system_max_score;
            evidence.add(score, "system-template-family", || {
                format!(
                    "system prompt shared by {} independent accounts/orgs in {window}, {} of them fresh",
                    fam.entities, fam.fresh
                )
            });
        }
        evidence.verdict(0.01, 0.3, 3)
    }
}

export_detector!(Template);

#[cfg(test)]
mod tests;
