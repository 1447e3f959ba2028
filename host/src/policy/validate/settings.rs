//! Points a plugin's settings error at the TOML key it is about.
//!
//! A plugin sees its settings as JSON (`{"mode":"sideways"}`) and words its
//! errors against that: serde's "… at line 1 column 18" (a position in JSON
//! the operator never wrote), or a leading field name (`threshold: 2 is
//! outside [0, 1]`, the SDK's convention), or a backticked field (serde's
//! "unknown field `tresh`"). This maps any of them back to the key's line
//! in the policy, and drops the JSON position from the message.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step of a path into the settings.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Where a settings error of plugin `plugin` points: the byte offset in the
/// policy `text`, the dotted field (`plugin.NAME.settings.KEY`) and the
/// message without internal JSON positions. `None` if the policy cannot be
/// re-read (it was validated, so that does not happen in practice).
pub fn locate_settings_error(
    text: &str,
    plugin: &str,
    settings_json: &str,
    message: &str,
) -> Option<(usize, String, String)> {
    let (message, json_at) = strip_json_position(message, settings_json);
    let path = match json_at {
        Some(at) => json_path_at(settings_json, at),
        None => named_path(&message),
    };
    let root = DeTable::parse(text).ok()?;
    let entry = root
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref() == "plugin")
        .and_then(|(_, v)| v.get_ref().as_array())?
        .iter()
        .find(|t| {
            t.get_ref()
                .get("name")
                .and_then(|n| n.get_ref().as_str())
                .is_some_and(|n| n == plugin)
        })?;
    let mut field = format!("plugin.{plugin}");
    let Some((key, settings)) = entry
        .get_ref()
        .as_table()?
        .iter()
        .find(|(k, _)| k.get_ref() == "settings")
    else {
        return Some((entry.span().start, field, message));
    };
    field.push_str(".settings");
    let mut at = key.span().start;
    let mut value: &Spanned<DeValue<'_>> = settings;
    for seg in &path {
        let next = match (seg, value.get_ref()) {
            (Seg::Key(name), DeValue::Table(t)) => t
                .iter()
                .find(|(k, _)| k.get_ref() == name.as_str())
                .map(|(k, v)| (k.span().start, v)),
            (Seg::Index(i), DeValue::Array(a)) => a.get(*i).map(|v| (v.span().start, v)),
            _ => None,
        };
        let Some((start, v)) = next else { break };
        match seg {
            Seg::Key(name) => {
                field.push('.');
                field.push_str(name);
            }
            Seg::Index(i) => field.push_str(&format!("[{i}]")),
        }
        at = start;
        value = v;
    }
    Some((at, field, message))
}

/// Removes serde_json's " at line L column C" and turns it into a byte
/// offset in `json`.
fn strip_json_position(message: &str, json: &str) -> (String, Option<usize>) {
    let Some(i) = message.rfind(" at line ") else {
        return (message.to_string(), None);
    };
    let mut words = message[i + " at line ".len()..].split_whitespace();
    let line: Option<usize> = words.next().and_then(|w| w.parse().ok());
    let column: Option<usize> = match (words.next(), words.next()) {
        (Some("column"), Some(c)) => c.parse().ok(),
        _ => None,
    };
    let (Some(line), Some(column), None) = (line, column, words.next()) else {
        return (message.to_string(), None);
    };
    let start: usize = json
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (message[..i].to_string(), Some(start + column))
}

/// The path named by the message itself: a leading `field:` (the SDK's
/// convention, dotted for nested fields) or serde's "unknown field `x`".
fn named_path(message: &str) -> Vec<Seg> {
    if let Some((head, _)) = message.split_once(": ") {
        let ident = !head.is_empty()
            && head
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if ident {
            return head.split('.').map(|s| Seg::Key(s.to_string())).collect();
        }
    }
    if let Some(rest) = message.split_once("unknown field `").map(|(_, r)| r)
        && let Some((name, _)) = rest.split_once('`')
    {
        return vec![Seg::Key(name.to_string())];
    }
    Vec::new()
}

/// The path of the innermost value being read at byte `at` of `json`.
fn json_path_at(json: &str, at: usize) -> Vec<Seg> {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let bytes = json.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut key_next = false;
    let mut i = 0;
    while i < bytes.len().min(at) {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                key_next = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => {
                    *key = None;
                    key_next = true;
                }
                Some(Frame::Array(n)) => *n += 1,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if key_next {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        *key = json.get(start..i.min(bytes.len())).map(str::to_string);
                    }
                    key_next = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = Vec::new();
    for frame in stack {
        match frame {
            Frame::Object(Some(k)) => path.push(Seg::Key(k)),
            Frame::Object(None) => break,
            Frame::Array(n) => path.push(Seg::Index(n)),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = r#"[policy]
name = "p"

[[plugin]]
name = "a"
settings = { mode = "ok" }

[[plugin]]
name = "b"
[plugin.settings]
mode = "ok"
limits = { low = 1, high = [1, 2] }
"#;

    fn line(at: usize) -> usize {
        POLICY[..at].matches('\n').count() + 1
    }

    #[test]
    fn serde_positions_map_to_the_key_and_leave_the_message() {
        let json = r#"{"limits":{"high":[1,2],"low":1},"mode":"sideways"}"#;
        let msg = "unknown variant `sideways`, expected `ok` at line 1 column 50";
        let (at, field, message) = locate_settings_error(POLICY, "b", json, msg).unwrap();
        assert_eq!(line(at), 11);
        assert_eq!(field, "plugin.b.settings.mode");
        assert_eq!(message, "unknown variant `sideways`, expected `ok`");
        let msg = "invalid type: string, expected u64 at line 1 column 20";
        let (at, field, _) = locate_settings_error(POLICY, "b", json, msg).unwrap();
        assert_eq!(
            (line(at), field.as_str()),
            (12, "plugin.b.settings.limits.high[0]")
        );
    }

    #[test]
    fn named_fields_map_to_their_key() {
        let (at, field, _) =
            locate_settings_error(POLICY, "b", "{}", "limits.low: 1 is outside [2, 3]").unwrap();
        assert_eq!(
            (line(at), field.as_str()),
            (12, "plugin.b.settings.limits.low")
        );
        let (at, field, _) =
            locate_settings_error(POLICY, "a", "{}", "unknown field `mode`, expected x").unwrap();
        assert_eq!((line(at), field.as_str()), (6, "plugin.a.settings.mode"));
        // Nothing named: the settings key itself.
        let (at, field, _) = locate_settings_error(POLICY, "a", "{}", "no good").unwrap();
        assert_eq!((line(at), field.as_str()), (6, "plugin.a.settings"));
    }
}
