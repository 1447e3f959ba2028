//! Named lists (`[lists.NAME]`): organisations, account ids, payment
//! fingerprints, networks, kept in files beside the policy, one entry per
//! line, so an operator can regenerate a million-entry denylist without
//! touching the policy. Built once per policy load into lookup structures
//! that answer in constant time (strings: a hash set) or logarithmic time
//! (networks: sorted, merged address ranges, binary search), and shared
//! read-only by every condition that names them.

use serde::Deserialize;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::net::IpAddr;
use std::sync::Arc;

/// Most entries one list may hold.
pub const MAX_LIST_ENTRIES: usize = 1_000_000;
/// Largest list file accepted.
pub const MAX_LIST_BYTES: u64 = 64 << 20;

/// What a list holds, declared in the policy so a CIDR list cannot be
/// matched against an organisation by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// Exact strings (organisations, account ids, fingerprints).
    String,
    /// IPv4 / IPv6 networks (`10.0.0.0/8`, `2001:db8::/32`) or addresses.
    Cidr,
}

impl ListKind {
    /// The name used in policies.
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::String => "string",
            ListKind::Cidr => "cidr",
        }
    }
}

/// xxh3 over the whole key in one call: several times cheaper than the
/// default SipHash for short ids. Lookups cannot be flooded: the table's
/// entries come from the operator's file, not from requests.
#[derive(Debug, Default, Clone, Copy)]
struct ListHasher(u64);

impl Hasher for ListHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = self.0.rotate_left(8) ^ u64::from(i);
    }
}

type Set = HashSet<Box<str>, BuildHasherDefault<ListHasher>>;

/// A set of exact strings with constant-time lookup.
#[derive(Debug, Default)]
pub struct StringList {
    set: Set,
    bytes: usize,
}

impl StringList {
    /// Whether `value` is on the list.
    pub fn contains(&self, value: &str) -> bool {
        self.set.contains(value)
    }

    /// Number of distinct entries.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// Approximate heap memory: the table (a pointer, a length and a control
    /// byte per bucket) plus the strings themselves.
    pub fn memory_bytes(&self) -> usize {
        self.set.capacity() * (std::mem::size_of::<Box<str>>() + 1) + self.bytes
    }
}

/// Networks as sorted, non-overlapping address ranges, per family, for
/// binary search. IPv4-mapped IPv6 addresses match the IPv4 ranges.
#[derive(Debug, Default)]
pub struct CidrList {
    v4_start: Vec<u32>,
    v4_end: Vec<u32>,
    v6_start: Vec<u128>,
    v6_end: Vec<u128>,
    entries: usize,
}

impl CidrList {
    /// Parses networks (`a.b.c.d/len`, `x::/len` or a bare address).
    pub fn from_networks<'a>(
        networks: impl IntoIterator<Item = &'a str>,
    ) -> Result<CidrList, String> {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for n in networks {
            match parse_cidr(n)? {
                Range::V4(a, b) => v4.push((a, b)),
                Range::V6(a, b) => v6.push((a, b)),
            }
        }
        Ok(CidrList::build(v4, v6))
    }

    fn build(mut v4: Vec<(u32, u32)>, mut v6: Vec<(u128, u128)>) -> CidrList {
        let entries = v4.len() + v6.len();
        let (v4_start, v4_end) = merge(&mut v4);
        let (v6_start, v6_end) = merge(&mut v6);
        CidrList {
            v4_start,
            v4_end,
            v6_start,
            v6_end,
            entries,
        }
    }

    /// Whether `ip` is inside one of the networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        match ip.to_canonical() {
            IpAddr::V4(a) => find(&self.v4_start, &self.v4_end, u32::from(a)),
            IpAddr::V6(a) => find(&self.v6_start, &self.v6_end, u128::from(a)),
        }
    }

    /// Number of entries as written (before merging).
    pub fn len(&self) -> usize {
        self.entries
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Heap memory of the range tables.
    pub fn memory_bytes(&self) -> usize {
        (self.v4_start.capacity() + self.v4_end.capacity()) * 4
            + (self.v6_start.capacity() + self.v6_end.capacity()) * 16
    }
}

fn find<T: Ord + Copy>(starts: &[T], ends: &[T], ip: T) -> bool {
    let i = starts.partition_point(|s| *s <= ip);
    i > 0 && ends.get(i - 1).is_some_and(|end| ip <= *end)
}

/// Sorts and merges overlapping or adjacent ranges.
fn merge<T: Ord + Copy + Adjacent>(ranges: &mut [(T, T)]) -> (Vec<T>, Vec<T>) {
    ranges.sort_unstable();
    let mut starts: Vec<T> = Vec::with_capacity(ranges.len());
    let mut ends: Vec<T> = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges.iter() {
        match ends.last_mut() {
            Some(end) if a <= *end || end.next() == Some(a) => *end = (*end).max(b),
            _ => {
                starts.push(a);
                ends.push(b);
            }
        }
    }
    starts.shrink_to_fit();
    ends.shrink_to_fit();
    (starts, ends)
}

trait Adjacent: Sized {
    fn next(self) -> Option<Self>;
}
impl Adjacent for u32 {
    fn next(self) -> Option<Self> {
        self.checked_add(1)
    }
}
impl Adjacent for u128 {
    fn next(self) -> Option<Self> {
        self.checked_add(1)
    }
}

enum Range {
    V4(u32, u32),
    V6(u128, u128),
}

/// One network as an inclusive range; refuses host bits set below the
/// prefix (`10.0.0.1/8` is almost always a typo for `10.0.0.0/8`).
fn parse_cidr(text: &str) -> Result<Range, String> {
    let (addr, len) = match text.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (text, None),
    };
    let ip: IpAddr = addr.parse().map_err(|_| {
        format!("{text:?} is not an IP network; write e.g. 10.0.0.0/8 or 2001:db8::/32")
    })?;
    let bits = if ip.is_ipv4() { 32 } else { 128 };
    let len: u32 = match len {
        None => bits,
        Some(l) => match l.parse::<u32>() {
            Ok(n) if n <= bits => n,
            _ => {
                return Err(format!("{text:?}: the prefix length must be 0..={bits}"));
            }
        },
    };
    let host_bits = bits - len;
    match ip {
        IpAddr::V4(a) => {
            let a = u32::from(a);
            let mask = if host_bits == 32 {
                u32::MAX
            } else {
                (1u32 << host_bits) - 1
            };
            if a & mask != 0 {
                return Err(format!(
                    "{text:?} has host bits set; did you mean {}/{len}?",
                    std::net::Ipv4Addr::from(a & !mask)
                ));
            }
            Ok(Range::V4(a, a | mask))
        }
        IpAddr::V6(a) => {
            let a = u128::from(a);
            let mask = if host_bits == 128 {
                u128::MAX
            } else {
                (1u128 << host_bits) - 1
            };
            if a & mask != 0 {
                return Err(format!(
                    "{text:?} has host bits set; did you mean {}/{len}?",
                    std::net::Ipv6Addr::from(a & !mask)
                ));
            }
            Ok(Range::V6(a, a | mask))
        }
    }
}

/// A loaded list, shared by the conditions that name it.
#[derive(Debug, Clone)]
pub enum List {
    Strings(Arc<StringList>),
    Cidrs(Arc<CidrList>),
}

impl List {
    /// Number of entries.
    pub fn len(&self) -> usize {
        match self {
            List::Strings(s) => s.len(),
            List::Cidrs(c) => c.len(),
        }
    }

    /// Whether the list has no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Approximate heap memory.
    pub fn memory_bytes(&self) -> usize {
        match self {
            List::Strings(s) => s.memory_bytes(),
            List::Cidrs(c) => c.memory_bytes(),
        }
    }

    /// What the list holds.
    pub fn kind(&self) -> ListKind {
        match self {
            List::Strings(_) => ListKind::String,
            List::Cidrs(_) => ListKind::Cidr,
        }
    }
}

/// The list files a policy's text declares (`[lists.NAME] file`), as
/// written (relative to the policy's directory), without validating
/// anything: for the reloader, which must watch them with the policy.
pub fn declared_files(policy_text: &str) -> Vec<String> {
    let Ok(table) = policy_text.parse::<toml::Table>() else {
        return Vec::new();
    };
    table
        .get("lists")
        .and_then(toml::Value::as_table)
        .map(|lists| {
            lists
                .values()
                .filter_map(|l| l.get("file")?.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A problem in a list file: its 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

/// At most this many line errors are reported per file.
const MAX_LINE_ERRORS: usize = 5;

/// Parses a list file: one entry per line, `#` starts a comment, blank
/// lines are ignored, duplicates are harmless. Every bad line (up to a
/// few) is reported with its number.
pub fn parse_list(kind: ListKind, text: &str) -> Result<List, Vec<LineError>> {
    let mut errors = Vec::new();
    let mut strings = Set::default();
    let mut bytes = 0;
    let mut v4 = Vec::new();
    let mut v6 = Vec::new();
    let mut entries = 0usize;
    for (i, line) in text.lines().enumerate() {
        let entry = line.split('#').next().unwrap_or("").trim();
        if entry.is_empty() {
            continue;
        }
        entries += 1;
        if entries > MAX_LIST_ENTRIES {
            errors.push(LineError {
                line: i + 1,
                message: format!(
                    "more than {MAX_LIST_ENTRIES} entries; split the list or use networks instead of addresses"
                ),
            });
            break;
        }
        if entry.contains(char::is_whitespace) {
            errors.push(LineError {
                line: i + 1,
                message: format!("{entry:?} contains whitespace; write one entry per line"),
            });
        } else {
            match kind {
                ListKind::String => {
                    if strings.insert(Box::from(entry)) {
                        bytes += entry.len();
                    }
                }
                ListKind::Cidr => match parse_cidr(entry) {
                    Ok(Range::V4(a, b)) => v4.push((a, b)),
                    Ok(Range::V6(a, b)) => v6.push((a, b)),
                    Err(message) => errors.push(LineError {
                        line: i + 1,
                        message,
                    }),
                },
            }
        }
        if errors.len() >= MAX_LINE_ERRORS {
            break;
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(match kind {
        ListKind::String => {
            strings.shrink_to_fit();
            List::Strings(Arc::new(StringList {
                set: strings,
                bytes,
            }))
        }
        ListKind::Cidr => List::Cidrs(Arc::new(CidrList::build(v4, v6))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidr_lists_match_inside_and_not_outside_both_families() {
        let List::Cidrs(l) = parse_list(
            ListKind::Cidr,
            "# ours\n10.0.0.0/8\n192.0.2.7\n2001:db8::/32 # lab\n\n10.1.0.0/16\n",
        )
        .unwrap() else {
            panic!("kind")
        };
        assert!(l.contains(ip("10.200.3.4")));
        assert!(l.contains(ip("192.0.2.7")));
        assert!(!l.contains(ip("192.0.2.8")));
        assert!(!l.contains(ip("11.0.0.0")));
        assert!(l.contains(ip("2001:db8:1::1")));
        assert!(!l.contains(ip("2001:db9::1")));
        assert!(
            l.contains(ip("::ffff:10.0.0.1")),
            "mapped v4 matches v4 ranges"
        );
        assert_eq!(l.len(), 4);
    }

    #[test]
    fn adjacent_and_overlapping_networks_merge() {
        let l = CidrList::from_networks(["10.0.0.0/9", "10.128.0.0/9", "10.5.0.0/16"]).unwrap();
        assert_eq!(l.v4_start.len(), 1);
        assert!(l.contains(ip("10.255.255.255")));
        assert!(
            CidrList::from_networks(["0.0.0.0/0"])
                .unwrap()
                .contains(ip("8.8.8.8"))
        );
    }

    #[test]
    fn bad_networks_are_refused_with_their_line() {
        let errs = parse_list(
            ListKind::Cidr,
            "10.0.0.0/8\n10.0.0.1/8\n300.1.1.1\n1.2.3.0/33\n",
        )
        .unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4]);
        assert!(
            errs[0].message.contains("did you mean 10.0.0.0/8"),
            "{errs:?}"
        );
    }

    #[test]
    fn declared_files_are_read_from_the_policy_text_without_validating() {
        let text = "[policy]\nname = \"x\"\n[lists.a]\nkind = \"string\"\nfile = \"a.txt\"\n[lists.b]\nfile = \"nets/b.txt\"\n";
        assert_eq!(declared_files(text), ["a.txt", "nets/b.txt"]);
        assert!(declared_files("not [ toml").is_empty());
    }

    #[test]
    fn string_lists_ignore_comments_and_duplicates() {
        let List::Strings(l) =
            parse_list(ListKind::String, "org-1\norg-2 # partner\norg-1\n").unwrap()
        else {
            panic!("kind")
        };
        assert_eq!(l.len(), 2);
        assert!(l.contains("org-2") && !l.contains("org-3"));
        assert!(parse_list(ListKind::String, "two words\n").is_err());
    }

    /// Builds million-entry lists and prints their memory:
    /// `cargo test --release -p palisade --lib lists::tests::million -- --nocapture`.
    #[test]
    fn million_entry_lists_build_and_report_their_memory() {
        let mut text = String::with_capacity(24 * MAX_LIST_ENTRIES);
        for i in 0..MAX_LIST_ENTRIES {
            text.push_str(&format!("org-{i:010x}\n"));
        }
        let strings = parse_list(ListKind::String, &text).unwrap();
        assert_eq!(strings.len(), MAX_LIST_ENTRIES);
        let mut nets = String::with_capacity(20 * MAX_LIST_ENTRIES);
        for i in 0..MAX_LIST_ENTRIES as u32 {
            // Every other /32 from 10.0.0.0: a million ranges that do not merge.
            nets.push_str(&std::net::Ipv4Addr::from((10u32 << 24) + 2 * i).to_string());
            nets.push('\n');
        }
        let cidrs = parse_list(ListKind::Cidr, &nets).unwrap();
        assert_eq!(cidrs.len(), MAX_LIST_ENTRIES);
        println!(
            "1M-entry string list (14-byte entries): {:.1} MiB; 1M-entry IPv4 CIDR list: {:.1} MiB",
            strings.memory_bytes() as f64 / (1 << 20) as f64,
            cidrs.memory_bytes() as f64 / (1 << 20) as f64
        );
        assert!(strings.memory_bytes() < 128 << 20);
    }
}
