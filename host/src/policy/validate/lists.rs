//! Validation of `[lists.NAME]`: names, files that exist beside the
//! policy, within size, every line a valid entry. A bad line is reported
//! as `file:line` at the list's declaration.

use super::valid_name;
use crate::policy::error::Problems;
use crate::policy::lists::{List, ListKind, MAX_LIST_BYTES, parse_list};
use crate::policy::raw::RawPolicy;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Most lists one policy may declare.
const MAX_LISTS: usize = 32;

/// A list that loaded, with its file and content digest (part of the
/// policy digest, so a changed list is a changed policy).
#[derive(Debug, Clone)]
pub struct ValidatedList {
    pub name: String,
    pub kind: ListKind,
    pub path: PathBuf,
    pub digest: [u8; 32],
    pub list: List,
}

/// Every list that loaded, by name; problems go to `problems`.
pub(super) fn lists(
    raw: &RawPolicy,
    dir: &Path,
    problems: &mut Problems<'_>,
) -> BTreeMap<String, ValidatedList> {
    let mut out = BTreeMap::new();
    for (i, (name, entry)) in raw.lists.iter().enumerate() {
        let at = entry.span().start;
        if i == MAX_LISTS {
            problems.add(
                at,
                "lists",
                format!("{} lists, over the limit of {MAX_LISTS}", raw.lists.len()),
            );
            break;
        }
        let l = entry.get_ref();
        let field = format!("lists.{name}.file");
        let file_at = l.file.span().start;
        if !valid_name(name) {
            problems.add(
                at,
                format!("lists.{name}"),
                format!(
                    "{name:?} is not a valid name; use 1-64 lower-case letters, digits, '-' or '_'"
                ),
            );
        }
        let path = dir.join(l.file.get_ref());
        let shown = l.file.get_ref();
        let bytes = match crate::policy::read_capped(&path, MAX_LIST_BYTES) {
            Ok(crate::policy::Capped::TooLarge { size, .. }) => {
                problems.add(
                    file_at,
                    field,
                    format!("{shown}: {size} bytes, over the {MAX_LIST_BYTES}-byte limit"),
                );
                continue;
            }
            Ok(crate::policy::Capped::Read(b)) => Ok(b),
            Err(e) => Err(e),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                problems.add(
                    file_at,
                    field,
                    format!(
                        "cannot read list file {}: {e}; paths are relative to the policy's directory",
                        path.display()
                    ),
                );
                continue;
            }
        };
        let digest: [u8; 32] = Sha256::digest(&bytes).into();
        let Ok(text) = String::from_utf8(bytes) else {
            problems.add(file_at, field, format!("{shown}: not UTF-8 text"));
            continue;
        };
        match parse_list(l.kind, &text) {
            Ok(list) => {
                out.insert(
                    name.clone(),
                    ValidatedList {
                        name: name.clone(),
                        kind: l.kind,
                        path,
                        digest,
                        list,
                    },
                );
            }
            Err(errors) => {
                for e in errors {
                    problems.add(
                        file_at,
                        field.clone(),
                        format!("{shown}:{}: {}", e.line, e.message),
                    );
                }
            }
        }
    }
    out
}
