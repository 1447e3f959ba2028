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

/// The import name of the aggregates interface (as the bindings define it).
const AGGREGATES_IMPORT: &str = "palisade:detector/aggregates@0.1.0";

/// Defines the `aggregates` imports over the guest's own string memory,
/// shadowing the generated ones (which must be linked first). The generated
/// host functions lift every key and item into a fresh `String`: an
/// allocation, a copy and a free per string, on the ~30 aggregate calls a
/// decision makes with the default policy. Here a key is borrowed from the
/// guest's memory (validated as UTF-8 the same way) for the length of the
/// call. Answers are the same: both paths call the same store methods.
pub fn add_aggregates_to_linker(
    linker: &mut wasmtime::component::Linker<super::state::PluginState>,
) -> wasmtime::Result<()> {
    use self::palisade::detector::aggregates::Seen;
    use super::state::{PluginState, UndeclaredAggregates};
    use crate::aggregates::AggregateStore;
    use wasmtime::AsContext;
    use wasmtime::component::WasmStr;

    type Ctx<'a> = wasmtime::StoreContextMut<'a, PluginState>;

    /// The calling plugin's store and the request's event time, or the
    /// trap a plugin gets for aggregates it said it would not use.
    fn granted(state: &PluginState) -> wasmtime::Result<(&AggregateStore, u64)> {
        match &state.aggregates {
            Some(store) => Ok((store, state.now_ms)),
            None => Err(wasmtime::Error::new(UndeclaredAggregates)),
        }
    }
    fn seen(s: crate::aggregates::Seen) -> Seen {
        Seen {
            first_ms: s.first_ms,
            last_ms: s.last_ms,
            count: s.count,
        }
    }

    linker.allow_shadowing(true);
    let result = (|| {
        let mut inst = linker.instance(AGGREGATES_IMPORT)?;
        inst.func_wrap(
            "counter-add",
            |cx: Ctx<'_>, (key, window_ms, n): (WasmStr, u64, u64)| {
                let key = key.to_str(cx.as_context())?;
                let (store, now) = granted(cx.data())?;
                Ok((store.counter_add(&key, window_ms, n, now),))
            },
        )?;
        inst.func_wrap(
            "counter-read",
            |cx: Ctx<'_>, (key, window_ms): (WasmStr, u64)| {
                let key = key.to_str(cx.as_context())?;
                let (store, now) = granted(cx.data())?;
                Ok((store.counter_read(&key, window_ms, now),))
            },
        )?;
        inst.func_wrap(
            "distinct-add",
            |cx: Ctx<'_>, (key, window_ms, item): (WasmStr, u64, WasmStr)| {
                let key = key.to_str(cx.as_context())?;
                let item = item.to_str(cx.as_context())?;
                let (store, now) = granted(cx.data())?;
                Ok((store.distinct_add(&key, window_ms, &item, now),))
            },
        )?;
        inst.func_wrap(
            "distinct-read",
            |cx: Ctx<'_>, (key, window_ms): (WasmStr, u64)| {
                let key = key.to_str(cx.as_context())?;
                let (store, now) = granted(cx.data())?;
                Ok((store.distinct_read(&key, window_ms, now),))
            },
        )?;
        inst.func_wrap("touch", |cx: Ctx<'_>, (key,): (WasmStr,)| {
            let key = key.to_str(cx.as_context())?;
            let (store, now) = granted(cx.data())?;
            Ok((store.touch(&key, now).map(seen),))
        })?;
        inst.func_wrap("peek", |cx: Ctx<'_>, (key,): (WasmStr,)| {
            let key = key.to_str(cx.as_context())?;
            let (store, _) = granted(cx.data())?;
            Ok((store.peek(&key).map(seen),))
        })?;
        Ok(())
    })();
    linker.allow_shadowing(false);
    result
}
