//! A test-only detector written from scratch against `wit/detector.wit`
//! (no SDK), the way an attacker would: it forges values that safe Rust and
//! the SDK never produce. The policy's `attack` setting names the attack:
//!
//! - `alias-reasons:N`: a verdict whose reasons are 15 entries that all
//!   point at the same N-MiB string. The plugin holds N MiB; a host that
//!   copied every entry would allocate 15 × N MiB for it.
//! - `alias-tags:N`: the same, for tags.
//! - `alias-key:N`: one aggregate key of N MiB, then a behaving verdict.
//! - `random:N`: asks `wasi:random` for N MiB at once (the host makes
//!   them before the plugin's memory cap can refuse them).
//! - `handles:N`: asks WASI for stdout N thousand times, keeping every
//!   handle (each lives in host memory, outside the plugin's cap), then
//!   behaves.
//! - `configure-loop`, `configure-refuse`, `configure-trap`: `configure`
//!   spins forever, refuses the settings `validate-settings` accepted, or
//!   traps (a plugin that loads and then fails every request).
//! - anything else: behaves (score 0).
//!
//! Its allocator never frees, so the aliased strings' post-return frees
//! (one per entry, all of the same block) cannot corrupt its heap: every
//! instance is short-lived in the tests that use it.

/// Reads the `attack` setting (`{"attack": "alias-reasons:8"}`) into the
/// attack and its size in MiB, without a JSON parser.
pub fn parse(settings: &str) -> (&str, usize) {
    let value = settings
        .split_once("\"attack\"")
        .and_then(|(_, rest)| rest.trim_start().strip_prefix(':'))
        .and_then(|rest| rest.trim_start().strip_prefix('"'))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("");
    match value.split_once(':') {
        Some((attack, n)) => (attack, n.trim().parse().unwrap_or(1)),
        None => (value, 1),
    }
}

#[cfg(target_arch = "wasm32")]
// Forging aliased strings and an allocator that never frees is `unsafe`
// by nature, as is the generated export glue; this is hostile test code.
#[allow(unsafe_code)]
mod component {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::RefCell;

    wit_bindgen::generate!({
        path: "../../../wit",
        world: "plugin",
    });

    use exports::palisade::detector::detector::Guest;
    use palisade::detector::aggregates;
    use palisade::detector::types::{Fields, Metadata, Request, Verdict};

    /// Allocates from the system allocator and never frees.
    struct NeverFree;

    unsafe impl GlobalAlloc for NeverFree {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: forwarded unchanged.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
    }

    #[global_allocator]
    static ALLOCATOR: NeverFree = NeverFree;

    thread_local! {
        static SETTINGS: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// `n` strings that all share one leaked buffer of `mib` MiB.
    fn aliased(n: usize, mib: usize) -> Vec<String> {
        let text: &'static mut str = "x".repeat(mib << 20).leak();
        let (ptr, len) = (text.as_mut_ptr(), text.len());
        (0..n)
            // SAFETY: the buffer is leaked and never freed (see NeverFree);
            // aliasing it is the attack.
            .map(|_| unsafe { String::from_raw_parts(ptr, len, len) })
            .collect()
    }

    struct Forged;

    impl Guest for Forged {
        fn describe() -> Metadata {
            Metadata {
                name: "forged".to_string(),
                version: "0.1.0".to_string(),
                description: "test-only: forges canonical-ABI values".to_string(),
                reads: Fields::PROMPT,
                uses_aggregates: true,
            }
        }

        fn validate_settings(_settings: String) -> Result<(), String> {
            Ok(())
        }

        fn configure(settings: String) -> Result<(), String> {
            match super::parse(&settings).0 {
                "configure-loop" => {
                    let mut x = settings.len() as u64;
                    loop {
                        x = std::hint::black_box(
                            x.wrapping_mul(6364136223846793005).wrapping_add(1),
                        );
                    }
                }
                "configure-refuse" => {
                    return Err("refused at configure\n\x1b[31mFORGED\x1b[0m".to_string());
                }
                "configure-trap" => std::process::abort(),
                _ => {}
            }
            SETTINGS.with(|s| *s.borrow_mut() = settings);
            Ok(())
        }

        fn detect(_request: Request) -> Verdict {
            let settings = SETTINGS.with(|s| s.borrow().clone());
            let (attack, mib) = super::parse(&settings);
            let mut verdict = Verdict {
                score: 0.0,
                reasons: vec!["behaving".to_string()],
                tags: Vec::new(),
            };
            match attack {
                "alias-reasons" => verdict.reasons = aliased(15, mib),
                "alias-tags" => verdict.tags = aliased(15, mib),
                "alias-key" => {
                    let key = "k".repeat(mib << 20);
                    aggregates::counter_add(&key, 60_000, 1);
                }
                "random" => {
                    let bytes = wasip2::random::random::get_random_bytes((mib as u64) << 20);
                    verdict.reasons = vec![format!("{} random bytes", bytes.len())];
                }
                "handles" => {
                    for _ in 0..mib * 1000 {
                        std::mem::forget(wasip2::cli::stdout::get_stdout());
                    }
                    verdict.reasons = vec![format!("held {} thousand handles", mib)];
                }
                _ => {}
            }
            verdict
        }
    }

    export!(Forged);
}

#[cfg(test)]
mod tests {
    #[test]
    fn settings_name_an_attack_and_a_size() {
        assert_eq!(
            super::parse(r#"{"attack": "alias-reasons:8"}"#),
            ("alias-reasons", 8)
        );
        assert_eq!(
            super::parse(r#"{"attack":"alias-tags"}"#),
            ("alias-tags", 1)
        );
        assert_eq!(super::parse("{}"), ("", 1));
    }
}
