//! Benign populations: the hard negatives. Each looks like part of a campaign on at least one axis (templates,
//! volume, shared infrastructure, reasoning requests, tool use, fresh accounts, foreign languages, grading
//! prompts) and must still be left alone.

pub(crate) mod casual;
pub(crate) mod corporate;
pub(crate) mod curious;
pub(crate) mod developer;
pub(crate) mod education;
pub(crate) mod enterprise;
pub(crate) mod evalharness;
pub(crate) mod localisation;
pub(crate) mod researcher;
pub(crate) mod signup;
pub(crate) mod support;

use crate::Ctx;
use crate::dist::{Rng, chance, pick};
use crate::identity::{BROWSERS, SDKS, country_tz};
use crate::timing::{HOUR, Rhythm, sample_time};

/// Someone signing up during the window: where from, with a browser or an SDK, and when.
pub(crate) struct Newcomer {
    pub country: &'static str,
    pub browser: bool,
    pub stack: usize,
    pub created: u64,
}

/// A sign-up at a daytime hour of its country, from six hours before the window to an hour before its end; a
/// browser with probability `p_browser`, else an SDK.
pub(crate) fn newcomer(ctx: &Ctx, rng: &mut Rng, p_browser: f64) -> Newcomer {
    let (country, tz) = country_tz(rng);
    let browser = chance(rng, p_browser);
    let stack = if browser {
        pick(rng, BROWSERS)
    } else {
        pick(rng, SDKS)
    };
    let created = sample_time(
        rng,
        ctx.start.saturating_sub(6 * HOUR),
        ctx.end.saturating_sub(HOUR),
        tz,
        Rhythm::Daytime,
    );
    Newcomer {
        country,
        browser,
        stack,
        created,
    }
}

/// Models ordinary users choose before the release (the new model comes from [`crate::timing::model_at`]).
pub(crate) fn usual_model(rng: &mut Rng, p_flagship: f64) -> &'static str {
    if chance(rng, p_flagship) {
        "frontier-1"
    } else {
        "frontier-1-mini"
    }
}

/// The output cap a client sends: apps send their fixed default, scripts a hand-picked value.
pub(crate) fn usual_max_tokens(rng: &mut Rng, browser: bool) -> u32 {
    if browser {
        pick(rng, &[4096, 4096, 8192])
    } else {
        pick(rng, &[256, 512, 1024, 1024, 2048, 4096])
    }
}
