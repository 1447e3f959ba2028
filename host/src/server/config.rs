//! `serve.toml`: how `palisade serve` listens, what it accepts, where it
//! logs decisions and how the check endpoint maps a proxied request to
//! request features.
//!
//! Every table has `deny_unknown_fields` (a typo is an error, not a silently
//! ignored setting) and defaults that work with no file at all. Values are
//! checked against caps by [`ServeConfig::validate`]; the error names the
//! setting and says what range it takes.

use super::mapping::AuthzConfig;
use crate::aggregates::redis::AggregatesConfig;
use crate::features::FeatureLimits;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::Path;

/// Largest `serve.toml` accepted.
pub const MAX_CONFIG_BYTES: u64 = 256 << 10;

/// Why a configuration was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("reading {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {size} bytes, over the {MAX_CONFIG_BYTES}-byte limit for a serve config")]
    TooLarge { path: String, size: u64 },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
}

impl ConfigError {
    pub(crate) fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ConfigError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    pub server: ServerConfig,
    pub limits: LimitsConfig,
    pub decision_log: DecisionLogConfig,
    pub authz: AuthzConfig,
    pub cache: CacheConfig,
    /// Where the plugins' aggregates live (in memory, or shared on Redis).
    pub aggregates: AggregatesConfig,
}

/// `[cache]`: where compiled plugins are kept between restarts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheConfig {
    /// The compiled-cache directory (`--cache-dir` overrides it); absent:
    /// $XDG_CACHE_HOME/palisade or ~/.cache/palisade.
    pub dir: Option<std::path::PathBuf>,
}

/// `[server]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free port.
    pub listen: String,
    /// Tokio worker threads; 0 means one per core.
    pub workers: usize,
    /// On SIGTERM/SIGINT: stop accepting, answer what is in flight, and
    /// give up on stragglers after this many seconds.
    pub drain_seconds: u64,
    /// On SIGTERM/SIGINT, first answer `/readyz` with 503 and keep serving
    /// for this long, so a load balancer stops sending before the
    /// listeners close (Kubernetes: at least the readiness probe period).
    pub shutdown_delay_ms: u64,
    /// Where decisions run; see [`DecideOn`].
    pub decide_on: DecideOn,
    /// How connections are spread over threads; see [`Threading`].
    pub threading: Threading,
}

/// How the server uses its worker threads.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Threading {
    /// One single-threaded runtime per worker, each with its own
    /// `SO_REUSEPORT` listener (nginx's model): the least CPU per request.
    /// See `server::threads`.
    #[default]
    PerCore,
    /// One multi-threaded (work-stealing) runtime sharing one listener.
    Shared,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            listen: "127.0.0.1:8080".to_string(),
            workers: 0,
            drain_seconds: 10,
            shutdown_delay_ms: 0,
            decide_on: DecideOn::default(),
            threading: Threading::default(),
        }
    }
}

/// Where a single decision runs. A decision is synchronous CPU work
/// (typically 5–50 µs, bounded by each plugin's deadline).
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DecideOn {
    /// On the Tokio worker that read the request, together with the other
    /// requests that worker has ready (see `server::batcher`): the highest
    /// throughput under load, and a lone request waits for nothing. A
    /// plugin running to its deadline holds that worker for the deadline.
    #[default]
    Batched,
    /// On the Tokio worker that read the request, one at a time.
    Worker,
    /// On Tokio's blocking pool (`spawn_blocking`): workers stay free for
    /// I/O whatever the plugins do, at the cost of a thread hand-off per
    /// request. Batches always run here.
    BlockingPool,
}

/// `[limits]`: what one request may cost.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Largest body for `/v1/decide` and `/v1/authz` (413 beyond).
    pub max_body_bytes: usize,
    /// Largest body for `/v1/decide/batch` (413 beyond).
    pub max_batch_body_bytes: usize,
    /// Most requests in one batch (413 beyond).
    pub max_batch_items: usize,
    /// Requests in flight on the decision endpoints; one more is answered
    /// 503 with `Retry-After` at once, never queued.
    pub max_concurrency: usize,
    /// Batches decided at once on the blocking pool (0: one per worker
    /// thread); more wait their turn. Unbounded, `max_concurrency` batches
    /// would run on as many threads and starve the workers' plugin calls
    /// past their wall-clock backstop (a fail-open for other clients).
    pub max_concurrent_batches: usize,
    /// `Retry-After` seconds on a 503.
    pub retry_after_s: u32,
    /// A body that has not fully arrived after this long is answered 408.
    pub body_timeout_ms: u64,
    /// Longest identifier in request features, bytes.
    pub max_id_bytes: usize,
    /// Longest prompt or system prompt, bytes.
    pub max_prompt_bytes: usize,
    /// Most tools in one request.
    pub max_tools: usize,

    // Connections (see `server::connections`).
    /// A new connection's first request head, and any request head once
    /// its first byte has arrived, must be complete within this, or the
    /// connection is closed (slow or silent clients).
    pub header_read_timeout_ms: u64,
    /// A keep-alive connection with no request for this long is closed.
    pub idle_timeout_ms: u64,
    /// Open client connections in all; at the cap, the connection waiting
    /// longest without a request in progress is closed to make room.
    /// Clamped to the open-file limit less 256 at start-up.
    pub max_connections: usize,
    /// Open client connections per client address (0: no cap), with the
    /// same displacement at the cap.
    pub max_connections_per_ip: usize,
    /// Requests whose body is still arriving after the head, in all; one
    /// more is answered 503. They hold no decision slot (`max_concurrency`).
    pub max_slow_bodies: usize,
    /// The same per client address (0: no cap).
    pub max_slow_bodies_per_ip: usize,
    /// Bytes of the request bodies still arriving, in all; a body that
    /// would pass it is answered 503 (see `server::body_budget`). At least
    /// the largest body allowed.
    pub max_slow_body_bytes: usize,
    /// Largest request head, bytes (431 beyond): the request line and all
    /// headers together, as nginx's `large_client_header_buffers` bounds it.
    pub max_header_bytes: usize,

    // Event time.
    /// How far a `/v1/decide` request's `ts_ms` may be from the server's
    /// clock, either way; beyond it the request is decided at the nearer
    /// bound and the decision says so (`ts_clamped_from`). The aggregates
    /// advance with event time, so an unbounded `ts_ms` would let a caller
    /// reset an account's windows.
    pub max_clock_skew_ms: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let features = FeatureLimits::default();
        LimitsConfig {
            max_body_bytes: 2 << 20,
            max_batch_body_bytes: 16 << 20,
            max_batch_items: 1000,
            max_concurrency: 256,
            max_concurrent_batches: 0,
            retry_after_s: 1,
            body_timeout_ms: 10_000,
            max_id_bytes: features.max_id_bytes,
            max_prompt_bytes: features.max_prompt_bytes,
            max_tools: features.max_tools,

            header_read_timeout_ms: 10_000,
            idle_timeout_ms: 75_000,
            max_connections: 10_000,
            max_connections_per_ip: 1_000,
            max_slow_bodies: 1_024,
            max_slow_bodies_per_ip: 128,
            max_slow_body_bytes: 256 << 20,
            max_header_bytes: 32 << 10,
            max_clock_skew_ms: 300_000,
        }
    }
}

impl LimitsConfig {
    /// The connection limits these settings imply, `max_connections`
    /// clamped to what `open_files` descriptors allow.
    pub fn connections(&self, open_files: Option<u64>) -> super::connections::ConnLimits {
        use std::time::Duration;
        super::connections::ConnLimits {
            max_connections: super::connections::clamp_connections(
                self.max_connections,
                open_files,
            ),
            max_per_ip: self.max_connections_per_ip,
            header_read_timeout: Duration::from_millis(self.header_read_timeout_ms),
            idle_timeout: Duration::from_millis(self.idle_timeout_ms),
            max_slow_bodies: self.max_slow_bodies,
            max_slow_bodies_per_ip: self.max_slow_bodies_per_ip,
            max_header_bytes: self.max_header_bytes,
        }
    }

    /// The request-feature limits these settings imply.
    pub fn features(&self) -> FeatureLimits {
        FeatureLimits {
            max_id_bytes: self.max_id_bytes,
            max_prompt_bytes: self.max_prompt_bytes,
            max_tools: self.max_tools,
        }
    }
}

/// What the decision log records of each request's input.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LogInput {
    /// The request features as decided, prompts included.
    Full,
    /// The features with `prompt` and `system_prompt` replaced by their
    /// length and a (salted) SHA-256 prefix.
    #[default]
    Masked,
    /// No input: the decision only.
    None,
}

impl std::str::FromStr for LogInput {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "full" => Ok(LogInput::Full),
            "masked" => Ok(LogInput::Masked),
            "none" => Ok(LogInput::None),
            other => Err(format!(
                "{other:?} is not a decision-log input mode; use full, masked or none"
            )),
        }
    }
}

/// `[decision_log]`: one JSON line per decision.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecisionLogConfig {
    /// A file to append to, `-` for stdout, absent for no decision log.
    pub path: Option<String>,
    pub input: LogInput,
    /// Mixed into the masked-prompt hash so that a short prompt cannot be
    /// recovered by hashing guesses without it.
    pub mask_salt: String,
    /// Records queued for the writer; when full, records are dropped and
    /// counted (`palisade_decision_log_records_total{result="dropped"}`),
    /// never allowed to slow decisions down.
    pub queue: usize,
    /// The file is rotated when it reaches this size (renamed `PATH.1`,
    /// older ones shifted to `PATH.2` …), so that a flood of requests (with
    /// `input = "full"`, a megabyte of prompt each) cannot fill the disk.
    /// 0: never (rotate it yourself, with `copytruncate`).
    pub max_file_bytes: u64,
    /// Rotated files kept (`PATH.1` … `PATH.N`); older ones are deleted.
    pub keep_files: u32,
}

impl Default for DecisionLogConfig {
    fn default() -> Self {
        DecisionLogConfig {
            path: None,
            input: LogInput::default(),
            mask_salt: String::new(),
            queue: 65_536,
            max_file_bytes: 1 << 30,
            keep_files: 4,
        }
    }
}

impl ServeConfig {
    /// Reads and validates a `serve.toml`.
    pub fn load(path: &Path) -> Result<ServeConfig, ConfigError> {
        let shown = path.display().to_string();
        let read = |source| ConfigError::Read {
            path: shown.clone(),
            source,
        };
        let size = std::fs::metadata(path).map_err(read)?.len();
        if size > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge { path: shown, size });
        }
        let text = std::fs::read_to_string(path).map_err(read)?;
        Self::parse(&text, &shown)
    }

    /// Parses and validates TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<ServeConfig, ConfigError> {
        let config: ServeConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: origin.to_string(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// The listen address, parsed.
    pub fn listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.server.listen.parse().map_err(|_| {
            ConfigError::invalid(
                "server.listen",
                format!(
                    "{:?} is not an address; write IP:PORT, e.g. 127.0.0.1:8080",
                    self.server.listen
                ),
            )
        })
    }

    /// Checks every value against its cap.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.listen_addr()?;
        let l = &self.limits;
        let range = |field: &str, value: u64, min: u64, max: u64| {
            if value < min || value > max {
                Err(ConfigError::invalid(
                    field,
                    format!("{value} is outside the accepted range {min}..={max}"),
                ))
            } else {
                Ok(())
            }
        };
        range("server.workers", self.server.workers as u64, 0, 1024)?;
        range("server.drain_seconds", self.server.drain_seconds, 0, 3600)?;
        range(
            "server.shutdown_delay_ms",
            self.server.shutdown_delay_ms,
            0,
            600_000,
        )?;
        range(
            "limits.max_body_bytes",
            l.max_body_bytes as u64,
            1 << 10,
            64 << 20,
        )?;
        range(
            "limits.max_batch_body_bytes",
            l.max_batch_body_bytes as u64,
            1 << 10,
            256 << 20,
        )?;
        range(
            "limits.max_batch_items",
            l.max_batch_items as u64,
            1,
            100_000,
        )?;
        range(
            "limits.max_concurrency",
            l.max_concurrency as u64,
            1,
            1 << 16,
        )?;
        range(
            "limits.max_concurrent_batches",
            l.max_concurrent_batches as u64,
            0,
            1 << 16,
        )?;
        range("limits.retry_after_s", u64::from(l.retry_after_s), 1, 3600)?;
        range("limits.body_timeout_ms", l.body_timeout_ms, 1, 600_000)?;
        range("limits.max_id_bytes", l.max_id_bytes as u64, 8, 1 << 16)?;
        range(
            "limits.max_prompt_bytes",
            l.max_prompt_bytes as u64,
            1,
            64 << 20,
        )?;
        range(
            "limits.max_tools",
            l.max_tools as u64,
            0,
            crate::features::MAX_TOOLS_PARSED as u64,
        )?;

        // Connections.
        range(
            "limits.header_read_timeout_ms",
            l.header_read_timeout_ms,
            100,
            600_000,
        )?;
        range("limits.idle_timeout_ms", l.idle_timeout_ms, 100, 3_600_000)?;
        // hyper's read buffer cannot be smaller than 8 KiB.
        range(
            "limits.max_header_bytes",
            l.max_header_bytes as u64,
            8 << 10,
            1 << 20,
        )?;
        range(
            "limits.max_connections",
            l.max_connections as u64,
            16,
            1 << 20,
        )?;
        range(
            "limits.max_connections_per_ip",
            l.max_connections_per_ip as u64,
            0,
            1 << 20,
        )?;
        range(
            "limits.max_slow_bodies",
            l.max_slow_bodies as u64,
            1,
            1 << 20,
        )?;
        range(
            "limits.max_slow_bodies_per_ip",
            l.max_slow_bodies_per_ip as u64,
            0,
            1 << 20,
        )?;
        let largest = l.max_body_bytes.max(l.max_batch_body_bytes);
        if l.max_slow_body_bytes < largest || l.max_slow_body_bytes as u64 > 1 << 40 {
            return Err(ConfigError::invalid(
                "limits.max_slow_body_bytes",
                format!(
                    "{} is outside the accepted range {largest}..={}: it must hold at least one body of the largest size allowed (limits.max_body_bytes, limits.max_batch_body_bytes)",
                    l.max_slow_body_bytes,
                    1u64 << 40
                ),
            ));
        }
        range(
            "limits.max_clock_skew_ms",
            l.max_clock_skew_ms,
            0,
            31 * 24 * 3_600_000,
        )?;
        range(
            "decision_log.queue",
            self.decision_log.queue as u64,
            1,
            1 << 24,
        )?;
        let max_file = self.decision_log.max_file_bytes;
        if max_file != 0 && !(1 << 20..=1 << 50).contains(&max_file) {
            return Err(ConfigError::invalid(
                "decision_log.max_file_bytes",
                format!(
                    "{max_file} is outside the accepted range {}..={} (0: never rotate)",
                    1u64 << 20,
                    1u64 << 50
                ),
            ));
        }
        range(
            "decision_log.keep_files",
            u64::from(self.decision_log.keep_files),
            0,
            1000,
        )?;
        if self.decision_log.path.as_deref() == Some("") {
            return Err(ConfigError::invalid(
                "decision_log.path",
                "empty; give a file, `-` for stdout, or leave it out for no decision log",
            ));
        }
        self.authz.compile()?;
        self.aggregates
            .validate()
            .map_err(|(field, message)| ConfigError::invalid(field, message))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_working_defaults() {
        let c = ServeConfig::parse("", "serve.toml").unwrap();
        assert_eq!(c.server.listen, "127.0.0.1:8080");
        assert_eq!(c.limits.max_concurrency, 256);
        assert_eq!(c.decision_log.input, LogInput::Masked);
        assert!(c.decision_log.path.is_none());
    }

    #[test]
    fn unknown_setting_is_an_error_naming_it() {
        let err = ServeConfig::parse("[limits]\nmax_body = 5\n", "serve.toml").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unknown field `max_body`"), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }

    #[test]
    fn out_of_range_value_names_the_setting() {
        let err = ServeConfig::parse("[limits]\nmax_concurrency = 0\n", "serve.toml").unwrap_err();
        assert!(
            matches!(&err, ConfigError::Invalid { field, .. } if field == "limits.max_concurrency"),
            "{err}"
        );
    }

    #[test]
    fn a_redis_store_needs_its_url() {
        let err =
            ServeConfig::parse("[aggregates]\nstore = \"redis\"\n", "serve.toml").unwrap_err();
        assert!(
            err.to_string().starts_with("aggregates.url: missing"),
            "{err}"
        );
        let c = ServeConfig::parse(
            "[aggregates]\nstore = \"redis\"\nurl = \"redis://127.0.0.1:6379\"\nsync_interval_ms = 100\n",
            "serve.toml",
        )
        .unwrap();
        assert_eq!(c.aggregates.sync_interval_ms, 100);
        assert_eq!(
            ServeConfig::default().aggregates.store,
            crate::aggregates::redis::StoreKind::Memory
        );
    }

    #[test]
    fn bad_listen_address_is_refused() {
        let err =
            ServeConfig::parse("[server]\nlisten = \"localhost\"\n", "serve.toml").unwrap_err();
        assert!(err.to_string().contains("server.listen"), "{err}");
    }
}
