//! The decision log: one JSON line per decision, to a file or stdout.
//!
//! Each record has the decision id (also returned to the caller), the
//! policy and generation that decided, the endpoint, the latency, the whole
//! decision and, as the operator chooses, the input in full, masked
//! (prompts replaced by length and salted SHA-256 prefix) or not at all.
//!
//! Records go through a bounded queue to one writer thread, which
//! serialises and writes them and flushes whenever the queue runs dry. A
//! full queue drops the record and counts it (`result="dropped"`): the log
//! never slows a decision down and never grows without bound, and a loss
//! is visible in `/metrics`. What this does not guarantee: records written
//! before a crash may sit in the buffer unflushed; on a graceful shutdown
//! the queue is drained and flushed.
//!
//! The file does not grow without bound either: at `max_file_bytes` it is
//! rotated (`PATH` → `PATH.1` → … → `PATH.N`, `keep_files` of them, the
//! oldest deleted), so a client flooding decisions cannot fill the disk. A
//! rotation that fails (a read-only directory, say) is counted as a write
//! error and the writer keeps the file it has.

use super::config::{DecisionLogConfig, LogInput};
use super::metrics::{Endpoint, Metrics};
use crate::decision::Decision;
use crate::features::Features;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Why the decision log could not be opened.
#[derive(Debug, thiserror::Error)]
#[error("opening the decision log {path}: {source}")]
pub struct LogOpenError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

/// One decision to record.
pub struct Entry {
    pub decision_id: String,
    pub endpoint: Endpoint,
    pub ts_ms: u64,
    pub latency_us: u64,
    pub decision: Decision,
    /// `None` when the mode is `none` (never sent to the writer).
    pub input: Option<Features>,
}

enum Msg {
    Entry(Box<Entry>),
    Close,
}

/// The writer's handle.
pub struct DecisionLog {
    tx: SyncSender<Msg>,
    mode: LogInput,
    worker: Mutex<Option<JoinHandle<()>>>,
    metrics: Arc<Metrics>,
}

impl DecisionLog {
    /// Opens the configured sink; `Ok(None)` when no log is configured.
    pub fn open(
        config: &DecisionLogConfig,
        metrics: Arc<Metrics>,
    ) -> Result<Option<DecisionLog>, LogOpenError> {
        let Some(path) = &config.path else {
            return Ok(None);
        };
        let (sink, rotation): (Box<dyn Write + Send>, _) = if path == "-" {
            (Box::new(std::io::stdout()), None)
        } else {
            let file = open_append(path).map_err(|source| LogOpenError {
                path: path.clone(),
                source,
            })?;
            let rotation = (config.max_file_bytes > 0).then(|| Rotation {
                path: path.into(),
                max_bytes: config.max_file_bytes,
                keep: config.keep_files,
                written: file.metadata().map_or(0, |m| m.len()),
            });
            (Box::new(file) as Box<dyn Write + Send>, rotation)
        };
        let (tx, rx) = sync_channel(config.queue);
        let writer = Writer {
            rotation,
            out: std::io::BufWriter::with_capacity(1 << 16, sink),
            mode: config.input,
            salt: config.mask_salt.clone(),
            metrics: metrics.clone(),
            errors: 0,
        };
        let worker = std::thread::Builder::new()
            .name("decision-log".to_string())
            .spawn(move || writer.run(rx))
            .map_err(|source| LogOpenError {
                path: path.clone(),
                source,
            })?;
        Ok(Some(DecisionLog {
            tx,
            mode: config.input,
            worker: Mutex::new(Some(worker)),
            metrics,
        }))
    }

    /// Whether records carry the input (callers skip keeping it if not).
    pub fn wants_input(&self) -> bool {
        self.mode != LogInput::None
    }

    /// Queues a record; drops and counts it when the queue is full.
    pub fn submit(&self, mut entry: Entry) {
        if !self.wants_input() {
            entry.input = None;
        }
        match self.tx.try_send(Msg::Entry(Box::new(entry))) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {
                self.metrics.record_log("dropped")
            }
        }
    }

    /// Writes out everything queued, flushes and stops the writer. Records
    /// submitted afterwards are dropped and counted.
    pub fn close(&self) {
        let worker = self.worker.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(worker) = worker {
            let _ = self.tx.send(Msg::Close);
            let _ = worker.join();
        }
    }
}

impl Drop for DecisionLog {
    fn drop(&mut self) {
        self.close();
    }
}

fn open_append(path: &str) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
}

/// When and where the file is rotated.
struct Rotation {
    path: std::path::PathBuf,
    max_bytes: u64,
    keep: u32,
    /// Bytes in the current file.
    written: u64,
}

impl Rotation {
    /// `PATH.n` (`PATH` for 0).
    fn numbered(&self, n: u32) -> std::path::PathBuf {
        if n == 0 {
            return self.path.clone();
        }
        let mut name = self.path.clone().into_os_string();
        name.push(format!(".{n}"));
        name.into()
    }

    /// Shifts the files by one (the oldest deleted) and opens a new one.
    fn rotate(&self) -> std::io::Result<std::fs::File> {
        if self.keep == 0 {
            std::fs::remove_file(&self.path)?;
        } else {
            for n in (0..self.keep).rev() {
                match std::fs::rename(self.numbered(n), self.numbered(n + 1)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                    _ => {}
                }
            }
        }
        let path = self.path.to_string_lossy();
        open_append(&path)
    }
}

struct Writer {
    rotation: Option<Rotation>,
    out: std::io::BufWriter<Box<dyn Write + Send>>,
    mode: LogInput,
    salt: String,
    metrics: Arc<Metrics>,
    errors: u64,
}

impl Writer {
    fn run(mut self, rx: Receiver<Msg>) {
        'outer: while let Ok(msg) = rx.recv() {
            let mut next = Some(msg);
            while let Some(msg) = next.take() {
                match msg {
                    Msg::Entry(entry) => self.write(&entry),
                    Msg::Close => break 'outer,
                }
                next = rx.try_recv().ok();
            }
            self.flush();
        }
        self.flush();
    }

    fn write(&mut self, entry: &Entry) {
        let record = Record {
            ts_ms: entry.ts_ms,
            decision_id: &entry.decision_id,
            endpoint: entry.endpoint.as_str(),
            policy: &entry.decision.policy,
            generation: entry.decision.generation,
            action: entry.decision.action.as_str(),
            latency_us: entry.latency_us,
            decision: &entry.decision,
            input: entry
                .input
                .as_ref()
                .map(|f| InputView::new(f, self.mode, &self.salt)),
        };
        let mut counted = Counting {
            inner: &mut self.out,
            n: 0,
        };
        let result = serde_json::to_writer(&mut counted, &record)
            .map_err(std::io::Error::from)
            .and_then(|()| counted.write_all(b"\n"));
        let n = counted.n;
        match result {
            Ok(()) => self.metrics.record_log("written"),
            Err(e) => self.failed(&e),
        }
        if let Some(rotation) = &mut self.rotation {
            rotation.written += n;
            if rotation.written >= rotation.max_bytes {
                self.rotate();
            }
        }
    }

    /// Flushes, rotates the file and writes to the new one; on failure
    /// keeps the old one (and tries again after the next record).
    fn rotate(&mut self) {
        self.flush();
        let Some(rotation) = &mut self.rotation else {
            return;
        };
        match rotation.rotate() {
            Ok(file) => {
                rotation.written = 0;
                // The buffer was just flushed: nothing is lost with it.
                self.out = std::io::BufWriter::with_capacity(1 << 16, Box::new(file));
            }
            Err(e) => {
                let e = std::io::Error::new(
                    e.kind(),
                    format!("rotating {}: {e}", rotation.path.display()),
                );
                self.failed(&e);
            }
        }
    }

    fn flush(&mut self) {
        if let Err(e) = self.out.flush() {
            self.failed(&e);
        }
    }

    /// Counts a write error; logs the first and then every 1000th.
    fn failed(&mut self, e: &std::io::Error) {
        self.metrics.record_log("error");
        if self.errors.is_multiple_of(1000) {
            tracing::error!(error = %e, errors = self.errors + 1, "decision log write failed");
        }
        self.errors += 1;
    }
}

/// A writer that counts what passes through it.
struct Counting<'a, W: Write> {
    inner: &'a mut W,
    n: u64,
}

impl<W: Write> Write for Counting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.n += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[derive(Serialize)]
struct Record<'a> {
    ts_ms: u64,
    decision_id: &'a str,
    endpoint: &'static str,
    policy: &'a str,
    generation: u64,
    action: &'static str,
    latency_us: u64,
    decision: &'a Decision,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<InputView<'a>>,
}

/// A prompt in the log: verbatim, or its length and hash.
#[derive(Serialize)]
#[serde(untagged)]
enum Text<'a> {
    Full(&'a str),
    Masked { bytes: usize, sha256: String },
}

impl<'a> Text<'a> {
    fn new(text: &'a str, mode: LogInput, salt: &str) -> Text<'a> {
        match mode {
            LogInput::Masked => Text::Masked {
                bytes: text.len(),
                sha256: masked_hash(text, salt),
            },
            _ => Text::Full(text),
        }
    }
}

/// The first 16 bytes (32 hex digits) of SHA-256(salt ‖ text): equal
/// prompts stay linkable across records without being readable.
pub fn masked_hash(text: &str, salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(text.as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

/// The request features as logged. Mirrors the request JSON schema
/// (`features.rs`); `label` is never logged.
#[derive(Serialize)]
struct InputView<'a> {
    id: &'a str,
    ts_ms: u64,
    account: AccountView<'a>,
    client: ClientView<'a>,
    request: CallView<'a>,
}

#[derive(Serialize)]
struct AccountView<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_fingerprint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_domain: Option<&'a str>,
}

#[derive(Serialize)]
struct ClientView<'a> {
    ip: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    asn: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_agent: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tls_fingerprint: Option<&'a str>,
}

#[derive(Serialize)]
struct CallView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<&'a str>,
    prompt: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_prompt: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prompt_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_output_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tools: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stream: Option<bool>,
}

impl<'a> InputView<'a> {
    fn new(f: &'a Features, mode: LogInput, salt: &str) -> InputView<'a> {
        InputView {
            id: &f.id,
            ts_ms: f.ts_ms,
            account: AccountView {
                id: &f.account.id,
                created_ms: f.account.created_ms,
                tier: f.account.tier.as_deref(),
                org: f.account.org.as_deref(),
                payment_fingerprint: f.account.payment_fingerprint.as_deref(),
                email_domain: f.account.email_domain.as_deref(),
            },
            client: ClientView {
                ip: &f.client.ip,
                asn: f.client.asn,
                country: f.client.country.as_deref(),
                user_agent: f.client.user_agent.as_deref(),
                tls_fingerprint: f.client.tls_fingerprint.as_deref(),
            },
            request: CallView {
                route: f.call.route.as_deref(),
                model: f.call.model.as_deref(),
                prompt: Text::new(&f.call.prompt, mode, salt),
                system_prompt: f
                    .call
                    .system_prompt
                    .as_deref()
                    .map(|s| Text::new(s, mode, salt)),
                prompt_tokens: f.call.prompt_tokens,
                max_output_tokens: f.call.max_output_tokens,
                tools: f.call.tools.as_deref(),
                stream: f.call.stream,
            },
        }
    }
}
