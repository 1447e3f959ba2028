//! `palisade plugin run FILE`: one plugin, on its own, in the sandbox the
//! policies use (same loader, limits and WASI), with a fresh aggregate
//! store, printing its verdict on each request as one JSON line. The
//! output holds no timings, so two runs of a deterministic plugin over the
//! same input are byte-identical (and two plugins can be diffed).

use anyhow::{Context, bail};
use palisade::decision::{Action, Status};
use palisade::features::{FeatureLimits, Features};
use palisade::runtime::{
    CompiledPlugin, Fields, Isolation, Limits, MAX_PLUGIN_MEMORY, MAX_STACK_BYTES, PluginSpec,
    Runtime,
};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The plugin component (`.wasm`).
    pub file: PathBuf,
    #[command(flatten)]
    pub load: LoadArgs,
    /// JSONL requests (`palisade gen` writes them); `-` for stdin.
    #[arg(long, default_value = "-")]
    pub input: String,
}

/// How to load the plugin: what a policy's `[[plugin]]` entry would say.
#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// The plugin's settings: a JSON object, or `@FILE` holding one (a
    /// `.toml` file holds the table a policy's `[plugin.settings]` would).
    #[arg(long, default_value = "{}")]
    pub settings: String,
    /// Fields granted, comma-separated (e.g. `prompt,client_ip`); without
    /// it, whatever the plugin declares.
    #[arg(long, value_delimiter = ',')]
    pub grant: Option<Vec<String>>,
    /// Per-call deadline, ms. Generous by default so a busy machine does not
    /// cut the plugin off; policies default to 10.
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub deadline_ms: u64,
    /// Linear-memory cap, MiB (policies default to 16).
    #[arg(long, default_value_t = 16)]
    pub memory_mib: u64,
    /// Wasm stack, KiB (policies default to 512).
    #[arg(long, default_value_t = 512)]
    pub stack_kib: u64,
    /// Reuse one instance across requests (`isolation = "reuse"`) instead
    /// of a fresh one per request.
    #[arg(long)]
    pub reuse: bool,
    /// Cap on the plugin's aggregate store, MiB.
    #[arg(long, default_value_t = 64)]
    pub aggregate_mib: u64,
    /// How long compiling the plugin may take, seconds. Policies allow 20;
    /// a componentize-py plugin (~18 MB) takes about 14 s of CPU,
    /// more on a busy machine, so this tool waits longer by default.
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub compile_timeout_s: u64,
}

/// A loaded plugin and the runtime it lives in (which must outlive it).
pub struct Loaded {
    /// Kept alive for the plugin: it owns the epoch ticker deadlines run on.
    pub _runtime: Arc<Runtime>,
    pub plugin: CompiledPlugin,
    /// Compile, link, start and settings check, together.
    pub load_time: Duration,
}

/// Loads `file` as a policy would load it, with a fresh aggregate store.
pub fn load(file: &Path, args: &LoadArgs) -> anyhow::Result<Loaded> {
    let max_mib = (MAX_PLUGIN_MEMORY >> 20) as u64;
    if !(1..=max_mib).contains(&args.memory_mib) {
        bail!("--memory-mib {} is outside 1..={max_mib}", args.memory_mib);
    }
    let max_kib = (MAX_STACK_BYTES >> 10) as u64;
    if !(32..=max_kib).contains(&args.stack_kib) {
        bail!("--stack-kib {} is outside 32..={max_kib}", args.stack_kib);
    }
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let grants = match &args.grant {
        None => None,
        Some(names) => {
            let mut fields = Fields::empty();
            for name in names.iter().filter(|n| !n.is_empty()) {
                let Some(f) = palisade::policy::parse_field(name.trim()) else {
                    bail!(
                        "--grant: unknown field {name:?}; known fields: {}",
                        palisade::policy::field_names(Fields::all()).join(", ")
                    );
                };
                fields |= f;
            }
            Some(fields)
        }
    };
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plugin".to_string());
    let spec = PluginSpec {
        name: Arc::from(name.as_str()),
        digest: Sha256::digest(&bytes).into(),
        bytes: Arc::from(bytes),
        settings_json: settings_json(&args.settings)?,
        limits: Limits {
            deadline: Duration::from_millis(args.deadline_ms),
            memory_bytes: (args.memory_mib as usize) << 20,
            stack_bytes: (args.stack_kib as usize) << 10,
        },
        on_failure: Action::Allow,
        isolation: if args.reuse {
            Isolation::Reuse
        } else {
            Isolation::Fresh
        },
        weight: 1.0,
        grants,
        aggregate_budget: (args.aggregate_mib as usize) << 20,
    };
    let runtime = Runtime::new();
    runtime.set_compile_timeout(Duration::from_secs(args.compile_timeout_s));
    let started = Instant::now();
    let plugin = runtime
        .load(&spec)
        .with_context(|| format!("loading {}", file.display()))?;
    let load_time = started.elapsed();
    let m = &plugin.metadata;
    eprintln!(
        "loaded {} {} ({}) in {:.1} ms; reads: {}; sent: {}; aggregates: {}",
        m.name,
        m.version,
        m.interface,
        load_time.as_secs_f64() * 1e3,
        names_or_none(m.reads),
        names_or_none(plugin.fields),
        if m.uses_aggregates { "yes" } else { "no" },
    );
    Ok(Loaded {
        _runtime: runtime,
        plugin,
        load_time,
    })
}

fn names_or_none(fields: Fields) -> String {
    let names = palisade::policy::field_names(fields);
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(",")
    }
}

/// The settings argument as compact JSON, checked to be an object.
fn settings_json(arg: &str) -> anyhow::Result<String> {
    let value: serde_json::Value = match arg.strip_prefix('@') {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
            if path.ends_with(".toml") {
                let table: toml::Table =
                    toml::from_str(&text).with_context(|| format!("{path}: not TOML"))?;
                serde_json::to_value(table).with_context(|| format!("{path}: not JSON-shaped"))?
            } else {
                serde_json::from_str(&text).with_context(|| format!("{path}: not JSON"))?
            }
        }
        None => serde_json::from_str(arg).context("--settings: not JSON (or @FILE)")?,
    };
    if !value.is_object() {
        bail!("--settings must be a JSON object, like a policy's [plugin.settings] table");
    }
    Ok(value.to_string())
}

/// Reads JSONL requests: each line parsed, or its error (`line N: …`).
pub fn read_requests(input: &str) -> anyhow::Result<Vec<(usize, Result<Features, String>)>> {
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        Box::new(BufReader::new(
            std::fs::File::open(input).with_context(|| format!("opening {input}"))?,
        ))
    };
    let limits = FeatureLimits::default();
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {input}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed =
            Features::parse(line.as_bytes(), &limits).map_err(|e| format!("line {}: {e}", i + 1));
        out.push((i + 1, parsed));
    }
    Ok(out)
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let requests = read_requests(&args.input)?;
    let loaded = load(&args.file, &args.load)?;
    let plugin = &loaded.plugin;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut slot = None;
    let (mut ok, mut failed, mut bad) = (0usize, 0usize, 0usize);
    for (line, parsed) in &requests {
        let record = match parsed {
            Err(error) => {
                bad += 1;
                serde_json::json!({ "line": line, "error": error })
            }
            Ok(features) => {
                let o = plugin.detect_in(&mut slot, features, plugin.aggregates());
                if o.status == Status::Ok {
                    ok += 1;
                } else {
                    failed += 1;
                }
                serde_json::json!({
                    "id": features.id,
                    "score": o.score,
                    "reasons": o.reasons,
                    "tags": o.tags,
                    "status": o.status,
                })
            }
        };
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    drop(slot);
    eprintln!("{ok} ok, {failed} failed, {bad} bad lines");
    Ok(if failed + bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
