//! Palisade's end-to-end tests, linked into one binary (wasmtime style):
//! each `mod` is one area. They drive the real `palisade` binary and real
//! plugin components built from source by `host/build.rs`.

// A test binary: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

mod aggregate_memory;
mod batch;
mod conditions;
mod dead_dependencies;
mod diff;
mod eval_cli;
mod hostile_clients;
mod hostile_clients2;
mod hostile_plugins;
mod hostile_plugins2;
mod hostile_reload;
mod js_plugin;
mod nginx;
mod plugin_cache;
mod plugin_new;
mod plugin_trust;
mod policy_errors;
mod python_plugin;
mod redis;
mod reload;
mod reload_lists;
mod report;
mod sandbox;
mod sandbox_serve;
mod serve_reload;
mod server;
