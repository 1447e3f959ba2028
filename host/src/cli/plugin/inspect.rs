//! `palisade plugin inspect FILE [--json]`: what a plugin is before it goes
//! into a policy: its metadata, the fields it reads, whether it uses
//! aggregates, its imports and exports (from the component type), size,
//! sha256, signature status and whether the compiled cache holds it.
//! Everything the plugin says about itself arrives escaped and capped by
//! the runtime (`palisade::runtime::text`).

use super::sign::{check, read_keys};
use crate::cli::cache::CacheArgs;
use anyhow::Context;
use palisade::decision::Action;
use palisade::policy::field_names;
use palisade::runtime::cache::EntryState;
use palisade::runtime::signature::{SignatureFile, signature_path};
use palisade::runtime::{Isolation, Limits, PluginSpec, Runtime};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The plugin (.wasm).
    pub file: PathBuf,
    /// Print one JSON document instead of text.
    #[arg(long)]
    pub json: bool,
    /// A trusted public key to check FILE.sig against; repeat for several.
    #[arg(long = "pub")]
    pub keys: Vec<PathBuf>,
    /// Settings (JSON) to have the plugin validate [default: {}].
    #[arg(long, default_value = "{}")]
    pub settings: String,
    #[command(flatten)]
    pub cache: CacheArgs,
}

pub fn run(args: InspectArgs) -> anyhow::Result<ExitCode> {
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("reading {}", args.file.display()))?;
    let digest: [u8; 32] = Sha256::digest(&bytes).into();
    let keys = read_keys(&args.keys)?;
    let signature = signature_status(&args, &digest, &keys);

    let runtime = Runtime::new();
    args.cache.apply(&runtime, None);
    let spec = PluginSpec {
        name: Arc::from("inspect"),
        bytes: Arc::from(bytes.as_slice()),
        digest,
        settings_json: args.settings.clone(),
        limits: Limits {
            deadline: Duration::from_millis(10),
            memory_bytes: 64 << 20,
            stack_bytes: 512 << 10,
        },
        on_failure: Action::Allow,
        isolation: Isolation::Fresh,
        weight: 1.0,
        grants: None,
        aggregate_budget: 1 << 20,
    };
    let cache = match runtime.cache_entry(&spec) {
        Ok(None) => json!({ "status": "off" }),
        Ok(Some((path, state))) => json!({
            "status": if state == EntryState::Present { "cached" } else { "not cached" },
            "entry": path.display().to_string(),
        }),
        Err(e) => json!({ "status": "unknown", "error": e.to_string() }),
    };
    let mut doc = json!({
        "file": args.file.display().to_string(),
        "size": bytes.len(),
        "sha256": hex::encode(digest),
        "signature": signature,
        "cache": cache,
    });
    let mut ok = true;
    match runtime.describe_file(&spec) {
        Err(e) => {
            ok = false;
            doc["error"] = json!(e.to_string());
        }
        Ok(d) => {
            doc["imports"] = json!(d.imports);
            doc["exports"] = json!(d.exports);
            match d.detector {
                Err(e) => {
                    ok = false;
                    doc["error"] = json!(e.to_string());
                }
                Ok((m, settings)) => {
                    doc["name"] = json!(m.name);
                    doc["version"] = json!(m.version);
                    doc["description"] = json!(m.description);
                    doc["interface"] = json!(m.interface);
                    doc["reads"] = json!(field_names(m.reads));
                    doc["uses_aggregates"] = json!(m.uses_aggregates);
                    doc["settings"] = match settings {
                        Ok(()) => json!({ "given": args.settings, "valid": true }),
                        Err(e) => json!({ "given": args.settings, "valid": false, "error": e }),
                    };
                }
            }
        }
    }
    if args.json {
        println!("{doc:#}");
    } else {
        print_text(&doc);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Whether FILE.sig is there, who signed it, and whether a given key
/// verifies it.
fn signature_status(
    args: &InspectArgs,
    digest: &[u8; 32],
    keys: &[(String, palisade::runtime::signature::PublicKey)],
) -> Value {
    let sig_path = signature_path(&args.file);
    let file = sig_path.display().to_string();
    match SignatureFile::read(&sig_path) {
        Err(e) if !sig_path.exists() => {
            json!({ "status": "unsigned", "file": file, "message": e.to_string() })
        }
        Err(e) => json!({ "status": "refused", "file": file, "message": e.to_string() }),
        Ok(sig) if keys.is_empty() => json!({
            "status": "unchecked",
            "file": file,
            "key_id": sig.key_id,
            "message": "signed, not checked: give the signer's public key with --pub KEY.pub",
        }),
        Ok(sig) => match check(&args.file, digest, keys) {
            Ok(line) => {
                json!({ "status": "verified", "file": file, "key_id": sig.key_id, "message": line })
            }
            Err(e) => {
                json!({ "status": "refused", "file": file, "key_id": sig.key_id, "message": e.to_string() })
            }
        },
    }
}

fn print_text(doc: &Value) {
    let s = |k: &str| match &doc[k] {
        Value::String(s) => s.clone(),
        Value::Null => "-".to_string(),
        other => other.to_string(),
    };
    let list = |k: &str| match &doc[k] {
        Value::Array(a) if a.is_empty() => "none".to_string(),
        Value::Array(a) => a
            .iter()
            .map(|v| v.as_str().unwrap_or("?").to_string())
            .collect::<Vec<_>>()
            .join(", "),
        _ => "-".to_string(),
    };
    println!("file       {}", s("file"));
    println!("size       {} bytes", s("size"));
    println!("sha256     {}", s("sha256"));
    if doc.get("name").is_some() {
        println!("plugin     {} {}", s("name"), s("version"));
        if !s("description").is_empty() {
            println!("           {}", s("description"));
        }
        println!("interface  {}", s("interface"));
        println!("reads      {}", list("reads"));
        println!(
            "aggregates {}",
            if doc["uses_aggregates"] == json!(true) {
                "yes (stateful)"
            } else {
                "no (stateless)"
            }
        );
        let settings = &doc["settings"];
        if settings["valid"] == json!(true) {
            println!(
                "settings   {} accepted",
                settings["given"].as_str().unwrap_or("")
            );
        } else {
            println!(
                "settings   {} rejected: {}",
                settings["given"].as_str().unwrap_or(""),
                settings["error"].as_str().unwrap_or("")
            );
        }
    }
    if doc.get("imports").is_some() {
        println!("imports    {}", list("imports"));
        println!("exports    {}", list("exports"));
    }
    let sig = &doc["signature"];
    println!(
        "signature  {}: {}",
        sig["status"].as_str().unwrap_or("?"),
        sig["message"].as_str().unwrap_or("")
    );
    let cache = &doc["cache"];
    match cache["entry"].as_str() {
        Some(entry) => println!(
            "cache      {} ({entry})",
            cache["status"].as_str().unwrap_or("?")
        ),
        None => println!("cache      {}", cache["status"].as_str().unwrap_or("?")),
    }
    if let Some(e) = doc["error"].as_str() {
        println!("error      not a loadable detector: {e}");
    }
}
