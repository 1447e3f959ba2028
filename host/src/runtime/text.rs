//! Text that comes from a plugin is untrusted: its name, version and
//! description, its reasons and tags, its settings and configure errors, and
//! anything a trap or a WASI error carries. It is capped and escaped once,
//! where it enters the host, so every place that prints or logs it (`check`,
//! the `eval` summary, decision JSON, tracing) is safe: a plugin cannot
//! forge lines in an operator's terminal (newlines, carriage returns, ANSI
//! escapes, bidi overrides) or fill a log with megabytes.

use std::fmt::Write;

/// Longest plugin name or version kept, in bytes.
pub const MAX_NAME: usize = 64;
/// Longest plugin description kept, in bytes.
pub const MAX_DESCRIPTION: usize = 256;
/// Longest error message from a plugin (settings, configure, traps), bytes.
pub const MAX_MESSAGE: usize = 512;

/// `text` escaped and cut to at most `max` bytes (plus a trailing `…` when
/// cut). Control characters become `\n`, `\r`, `\t` or `\u{..}`, as do the
/// invisible formatting characters that reorder or hide text. Text that
/// needs neither (the common case: short printable ASCII) is returned as is.
pub fn untrusted(text: String, max: usize) -> String {
    if text.len() <= max && text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return text;
    }
    escape(&text, max)
}

/// As [`untrusted`], for borrowed text.
pub fn escape(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max) + 4);
    let mut piece = String::new();
    for c in text.chars() {
        piece.clear();
        match c {
            '\n' => piece.push_str("\\n"),
            '\r' => piece.push_str("\\r"),
            '\t' => piece.push_str("\\t"),
            c if hides_or_controls(c) => {
                let _ = write!(piece, "\\u{{{:x}}}", c as u32);
            }
            c => piece.push(c),
        }
        if out.len() + piece.len() > max {
            out.push('…');
            return out;
        }
        out.push_str(&piece);
    }
    out
}

/// Characters that control a terminal or change how the text around them
/// is shown: C0 and C1 controls, DEL, zero-width and bidi formatting
/// characters, line and paragraph separators, the byte order mark.
fn hides_or_controls(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// An error and its causes on one line (whitespace runs collapsed),
/// escaped and capped: for messages naming a host-side failure that may
/// quote plugin-controlled text (export names, trap messages).
pub fn one_line(text: &str, max: usize) -> String {
    let mut line = String::with_capacity(text.len().min(max));
    for word in text.split_whitespace() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        if line.len() > max {
            break;
        }
    }
    untrusted(line, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_through_unchanged() {
        assert_eq!(
            untrusted("score 0.7: chain-of-thought".into(), 64),
            "score 0.7: chain-of-thought"
        );
        assert_eq!(untrusted("détecteur ✓".into(), 64), "détecteur ✓");
    }

    #[test]
    fn controls_escapes_and_bidi_are_made_visible() {
        let hostile = "ok\n\r\x1b[31mFORGED\x1b[0m\u{9b}1m\u{202e}abc\u{7f}";
        let out = untrusted(hostile.into(), 200);
        assert_eq!(
            out,
            "ok\\n\\r\\u{1b}[31mFORGED\\u{1b}[0m\\u{9b}1m\\u{202e}abc\\u{7f}"
        );
        assert!(!out.chars().any(hides_or_controls));
    }

    #[test]
    fn long_text_is_cut_at_the_cap_on_a_char_boundary() {
        let big = "é\n".repeat(4 << 20);
        let out = untrusted(big, MAX_MESSAGE);
        assert!(out.len() <= MAX_MESSAGE + '…'.len_utf8(), "{}", out.len());
        assert!(out.ends_with('…'));
        let plain = "a".repeat(1000);
        assert_eq!(untrusted(plain, 10), format!("{}…", "a".repeat(10)));
    }

    #[test]
    fn one_line_collapses_whitespace_then_escapes() {
        assert_eq!(
            one_line("error:\n  caused by\tthis \x1b[2J", 100),
            "error: caused by this \\u{1b}[2J"
        );
        assert!(one_line(&"word ".repeat(100_000), 50).len() <= 50 + 3);
    }
}
