//! SIGHUP → reload.

use super::reloader::Reloader;
use super::status::Trigger;
use std::sync::Arc;
use tokio::signal::unix::{SignalKind, signal};

/// Reloads on every SIGHUP, even if no input changed (an operator's
/// explicit request). The handler is installed before this returns, so a
/// SIGHUP sent afterwards never kills the process. Call inside a tokio
/// runtime; the task runs until the runtime shuts down.
pub fn reload_on_sighup(reloader: Arc<Reloader>) -> std::io::Result<tokio::task::JoinHandle<()>> {
    let mut hangups = signal(SignalKind::hangup())?;
    Ok(tokio::spawn(async move {
        while hangups.recv().await.is_some() {
            tracing::info!("SIGHUP: reloading the policy");
            // Refusals are logged and recorded by the reloader.
            let _ = reloader.reload(Trigger::Signal).await;
        }
    }))
}
