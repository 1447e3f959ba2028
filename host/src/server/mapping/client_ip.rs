//! The client's address: from the headers the proxy sets, tried in order,
//! then the TCP peer. A comma-separated list (`X-Forwarded-For`) is read
//! from the right, skipping the configured number of your own proxies, so
//! entries the client prepended are never believed. An unreadable value
//! falls through to the next source.

use super::config::ClientIpConfig;
use super::headers::header;
use crate::server::config::ConfigError;
use axum::http::{HeaderMap, HeaderName};
use std::net::{IpAddr, Ipv4Addr};

/// `[authz.client_ip]`, validated.
#[derive(Debug, Clone)]
pub(super) struct ClientIpSources {
    headers: Vec<HeaderName>,
    trusted_hops: usize,
}

impl ClientIpSources {
    pub(super) fn compile(config: &ClientIpConfig) -> Result<ClientIpSources, ConfigError> {
        if config.headers.len() > 16 {
            return Err(ConfigError::invalid(
                "authz.client_ip.headers",
                "more than 16 headers",
            ));
        }
        if config.trusted_hops > 64 {
            return Err(ConfigError::invalid(
                "authz.client_ip.trusted_hops",
                "over 64",
            ));
        }
        let headers = config
            .headers
            .iter()
            .map(|name| {
                header("authz.client_ip.headers", name)?.ok_or_else(|| {
                    ConfigError::invalid("authz.client_ip.headers", "an empty header name")
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(ClientIpSources {
            headers,
            trusted_hops: config.trusted_hops,
        })
    }

    /// The client's address; `peer` (the proxy) is the last resort.
    pub(super) fn resolve(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> IpAddr {
        for name in &self.headers {
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

#[cfg(test)]
mod tests {
    use super::super::AuthzConfig;
    use super::super::tests::{map_with, mapping};

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
    fn addresses_with_ports_and_quotes_parse() {
        assert_eq!(
            super::parse_ip("203.0.113.5:443").unwrap().to_string(),
            "203.0.113.5"
        );
        assert_eq!(
            super::parse_ip("\"[2001:db8::2]\"").unwrap().to_string(),
            "2001:db8::2"
        );
        assert_eq!(super::parse_ip("unknown"), None);
    }
}
