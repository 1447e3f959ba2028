//! `POST /v1/admin/reload`, protected by a bearer token.
//!
//! The endpoint exists only when a token is configured (environment
//! variable [`TOKEN_ENV`] or a token file): without one the router is empty
//! and the path answers 404, so a default deployment exposes no way to
//! trigger work remotely. Tokens are compared in constant time (their
//! sha256 digests are compared byte by byte without early exit, which also
//! hides the token's length).

use super::reloader::{ReloadError, Reloaded, Reloader};
use super::status::{ProblemReport, Trigger};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// The environment variable holding the admin token.
pub const TOKEN_ENV: &str = "PALISADE_ADMIN_TOKEN";
/// Shortest token accepted.
pub const MIN_TOKEN_BYTES: usize = 16;
/// The reload endpoint's path.
pub const RELOAD_PATH: &str = "/v1/admin/reload";

/// Why a token was refused.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("cannot read the admin token file {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the admin token from {from} is {len} bytes; use at least {MIN_TOKEN_BYTES} (e.g. `openssl rand -hex 32`)"
    )]
    TooShort { from: String, len: usize },
}

/// A bearer token for the admin endpoints. Its `Debug` never prints it.
#[derive(Clone)]
pub struct AdminToken {
    digest: [u8; 32],
}

impl std::fmt::Debug for AdminToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AdminToken(…)")
    }
}

impl AdminToken {
    /// A token from its text (surrounding whitespace trimmed).
    pub fn new(text: &str, from: &str) -> Result<Self, TokenError> {
        let text = text.trim();
        if text.len() < MIN_TOKEN_BYTES {
            return Err(TokenError::TooShort {
                from: from.to_string(),
                len: text.len(),
            });
        }
        Ok(AdminToken {
            digest: Sha256::digest(text.as_bytes()).into(),
        })
    }

    /// The token from `file` if given, else from [`TOKEN_ENV`]; `None` if
    /// neither is set (the endpoint is then absent).
    pub fn configured(file: Option<&Path>) -> Result<Option<Self>, TokenError> {
        if let Some(path) = file {
            let text = std::fs::read_to_string(path).map_err(|source| TokenError::Read {
                path: path.display().to_string(),
                source,
            })?;
            return AdminToken::new(&text, &path.display().to_string()).map(Some);
        }
        match std::env::var(TOKEN_ENV) {
            Ok(text) if !text.trim().is_empty() => AdminToken::new(&text, TOKEN_ENV).map(Some),
            _ => Ok(None),
        }
    }

    /// Whether `presented` is the token, in time independent of both.
    pub fn matches(&self, presented: &str) -> bool {
        let other: [u8; 32] = Sha256::digest(presented.trim().as_bytes()).into();
        let diff = self
            .digest
            .iter()
            .zip(other.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(diff) == 0
    }
}

struct Admin {
    reloader: Arc<Reloader>,
    token: AdminToken,
}

/// The admin routes, to merge into the server's router. Empty (so the path
/// answers 404) when `token` is `None`.
pub fn admin_router(reloader: Arc<Reloader>, token: Option<AdminToken>) -> Router {
    match token {
        None => Router::new(),
        Some(token) => Router::new()
            .route(RELOAD_PATH, post(reload))
            .with_state(Arc::new(Admin { reloader, token })),
    }
}

async fn reload(State(admin): State<Arc<Admin>>, headers: HeaderMap) -> Response {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !presented.is_some_and(|p| admin.token.matches(p)) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            Json(json!({ "error": "a valid `Authorization: Bearer <token>` header is required" })),
        )
            .into_response();
    }
    match admin.reloader.reload(Trigger::Admin).await {
        Ok(Reloaded::Activated { generation } | Reloaded::Unchanged { generation }) => {
            let current = admin.reloader.current();
            (
                StatusCode::OK,
                Json(json!({ "ok": true, "generation": generation, "policy": current.label.to_string() })),
            )
                .into_response()
        }
        Err(ReloadError::Refused(error)) => {
            let status = admin.reloader.status();
            let problems: Vec<ProblemReport> =
                status.last_attempt.map(|a| a.problems).unwrap_or_default();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({
                    "ok": false,
                    "error": error.to_string(),
                    "problems": problems,
                    "serving": status.active.generation,
                })),
            )
                .into_response()
        }
        Err(e @ ReloadError::Interrupted(_)) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({ "ok": false, "error": e.to_string() })),
        )
            .into_response(),
    }
}
