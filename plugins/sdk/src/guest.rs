//! The WIT glue, compiled only for Wasm: converts between the generated
//! bindings and the SDK's plain types, and keeps the configured detector.

use crate::{Aggregates, Detector, Seen};
use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;

#[doc(hidden)]
pub use wit_bindgen as __wit_bindgen;

/// Bindings generated from `wit/detector.wit`.
#[allow(missing_docs, clippy::all)]
pub mod bindings {
    wit_bindgen::generate!({
        path: "wit",
        world: "plugin",
        pub_export_macro: true,
        default_bindings_module: "palisade_sdk::guest::bindings",
        runtime_path: "palisade_sdk::guest::__wit_bindgen::rt",
        bitflags_path: "palisade_sdk::guest::__wit_bindgen::rt::bitflags",
    });
}

use bindings::exports::palisade::detector::detector::Guest;
use bindings::palisade::detector::{aggregates as host, types as wit};

thread_local! {
    /// The detector built by `configure`. A Wasm instance is single-threaded,
    /// so one slot per instance is all there is.
    static CONFIGURED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Implements the exported interface for any [`Detector`].
pub struct Adapter<D>(PhantomData<D>);

impl<D: Detector> Guest for Adapter<D> {
    fn describe() -> wit::Metadata {
        let m = D::metadata();
        wit::Metadata {
            name: m.name.to_string(),
            version: m.version.to_string(),
            description: m.description.to_string(),
            reads: wit::Fields::from_bits_retain(m.reads.0),
            uses_aggregates: D::uses_aggregates(),
        }
    }

    fn validate_settings(settings: String) -> Result<(), String> {
        crate::parse_settings::<D>(&settings).map(|_| ())
    }

    fn configure(settings: String) -> Result<(), String> {
        let parsed = crate::parse_settings::<D>(&settings)?;
        let detector: Box<dyn Any> = Box::new(D::new(parsed));
        CONFIGURED.with(|slot| *slot.borrow_mut() = Some(detector));
        Ok(())
    }

    fn detect(request: wit::Request) -> wit::Verdict {
        let request = from_wit(request);
        let verdict = CONFIGURED.with(|slot| {
            let slot = slot.borrow();
            match slot.as_ref().and_then(|d| d.downcast_ref::<D>()) {
                Some(detector) => detector.detect(&request, &mut HostAggregates),
                None => crate::Verdict {
                    score: 0.0,
                    reasons: vec!["plugin called before configure".to_string()],
                    tags: vec!["unconfigured".to_string()],
                },
            }
        });
        wit::Verdict {
            score: verdict.score,
            reasons: verdict.reasons,
            tags: verdict.tags,
        }
    }
}

/// The host's aggregates, reached through the WIT imports.
struct HostAggregates;

impl Aggregates for HostAggregates {
    fn counter_add(&mut self, key: &str, window_ms: u64, n: u64) -> u64 {
        host::counter_add(key, window_ms, n)
    }
    fn counter_read(&mut self, key: &str, window_ms: u64) -> u64 {
        host::counter_read(key, window_ms)
    }
    fn distinct_add(&mut self, key: &str, window_ms: u64, item: &str) -> u64 {
        host::distinct_add(key, window_ms, item)
    }
    fn distinct_read(&mut self, key: &str, window_ms: u64) -> u64 {
        host::distinct_read(key, window_ms)
    }
    fn touch(&mut self, key: &str) -> Option<Seen> {
        host::touch(key).map(seen)
    }
    fn peek(&mut self, key: &str) -> Option<Seen> {
        host::peek(key).map(seen)
    }
}

fn seen(s: host::Seen) -> Seen {
    Seen {
        first_ms: s.first_ms,
        last_ms: s.last_ms,
        count: s.count,
    }
}

fn from_wit(r: wit::Request) -> crate::Request {
    crate::Request {
        id: r.id,
        ts_ms: r.ts_ms,
        account: crate::Account {
            id: r.account.id,
            created_ms: r.account.created_ms,
            tier: r.account.tier,
            org: r.account.org,
            payment_fingerprint: r.account.payment_fingerprint,
            email_domain: r.account.email_domain,
        },
        client: crate::Client {
            ip: r.client.ip,
            asn: r.client.asn,
            country: r.client.country,
            user_agent: r.client.user_agent,
            tls_fingerprint: r.client.tls_fingerprint,
        },
        call: crate::Call {
            route: r.call.route,
            model: r.call.model,
            prompt: r.call.prompt,
            system_prompt: r.call.system_prompt,
            prompt_tokens: r.call.prompt_tokens,
            max_output_tokens: r.call.max_output_tokens,
            tools: r.call.tools,
            stream: r.call.stream,
        },
    }
}
