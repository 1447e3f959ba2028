//! Inter-arrival regularity from counters alone. Each gap is quantised
//! into a half-octave bin (√2 wide on a log scale) under two binnings offset
//! by half a bin, and counted per account. A machine pacing requests
//! (fixed interval, small jitter) puts most gaps in one bin under at least
//! one of the binnings; a person, or a Poisson-like process, spreads them
//! (an exponential distribution puts about 12% in its busiest bin).

/// The two bins of a gap (ms ≥ 1), or `None` for a zero gap.
pub fn bins(gap_ms: u64) -> Option<(u64, u64)> {
    if gap_ms == 0 {
        return None;
    }
    let x = 2.0 * (gap_ms as f64).log2();
    Some((x.floor() as u64, (x + 0.5).floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jittered_intervals_share_a_bin() {
        // 60 s ± 8%: one of the two binnings holds all of them.
        let gaps = [55_200u64, 58_000, 60_000, 62_500, 64_800];
        let a: Vec<u64> = gaps.iter().map(|g| bins(*g).unwrap().0).collect();
        let b: Vec<u64> = gaps.iter().map(|g| bins(*g).unwrap().1).collect();
        assert!(
            a.iter().all(|x| *x == a[0]) || b.iter().all(|x| *x == b[0]),
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn distant_intervals_differ() {
        assert_ne!(bins(1_000).unwrap().0, bins(2_000).unwrap().0);
        assert_ne!(bins(1_000).unwrap().1, bins(2_000).unwrap().1);
        assert_eq!(bins(0), None);
        assert_eq!(bins(1), Some((0, 0)));
    }
}
