//! The accept loop and each connection's task: HTTP/1.1 over hyper's
//! connection builder, with the connection limits of [`super::connections`]
//! and a graceful drain.
//!
//! Each connection's task drives hyper's connection and, beside it, a
//! watchdog timer that closes the connection when its phase (fresh, head,
//! idle) outlasts its timeout, and the two signals that end it early: an
//! eviction (a newer connection needed the place) and the drain.
//!
//! On drain every connection is shut down gracefully: a request being
//! answered finishes and its answer says `Connection: close`; an idle
//! connection is closed; a connection whose request head is arriving is
//! kept until the head is complete (or its header timeout), and answered
//! with `Connection: close`. So that a request the client has already
//! sent is not mistaken for an idle connection because the runtime has not
//! yet noticed its bytes, a draining connection's reads ask the socket
//! directly.

use super::connections::{Admitted, Closed, ConnLimits, ConnState, Connections, Phase};
use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::ConnectInfo;
use axum::http::{Request, Response};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::Service as HyperService;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::future::{Future, poll_fn};
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};

/// Accepts connections on `listener` and serves each with `router` on a
/// task of its own, until dropped. Each task holds a clone of `alive`, so
/// that the caller knows when they have all ended; `drain` turning true
/// shuts them down gracefully.
pub(crate) async fn accept_loop(
    listener: &TcpListener,
    router: Router,
    conns: Arc<Connections>,
    drain: watch::Receiver<bool>,
    alive: mpsc::Sender<()>,
) {
    let limits = *conns.limits();
    let mut builder = http1::Builder::new();
    // Timeouts are the watchdog's (hyper's header timer would also run
    // while a keep-alive connection is idle). The read buffer bounds the
    // request head: hyper answers 431 when a head does not fit.
    // A client that half-closes after sending its request (`shutdown(SHUT_WR)`,
    // `nc -N`, the last request of a pipelined burst) is still answered:
    // without `half_close`, hyper dropped the request on the read EOF.
    builder
        .keep_alive(true)
        .half_close(true)
        .header_read_timeout(None::<Duration>)
        .max_buf_size(limits.max_header_bytes.max(8 << 10));
    let builder = Arc::new(builder);
    let mut last_warned: Option<Instant> = None;
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) => {
                conns.metrics().accept_error();
                if last_warned.is_none_or(|at| at.elapsed() > Duration::from_secs(5)) {
                    last_warned = Some(Instant::now());
                    tracing::warn!(error = %e, "accepting a connection failed; retrying in 50 ms");
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let admitted = match conns.admit(peer.ip()) {
            Ok(admitted) => admitted,
            Err(why) => {
                tracing::debug!(%peer, ?why, "connection refused at a connection cap");
                continue;
            }
        };
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
        let task = connection(
            tcp,
            peer,
            admitted,
            router.clone(),
            builder.clone(),
            drain.clone(),
            limits,
        );
        let alive = alive.clone();
        tokio::spawn(async move {
            task.await;
            drop(alive);
        });
    }
}

/// Serves one connection until it ends, times out, is evicted or drained.
async fn connection(
    tcp: TcpStream,
    peer: SocketAddr,
    admitted: Admitted,
    router: Router,
    builder: Arc<http1::Builder>,
    mut drain: watch::Receiver<bool>,
    limits: ConnLimits,
) {
    let state = admitted.state.clone();
    let service = ConnService {
        inner: TowerToHyperService::new(router),
        state: state.clone(),
        peer,
    };
    let io = TokioIo::new(Watched {
        tcp,
        state: state.clone(),
    });
    let mut conn = pin!(builder.serve_connection(io, service));
    // The watchdog looks at least this often, so that a phase change (a
    // request ending, a head starting) is seen in time.
    let tick = limits.header_read_timeout.min(limits.idle_timeout);
    let mut timer = pin!(tokio::time::sleep(tick));
    let mut evicted = pin!(state.wake.notified());
    let mut drained = pin!(drain.wait_for(|d| *d));
    let (mut draining, mut shut) = (false, false);
    let end = poll_fn(|cx: &mut Context<'_>| -> Poll<End> {
        if let Poll::Ready(result) = conn.as_mut().poll(cx) {
            return Poll::Ready(End::Done(result));
        }
        let phase = state.phase().0;
        if !shut && (evicted.as_mut().poll(cx).is_ready() || state.is_evicted()) {
            if phase != Phase::Busy {
                return Poll::Ready(End::Evicted);
            }
            // Answer the request in progress, then close.
            draining = true;
        }
        if !draining && drained.as_mut().poll(cx).is_ready() {
            draining = true;
            state.draining.store(true, Ordering::Relaxed);
            // Poll once more: the reads now look for bytes already sent.
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        if draining && !shut && phase != Phase::Head {
            conn.as_mut().graceful_shutdown();
            shut = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        while timer.as_mut().poll(cx).is_ready() {
            let now = Instant::now();
            let next = match state.deadline(&limits) {
                Some((at, why)) if at <= now => return Poll::Ready(End::TimedOut(why)),
                Some((at, _)) => at.min(now + tick),
                // Busy: the request limits bound it.
                None => now + tick,
            };
            timer.as_mut().reset(tokio::time::Instant::from_std(next));
        }
        Poll::Pending
    })
    .await;
    match end {
        End::Done(Ok(())) => {}
        End::Done(Err(e)) => tracing::debug!(%peer, error = %e, "connection ended with an error"),
        End::Evicted => tracing::debug!(%peer, "connection evicted at a connection cap"),
        End::TimedOut(why) => {
            tracing::debug!(%peer, ?why, "connection closed");
            admitted.closed(why);
        }
    }
}

enum End {
    Done(Result<(), hyper::Error>),
    Evicted,
    TimedOut(Closed),
}

/// The router as a hyper service for one connection: gives handlers the
/// peer address (`ConnectInfo`) and keeps the connection's phase.
struct ConnService {
    inner: TowerToHyperService<Router>,
    state: Arc<ConnState>,
    peer: SocketAddr,
}

type ServiceFuture = Pin<Box<dyn Future<Output = Result<Response<Tracked>, Infallible>> + Send>>;

impl HyperService<Request<Incoming>> for ConnService {
    type Response = Response<Tracked>;
    type Error = Infallible;
    type Future = ServiceFuture;

    fn call(&self, mut request: Request<Incoming>) -> Self::Future {
        self.state.on_request();
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let answer = self.inner.call(request);
        let state = self.state.clone();
        Box::pin(async move {
            let response = answer.await?;
            Ok(response.map(|body| Tracked { body, state }))
        })
    }
}

/// A response body that marks its connection idle once it is done with.
pub(crate) struct Tracked {
    body: Body,
    state: Arc<ConnState>,
}

impl HttpBody for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.state.on_response_done();
    }
}

/// The connection's socket, noting when request bytes arrive.
struct Watched {
    tcp: TcpStream,
    state: Arc<ConnState>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.tcp).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.state.on_read();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending if this.state.draining.load(Ordering::Relaxed) => {
                // Draining: bytes the runtime has not reported yet may be a
                // request already sent, which must be answered, not
                // dropped with an "idle" connection. Ask the socket.
                use std::io::Read;
                let socket = socket2::SockRef::from(&this.tcp);
                let mut reader: &socket2::Socket = &socket;
                match reader.read(buf.initialize_unfilled()) {
                    Ok(n) => {
                        buf.advance(n);
                        if n > 0 {
                            this.state.on_read();
                        }
                        Poll::Ready(Ok(()))
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Poll::Pending,
                    Err(e) => Poll::Ready(Err(e)),
                }
            }
            other => other,
        }
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}
