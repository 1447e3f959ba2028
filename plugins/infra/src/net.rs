//! Client-network prefixes: IPv4 /24 and IPv6 /48, the units a proxy pool
//! or a corporate NAT usually shares.

use std::net::IpAddr;

/// The /24 (IPv4) or /48 (IPv6) of `ip` as text, `None` if unparsable.
/// IPv4-mapped IPv6 addresses count as IPv4.
pub fn prefix(ip: &str) -> Option<String> {
    let ip = ip.trim();
    if let Some(p) = ipv4_prefix(ip) {
        return Some(p);
    }
    let addr: IpAddr = ip.parse().ok()?;
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

/// The fast path for the common case, a dotted-quad IPv4 address exactly as
/// `Ipv4Addr` parses it (four decimal octets of at most 255, no leading
/// zeros): its /24 as `prefix` writes it, without parsing into an address
/// and formatting back. Anything else is `None` and takes the general path.
fn ipv4_prefix(ip: &str) -> Option<String> {
    let b = ip.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let (mut octets, mut start, mut cut) = (0, 0, 0);
    for i in 0..=b.len() {
        if i < b.len() && b[i] != b'.' {
            if !b[i].is_ascii_digit() {
                return None;
            }
            continue;
        }
        let part = &b[start..i];
        let value = part.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
        if part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') || value > 255 {
            return None;
        }
        octets += 1;
        if octets == 3 {
            cut = i;
        }
        start = i + 1;
    }
    if octets != 4 {
        return None;
    }
    let mut out = String::with_capacity(cut + 5);
    out.push_str(&ip[..cut]);
    out.push_str(".0/24");
    Some(out)
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
        // The fast path agrees with the general one, and leaves it what it
        // does not take.
        for ip in [
            "0.0.0.0",
            "255.255.255.255",
            "10.1.2.3",
            "1.22.255.9",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "1..2.3",
            "1.2.3.",
            ".1.2.3",
            "1.2.3.04",
            "1.2.3.a",
            "1234.1.1.1",
            "१.2.3.4",
        ] {
            let general = ip.parse::<IpAddr>().ok().map(|a| match a {
                IpAddr::V4(v4) => {
                    let [a, b, c, _] = v4.octets();
                    format!("{a}.{b}.{c}.0/24")
                }
                IpAddr::V6(_) => unreachable!(),
            });
            assert_eq!(prefix(ip), general, "{ip}");
            if ipv4_prefix(ip).is_some() {
                assert_eq!(ipv4_prefix(ip), general, "{ip}");
            }
        }
        assert_eq!(prefix(""), None);
    }
}
