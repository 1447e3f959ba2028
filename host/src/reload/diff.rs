//! `palisade diff`: what a candidate policy would change, offline.
//!
//! Both policies decide the same JSONL file with [`crate::eval::eval`], in
//! parallel, each through an in-process pipe; the two decision streams come
//! out in input order and are compared line by line. Each policy's
//! decisions are therefore exactly those `palisade eval` gives, and the
//! report is deterministic: the counts do not depend on the core count and
//! the examples are the first disagreeing requests in input order. Each
//! policy should be compiled in its own [`Runtime`](crate::runtime::Runtime)
//! so that stateful detectors of the two do not share aggregate windows.

use super::candidate::{AgreementMatrix, verdict};
use crate::decision::{Action, Decision};
use crate::eval::{EvalError, EvalOptions, eval};
use crate::policy::Generation;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

/// Why a diff could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("opening {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{policy}: {source}")]
    Eval {
        policy: String,
        #[source]
        source: EvalError,
    },
    #[error("internal: {0}")]
    Internal(String),
}

/// One disagreeing request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffExample {
    /// 1-based input line.
    pub line: u64,
    pub id: String,
    pub live: Action,
    pub candidate: Action,
    pub live_score: f64,
    pub candidate_score: f64,
    pub live_reasons: Vec<String>,
    pub candidate_reasons: Vec<String>,
}

/// The comparison of two policies over one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport {
    pub live: String,
    pub candidate: String,
    pub matrix: AgreementMatrix,
    /// Up to N examples per disagreeing cell, cells in action order, then
    /// by input line.
    pub examples: Vec<DiffExample>,
    /// Input lines that were not valid requests (the same for both).
    pub errors: u64,
}

impl DiffReport {
    /// The human-readable report.
    pub fn text(&self) -> String {
        let mut out = self.matrix.table(&self.live, &self.candidate);
        if self.errors > 0 {
            out.push_str(&format!("invalid input lines (skipped): {}\n", self.errors));
        }
        for cell in &self.matrix.disagreements {
            out.push_str(&format!(
                "\n{} → {}: {} requests\n",
                cell.live, cell.candidate, cell.count
            ));
            for ex in self
                .examples
                .iter()
                .filter(|e| e.live == cell.live && e.candidate == cell.candidate)
            {
                out.push_str(&format!("  line {} id {}\n", ex.line, ex.id));
                out.push_str(&format!(
                    "    live      {} (score {:.3}): {}\n",
                    ex.live,
                    ex.live_score,
                    reasons(&ex.live_reasons)
                ));
                out.push_str(&format!(
                    "    candidate {} (score {:.3}): {}\n",
                    ex.candidate,
                    ex.candidate_score,
                    reasons(&ex.candidate_reasons)
                ));
            }
        }
        out
    }
}

fn reasons(r: &[String]) -> String {
    if r.is_empty() {
        "no reasons".to_string()
    } else {
        r.join("; ")
    }
}

enum Record {
    Decision(Box<Decision>),
    Error,
}

fn parse(line: &str) -> Result<Record, DiffError> {
    let value: serde_json::Value = serde_json::from_str(line)
        .map_err(|e| DiffError::Internal(format!("unreadable decision: {e}")))?;
    if value.get("error").is_some() {
        return Ok(Record::Error);
    }
    serde_json::from_value(value)
        .map(|d| Record::Decision(Box::new(d)))
        .map_err(|e| DiffError::Internal(format!("unreadable decision: {e}")))
}

/// Decides every request of `input` with `live` and `candidate` and
/// compares the answers, keeping up to `examples` examples per disagreeing
/// cell.
pub fn diff(
    live: &Generation,
    candidate: &Generation,
    input: &Path,
    examples: usize,
    options: &EvalOptions,
) -> Result<DiffReport, DiffError> {
    let open = || {
        File::open(input)
            .map(|f| BufReader::with_capacity(1 << 16, f))
            .map_err(|source| DiffError::Open {
                path: input.display().to_string(),
                source,
            })
    };
    let (input_a, input_b) = (open()?, open()?);
    let pipe =
        || std::io::pipe().map_err(|e| DiffError::Internal(format!("cannot create a pipe: {e}")));
    let (read_a, write_a) = pipe()?;
    let (read_b, write_b) = pipe()?;
    let no_progress = |_: u64| {};

    std::thread::scope(|scope| {
        let run = |g: &Generation, input: BufReader<File>, output: std::io::PipeWriter| {
            let result = eval(
                g,
                input,
                std::io::BufWriter::with_capacity(1 << 16, output),
                options,
                &no_progress,
            );
            result.map(|_| ()).map_err(|source| DiffError::Eval {
                policy: g.label.to_string(),
                source,
            })
        };
        let a = scope.spawn(move || run(live, input_a, write_a));
        let b = scope.spawn(move || run(candidate, input_b, write_b));
        let compared = compare(live, candidate, read_a, read_b, examples);
        let joined = |h: std::thread::ScopedJoinHandle<'_, Result<(), DiffError>>| {
            h.join()
                .map_err(|_| DiffError::Internal("an evaluation thread panicked".to_string()))?
        };
        let (ra, rb) = (joined(a), joined(b));
        ra?;
        rb?;
        compared
    })
}

fn compare(
    live: &Generation,
    candidate: &Generation,
    read_a: std::io::PipeReader,
    read_b: std::io::PipeReader,
    examples: usize,
) -> Result<DiffReport, DiffError> {
    let mut lines_a = BufReader::with_capacity(1 << 16, read_a).lines();
    let mut lines_b = BufReader::with_capacity(1 << 16, read_b).lines();
    let mut counts = [[0u64; 5]; 5];
    let mut ids: BTreeMap<(Action, Action), Vec<String>> = BTreeMap::new();
    let mut kept: Vec<DiffExample> = Vec::new();
    let mut errors = 0;
    let mut line = 0u64;
    let read = |r: Option<std::io::Result<String>>| {
        r.transpose()
            .map_err(|e| DiffError::Internal(format!("reading decisions: {e}")))
    };
    loop {
        let (a, b) = (read(lines_a.next())?, read(lines_b.next())?);
        let (a, b) = match (a, b) {
            (None, None) => break,
            (Some(a), Some(b)) => (a, b),
            _ => {
                // One side stopped early: its error is reported by the join.
                break;
            }
        };
        line += 1;
        match (parse(&a)?, parse(&b)?) {
            (Record::Decision(da), Record::Decision(db)) => {
                let (va, vb) = (verdict(&da), verdict(&db));
                counts[va as usize][vb as usize] += 1;
                if va != vb {
                    let cell = ids.entry((va, vb)).or_default();
                    if cell.len() < examples {
                        cell.push(da.id.clone());
                        kept.push(DiffExample {
                            line,
                            id: da.id.clone(),
                            live: va,
                            candidate: vb,
                            live_score: da.score,
                            candidate_score: db.score,
                            live_reasons: da.reasons.clone(),
                            candidate_reasons: db.reasons.clone(),
                        });
                    }
                }
            }
            _ => errors += 1,
        }
    }
    kept.sort_by_key(|e| (e.live, e.candidate, e.line));
    Ok(DiffReport {
        live: live.label.to_string(),
        candidate: candidate.label.to_string(),
        matrix: AgreementMatrix::from_counts(counts, ids),
        examples: kept,
        errors,
    })
}
