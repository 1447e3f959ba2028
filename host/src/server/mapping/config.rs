//! `[authz]` as written in `serve.toml`: which header carries what, where
//! the client IP comes from, and where in a JSON body each field lives.
//! [`AuthzConfig::compile`] validates it into a [`Mapping`].

use super::Mapping;
use super::body::BodyMapping;
use super::client_ip::ClientIpSources;
use super::headers::{HeaderMapping, ProxySecret, header};
use crate::server::config::ConfigError;
use serde::Deserialize;

/// `[authz]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthzConfig {
    /// Header with the original method (nginx); absent: this request's own
    /// method (Envoy forwards the original method).
    pub original_method_header: String,
    /// Header with the original URI (nginx); absent: this request's path
    /// after `/v1/authz` (Envoy's `path_prefix`).
    pub original_uri_header: String,
    /// What to do when no account header is present.
    pub account_missing: AccountMissing,
    /// What to do with a body that is present but not a JSON object.
    pub invalid_body: InvalidBody,
    /// Put the decision's reasons in refusal bodies. Off by default: the
    /// refused client is the adversary, and reasons tell it what to rephrase;
    /// the decision id in every refusal finds them in the decision log.
    pub expose_reasons: bool,
    /// A file holding a secret the proxy sends in `X-Palisade-Proxy-Secret`
    /// on every check; when set, a check without it is refused with 403 and
    /// not decided, so only the proxy, which sets identity from what it
    /// authenticated, can have identity headers believed.
    pub proxy_secret_file: Option<String>,
    /// Most values a forwarded body may hold on the `[authz.body]` paths
    /// (values elsewhere are skipped unbuilt); beyond, the check is refused
    /// with 403 rather than decided on a body cut short. Bounds what one
    /// check's body costs in memory (~50 bytes a value).
    pub max_body_values: usize,
    pub headers: HeaderFields,
    pub client_ip: ClientIpConfig,
    pub body: BodyPaths,
}

impl Default for AuthzConfig {
    fn default() -> Self {
        AuthzConfig {
            original_method_header: "x-original-method".to_string(),
            original_uri_header: "x-original-uri".to_string(),
            account_missing: AccountMissing::default(),
            invalid_body: InvalidBody::default(),
            expose_reasons: false,
            proxy_secret_file: None,
            max_body_values: 100_000,
            headers: HeaderFields::default(),
            client_ip: ClientIpConfig::default(),
            body: BodyPaths::default(),
        }
    }
}

/// When a request carries no account header.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AccountMissing {
    /// Decide it as account `ip:<client ip>`, so anonymous traffic is still
    /// counted per source.
    #[default]
    ClientIp,
    /// Refuse it with 403 without deciding.
    Deny,
}

/// When a forwarded body is present but is not a JSON object.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum InvalidBody {
    /// Decide on the headers alone (counted in
    /// `palisade_authz_bodies_total{body="invalid"}`).
    #[default]
    Ignore,
    /// Refuse with 403 without deciding.
    Deny,
}

/// `[authz.headers]`: which header carries each feature; `""` disables one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HeaderFields {
    /// The request id; absent: the decision id.
    pub request_id: String,
    pub account_id: String,
    pub account_tier: String,
    pub account_org: String,
    /// Account creation time, milliseconds since the epoch.
    pub account_created_ms: String,
    pub payment_fingerprint: String,
    pub email_domain: String,
    /// Autonomous system number (`13335` or `AS13335`).
    pub client_asn: String,
    pub client_country: String,
    pub user_agent: String,
    /// A TLS client fingerprint (JA3/JA4) set by the TLS terminator.
    pub tls_fingerprint: String,
    /// The model, when a gateway puts it in a header rather than the body.
    pub model: String,
}

impl Default for HeaderFields {
    fn default() -> Self {
        HeaderFields {
            request_id: "x-request-id".to_string(),
            account_id: "x-account-id".to_string(),
            account_tier: "x-account-tier".to_string(),
            account_org: "x-account-org".to_string(),
            account_created_ms: "x-account-created-ms".to_string(),
            payment_fingerprint: "x-payment-fingerprint".to_string(),
            email_domain: "x-account-email-domain".to_string(),
            client_asn: "x-client-asn".to_string(),
            client_country: "x-client-country".to_string(),
            user_agent: "user-agent".to_string(),
            tls_fingerprint: "x-tls-fingerprint".to_string(),
            model: String::new(),
        }
    }
}

/// `[authz.client_ip]`: where the client's address comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClientIpConfig {
    /// Headers tried in order. A comma-separated list (`X-Forwarded-For`)
    /// is read from the right, skipping `trusted_hops` entries.
    pub headers: Vec<String>,
    /// Proxies of your own that append to `X-Forwarded-For` after the
    /// one that calls Palisade. 0: the rightmost entry, i.e. the address
    /// the proxy in front of Palisade saw, which the client cannot forge.
    pub trusted_hops: usize,
}

impl Default for ClientIpConfig {
    fn default() -> Self {
        ClientIpConfig {
            headers: vec!["x-forwarded-for".to_string(), "x-real-ip".to_string()],
            trusted_hops: 0,
        }
    }
}

/// `[authz.body]`: paths into a JSON body, tried in order.
///
/// A path is dot-separated: `name` is an object field, a number is an
/// array index, `*` is every element (or value), and `name[key=value]` is
/// every element of array `name` whose `key` equals `value`. Text fields
/// (`prompt`, `system_prompt`) join every string found, in path order;
/// `tools` collects every string; the others take the first match of the
/// right type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BodyPaths {
    pub prompt: Vec<String>,
    pub system_prompt: Vec<String>,
    pub model: Vec<String>,
    pub max_output_tokens: Vec<String>,
    pub prompt_tokens: Vec<String>,
    pub tools: Vec<String>,
    pub stream: Vec<String>,
}

fn strings(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|s| (*s).to_string()).collect()
}

impl Default for BodyPaths {
    /// OpenAI chat completions and responses, Anthropic messages, and a
    /// plain `{"prompt": ...}`.
    fn default() -> Self {
        BodyPaths {
            prompt: strings(&[
                "prompt",
                "input",
                "input[role=user].content",
                "input[role=user].content.*.text",
                "messages[role=user].content",
                "messages[role=user].content.*.text",
            ]),
            system_prompt: strings(&[
                "system",
                "system.*.text",
                "instructions",
                "messages[role=system].content",
                "messages[role=system].content.*.text",
                "messages[role=developer].content",
                "messages[role=developer].content.*.text",
            ]),
            model: strings(&["model"]),
            max_output_tokens: strings(&[
                "max_tokens",
                "max_completion_tokens",
                "max_output_tokens",
            ]),
            prompt_tokens: Vec::new(),
            tools: strings(&["tools.*.function.name", "tools.*.name"]),
            stream: strings(&["stream"]),
        }
    }
}

impl AuthzConfig {
    /// Validates header names and body paths into a [`Mapping`].
    pub fn compile(&self) -> Result<Mapping, ConfigError> {
        if !(16..=1 << 24).contains(&self.max_body_values) {
            return Err(ConfigError::invalid(
                "authz.max_body_values",
                format!(
                    "{} is outside the accepted range 16..={}",
                    self.max_body_values,
                    1 << 24
                ),
            ));
        }
        Ok(Mapping {
            original_method: header("authz.original_method_header", &self.original_method_header)?,
            original_uri: header("authz.original_uri_header", &self.original_uri_header)?,
            account_missing: self.account_missing,
            invalid_body: self.invalid_body,
            expose_reasons: self.expose_reasons,
            proxy_secret: match &self.proxy_secret_file {
                Some(path) => Some(ProxySecret::read(path)?),
                None => None,
            },
            headers: HeaderMapping::compile(&self.headers)?,
            client_ip: ClientIpSources::compile(&self.client_ip)?,
            body: BodyMapping::compile(&self.body, self.max_body_values)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_header_name_in_config_is_named() {
        let mut config = AuthzConfig::default();
        config.headers.account_id = "x account".to_string();
        let err = config.compile().unwrap_err();
        assert!(
            err.to_string().contains("authz.headers.account_id"),
            "{err}"
        );
    }
}
