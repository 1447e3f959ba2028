//! Candidate policies: a second generation decides the same live traffic
//! in shadow, and an agreement matrix (live action × candidate action)
//! shows what promoting it would change. The candidate never affects the
//! answer: it runs after the live decision and its result is only counted.
//!
//! The candidate has its own [`Runtime`](crate::runtime::Runtime), hence
//! its own aggregate stores: a stateful detector in the candidate must not
//! count each request a second time in the live detector's windows.

use super::status::{ActiveInfo, Attempt};
use crate::decision::{Action, Decision};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Example request ids kept per disagreeing cell.
const EXAMPLES_PER_CELL: usize = 3;

/// The action a decision stands for when two policies are compared: what
/// the policy concluded, i.e. `would_action` for a shadow-mode policy.
pub fn verdict(d: &Decision) -> Action {
    d.would_action.unwrap_or(d.action)
}

/// Live counters of (live action, candidate action) pairs. Lock-free on the
/// agreeing path; a disagreement takes a lock only while fewer than a few
/// examples of its cell are kept.
#[derive(Default)]
pub struct Agreement {
    cells: [[AtomicU64; 5]; 5],
    examples: Mutex<BTreeMap<(Action, Action), Vec<String>>>,
    full: [[std::sync::atomic::AtomicBool; 5]; 5],
}

impl Agreement {
    /// Counts one request.
    pub fn record(&self, id: &str, live: Action, candidate: Action) {
        self.cells[live as usize][candidate as usize].fetch_add(1, Ordering::Relaxed);
        if live != candidate
            && !self.full[live as usize][candidate as usize].load(Ordering::Relaxed)
        {
            let mut examples = self.examples.lock().unwrap_or_else(|p| p.into_inner());
            let cell = examples.entry((live, candidate)).or_default();
            if cell.len() < EXAMPLES_PER_CELL {
                cell.push(id.to_string());
            }
            if cell.len() >= EXAMPLES_PER_CELL {
                self.full[live as usize][candidate as usize].store(true, Ordering::Relaxed);
            }
        }
    }

    /// A consistent-enough copy (each cell read once).
    pub fn snapshot(&self) -> AgreementMatrix {
        let mut counts = [[0u64; 5]; 5];
        for (l, row) in self.cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                counts[l][c] = cell.load(Ordering::Relaxed);
            }
        }
        let examples = self
            .examples
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        AgreementMatrix::from_counts(counts, examples)
    }
}

/// One row of the matrix: how requests the live policy gave `live` fared
/// under the candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub live: Action,
    /// Candidate action → count, every action listed.
    pub candidate: BTreeMap<Action, u64>,
}

/// A disagreeing cell and the first requests that fell into it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub live: Action,
    pub candidate: Action,
    pub count: u64,
    pub examples: Vec<String>,
}

/// The agreement between two policies over the same requests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementMatrix {
    pub total: u64,
    pub agreed: u64,
    /// `agreed / total` (1 when nothing was compared).
    pub agreement: f64,
    pub rows: Vec<Row>,
    pub disagreements: Vec<Disagreement>,
}

impl AgreementMatrix {
    /// Builds the matrix from counts indexed `[live][candidate]`.
    pub fn from_counts(
        counts: [[u64; 5]; 5],
        examples: BTreeMap<(Action, Action), Vec<String>>,
    ) -> Self {
        let total: u64 = counts.iter().flatten().sum();
        let agreed: u64 = (0..5).map(|i| counts[i][i]).sum();
        let rows = Action::ALL
            .iter()
            .map(|&live| Row {
                live,
                candidate: Action::ALL
                    .iter()
                    .map(|&c| (c, counts[live as usize][c as usize]))
                    .collect(),
            })
            .collect();
        let mut disagreements = Vec::new();
        for &live in &Action::ALL {
            for &candidate in &Action::ALL {
                let count = counts[live as usize][candidate as usize];
                if live != candidate && count > 0 {
                    disagreements.push(Disagreement {
                        live,
                        candidate,
                        count,
                        examples: examples
                            .get(&(live, candidate))
                            .cloned()
                            .unwrap_or_default(),
                    });
                }
            }
        }
        AgreementMatrix {
            total,
            agreed,
            agreement: if total == 0 {
                1.0
            } else {
                agreed as f64 / total as f64
            },
            rows,
            disagreements,
        }
    }

    /// Count of requests with `live` under the live policy and `candidate`
    /// under the candidate.
    pub fn count(&self, live: Action, candidate: Action) -> u64 {
        self.rows
            .get(live as usize)
            .and_then(|r| r.candidate.get(&candidate))
            .copied()
            .unwrap_or(0)
    }

    /// The matrix as an aligned text table, rows live, columns candidate.
    pub fn table(&self, live_name: &str, candidate_name: &str) -> String {
        let mut out = format!("rows: live ({live_name}); columns: candidate ({candidate_name})\n");
        out.push_str(&format!("{:>12}", "live \\ cand"));
        for a in Action::ALL {
            out.push_str(&format!(" {:>10}", a.as_str()));
        }
        out.push_str(&format!(" {:>10}\n", "total"));
        for row in &self.rows {
            out.push_str(&format!("{:>12}", row.live.as_str()));
            let mut sum = 0;
            for a in Action::ALL {
                let n = row.candidate.get(&a).copied().unwrap_or(0);
                sum += n;
                out.push_str(&format!(" {n:>10}"));
            }
            out.push_str(&format!(" {sum:>10}\n"));
        }
        out.push_str(&format!(
            "agreement: {} of {} ({:.2}%)\n",
            self.agreed,
            self.total,
            self.agreement * 100.0
        ));
        out
    }
}

/// What `/v1/status` shows about the candidate.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateStatus {
    pub path: String,
    /// The candidate generation evaluated now; absent if it never loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<ActiveInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<Attempt>,
    /// Since the current candidate generation was activated.
    pub agreement: AgreementMatrix,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_counts_pairs_and_keeps_examples_of_disagreements() {
        let a = Agreement::default();
        a.record("r1", Action::Allow, Action::Allow);
        a.record("r2", Action::Allow, Action::Block);
        a.record("r3", Action::Allow, Action::Block);
        a.record("r4", Action::Log, Action::Allow);
        for i in 0..10 {
            a.record(&format!("x{i}"), Action::Allow, Action::Block);
        }
        let m = a.snapshot();
        assert_eq!(m.total, 14);
        assert_eq!(m.agreed, 1);
        assert_eq!(m.count(Action::Allow, Action::Block), 12);
        assert_eq!(m.count(Action::Log, Action::Allow), 1);
        assert_eq!(m.disagreements.len(), 2);
        assert_eq!(m.disagreements[0].examples, vec!["r2", "r3", "x0"]);
        assert!(m.table("a", "b").contains("agreement: 1 of 14"));
    }
}
