//! Short aggregate keys. The host namespaces keys per plugin and caps their
//! memory, so keys stay short: a one- or two-letter kind and 12 hex digits
//! (48 bits) of a stable hash of the value. Collisions at 48 bits are
//! negligible at the populations an edge sees in a window.

use palisade_sdk::text::hash64;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends the top 48 bits of `h` as 12 hex digits. Written out by hand:
/// keys are built several times per request, and `format!` costs a
/// plugin more than the aggregate call the key is for.
fn push_hex48(out: &mut String, h: u64) {
    let v = h >> 16;
    for shift in (0..12).rev() {
        out.push(char::from(HEX[((v >> (shift * 4)) & 0xf) as usize]));
    }
}

/// `kind` + 12 hex digits of the hash of `value`.
pub fn key(kind: &str, value: &str) -> String {
    hashed(kind, hash64(value.as_bytes()))
}

/// `kind` + 12 hex digits of `h`.
pub fn hashed(kind: &str, h: u64) -> String {
    let mut out = String::with_capacity(kind.len() + 12);
    out.push_str(kind);
    push_hex48(&mut out, h);
    out
}

/// `kind` + hash of `value` + `:` + `suffix`, for per-value sub-keys.
pub fn sub(kind: &str, value: &str, suffix: u64) -> String {
    let mut out = hashed(kind, hash64(value.as_bytes()));
    out.push(':');
    out.push_str(decimal(suffix, &mut [0; 20]));
    out
}

/// `n` in decimal, written into `buf` (as `n.to_string()` would, without
/// the allocation): for numeric keys and items.
pub fn decimal(n: u64, buf: &mut [u8; 20]) -> &str {
    let mut n = n;
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_stable_and_distinct() {
        let a = key("p:", "card-fingerprint-0123456789abcdef0123456789abcdef");
        assert_eq!(a.len(), 14);
        assert_eq!(
            a,
            key("p:", "card-fingerprint-0123456789abcdef0123456789abcdef")
        );
        assert_ne!(a, key("p:", "card-fingerprint-2"));
        assert!(sub("g", "acct", 7).ends_with(":7"));
        assert!(sub("g", "acct", 1234567).ends_with(":1234567"));
        assert!(sub("g", "acct", 0).ends_with(":0"));
        for n in [0, 7, 10, 4_294_967_295, u64::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
        assert_eq!(
            hashed("p:", 0xfedc_ba98_7654_3210),
            format!("p:{:012x}", 0xfedc_ba98_7654_3210u64 >> 16)
        );
    }
}
