//! What a request may cost before it is refused: content type (415), body
//! size (413, checked against `Content-Length` before reading and again
//! while reading, so a chunked body cannot exceed it either), body arrival
//! time (408), the bytes of all bodies still arriving (503 with
//! `Retry-After`, see [`super::body_budget`]), and requests in flight (503
//! with `Retry-After`).
//!
//! On the decision endpoints the body is read *before* the request takes a
//! decision slot, so slow senders cannot starve the decisions: a body that
//! arrived with its head (the usual case) is taken at once; one still
//! arriving takes a *slow-body* slot (`[limits] max_slow_bodies`, and
//! `max_slow_bodies_per_ip` per client address; 503 with `Retry-After`
//! beyond) for at most `body_timeout_ms`. Then the concurrency limit, a
//! semaphore taken with `try_acquire`: a request over the limit is answered
//! at once and nothing queues. The permit is held until the response is
//! produced. The limits cover the decision endpoints only; health,
//! readiness, status and metrics stay answerable under overload.
//!
//! The body limit is applied here rather than with `tower-http`'s
//! `RequestBodyLimitLayer` so that a 413 carries the same JSON error as
//! every other refusal and names the limit.

use super::AppState;
use super::body_budget::Claim;
use super::error::ApiError;
use super::metrics::Endpoint;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::Poll;
use std::time::{Duration, Instant};

/// Whether a `Content-Type` value is JSON (`application/json`, any
/// `application/*+json`, with or without parameters).
pub fn is_json_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Whether a `Content-Type` value is newline-delimited JSON.
pub fn is_ndjson_type(value: &str) -> bool {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "application/x-ndjson" | "application/jsonl" | "application/ndjson"
    )
}

/// How a request body is framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    Ndjson,
}

/// Checks the `Content-Type`: JSON, or (when `ndjson_ok`) JSON lines.
pub fn require_json(headers: &HeaderMap, ndjson_ok: bool) -> Result<BodyKind, ApiError> {
    let wanted = if ndjson_ok {
        "application/json (an array) or application/x-ndjson (one request per line)"
    } else {
        "application/json"
    };
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(ApiError::unsupported_media_type(format!(
            "no Content-Type; send {wanted}"
        )));
    };
    let text = value.to_str().unwrap_or("(not ASCII)");
    if is_json_type(text) {
        Ok(BodyKind::Json)
    } else if ndjson_ok && is_ndjson_type(text) {
        Ok(BodyKind::Ndjson)
    } else {
        Err(ApiError::unsupported_media_type(format!(
            "Content-Type {text:?} is not accepted here; send {wanted}"
        )))
    }
}

/// Reads a whole body of at most `limit` bytes within `timeout`. A body
/// that arrives in one frame (the usual case) is returned without a copy.
pub async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    collect(headers, body, limit, timeout, || Ok(()), |_, _| Ok(())).await
}

/// [`read_body`], calling `slow` (and holding what it returns until the
/// body is read) when the body has not fully arrived at the first look,
/// then `arrived` with it and the bytes received so far, at once and as
/// each part of the body arrives.
async fn collect<S>(
    headers: &HeaderMap,
    mut body: Body,
    limit: usize,
    timeout: Duration,
    slow: impl FnOnce() -> Result<S, ApiError>,
    mut arrived: impl FnMut(&mut S, usize) -> Result<(), ApiError>,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(n) = declared.filter(|n| *n > limit as u64) {
        return Err(too_large(n, limit));
    }
    let mut collected = Collected {
        declared,
        limit,
        first: None,
        rest: Vec::new(),
        total: 0,
    };
    // What has already arrived is taken without waiting.
    loop {
        let polled =
            std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut body).poll_frame(cx))).await;
        match polled {
            Poll::Ready(Some(frame)) => collected.push(frame)?,
            Poll::Ready(None) => return Ok(collected.finish()),
            Poll::Pending => break,
        }
    }
    let mut slot = slow()?;
    arrived(&mut slot, collected.total)?;
    let read = async move {
        while let Some(frame) = body.frame().await {
            collected.push(frame)?;
            arrived(&mut slot, collected.total)?;
        }
        Ok(collected.finish())
    };
    match tokio::time::timeout(timeout, read).await {
        Ok(result) => result,
        Err(_) => Err(ApiError::body_timeout(timeout.as_millis() as u64)),
    }
}

/// A body being read: the first frame is kept as is, later ones copied.
struct Collected {
    declared: Option<u64>,
    limit: usize,
    first: Option<Bytes>,
    rest: Vec<u8>,
    total: usize,
}

impl Collected {
    fn push(
        &mut self,
        frame: Result<hyper::body::Frame<Bytes>, axum::Error>,
    ) -> Result<(), ApiError> {
        let frame = frame.map_err(|e| {
            // hyper's own message ("error reading a body from connection")
            // does not say what was wrong; its causes do (a chunk size
            // line, a trailer, an early end).
            let mut message = format!("reading the request body: {e}");
            let mut last = e.to_string();
            let mut cause = std::error::Error::source(&e);
            while let Some(c) = cause {
                let text = c.to_string();
                if text != last {
                    message.push_str(&format!(": {text}"));
                    last = text;
                }
                cause = c.source();
            }
            ApiError::bad_request(message)
        })?;
        let Ok(data) = frame.into_data() else {
            return Ok(());
        };
        self.total += data.len();
        if self.total > self.limit {
            return Err(too_large(self.total as u64, self.limit));
        }
        match self.first.take() {
            None if self.rest.is_empty() => self.first = Some(data),
            held => {
                if let Some(held) = held {
                    self.rest.reserve(
                        self.declared
                            .map_or(0, |n| n as usize)
                            .max(held.len() + data.len()),
                    );
                    self.rest.extend_from_slice(&held);
                }
                self.rest.extend_from_slice(&data);
            }
        }
        Ok(())
    }

    fn finish(self) -> Bytes {
        self.first.unwrap_or_else(|| Bytes::from(self.rest))
    }
}

fn too_large(size: u64, limit: usize) -> ApiError {
    ApiError::too_large(format!(
        "request body of {size} bytes or more is over the {limit}-byte limit (limits.max_body_bytes / limits.max_batch_body_bytes)"
    ))
}

/// State for [`guard`]: which endpoint it guards.
#[derive(Clone)]
pub struct Guarded {
    pub state: AppState,
    pub endpoint: Endpoint,
}

/// Decrements the in-flight gauge however the request ends (a dropped
/// connection cancels the handler future).
struct InFlight<'a>(&'a prometheus_client::metrics::gauge::Gauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

/// Middleware on the decision endpoints: concurrency limit, in-flight
/// gauge, per-endpoint status counts and latency, and a debug trace line.
pub async fn guard(State(g): State<Guarded>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let shared = &g.state.shared;
    let request = match buffer(&g, request).await {
        Ok(request) => Ok(request),
        Err(e) => Err(e.into_response()),
    };
    let response = match request.map(|r| (r, shared.permits.clone().try_acquire_owned())) {
        Err(refused) => refused,
        Ok((request, Ok(permit))) => {
            shared.metrics.in_flight().inc();
            let _in_flight = InFlight(shared.metrics.in_flight());
            let response = next.run(request).await;
            drop(permit);
            response
        }
        Ok((_, Err(_))) => {
            let limits = &shared.config.limits;
            ApiError::overloaded(limits.max_concurrency, limits.retry_after_s).into_response()
        }
    };
    let elapsed = started.elapsed();
    let code = response.status().as_u16();
    shared.metrics.record_request(g.endpoint, code, elapsed);
    tracing::debug!(
        endpoint = g.endpoint.as_str(),
        code,
        micros = elapsed.as_micros() as u64,
        "request"
    );
    response
}

/// Checks the content type, then reads the whole body (within the body
/// limits, taking a slow-body slot if it is still arriving) before the
/// request may take a decision slot; the handler then reads it at once.
async fn buffer(g: &Guarded, request: Request) -> Result<Request, ApiError> {
    let shared = &g.state.shared;
    let limits = &shared.config.limits;
    let limit = match g.endpoint {
        Endpoint::Decide => {
            require_json(request.headers(), false)?;
            limits.max_body_bytes
        }
        Endpoint::Batch => {
            require_json(request.headers(), true)?;
            limits.max_batch_body_bytes
        }
        Endpoint::Authz => limits.max_body_bytes,
    };
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let (parts, body) = request.into_parts();
    let conns = &shared.conns;
    let slow = || {
        let slot = conns.slow_body(ip).map_err(|_| {
            ApiError {
                status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
                message: format!(
                    "too many request bodies still arriving (limits.max_slow_bodies = {}, max_slow_bodies_per_ip = {}); send the body with the request head, or retry after {} s",
                    limits.max_slow_bodies, limits.max_slow_bodies_per_ip, limits.retry_after_s
                ),
                retry_after_s: Some(limits.retry_after_s),
            }
        })?;
        Ok((slot, shared.slow_bytes.claim()))
    };
    // A slow body's bytes count against `max_slow_body_bytes` until it is
    // complete (or refused).
    let arrived = |(_, claim): &mut (_, Claim<'_>), total: usize| {
        claim.grow_to(total).map_err(|spent| ApiError {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "request bodies still arriving hold limits.max_slow_body_bytes ({} bytes) between them; send the body with the request head, or retry after {} s",
                spent.max, limits.retry_after_s
            ),
            retry_after_s: Some(limits.retry_after_s),
        })
    };
    let bytes = collect(
        &parts.headers,
        body,
        limit,
        shared.body_timeout(),
        slow,
        arrived,
    )
    .await?;
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn json_types_are_recognised() {
        assert!(is_json_type("application/json"));
        assert!(is_json_type("Application/JSON; charset=utf-8"));
        assert!(is_json_type("application/vnd.palisade+json"));
        assert!(!is_json_type("text/plain"));
        assert!(!is_json_type("application/x-www-form-urlencoded"));
        assert!(is_ndjson_type("application/x-ndjson"));
    }

    #[test]
    fn missing_and_wrong_content_types_are_415_with_what_to_send() {
        let err = require_json(&HeaderMap::new(), false).unwrap_err();
        assert_eq!(err.status.as_u16(), 415);
        assert!(err.message.contains("application/json"), "{}", err.message);
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        let err = require_json(&h, false).unwrap_err();
        assert!(err.message.contains("\"text/plain\""), "{}", err.message);
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-ndjson"),
        );
        assert!(require_json(&h, false).is_err());
        assert_eq!(require_json(&h, true).unwrap(), BodyKind::Ndjson);
    }
}
