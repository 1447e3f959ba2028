//! The decision API: `POST /v1/decide`, `POST /v1/decide/batch`,
//! `GET /v1/status`.
//!
//! A decision answer is the [`Decision`] JSON plus `decision_id`, which
//! also comes back as the `X-Palisade-Decision-Id` header and keys the
//! decision log. A request that is not JSON or lacks a required field is
//! 400; one that is well-formed but unacceptable (a bad IP, an oversized
//! prompt) is 422; both name the field.
//!
//! Event time is bounded by the server's clock: a `ts_ms` more than
//! `[limits] max_clock_skew_ms` from the request's arrival (a batch's, for
//! each of its items) is clamped to the nearer bound before any plugin sees
//! it, reported in the decision (`ts_clamped_from` and a reason) and counted
//! in `palisade_event_time_clamped_total{skew}`. The aggregates advance
//! with event time; without the bound one far-future request resets an
//! account's windows.

use super::error::ApiError;
use super::limits::{self, BodyKind};
use super::metrics::Endpoint;
use super::{AppState, Decided, Shared, now_ms};
use crate::decision::Decision;
use crate::features::{Clamped, FeatureError, Features, salvage_id};
use crate::policy::{Generation, PluginSlot};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use std::ops::Range;
use std::sync::Arc;
use std::time::{Instant, UNIX_EPOCH};

/// A decision as answered: its id, then the decision's own fields.
#[derive(Serialize)]
pub struct Answer<'a> {
    pub decision_id: &'a str,
    #[serde(flatten)]
    pub decision: &'a Decision,
}

/// The status code and message for a request that failed to parse.
pub fn feature_error(e: FeatureError) -> ApiError {
    match e {
        FeatureError::Json(m) => ApiError::bad_request(format!("malformed request features: {m}")),
        e @ FeatureError::Invalid { .. } => ApiError::unprocessable(e.to_string()),
    }
}

/// A JSON response from already-serialised bytes.
pub(crate) fn json_bytes(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// `POST /v1/decide`.
pub async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let arrival_ms = now_ms();
    let shared = &state.shared;
    limits::require_json(&headers, false)?;
    let bytes = limits::read_body(
        &headers,
        body,
        shared.config.limits.max_body_bytes,
        shared.body_timeout(),
    )
    .await?;
    let mut features = Features::parse(&bytes, &shared.feature_limits).map_err(feature_error)?;
    drop(bytes);
    let clamped = clamp_time(shared, &mut features, arrival_ms);
    let generation = shared.policy.current();
    let (mut decision, features) = shared.run(generation.clone(), features).await?;
    if let Some(c) = &clamped {
        decision.note_clamp(c, shared.config.limits.max_clock_skew_ms);
    }
    let id = shared.ids.next();
    shared.conclude(
        &generation,
        Decided {
            endpoint: Endpoint::Decide,
            decision_id: id,
            decision,
            input: Some(features),
            started,
        },
        |id, decision| {
            let body = serde_json::to_vec(&Answer {
                decision_id: id,
                decision,
            })
            .map_err(|e| ApiError::internal(format!("serialising the decision: {e}")))?;
            let mut response = json_bytes(StatusCode::OK, body);
            if let Ok(v) = HeaderValue::from_str(id) {
                response.headers_mut().insert("x-palisade-decision-id", v);
            }
            Ok(response)
        },
    )
}

/// Clamps a request's event time to `arrival_ms` ± `[limits]
/// max_clock_skew_ms` (see [`Features::clamp_time`]) and counts a clamp.
fn clamp_time(shared: &Shared, features: &mut Features, arrival_ms: u64) -> Option<Clamped> {
    let clamped = features.clamp_time(arrival_ms, shared.config.limits.max_clock_skew_ms)?;
    shared.metrics.record_clamp(clamped.skew.as_str());
    Some(clamped)
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The refusal of a batch with more than `max` items: found while
/// splitting, at the first item past the limit, so that a body of millions
/// of tiny items costs no more than one of `max` (no index of them all).
fn too_many_items(max: usize, start: usize) -> ApiError {
    ApiError::too_large(format!(
        "{} requests in one batch, over the limit of {max} (limits.max_batch_items; the first one over starts at byte {start})",
        max + 1
    ))
}

/// The byte ranges of a JSON array's items, or a 400 saying where the
/// array is broken, or a 413 at its item `max_items + 1`. Items are not
/// parsed here beyond finding their ends.
pub fn split_json_array(bytes: &[u8], max_items: usize) -> Result<Vec<Range<usize>>, ApiError> {
    let not_array = || {
        ApiError::bad_request(
            "a batch is a JSON array of requests (or, with Content-Type application/x-ndjson, one request per line)",
        )
    };
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'[') {
        return Err(not_array());
    }
    i = skip_ws(bytes, i + 1);
    let mut items = Vec::new();
    if bytes.get(i) == Some(&b']') {
        i = skip_ws(bytes, i + 1);
    } else {
        loop {
            let start = i;
            if items.len() == max_items {
                return Err(too_many_items(max_items, start));
            }
            let mut stream =
                serde_json::Deserializer::from_slice(&bytes[start..]).into_iter::<IgnoredAny>();
            match stream.next() {
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    return Err(ApiError::bad_request(format!(
                        "malformed batch: item {} (from byte {start}): {e}",
                        items.len()
                    )));
                }
                None => {
                    return Err(ApiError::bad_request(
                        "malformed batch: the array is not closed",
                    ));
                }
            }
            let end = start + stream.byte_offset();
            items.push(start..end);
            i = skip_ws(bytes, end);
            match bytes.get(i) {
                Some(b',') => i = skip_ws(bytes, i + 1),
                Some(b']') => {
                    i = skip_ws(bytes, i + 1);
                    break;
                }
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "malformed batch: expected `,` or `]` after item {} at byte {i}",
                        items.len() - 1
                    )));
                }
            }
        }
    }
    if i != bytes.len() {
        return Err(ApiError::bad_request(format!(
            "malformed batch: trailing characters at byte {i}"
        )));
    }
    Ok(items)
}

/// The byte ranges of the non-blank lines, or a 413 at line
/// `max_items + 1`.
pub fn split_lines(bytes: &[u8], max_items: usize) -> Result<Vec<Range<usize>>, ApiError> {
    let mut items = Vec::new();
    let mut start = 0;
    for (i, b) in bytes
        .iter()
        .enumerate()
        .chain(std::iter::once((bytes.len(), &b'\n')))
    {
        if *b == b'\n' {
            let line = &bytes[start..i];
            if !line.iter().all(u8::is_ascii_whitespace) {
                if items.len() == max_items {
                    return Err(too_many_items(max_items, start));
                }
                let end = if line.last() == Some(&b'\r') {
                    i - 1
                } else {
                    i
                };
                items.push(start..end);
            }
            start = i + 1;
        }
    }
    Ok(items)
}

#[derive(Serialize)]
struct ItemError<'a> {
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    status: u16,
    error: &'a str,
}

/// `POST /v1/decide/batch`: every item is decided by the same generation;
/// an item that fails to parse gets an error entry in its place and does
/// not fail the batch.
pub async fn batch(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let started = Instant::now();
    let arrival_ms = now_ms();
    let shared = &state.shared;
    let kind = limits::require_json(&headers, true)?;
    let limits = &shared.config.limits;
    let bytes = limits::read_body(
        &headers,
        body,
        limits.max_batch_body_bytes,
        shared.body_timeout(),
    )
    .await?;
    let items = match kind {
        BodyKind::Json => split_json_array(&bytes, limits.max_batch_items)?,
        BodyKind::Ndjson => split_lines(&bytes, limits.max_batch_items)?,
    };
    // At most `max_concurrent_batches` batches decide at once; the others
    // wait their turn here (each holding its `max_concurrency` slot), so
    // batches never outnumber the cores the workers' plugin calls run on.
    let permit = {
        let _waiting = GaugeHeld::new(&shared.batches_waiting);
        shared
            .batches
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| ApiError::internal(format!("the batch limiter closed: {e}")))?
    };
    let generation = shared.policy.current();
    let shared = state.shared.clone();
    let body = tokio::task::spawn_blocking(move || {
        let running = GaugeHeld::new(&shared.batches_running);
        let body = decide_batch(&shared, &generation, &bytes, &items, started, arrival_ms);
        // The gauge falls before the turn passes on: the next batch's rise
        // never overlaps this one's (`palisade_batches_running` never shows
        // more than `max_concurrent_batches`).
        drop(running);
        drop(permit);
        body
    })
    .await
    .map_err(|e| ApiError::internal(format!("the batch task failed: {e}")))??;
    Ok(json_bytes(StatusCode::OK, body))
}

/// A gauge raised while held.
struct GaugeHeld<'a>(&'a prometheus_client::metrics::gauge::Gauge);

impl<'a> GaugeHeld<'a> {
    fn new(gauge: &'a prometheus_client::metrics::gauge::Gauge) -> Self {
        gauge.inc();
        GaugeHeld(gauge)
    }
}

impl Drop for GaugeHeld<'_> {
    fn drop(&mut self) {
        self.0.dec();
    }
}

fn decide_batch(
    shared: &Shared,
    generation: &Arc<Generation>,
    bytes: &[u8],
    items: &[Range<usize>],
    started: Instant,
    arrival_ms: u64,
) -> Result<Vec<u8>, ApiError> {
    let serialise =
        |e: serde_json::Error| ApiError::internal(format!("serialising the batch: {e}"));
    let mut out = Vec::with_capacity(items.len() * 512 + 128);
    out.extend_from_slice(b"{\"policy\":");
    serde_json::to_writer(&mut out, &*generation.label).map_err(serialise)?;
    out.extend_from_slice(format!(",\"generation\":{},\"results\":[", generation.id).as_bytes());
    let mut errors = 0usize;
    for (index, range) in items.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        let item = &bytes[range.clone()];
        match Features::parse(item, &shared.feature_limits) {
            Ok(mut features) => {
                let clamped = clamp_time(shared, &mut features, arrival_ms);
                let mut decision = generation.decide(&features);
                if let Some(c) = &clamped {
                    decision.note_clamp(c, shared.config.limits.max_clock_skew_ms);
                }
                let id = shared.ids.next();
                shared
                    .conclude(
                        generation,
                        Decided {
                            endpoint: super::metrics::Endpoint::Batch,
                            decision_id: id,
                            decision,
                            input: Some(features),
                            started,
                        },
                        |id, decision| {
                            serde_json::to_writer(
                                &mut out,
                                &Answer {
                                    decision_id: id,
                                    decision,
                                },
                            )
                        },
                    )
                    .map_err(serialise)?;
            }
            Err(e) => {
                errors += 1;
                let e = feature_error(e);
                let entry = ItemError {
                    index,
                    id: salvage_id(item),
                    status: e.status.as_u16(),
                    error: &e.message,
                };
                serde_json::to_writer(&mut out, &entry).map_err(serialise)?;
            }
        }
    }
    out.extend_from_slice(format!("],\"count\":{},\"errors\":{errors}}}", items.len()).as_bytes());
    Ok(out)
}

/// `GET /v1/status`.
pub async fn status(State(state): State<AppState>) -> Response {
    let shared = &state.shared;
    let g = shared.policy.current();
    let plugins: Vec<Value> = g
        .plugins
        .iter()
        .map(|slot| match slot {
            PluginSlot::Active(p) => json!({
                "name": p.name,
                "state": "active",
                "plugin": p.metadata.name,
                "version": p.metadata.version,
                "interface": p.metadata.interface,
                "isolation": p.isolation,
                "on_failure": p.on_failure,
                "stateful": p.stateful,
                "weight": p.weight,
                "deadline_ms": p.limits.deadline.as_millis() as u64,
                "memory_mib": p.limits.memory_bytes >> 20,
                "sha256": hex::encode(p.digest),
                "calls": shared.metrics.plugin_outcomes(&p.name),
            }),
            PluginSlot::Disabled(name) => json!({
                "name": name,
                "state": "disabled",
                "calls": shared.metrics.plugin_outcomes(name),
            }),
        })
        .collect();
    let limits = &shared.config.limits;
    let mut doc = json!({
        "policy": g.label,
        "generation": g.id,
        "name": g.name,
        "version": g.version,
        "mode": g.mode,
        "override_action": g.override_action,
        "sha256": g.digest,
        "source": g.source.display().to_string(),
        "loaded_at_ms": g.loaded_at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64),
        "plugins": plugins,
        "server": {
            "version": env!("CARGO_PKG_VERSION"),
            "uptime_s": shared.started.elapsed().as_secs(),
            "draining": state.is_draining(),
            "in_flight": shared.metrics.in_flight().get(),
            "max_concurrency": limits.max_concurrency,
            "max_body_bytes": limits.max_body_bytes,
            "decide_on": match shared.config.server.decide_on {
                super::DecideOn::Batched => "batched",
                super::DecideOn::Worker => "worker",
                super::DecideOn::BlockingPool => "blocking-pool",
            },
            "threading": match shared.config.server.threading {
                super::Threading::PerCore => "per-core",
                super::Threading::Shared => "shared",
            },
            "decision_log": shared.config.decision_log.path,
        },
    });
    if let (Some(extra), Value::Object(map)) = (&state.status_extra, &mut doc) {
        extra.extend(map);
    }
    json_bytes(StatusCode::OK, doc.to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_split_into_items_and_breaks_are_located() {
        let body = br#" [ {"a":1} , {"b":[1,2]},{"c":"]"} ] "#;
        let items = split_json_array(body, 10).unwrap();
        let texts: Vec<&[u8]> = items.iter().map(|r| &body[r.clone()]).collect();
        assert_eq!(
            texts,
            vec![&br#"{"a":1}"#[..], br#"{"b":[1,2]}"#, br#"{"c":"]"}"#]
        );
        assert!(split_json_array(b"[]", 10).unwrap().is_empty());
        assert_eq!(
            split_json_array(b"{}", 10).unwrap_err().status.as_u16(),
            400
        );
        let err = split_json_array(br#"[{"a":1} {"b":2}]"#, 10).unwrap_err();
        assert!(
            err.message.contains("expected `,` or `]` after item 0"),
            "{}",
            err.message
        );
        let err = split_json_array(br#"[{"a":1},{"b":]"#, 10).unwrap_err();
        assert!(err.message.contains("item 1"), "{}", err.message);
        assert!(
            split_json_array(br#"[{"a":1}] x"#, 10)
                .unwrap_err()
                .message
                .contains("trailing")
        );
        assert!(split_json_array(br#"[{"a":1}"#, 10).is_err());
    }

    #[test]
    fn lines_skip_blanks_and_carriage_returns() {
        let body = b"{\"a\":1}\r\n\n  \n{\"b\":2}";
        let items = split_lines(body, 2).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(&body[items[0].clone()], b"{\"a\":1}");
        assert_eq!(&body[items[1].clone()], b"{\"b\":2}");
    }

    #[test]
    fn splitting_stops_at_the_first_item_over_the_limit() {
        // Millions of one-byte items: refused at item 4, not indexed.
        let mut array = b"[".to_vec();
        array.extend(std::iter::repeat_n(&b"0,"[..], 1_000_000).flatten());
        array.extend_from_slice(b"0]");
        let err = split_json_array(&array, 3).unwrap_err();
        assert_eq!(err.status.as_u16(), 413);
        assert!(
            err.message
                .contains("4 requests in one batch, over the limit of 3")
                && err.message.contains("starts at byte 7"),
            "{}",
            err.message
        );
        assert_eq!(split_json_array(b"[0,0,0]", 3).unwrap().len(), 3);
        let lines = "0\n".repeat(1_000_000);
        let err = split_lines(lines.as_bytes(), 3).unwrap_err();
        assert!(err.message.contains("starts at byte 6"), "{}", err.message);
        assert_eq!(split_lines(b"0\n0\n\n0\n", 3).unwrap().len(), 3);
    }
}
