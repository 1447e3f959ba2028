//! Thread-per-core serving, nginx's worker model: `workers` OS threads,
//! each running its own single-threaded Tokio runtime and accepting on its
//! own `SO_REUSEPORT` socket bound to the same address, so the kernel
//! spreads connections over them and a request is read, decided and
//! answered on one thread with no cross-thread wake-ups or work stealing.
//!
//! Measured against one multi-threaded runtime on the same machine, this
//! cuts the server's CPU per request (see README.md (`palisade serve`)); the price is that
//! a connection stays on the thread that accepted it, so one thread busy
//! with slow plugin calls cannot hand its other connections to an idle
//! one. `[server] threading = "shared"` chooses the multi-threaded runtime
//! instead.
//!
//! Linux (and other platforms with `SO_REUSEPORT` load balancing) only.

use super::{AppState, ServeError, ServeOutcome, Stop, serve_until};
use socket2::{Domain, Protocol, Socket, Type};
use std::net::{SocketAddr, TcpListener};
use std::time::Duration;

/// Binds `count` listening sockets to `addr` with `SO_REUSEPORT`; port 0
/// picks one free port for all of them.
pub fn bind_reuseport(addr: SocketAddr, count: usize) -> std::io::Result<Vec<TcpListener>> {
    let mut listeners: Vec<TcpListener> = Vec::with_capacity(count);
    let mut at = addr;
    for _ in 0..count.max(1) {
        let socket = Socket::new(Domain::for_address(at), Type::STREAM, Some(Protocol::TCP))?;
        socket.set_reuse_address(true)?;
        socket.set_reuse_port(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&at.into())?;
        socket.listen(1024)?;
        let listener: TcpListener = socket.into();
        at = listener.local_addr()?;
        listeners.push(listener);
    }
    Ok(listeners)
}

/// Serves `state` on `listeners` (from [`bind_reuseport`]), one thread per
/// listener, until `stop` is requested; then drains every thread within
/// `[server] drain_seconds` and flushes the decision log. Blocks.
pub fn run(
    listeners: Vec<TcpListener>,
    state: AppState,
    stop: Stop,
) -> Result<ServeOutcome, ServeError> {
    // Each worker reports here when it ends, so a worker that fails (e.g.
    // at start-up) stops the others at once rather than when they end.
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Result<ServeOutcome, ServeError>>();
    let mut workers = Vec::with_capacity(listeners.len());
    for (i, listener) in listeners.into_iter().enumerate() {
        let state = state.clone();
        let stop = stop.clone();
        let done = done_tx.clone();
        let worker = std::thread::Builder::new()
            .name(format!("palisade-serve-{i}"))
            .spawn(move || {
                let outcome = (|| {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()?;
                    let outcome = rt.block_on(async move {
                        let listener = tokio::net::TcpListener::from_std(listener)?;
                        serve_until(listener, state, stop).await
                    });
                    // Requests abandoned at the drain bound must not hold the exit.
                    rt.shutdown_timeout(Duration::from_millis(100));
                    outcome
                })();
                let _ = done.send(outcome);
            })?;
        workers.push(worker);
    }
    drop(done_tx);
    let mut drained = true;
    let mut first_error = None;
    // Ends when every worker has reported (or died: its sender drops).
    for outcome in done_rx {
        match outcome {
            Ok(outcome) => drained &= outcome.drained,
            Err(e) => {
                // Twice: no shutdown delay for a server that cannot serve.
                stop.request();
                stop.request();
                first_error.get_or_insert(e);
            }
        }
    }
    for worker in workers {
        if worker.join().is_err() {
            first_error.get_or_insert(ServeError::Io(std::io::Error::other(
                "a server thread panicked",
            )));
        }
    }
    state.close_log();
    match first_error {
        Some(e) => Err(e),
        None => Ok(ServeOutcome { drained }),
    }
}
