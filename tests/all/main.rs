//! All integration tests, linked into one binary (wasmtime-style): one
//! `mod` line per area.

mod nginx;
mod server;
