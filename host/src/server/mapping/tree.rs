//! The forwarded body, read into the [`Node`]s the `[authz.body]` paths can
//! reach and nothing else: every other value is skipped by the parser
//! without being built, so a 2 MiB body of tiny values costs the check a
//! few kilobytes, not the ~170 MiB a full `serde_json::Value` tree of it
//! did. What is kept is capped too (`[authz] max_body_values`): a body
//! whose mapped paths hold more values than that is refused, never
//! silently cut (a prompt hidden behind 100,000 empty messages must not be
//! decided as "no prompt").
//!
//! The paths are merged into one [`Trie`] at start-up; the reader walks it
//! alongside the document, keeping at each level the set of trie nodes the
//! position can be reached by.

use crate::server::json_path::{JsonPath, Node, Step};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// The body paths, merged: which fields, indexes and elements of each
/// level lead to a value some path selects.
#[derive(Debug, Clone, Default)]
pub(super) struct Trie {
    /// A path ends here: the value is kept (a container's contents only as
    /// far as other paths go on).
    leaf: bool,
    /// An object's field.
    fields: Vec<(String, Trie)>,
    /// Every element of an array, every value of an object (`*`).
    all: Option<Box<Trie>>,
    /// Every element of an array (a `name[key=value]` filter).
    elements: Option<Box<Trie>>,
    /// Element `i` of an array.
    index: Vec<(usize, Trie)>,
}

impl Trie {
    /// Adds one path.
    pub(super) fn add(&mut self, path: &JsonPath) {
        let mut node: &mut Trie = self;
        for step in &path.steps {
            node = match step {
                Step::Field(name) => node.field_mut(name),
                Step::Index(i) => {
                    let at = match node.index.iter().position(|(j, _)| j == i) {
                        Some(at) => at,
                        None => {
                            node.index.push((*i, Trie::default()));
                            node.index.len() - 1
                        }
                    };
                    &mut node.index[at].1
                }
                Step::All => node.all.get_or_insert_with(Box::default),
                Step::Filter(name, key, _) => {
                    let elements = node
                        .field_mut(name)
                        .elements
                        .get_or_insert_with(Box::default);
                    // The filter reads the element's `key`.
                    elements.field_mut(key).leaf = true;
                    elements
                }
            };
        }
        node.leaf = true;
    }

    fn field_mut(&mut self, name: &str) -> &mut Trie {
        let at = match self.fields.iter().position(|(n, _)| n == name) {
            Some(at) => at,
            None => {
                self.fields.push((name.to_string(), Trie::default()));
                self.fields.len() - 1
            }
        };
        &mut self.fields[at].1
    }
}

/// Why a body could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// More than `max_values` values on the mapped paths.
    TooManyValues,
    /// Not JSON.
    Json,
}

/// Values still allowed, and whether the cap was passed.
struct Budget {
    left: Cell<usize>,
    over: Cell<bool>,
}

impl Budget {
    fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.left.get().checked_sub(1) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.over.set(true);
                Err(E::custom("over the body value budget"))
            }
        }
    }
}

/// Reads `body` (JSON) into the values `trie` reaches, at most
/// `max_values` of them. The root is kept whatever its type (the caller
/// wants an object); below it, a value no path reaches is not built.
pub(super) fn read(trie: &Trie, body: &[u8], max_values: usize) -> Result<Node, ReadError> {
    let budget = Budget {
        left: Cell::new(max_values),
        over: Cell::new(false),
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let seed = Seed {
        set: vec![trie],
        budget: &budget,
        root: true,
    };
    let node = match seed.deserialize(&mut de) {
        Ok(node) => node,
        Err(_) if budget.over.get() => return Err(ReadError::TooManyValues),
        Err(_) => return Err(ReadError::Json),
    };
    de.end().map_err(|_| ReadError::Json)?;
    Ok(node.unwrap_or(Node::Other))
}

/// A position in the document: the trie nodes that reach it.
struct Seed<'t, 'b> {
    set: Vec<&'t Trie>,
    budget: &'b Budget,
    root: bool,
}

impl Seed<'_, '_> {
    fn leaf(&self) -> bool {
        self.root || self.set.iter().any(|t| t.leaf)
    }

    fn scalar(&self, node: Node) -> Option<Node> {
        self.leaf().then_some(node)
    }
}

impl<'de, 't> DeserializeSeed<'de> for Seed<'t, '_> {
    /// `None`: nothing on any path here.
    type Value = Option<Node>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 't> Visitor<'de> for Seed<'t, '_> {
    type Value = Option<Node>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.scalar(u64::try_from(v).map_or(Node::Other, Node::U64)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::U64(v)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::Other))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::Other))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::Str(v.into())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.scalar(Node::Str(v.into_boxed_str())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Positions matter only up to the last index a path names: before
        // it, an element nothing reaches is kept as a placeholder.
        let last_index = self
            .set
            .iter()
            .flat_map(|t| t.index.iter().map(|(i, _)| *i))
            .max();
        let every: Vec<&'t Trie> = self
            .set
            .iter()
            .flat_map(|t| t.all.as_deref().into_iter().chain(t.elements.as_deref()))
            .collect();
        let mut items = Vec::new();
        let mut i = 0usize;
        loop {
            let indexed = last_index.is_some_and(|last| i <= last);
            let child = if indexed {
                let mut child = every.clone();
                for t in &self.set {
                    child.extend(t.index.iter().filter(|(j, _)| *j == i).map(|(_, c)| c));
                }
                child
            } else {
                every.clone()
            };
            if child.is_empty() {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
                if indexed {
                    self.budget.spend()?;
                    items.push(Node::Other);
                }
            } else {
                let seed = Seed {
                    set: child,
                    budget: self.budget,
                    root: false,
                };
                match seq.next_element_seed(seed)? {
                    None => break,
                    Some(Some(node)) => {
                        self.budget.spend()?;
                        items.push(node);
                    }
                    Some(None) if indexed => {
                        self.budget.spend()?;
                        items.push(Node::Other);
                    }
                    Some(None) => {}
                }
            }
            i += 1;
        }
        Ok((self.leaf() || !items.is_empty()).then_some(Node::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(Box<str>, Node)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed { set: &self.set })? {
            match key {
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
                Some((name, child)) => {
                    let seed = Seed {
                        set: child,
                        budget: self.budget,
                        root: false,
                    };
                    let value = map.next_value_seed(seed)?;
                    self.budget.spend()?;
                    // A placeholder still overrides an earlier duplicate.
                    entries.push((name, value.unwrap_or(Node::Other)));
                }
            }
        }
        if entries.len() > 1 {
            // Key order, one entry per key: the last in the document.
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            let mut unique: Vec<(Box<str>, Node)> = Vec::with_capacity(entries.len());
            for entry in entries {
                match unique.last_mut() {
                    Some(last) if last.0 == entry.0 => *last = entry,
                    _ => unique.push(entry),
                }
            }
            entries = unique;
        }
        Ok((self.leaf() || !entries.is_empty()).then_some(Node::Object(entries)))
    }
}

/// An object's key: the trie nodes its value is reached by, and the key
/// itself only when there are some (skipped keys are not copied).
struct KeySeed<'a, 't> {
    set: &'a [&'t Trie],
}

impl<'de, 't> DeserializeSeed<'de> for KeySeed<'_, 't> {
    type Value = Option<(Box<str>, Vec<&'t Trie>)>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, 't> Visitor<'de> for KeySeed<'_, 't> {
    type Value = Option<(Box<str>, Vec<&'t Trie>)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let child: Vec<&'t Trie> = self
            .set
            .iter()
            .flat_map(|t| {
                t.fields
                    .iter()
                    .filter(|(name, _)| name == key)
                    .map(|(_, c)| c)
                    .chain(t.all.as_deref())
            })
            .collect();
        Ok((!child.is_empty()).then(|| (key.into(), child)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trie(paths: &[&str]) -> Trie {
        let mut t = Trie::default();
        for p in paths {
            t.add(&JsonPath::parse(p).unwrap());
        }
        t
    }

    fn select<'n>(node: &'n Node, path: &str) -> Vec<&'n Node> {
        JsonPath::parse(path).unwrap().select(node)
    }

    #[test]
    fn only_values_on_a_path_are_kept() {
        let t = trie(&["messages[role=user].content", "model"]);
        let body = br#"{"model":"m","temperature":0.5,"tools":[{"a":1}],
            "messages":[{"role":"system","content":"s","x":[1,2,3]},{"role":"user","content":"u"}]}"#;
        let root = read(&t, body, 100).unwrap();
        let Node::Object(entries) = &root else {
            panic!("{root:?}")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_ref()).collect();
        assert_eq!(keys, ["messages", "model"]);
        let users: Vec<_> = select(&root, "messages[role=user].content")
            .into_iter()
            .filter_map(Node::as_str)
            .collect();
        assert_eq!(users, ["u"]);
        assert_eq!(
            select(&root, "messages.0.x"),
            Vec::<&Node>::new(),
            "x was never built"
        );
    }

    #[test]
    fn the_last_duplicate_key_wins_as_in_the_upstream_parsers() {
        let t = trie(&["prompt", "messages.*.content"]);
        let root = read(
            &t,
            br#"{"prompt":"first","messages":[{"content":"a"}],"prompt":"last","messages":[]}"#,
            100,
        )
        .unwrap();
        assert_eq!(select(&root, "prompt")[0].as_str(), Some("last"));
        assert!(select(&root, "messages.*.content").is_empty());
    }

    #[test]
    fn indexes_keep_their_positions_and_stars_walk_objects_in_key_order() {
        let t = trie(&["a.2", "o.*"]);
        let root = read(
            &t,
            br#"{"a":[{"x":1},[],"third",4],"o":{"z":"1","b":"2"}}"#,
            100,
        )
        .unwrap();
        assert_eq!(select(&root, "a.2")[0].as_str(), Some("third"));
        let values: Vec<_> = select(&root, "o.*")
            .into_iter()
            .filter_map(Node::as_str)
            .collect();
        assert_eq!(values, ["2", "1"]);
    }

    #[test]
    fn values_past_the_budget_are_refused_and_skipped_ones_cost_nothing() {
        let t = trie(&["messages[role=user].content"]);
        let mut body = b"{\"other\":[".to_vec();
        body.extend(std::iter::repeat_n(&b"{\"a\":0},"[..], 100_000).flatten());
        body.extend_from_slice(b"0],\"messages\":[");
        body.extend(std::iter::repeat_n(&b"{\"role\":\"user\"},"[..], 100).flatten());
        body.extend_from_slice(b"{}]}");
        assert!(read(&t, &body, 1_000).is_ok(), "skipped values are free");
        assert!(matches!(
            read(&t, &body, 150),
            Err(ReadError::TooManyValues)
        ));
        assert!(matches!(read(&t, b"{\"a\":", 10), Err(ReadError::Json)));
    }

    #[test]
    fn depth_beyond_the_paths_is_skipped_not_refused() {
        // serde_json refuses 128 levels when it builds them; skipped values
        // have no depth limit (Python's parser takes ~1,000 levels).
        let t = trie(&["prompt"]);
        let deep = format!(
            "{{\"x\":{}1{},\"prompt\":\"p\"}}",
            "[".repeat(500),
            "]".repeat(500)
        );
        let root = read(&t, deep.as_bytes(), 10).unwrap();
        assert_eq!(select(&root, "prompt")[0].as_str(), Some("p"));
    }
}
