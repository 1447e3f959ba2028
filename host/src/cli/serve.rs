//! `palisade serve`: load the policy (falling back to the last-known-good),
//! then serve decisions over HTTP until SIGTERM or SIGINT, reloading the
//! policy on file changes, SIGHUP and `POST /v1/admin/reload`. The server
//! lives in `palisade::server`, the reloading in `palisade::reload`.

use anyhow::Context;
use palisade::aggregates::{self, redis::StoreKind};
use palisade::reload::{
    self, AdminToken, LastKnownGood, ReloadCollector, ReloadOptions, Reloader, WatchOptions,
};
use palisade::runtime::Runtime;
use palisade::server::{self, AppState, LogInput, ServeConfig, Threading};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The policy file.
    #[arg(long)]
    pub policy: PathBuf,
    /// Address to listen on [default: 127.0.0.1:8080, or [server] listen];
    /// port 0 picks a free one. The first line on stdout is `listening on ADDR`.
    #[arg(long)]
    pub listen: Option<String>,
    /// A serve.toml: limits, decision log, check-endpoint mapping.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the decision log (JSONL) to this file, or `-` for stdout.
    #[arg(long)]
    pub decision_log: Option<String>,
    /// What the decision log records of the input: full, masked, none.
    #[arg(long)]
    pub decision_log_input: Option<LogInput>,
    /// Seconds to answer in-flight requests after SIGTERM/SIGINT.
    #[arg(long)]
    pub drain_seconds: Option<u64>,
    /// Tokio worker threads (0: one per core).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Where the last-known-good policy is kept [default: .palisade-state/
    /// beside the policy]. A read-only policy directory (ConfigMap) needs one.
    #[arg(long)]
    pub state_dir: Option<PathBuf>,
    /// Do not reload on file changes (SIGHUP and the admin endpoint still do).
    #[arg(long)]
    pub no_watch: bool,
    /// Bearer token for `POST /v1/admin/reload` (else the environment
    /// variable PALISADE_ADMIN_TOKEN; neither: the endpoint is absent).
    #[arg(long)]
    pub admin_token_file: Option<PathBuf>,
    /// A candidate policy decided in shadow after each live decision; its
    /// agreement with the live policy is in /v1/status and /metrics.
    #[arg(long)]
    pub candidate: Option<PathBuf>,
    #[command(flatten)]
    pub cache: super::cache::CacheArgs,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = match &args.config {
        Some(path) => ServeConfig::load(path)?,
        None => ServeConfig::default(),
    };
    if let Some(listen) = args.listen {
        config.server.listen = listen;
    }
    if let Some(path) = args.decision_log {
        config.decision_log.path = Some(path);
    }
    if let Some(input) = args.decision_log_input {
        config.decision_log.input = input;
    }
    if let Some(s) = args.drain_seconds {
        config.server.drain_seconds = s;
    }
    if let Some(n) = args.workers {
        config.server.workers = n;
    }
    config.validate()?;
    let addr = config.listen_addr()?;
    // Before the state is built: `max_connections` is clamped to the limit.
    server::connections::raise_open_file_limit();

    let token = AdminToken::configured(args.admin_token_file.as_deref())?;
    let mut options = ReloadOptions::new(&args.policy);
    if let Some(dir) = args.state_dir {
        options.last_known_good = Some(LastKnownGood::new(dir));
    }
    options.candidate = args.candidate;
    let runtime = Runtime::new();
    args.cache.apply(&runtime, config.cache.dir.as_deref());
    let aggregates_sync = match config.aggregates.store {
        StoreKind::Memory => None,
        StoreKind::Redis => Some(aggregates::redis::start(
            &config.aggregates,
            &runtime.aggregates,
        )?),
    };
    let reloader = match Reloader::start(options, runtime) {
        Ok(r) => Arc::new(r),
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let mut state = AppState::new(reloader.active().clone(), config.clone())?
        .with_status_extra(reloader.clone())
        .with_admin(reload::admin_router(reloader.clone(), token));
    if let Some(sync) = aggregates_sync {
        state = state.with_aggregates_sync(sync);
    }
    if reloader.status().candidate.is_some() {
        state = state.with_shadow(reloader.clone());
    }
    {
        let reloader = reloader.clone();
        state
            .metrics()
            .register(move |registry| ReloadCollector::register(reloader, registry));
    }
    let _watcher = if args.no_watch {
        None
    } else {
        Some(reload::watch(reloader.clone(), WatchOptions::default())?)
    };
    // Every signal handler is installed on a small runtime of its own
    // before the address is announced, so a SIGHUP, SIGTERM or SIGINT
    // sent after `listening on` never kills us without a drain.
    let control = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .thread_name("palisade-control")
        .build()
        .context("starting the control runtime")?;
    let stop = {
        let _enter = control.enter();
        reload::reload_on_sighup(reloader.clone()).context("binding SIGHUP")?;
        server::shutdown_signal().context("binding SIGTERM and SIGINT")?
    };

    let workers = match config.server.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let outcome = match config.server.threading {
        Threading::PerCore => {
            let listeners = server::threads::bind_reuseport(addr, workers)
                .with_context(|| format!("binding {addr}"))?;
            announce(
                listeners
                    .first()
                    .map(|l| l.local_addr())
                    .transpose()?
                    .unwrap_or(addr),
            )?;
            server::threads::run(listeners, state, stop)?
        }
        Threading::Shared => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(workers)
                .enable_all()
                .thread_name("palisade-serve")
                .build()
                .context("starting the Tokio runtime")?;
            let outcome = rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("binding {addr}"))?;
                announce(listener.local_addr()?)?;
                anyhow::Ok(server::serve(listener, state, stop).await?)
            })?;
            // Requests abandoned at the drain bound must not hold the exit.
            rt.shutdown_timeout(Duration::from_millis(200));
            outcome
        }
    };
    if outcome.drained {
        tracing::info!("stopped; every in-flight request was answered");
    }
    control.shutdown_timeout(Duration::from_millis(200));
    Ok(ExitCode::SUCCESS)
}

/// The first line on stdout, which scripts and tests wait for.
fn announce(local: std::net::SocketAddr) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "listening on {local}")?;
    stdout.flush()?;
    tracing::info!(%local, "serving");
    Ok(())
}
