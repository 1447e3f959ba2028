//! `palisade eval`: decide a JSONL file of requests, streaming, on every
//! core, with the same decisions whatever the number of cores.
//!
//! Determinism comes from how work is split. Requests are read in chunks;
//! within a chunk each plugin runs in *lanes*. A plugin that uses aggregates
//! gets one lane, which sees every request in input order, so its windows
//! evolve exactly as in the live traffic. A plugin without aggregates gets
//! [`LANES`] lanes, request `i` going to lane `i mod LANES`, each lane with
//! its own instance: a reused instance therefore sees a fixed sequence of
//! requests however many threads run the lanes. Parsing, combining and
//! serialising run in parallel; reading and writing stay in input order.

use crate::decision::Decision;
use crate::features::{FeatureLimits, Features, salvage_id};
use crate::policy::{Generation, PluginSlot};
use crate::runtime::{Live, Outcome};
use crate::summary::Summary;
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::sync::Mutex;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

/// Lanes for a plugin that keeps no aggregates: fixed, not the core count,
/// so the request-to-instance assignment never depends on the machine.
pub const LANES: usize = 8;
/// Lines per chunk.
const CHUNK: usize = 1024;

/// How to run an evaluation.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Stop at the first bad line instead of reporting it and going on.
    pub strict: bool,
    /// Longest line accepted, in bytes; longer ones become error records
    /// without being held in memory.
    pub max_line_bytes: usize,
    pub limits: FeatureLimits,
    /// Keep every decided request's population and action in the summary's
    /// report figures (`diff --report` pairs two runs up).
    pub record_actions: bool,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            strict: false,
            max_line_bytes: 2 << 20,
            limits: FeatureLimits::default(),
            record_actions: false,
        }
    }
}

/// Why an evaluation stopped.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("reading the input: {0}")]
    Read(#[source] std::io::Error),
    #[error("writing the decisions: {0}")]
    Write(#[source] std::io::Error),
    #[error("line {line}: {message} (stopped: --strict)")]
    Strict { line: u64, message: String },
}

/// What an evaluation did.
#[derive(Debug)]
pub struct EvalReport {
    pub summary: Summary,
    pub elapsed: Duration,
}

enum Line {
    Text(Vec<u8>),
    Oversized(u64),
}

/// Reads one line of at most `max` bytes; a longer line is skipped to its
/// end without being buffered, and reported by length.
fn next_line(reader: &mut impl BufRead, max: usize) -> std::io::Result<Option<(Line, u64)>> {
    let mut buf = Vec::new();
    let (mut total, mut consumed, mut oversized, mut any) = (0u64, 0u64, false, false);
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        any = true;
        let newline = available.iter().position(|b| *b == b'\n');
        let part = &available[..newline.unwrap_or(available.len())];
        total += part.len() as u64;
        if !oversized {
            if buf.len() + part.len() > max {
                oversized = true;
                buf = Vec::new();
            } else {
                buf.extend_from_slice(part);
            }
        }
        let used = newline.map_or(available.len(), |i| i + 1);
        consumed += used as u64;
        reader.consume(used);
        if newline.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if oversized {
        return Ok(Some((Line::Oversized(total), consumed)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some((Line::Text(buf), consumed)))
}

type Parsed = (u64, Result<Features, (Option<String>, String)>);

/// A line's error record.
fn error_record(line: u64, id: Option<&str>, message: &str) -> String {
    let mut record =
        serde_json::json!({ "line": line, "error": format!("line {line}: {message}") });
    if let Some(id) = id {
        record["id"] = serde_json::Value::String(id.to_string());
    }
    record.to_string()
}

/// Per-plugin lanes with their own instances, kept across chunks.
struct Lanes {
    per_plugin: Vec<Vec<Mutex<Option<Live>>>>,
}

impl Lanes {
    fn new(generation: &Generation) -> Self {
        let per_plugin = generation
            .plugins
            .iter()
            .map(|slot| {
                let lanes = match slot {
                    PluginSlot::Active(p) if !p.stateful => LANES,
                    _ => 1,
                };
                (0..lanes).map(|_| Mutex::new(None)).collect()
            })
            .collect();
        Lanes { per_plugin }
    }

    /// Runs every plugin over `requests`; returns outcomes[request][plugin].
    fn run(&self, generation: &Generation, requests: &[&Features]) -> Vec<Vec<Outcome>> {
        if generation.override_action.is_some() {
            return vec![Vec::new(); requests.len()];
        }
        let tasks: Vec<(usize, usize)> = self
            .per_plugin
            .iter()
            .enumerate()
            .flat_map(|(p, lanes)| (0..lanes.len()).map(move |l| (p, l)))
            .collect();
        let results: Vec<(usize, Vec<(usize, Outcome)>)> = tasks
            .into_par_iter()
            .map(|(p, lane)| {
                let lanes = &self.per_plugin[p];
                let mut slot = lanes[lane].lock().unwrap_or_else(|e| e.into_inner());
                let outcomes = (lane..requests.len())
                    .step_by(lanes.len())
                    .map(|i| {
                        let outcome = match &generation.plugins[p] {
                            PluginSlot::Active(plugin) => {
                                generation.out_of_scope(p, requests[i]).unwrap_or_else(|| {
                                    plugin.detect_in(&mut slot, requests[i], plugin.aggregates())
                                })
                            }
                            PluginSlot::Disabled(_) => Outcome::skipped(),
                        };
                        (i, outcome)
                    })
                    .collect();
                (p, outcomes)
            })
            .collect();
        let plugins = generation.plugins.len();
        let mut table: Vec<Vec<Option<Outcome>>> = vec![vec![None; plugins]; requests.len()];
        for (p, outcomes) in results {
            for (i, outcome) in outcomes {
                table[i][p] = Some(outcome);
            }
        }
        table
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|o| o.unwrap_or_else(Outcome::skipped))
                    .collect()
            })
            .collect()
    }
}

/// Decides every line of `input` with `generation`, writing one JSON line
/// per input line (a decision or an error record) to `output`, in order.
/// `progress` is told how many input bytes have been consumed.
pub fn eval<R, W>(
    generation: &Generation,
    input: R,
    mut output: W,
    options: &EvalOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<EvalReport, EvalError>
where
    R: BufRead + Send,
    W: Write,
{
    let _span = tracing::info_span!("eval", policy = %generation.label, generation = generation.id)
        .entered();
    let started = Instant::now();
    let lanes = Lanes::new(generation);
    let mut summary = Summary::default();
    summary.figures.keep_actions = options.record_actions;
    let (tx, rx) = sync_channel::<std::io::Result<Vec<Parsed>>>(2);
    let max = options.max_line_bytes;
    let limits = options.limits;

    std::thread::scope(|scope| {
        // Reader: raw lines in order, parsed in parallel a chunk at a time.
        scope.spawn(move || {
            let mut input = input;
            let mut line_no = 0u64;
            loop {
                let mut raw = Vec::with_capacity(CHUNK);
                let mut bytes = 0;
                while raw.len() < CHUNK {
                    match next_line(&mut input, max) {
                        Ok(Some((line, used))) => {
                            line_no += 1;
                            bytes += used;
                            raw.push((line_no, line));
                        }
                        Ok(None) => break,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
                progress(bytes);
                if raw.is_empty() {
                    return;
                }
                let parsed: Vec<Parsed> = raw
                    .into_par_iter()
                    .filter_map(|(n, line)| match line {
                        Line::Oversized(len) => Some((
                            n,
                            Err((
                                None,
                                format!("line is {len} bytes, over the {max}-byte limit"),
                            )),
                        )),
                        Line::Text(text) if text.iter().all(u8::is_ascii_whitespace) => None,
                        Line::Text(text) => Some((
                            n,
                            Features::parse(&text, &limits)
                                .map_err(|e| (salvage_id(&text), e.to_string())),
                        )),
                    })
                    .collect();
                if tx.send(Ok(parsed)).is_err() {
                    return;
                }
            }
        });

        for chunk in rx {
            let chunk = chunk.map_err(EvalError::Read)?;
            if options.strict
                && let Some((line, Err((_, message)))) = chunk.iter().find(|(_, r)| r.is_err())
            {
                return Err(EvalError::Strict {
                    line: *line,
                    message: message.clone(),
                });
            }
            let requests: Vec<&Features> =
                chunk.iter().filter_map(|(_, r)| r.as_ref().ok()).collect();
            let outcomes = lanes.run(generation, &requests);
            let decisions: Vec<Decision> = requests
                .par_iter()
                .zip(outcomes.into_par_iter())
                .map(|(features, outcomes)| generation.combine(features, outcomes))
                .collect();
            let lines: Vec<String> = decisions
                .par_iter()
                .map(|d| {
                    serde_json::to_string(d)
                        .unwrap_or_else(|e| error_record(0, Some(&d.id), &e.to_string()))
                })
                .collect();
            let mut decided = requests.iter().zip(decisions.iter()).zip(lines.iter());
            for (line_no, parsed) in &chunk {
                let error;
                let text = match parsed {
                    Ok(_) => match decided.next() {
                        Some(((features, decision), text)) => {
                            summary.record(features, decision);
                            text.as_str()
                        }
                        None => continue,
                    },
                    Err((id, message)) => {
                        summary.errors += 1;
                        error = error_record(*line_no, id.as_deref(), message);
                        error.as_str()
                    }
                };
                output
                    .write_all(text.as_bytes())
                    .map_err(EvalError::Write)?;
                output.write_all(b"\n").map_err(EvalError::Write)?;
            }
        }
        output.flush().map_err(EvalError::Write)?;
        Ok(())
    })?;
    Ok(EvalReport {
        summary,
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn lines(input: &str, max: usize) -> Vec<String> {
        let mut reader = Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some((line, _)) = next_line(&mut reader, max).unwrap() {
            out.push(match line {
                Line::Text(t) => String::from_utf8(t).unwrap(),
                Line::Oversized(n) => format!("<{n}>"),
            });
        }
        out
    }

    #[test]
    fn lines_split_on_newlines_with_or_without_a_final_one() {
        assert_eq!(lines("a\nbb\r\nc", 10), vec!["a", "bb", "c"]);
        assert_eq!(lines("a\n", 10), vec!["a"]);
        assert!(lines("", 10).is_empty());
    }

    #[test]
    fn oversized_lines_are_reported_by_length_and_skipped() {
        assert_eq!(
            lines("ok\n0123456789ABC\nnext", 10),
            vec!["ok", "<13>", "next"]
        );
    }

    #[test]
    fn error_records_name_the_line_and_id() {
        let record: serde_json::Value =
            serde_json::from_str(&error_record(7, Some("r-7"), "bad")).unwrap();
        assert_eq!(record["line"], 7);
        assert_eq!(record["id"], "r-7");
        assert_eq!(record["error"], "line 7: bad");
    }
}
