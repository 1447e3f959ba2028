//! The Redis key layout. Every key of one plugin shares the hash tag
//! `{PREFIX:PLUGIN}`, so a plugin's keys sit in one Redis Cluster slot and
//! one pipelined batch or `MGET` never crosses slots; the plugin name in
//! the tag is its namespace. A key names the aggregate by its 64-bit hash
//! (kind, window and the plugin's key: the same on every node), so no
//! account identifier is written to Redis.
//!
//! | aggregate | key | type | written with |
//! | --- | --- | --- | --- |
//! | counter bucket | `{P:plugin}:c:HASH:BUCKET` | string | `INCRBY` |
//! | distinct pane | `{P:plugin}:d:HASH:PANE` | sorted set, register → rank | `ZADD GT` |
//! | first/last seen | `{P:plugin}:s:HASH` | sorted set `f`, `l`, `n` | `ZADD LT`, `ZADD GT`, `ZINCRBY` |
//!
//! Every key has a TTL: buckets and panes live for their window plus one
//! bucket or pane and [`MARGIN_MS`] (each node sets it with its first write
//! to the bucket or pane), seen records `seen_ttl_s` after their last
//! sighting (refreshed every 10 s of sightings). Nothing grows without
//! bound.

/// Extra life of a bucket or pane beyond its window: covers clock skew
/// between nodes and a sync that lags.
pub const MARGIN_MS: u64 = 60_000;

/// One plugin's key namespace.
pub struct Keys {
    tag: String,
}

impl Keys {
    /// The namespace of `plugin` under `prefix`.
    pub fn new(prefix: &str, plugin: &str) -> Keys {
        Keys {
            tag: format!("{{{prefix}:{plugin}}}"),
        }
    }

    /// A counter's bucket.
    pub fn counter(&self, hash: u64, bucket: u64) -> String {
        format!("{}:c:{hash:016x}:{bucket}", self.tag)
    }

    /// A distinct set's pane of registers.
    pub fn distinct(&self, hash: u64, pane: u64) -> String {
        format!("{}:d:{hash:016x}:{pane}", self.tag)
    }

    /// A key's first/last-seen record.
    pub fn seen(&self, hash: u64) -> String {
        format!("{}:s:{hash:016x}", self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_the_plugins_hash_tag() {
        let k = Keys::new("edge", "infra");
        assert_eq!(k.counter(0xab, 7), "{edge:infra}:c:00000000000000ab:7");
        assert_eq!(k.distinct(1, 2), "{edge:infra}:d:0000000000000001:2");
        assert_eq!(k.seen(1), "{edge:infra}:s:0000000000000001");
    }
}
