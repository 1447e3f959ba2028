//! A memory budget for the request bodies still arriving.
//!
//! A body that had not fully arrived with its head is a *slow body*: it is
//! held in memory for up to `body_timeout_ms` while the rest comes in.
//! Their number is capped (`max_slow_bodies`, `max_slow_bodies_per_ip`)
//! and so is each one's size (`max_batch_body_bytes`), but the product of
//! the two is no memory bound anyone would choose: 1,024 batch bodies of
//! 16 MiB, each sent to within a byte of its end, are 16 GiB, and 128 of
//! them from one address are 2 GiB. So the bytes received of every slow
//! body count against one budget, `[limits] max_slow_body_bytes` (default
//! 256 MiB), until the body is complete; the body whose bytes would pass it
//! is answered 503 with `Retry-After` and dropped. Only bytes that arrived
//! count (a `Content-Length` alone claims nothing, so headers cannot fill
//! the budget), and bodies that arrive with their head never wait on it.
//!
//! Accounting is one atomic update per part of a slow body.

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The bytes of the bodies still arriving, against a cap.
#[derive(Debug)]
pub struct BodyBudget {
    max: usize,
    held: AtomicUsize,
    gauge: Gauge,
    refused: Counter,
}

/// The budget was spent: the body's request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    /// The budget, bytes.
    pub max: usize,
}

impl BodyBudget {
    /// A budget of `max` bytes.
    pub fn new(max: usize) -> BodyBudget {
        BodyBudget {
            max,
            held: AtomicUsize::new(0),
            gauge: Gauge::default(),
            refused: Counter::default(),
        }
    }

    /// An empty claim on the budget, grown as a body arrives and given
    /// back when dropped.
    pub fn claim(&self) -> Claim<'_> {
        Claim {
            budget: self,
            bytes: 0,
        }
    }

    /// Bytes held now.
    pub fn held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }

    fn take(&self, n: usize) -> Result<(), Spent> {
        let mut held = self.held.load(Ordering::Relaxed);
        loop {
            let next = held.saturating_add(n);
            if next > self.max {
                self.refused.inc();
                return Err(Spent { max: self.max });
            }
            match self
                .held
                .compare_exchange_weak(held, next, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => {
                    self.gauge.inc_by(n as i64);
                    return Ok(());
                }
                Err(now) => held = now,
            }
        }
    }

    fn give(&self, n: usize) {
        self.held.fetch_sub(n, Ordering::Relaxed);
        self.gauge.dec_by(n as i64);
    }

    /// Adds the budget's metrics to `registry`.
    pub fn register(&self, registry: &mut Registry) {
        registry.register(
            "palisade_slow_body_bytes",
            "Bytes received of the request bodies still arriving, against limits.max_slow_body_bytes",
            self.gauge.clone(),
        );
        registry.register(
            "palisade_slow_body_bytes_refused",
            "Requests refused 503 because their body would pass limits.max_slow_body_bytes",
            self.refused.clone(),
        );
    }
}

/// One slow body's share of the budget.
#[derive(Debug)]
pub struct Claim<'a> {
    budget: &'a BodyBudget,
    bytes: usize,
}

impl Claim<'_> {
    /// Makes the claim at least `total` bytes, or says the budget is spent
    /// (the claim keeps what it had).
    pub fn grow_to(&mut self, total: usize) -> Result<(), Spent> {
        if total > self.bytes {
            self.budget.take(total - self.bytes)?;
            self.bytes = total;
        }
        Ok(())
    }
}

impl Drop for Claim<'_> {
    fn drop(&mut self) {
        if self.bytes > 0 {
            self.budget.give(self.bytes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_refused_past_the_budget_and_given_back_when_dropped() {
        let budget = BodyBudget::new(100);
        let mut a = budget.claim();
        a.grow_to(60).unwrap();
        a.grow_to(40).unwrap(); // never shrinks while held
        assert_eq!(budget.held(), 60);
        let mut b = budget.claim();
        assert_eq!(b.grow_to(41), Err(Spent { max: 100 }));
        b.grow_to(40).unwrap();
        assert_eq!(budget.held(), 100);
        drop(a);
        assert_eq!(budget.held(), 40);
        b.grow_to(100).unwrap();
        drop(b);
        assert_eq!(budget.held(), 0);
        assert_eq!(budget.refused.get(), 1);
    }
}
