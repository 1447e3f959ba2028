//! The router driven in memory (`tower::ServiceExt::oneshot`), and the
//! extension points the reload work plugs into.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use palisade::active::ActivePolicy;
use palisade::runtime::Runtime;
use palisade::server::{AppState, ServeConfig, StatusExtra, router};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

fn state() -> AppState {
    let runtime = Runtime::new();
    let generation = palisade::policy::load(&super::default_policy(), &runtime, 1).unwrap();
    AppState::new(
        Arc::new(ActivePolicy::new(runtime, generation)),
        ServeConfig::default(),
    )
    .unwrap()
}

async fn call(app: axum::Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn the_router_decides_in_memory() {
    let request = Request::post("/v1/decide")
        .header("content-type", "application/json")
        .body(Body::from(super::features("mem-1", "a", super::HARVEST)))
        .unwrap();
    let (status, d) = call(router(state()), request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(d["action"], "throttle");
}

struct ReloadStatus;

impl StatusExtra for ReloadStatus {
    fn extend(&self, status: &mut serde_json::Map<String, Value>) {
        status.insert("reload".to_string(), serde_json::json!({ "state": "idle" }));
    }
}

#[tokio::test]
async fn an_admin_router_and_status_extras_plug_in() {
    let admin = axum::Router::new().route(
        "/v1/admin/reload",
        axum::routing::post(|| async { "reloaded" }),
    );
    let state = state()
        .with_admin(admin)
        .with_status_extra(Arc::new(ReloadStatus));
    let app = router(state);
    let response = app
        .clone()
        .oneshot(
            Request::post("/v1/admin/reload")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (status, s) = call(app, Request::get("/v1/status").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(s["reload"]["state"], "idle");
    assert_eq!(s["policy"], "default@1.0.0");
}

#[tokio::test]
async fn a_swapped_generation_serves_the_next_request() {
    let state = state();
    let policy = state.policy().clone();
    let app = router(state);
    let next = palisade::policy::load(
        &super::default_policy(),
        policy.runtime(),
        policy.next_generation_id(),
    )
    .unwrap();
    let id = next.id;
    policy.activate(next);
    let request = Request::post("/v1/decide")
        .header("content-type", "application/json")
        .body(Body::from(super::features("gen", "a", super::NORMAL)))
        .unwrap();
    let (_, d) = call(app, request).await;
    assert_eq!(d["generation"], id);
}
