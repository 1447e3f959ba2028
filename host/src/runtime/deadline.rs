//! Deadlines that measure the plugin's own work.
//!
//! The epoch ticker (`engine.rs`) fires a call's deadline after its budget
//! of *wall-clock* ticks. Wall time includes the time the thread was
//! descheduled, so on a loaded host a plugin could be cut off for the
//! machine's slowness rather than its own (about 1 call in 3,000 failed open
//! under load). So when the epoch deadline fires, [`on_deadline`] looks at
//! the calling thread's CPU time instead: while the call has used less CPU
//! than its deadline it continues, re-armed for the CPU time left; at the
//! deadline it is interrupted (status `timeout`). A wall-clock backstop of
//! [`BACKSTOP_FACTOR`] x the deadline (at least [`MIN_BACKSTOP`]) still
//! bounds how long any call can hold a thread, however starved it is.
//!
//! Cost: reading a thread's CPU time is a system call (no vDSO), too dear
//! for every call of a few microseconds. A call instead starts from a
//! per-thread reading at most [`slack`] old, and assumes the thread was
//! busy since: `cpu_start` is then an upper bound of the true CPU time at
//! the start, so the CPU used is never overestimated (a call is never cut
//! off early) and underestimated by at most the slack (a sixteenth of the
//! deadline, at most 1 ms). That is one system call per slack per thread,
//! plus one per tick past a deadline.

use super::state::PluginState;
use std::cell::Cell;
use std::time::{Duration, Instant};
use wasmtime::{StoreContextMut, UpdateDeadline};

thread_local! {
    /// This thread's latest (wall, CPU) reading.
    static MARK: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
}

/// How old a thread's CPU reading may be at the start of a call with this
/// deadline: what the call's CPU budget may be exceeded by.
pub fn slack(deadline: Duration) -> Duration {
    (deadline / 16).min(Duration::from_millis(1))
}

/// Reads this thread's CPU time now and remembers it.
fn mark(now: Instant) -> Duration {
    let cpu = thread_cpu_time();
    MARK.set(Some((now, cpu)));
    cpu
}

/// The wall-clock backstop, as a multiple of the deadline.
pub const BACKSTOP_FACTOR: u32 = 10;
/// The least wall-clock backstop, for very short deadlines.
pub const MIN_BACKSTOP: Duration = Duration::from_millis(100);

/// One call's clock: when it started (wall and thread CPU) and its limits.
#[derive(Debug, Clone, Copy)]
pub struct CallClock {
    wall_start: Instant,
    cpu_start: Duration,
    budget: Duration,
    backstop: Duration,
    /// Set when the wall-clock backstop, not the CPU budget, ended the call.
    pub backstop_hit: bool,
}

impl Default for CallClock {
    fn default() -> Self {
        CallClock::start(Duration::from_secs(1))
    }
}

impl CallClock {
    /// Starts the clock for a call of `deadline` on this thread.
    pub fn start(deadline: Duration) -> Self {
        let now = Instant::now();
        let cpu_start = match MARK.get() {
            // Busy since the reading, at worst: an upper bound.
            Some((at, cpu)) if now.duration_since(at) <= slack(deadline) => {
                cpu + now.duration_since(at)
            }
            _ => mark(now),
        };
        CallClock {
            wall_start: now,
            cpu_start,
            budget: deadline,
            backstop: backstop(deadline),
            backstop_hit: false,
        }
    }

    /// The wall-clock limit of this call.
    pub fn backstop(&self) -> Duration {
        self.backstop
    }
}

/// The wall-clock backstop for a deadline.
pub fn backstop(deadline: Duration) -> Duration {
    (deadline * BACKSTOP_FACTOR).max(MIN_BACKSTOP)
}

/// The store's epoch-deadline callback: continue while the call's CPU time
/// is under its budget (re-armed for what is left), interrupt at the budget
/// or at the wall-clock backstop.
pub fn on_deadline(
    mut store: StoreContextMut<'_, PluginState>,
) -> wasmtime::Result<UpdateDeadline> {
    let clock = &mut store.data_mut().clock;
    let now = Instant::now();
    if now.duration_since(clock.wall_start) >= clock.backstop {
        clock.backstop_hit = true;
        return Ok(UpdateDeadline::Interrupt);
    }
    let used = mark(now).saturating_sub(clock.cpu_start);
    match clock.budget.checked_sub(used) {
        Some(left) if !left.is_zero() => Ok(UpdateDeadline::Continue(ticks(left))),
        _ => Ok(UpdateDeadline::Interrupt),
    }
}

/// Whole ticks covering `d` (at least one).
pub fn ticks(d: Duration) -> u64 {
    let tick = super::engine::TICK.as_nanos().max(1);
    u64::try_from(d.as_nanos().div_ceil(tick))
        .unwrap_or(u64::MAX)
        .max(1)
}

/// CPU time the calling thread has used.
pub fn thread_cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_cpu_time_counts_work_and_not_sleep() {
        let start = thread_cpu_time();
        std::thread::sleep(Duration::from_millis(50));
        let slept = thread_cpu_time() - start;
        assert!(slept < Duration::from_millis(25), "{slept:?}");
        let start = thread_cpu_time();
        let mut x = 1u64;
        while thread_cpu_time() - start < Duration::from_millis(20) {
            x = std::hint::black_box(x.wrapping_mul(3));
        }
        assert!(thread_cpu_time() - start >= Duration::from_millis(20));
    }

    #[test]
    fn a_call_start_never_overstates_the_cpu_left() {
        // Whatever the cached reading, the start is at or after the truth.
        for _ in 0..1000 {
            let truth = thread_cpu_time();
            let clock = CallClock::start(Duration::from_millis(10));
            assert!(clock.cpu_start >= truth);
            assert!(clock.cpu_start <= thread_cpu_time() + slack(Duration::from_millis(10)));
        }
    }

    #[test]
    fn backstop_is_ten_deadlines_and_at_least_100_ms() {
        assert_eq!(
            backstop(Duration::from_millis(20)),
            Duration::from_millis(200)
        );
        assert_eq!(
            backstop(Duration::from_millis(1)),
            Duration::from_millis(100)
        );
        assert_eq!(ticks(Duration::from_micros(1500)), 2);
        assert_eq!(ticks(Duration::ZERO), 1);
    }
}
