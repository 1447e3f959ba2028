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

use crate::dist::{Rng, chance, pick};

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
