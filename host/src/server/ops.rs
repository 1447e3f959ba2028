//! Operations endpoints: liveness, readiness, metrics.

use super::AppState;
use super::decide::json_bytes;
use super::error::ApiError;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// `GET /healthz`: the process is up and answering.
pub async fn healthz() -> Response {
    json_bytes(StatusCode::OK, br#"{"status":"ok"}"#.to_vec())
}

/// `GET /readyz`: a policy is serving and no shutdown has begun; 503 while
/// draining so load balancers stop sending.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let g = state.policy().current();
    let (status, ready) = if state.is_draining() {
        (StatusCode::SERVICE_UNAVAILABLE, false)
    } else {
        (StatusCode::OK, true)
    };
    let body = json!({
        "ready": ready,
        "draining": !ready,
        "policy": g.label,
        "generation": g.id,
        "aggregates": state.aggregates_readiness(),
    });
    json_bytes(status, body.to_string().into_bytes())
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> Result<Response, ApiError> {
    let current = state.policy().current();
    let text = state
        .metrics()
        .encode(&current)
        .map_err(|e| ApiError::internal(format!("encoding metrics: {e}")))?;
    let mut response = (StatusCode::OK, text).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
    );
    Ok(response)
}
