//! Body paths for the check endpoint's mapping (`messages[role=user].content.*.text`):
//! a small, allocation-light subset of JSONPath, parsed once at start-up
//! and walked per request.

use serde_json::Value;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
    All,
    /// Elements of array field `.0` whose field `.1` equals string `.2`.
    Filter(String, String, String),
}

/// A compiled body path.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    steps: Vec<Step>,
}

impl JsonPath {
    /// Parses `a.b[k=v].*.0`; the error says what is wrong.
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        if text.is_empty() {
            return Err("empty path".to_string());
        }
        let mut steps = Vec::new();
        for segment in text.split('.') {
            if segment.is_empty() {
                return Err(format!(
                    "{text:?}: empty segment (two dots, or a leading or trailing dot)"
                ));
            }
            if segment == "*" {
                steps.push(Step::All);
            } else if let Some(open) = segment.find('[') {
                let (name, filter) = segment.split_at(open);
                let inner = filter
                    .strip_prefix('[')
                    .and_then(|f| f.strip_suffix(']'))
                    .ok_or_else(|| format!("{text:?}: a filter is written name[key=value]"))?;
                let (key, value) = inner
                    .split_once('=')
                    .ok_or_else(|| format!("{text:?}: a filter is written name[key=value]"))?;
                if name.is_empty() || key.is_empty() {
                    return Err(format!("{text:?}: a filter is written name[key=value]"));
                }
                steps.push(Step::Filter(
                    name.to_string(),
                    key.to_string(),
                    value.to_string(),
                ));
            } else if segment.bytes().all(|b| b.is_ascii_digit()) {
                let index = segment
                    .parse()
                    .map_err(|_| format!("{text:?}: index {segment} is too large"))?;
                steps.push(Step::Index(index));
            } else if segment.contains([']', '=']) {
                return Err(format!("{text:?}: unexpected character in {segment:?}"));
            } else {
                steps.push(Step::Field(segment.to_string()));
            }
        }
        Ok(JsonPath { steps })
    }

    /// Every value the path reaches in `root`, in document order.
    pub fn select<'v>(&self, root: &'v Value) -> Vec<&'v Value> {
        let mut current = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            for value in current {
                match step {
                    Step::Field(name) => next.extend(value.get(name.as_str())),
                    Step::Index(i) => next.extend(value.get(*i)),
                    Step::All => match value {
                        Value::Array(items) => next.extend(items.iter()),
                        Value::Object(map) => next.extend(map.values()),
                        _ => {}
                    },
                    Step::Filter(name, key, want) => {
                        if let Some(Value::Array(items)) = value.get(name.as_str()) {
                            next.extend(items.iter().filter(|item| {
                                item.get(key.as_str()).and_then(Value::as_str)
                                    == Some(want.as_str())
                            }));
                        }
                    }
                }
            }
            if next.is_empty() {
                return next;
            }
            current = next;
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_reject_clearly() {
        assert!(JsonPath::parse("messages[role=user].content.*.text").is_ok());
        assert!(
            JsonPath::parse("a..b")
                .unwrap_err()
                .contains("empty segment")
        );
        assert!(
            JsonPath::parse("a[role]")
                .unwrap_err()
                .contains("name[key=value]")
        );
        assert!(JsonPath::parse("").is_err());
    }
}
