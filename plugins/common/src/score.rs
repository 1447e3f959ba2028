//! Score shaping and evidence combination. Every detector maps its raw
//! measurements through these so that scores mean the same across plugins:
//! 0.5 is "suspicious", 0.8 is "strong evidence on its own".

/// 0 at or below `lo`, 1 at or above `hi`, linear between.
pub fn ramp(x: f64, lo: f64, hi: f64) -> f64 {
    if x <= lo {
        0.0
    } else if x >= hi || hi <= lo {
        1.0
    } else {
        (x - lo) / (hi - lo)
    }
}

/// Like [`ramp`] on a log scale: for counts, where 10 → 20 matters as much
/// as 100 → 200. Needs `0 < lo < hi`.
pub fn ramp_log(x: f64, lo: f64, hi: f64) -> f64 {
    if x <= lo || lo <= 0.0 {
        return if x >= hi { 1.0 } else { 0.0 };
    }
    ramp(x.ln(), lo.ln(), hi.ln())
}

/// Combines independent pieces of evidence: 1 − Π(1 − pᵢ).
pub fn noisy_or(parts: impl IntoIterator<Item = f64>) -> f64 {
    let miss = parts
        .into_iter()
        .fold(1.0, |acc, p| acc * (1.0 - p.clamp(0.0, 1.0)));
    1.0 - miss
}

/// Clamps to [0, 1], mapping NaN to 0.
pub fn unit(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

/// Collects scored findings and turns them into a verdict: the score is the
/// noisy-OR of the parts, the reasons are the strongest few, the tags are
/// those of parts at or above `tag_at`.
#[derive(Debug)]
pub struct Evidence {
    parts: Vec<(f64, String, &'static str)>,
    factor: f64,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            parts: Vec::new(),
            factor: 1.0,
        }
    }
}

impl Evidence {
    /// No findings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a finding with score `p` (ignored when not positive); the
    /// reason is built only if it is kept.
    pub fn add(&mut self, p: f64, tag: &'static str, reason: impl FnOnce() -> String) {
        let p = unit(p);
        if p > 0.0 {
            self.parts.push((p, reason(), tag));
        }
    }

    /// The combined score so far.
    pub fn score(&self) -> f64 {
        unit(noisy_or(self.parts.iter().map(|p| p.0)) * self.factor)
    }

    /// Scales the combined score by `factor` (an allowance, e.g. a verified
    /// org); parts keep their order for reasons and tags.
    pub fn scale(&mut self, factor: f64) {
        self.factor *= unit(factor);
    }

    /// Builds the verdict; an empty or sub-`min_score` result is clean.
    pub fn verdict(
        mut self,
        min_score: f64,
        tag_at: f64,
        max_reasons: usize,
    ) -> palisade_sdk::Verdict {
        let score = unit(self.score());
        if score <= 0.0 || score < min_score {
            return palisade_sdk::Verdict::clean();
        }
        self.parts
            .sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut tags: Vec<String> = Vec::new();
        for (p, _, tag) in &self.parts {
            if *p * self.factor >= tag_at && !tags.iter().any(|t| t == tag) {
                tags.push((*tag).to_string());
            }
        }
        let reasons = self
            .parts
            .into_iter()
            .take(max_reasons)
            .map(|(_, r, _)| r)
            .collect();
        palisade_sdk::Verdict {
            score,
            reasons,
            tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ramps_clamp_and_interpolate() {
        assert_eq!(ramp(0.0, 1.0, 3.0), 0.0);
        assert_eq!(ramp(2.0, 1.0, 3.0), 0.5);
        assert_eq!(ramp(9.0, 1.0, 3.0), 1.0);
        assert!((ramp_log(10.0, 1.0, 100.0) - 0.5).abs() < 1e-9);
        assert_eq!(ramp_log(0.5, 1.0, 100.0), 0.0);
        assert_eq!(ramp_log(500.0, 1.0, 100.0), 1.0);
    }

    #[test]
    fn noisy_or_combines_independent_evidence() {
        assert!((noisy_or([0.5, 0.5]) - 0.75).abs() < 1e-9);
        assert_eq!(noisy_or([]), 0.0);
        assert_eq!(noisy_or([2.0]), 1.0);
    }

    #[test]
    fn evidence_keeps_strongest_reasons_and_tags_above_threshold() {
        let mut e = Evidence::new();
        e.add(0.2, "weak", || "weak one".into());
        e.add(0.7, "strong", || "strong one".into());
        e.add(0.0, "none", || "never".into());
        let v = e.verdict(0.05, 0.3, 1);
        assert!((v.score - 0.76).abs() < 1e-9);
        assert_eq!(v.reasons, ["strong one"]);
        assert_eq!(v.tags, ["strong"]);
        assert_eq!(
            Evidence::new().verdict(0.0, 0.3, 3),
            palisade_sdk::Verdict::clean()
        );
        let mut e = Evidence::new();
        e.add(0.5, "a", || "a".into());
        e.add(0.5, "b", || "b".into());
        e.scale(0.3);
        let v = e.verdict(0.0, 0.3, 3);
        assert!((v.score - 0.225).abs() < 1e-9, "{v:?}");
        assert!(v.tags.is_empty());
    }
}
