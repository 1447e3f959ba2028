//! Hostile plugins written from scratch against the WIT
//! (`tests/plugins/forged`, no SDK): canonical-ABI values the SDK never
//! produces, which the host must refuse without paying for them.

use crate::common::*;
use palisade::decision::{DetectorReport, Status};
use palisade::policy::Generation;

fn forged(attack: &str) -> Generation {
    generation(&format!(
        r#"
[policy]
name = "forged"
version = "1"

[[plugin]]
name = "forged"
wasm = "{}"
deadline_ms = 2000
settings = {{ attack = "{attack}" }}
"#,
        plugin("forged").display()
    ))
}

fn only(g: &Generation) -> DetectorReport {
    let d = g.decide(&request("r-1", "hi"));
    assert_eq!(d.detectors.len(), 1);
    d.detectors[0].clone()
}

#[test]
fn verdict_lists_aliasing_one_string_are_refused_before_the_host_copies_them() {
    // 15 entries naming one 8 MiB string: 120 MiB to copy from a plugin
    // capped at 16 MiB of memory (wasmtime's own bound is 128 MiB a call).
    for attack in ["alias-reasons:8", "alias-tags:8"] {
        let report = only(&forged(attack));
        assert_eq!(report.status, Status::Error, "{attack}: {report:?}");
        assert!(
            report.reasons[0].contains("passed more than 4 MiB to the host in one call"),
            "{attack}: {report:?}"
        );
    }
    // The same plugin behaving is answered.
    assert_eq!(only(&forged("none")).status, Status::Ok);
}

#[test]
fn aggregate_keys_up_to_the_copy_limit_work_and_larger_ones_are_refused() {
    let report = only(&forged("alias-key:3"));
    assert_eq!(report.status, Status::Ok, "{report:?}");
    let report = only(&forged("alias-key:5"));
    assert_eq!(report.status, Status::Error, "{report:?}");
    assert!(report.reasons[0].contains("more than 4 MiB"), "{report:?}");
}
