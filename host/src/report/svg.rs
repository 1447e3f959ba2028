//! Inline SVG charts for the report: a score histogram with the ladder's
//! steps drawn on it, and the threshold sweep as one line per population.
//! Plain SVG elements only (no script, no external fonts or assets), every
//! text escaped.

use super::esc;
use crate::decision::Action;
use std::fmt::Write as _;

const W: f64 = 640.0;
const H: f64 = 220.0;
/// Plot area margins: left, right, top, bottom.
const ML: f64 = 48.0;
const MR: f64 = 12.0;
const MT: f64 = 14.0;
const MB: f64 = 34.0;

/// A ladder step as drawn: where, what, and which ladder it belongs to.
#[derive(Debug, Clone)]
pub struct StepMark {
    pub score: f64,
    pub action: Action,
    /// `default` or the segment's name.
    pub ladder: String,
}

/// The colour the report gives an action.
pub fn colour(action: Action) -> &'static str {
    match action {
        Action::Allow => "#15803d",
        Action::Log => "#2563eb",
        Action::Throttle => "#d97706",
        Action::Challenge => "#dc2626",
        Action::Block => "#7f1d1d",
    }
}

/// Line colours for populations, cycled.
const PALETTE: [&str; 8] = [
    "#2563eb", "#dc2626", "#15803d", "#9333ea", "#d97706", "#0891b2", "#be185d", "#4b5563",
];

fn x_of(score: f64) -> f64 {
    ML + score.clamp(0.0, 1.0) * (W - ML - MR)
}

/// Width of the legend column right of the sweep's plot.
const LEGEND: f64 = 210.0;

fn open(title: &str, width: f64) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {H}" width="{width}" height="{H}" role="img"><title>{}</title><rect x="{ML}" y="{MT}" width="{}" height="{}" fill="#f9fafb" stroke="#d1d5db"/>"##,
        esc(title),
        W - ML - MR,
        H - MT - MB
    )
}

fn x_axis(svg: &mut String, label: &str) {
    for i in 0..=10 {
        let v = f64::from(i) / 10.0;
        let x = x_of(v);
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" stroke="#9ca3af"/><text x="{x:.1}" y="{}" font-size="10" text-anchor="middle">{v:.1}</text>"##,
            H - MB,
            H - MB + 4.0,
            H - MB + 15.0
        );
    }
    let _ = write!(
        svg,
        r#"<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>"#,
        (W + ML - MR) / 2.0,
        H - 4.0,
        esc(label)
    );
}

/// Vertical lines at the steps, labelled `ladder: action ≥ score`, the
/// labels staggered so steps close together stay readable.
fn steps(svg: &mut String, marks: &[StepMark]) {
    for (i, m) in marks.iter().enumerate() {
        let x = x_of(m.score);
        let y = MT + 12.0 + 12.0 * (i % 6) as f64;
        let c = colour(m.action);
        // Labels right of their line, or left of it near the right edge.
        let (tx, anchor) = if m.score > 0.75 {
            (x - 3.0, "end")
        } else {
            (x + 3.0, "start")
        };
        let _ = write!(
            svg,
            r#"<g class="step" data-ladder="{}" data-action="{}" data-score="{}"><line x1="{x:.1}" y1="{MT}" x2="{x:.1}" y2="{}" stroke="{c}" stroke-width="2" stroke-dasharray="5 3"/><text x="{tx:.1}" y="{y:.1}" font-size="10" fill="{c}" text-anchor="{anchor}">{}: {} ≥ {}</text></g>"#,
            esc(&m.ladder),
            m.action,
            m.score,
            H - MB,
            esc(&m.ladder),
            m.action,
            m.score
        );
    }
}

/// A histogram of `bins` (equal bins over [0, 1]) on a square-root scale
/// (benign traffic piles up near 0 and would flatten the rest), with the
/// ladder steps drawn on it.
pub fn histogram(title: &str, bins: &[u64], marks: &[StepMark]) -> String {
    let mut svg = open(title, W);
    let top = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot_h = H - MT - MB;
    let bw = (W - ML - MR) / bins.len().max(1) as f64;
    for (i, n) in bins.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let h = plot_h * (*n as f64).sqrt() / top.sqrt();
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#6366f1"><title>{:.2}–{:.2}: {n}</title></rect>"##,
            ML + bw * i as f64,
            H - MB - h,
            (bw - 1.0).max(0.5),
            i as f64 / bins.len() as f64,
            (i + 1) as f64 / bins.len() as f64
        );
    }
    for (frac, label) in [(1.0f64, top as u64), (0.25, (top / 4.0).round() as u64)] {
        let y = H - MB - plot_h * frac.sqrt();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{:.1}" font-size="10" text-anchor="end">{label}</text>"#,
            ML - 4.0,
            y + 3.0
        );
    }
    x_axis(&mut svg, "combined score (bar height: √requests)");
    steps(&mut svg, marks);
    svg.push_str("</svg>");
    svg
}

/// The sweep: for each population, the share of its requests at or above
/// each threshold (points as `(threshold, share 0..=1)`), with the
/// enforcing steps drawn as vertical lines.
pub fn sweep(title: &str, series: &[(String, Vec<(f64, f64)>)], marks: &[StepMark]) -> String {
    let mut svg = open(title, W + LEGEND);
    let plot_h = H - MT - MB;
    let y_of = |share: f64| H - MB - plot_h * share.clamp(0.0, 1.0);
    for pct in [0, 25, 50, 75, 100] {
        let y = y_of(f64::from(pct) / 100.0);
        let _ = write!(
            svg,
            r##"<line x1="{ML}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#e5e7eb"/><text x="{}" y="{:.1}" font-size="10" text-anchor="end">{pct}%</text>"##,
            W - MR,
            ML - 4.0,
            y + 3.0
        );
    }
    x_axis(
        &mut svg,
        "threshold (share of requests scoring at or above it)",
    );
    steps(&mut svg, marks);
    for (i, (name, points)) in series.iter().enumerate() {
        let c = PALETTE[i % PALETTE.len()];
        let path: Vec<String> = points
            .iter()
            .map(|(t, s)| format!("{:.1},{:.1}", x_of(*t), y_of(*s)))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="series" data-population="{}" points="{}" fill="none" stroke="{c}" stroke-width="2"/>"#,
            esc(name),
            path.join(" ")
        );
        let (lx, ly) = (W + 4.0, MT + 8.0 + 13.0 * i as f64);
        let _ = write!(
            svg,
            r#"<rect x="{lx}" y="{:.1}" width="10" height="3" fill="{c}"/><text x="{}" y="{ly:.1}" font-size="10">{}</text>"#,
            ly - 4.0,
            lx + 14.0,
            esc(name)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_names_and_draw_every_step() {
        let marks = vec![StepMark {
            score: 0.85,
            action: Action::Throttle,
            ladder: "<seg>".into(),
        }];
        let h = histogram("t", &[5, 0, 1], &marks);
        assert!(h.contains("&lt;seg&gt;: throttle ≥ 0.85"), "{h}");
        assert!(!h.contains("<seg>"));
        let s = sweep("t", &[("a&b".into(), vec![(0.0, 1.0), (1.0, 0.0)])], &marks);
        assert!(s.contains(r#"data-population="a&amp;b""#), "{s}");
    }
}
