//! `eval --report` and `diff --report`: the HTML file opened in a real
//! headless browser (Debian's chromium), checking what it shows against the
//! figures `--summary-json` and `diff --json` print for the same traffic.
//!
//! Skipped, loudly, only when chromium is absent outside CI; with `CI` set
//! a missing browser fails the test (`tests/run` installs it).

use crate::common::*;
use crate::diff::{stricter, traffic};
use serde_json::Value;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const POLICY: &str = "policies/default.toml";

/// The chromium binary, or `None` after a loud skip message (a failure in CI).
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: chromium is not installed and CI is set; tests/run installs it \
             (Debian: apt-get install chromium)"
        );
        eprintln!(
            "\n*** SKIPPED {test}: no chromium binary on PATH or in /usr/bin. \
             Install it (Debian: apt-get install chromium) to open the HTML report in a real browser. ***\n"
        );
    }
    found
}

/// The page as the browser built it (after its inline script ran).
fn dump_dom(chromium: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    // To a file, not a pipe: a page larger than the pipe's buffer would
    // block chromium while the test waits for it to exit.
    let dumped = profile.path().join("dom.html");
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .env("HOME", profile.path())
        .stdout(std::fs::File::create(&dumped).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!(
                "chromium did not finish rendering {} in 120 s",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "chromium failed: {status:?}");
    let dom = std::fs::read_to_string(&dumped).unwrap();
    assert!(dom.contains("</html>"), "no page dumped: {dom}");
    dom
}

/// `<tr data-KEY="VALUE">` as the browser serialises it: `&` and `"`
/// escaped, and `<` `>` too in newer chromium (either is accepted).
fn row(dom: &str, key: &str, value: &str) -> String {
    let attr = value.replace('&', "&amp;").replace('"', "&quot;");
    let newer = attr.replace('<', "&lt;").replace('>', "&gt;");
    [attr, newer]
        .into_iter()
        .map(|v| format!("<tr data-{key}=\"{v}\">"))
        .find(|r| dom.contains(r))
        .unwrap_or_else(|| panic!("no row for {key} {value:?}"))
}

/// The text of the first `<td data-k="KEY">` after `anchor` in `dom`.
fn cell<'a>(dom: &'a str, anchor: &str, key: &str) -> &'a str {
    let at = dom
        .find(anchor)
        .unwrap_or_else(|| panic!("{anchor} not shown"));
    let rest = &dom[at..];
    let marker = format!("data-k=\"{key}\"");
    let k = rest
        .find(&marker)
        .unwrap_or_else(|| panic!("no {key} after {anchor}"));
    let start = k + rest[k..].find('>').unwrap() + 1;
    let end = start + rest[start..].find('<').unwrap();
    &rest[start..end]
}

/// Every chart the page holds was laid out with a size by the browser.
fn assert_charts_rendered(dom: &str) {
    let count = |attr: &str| -> u64 {
        let at = dom
            .find(attr)
            .unwrap_or_else(|| panic!("the page's script did not run"));
        let rest = &dom[at + attr.len()..];
        rest[..rest.find('"').unwrap()].parse().unwrap()
    };
    let (charts, rendered) = (count("data-charts=\""), count("data-rendered-charts=\""));
    assert!(charts > 0);
    assert_eq!(rendered, charts, "charts drawn with no size");
}

#[test]
fn eval_report_shows_each_population_the_ladder_steps_and_the_summary_figures() {
    let test = "eval_report_shows_each_population_the_ladder_steps_and_the_summary_figures";
    let dir = tempfile::tempdir().unwrap();
    let input = traffic(dir.path());
    // One request from a population whose name is markup: shown as text.
    let odd = "benign:<i>x</i> & \"q\"";
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&input)
        .unwrap();
    writeln!(
        file,
        "{}",
        serde_json::json!({"id": "odd-1", "ts_ms": 1_764_150_000_000u64, "label": odd,
            "account": {"id": "odd"}, "client": {"ip": "203.0.113.9"},
            "request": {"prompt": "What is the capital of France?"}})
    )
    .unwrap();
    drop(file);
    let (page, summary) = (
        dir.path().join("eval.html"),
        dir.path().join("summary.json"),
    );
    succeed(
        palisade()
            .current_dir(root())
            .args([
                "eval",
                "--policy",
                POLICY,
                "--output",
                "/dev/null",
                "--input",
            ])
            .arg(&input)
            .arg("--summary-json")
            .arg(&summary)
            .arg("--report")
            .arg(&page),
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"),
        "the report must be self-contained"
    );
    let Some(chromium) = chromium_or_skip(test) else {
        return;
    };
    let dom = dump_dom(&chromium, &page);
    assert_charts_rendered(&dom);

    // Every population, with the request and enforced counts of the summary.
    let summary: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let labels = summary["labels"].as_object().unwrap();
    assert!(labels.len() >= 3, "{summary}");
    for (label, stats) in labels {
        let row = row(&dom, "population", label);
        assert_eq!(
            cell(&dom, &row, "requests"),
            stats["requests"].to_string(),
            "{label}"
        );
        assert_eq!(
            cell(&dom, &row, "enforced"),
            stats["enforced"].to_string(),
            "{label}"
        );
    }
    assert!(
        dom.contains("benign:&lt;i&gt;x&lt;/i&gt; &amp; \"q\""),
        "markup in a name must be text"
    );
    assert!(!dom.contains("<i>x</i>"));
    let actions: Vec<(String, u64)> = summary["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a[0].as_str().unwrap().to_string(), a[1].as_u64().unwrap()))
        .collect();
    let decided = summary["decided"].as_u64().unwrap();
    assert_eq!(
        cell(&dom, "class=\"meta\"", "decisions"),
        decided.to_string()
    );
    assert_eq!(actions.iter().map(|(_, n)| n).sum::<u64>(), decided);

    // Every ladder step of the policy is drawn on the histograms and marked
    // in the sweep.
    let check = succeed(
        palisade()
            .current_dir(root())
            .args(["check", "--json", "--policy", POLICY]),
    );
    let check: Value = serde_json::from_slice(&check).unwrap();
    let steps = check["scoring"]["ladder"].as_array().unwrap();
    assert!(!steps.is_empty());
    for step in steps {
        let mark = format!(
            "data-ladder=\"default\" data-action=\"{}\" data-score=\"{}\"",
            step["action"].as_str().unwrap(),
            step["score"]
        );
        assert!(dom.contains(&mark), "step {step} not drawn");
        assert!(dom.contains(&format!("<tr data-threshold=\"{}\">", step["score"])));
    }
    // The sweep at the first enforcing step agrees with the histogram data:
    // 100% of every population scores at least 0.05 or less of it.
    assert!(dom.contains("<tr data-threshold=\"0.05\">"));
    assert!(dom.contains("<tr data-threshold=\"1\">"));

    // Detector outcomes: each plugin's statuses add up to every decision.
    for plugin in check["plugins"].as_array().unwrap() {
        let name = plugin["name"].as_str().unwrap();
        let row = row(&dom, "plugin", name);
        let total: u64 = ["ok", "timeout", "trap", "memory", "error", "skipped"]
            .iter()
            .map(|k| cell(&dom, &row, k).parse::<u64>().unwrap())
            .sum();
        assert_eq!(total, decided, "{name}");
        assert!(cell(&dom, &row, "p99").parse::<u64>().is_ok() || cell(&dom, &row, "p99") == "-");
    }
}

#[test]
fn diff_report_shows_the_action_matrix_and_the_populations_that_move() {
    let test = "diff_report_shows_the_action_matrix_and_the_populations_that_move";
    let dir = tempfile::tempdir().unwrap();
    let input = traffic(dir.path());
    let candidate = dir.path().join("candidate.toml");
    std::fs::write(&candidate, stricter()).unwrap();
    let page = dir.path().join("diff.html");
    let out = succeed(
        palisade()
            .current_dir(root())
            .args(["diff", "--policy", POLICY, "--json", "--candidate"])
            .arg(&candidate)
            .arg("--input")
            .arg(&input)
            .arg("--report")
            .arg(&page),
    );
    let json: Value = serde_json::from_slice(&out).unwrap();
    let Some(chromium) = chromium_or_skip(test) else {
        return;
    };
    let dom = dump_dom(&chromium, &page);
    assert_charts_rendered(&dom);

    // The matrix is the one `diff --json` prints, cell by cell.
    let mut moved = 0;
    for row in json["matrix"]["rows"].as_array().unwrap() {
        let from = row["live"].as_str().unwrap();
        for (to, n) in row["candidate"].as_object().unwrap() {
            let tr = format!("<tr data-from=\"{from}\">");
            let at = dom.find(&tr).unwrap() + tr.len();
            let rest = &dom[at..at + dom[at..].find("</tr>").unwrap()];
            let td = rest.find(&format!("data-to=\"{to}\">")).unwrap();
            let value = &rest[td + rest[td..].find('>').unwrap() + 1..];
            assert_eq!(
                &value[..value.find('<').unwrap()],
                n.to_string(),
                "{from} → {to}"
            );
            if from != to {
                moved += n.as_u64().unwrap();
            }
        }
    }
    assert!(moved > 0, "a stricter ladder moves some requests");
    assert_eq!(cell(&dom, "class=\"meta\"", "moved"), moved.to_string());

    // The populations that move add up to the matrix; both policies' steps
    // are drawn (the candidate's challenge at 0.5).
    let moves_at = dom.find("class=\"moves\"").unwrap();
    let moves = &dom[moves_at..moves_at + dom[moves_at..].find("</table>").unwrap()];
    let mut sum = 0;
    for part in moves.split("data-k=\"moved\">").skip(1) {
        sum += part[..part.find('<').unwrap()].parse::<u64>().unwrap();
    }
    assert_eq!(sum, moved);
    assert!(dom.contains("data-ladder=\"default\" data-action=\"challenge\" data-score=\"0.5\""));
    assert!(dom.contains("id=\"live-sweep\"") && dom.contains("id=\"candidate-sweep\""));
}
