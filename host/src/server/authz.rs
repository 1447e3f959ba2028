//! The check endpoint for enforcement points: nginx `auth_request` and
//! Envoy `ext_authz` (HTTP service) call `/v1/authz` (Envoy appends the
//! original path: `/v1/authz/v1/chat/completions`) with the original
//! request's headers and, when configured to, its body. The request is
//! mapped to features by [`super::mapping`], decided, and answered in the
//! status codes both proxies understand:
//!
//! | action | status | body |
//! | --- | --- | --- |
//! | `allow`, `log` | 200 | none; directives as `X-Palisade-*` headers for the upstream |
//! | `throttle` | 429 + `Retry-After` | JSON |
//! | `challenge`, `block` | 403 | JSON |
//!
//! The policy's directive headers are also sent form-encoded in one
//! `X-Palisade-Headers`, for nginx to unpack ([`DIRECTIVE_HEADERS`]). With
//! `[authz] proxy_secret_file`, a check without the proxy's secret is
//! refused before mapping (the trust model in README.md).
//!
//! Every answer carries `X-Palisade-Action`, `-Decision-Id`, `-Policy`,
//! `-Generation` and `-Score`; refusals also carry their JSON body as
//! `X-Palisade-Body` (non-ASCII escaped), because nginx's `auth_request`
//! discards the subrequest's body and can only relay headers (the nginx
//! configuration in README.md (`palisade serve`) returns it as the refusal's body).

use super::error::ApiError;
use super::limits;
use super::mapping::{Mapping, Original, Refusal};
use super::metrics::Endpoint;
use super::{AppState, Decided, now_ms};
use crate::decision::{Action, Decision};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::net::SocketAddr;
use std::time::Instant;

/// `/v1/authz` and `/v1/authz/*original`, any method.
pub async fn authz(State(state): State<AppState>, request: Request) -> Result<Response, ApiError> {
    let started = Instant::now();
    let shared = &state.shared;
    let (parts, body) = request.into_parts();
    let bytes = limits::read_body(
        &parts.headers,
        body,
        shared.config.limits.max_body_bytes,
        shared.body_timeout(),
    )
    .await?;
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let id = shared.ids.next();
    let original = Original {
        headers: &parts.headers,
        method: &parts.method,
        uri: &parts.uri,
        body: &bytes,
        peer,
    };
    let mapped = match shared
        .mapping
        .map(&original, &shared.feature_limits, &id, now_ms())
    {
        Ok(mapped) => mapped,
        Err(refusal) => {
            match refusal {
                Refusal::InvalidBody => shared.metrics.record_authz_body("invalid"),
                Refusal::TooManyValues(_) => shared.metrics.record_authz_body("too_many_values"),
                Refusal::UntrustedProxy | Refusal::NoAccount | Refusal::RepeatedHeader(_) => {}
            }
            return Ok(refused(&refusal, &id, &shared.mapping));
        }
    };
    drop(bytes);
    shared.metrics.record_authz_body(mapped.body.as_str());
    mapped
        .features
        .validate(&shared.feature_limits)
        .map_err(|e| ApiError::bad_request(format!("mapped request features are invalid: {e}")))?;
    tracing::trace!(method = %mapped.method, body = mapped.body.as_str(), "authz request mapped");
    let generation = shared.policy.current();
    let (decision, features) = shared.run(generation.clone(), mapped.features).await?;
    Ok(shared.conclude(
        &generation,
        Decided {
            endpoint: Endpoint::Authz,
            decision_id: id,
            decision,
            input: Some(features),
            started,
        },
        |id, decision| respond(id, decision, &shared.mapping),
    ))
}

/// A refusal's JSON body.
#[derive(Serialize)]
struct Refused<'a> {
    error: &'a str,
    action: &'static str,
    decision_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reasons: Option<&'a [String]>,
}

/// Serialises `value` as JSON with every non-ASCII character escaped, so
/// it is a valid header value.
pub fn ascii_json(value: &impl Serialize) -> String {
    let text = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// Headers a policy's directives may not set: framing and hop-by-hop.
const RESERVED: [&str; 7] = [
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "host",
    "retry-after",
    "keep-alive",
];

/// The policy's directive headers again, as one form-encoded value
/// (`name=value&name=value`): nginx's `auth_request` can relay only headers
/// it names in advance, so the configuration in README.md unpacks this one
/// (`ngx.decode_args`) to pass headers whose names only the policy knows.
pub const DIRECTIVE_HEADERS: &str = "x-palisade-headers";

/// Appends `text` percent-encoded (every byte but `A-Z a-z 0-9 - . _ ~`).
fn form_encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

fn put(headers: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.insert(name, v);
    }
}

fn deny(status: StatusCode, mut headers: HeaderMap, body: &Refused<'_>) -> Response {
    let json = ascii_json(body);
    put(&mut headers, "x-palisade-body", &json);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    (status, headers, json).into_response()
}

/// The proxy-facing answer for a decision.
pub fn respond(id: &str, d: &Decision, mapping: &Mapping) -> Response {
    let mut headers = HeaderMap::new();
    put(&mut headers, "x-palisade-action", d.action.as_str());
    put(&mut headers, "x-palisade-decision-id", id);
    put(&mut headers, "x-palisade-policy", &d.policy);
    put(
        &mut headers,
        "x-palisade-generation",
        &d.generation.to_string(),
    );
    put(&mut headers, "x-palisade-score", &d.score.to_string());
    if let Some(would) = d.would_action {
        put(&mut headers, "x-palisade-would-action", would.as_str());
    }
    let directives = &d.directives;
    if let Some(n) = directives.max_output_tokens {
        put(&mut headers, "x-palisade-max-output-tokens", &n.to_string());
    }
    if directives.strip_reasoning == Some(true) {
        put(&mut headers, "x-palisade-strip-reasoning", "true");
    }
    let mut relayed = String::new();
    for (name, value) in &directives.headers {
        let name = name.to_ascii_lowercase();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(n), Ok(v)) if !RESERVED.contains(&name.as_str()) && n != DIRECTIVE_HEADERS => {
                headers.insert(n, v);
                if !relayed.is_empty() {
                    relayed.push('&');
                }
                form_encode(&mut relayed, &name);
                relayed.push('=');
                form_encode(&mut relayed, value);
            }
            _ => tracing::debug!(header = %name, "directive header skipped: invalid or reserved"),
        }
    }
    if !relayed.is_empty() {
        put(&mut headers, DIRECTIVE_HEADERS, &relayed);
    }
    let reasons = mapping.expose_reasons.then_some(d.reasons.as_slice());
    match d.action {
        Action::Allow | Action::Log => (StatusCode::OK, headers).into_response(),
        Action::Throttle => {
            let retry = directives.retry_after_s.unwrap_or(1).max(1);
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry));
            let body = Refused {
                error: "too many requests; retry later",
                action: d.action.as_str(),
                decision_id: id,
                policy: Some(&d.policy),
                retry_after_s: Some(retry),
                reasons,
            };
            deny(StatusCode::TOO_MANY_REQUESTS, headers, &body)
        }
        Action::Challenge | Action::Block => {
            let error = if d.action == Action::Challenge {
                "a challenge is required before this request can proceed"
            } else {
                "request refused by policy"
            };
            let body = Refused {
                error,
                action: d.action.as_str(),
                decision_id: id,
                policy: Some(&d.policy),
                retry_after_s: None,
                reasons,
            };
            deny(StatusCode::FORBIDDEN, headers, &body)
        }
    }
}

/// A 403 for a request refused before any decision.
fn refused(refusal: &Refusal, id: &str, _mapping: &Mapping) -> Response {
    let detailed;
    let error = match refusal {
        Refusal::UntrustedProxy => {
            "not from the trusted proxy: the check carries no valid X-Palisade-Proxy-Secret (authz.proxy_secret_file)"
        }
        Refusal::NoAccount => {
            "no account: the request carries no account header (authz.account_missing = \"deny\")"
        }
        Refusal::InvalidBody => {
            "the request body is not a JSON object (authz.invalid_body = \"deny\")"
        }
        Refusal::RepeatedHeader(name) => {
            detailed = format!(
                "the identity header {name} appears more than once; the edge must set it once, replacing what the client sent (see the trust model)"
            );
            &detailed
        }
        Refusal::TooManyValues(max) => {
            detailed = format!(
                "the request body holds more than {max} values on the mapped body paths (authz.max_body_values); it is refused rather than decided on part of it"
            );
            &detailed
        }
    };
    let mut headers = HeaderMap::new();
    put(&mut headers, "x-palisade-action", Action::Block.as_str());
    put(&mut headers, "x-palisade-decision-id", id);
    let body = Refused {
        error,
        action: Action::Block.as_str(),
        decision_id: id,
        policy: None,
        retry_after_s: None,
        reasons: None,
    };
    deny(StatusCode::FORBIDDEN, headers, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_headers_are_also_relayed_form_encoded_in_one_header() {
        let mut d = Decision {
            id: "r".into(),
            rules: Vec::new(),
            action: Action::Allow,
            score: 0.9674,
            policy: std::sync::Arc::from("p@1"),
            generation: 1,
            reasons: Vec::new(),
            directives: crate::decision::Directives::default(),
            detectors: Vec::new(),
            would_action: None,
            ts_clamped_from: None,
        };
        d.directives
            .headers
            .insert("X-Palisade-Tier".into(), "gold plan/2".into());
        d.directives
            .headers
            .insert("x-route".into(), "a&b=c".into());
        d.directives
            .headers
            .insert("content-length".into(), "1".into());
        let mapping = crate::server::mapping::AuthzConfig::default()
            .compile()
            .unwrap();
        let r = respond("id-1", &d, &mapping);
        let h = r.headers();
        assert_eq!(h["x-palisade-tier"], "gold plan/2");
        assert_eq!(h["x-route"], "a&b=c");
        assert_eq!(
            h[DIRECTIVE_HEADERS], "x-palisade-tier=gold%20plan%2F2&x-route=a%26b%3Dc",
            "reserved headers are left out of both"
        );
        assert_eq!(h["x-palisade-score"], "0.9674");
    }

    #[test]
    fn ascii_json_escapes_non_ascii_and_stays_valid_json() {
        let s = ascii_json(&serde_json::json!({"r": "score 0.9 ≥ 0.85 → throttle 🙂"}));
        assert!(s.is_ascii());
        assert!(HeaderValue::from_str(&s).is_ok());
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["r"], "score 0.9 ≥ 0.85 → throttle 🙂");
    }
}
