//! Short aggregate keys. The host namespaces keys per plugin and caps their
//! memory, so keys stay short: a one- or two-letter kind and 12 hex digits
//! (48 bits) of a stable hash of the value. Collisions at 48 bits are
//! negligible at the populations an edge sees in a window.

use palisade_sdk::text::hash64;

/// `kind` + 12 hex digits of the hash of `value`.
pub fn key(kind: &str, value: &str) -> String {
    hashed(kind, hash64(value.as_bytes()))
}

/// `kind` + 12 hex digits of `h`.
pub fn hashed(kind: &str, h: u64) -> String {
    format!("{kind}{:012x}", h >> 16)
}

/// `kind` + hash of `value` + `:` + `suffix`, for per-value sub-keys.
pub fn sub(kind: &str, value: &str, suffix: impl std::fmt::Display) -> String {
    format!("{kind}{:012x}:{suffix}", hash64(value.as_bytes()) >> 16)
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
    }
}
