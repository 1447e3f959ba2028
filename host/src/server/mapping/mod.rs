//! How the check endpoint turns a proxied request into request features.
//!
//! An enforcement point (nginx `auth_request`, Envoy `ext_authz`) forwards
//! the original request's headers and, when configured to, its body. The
//! operator says in `[authz]` ([`config`]) which header carries what and
//! where in the JSON body the prompt, model, tools and token cap live; the
//! defaults fit nginx's conventional `X-Original-URI` / `X-Original-Method`
//! headers and the OpenAI and Anthropic request bodies.
//!
//! | module | concept |
//! | --- | --- |
//! | [`config`] | `[authz]` as written, and its validation |
//! | [`headers`] | identity and client features from headers; value limits |
//! | [`client_ip`] | the client's address from forwarding headers |
//! | [`body`] | call features from the JSON body |
//!
//! Mapping never fails on what a client controls: oversized values are cut
//! to the feature limits (at a character boundary, keeping the start), an
//! unreadable IP falls through to the next source, and a body that is not
//! JSON is ignored or refused as `invalid_body` says (a body the upstream
//! would parse, UTF-16, `NaN` or lone surrogates included, is read: see
//! [`lenient`]). A body holding more values on the body paths than
//! `max_body_values` is refused. The configurable refusals are a check without the proxy's secret (`proxy_secret_file`:
//! see the trust model in README.md), a request without an account
//! (`account_missing = "deny"`) and an invalid body (`invalid_body = "deny"`).

mod body;
mod client_ip;
mod config;
mod headers;
mod lenient;
mod tree;

pub use super::json_path::JsonPath;
pub use body::BodyUse;
pub use config::{
    AccountMissing, AuthzConfig, BodyPaths, ClientIpConfig, HeaderFields, InvalidBody,
};

use crate::features::{FeatureLimits, Features};
use axum::http::{HeaderMap, HeaderName, Method, Uri};
use body::BodyMapping;
use client_ip::ClientIpSources;
pub use headers::PROXY_SECRET_HEADER;
use headers::{HeaderMapping, ProxySecret, cut, text};
use std::net::IpAddr;

/// The validated mapping used per request.
#[derive(Debug, Clone)]
pub struct Mapping {
    original_method: Option<HeaderName>,
    original_uri: Option<HeaderName>,
    pub account_missing: AccountMissing,
    pub invalid_body: InvalidBody,
    pub expose_reasons: bool,
    proxy_secret: Option<ProxySecret>,
    headers: HeaderMapping,
    client_ip: ClientIpSources,
    body: BodyMapping,
}

/// Why a request was refused without a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// `proxy_secret_file` is set and the check did not carry the secret.
    UntrustedProxy,
    NoAccount,
    InvalidBody,
    /// The body holds more values on the body paths than
    /// `[authz] max_body_values` (the limit).
    TooManyValues(usize),
    /// An identity header (named) was sent more than once.
    RepeatedHeader(String),
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

impl Mapping {
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
        if let Some(secret) = &self.proxy_secret
            && !secret.matches(headers)
        {
            return Err(Refusal::UntrustedProxy);
        }
        let id_max = limits.max_id_bytes;

        if let Some(name) = self.headers.repeated(headers) {
            return Err(Refusal::RepeatedHeader(name.to_string()));
        }
        let method = text(headers, &self.original_method)
            .map(std::borrow::Cow::into_owned)
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

        let client_ip = self.client_ip.resolve(headers, original.peer);
        let account_id = match self.headers.account_id(headers, id_max) {
            Some(id) => id,
            None => match self.account_missing {
                AccountMissing::ClientIp => format!("ip:{client_ip}"),
                AccountMissing::Deny => return Err(Refusal::NoAccount),
            },
        };

        let (body, json) = self.body.parse(original, self.invalid_body)?;
        let call = self.body.call(
            json.as_ref(),
            limits,
            self.headers.model(headers, id_max),
            route,
        );
        let features = Features {
            id: self
                .headers
                .request_id(headers, id_max)
                .unwrap_or_else(|| fallback_id.to_string()),
            ts_ms: now_ms,
            account: self.headers.account(headers, account_id, id_max),
            client: self.headers.client(headers, client_ip, limits),
            call,
            label: None,
        };
        Ok(Mapped {
            features,
            body,
            method,
        })
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use axum::http::HeaderValue;

    pub fn mapping() -> Mapping {
        AuthzConfig::default().compile().unwrap()
    }

    /// Maps a request with `headers`, `uri` and `body` from peer 10.9.8.7.
    pub fn map_with(
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
}
