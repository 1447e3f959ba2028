//! The report page: inline CSS, the charts from `svg.rs`, and tables whose
//! cells carry `data-k` keys (so a test, or a script, can read a figure
//! without parsing prose). Every string from the policy, the plugins or the
//! traffic is escaped.

use super::collect::{Figures, STATUSES};
use super::svg::{self, StepMark};
use super::{DiffFigures, PolicyInfo, action_names, esc};
use crate::decision::Action;
use std::fmt::Write as _;

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#111827}\
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #e5e7eb}h3{font-size:15px}\
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #e5e7eb;padding:3px 8px;text-align:right}\
th:first-child,td:first-child{text-align:left}th{background:#f3f4f6}.note{color:#6b7280;font-size:12px}\
.same{color:#9ca3af}.moved{background:#fef3c7;font-weight:600}svg{display:block;margin:6px 0;max-width:100%;height:auto}\
.hists{display:flex;flex-wrap:wrap;gap:0 16px}.hist{flex:0 1 540px}";

/// Marks the page once a browser has laid it out: how many charts it drew
/// with a non-zero size (what the end-to-end test reads back).
const SCRIPT: &str = "<script>(function(){var s=document.querySelectorAll('svg'),n=0;\
for(var i=0;i<s.length;i++){var r=s[i].getBoundingClientRect();if(r.width>0&&r.height>0)n++;}\
document.body.setAttribute('data-charts',String(s.length));\
document.body.setAttribute('data-rendered-charts',String(n));})();</script>";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>\n<body>\n{body}{SCRIPT}\n</body></html>\n",
        esc(title)
    )
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.2}%", 100.0 * part as f64 / whole as f64)
    }
}

fn head(out: &mut String, cells: impl IntoIterator<Item = impl AsRef<str>>) {
    out.push_str("<tr>");
    for c in cells {
        let _ = write!(out, "<th>{}</th>", esc(c.as_ref()));
    }
    out.push_str("</tr>");
}

/// The ladders as a table: one row per ladder, its steps in order.
fn ladders(out: &mut String, policy: &PolicyInfo) {
    out.push_str("<table class=\"ladders\">");
    head(out, ["ladder", "steps"]);
    let mut names: Vec<&str> = policy.steps.iter().map(|s| s.ladder.as_str()).collect();
    names.dedup();
    for name in names {
        let steps: Vec<String> = policy
            .steps
            .iter()
            .filter(|s| s.ladder == name)
            .map(|s| format!("{} ≥ {}", s.action, s.score))
            .collect();
        let _ = write!(
            out,
            "<tr data-ladder=\"{0}\"><td>{0}</td><td>{1}</td></tr>",
            esc(name),
            esc(&steps.join(" · "))
        );
    }
    out.push_str("</table>");
}

/// One policy's figures: populations, histograms, the sweep, detectors.
/// `side` prefixes element ids (`live`, `candidate`, or `eval`).
fn figures(out: &mut String, side: &str, policy: &PolicyInfo, f: &Figures) {
    let total: u64 = f.populations.iter().map(|(_, p)| p.requests).sum();
    let _ = write!(
        out,
        "<section id=\"{side}-populations\"><h2>Populations: {}</h2>",
        esc(&policy.label)
    );
    ladders(out, policy);
    out.push_str("<table class=\"populations\">");
    head(
        out,
        ["population", "requests"]
            .into_iter()
            .chain(action_names())
            .chain(["enforced", "enforced share"]),
    );
    for (name, p) in &f.populations {
        let _ = write!(
            out,
            "<tr data-population=\"{0}\"><td>{0}</td><td data-k=\"requests\">{1}</td>",
            esc(name),
            p.requests
        );
        for (a, n) in action_names().zip(p.actions) {
            let _ = write!(out, "<td data-k=\"{a}\">{n}</td>");
        }
        let _ = write!(
            out,
            "<td data-k=\"enforced\">{}</td><td data-k=\"enforced-share\">{}</td></tr>",
            p.enforced(),
            pct(p.enforced(), p.requests)
        );
    }
    let _ = write!(
        out,
        "<tr><td>total</td><td data-k=\"total\">{total}</td></tr></table>\
         <p class=\"note\">Actions as enforce mode would take them; enforced = throttle or stronger.</p>"
    );
    out.push_str("<div class=\"hists\">");
    for (name, p) in &f.populations {
        let _ = write!(
            out,
            "<div class=\"hist\"><h3 data-population=\"{0}\">{0}: score distribution</h3>",
            esc(name)
        );
        out.push_str(&svg::histogram(
            &format!("{name}: requests by combined score"),
            &p.histogram(50),
            &policy.steps,
        ));
        out.push_str("</div>");
    }
    out.push_str("</div></section>");
    sweep(out, side, policy, f);
    detectors(out, side, f);
}

/// The threshold sweep: the share of each population at or above each
/// threshold, as a chart and a table; rows at a policy step are marked.
fn sweep(out: &mut String, side: &str, policy: &PolicyInfo, f: &Figures) {
    let thresholds = policy.sweep_thresholds();
    let share = |p: &super::Population, t: f64| {
        if p.requests == 0 {
            0.0
        } else {
            p.at_least(t) as f64 / p.requests as f64
        }
    };
    let series: Vec<(String, Vec<(f64, f64)>)> = f
        .populations
        .iter()
        .map(|(name, p)| {
            let mut points = vec![(0.0, 1.0)];
            points.extend(thresholds.iter().map(|t| (*t, share(p, *t))));
            (name.clone(), points)
        })
        .collect();
    let enforcing: Vec<StepMark> = policy
        .steps
        .iter()
        .filter(|s| s.action.enforces())
        .cloned()
        .collect();
    let _ = write!(
        out,
        "<section id=\"{side}-sweep\"><h2>Threshold sweep: {}</h2>\
         <p class=\"note\">Share of each population scoring at or above a threshold: what an \
         enforcing step moved there would act on by score (rules, caps and floors aside).</p>",
        esc(&policy.label)
    );
    out.push_str(&svg::sweep("threshold sweep", &series, &enforcing));
    out.push_str("<table class=\"sweep\">");
    head(
        out,
        ["threshold"]
            .into_iter()
            .map(str::to_string)
            .chain(f.populations.iter().map(|(n, _)| n.clone())),
    );
    for t in &thresholds {
        let at: Vec<String> = policy
            .steps
            .iter()
            .filter(|s| (s.score - t).abs() < 1e-12)
            .map(|s| format!("{}: {}", s.ladder, s.action))
            .collect();
        let mark = if at.is_empty() {
            String::new()
        } else {
            format!(" ← {}", at.join(", "))
        };
        let _ = write!(out, "<tr data-threshold=\"{t}\"><td>{t}{}</td>", esc(&mark));
        for (name, p) in &f.populations {
            let _ = write!(
                out,
                "<td data-population=\"{}\" data-k=\"at-least\" title=\"{} requests\">{}</td>",
                esc(name),
                p.at_least(*t),
                pct(p.at_least(*t), p.requests)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></section>");
}

/// Per plugin: calls by status and latency quantiles.
fn detectors(out: &mut String, side: &str, f: &Figures) {
    let _ = write!(out, "<section id=\"{side}-detectors\"><h2>Detectors</h2>");
    out.push_str("<table class=\"detectors\">");
    head(
        out,
        ["plugin"]
            .into_iter()
            .chain(STATUSES.iter().map(|s| s.as_str()))
            .chain(["p50 µs", "p99 µs"]),
    );
    for d in &f.detectors {
        let _ = write!(out, "<tr data-plugin=\"{0}\"><td>{0}</td>", esc(&d.name));
        for (s, n) in STATUSES.iter().zip(d.statuses) {
            let _ = write!(out, "<td data-k=\"{}\">{n}</td>", s.as_str());
        }
        for (k, q) in [("p50", 0.5), ("p99", 0.99)] {
            let v = d
                .latency_quantile(q)
                .map_or("-".to_string(), |v| v.to_string());
            let _ = write!(out, "<td data-k=\"{k}\">{v}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str(
        "</table><p class=\"note\">Latency over calls that ran (not skipped), in µs, as the top of \
         a bucket within 1/16 of the value.</p></section>",
    );
}

fn intro(out: &mut String, title: &str, rows: &[(&str, String)]) {
    let _ = write!(out, "<h1>{}</h1><table class=\"meta\">", esc(title));
    for (k, v) in rows {
        let _ = write!(
            out,
            "<tr><th>{}</th><td data-k=\"{}\">{}</td></tr>",
            esc(k),
            esc(k),
            esc(v)
        );
    }
    out.push_str("</table>");
}

/// The page for one evaluation.
pub fn eval_page(policy: &PolicyInfo, input: &str, f: &Figures) -> String {
    let mut body = String::new();
    let total: u64 = f.populations.iter().map(|(_, p)| p.requests).sum();
    intro(
        &mut body,
        &format!("Palisade eval: {}", policy.label),
        &[
            ("policy", policy.label.clone()),
            ("source", policy.source.clone()),
            ("input", input.to_string()),
            ("decisions", total.to_string()),
        ],
    );
    figures(&mut body, "eval", policy, f);
    page(&format!("Palisade eval: {}", policy.label), &body)
}

/// The page for a diff.
pub fn diff_page(
    live: (&PolicyInfo, &Figures),
    candidate: (&PolicyInfo, &Figures),
    input: &str,
    diff: &DiffFigures,
) -> String {
    let mut body = String::new();
    let total: u64 = diff.matrix.iter().flatten().sum();
    let title = format!("Palisade diff: {} → {}", live.0.label, candidate.0.label);
    intro(
        &mut body,
        &title,
        &[
            ("live", live.0.label.clone()),
            ("candidate", candidate.0.label.clone()),
            ("input", input.to_string()),
            ("decisions", total.to_string()),
            ("moved", diff.moved().to_string()),
        ],
    );
    body.push_str(
        "<section id=\"matrix\"><h2>Actions: live (rows) → candidate (columns)</h2><table class=\"matrix\">",
    );
    head(
        &mut body,
        ["live \\ candidate"].into_iter().chain(action_names()),
    );
    for (a, row) in Action::ALL.iter().zip(diff.matrix) {
        let _ = write!(body, "<tr data-from=\"{a}\"><th>{a}</th>");
        for (b, n) in Action::ALL.iter().zip(row) {
            let class = if a == b {
                "same"
            } else if n > 0 {
                "moved"
            } else {
                ""
            };
            let _ = write!(body, "<td class=\"{class}\" data-to=\"{b}\">{n}</td>");
        }
        body.push_str("</tr>");
    }
    body.push_str("</table></section><section id=\"moves\"><h2>Populations that move</h2><table class=\"moves\">");
    head(
        &mut body,
        [
            "population",
            "requests",
            "moved",
            "stronger",
            "weaker",
            "enforced live",
            "enforced candidate",
        ],
    );
    let mut rows: Vec<_> = diff.populations.iter().collect();
    rows.sort_by_key(|(name, m)| (std::cmp::Reverse(m.stronger + m.weaker), name.clone()));
    for (name, m) in rows {
        let _ = write!(
            body,
            "<tr data-population=\"{0}\"><td>{0}</td><td data-k=\"requests\">{1}</td><td data-k=\"moved\">{2}</td>\
             <td data-k=\"stronger\">{3}</td><td data-k=\"weaker\">{4}</td>\
             <td data-k=\"enforced-live\">{5} ({6})</td><td data-k=\"enforced-candidate\">{7} ({8})</td></tr>",
            esc(name),
            m.requests,
            m.stronger + m.weaker,
            m.stronger,
            m.weaker,
            m.enforced_live,
            pct(m.enforced_live, m.requests),
            m.enforced_candidate,
            pct(m.enforced_candidate, m.requests)
        );
    }
    body.push_str("</table></section>");
    figures(&mut body, "live", live.0, live.1);
    figures(&mut body, "candidate", candidate.0, candidate.1);
    page(&title, &body)
}
