//! Hot reload and the last-known-good with `[lists.*]`: a list file is an
//! input like the policy itself (watched, gated while being written,
//! validated, swapped atomically) and a snapshot carries its own copy.

use crate::common::{PolicyDir, plugin, request};
use palisade::decision::Action;
use palisade::reload::{
    LastKnownGood, ReloadOptions, Reloaded, Reloader, Trigger, WatchOptions, watch,
};
use palisade::runtime::Runtime;
use sha2::Digest;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// A runtime of their own (a reloader drops components it does not use).
fn runtime() -> Arc<Runtime> {
    static RUNTIME: OnceLock<Arc<Runtime>> = OnceLock::new();
    RUNTIME.get_or_init(Runtime::new).clone()
}

const WAIT: Duration = Duration::from_secs(10);

/// A policy that throttles every request (score 0.7), unless `list` is
/// given: then a rule caps requests whose `account.id` is in that list
/// file at `log`. The probe request's account is `acct-1`.
fn policy(version: &str, list: Option<&str>) -> String {
    let lists = list.map_or_else(String::new, |file| {
        format!(
            "\n[lists.accounts]\nkind = \"string\"\nfile = \"{file}\"\n\n[[rule]]\nname = \"known-account\"\ncap = \"log\"\nwhen = {{ field = \"account.id\", in_list = \"accounts\" }}\n"
        )
    });
    format!(
        r#"[policy]
name = "lists-test"
version = "{version}"
{lists}
[[plugin]]
name = "subject"
wasm = "{}"
settings = {{ mode = "ok", score = 0.7 }}

[scoring]
ladder = [
    {{ score = 0.3, action = "log" }},
    {{ score = 0.6, action = "throttle" }},
]
"#,
        plugin("misbehave").display()
    )
}

fn state(f: &PolicyDir) -> PathBuf {
    f.dir.path().join("state")
}

fn start(f: &PolicyDir) -> Result<Arc<Reloader>, String> {
    let options = ReloadOptions {
        policy: f.path.clone(),
        candidate: None,
        last_known_good: Some(LastKnownGood::new(state(f))),
        candidate_runtime: None,
    };
    Reloader::start(options, runtime())
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

fn quick_watch() -> WatchOptions {
    WatchOptions {
        debounce: Duration::from_millis(50),
        max_delay: Duration::from_millis(500),
        recheck: None,
    }
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < WAIT,
            "timed out after {WAIT:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn action(r: &Reloader) -> Action {
    r.current().decide(&request("probe", "hello")).action
}

/// Replaces `path` as editors do: a temporary file renamed over it.
fn rename_over(path: &Path, body: &str) {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, body).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

fn sha256(body: &str) -> String {
    hex::encode(sha2::Sha256::digest(body.as_bytes()))
}

#[test]
fn a_list_edited_in_place_or_renamed_over_is_picked_up_and_changes_the_decision() {
    let f = PolicyDir::new(&policy("1", Some("accounts.txt")));
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "# known accounts\nacct-9\n").unwrap();
    let r = start(&f).unwrap();
    let first = r.current().id;
    assert_eq!(action(&r), Action::Throttle);
    let _w = watch(r.clone(), quick_watch()).unwrap();

    std::fs::write(&list, "acct-9\nacct-1\n").unwrap();
    wait_for("the in-place edit", || action(&r) == Action::Log);
    assert_ne!(r.current().id, first);
    // The snapshot follows the list even though the policy text did not change.
    let manifest = LastKnownGood::new(state(&f)).manifest().unwrap().unwrap();
    assert_eq!(manifest.lists.len(), 1);
    assert_eq!(manifest.lists[0].sha256, sha256("acct-9\nacct-1\n"));

    rename_over(&list, "acct-9\n");
    wait_for("the rename-over", || action(&r) == Action::Throttle);
    assert_eq!(r.status().reloads.failed, 0);
}

#[test]
fn an_unchanged_list_is_skipped_and_a_changed_one_is_not() {
    let f = PolicyDir::new(&policy("1", Some("accounts.txt")));
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "acct-9\n").unwrap();
    let r = start(&f).unwrap();
    assert!(matches!(
        r.reload_if_changed(Trigger::Watch),
        Ok(Reloaded::Unchanged { .. })
    ));
    std::fs::write(&list, "acct-1\n").unwrap();
    assert!(matches!(
        r.reload_if_changed(Trigger::Watch),
        Ok(Reloaded::Activated { .. })
    ));
    assert_eq!(action(&r), Action::Log);
}

#[test]
fn a_broken_list_line_is_refused_and_the_old_generation_keeps_serving() {
    let f = PolicyDir::new(&policy("1", Some("accounts.txt")));
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "acct-1\n").unwrap();
    let r = start(&f).unwrap();
    let first = r.current().id;
    let _w = watch(r.clone(), quick_watch()).unwrap();

    rename_over(&list, "acct-2\nacct 1\n");
    wait_for("the refusal", || r.status().reloads.failed >= 1);
    let attempt = r.status().last_attempt.unwrap();
    let error = attempt.error.unwrap();
    assert!(error.contains("accounts.txt:2:"), "{error}");
    assert_eq!(attempt.problems[0].field, "lists.accounts.file");
    assert_eq!(r.current().id, first);
    assert_eq!(action(&r), Action::Log);
    // The snapshot keeps the last good list.
    let manifest = LastKnownGood::new(state(&f)).manifest().unwrap().unwrap();
    assert_eq!(manifest.lists[0].sha256, sha256("acct-1\n"));

    rename_over(&list, "acct-2\n");
    wait_for("the fixed list", || action(&r) == Action::Throttle);
}

#[test]
fn a_list_being_written_in_place_is_loaded_only_once_its_writer_closes_it() {
    use std::io::Write;
    let f = PolicyDir::new(&policy("1", Some("accounts.txt")));
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "acct-1\n").unwrap();
    let r = start(&f).unwrap();
    let first = r.current().id;
    let _w = watch(r.clone(), quick_watch()).unwrap();

    // "acct-" is itself a valid list without acct-1: it must not be loaded.
    let mut file = std::fs::File::create(&list).unwrap();
    file.write_all(b"acct-").unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(r.current().id, first);
    assert_eq!(r.status().reloads.failed, 0);
    file.write_all(b"2\nacct-1\n").unwrap();
    drop(file);
    wait_for("the closed list", || {
        r.current().lists["accounts"].list.len() == 2
    });
    assert_eq!(action(&r), Action::Log);
}

#[test]
fn a_list_added_by_a_policy_change_is_watched_and_a_removed_one_is_forgotten() {
    let f = PolicyDir::new(&policy("1", None));
    let r = start(&f).unwrap();
    let _w = watch(r.clone(), quick_watch()).unwrap();
    assert_eq!(action(&r), Action::Throttle);

    // In a directory nothing else lives in: it must be watched for the list.
    let lists = f.dir.path().join("lists");
    std::fs::create_dir(&lists).unwrap();
    let list = lists.join("accounts.txt");
    std::fs::write(&list, "acct-9\n").unwrap();
    f.replace(&policy("2", Some("lists/accounts.txt")));
    wait_for("v2", || r.current().label.to_string() == "lists-test@2");
    assert_eq!(action(&r), Action::Throttle);
    // The watcher adds the directory just after the swap: renamed over
    // again (with a new comment) until an event lands on the new watch.
    let mut edits = 0u32;
    let mut last_edit: Option<Instant> = None;
    wait_for("the list in its own directory", || {
        if last_edit.is_none_or(|t| t.elapsed() > Duration::from_millis(250)) {
            edits += 1;
            rename_over(&list, &format!("# edit {edits}\nacct-1\n"));
            last_edit = Some(Instant::now());
        }
        action(&r) == Action::Log
    });

    f.replace(&policy("3", None));
    wait_for("v3", || r.current().label.to_string() == "lists-test@3");
    assert_eq!(action(&r), Action::Throttle);
    // No longer an input: breaking it changes nothing.
    std::fs::write(&list, "acct 1\n").unwrap();
    assert!(matches!(
        r.reload_if_changed(Trigger::Watch),
        Ok(Reloaded::Unchanged { .. })
    ));
    assert_eq!(r.status().reloads.failed, 0);
}

#[test]
fn start_up_with_a_broken_policy_serves_the_last_known_good_with_its_own_copy_of_the_list() {
    let body = policy("1", Some("accounts.txt"));
    let f = PolicyDir::new(&body);
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "acct-1\n").unwrap();
    {
        let r = start(&f).unwrap();
        assert_eq!(action(&r), Action::Log);
        assert!(r.status().last_known_good.unwrap().contains("saved"));
    }
    let store = LastKnownGood::new(state(&f));
    let stored = std::fs::read_to_string(store.policy_path().unwrap()).unwrap();
    assert_eq!(
        stored.lines().count(),
        body.lines().count(),
        "line numbers are kept"
    );
    assert!(
        stored.contains(&format!(
            "file = \"../../lists/{}.list\"",
            sha256("acct-1\n")
        )),
        "{stored}"
    );

    // The list file deleted and the policy broken.
    std::fs::remove_file(&list).unwrap();
    std::fs::write(&f.path, "this is not toml [").unwrap();
    let r = start(&f).unwrap();
    assert!(r.status().active.from_last_known_good);
    assert_eq!(r.status().active.policy, "lists-test@1");
    assert_eq!(action(&r), Action::Log);
    drop(r);

    // The policy intact but its list broken: refused, the snapshot serves.
    std::fs::write(&f.path, &body).unwrap();
    std::fs::write(&list, "acct 1\n").unwrap();
    let r = start(&f).unwrap();
    assert!(r.status().active.from_last_known_good);
    let failure = r.status().last_failure.unwrap().error.unwrap();
    assert!(failure.contains("accounts.txt:1:"), "{failure}");
    assert_eq!(action(&r), Action::Log);

    // Fixed on disk: the next reload serves it.
    std::fs::write(&list, "acct-9\n").unwrap();
    r.reload_blocking(Trigger::Manual).unwrap();
    assert!(!r.status().active.from_last_known_good);
    assert_eq!(action(&r), Action::Throttle);
}

#[test]
fn a_tampered_list_in_the_last_known_good_is_refused() {
    let f = PolicyDir::new(&policy("1", Some("accounts.txt")));
    let list = f.dir.path().join("accounts.txt");
    std::fs::write(&list, "acct-1\n").unwrap();
    drop(start(&f).unwrap());
    let stored = state(&f)
        .join("lists")
        .join(format!("{}.list", sha256("acct-1\n")));
    // Still a valid list, but not the one that was saved.
    std::fs::write(&stored, "acct-2\n").unwrap();
    std::fs::write(&f.path, "broken").unwrap();
    let error = start(&f).err().unwrap();
    assert!(
        error.contains("last-known-good policy was refused too"),
        "{error}"
    );
    assert!(error.contains("does not hash to its name"), "{error}");
}
