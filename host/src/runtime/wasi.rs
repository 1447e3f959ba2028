//! The WASI a plugin sees: wasmtime-wasi's synchronous p2 bindings, with
//! every call that could block replaced by one that never does.
//!
//! Why: wasmtime-wasi's sync bindings run each potentially blocking call
//! (`blocking-write-and-flush`, `blocking-read`, `poll`, `pollable.block`,
//! stream drops, `create-udp-socket`, ...) through `Handle::block_on`, which
//! panics on a Tokio worker thread ("Cannot start a runtime from within a
//! runtime"), and would otherwise hold the worker for as long as the guest
//! likes. A plugin that prints (which includes Rust's own panic message)
//! then took down the whole decision batch instead of being one `trap`.
//!
//! What a plugin gets instead, on any thread, in or out of a runtime:
//! - stdout and stderr: captured into a small per-instance buffer
//!   ([`CAPTURE_BYTES`], the rest counted and dropped); the host quotes its
//!   end (escaped) in a failed call's reason, so a panic message is seen.
//! - stdin: closed (end of file at once).
//! - `wasi:clocks/monotonic-clock`: a virtual clock. Sleeping (subscribing
//!   to a duration or instant and then `poll` or `block`) returns at once,
//!   advancing the virtual clock; the time slept counts against the call's
//!   deadline, and a sleep past it ends the call as `timeout`.
//! - `poll`/`block` on anything that could never become ready: a trap.
//! - Sockets: creating one is refused (`access-denied`); there are no files
//!   (no preopens), no environment, no arguments.
//!
//! Guests may import any `@0.2.x` of these interfaces: the linker matches
//! them to the version defined here by semver.

use super::state::PluginState;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wasmtime::component::{HasData, Linker, Resource, ResourceTable};
use wasmtime_wasi::p2::bindings::clocks::monotonic_clock;
use wasmtime_wasi::p2::bindings::sync::io::{poll, streams};
use wasmtime_wasi::p2::bindings::sync::sockets::udp_create_socket;
use wasmtime_wasi::p2::{
    DynInputStream, DynOutputStream, DynPollable, OutputStream, Pollable, SocketResult,
    StreamError, StreamResult, UdpSocket,
};

/// Bytes of a plugin's stdout and stderr kept per instance (the latest:
/// a panic message comes last); earlier output is counted and dropped, so a
/// chatty plugin costs no host memory.
pub const CAPTURE_BYTES: usize = 4096;

/// Why a plugin call was ended by the WASI layer (classified by the caller).
#[derive(Debug, thiserror::Error)]
pub enum WasiStop {
    /// The plugin slept (or waited on a clock) past its deadline.
    #[error("slept {slept_ms} ms, past its deadline")]
    SleptPastDeadline { slept_ms: u64 },
    /// The plugin waited on something that can never become ready.
    #[error("waited on something that can never become ready (a blocking call)")]
    WaitsForever,
}

/// Defines the plugin's WASI in `linker`: wasmtime-wasi's sync bindings,
/// then, shadowing them, this module's non-blocking replacements.
pub fn add_to_linker(linker: &mut Linker<PluginState>) -> wasmtime::Result<()> {
    wasmtime_wasi::p2::add_to_linker_sync(linker)?;
    linker.allow_shadowing(true);
    let result = (|| {
        poll::add_to_linker::<PluginState, NonBlocking>(linker, PluginState::non_blocking)?;
        streams::add_to_linker::<PluginState, NonBlocking>(linker, PluginState::non_blocking)?;
        monotonic_clock::add_to_linker::<PluginState, NonBlocking>(
            linker,
            PluginState::non_blocking,
        )?;
        udp_create_socket::add_to_linker::<PluginState, NonBlocking>(
            linker,
            PluginState::non_blocking,
        )
    })();
    linker.allow_shadowing(false);
    result
}

/// The virtual clock and what each live pollable waits for.
#[derive(Debug, Default)]
pub struct VirtualTime {
    /// Nanoseconds slept in this instance's life: the monotonic clock.
    now_ns: u64,
    /// The clock reading when the current call started.
    call_start_ns: u64,
    /// How long the current call may sleep in all.
    budget_ns: u64,
    /// Pollables this module made, by resource index.
    waits: HashMap<u32, Wait>,
}

impl VirtualTime {
    /// Starts a call that may sleep for at most `budget` in all.
    pub fn start_call(&mut self, budget: Duration) {
        self.call_start_ns = self.now_ns;
        self.budget_ns = u64::try_from(budget.as_nanos()).unwrap_or(u64::MAX);
    }
}

#[derive(Debug, Clone, Copy)]
enum Wait {
    /// A stdio stream: always ready (output is captured, input is closed).
    Stream,
    /// A clock: ready once the virtual clock reaches this reading.
    Until(u64),
}

/// The plugin's stdout and stderr, interleaved as on a terminal.
#[derive(Debug, Default)]
pub struct Captured {
    bytes: Vec<u8>,
    dropped: u64,
}

impl Captured {
    fn push(&mut self, data: &[u8]) {
        let data = if data.len() > CAPTURE_BYTES {
            self.dropped += (data.len() - CAPTURE_BYTES) as u64;
            &data[data.len() - CAPTURE_BYTES..]
        } else {
            data
        };
        let over = (self.bytes.len() + data.len()).saturating_sub(CAPTURE_BYTES);
        if over > 0 {
            self.bytes.drain(..over);
            self.dropped += over as u64;
        }
        self.bytes.extend_from_slice(data);
    }

    /// The latest of what the plugin wrote, lossily decoded (unescaped:
    /// escape before printing), and how many earlier bytes were dropped.
    pub fn text(&self) -> (String, u64) {
        (
            String::from_utf8_lossy(&self.bytes).into_owned(),
            self.dropped,
        )
    }

    /// Forgets what was written (between calls of a reused instance).
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.dropped = 0;
    }
}

/// A stdout or stderr stream writing into the instance's [`Captured`].
#[derive(Clone, Default)]
pub struct CaptureStream(pub Arc<Mutex<Captured>>);

impl CaptureStream {
    fn push(&self, data: &[u8]) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(data);
    }
}

impl wasmtime_wasi::cli::IsTerminal for CaptureStream {
    fn is_terminal(&self) -> bool {
        false
    }
}

impl wasmtime_wasi::cli::StdoutStream for CaptureStream {
    fn async_stream(&self) -> Box<dyn tokio::io::AsyncWrite + Send + Sync> {
        Box::new(self.clone())
    }

    fn p2_stream(&self) -> Box<dyn OutputStream> {
        Box::new(self.clone())
    }
}

#[wasmtime_wasi::async_trait]
impl Pollable for CaptureStream {
    async fn ready(&mut self) {}
}

#[wasmtime_wasi::async_trait]
impl OutputStream for CaptureStream {
    fn write(&mut self, bytes: bytes::Bytes) -> StreamResult<()> {
        self.push(&bytes);
        Ok(())
    }

    fn flush(&mut self) -> StreamResult<()> {
        Ok(())
    }

    fn check_write(&mut self) -> StreamResult<usize> {
        Ok(MAX_BLOCKING_WRITE)
    }
}

impl tokio::io::AsyncWrite for CaptureStream {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        self.push(buf);
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

/// The most one `blocking-write-and-flush` may write (the WASI contract).
const MAX_BLOCKING_WRITE: usize = 4096;

/// The view of a store the replacements work on.
pub struct NonBlockingView<'a> {
    table: &'a mut ResourceTable,
    time: &'a mut VirtualTime,
}

/// [`HasData`] for the replacements.
pub struct NonBlocking;

impl HasData for NonBlocking {
    type Data<'a> = NonBlockingView<'a>;
}

impl PluginState {
    fn non_blocking(&mut self) -> NonBlockingView<'_> {
        let (table, time) = self.table_and_time();
        NonBlockingView { table, time }
    }
}

impl NonBlockingView<'_> {
    fn record(&mut self, pollable: &Resource<DynPollable>, wait: Wait) {
        self.time.waits.insert(pollable.rep(), wait);
    }

    fn is_ready(&self, pollable: &Resource<DynPollable>) -> bool {
        match self.time.waits.get(&pollable.rep()) {
            Some(Wait::Stream) => true,
            Some(Wait::Until(at)) => *at <= self.time.now_ns,
            None => false,
        }
    }

    /// The indices of `pollables` ready now; if none is, sleeps (virtually)
    /// until the earliest clock among them, within the call's budget.
    fn wait_any(&mut self, pollables: &[Resource<DynPollable>]) -> wasmtime::Result<Vec<u32>> {
        for p in pollables {
            // A stale or foreign handle is an error, as in wasmtime-wasi.
            self.table.get(p)?;
        }
        let ready = |view: &Self| -> Vec<u32> {
            (0u32..)
                .zip(pollables)
                .filter(|(_, p)| view.is_ready(p))
                .map(|(i, _)| i)
                .collect()
        };
        let now = ready(self);
        if !now.is_empty() {
            return Ok(now);
        }
        let earliest = pollables
            .iter()
            .filter_map(|p| match self.time.waits.get(&p.rep()) {
                Some(Wait::Until(at)) => Some(*at),
                _ => None,
            })
            .min();
        let Some(at) = earliest else {
            return Err(wasmtime::Error::new(WasiStop::WaitsForever));
        };
        let slept = at.saturating_sub(self.time.call_start_ns);
        if slept > self.time.budget_ns {
            return Err(wasmtime::Error::new(WasiStop::SleptPastDeadline {
                slept_ms: slept / 1_000_000,
            }));
        }
        self.time.now_ns = at;
        Ok(ready(self))
    }

    fn subscribe_until(&mut self, at: u64) -> wasmtime::Result<Resource<DynPollable>> {
        let timer = self.table.push(Timer)?;
        let pollable = wasmtime_wasi::p2::subscribe(self.table, timer)?;
        self.record(&pollable, Wait::Until(at));
        Ok(pollable)
    }
}

/// The resource behind a clock pollable (its readiness is in [`Wait`]).
struct Timer;

#[wasmtime_wasi::async_trait]
impl Pollable for Timer {
    async fn ready(&mut self) {}
}

impl poll::Host for NonBlockingView<'_> {
    fn poll(&mut self, pollables: Vec<Resource<DynPollable>>) -> wasmtime::Result<Vec<u32>> {
        if pollables.is_empty() {
            return Err(wasmtime::format_err!("empty poll list"));
        }
        self.wait_any(&pollables)
    }
}

impl poll::HostPollable for NonBlockingView<'_> {
    fn ready(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<bool> {
        self.table.get(&pollable)?;
        Ok(self.is_ready(&pollable))
    }

    fn block(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<()> {
        self.wait_any(std::slice::from_ref(&pollable)).map(|_| ())
    }

    fn drop(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<()> {
        self.time.waits.remove(&pollable.rep());
        poll::HostPollable::drop(&mut *self.table, pollable)
    }
}

impl monotonic_clock::Host for NonBlockingView<'_> {
    fn now(&mut self) -> wasmtime::Result<u64> {
        Ok(self.time.now_ns)
    }

    fn resolution(&mut self) -> wasmtime::Result<u64> {
        Ok(1)
    }

    fn subscribe_instant(&mut self, when: u64) -> wasmtime::Result<Resource<DynPollable>> {
        self.subscribe_until(when)
    }

    fn subscribe_duration(&mut self, duration: u64) -> wasmtime::Result<Resource<DynPollable>> {
        let at = self.time.now_ns.saturating_add(duration);
        self.subscribe_until(at)
    }
}

impl udp_create_socket::Host for NonBlockingView<'_> {
    fn create_udp_socket(
        &mut self,
        _family: wasmtime_wasi::p2::bindings::sync::sockets::network::IpAddressFamily,
    ) -> SocketResult<Resource<UdpSocket>> {
        Err(wasmtime_wasi::p2::bindings::sockets::network::ErrorCode::AccessDenied.into())
    }
}

impl wasmtime_wasi::p2::bindings::sockets::network::Host for NonBlockingView<'_> {
    fn convert_error_code(
        &mut self,
        error: wasmtime_wasi::p2::SocketError,
    ) -> wasmtime::Result<wasmtime_wasi::p2::bindings::sockets::network::ErrorCode> {
        error.downcast()
    }

    fn network_error_code(
        &mut self,
        _err: Resource<wasmtime_wasi::p2::IoError>,
    ) -> wasmtime::Result<Option<wasmtime_wasi::p2::bindings::sockets::network::ErrorCode>> {
        Ok(None)
    }
}

impl wasmtime_wasi::p2::bindings::sockets::network::HostNetwork for NonBlockingView<'_> {
    fn drop(&mut self, network: Resource<wasmtime_wasi::p2::Network>) -> wasmtime::Result<()> {
        self.table.delete(network)?;
        Ok(())
    }
}

impl streams::Host for NonBlockingView<'_> {
    fn convert_stream_error(&mut self, err: StreamError) -> wasmtime::Result<streams::StreamError> {
        streams::Host::convert_stream_error(&mut *self.table, err)
    }
}

/// A blocking stream call that cannot complete at once: in the sandbox it
/// never will, so the plugin traps rather than holding the thread.
fn would_block() -> StreamError {
    StreamError::Trap(wasmtime::Error::new(WasiStop::WaitsForever))
}

impl streams::HostOutputStream for NonBlockingView<'_> {
    fn drop(&mut self, stream: Resource<DynOutputStream>) -> wasmtime::Result<()> {
        // Output is captured synchronously: nothing to flush or cancel.
        self.table.delete(stream)?;
        Ok(())
    }

    fn check_write(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<u64> {
        streams::HostOutputStream::check_write(&mut *self.table, stream)
    }

    fn write(&mut self, stream: Resource<DynOutputStream>, bytes: Vec<u8>) -> StreamResult<()> {
        streams::HostOutputStream::write(&mut *self.table, stream, bytes)
    }

    fn blocking_write_and_flush(
        &mut self,
        stream: Resource<DynOutputStream>,
        bytes: Vec<u8>,
    ) -> StreamResult<()> {
        if bytes.len() > MAX_BLOCKING_WRITE {
            return Err(StreamError::trap(
                "Buffer too large for blocking-write-and-flush (expected at most 4096)",
            ));
        }
        let s = self.table.get_mut(&stream)?;
        if s.check_write()? < bytes.len() {
            return Err(would_block());
        }
        s.write(bytes.into())?;
        s.flush()
    }

    fn blocking_write_zeroes_and_flush(
        &mut self,
        stream: Resource<DynOutputStream>,
        len: u64,
    ) -> StreamResult<()> {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        if len > MAX_BLOCKING_WRITE {
            return Err(StreamError::trap(
                "Buffer too large for blocking-write-zeroes-and-flush (expected at most 4096)",
            ));
        }
        let s = self.table.get_mut(&stream)?;
        if s.check_write()? < len {
            return Err(would_block());
        }
        s.write_zeroes(len)?;
        s.flush()
    }

    fn subscribe(
        &mut self,
        stream: Resource<DynOutputStream>,
    ) -> wasmtime::Result<Resource<DynPollable>> {
        let pollable = streams::HostOutputStream::subscribe(&mut *self.table, stream)?;
        self.record(&pollable, Wait::Stream);
        Ok(pollable)
    }

    fn write_zeroes(&mut self, stream: Resource<DynOutputStream>, len: u64) -> StreamResult<()> {
        streams::HostOutputStream::write_zeroes(&mut *self.table, stream, len)
    }

    fn flush(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<()> {
        streams::HostOutputStream::flush(&mut *self.table, stream)
    }

    fn blocking_flush(&mut self, stream: Resource<DynOutputStream>) -> StreamResult<()> {
        self.table.get_mut(&stream)?.flush()
    }

    fn splice(
        &mut self,
        dst: Resource<DynOutputStream>,
        src: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        streams::HostOutputStream::splice(&mut *self.table, dst, src, len)
    }

    fn blocking_splice(
        &mut self,
        dst: Resource<DynOutputStream>,
        src: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<u64> {
        streams::HostOutputStream::splice(&mut *self.table, dst, src, len)
    }
}

impl streams::HostInputStream for NonBlockingView<'_> {
    fn drop(&mut self, stream: Resource<DynInputStream>) -> wasmtime::Result<()> {
        self.table.delete(stream)?;
        Ok(())
    }

    fn read(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<Vec<u8>> {
        streams::HostInputStream::read(&mut *self.table, stream, len)
    }

    fn blocking_read(
        &mut self,
        stream: Resource<DynInputStream>,
        len: u64,
    ) -> StreamResult<Vec<u8>> {
        let read = streams::HostInputStream::read(&mut *self.table, stream, len)?;
        if read.is_empty() && len > 0 {
            return Err(would_block());
        }
        Ok(read)
    }

    fn skip(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<u64> {
        streams::HostInputStream::skip(&mut *self.table, stream, len)
    }

    fn blocking_skip(&mut self, stream: Resource<DynInputStream>, len: u64) -> StreamResult<u64> {
        let skipped = streams::HostInputStream::skip(&mut *self.table, stream, len)?;
        if skipped == 0 && len > 0 {
            return Err(would_block());
        }
        Ok(skipped)
    }

    fn subscribe(
        &mut self,
        stream: Resource<DynInputStream>,
    ) -> wasmtime::Result<Resource<DynPollable>> {
        let pollable = streams::HostInputStream::subscribe(&mut *self.table, stream)?;
        self.record(&pollable, Wait::Stream);
        Ok(pollable)
    }
}
