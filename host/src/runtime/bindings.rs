//! Host-side bindings generated from `wit/detector.wit`.
//!
//! `Borrowing` ownership makes the request record borrow from the host's
//! parsed features: nothing is cloned to call a plugin.

wasmtime::component::bindgen!({
    path: "../wit",
    world: "plugin",
    ownership: Borrowing {
        duplicate_if_necessary: false
    },
    imports: { default: trappable },
});

/// The interface version this host was built against.
pub const INTERFACE_VERSION: &str = "0.1.0";
/// The export a plugin must provide, without its version.
pub const DETECTOR_EXPORT: &str = "palisade:detector/detector";
