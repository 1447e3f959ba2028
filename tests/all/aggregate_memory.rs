//! Aggregate memory holds its cap (issue #10): a million distinct accounts
//! through four stores, as the four stateful detectors would write them,
//! keep the process's peak memory within the caps plus a stated overhead.

use palisade::aggregates::AggregateStore;
use std::io::Read;

const MIB: usize = 1 << 20;

/// A `/proc/self/status` figure in KiB.
fn status_kib(field: &str) -> u64 {
    let mut status = String::new();
    std::fs::File::open("/proc/self/status")
        .unwrap()
        .read_to_string(&mut status)
        .unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap()
}

#[test]
fn a_million_accounts_keep_aggregate_memory_within_the_caps() {
    crate::common::in_child("aggregate_memory::million_accounts_in_this_process");
}

#[test]
#[ignore = "run by a_million_accounts_keep_… in a process of its own"]
fn million_accounts_in_this_process() {
    let accounts = crate::common::env_or("PALISADE_ACCOUNTS", 1_000_000);
    let cap = crate::common::env_or("PALISADE_AGGREGATE_MIB", 64) as usize * MIB;
    let before = status_kib("VmHWM:");
    let stores: Vec<AggregateStore> = (0..4).map(|_| AggregateStore::new(cap)).collect();
    for i in 0..accounts {
        let account = format!("acct-{i:08}");
        let ts = 1_764_150_000_000 + i;
        for (s, store) in stores.iter().enumerate() {
            store.counter_add(&account, 3_600_000, 1, ts);
            store.touch(&account, ts);
            // Every 50th account spreads over many IPs: its distinct set
            // turns into HyperLogLog panes (a kilobyte of heap each).
            let items = if i % 50 == s as u64 { 64 } else { 2 };
            for j in 0..items {
                store.distinct_add(&account, 86_400_000, &format!("10.{s}.{}.{j}", i % 250), ts);
            }
        }
    }
    let accounted: usize = stores.iter().map(AggregateStore::bytes).sum();
    let entries: usize = stores.iter().map(AggregateStore::len).sum();
    let evictions: u64 = stores.iter().map(AggregateStore::evictions).sum();
    let grown = status_kib("VmHWM:").saturating_sub(before);
    let caps_kib = (4 * cap / 1024) as u64;
    println!(
        "{accounts} accounts × 4 stores of {} MiB: peak memory grown {grown} KiB (caps {caps_kib} KiB); \
         accounted {} KiB; {entries} entries held; {evictions} evicted; RSS now {} KiB",
        cap / MIB,
        accounted / 1024,
        status_kib("VmRSS:")
    );
    for store in &stores {
        assert!(
            store.bytes() <= store.budget(),
            "{} > {}",
            store.bytes(),
            store.budget()
        );
    }
    assert!(
        evictions > 0,
        "the test must push the stores past their caps"
    );
    // The stated overhead: 10% (allocator rounding and fragmentation as
    // entries are evicted and replaced) plus 32 MiB (the test's own
    // allocations, a table being reallocated).
    let bound = caps_kib + caps_kib / 10 + 32 * 1024;
    assert!(
        grown <= bound,
        "peak memory grew {grown} KiB, over {bound} KiB"
    );
}
