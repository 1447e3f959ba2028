//! Which connections the server keeps, and for how long.
//!
//! Every accepted connection is registered here with its client address
//! and its *phase*: `fresh` (nothing received yet), `head` (part of a
//! request head received), `busy` (a request is being answered) or `idle`
//! (a keep-alive connection between requests). The connection's task
//! ([`super::accept`]) closes it when the phase has lasted too long:
//! `[limits] header_read_timeout_ms` for `fresh` and `head` (a client that
//! connects and sends nothing, or dribbles its headers, is cut off), and
//! `idle_timeout_ms` for `idle`.
//!
//! Admission ([`Connections::admit`]) caps the open connections in all
//! (`max_connections`) and per client address (`max_connections_per_ip`).
//! At a cap, the new connection displaces the connection that has waited
//! longest without a request in progress (`fresh`, `head` or `idle`: none
//! of them loses an answer), as nginx reuses its idle connections; only
//! when every connection at the cap is answering a request is the new one
//! refused (closed at once). So idle and half-open connections can never
//! lock out `/healthz`, `/readyz`, `/metrics` or a decision: whatever
//! connects next gets in, and what holds connections busy is bounded by
//! the request limits (`max_concurrency`, `max_slow_bodies`).
//!
//! The same registry counts *slow bodies* (requests whose body had not
//! fully arrived with the head) in all and per address, so that slow
//! senders are bounded separately from the decision slots.
//!
//! Admission and release take one lock, once per connection (not per
//! request); the per-request phase changes are single atomic stores.

use indexmap::IndexMap;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// Connection limits, from `[limits]`.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    /// Open connections in all (after clamping to the open-file limit).
    pub max_connections: usize,
    /// Open connections per client address; 0: no per-address cap.
    pub max_per_ip: usize,
    /// A fresh connection's first request head, or any request head once
    /// its first byte arrived, must be complete within this.
    pub header_read_timeout: Duration,
    /// A keep-alive connection with no request is closed after this.
    pub idle_timeout: Duration,
    /// Request bodies still arriving, in all.
    pub max_slow_bodies: usize,
    /// Request bodies still arriving per client address; 0: no cap.
    pub max_slow_bodies_per_ip: usize,
    /// Largest request head (request line and headers); beyond it the
    /// client gets 431 and the connection is closed, so a client cannot
    /// make the server buffer hundreds of kilobytes of headers.
    pub max_header_bytes: usize,
}

/// What a connection is doing (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Fresh = 0,
    Idle = 1,
    Head = 2,
    Busy = 3,
}

impl Phase {
    fn from_bits(bits: u64) -> Phase {
        match bits & 3 {
            0 => Phase::Fresh,
            1 => Phase::Idle,
            2 => Phase::Head,
            _ => Phase::Busy,
        }
    }
}

/// Why the server closed a connection itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    /// The request head did not arrive within `header_read_timeout_ms`.
    HeaderTimeout,
    /// Idle between requests for `idle_timeout_ms`.
    IdleTimeout,
    /// Displaced by a newer connection at a connection cap.
    Evicted,
}

impl Closed {
    fn as_str(self) -> &'static str {
        match self {
            Closed::HeaderTimeout => "header_timeout",
            Closed::IdleTimeout => "idle_timeout",
            Closed::Evicted => "evicted",
        }
    }
}

/// One connection's shared state: written by its own task, read by
/// admission (eviction) on any thread.
pub(crate) struct ConnState {
    id: u64,
    ip: IpAddr,
    epoch: Instant,
    /// The phase in the low 2 bits, the ms since `epoch` it began above.
    phase: AtomicU64,
    evicted: AtomicBool,
    /// Set when the server drains: the connection's reads look past the
    /// runtime's readiness so that a request already sent is answered.
    pub draining: AtomicBool,
    /// Wakes the connection's task when it is evicted.
    pub wake: Notify,
}

impl ConnState {
    fn ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX >> 3)
    }

    fn set(&self, phase: Phase) {
        self.phase
            .store((self.ms() << 2) | phase as u64, Ordering::Relaxed);
    }

    /// The phase and the ms (since the registry's epoch) it began.
    pub fn phase(&self) -> (Phase, u64) {
        let bits = self.phase.load(Ordering::Relaxed);
        (Phase::from_bits(bits), bits >> 2)
    }

    /// Bytes arrived: a request head begins unless one is in progress.
    pub fn on_read(&self) {
        let (phase, _) = self.phase();
        if matches!(phase, Phase::Fresh | Phase::Idle) {
            self.set(Phase::Head);
        }
    }

    /// A request head is complete and is being answered.
    pub fn on_request(&self) {
        self.set(Phase::Busy);
    }

    /// The answer has been handed to the connection.
    pub fn on_response_done(&self) {
        self.set(Phase::Idle);
    }

    /// Whether admission evicted this connection.
    pub fn is_evicted(&self) -> bool {
        self.evicted.load(Ordering::Relaxed)
    }

    /// When the current phase runs out, as an instant, and why; `None`
    /// while a request is being answered (the request limits bound that).
    pub fn deadline(&self, limits: &ConnLimits) -> Option<(Instant, Closed)> {
        let (phase, since) = self.phase();
        let since = self.epoch + Duration::from_millis(since);
        match phase {
            Phase::Fresh | Phase::Head => {
                Some((since + limits.header_read_timeout, Closed::HeaderTimeout))
            }
            Phase::Idle => Some((since + limits.idle_timeout, Closed::IdleTimeout)),
            Phase::Busy => None,
        }
    }
}

#[derive(Default)]
struct Peer {
    conns: usize,
    slow: usize,
}

#[derive(Default)]
struct Table {
    next_id: u64,
    conns: IndexMap<u64, Arc<ConnState>>,
    peers: HashMap<IpAddr, Peer>,
    slow: usize,
}

/// Why a connection or a slow body was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// `max_connections` open and every one busy.
    Total,
    /// `max_connections_per_ip` open from this address and every one busy.
    PerIp,
}

impl Refused {
    fn as_str(self) -> &'static str {
        match self {
            Refused::Total => "refused_total",
            Refused::PerIp => "refused_per_ip",
        }
    }
}

/// Connections (and slow bodies) open, by client address, shared by every
/// server thread. Its lock is taken when a connection opens or closes and
/// when a body has not arrived with its head, never per request on a
/// keep-alive connection: a request's phase is an atomic in its
/// `ConnState`.
pub struct Connections {
    limits: ConnLimits,
    epoch: Instant,
    inner: Mutex<Table>,
    metrics: ConnMetrics,
}

/// The client a per-address cap counts an address against: an IPv4
/// address itself (an IPv4-mapped IPv6 one as IPv4), an IPv6 address by
/// its /64. A single IPv6 host is routed a whole /64 and can send from any
/// of its 2^64 addresses, so caps per exact IPv6 address would cap
/// nobody.
pub fn client_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & (u128::MAX << 64))),
        },
    }
}

/// Evicted at a time when the total cap is reached, so that a flood of new
/// connections does not scan the registry once per connection.
const EVICT_BATCH: usize = 16;

impl Connections {
    pub fn new(limits: ConnLimits) -> Connections {
        Connections {
            limits,
            epoch: Instant::now(),
            inner: Mutex::new(Table::default()),
            metrics: ConnMetrics::default(),
        }
    }

    pub fn limits(&self) -> &ConnLimits {
        &self.limits
    }

    pub(crate) fn metrics(&self) -> &ConnMetrics {
        &self.metrics
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Admits a connection from `ip`, evicting a connection with no
    /// request in progress if a cap is reached; refuses it when none can
    /// be.
    pub(crate) fn admit(self: &Arc<Self>, ip: IpAddr) -> Result<Admitted, Refused> {
        let ip = client_key(ip);
        let mut reg = self.lock();
        let per_ip = self.limits.max_per_ip;
        if per_ip > 0
            && reg.peers.get(&ip).is_some_and(|p| p.conns >= per_ip)
            && self.evict(&mut reg, Some(ip), 1) == 0
        {
            drop(reg);
            self.metrics.refused(Refused::PerIp);
            return Err(Refused::PerIp);
        }
        if reg.conns.len() >= self.limits.max_connections
            && self.evict(&mut reg, None, EVICT_BATCH) == 0
        {
            drop(reg);
            self.metrics.refused(Refused::Total);
            return Err(Refused::Total);
        }
        reg.next_id += 1;
        let state = Arc::new(ConnState {
            id: reg.next_id,
            ip,
            epoch: self.epoch,
            phase: AtomicU64::new(0),
            evicted: AtomicBool::new(false),
            draining: AtomicBool::new(false),
            wake: Notify::new(),
        });
        state.set(Phase::Fresh);
        reg.conns.insert(state.id, state.clone());
        reg.peers.entry(ip).or_default().conns += 1;
        drop(reg);
        self.metrics.open.inc();
        self.metrics.accepted.inc();
        Ok(Admitted {
            conns: self.clone(),
            state,
        })
    }

    /// Evicts up to `n` connections (of `ip` only, if given) that have no
    /// request in progress, longest waiting first. Returns how many.
    fn evict(&self, reg: &mut Table, ip: Option<IpAddr>, n: usize) -> usize {
        let mut candidates: Vec<(u64, u64)> = reg
            .conns
            .values()
            .filter(|c| ip.is_none_or(|ip| c.ip == ip))
            .filter_map(|c| match c.phase() {
                (Phase::Busy, _) => None,
                (_, since) => Some((since, c.id)),
            })
            .collect();
        if candidates.len() > n {
            candidates.select_nth_unstable(n - 1);
            candidates.truncate(n);
        }
        for (_, id) in &candidates {
            if let Some(c) = reg.conns.swap_remove(id) {
                Self::forget(reg, c.ip);
                c.evicted.store(true, Ordering::Relaxed);
                c.wake.notify_one();
                self.metrics.open.dec();
                self.metrics.closed(Closed::Evicted);
            }
        }
        candidates.len()
    }

    fn forget(reg: &mut Table, ip: IpAddr) {
        if let Some(peer) = reg.peers.get_mut(&ip) {
            peer.conns = peer.conns.saturating_sub(1);
            if peer.conns == 0 && peer.slow == 0 {
                reg.peers.remove(&ip);
            }
        }
    }

    fn release(&self, state: &ConnState) {
        let mut reg = self.lock();
        if reg.conns.swap_remove(&state.id).is_some() {
            Self::forget(&mut reg, state.ip);
            drop(reg);
            self.metrics.open.dec();
        }
    }

    /// Takes a slow-body slot for a request from `ip` (unknown in
    /// in-memory tests: counted in all only). `None` at a cap.
    pub(crate) fn slow_body(self: &Arc<Self>, ip: Option<IpAddr>) -> Result<SlowBody, Refused> {
        let ip = ip.map(client_key);
        let mut reg = self.lock();
        if reg.slow >= self.limits.max_slow_bodies {
            drop(reg);
            self.metrics.slow_refused.inc();
            return Err(Refused::Total);
        }
        if let Some(ip) = ip {
            let cap = self.limits.max_slow_bodies_per_ip;
            let peer = reg.peers.entry(ip).or_default();
            if cap > 0 && peer.slow >= cap {
                drop(reg);
                self.metrics.slow_refused.inc();
                return Err(Refused::PerIp);
            }
            peer.slow += 1;
        }
        reg.slow += 1;
        drop(reg);
        self.metrics.slow_bodies.inc();
        Ok(SlowBody {
            conns: self.clone(),
            ip,
        })
    }
}

/// An admitted connection; releases its place when dropped.
pub(crate) struct Admitted {
    conns: Arc<Connections>,
    pub state: Arc<ConnState>,
}

impl Admitted {
    /// Counts how the server closed the connection.
    pub fn closed(&self, why: Closed) {
        self.conns.metrics.closed(why);
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.conns.release(&self.state);
    }
}

/// A slow-body slot; given back when dropped.
pub(crate) struct SlowBody {
    conns: Arc<Connections>,
    ip: Option<IpAddr>,
}

impl Drop for SlowBody {
    fn drop(&mut self) {
        let mut reg = self.conns.lock();
        reg.slow = reg.slow.saturating_sub(1);
        if let Some(ip) = self.ip
            && let Some(peer) = reg.peers.get_mut(&ip)
        {
            peer.slow = peer.slow.saturating_sub(1);
            if peer.conns == 0 && peer.slow == 0 {
                reg.peers.remove(&ip);
            }
        }
        drop(reg);
        self.conns.metrics.slow_bodies.dec();
    }
}

/// Connection metrics (registered by [`ConnMetrics::register`]).
#[derive(Default, Clone)]
pub(crate) struct ConnMetrics {
    open: Gauge,
    accepted: Counter,
    refused: Family<ResultLabel, Counter>,
    closed: Family<ReasonLabel, Counter>,
    slow_bodies: Gauge,
    slow_refused: Counter,
    accept_errors: Counter,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
struct ResultLabel {
    result: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
struct ReasonLabel {
    reason: &'static str,
}

impl ConnMetrics {
    fn refused(&self, why: Refused) {
        self.refused
            .get_or_create(&ResultLabel {
                result: why.as_str(),
            })
            .inc();
    }

    fn closed(&self, why: Closed) {
        self.closed
            .get_or_create(&ReasonLabel {
                reason: why.as_str(),
            })
            .inc();
    }

    /// An `accept` that failed (e.g. out of file descriptors).
    pub fn accept_error(&self) {
        self.accept_errors.inc();
    }

    /// Adds the connection metrics to `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "palisade_connections_open",
            "Client connections open",
            self.open.clone(),
        );
        registry.register(
            "palisade_connections_accepted",
            "Client connections accepted",
            self.accepted.clone(),
        );
        registry.register(
            "palisade_connections_refused",
            "Client connections refused at a connection cap (every connection at the cap busy)",
            self.refused.clone(),
        );
        registry.register(
            "palisade_connections_closed",
            "Client connections closed by the server: header or idle timeout, evicted at a cap",
            self.closed.clone(),
        );
        registry.register(
            "palisade_accept_errors",
            "Failed accepts (e.g. out of file descriptors)",
            self.accept_errors.clone(),
        );
        registry.register(
            "palisade_slow_bodies",
            "Requests whose body is still arriving",
            self.slow_bodies.clone(),
        );
        registry.register(
            "palisade_slow_bodies_refused",
            "Requests refused 503 because too many bodies were still arriving",
            self.slow_refused.clone(),
        );
    }
}

/// The open-file limits as the kernel has them.
fn nofile() -> Option<libc::rlimit> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one `rlimit` through a valid pointer to a
    // local; no other memory is touched.
    #[allow(unsafe_code)]
    let rc = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) };
    (rc == 0).then_some(limit)
}

/// A limit as a count; `None` for unlimited.
fn finite(v: libc::rlim_t) -> Option<u64> {
    (v != libc::RLIM_INFINITY).then_some(v)
}

/// Raises this process's open-file soft limit to its hard limit, so that
/// connections are capped by `max_connections`, not by a low default soft
/// limit (often 1,024). Logs what it did; returns the soft limit in force
/// afterwards (`None`: unlimited or unknown).
pub fn raise_open_file_limit() -> Option<u64> {
    let limit = nofile()?;
    let soft = finite(limit.rlim_cur)?;
    if limit.rlim_cur == limit.rlim_max {
        tracing::info!(open_files = soft, "open-file limit");
        return Some(soft);
    }
    let wanted = libc::rlimit {
        rlim_cur: limit.rlim_max,
        rlim_max: limit.rlim_max,
    };
    // SAFETY: setrlimit reads one `rlimit` through a valid pointer to a
    // local; raising the soft limit up to the hard one needs no privilege.
    #[allow(unsafe_code)]
    let rc = unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &wanted) };
    if rc == 0 {
        let to = finite(limit.rlim_max);
        tracing::info!(from = soft, to = ?to, "raised the open-file soft limit");
        to
    } else {
        let e = std::io::Error::last_os_error();
        tracing::warn!(open_files = soft, error = %e, "could not raise the open-file soft limit");
        Some(soft)
    }
}

/// This process's open-file soft limit; `None` when unlimited or unknown.
pub fn open_file_limit() -> Option<u64> {
    nofile().and_then(|l| finite(l.rlim_cur))
}

/// File descriptors kept back from `max_connections` for everything else
/// (plugins, policy files, the watcher, logs, the listeners).
pub const RESERVED_FDS: u64 = 256;

/// `max_connections` clamped so that connections leave [`RESERVED_FDS`]
/// descriptors free under `open_files`.
pub fn clamp_connections(max_connections: usize, open_files: Option<u64>) -> usize {
    match open_files {
        Some(n) => {
            let room =
                usize::try_from(n.saturating_sub(RESERVED_FDS).max(16)).unwrap_or(usize::MAX);
            if room < max_connections {
                tracing::warn!(
                    max_connections,
                    open_file_limit = n,
                    clamped_to = room,
                    "limits.max_connections is over what the open-file limit allows; clamped"
                );
            }
            room.min(max_connections)
        }
        None => max_connections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max: usize, per_ip: usize) -> ConnLimits {
        ConnLimits {
            max_header_bytes: 32 << 10,
            max_connections: max,
            max_per_ip: per_ip,
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_slow_bodies: 2,
            max_slow_bodies_per_ip: 1,
        }
    }

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn at_the_per_address_cap_the_oldest_waiting_connection_is_evicted() {
        let conns = Arc::new(Connections::new(limits(100, 2)));
        let first = conns.admit(A).unwrap();
        let second = conns.admit(A).unwrap();
        second.state.on_request();
        let third = conns.admit(A).unwrap();
        assert!(first.state.is_evicted(), "the waiting one goes");
        assert!(!second.state.is_evicted(), "the busy one stays");
        third.state.on_request();
        assert_eq!(conns.admit(A).err(), Some(Refused::PerIp), "all busy");
        assert!(conns.admit(B).is_ok(), "another address is not affected");
        drop(first);
        assert_eq!(conns.lock().peers[&A].conns, 2);
    }

    #[test]
    fn ipv6_clients_are_capped_per_64_and_mapped_ipv4_as_ipv4() {
        // Before: every address of a /64 had its own caps, so one IPv6 host
        // rotating source addresses had no per-address cap at all.
        let v6 = |s: &str| IpAddr::V6(s.parse().unwrap());
        let conns = Arc::new(Connections::new(limits(100, 2)));
        let a = conns.admit(v6("2001:db8:1:2::1")).unwrap();
        a.state.on_request();
        let b = conns.admit(v6("2001:db8:1:2:ffff::9")).unwrap();
        b.state.on_request();
        assert_eq!(
            conns.admit(v6("2001:db8:1:2:abcd::77")).err(),
            Some(Refused::PerIp),
            "a third address of the same /64 is the same client"
        );
        assert!(conns.admit(v6("2001:db8:1:3::1")).is_ok(), "another /64");
        let _slow = conns.slow_body(Some(v6("2001:db8:1:2::5"))).unwrap();
        assert_eq!(
            conns.slow_body(Some(v6("2001:db8:1:2::6"))).err(),
            Some(Refused::PerIp)
        );
        let mapped = v6("::ffff:10.0.0.1");
        let c = conns.admit(mapped).unwrap();
        c.state.on_request();
        let d = conns.admit(A).unwrap();
        d.state.on_request();
        assert_eq!(conns.admit(mapped).err(), Some(Refused::PerIp));
        assert_eq!(client_key(mapped), A);
    }

    #[test]
    fn at_the_total_cap_waiting_connections_make_room() {
        let conns = Arc::new(Connections::new(limits(2, 0)));
        let a = conns.admit(A).unwrap();
        a.state.on_request();
        let _b = conns.admit(B).unwrap();
        let _c = conns.admit(B).unwrap();
        a.state.on_response_done();
        assert_eq!(conns.lock().conns.len(), 2);
        let d = conns.admit(A).unwrap();
        d.state.on_request();
        let e = conns.admit(A).unwrap();
        e.state.on_request();
        assert_eq!(conns.admit(B).err(), Some(Refused::Total));
    }

    #[test]
    fn slow_bodies_are_capped_in_all_and_per_address() {
        let conns = Arc::new(Connections::new(limits(100, 0)));
        let one = conns.slow_body(Some(A)).unwrap();
        assert_eq!(conns.slow_body(Some(A)).err(), Some(Refused::PerIp));
        let _two = conns.slow_body(Some(B)).unwrap();
        assert_eq!(conns.slow_body(None).err(), Some(Refused::Total));
        drop(one);
        assert!(conns.slow_body(Some(A)).is_ok());
    }

    #[test]
    fn phases_set_deadlines() {
        let conns = Arc::new(Connections::new(limits(100, 0)));
        let c = conns.admit(A).unwrap();
        let l = conns.limits;
        assert_eq!(
            c.state.deadline(&l).map(|d| d.1),
            Some(Closed::HeaderTimeout)
        );
        c.state.on_request();
        assert!(c.state.deadline(&l).is_none());
        c.state.on_response_done();
        assert_eq!(c.state.deadline(&l).map(|d| d.1), Some(Closed::IdleTimeout));
        c.state.on_read();
        assert_eq!(
            c.state.deadline(&l).map(|d| d.1),
            Some(Closed::HeaderTimeout)
        );
    }
}
