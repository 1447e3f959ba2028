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
//! Cost: one `clock_gettime(CLOCK_THREAD_CPUTIME_ID)` per call (a system
//! call; see `docs/measurements.md`), and one per tick past the deadline.

use super::state::PluginState;
use std::time::{Duration, Instant};
use wasmtime::{StoreContextMut, UpdateDeadline};

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
        CallClock {
            wall_start: Instant::now(),
            cpu_start: thread_cpu_time(),
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
    if clock.wall_start.elapsed() >= clock.backstop {
        clock.backstop_hit = true;
        return Ok(UpdateDeadline::Interrupt);
    }
    let used = thread_cpu_time().saturating_sub(clock.cpu_start);
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
