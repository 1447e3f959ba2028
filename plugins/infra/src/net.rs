//! Client-network prefixes: IPv4 /24 and IPv6 /48, the units a proxy pool
//! or a corporate NAT usually shares.

use std::net::IpAddr;

/// The /24 (IPv4) or /48 (IPv6) of `ip` as text, `None` if unparsable.
/// IPv4-mapped IPv6 addresses count as IPv4.
pub fn prefix(ip: &str) -> Option<String> {
    let addr: IpAddr = ip.trim().parse().ok()?;
    let addr = match addr {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    Some(match addr {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.0/24")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_cut_at_24_and_48_bits() {
        assert_eq!(prefix("203.0.113.77").as_deref(), Some("203.0.113.0/24"));
        assert_eq!(prefix(" 203.0.113.1 "), prefix("203.0.113.250"));
        assert_eq!(
            prefix("2001:db8:abcd:12::1").as_deref(),
            Some("2001:db8:abcd::/48")
        );
        assert_eq!(
            prefix("::ffff:198.51.100.9").as_deref(),
            Some("198.51.100.0/24")
        );
        assert_eq!(prefix("not-an-ip"), None);
        assert_eq!(prefix(""), None);
    }
}
