//! Event time: local clocks, daily rhythms, cadences and model adoption after a release.
//!
//! Humans follow their timezone's day (and the week); machines do not. Both kinds exist on each side of the
//! label, so rhythm alone never decides it.

use crate::dist::{Rng, chance, lognormal, unit};

/// One minute in milliseconds.
pub(crate) const MIN: u64 = 60_000;
/// One hour in milliseconds.
pub(crate) const HOUR: u64 = 60 * MIN;
/// One day in milliseconds.
pub(crate) const DAY: u64 = 24 * HOUR;

/// Local hour of day in [0, 24) at `ts` for a UTC offset in minutes.
pub(crate) fn local_hour(ts: u64, tz_min: i32) -> f64 {
    let local = ts as i64 + i64::from(tz_min) * MIN as i64;
    local.rem_euclid(DAY as i64) as f64 / HOUR as f64
}

/// Local weekday, 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
pub(crate) fn weekday(ts: u64, tz_min: i32) -> u32 {
    let local = ts as i64 + i64::from(tz_min) * MIN as i64;
    (local.div_euclid(DAY as i64) + 3).rem_euclid(7) as u32
}

/// A daily activity shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rhythm {
    /// Awake hours with an evening peak; weekends as busy as weekdays.
    Daytime,
    /// Office hours on weekdays, little else.
    Office,
    /// Late risers and late nights, weekends somewhat quieter (students, researchers).
    Late,
}

/// Relative activity in [0, 1] at a local hour and weekday.
pub(crate) fn activity(r: Rhythm, hour: f64, wd: u32) -> f64 {
    let h = hour as usize % 24;
    let weekend = wd >= 5;
    match r {
        Rhythm::Daytime => {
            const W: [f64; 24] = [
                0.15, 0.08, 0.04, 0.03, 0.03, 0.05, 0.12, 0.3, 0.5, 0.65, 0.75, 0.8, 0.85, 0.8,
                0.75, 0.75, 0.8, 0.85, 0.9, 1.0, 1.0, 0.95, 0.7, 0.4,
            ];
            W[h]
        }
        Rhythm::Office => {
            const W: [f64; 24] = [
                0.01, 0.01, 0.0, 0.0, 0.0, 0.01, 0.03, 0.15, 0.6, 1.0, 1.0, 1.0, 0.7, 0.85, 1.0,
                1.0, 0.95, 0.7, 0.35, 0.15, 0.12, 0.1, 0.05, 0.02,
            ];
            W[h] * if weekend { 0.08 } else { 1.0 }
        }
        Rhythm::Late => {
            const W: [f64; 24] = [
                0.6, 0.45, 0.25, 0.1, 0.04, 0.02, 0.02, 0.05, 0.15, 0.35, 0.6, 0.75, 0.7, 0.75,
                0.85, 0.9, 0.9, 0.8, 0.7, 0.8, 0.95, 1.0, 0.95, 0.8,
            ];
            W[h] * if weekend { 0.7 } else { 1.0 }
        }
    }
}

/// A time in [lo, hi) drawn in proportion to the rhythm in timezone `tz_min` (rejection sampling, bounded).
pub(crate) fn sample_time(rng: &mut Rng, lo: u64, hi: u64, tz_min: i32, r: Rhythm) -> u64 {
    if hi <= lo {
        return lo;
    }
    let span = (hi - lo) as f64;
    let mut t = lo;
    for _ in 0..200 {
        t = lo + (unit(rng) * span) as u64;
        if chance(rng, activity(r, local_hour(t, tz_min), weekday(t, tz_min))) {
            return t;
        }
    }
    t
}

/// Times of a conversation of `n` requests starting at `t0`, with log-normal gaps (median and sigma).
pub(crate) fn session(rng: &mut Rng, t0: u64, n: u64, median_gap_ms: f64, sigma: f64) -> Vec<u64> {
    let mut out = Vec::with_capacity(n as usize);
    let mut t = t0;
    for i in 0..n {
        if i > 0 {
            t += lognormal(rng, median_gap_ms, sigma).max(500.0) as u64;
        }
        out.push(t);
    }
    out
}

/// How fast a population moves to a newly released model.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Adoption {
    /// Long-run share of requests on the new model.
    pub share: f64,
    /// Time constant of the move, in hours.
    pub tau_h: f64,
}

/// The newly released model's name.
pub(crate) const NEW_MODEL: &str = "frontier-2";

/// `base` or, after `release_ms`, sometimes [`NEW_MODEL`] following the adoption curve.
pub(crate) fn model_at(
    rng: &mut Rng,
    ts: u64,
    release_ms: u64,
    a: Adoption,
    base: &'static str,
) -> &'static str {
    if ts < release_ms {
        return base;
    }
    let hours = (ts - release_ms) as f64 / HOUR as f64;
    let p = a.share * (1.0 - (-hours / a.tau_h.max(0.01)).exp());
    if chance(rng, p) { NEW_MODEL } else { base }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    const NOV_1_2026: u64 = 1_793_491_200_000;

    #[test]
    fn weekday_and_hour_follow_the_calendar() {
        assert_eq!(weekday(NOV_1_2026, 0), 6, "2026-11-01 is a Sunday");
        assert_eq!(weekday(NOV_1_2026 + DAY, 0), 0);
        assert_eq!(weekday(NOV_1_2026, -300), 5, "still Saturday in New York");
        assert!((local_hour(NOV_1_2026 + 14 * HOUR, 60) - 15.0).abs() < 1e-9);
        assert!((local_hour(NOV_1_2026, 330) - 5.5).abs() < 1e-9);
    }

    #[test]
    fn office_rhythm_lands_in_office_hours() {
        let mut r = Rng::seed_from_u64(3);
        let mut inside = 0;
        for _ in 0..2000 {
            let t = sample_time(
                &mut r,
                NOV_1_2026 + DAY,
                NOV_1_2026 + 3 * DAY,
                60,
                Rhythm::Office,
            );
            let h = local_hour(t, 60);
            if (8.0..19.0).contains(&h) {
                inside += 1;
            }
        }
        assert!(inside > 1800, "{inside}");
    }

    #[test]
    fn new_model_never_appears_before_release() {
        let mut r = Rng::seed_from_u64(4);
        let a = Adoption {
            share: 1.0,
            tau_h: 0.01,
        };
        for i in 0..100 {
            assert_eq!(
                model_at(&mut r, 1000 + i, 2000, a, "frontier-1"),
                "frontier-1"
            );
        }
        let late = (0..100)
            .filter(|_| model_at(&mut r, 10 * HOUR, 0, a, "frontier-1") == NEW_MODEL)
            .count();
        assert_eq!(late, 100);
    }
}
