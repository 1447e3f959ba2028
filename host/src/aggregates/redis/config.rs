//! `[aggregates]` in `serve.toml`: where a node's aggregates live.

use serde::Deserialize;
use std::path::PathBuf;

/// Which store backs the aggregates.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StoreKind {
    /// In this process only (the default; `palisade eval` always).
    #[default]
    Memory,
    /// Shared with every node pointed at the same Redis.
    Redis,
}

/// `[aggregates]`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct AggregatesConfig {
    pub store: StoreKind,
    /// `redis://[user[:password]@]host[:port][/db]`, or `rediss://` for TLS.
    pub url: Option<String>,
    /// A file whose first line is the password (overrides one in `url`).
    pub password_file: Option<PathBuf>,
    /// How often changes are pushed and global values read back: with
    /// `timeout_ms`, it bounds how stale a node's view can be.
    pub sync_interval_ms: u64,
    /// How long one sync (connect, or the whole pipelined batch) may take.
    pub timeout_ms: u64,
    /// Units of change (a counter bucket, a register, a sighting summary)
    /// kept per plugin while Redis cannot take them; past it they are
    /// dropped and counted.
    pub max_pending_deltas: usize,
    /// Key prefix; keys are `{PREFIX:PLUGIN}:…` (one Cluster slot per
    /// plugin), so several fleets can share one Redis.
    pub prefix: String,
    /// How long a key's first/last-seen record lives after its last
    /// sighting, seconds.
    pub seen_ttl_s: u64,
}

impl Default for AggregatesConfig {
    fn default() -> Self {
        AggregatesConfig {
            store: StoreKind::Memory,
            url: None,
            password_file: None,
            sync_interval_ms: 250,
            timeout_ms: 200,
            max_pending_deltas: 100_000,
            prefix: "palisade".to_string(),
            seen_ttl_s: 7 * 24 * 3600,
        }
    }
}

impl AggregatesConfig {
    /// Checks every value; the error names the setting (`aggregates.…`)
    /// and says what it takes.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let bad = |field: &str, message: String| Err((format!("aggregates.{field}"), message));
        let range = |field: &str, value: u64, min: u64, max: u64| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                bad(
                    field,
                    format!("{value} is outside the accepted range {min}..={max}"),
                )
            }
        };
        range("sync_interval_ms", self.sync_interval_ms, 10, 60_000)?;
        range("timeout_ms", self.timeout_ms, 10, 60_000)?;
        range(
            "max_pending_deltas",
            self.max_pending_deltas as u64,
            16,
            10_000_000,
        )?;
        range("seen_ttl_s", self.seen_ttl_s, 60, 366 * 24 * 3600)?;
        if self.prefix.is_empty()
            || self.prefix.len() > 64
            || self.prefix.contains(['{', '}'])
            || self.prefix.chars().any(char::is_whitespace)
        {
            return bad(
                "prefix",
                format!(
                    "{:?}: give 1 to 64 characters without braces or spaces",
                    self.prefix
                ),
            );
        }
        match (self.store, &self.url) {
            (StoreKind::Memory, _) => Ok(()),
            (StoreKind::Redis, None) => bad(
                "url",
                "missing: store = \"redis\" needs url = \"redis://HOST:PORT\" (or rediss:// for TLS)"
                    .to_string(),
            ),
            (StoreKind::Redis, Some(url)) => {
                if !(url.starts_with("redis://") || url.starts_with("rediss://")) {
                    return bad(
                        "url",
                        format!(
                            "{:?} is not a Redis URL; write redis://HOST:PORT[/DB] or rediss://… for TLS",
                            redact(url)
                        ),
                    );
                }
                ::redis::Client::open(url.as_str()).map(|_| ()).or_else(|e| {
                    bad(
                        "url",
                        format!("{:?} is not a usable Redis URL: {e}", redact(url)),
                    )
                })
            }
        }
    }
}

/// `url` with any password replaced by `***`, for status and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or("", |(u, _)| u);
            let hidden = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                "***".to_string()
            };
            format!("{scheme}://{hidden}@{host}{path}")
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redis(url: &str) -> AggregatesConfig {
        AggregatesConfig {
            store: StoreKind::Redis,
            url: Some(url.to_string()),
            ..AggregatesConfig::default()
        }
    }

    #[test]
    fn redis_needs_a_redis_url() {
        let mut c = redis("x");
        c.url = None;
        assert_eq!(c.validate().unwrap_err().0, "aggregates.url");
        let err = redis("http://u:secret@h:1").validate().unwrap_err();
        assert_eq!(err.0, "aggregates.url");
        assert!(!err.1.contains("secret"), "{}", err.1);
        assert!(redis("redis://127.0.0.1:6379/2").validate().is_ok());
        assert!(
            redis("rediss://user:pw@cache.example:6380")
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn out_of_range_values_name_the_setting() {
        let mut c = redis("redis://h");
        c.sync_interval_ms = 0;
        assert_eq!(c.validate().unwrap_err().0, "aggregates.sync_interval_ms");
        let mut c = redis("redis://h");
        c.prefix = "a{b}".into();
        assert_eq!(c.validate().unwrap_err().0, "aggregates.prefix");
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("redis://app:s3cret@h:6379/0"),
            "redis://app:***@h:6379/0"
        );
        assert_eq!(redact("rediss://:s3cret@h"), "rediss://:***@h");
        assert_eq!(redact("redis://h:6379"), "redis://h:6379");
    }
}
