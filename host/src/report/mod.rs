//! The HTML report of `palisade eval --report` and `palisade diff
//! --report`: one self-contained file a person opens in a browser (inline
//! CSS and SVG, no external assets, a few lines of inline script that only
//! annotate the page), showing per population the score distribution with
//! the ladder's steps, a threshold sweep, detector outcomes and latencies,
//! and for a diff what moves between actions.
//!
//! - `collect.rs`: the figures, gathered as decisions stream out.
//! - `svg.rs`: the charts.
//! - `html.rs`: the page.

pub mod collect;
mod html;
mod svg;

pub use collect::{Figures, Population, UNLABELLED};
pub use svg::StepMark;

use crate::decision::Action;
use crate::policy::Generation;

/// A policy as the report names it.
#[derive(Debug, Clone)]
pub struct PolicyInfo {
    /// `name@version`.
    pub label: String,
    pub source: String,
    /// Every ladder step: the default ladder's (`default`), then each
    /// segment's.
    pub steps: Vec<StepMark>,
}

impl PolicyInfo {
    /// What the report shows of `generation`.
    pub fn of(generation: &Generation) -> Self {
        let mut steps: Vec<StepMark> = generation
            .ladder
            .iter()
            .map(|s| StepMark {
                score: s.score,
                action: s.action,
                ladder: "default".to_string(),
            })
            .collect();
        for segment in &generation.segments {
            steps.extend(segment.ladder.iter().map(|s| StepMark {
                score: s.score,
                action: s.action,
                ladder: format!("segment {}", segment.name),
            }));
        }
        PolicyInfo {
            label: generation.label.to_string(),
            source: generation.source.display().to_string(),
            steps,
        }
    }

    /// The thresholds a sweep shows: every 0.05 from 0.05 to 1.0, and every
    /// step of the policy, in order.
    fn sweep_thresholds(&self) -> Vec<f64> {
        let mut t: Vec<f64> = (1..=20).map(|i| f64::from(i) / 20.0).collect();
        t.extend(self.steps.iter().map(|s| s.score));
        t.sort_by(f64::total_cmp);
        t.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        t
    }
}

/// Why two evaluations cannot be paired into a diff.
#[derive(Debug, thiserror::Error)]
#[error(
    "the two evaluations decided {live} and {candidate} requests; a diff pairs them in input order \
     (were the action sequences recorded? set EvalOptions::record_actions)"
)]
pub struct Unpaired {
    pub live: usize,
    pub candidate: usize,
}

/// How one population's actions move from the live policy to the candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves {
    pub requests: u64,
    /// To a stronger action.
    pub stronger: u64,
    /// To a weaker action.
    pub weaker: u64,
    pub enforced_live: u64,
    pub enforced_candidate: u64,
}

/// What moves between two policies over the same requests.
#[derive(Debug, Clone, Default)]
pub struct DiffFigures {
    /// `matrix[live][candidate]` request counts, actions weakest first.
    pub matrix: [[u64; 5]; 5],
    pub populations: Vec<(String, Moves)>,
}

impl DiffFigures {
    /// Pairs the recorded actions of two evaluations of the same input.
    pub fn pair(live: &Figures, candidate: &Figures) -> Result<Self, Unpaired> {
        if live.actions.len() != candidate.actions.len()
            || (live.actions.is_empty() && !live.populations.is_empty())
        {
            return Err(Unpaired {
                live: live.actions.len(),
                candidate: candidate.actions.len(),
            });
        }
        let mut out = DiffFigures {
            populations: live
                .populations
                .iter()
                .map(|(name, _)| (name.clone(), Moves::default()))
                .collect(),
            ..DiffFigures::default()
        };
        for ((population, a), (_, b)) in live.actions.iter().zip(&candidate.actions) {
            out.matrix[*a as usize][*b as usize] += 1;
            if let Some((_, m)) = out.populations.get_mut(*population as usize) {
                m.requests += 1;
                m.stronger += u64::from(b > a);
                m.weaker += u64::from(b < a);
                m.enforced_live += u64::from(a.enforces());
                m.enforced_candidate += u64::from(b.enforces());
            }
        }
        Ok(out)
    }

    /// Requests whose action changed.
    pub fn moved(&self) -> u64 {
        let mut n = 0;
        for (a, row) in self.matrix.iter().enumerate() {
            for (b, count) in row.iter().enumerate() {
                n += if a == b { 0 } else { *count };
            }
        }
        n
    }
}

/// The page for one evaluation of `input` under `policy`.
pub fn eval_page(policy: &PolicyInfo, input: &str, figures: &Figures) -> String {
    html::eval_page(policy, input, figures)
}

/// The page for a diff: what moves, then each policy's figures.
pub fn diff_page(
    live: (&PolicyInfo, &Figures),
    candidate: (&PolicyInfo, &Figures),
    input: &str,
    diff: &DiffFigures,
) -> String {
    html::diff_page(live, candidate, input, diff)
}

/// `text` made safe for HTML text and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Actions' names, weakest first, for table headers.
fn action_names() -> impl Iterator<Item = &'static str> {
    Action::ALL.iter().map(|a| a.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_both_quotes() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
