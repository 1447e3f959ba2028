//! Small, panic-free sampling helpers over one seeded generator type.
//!
//! `rand`'s own helpers panic on empty ranges or probabilities outside [0, 1]; these clamp instead, because the
//! inputs come from arithmetic on user-supplied scale and mix factors.

use rand::Rng as _;
use rand_chacha::ChaCha8Rng;

/// The one generator type used everywhere: seeded, portable and reproducible across platforms.
pub(crate) type Rng = ChaCha8Rng;

/// Uniform in [0, 1).
pub(crate) fn unit(rng: &mut Rng) -> f64 {
    rng.random::<f64>()
}

/// True with probability `p` (clamped to [0, 1]).
pub(crate) fn chance(rng: &mut Rng, p: f64) -> bool {
    unit(rng) < p
}

/// Uniform integer in [lo, hi); `lo` when the range is empty.
pub(crate) fn range(rng: &mut Rng, lo: u64, hi: u64) -> u64 {
    if hi <= lo {
        lo
    } else {
        rng.random_range(lo..hi)
    }
}

/// Uniform float in [lo, hi).
pub(crate) fn uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * unit(rng)
}

/// A uniformly chosen element (the type's default for an empty slice).
pub(crate) fn pick<T: Copy + Default>(rng: &mut Rng, items: &[T]) -> T {
    items
        .get(range(rng, 0, items.len() as u64) as usize)
        .copied()
        .unwrap_or_default()
}

/// A uniformly chosen element, cloned (the type's default for an empty slice).
pub(crate) fn pick_cloned<T: Clone + Default>(rng: &mut Rng, items: &[T]) -> T {
    items
        .get(range(rng, 0, items.len() as u64) as usize)
        .cloned()
        .unwrap_or_default()
}

/// Index drawn in proportion to `weights` (0 for an empty or all-zero slice).
pub(crate) fn weighted(rng: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
    if total <= 0.0 {
        return 0;
    }
    let mut x = unit(rng) * total;
    for (i, w) in weights.iter().enumerate() {
        if *w > 0.0 {
            if x < *w {
                return i;
            }
            x -= w;
        }
    }
    weights.len().saturating_sub(1)
}

/// Standard normal (Box-Muller).
pub(crate) fn normal(rng: &mut Rng) -> f64 {
    let u1 = unit(rng).max(1e-12);
    let u2 = unit(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Log-normal with the given median and log-space sigma: human think times, session lengths.
pub(crate) fn lognormal(rng: &mut Rng, median: f64, sigma: f64) -> f64 {
    median * (sigma * normal(rng)).exp()
}

/// Exponential with the given mean: memoryless arrivals.
pub(crate) fn exponential(rng: &mut Rng, mean: f64) -> f64 {
    -mean * (1.0 - unit(rng)).max(1e-12).ln()
}

/// A heavy-ish tailed count with roughly the given mean, clamped to [min, max].
pub(crate) fn count(rng: &mut Rng, mean: f64, min: u64, max: u64) -> u64 {
    let x = lognormal(rng, mean.max(0.1) * 0.8, 0.7).round();
    (x.max(0.0) as u64).clamp(min, max.max(min))
}

/// A value scaled by `factor` and rounded, at least `min` (used for account counts).
pub(crate) fn scaled(base: f64, factor: f64, min: u64) -> u64 {
    let v = base * factor;
    if v.is_finite() && v > 0.0 {
        (v.round() as u64).max(min)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn helpers_do_not_panic_on_degenerate_input() {
        let mut r = Rng::seed_from_u64(1);
        assert_eq!(range(&mut r, 5, 5), 5);
        assert_eq!(range(&mut r, 7, 3), 7);
        assert_eq!(pick::<&str>(&mut r, &[]), "");
        assert_eq!(weighted(&mut r, &[]), 0);
        assert_eq!(weighted(&mut r, &[0.0, 0.0]), 0);
        assert!(!chance(&mut r, -1.0));
        assert!(chance(&mut r, 2.0));
        assert_eq!(count(&mut r, 10.0, 3, 1), 3);
        assert_eq!(scaled(10.0, 0.0, 1), 0);
        assert_eq!(scaled(10.0, 0.01, 1), 1);
    }

    #[test]
    fn count_has_roughly_the_requested_mean() {
        let mut r = Rng::seed_from_u64(2);
        let n = 20_000;
        let sum: u64 = (0..n).map(|_| count(&mut r, 10.0, 0, 1000)).sum();
        let mean = sum as f64 / n as f64;
        assert!((7.0..13.0).contains(&mean), "mean {mean}");
    }
}
