//! How the check endpoint turns a proxied request into request features.
//!
//! An enforcement point (nginx `auth_request`, Envoy `ext_authz`) forwards
//! the original request's headers and, when configured to, its body. The
//! operator says in `[authz]` which header carries what and where in the
//! JSON body the prompt, model, tools and token cap live; the defaults fit
//! nginx's conventional `X-Original-URI` / `X-Original-Method` headers and
//! the OpenAI and Anthropic request bodies.
//!
//! Mapping never fails on what a client controls: oversized values are cut
//! to the feature limits (at a character boundary, keeping the start), an
//! unreadable IP falls through to the next source, and a body that is not
//! JSON is ignored or refused as `invalid_body` says. The one configurable
//! refusal is a request without an account (`account_missing = "deny"`).

use super::config::ConfigError;
pub use super::json_path::JsonPath;
use crate::features::{Account, Call, Client, FeatureLimits, Features};
use axum::http::{HeaderMap, HeaderName, Method, Uri};
use serde::Deserialize;
use serde_json::Value;
use std::net::{IpAddr, Ipv4Addr};

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

/// The validated mapping used per request.
#[derive(Debug, Clone)]
pub struct Mapping {
    original_method: Option<HeaderName>,
    original_uri: Option<HeaderName>,
    pub account_missing: AccountMissing,
    pub invalid_body: InvalidBody,
    pub expose_reasons: bool,
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
    model_header: Option<HeaderName>,
    ip_headers: Vec<HeaderName>,
    trusted_hops: usize,
    prompt: Vec<JsonPath>,
    system_prompt: Vec<JsonPath>,
    model: Vec<JsonPath>,
    max_output_tokens: Vec<JsonPath>,
    prompt_tokens: Vec<JsonPath>,
    tools: Vec<JsonPath>,
    stream: Vec<JsonPath>,
}

fn header(field: &str, name: &str) -> Result<Option<HeaderName>, ConfigError> {
    if name.is_empty() {
        return Ok(None);
    }
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
        .map(Some)
        .map_err(|_| {
            ConfigError::invalid(field, format!("{name:?} is not a valid HTTP header name"))
        })
}

fn paths(field: &str, texts: &[String]) -> Result<Vec<JsonPath>, ConfigError> {
    if texts.len() > 64 {
        return Err(ConfigError::invalid(
            field,
            format!("{} paths, over the limit of 64", texts.len()),
        ));
    }
    texts
        .iter()
        .map(|t| JsonPath::parse(t).map_err(|m| ConfigError::invalid(field, m)))
        .collect()
}

impl AuthzConfig {
    /// Validates header names and body paths into a [`Mapping`].
    pub fn compile(&self) -> Result<Mapping, ConfigError> {
        let h = &self.headers;
        if self.client_ip.headers.len() > 16 {
            return Err(ConfigError::invalid(
                "authz.client_ip.headers",
                "more than 16 headers",
            ));
        }
        if self.client_ip.trusted_hops > 64 {
            return Err(ConfigError::invalid(
                "authz.client_ip.trusted_hops",
                "over 64",
            ));
        }
        let ip_headers = self
            .client_ip
            .headers
            .iter()
            .map(|name| {
                header("authz.client_ip.headers", name)?.ok_or_else(|| {
                    ConfigError::invalid("authz.client_ip.headers", "an empty header name")
                })
            })
            .collect::<Result<_, _>>()?;
        let b = &self.body;
        Ok(Mapping {
            original_method: header("authz.original_method_header", &self.original_method_header)?,
            original_uri: header("authz.original_uri_header", &self.original_uri_header)?,
            account_missing: self.account_missing,
            invalid_body: self.invalid_body,
            expose_reasons: self.expose_reasons,
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
            model_header: header("authz.headers.model", &h.model)?,
            ip_headers,
            trusted_hops: self.client_ip.trusted_hops,
            prompt: paths("authz.body.prompt", &b.prompt)?,
            system_prompt: paths("authz.body.system_prompt", &b.system_prompt)?,
            model: paths("authz.body.model", &b.model)?,
            max_output_tokens: paths("authz.body.max_output_tokens", &b.max_output_tokens)?,
            prompt_tokens: paths("authz.body.prompt_tokens", &b.prompt_tokens)?,
            tools: paths("authz.body.tools", &b.tools)?,
            stream: paths("authz.body.stream", &b.stream)?,
        })
    }
}

/// What happened to a forwarded body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyUse {
    /// No body was forwarded (nginx `auth_request` without the body).
    Absent,
    /// Parsed as JSON and mapped.
    Json,
    /// Present but not a JSON object (or not declared as JSON).
    Invalid,
}

impl BodyUse {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyUse::Absent => "absent",
            BodyUse::Json => "json",
            BodyUse::Invalid => "invalid",
        }
    }
}

/// Why a request was refused without a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoAccount,
    InvalidBody,
}

/// The original request as the proxy describes it.
pub struct Original<'a> {
    pub headers: &'a HeaderMap,
    /// This request's method (Envoy forwards the original's).
    pub method: &'a Method,
    /// This request's URI; its path after `/v1/authz` is the original path
    /// under Envoy's `path_prefix`.
    pub uri: &'a Uri,
    pub body: &'a [u8],
    /// The TCP peer: the proxy, the last resort for the client IP.
    pub peer: Option<IpAddr>,
}

/// A mapped request.
#[derive(Debug)]
pub struct Mapped {
    pub features: Features,
    pub body: BodyUse,
    pub method: String,
}

fn text<'h>(headers: &'h HeaderMap, name: &Option<HeaderName>) -> Option<&'h str> {
    let value = headers.get(name.as_ref()?)?.to_str().ok()?.trim();
    (!value.is_empty()).then_some(value)
}

/// Cuts `s` to at most `max` bytes at a character boundary.
fn cut(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    // `[v6]:port`, `v4:port`, `"[v6]"` (RFC 7239 style quoting)
    let s = s.trim_matches('"');
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = s.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse().ok()
}

impl Mapping {
    fn client_ip(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> IpAddr {
        for name in &self.ip_headers {
            for value in headers.get_all(name) {
                let Ok(value) = value.to_str() else { continue };
                let entries: Vec<&str> = value
                    .split(',')
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .collect();
                if entries.is_empty() {
                    continue;
                }
                let index = entries.len().saturating_sub(1 + self.trusted_hops);
                if let Some(ip) = entries.get(index).and_then(|e| parse_ip(e)) {
                    return ip;
                }
            }
        }
        peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))
    }

    /// Maps one proxied request. `fallback_id` names it when no request-id
    /// header does; `now_ms` stamps it.
    pub fn map(
        &self,
        original: &Original<'_>,
        limits: &FeatureLimits,
        fallback_id: &str,
        now_ms: u64,
    ) -> Result<Mapped, Refusal> {
        let headers = original.headers;
        let id_max = limits.max_id_bytes;
        let short =
            |name: &Option<HeaderName>| text(headers, name).map(|v| cut(v.to_string(), id_max));

        let method = text(headers, &self.original_method)
            .map(str::to_string)
            .unwrap_or_else(|| original.method.as_str().to_string());
        let route = match text(headers, &self.original_uri) {
            Some(uri) => Some(uri.split(['?', '#']).next().unwrap_or_default().to_string()),
            None => original
                .uri
                .path()
                .strip_prefix("/v1/authz")
                .filter(|rest| rest.starts_with('/'))
                .map(str::to_string),
        }
        .filter(|r| !r.is_empty())
        .map(|r| cut(r, id_max));

        let client_ip = self.client_ip(headers, original.peer);
        let account_id = match short(&self.account_id) {
            Some(id) => id,
            None => match self.account_missing {
                AccountMissing::ClientIp => format!("ip:{client_ip}"),
                AccountMissing::Deny => return Err(Refusal::NoAccount),
            },
        };

        let (body, json) = self.parse_body(original)?;
        let joined = |paths: &[JsonPath]| -> Option<String> {
            let root = json.as_ref()?;
            let parts: Vec<&str> = paths
                .iter()
                .flat_map(|p| p.select(root))
                .filter_map(Value::as_str)
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        };
        let first = |paths: &[JsonPath]| -> Option<&Value> {
            let root = json.as_ref()?;
            paths.iter().flat_map(|p| p.select(root)).next()
        };
        let first_u32 = |paths: &[JsonPath]| {
            first(paths)
                .and_then(Value::as_u64)
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        };
        let prompt = cut(
            joined(&self.prompt).unwrap_or_default(),
            limits.max_prompt_bytes,
        );
        let system_prompt = joined(&self.system_prompt).map(|s| cut(s, limits.max_prompt_bytes));
        let model = short(&self.model_header).or_else(|| {
            json.as_ref()
                .and_then(|root| {
                    self.model
                        .iter()
                        .flat_map(|p| p.select(root))
                        .find_map(Value::as_str)
                })
                .map(|m| cut(m.to_string(), id_max))
        });
        let tools = json.as_ref().map(|root| {
            self.tools
                .iter()
                .flat_map(|p| p.select(root))
                .filter_map(Value::as_str)
                .take(limits.max_tools)
                .map(|t| cut(t.to_string(), id_max))
                .collect::<Vec<_>>()
        });

        let features = Features {
            id: short(&self.request_id).unwrap_or_else(|| fallback_id.to_string()),
            ts_ms: now_ms,
            account: Account {
                id: cut(account_id, id_max),
                created_ms: text(headers, &self.account_created_ms).and_then(|v| v.parse().ok()),
                tier: short(&self.account_tier),
                org: short(&self.account_org),
                payment_fingerprint: short(&self.payment_fingerprint),
                email_domain: short(&self.email_domain),
            },
            client: Client {
                ip: client_ip.to_string(),
                asn: text(headers, &self.client_asn).and_then(|v| {
                    v.trim_start_matches("AS")
                        .trim_start_matches("as")
                        .parse()
                        .ok()
                }),
                country: short(&self.client_country),
                user_agent: text(headers, &self.user_agent)
                    .map(|v| cut(v.to_string(), limits.max_prompt_bytes)),
                tls_fingerprint: short(&self.tls_fingerprint),
            },
            call: Call {
                route,
                model,
                prompt,
                system_prompt,
                prompt_tokens: first_u32(&self.prompt_tokens),
                max_output_tokens: first_u32(&self.max_output_tokens),
                tools: tools.filter(|t| !t.is_empty()),
                stream: first(&self.stream).and_then(Value::as_bool),
            },
            label: None,
        };
        Ok(Mapped {
            features,
            body,
            method,
        })
    }

    /// Parses the forwarded body when there is one and it is declared (or
    /// not declared otherwise) as JSON.
    fn parse_body(&self, original: &Original<'_>) -> Result<(BodyUse, Option<Value>), Refusal> {
        if original.body.iter().all(u8::is_ascii_whitespace) {
            return Ok((BodyUse::Absent, None));
        }
        let declared_json = match original.headers.get(axum::http::header::CONTENT_TYPE) {
            None => true,
            Some(v) => v.to_str().is_ok_and(super::limits::is_json_type),
        };
        let parsed = declared_json
            .then(|| serde_json::from_slice::<Value>(original.body).ok())
            .flatten()
            .filter(Value::is_object);
        match parsed {
            Some(v) => Ok((BodyUse::Json, Some(v))),
            None => match self.invalid_body {
                InvalidBody::Ignore => Ok((BodyUse::Invalid, None)),
                InvalidBody::Deny => Err(Refusal::InvalidBody),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn mapping() -> Mapping {
        AuthzConfig::default().compile().unwrap()
    }

    fn map_with(
        m: &Mapping,
        headers: &[(&str, &str)],
        uri: &str,
        body: &str,
    ) -> Result<Mapped, Refusal> {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        let uri: Uri = uri.parse().unwrap();
        let original = Original {
            headers: &h,
            method: &Method::POST,
            uri: &uri,
            body: body.as_bytes(),
            peer: Some("10.9.8.7".parse().unwrap()),
        };
        m.map(&original, &FeatureLimits::default(), "d-1", 42)
    }

    #[test]
    fn openai_chat_body_maps_prompt_system_model_tools_and_cap() {
        let body = r#"{"model":"gpt-x","max_tokens":4096,"stream":true,
            "messages":[{"role":"system","content":"Be terse."},
                        {"role":"user","content":"First question"},
                        {"role":"assistant","content":"answer"},
                        {"role":"user","content":[{"type":"text","text":"Second"}]}],
            "tools":[{"type":"function","function":{"name":"search"}}]}"#;
        let m = map_with(
            &mapping(),
            &[
                ("x-account-id", "acct-7"),
                ("x-original-uri", "/v1/chat/completions?x=1"),
            ],
            "/v1/authz",
            body,
        )
        .unwrap();
        let f = m.features;
        assert_eq!(m.body, BodyUse::Json);
        assert_eq!(f.call.prompt, "First question\n\nSecond");
        assert_eq!(f.call.system_prompt.as_deref(), Some("Be terse."));
        assert_eq!(f.call.model.as_deref(), Some("gpt-x"));
        assert_eq!(f.call.max_output_tokens, Some(4096));
        assert_eq!(f.call.tools, Some(vec!["search".to_string()]));
        assert_eq!(f.call.stream, Some(true));
        assert_eq!(f.call.route.as_deref(), Some("/v1/chat/completions"));
        assert_eq!(f.account.id, "acct-7");
        assert_eq!(f.id, "d-1");
        f.validate(&FeatureLimits::default()).unwrap();
    }

    #[test]
    fn anthropic_body_maps_system_blocks_and_tool_names() {
        let body = r#"{"model":"claude-x","max_tokens":100,"system":[{"type":"text","text":"sys"}],
            "messages":[{"role":"user","content":"hi"}],"tools":[{"name":"calc","input_schema":{}}]}"#;
        let f = map_with(&mapping(), &[], "/v1/authz/v1/messages", body)
            .unwrap()
            .features;
        assert_eq!(f.call.system_prompt.as_deref(), Some("sys"));
        assert_eq!(f.call.tools, Some(vec!["calc".to_string()]));
        assert_eq!(
            f.call.route.as_deref(),
            Some("/v1/messages"),
            "Envoy path_prefix suffix"
        );
    }

    #[test]
    fn forwarded_for_is_read_from_the_right_and_hops_are_skipped() {
        let m = mapping();
        let f = map_with(
            &m,
            &[("x-forwarded-for", "6.6.6.6, 203.0.113.5")],
            "/v1/authz",
            "",
        )
        .unwrap()
        .features;
        assert_eq!(
            f.client.ip, "203.0.113.5",
            "the client cannot forge the rightmost entry"
        );
        let mut config = AuthzConfig::default();
        config.client_ip.trusted_hops = 1;
        let f = map_with(
            &config.compile().unwrap(),
            &[("x-forwarded-for", "198.51.100.1, 203.0.113.5")],
            "/v1/authz",
            "",
        )
        .unwrap()
        .features;
        assert_eq!(f.client.ip, "198.51.100.1");
        let f = map_with(
            &m,
            &[
                ("x-forwarded-for", "garbage"),
                ("x-real-ip", "[2001:db8::1]:443"),
            ],
            "/v1/authz",
            "",
        )
        .unwrap()
        .features;
        assert_eq!(f.client.ip, "2001:db8::1");
        let f = map_with(&m, &[], "/v1/authz", "").unwrap().features;
        assert_eq!(f.client.ip, "10.9.8.7", "the peer is the last resort");
        assert_eq!(
            f.account.id, "ip:10.9.8.7",
            "no account header: counted per client IP"
        );
    }

    #[test]
    fn missing_account_and_invalid_body_can_be_refused() {
        let config = AuthzConfig {
            account_missing: AccountMissing::Deny,
            invalid_body: InvalidBody::Deny,
            ..AuthzConfig::default()
        };
        let m = config.compile().unwrap();
        assert_eq!(
            map_with(&m, &[], "/v1/authz", "").unwrap_err(),
            Refusal::NoAccount
        );
        assert_eq!(
            map_with(&m, &[("x-account-id", "a")], "/v1/authz", "{not json").unwrap_err(),
            Refusal::InvalidBody
        );
        let lenient = map_with(
            &mapping(),
            &[("x-account-id", "a")],
            "/v1/authz",
            "{not json",
        )
        .unwrap();
        assert_eq!(lenient.body, BodyUse::Invalid);
        assert_eq!(lenient.features.call.prompt, "");
    }

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
