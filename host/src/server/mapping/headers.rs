//! Identity and client features from request headers: which header carries
//! the account, its tier, org, creation time, payment fingerprint and email
//! domain, and the client's ASN, country, user agent and TLS fingerprint.
//!
//! Values are trimmed, empty ones are absent, and oversized ones are cut to
//! the feature limits at a character boundary (keeping the start), never
//! refused: the client does not choose what the check receives.

use super::config::HeaderFields;
use crate::features::{Account, Client, FeatureLimits};
use crate::server::config::ConfigError;
use axum::http::{HeaderMap, HeaderName};
use std::borrow::Cow;
use std::net::IpAddr;

/// A configured header name; `""` disables the feature.
pub(super) fn header(field: &str, name: &str) -> Result<Option<HeaderName>, ConfigError> {
    if name.is_empty() {
        return Ok(None);
    }
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
        .map(Some)
        .map_err(|_| {
            ConfigError::invalid(field, format!("{name:?} is not a valid HTTP header name"))
        })
}

/// A header's trimmed value, `None` when absent or empty. UTF-8 is taken
/// as it is (an account id may be `josé`); other bytes are escaped (`\xE9`),
/// so that distinct values stay distinct: a value that is not ASCII is never
/// dropped (an account header read as absent made the request count as its
/// client IP's).
pub(super) fn text<'h>(headers: &'h HeaderMap, name: &Option<HeaderName>) -> Option<Cow<'h, str>> {
    let value = headers.get(name.as_ref()?)?.as_bytes().trim_ascii();
    if value.is_empty() {
        return None;
    }
    Some(match std::str::from_utf8(value) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(value.escape_ascii().to_string()),
    })
}

/// Cuts `s` to at most `max` bytes at a character boundary.
pub(super) fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// The header a proxy proves itself with (`[authz] proxy_secret_file`).
pub const PROXY_SECRET_HEADER: &str = "x-palisade-proxy-secret";

/// The shortest secret accepted, bytes.
const MIN_SECRET_BYTES: usize = 16;

/// The proxy's shared secret, read once at start-up.
#[derive(Clone)]
pub(super) struct ProxySecret(Box<[u8]>);

impl std::fmt::Debug for ProxySecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProxySecret(…)")
    }
}

impl ProxySecret {
    /// Reads the secret from `path` (surrounding whitespace trimmed).
    pub(super) fn read(path: &str) -> Result<ProxySecret, ConfigError> {
        let field = "authz.proxy_secret_file";
        let text = std::fs::read(path)
            .map_err(|e| ConfigError::invalid(field, format!("reading {path}: {e}")))?;
        let secret = text.trim_ascii();
        if secret.len() < MIN_SECRET_BYTES || secret.len() > 1024 {
            return Err(ConfigError::invalid(
                field,
                format!(
                    "{path}: the secret is {} bytes; use at least {MIN_SECRET_BYTES} and at most 1024 \
                     (e.g. `openssl rand -hex 32 > {path}`)",
                    secret.len()
                ),
            ));
        }
        if !secret.iter().all(|b| b.is_ascii_graphic()) {
            return Err(ConfigError::invalid(
                field,
                format!(
                    "{path}: the secret must be printable ASCII without spaces (it is sent as a header)"
                ),
            ));
        }
        Ok(ProxySecret(secret.into()))
    }

    /// Whether `headers` carry the secret, compared in constant time.
    pub(super) fn matches(&self, headers: &HeaderMap) -> bool {
        let Some(sent) = headers.get(PROXY_SECRET_HEADER) else {
            return false;
        };
        let sent = sent.as_bytes();
        let differ = self
            .0
            .iter()
            .zip(sent)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        differ == 0 && sent.len() == self.0.len()
    }
}

/// `[authz.headers]`, validated.
#[derive(Debug, Clone)]
pub(super) struct HeaderMapping {
    request_id: Option<HeaderName>,
    account_id: Option<HeaderName>,
    account_tier: Option<HeaderName>,
    account_org: Option<HeaderName>,
    account_created_ms: Option<HeaderName>,
    payment_fingerprint: Option<HeaderName>,
    email_domain: Option<HeaderName>,
    client_asn: Option<HeaderName>,
    client_country: Option<HeaderName>,
    user_agent: Option<HeaderName>,
    tls_fingerprint: Option<HeaderName>,
    model: Option<HeaderName>,
}

impl HeaderMapping {
    pub(super) fn compile(h: &HeaderFields) -> Result<HeaderMapping, ConfigError> {
        Ok(HeaderMapping {
            request_id: header("authz.headers.request_id", &h.request_id)?,
            account_id: header("authz.headers.account_id", &h.account_id)?,
            account_tier: header("authz.headers.account_tier", &h.account_tier)?,
            account_org: header("authz.headers.account_org", &h.account_org)?,
            account_created_ms: header("authz.headers.account_created_ms", &h.account_created_ms)?,
            payment_fingerprint: header(
                "authz.headers.payment_fingerprint",
                &h.payment_fingerprint,
            )?,
            email_domain: header("authz.headers.email_domain", &h.email_domain)?,
            client_asn: header("authz.headers.client_asn", &h.client_asn)?,
            client_country: header("authz.headers.client_country", &h.client_country)?,
            user_agent: header("authz.headers.user_agent", &h.user_agent)?,
            tls_fingerprint: header("authz.headers.tls_fingerprint", &h.tls_fingerprint)?,
            model: header("authz.headers.model", &h.model)?,
        })
    }

    fn short(&self, headers: &HeaderMap, name: &Option<HeaderName>, max: usize) -> Option<String> {
        text(headers, name).map(|v| cut(v.into_owned(), max))
    }

    /// The first identity header sent more than once: which value is the
    /// edge's is then unknown (an edge that appends its own header after
    /// the client's, instead of replacing it, would have the client's
    /// believed), so the check is refused rather than guessed.
    pub(super) fn repeated(&self, headers: &HeaderMap) -> Option<&HeaderName> {
        [
            &self.account_id,
            &self.account_tier,
            &self.account_org,
            &self.account_created_ms,
            &self.payment_fingerprint,
            &self.email_domain,
            &self.client_asn,
            &self.client_country,
            &self.tls_fingerprint,
        ]
        .into_iter()
        .flatten()
        .find(|name| headers.get_all(*name).iter().nth(1).is_some())
    }

    /// The request id header's value.
    pub(super) fn request_id(&self, headers: &HeaderMap, max: usize) -> Option<String> {
        self.short(headers, &self.request_id, max)
    }

    /// The account id header's value.
    pub(super) fn account_id(&self, headers: &HeaderMap, max: usize) -> Option<String> {
        self.short(headers, &self.account_id, max)
    }

    /// The model header's value (when a gateway sets one).
    pub(super) fn model(&self, headers: &HeaderMap, max: usize) -> Option<String> {
        self.short(headers, &self.model, max)
    }

    /// The account features for account `id`.
    pub(super) fn account(&self, headers: &HeaderMap, id: String, max: usize) -> Account {
        Account {
            id: cut(id, max),
            created_ms: text(headers, &self.account_created_ms).and_then(|v| v.parse().ok()),
            tier: self.short(headers, &self.account_tier, max),
            org: self.short(headers, &self.account_org, max),
            payment_fingerprint: self.short(headers, &self.payment_fingerprint, max),
            email_domain: self.short(headers, &self.email_domain, max),
        }
    }

    /// The client features for a client at `ip`.
    pub(super) fn client(&self, headers: &HeaderMap, ip: IpAddr, limits: &FeatureLimits) -> Client {
        let max = limits.max_id_bytes;
        Client {
            ip: ip.to_string(),
            asn: text(headers, &self.client_asn).and_then(|v| {
                v.trim_start_matches("AS")
                    .trim_start_matches("as")
                    .parse()
                    .ok()
            }),
            country: self.short(headers, &self.client_country, max),
            user_agent: text(headers, &self.user_agent)
                .map(|v| cut(v.into_owned(), limits.max_prompt_bytes)),
            tls_fingerprint: self.short(headers, &self.tls_fingerprint, max),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{map_with, mapping};
    use crate::features::FeatureLimits;

    #[test]
    fn oversized_header_values_are_cut_not_refused() {
        let long = "a".repeat(1000);
        let f = map_with(
            &mapping(),
            &[("x-account-id", &long), ("x-client-asn", "AS13335")],
            "/v1/authz",
            "",
        )
        .unwrap()
        .features;
        assert_eq!(f.account.id.len(), FeatureLimits::default().max_id_bytes);
        assert_eq!(f.client.asn, Some(13335));
        f.validate(&FeatureLimits::default()).unwrap();
    }

    #[test]
    fn only_the_exact_proxy_secret_matches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret");
        std::fs::write(&path, " 0123456789abcdef\n").unwrap();
        let secret = super::ProxySecret::read(path.to_str().unwrap()).unwrap();
        let with = |value: &str| {
            let mut h = axum::http::HeaderMap::new();
            h.insert(super::PROXY_SECRET_HEADER, value.parse().unwrap());
            secret.matches(&h)
        };
        assert!(with("0123456789abcdef"));
        for wrong in [
            "0123456789abcde",
            "0123456789abcdef0",
            "0123456789abcdeF",
            "",
        ] {
            assert!(!with(wrong), "{wrong:?}");
        }
        assert!(!secret.matches(&axum::http::HeaderMap::new()));
        std::fs::write(&path, "short").unwrap();
        let err = super::ProxySecret::read(path.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("at least 16"), "{err}");
        assert!(!format!("{secret:?}").contains("0123"), "never printed");
    }

    #[test]
    fn non_ascii_identities_are_kept_distinct_and_repeated_ones_refused() {
        use axum::http::{HeaderMap, HeaderValue};
        let m = super::HeaderMapping::compile(&super::HeaderFields::default()).unwrap();
        let id = |bytes: &[u8]| {
            let mut h = HeaderMap::new();
            h.insert("x-account-id", HeaderValue::from_bytes(bytes).unwrap());
            m.account_id(&h, 256)
        };
        assert_eq!(id("josé".as_bytes()).as_deref(), Some("josé"));
        assert_eq!(id(b"caf\xe9").as_deref(), Some("caf\\xe9"));
        assert_eq!(id(b"caf\xe9 ").as_deref(), Some("caf\\xe9"));
        assert_ne!(id(b"caf\xe9"), id(b"caf\xe8"));
        let mut h = HeaderMap::new();
        h.append("x-account-id", HeaderValue::from_static("client-chosen"));
        assert!(m.repeated(&h).is_none());
        h.append("x-account-id", HeaderValue::from_static("edge-set"));
        assert_eq!(m.repeated(&h).map(|n| n.as_str()), Some("x-account-id"));
    }

    #[test]
    fn cut_keeps_the_start_at_a_character_boundary() {
        assert_eq!(super::cut("héllo".to_string(), 2), "h");
        assert_eq!(super::cut("héllo".to_string(), 3), "hé");
        assert_eq!(super::cut("abc".to_string(), 10), "abc");
    }
}
