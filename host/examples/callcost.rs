//! Measures the fixed cost of one plugin call (the misbehaving plugin in
//! `ok` mode does no work): `cargo run --release -p palisade --example callcost`.

#![allow(clippy::unwrap_used, clippy::panic)]

use palisade::features::{FeatureLimits, Features};
use std::time::Instant;

fn main() {
    let dir = std::env::temp_dir().join("palisade-callcost");
    std::fs::create_dir_all(&dir).unwrap();
    let policy = dir.join("policy.toml");
    let wasm = format!("{}/palisade_misbehave.wasm", env!("PALISADE_PLUGIN_DIR"));
    std::fs::write(
        &policy,
        format!("[policy]\nname = \"c\"\nversion = \"1\"\n[[plugin]]\nname = \"m\"\nwasm = \"{wasm}\"\nisolation = \"reuse\"\nsettings = {{ mode = \"ok\" }}\n"),
    )
    .unwrap();
    let generation =
        palisade::policy::load(&policy, &palisade::runtime::Runtime::new(), 1).unwrap();
    let json = r#"{"id":"r-1","ts_ms":1764150000000,"account":{"id":"acct-1"},"client":{"ip":"203.0.113.9"},"request":{"prompt":"hello there, please tell me a story about a cat"}}"#;
    let features = Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap();
    let plugin = generation.active_plugins().next().unwrap().clone();
    let n = 300_000;
    for _ in 0..n / 10 {
        plugin.detect(&features);
    }
    let started = Instant::now();
    for _ in 0..n {
        std::hint::black_box(plugin.detect(&features));
    }
    println!(
        "one plugin call: {:.3} µs",
        started.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
