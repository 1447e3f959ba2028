//! Hostile plugins written from scratch against the WIT
//! (`tests/plugins/forged`, no SDK): canonical-ABI values the SDK never
//! produces, which the host must refuse without paying for them.

use crate::common::*;
use palisade::decision::{DetectorReport, Status};
use palisade::policy::Generation;

fn forged(attack: &str) -> Generation {
    forged_with_deadline(attack, 2000)
}

/// A policy of the `forged` plugin alone, running `attack` under a
/// `deadline_ms` deadline.
pub(crate) fn forged_with_deadline(attack: &str, deadline_ms: u64) -> Generation {
    generation(&format!(
        r#"
[policy]
name = "forged"
version = "1"

[[plugin]]
name = "forged"
wasm = "{}"
deadline_ms = {deadline_ms}
settings = {{ attack = "{attack}" }}
"#,
        plugin("forged").display()
    ))
}

/// The one detector report of a decision under `g`.
pub(crate) fn only(g: &Generation) -> DetectorReport {
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

/// Runs `palisade check` on `policy`, killing it if it has not ended
/// within `bound`; its exit status (None: killed) and stderr.
pub(crate) fn check_within(
    policy: &std::path::Path,
    bound: std::time::Duration,
) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let err = dir.path().join("stderr");
    let mut child = palisade()
        .args(["check", "--no-cache", "--policy"])
        .arg(policy)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + bound;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (status, std::fs::read_to_string(&err).unwrap_or_default())
}

#[test]
fn plugin_and_list_paths_that_are_not_regular_files_are_refused_without_reading_them() {
    // A FIFO used to block the loader (and a reload) forever; a device
    // such as /dev/zero was read without end. Each is now named and
    // refused before any read.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plugin.wasm");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let list_fifo = dir.path().join("orgs.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&list_fifo)
            .status()
            .unwrap()
            .success()
    );
    let real = plugin("forged").display().to_string();
    let cases = [
        (
            fifo.display().to_string(),
            None,
            "not a regular file (a FIFO)",
        ),
        (
            "/dev/null".to_string(),
            None,
            "not a regular file (a character device)",
        ),
        (
            dir.path().display().to_string(),
            None,
            "not a regular file (a directory)",
        ),
        (real, Some("orgs.txt"), "not a regular file (a FIFO)"),
    ];
    for (wasm, list, expected) in cases {
        let lists = list.map_or(String::new(), |file| {
            format!("\n[lists.orgs]\nkind = \"string\"\nfile = \"{file}\"\n")
        });
        let policy = dir.path().join("policy.toml");
        std::fs::write(
            &policy,
            format!(
                "[policy]\nname = \"t\"\nversion = \"1\"\n{lists}\n[[plugin]]\nname = \"p\"\nwasm = \"{wasm}\"\n"
            ),
        )
        .unwrap();
        let (status, stderr) = check_within(&policy, std::time::Duration::from_secs(30));
        assert!(
            status.is_some_and(|c| c != 0),
            "{wasm} {list:?}: status {status:?}; stderr:\n{stderr}"
        );
        assert!(stderr.contains(expected), "{wasm} {list:?}:\n{stderr}");
    }
}

#[test]
fn aggregate_store_memory_keys_and_evictions_are_in_the_metrics() {
    // A stream of distinct accounts fills a stateful plugin's 1 MiB store;
    // the operator sees it stay at its cap and evict, per plugin.
    use crate::server::{Server, metric};
    let dir = tempfile::tempdir().unwrap();
    let policy = crate::server::write(
        dir.path(),
        "policy.toml",
        &format!(
            "[policy]\nname = \"agg\"\nversion = \"1\"\n\n[aggregates]\nmemory_mib = 1\n\n\
             [[plugin]]\nname = \"cadence\"\nwasm = \"{}\"\n\
             grants = [\"account_created\", \"account_org\", \"payment_fingerprint\", \"max_output_tokens\"]\n",
            plugin("cadence").display()
        ),
    );
    let server = Server::start(&policy, &[]);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    for batch in 0..20 {
        let items: Vec<String> = (0..1000)
            .map(|i| {
                serde_json::json!({
                    "id": format!("r-{batch}-{i}"), "ts_ms": now,
                    "account": {"id": format!("acct-{batch}-{i}")},
                    "client": {"ip": "203.0.113.9"},
                    "request": {"prompt": "hello", "max_output_tokens": 100},
                })
                .to_string()
            })
            .collect();
        let r = server.post_json("/v1/decide/batch", &format!("[{}]", items.join(",")));
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let text = server.metrics();
    let cadence = [("plugin", "cadence")];
    let bytes = metric(&text, "palisade_aggregate_bytes", &cadence);
    let keys = metric(&text, "palisade_aggregate_keys", &cadence);
    let evictions = metric(&text, "palisade_aggregate_evictions_total", &cadence);
    assert!(
        bytes > 0.0 && bytes <= (1 << 20) as f64,
        "bytes {bytes}\n{text}"
    );
    assert!(keys > 0.0, "keys {keys}\n{text}");
    assert!(evictions > 0.0, "evictions {evictions}\n{text}");
}

#[test]
fn a_plugin_asking_wasi_random_for_megabytes_is_refused_before_the_host_makes_them() {
    // wasmtime-wasi makes up to 64 MiB per call on the host, in a call no
    // deadline interrupts; Palisade allows 64 KiB.
    let report = only(&forged("random:8"));
    assert_eq!(report.status, Status::Error, "{report:?}");
    assert!(
        report.reasons[0].contains("exceeds limit 65536"),
        "{report:?}"
    );
}
