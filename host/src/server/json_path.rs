//! Body paths for the check endpoint's mapping (`messages[role=user].content.*.text`):
//! a small, allocation-light subset of JSONPath, parsed once at start-up
//! and walked per request over a [`Node`] tree that holds only what some
//! path can reach (see [`crate::server::mapping`]'s body reader).

/// A JSON value as the mapping keeps it: only the values on some body
/// path, compactly (an object is a vector of entries, not a map: a
/// `serde_json::Value` object costs a 600-byte B-tree node even with one
/// entry, which made a 2 MiB body of tiny objects cost ~170 MiB).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`, a negative or fractional number, or a value kept only as a
    /// placeholder (nothing on any path lies below it).
    Other,
    Bool(bool),
    /// A non-negative integer that fits in 64 bits.
    U64(u64),
    Str(Box<str>),
    Array(Vec<Node>),
    /// Entries sorted by key, one per key (the last one in the document:
    /// JavaScript's, Python's and Go's parsers keep the last duplicate too).
    Object(Vec<(Box<str>, Node)>),
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Node::U64(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The value of field `name` of an object.
    pub fn field(&self, name: &str) -> Option<&Node> {
        match self {
            Node::Object(entries) => entries
                .binary_search_by(|(k, _)| k.as_ref().cmp(name))
                .ok()
                .map(|i| &entries[i].1),
            _ => None,
        }
    }

    /// Element `i` of an array.
    pub fn index(&self, i: usize) -> Option<&Node> {
        match self {
            Node::Array(items) => items.get(i),
            _ => None,
        }
    }
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Field(String),
    Index(usize),
    All,
    /// Elements of array field `.0` whose field `.1` equals string `.2`.
    Filter(String, String, String),
}

/// A compiled body path.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    pub(crate) steps: Vec<Step>,
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

    /// Every value the path reaches in `root`, in document order (an
    /// object's values in key order).
    pub fn select<'v>(&self, root: &'v Node) -> Vec<&'v Node> {
        let mut current = vec![root];
        for step in &self.steps {
            let mut next = Vec::new();
            for value in current {
                match step {
                    Step::Field(name) => next.extend(value.field(name)),
                    Step::Index(i) => next.extend(value.index(*i)),
                    Step::All => match value {
                        Node::Array(items) => next.extend(items.iter()),
                        Node::Object(entries) => next.extend(entries.iter().map(|(_, v)| v)),
                        _ => {}
                    },
                    Step::Filter(name, key, want) => {
                        if let Some(Node::Array(items)) = value.field(name) {
                            next.extend(items.iter().filter(|item| {
                                item.field(key).and_then(Node::as_str) == Some(want.as_str())
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
