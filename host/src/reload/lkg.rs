//! The last-known-good policy, persisted so that a process restarted with
//! a broken policy on disk can still serve the last one that passed the
//! whole pipeline.
//!
//! Layout of the state directory (default `.palisade-state/` beside the
//! policy; set `--state-dir` where the policy directory is read-only, e.g.
//! a Kubernetes ConfigMap volume: use an `emptyDir` or a persistent volume):
//!
//! ```text
//! STATE/plugins/<sha256>.wasm           content-addressed plugin bytes
//! STATE/lists/<sha256>.list             content-addressed list files
//! STATE/snapshots/g<N>-<nanos>/policy.toml  the policy, `wasm` paths rewritten
//! STATE/snapshots/g<N>-<nanos>/manifest.json
//! STATE/current -> snapshots/g<N>-<nanos>   swapped atomically (rename)
//! ```
//!
//! Only the `wasm = "…"` values (to `../../plugins/<sha256>.wasm`) and the
//! `file = "…"` values of `[lists.*]` (to `../../lists/<sha256>.list`) are
//! rewritten, in place, so line numbers in errors still match the original
//! and every sha256 pin still holds. A list file is copied only if it still
//! hashes to what the generation loaded, like a plugin. A snapshot is written after its
//! generation passed the whole pipeline and *before* it is swapped in (so a
//! crash between the two restarts on the new policy, not the older one),
//! and only if the files on disk still hash to what was compiled; otherwise
//! it is skipped (the previous snapshot stays).
//! At start-up the snapshot goes through the whole pipeline again (parse,
//! validate, pins, compile, settings, fixtures): a corrupted state
//! directory is refused like any other policy.
//!
//! Durable: every file is fsynced before it is renamed into place and every
//! directory after an entry changed, and `current` is swapped last, so after
//! a crash or power loss `current` names a complete snapshot (the new one or
//! the previous one). Not supported: Windows (the swap uses a Unix symlink).

use super::status::unix_ms;
use crate::policy::lists::MAX_LIST_BYTES;
use crate::policy::{Capped, Generation, PluginSlot, read_capped};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const FORMAT: u32 = 1;
const POLICY_FILE: &str = "policy.toml";
const MANIFEST_FILE: &str = "manifest.json";

/// Why the last-known-good copy could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum LkgError {
    #[error("{what} {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} changed on disk after it was compiled; not saving it as last-known-good")]
    Changed(String),
    #[error("the last-known-good copy in {} is unusable: {message}", dir.display())]
    Corrupt { dir: PathBuf, message: String },
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> LkgError {
    let path = path.to_path_buf();
    move |source| LkgError::Io { what, path, source }
}

/// What a snapshot holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub saved_at_ms: u64,
    pub generation: u64,
    /// `name@version`.
    pub policy: String,
    /// Where the policy was read from, and its sha256 there.
    pub source: String,
    pub source_digest: String,
    /// sha256 of the stored (rewritten) policy text.
    pub stored_digest: String,
    pub plugins: Vec<StoredPlugin>,
    /// The list files (absent in snapshots written before lists existed).
    #[serde(default)]
    pub lists: Vec<StoredList>,
}

/// One list file a snapshot holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredList {
    pub name: String,
    /// The `file` value as the original policy wrote it.
    pub file: String,
    pub sha256: String,
}

/// One plugin file a snapshot holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredPlugin {
    pub name: String,
    /// The `wasm` value as the original policy wrote it.
    pub wasm: String,
    pub sha256: String,
}

/// The persisted last-known-good policy.
#[derive(Debug, Clone)]
pub struct LastKnownGood {
    dir: PathBuf,
}

#[derive(Deserialize)]
struct Lite {
    #[serde(default)]
    plugin: Vec<LitePlugin>,
}

#[derive(Deserialize)]
struct LitePlugin {
    wasm: toml::Spanned<String>,
}

#[derive(Deserialize)]
struct LiteLists {
    #[serde(default)]
    lists: BTreeMap<String, LiteList>,
}

#[derive(Deserialize)]
struct LiteList {
    file: toml::Spanned<String>,
}

/// The `[lists.NAME] file` values of a policy text, by name, with their
/// byte spans.
pub(super) fn list_references(text: &str) -> Option<Vec<(String, String, std::ops::Range<usize>)>> {
    let lite: LiteLists = toml::from_str(text).ok()?;
    Some(
        lite.lists
            .into_iter()
            .map(|(name, l)| (name, l.file.get_ref().clone(), l.file.span()))
            .collect(),
    )
}

/// The `wasm` values of a policy text with their byte spans, in order.
pub(super) fn wasm_references(text: &str) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    let lite: Lite = toml::from_str(text).ok()?;
    Some(
        lite.plugin
            .into_iter()
            .map(|p| (p.wasm.get_ref().clone(), p.wasm.span()))
            .collect(),
    )
}

impl LastKnownGood {
    /// A store in `dir` (created on first save).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        LastKnownGood { dir: dir.into() }
    }

    /// The default state directory for a policy: `.palisade-state/` beside it.
    pub fn default_dir(policy: &Path) -> PathBuf {
        policy
            .parent()
            .unwrap_or(Path::new("."))
            .join(".palisade-state")
    }

    /// The state directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The stored policy file, if a snapshot exists.
    pub fn policy_path(&self) -> Option<PathBuf> {
        let path = self.dir.join("current").join(POLICY_FILE);
        path.is_file().then_some(path)
    }

    /// The current snapshot's manifest.
    pub fn manifest(&self) -> Result<Option<Manifest>, LkgError> {
        let path = self.dir.join("current").join(MANIFEST_FILE);
        let corrupt = |message: String| LkgError::Corrupt {
            dir: self.dir.clone(),
            message: format!("{}: {message}", path.display()),
        };
        let text = match crate::policy::read_capped(&path, crate::policy::MAX_POLICY_BYTES) {
            Ok(crate::policy::Capped::Read(bytes)) => {
                String::from_utf8(bytes).map_err(|e| corrupt(e.to_string()))?
            }
            Ok(crate::policy::Capped::TooLarge { size, .. }) => {
                return Err(corrupt(format!("{size} bytes, too large for a manifest")));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io("reading", &path)(e)),
        };
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
        if manifest.format != FORMAT {
            return Err(LkgError::Corrupt {
                dir: self.dir.clone(),
                message: format!(
                    "manifest format {} (this build reads {FORMAT})",
                    manifest.format
                ),
            });
        }
        Ok(Some(manifest))
    }

    /// Persists `generation` (compiled, about to be activated) as the
    /// last-known-good.
    /// Returns `false` if the current snapshot already holds the same text
    /// and plugins.
    pub fn save(&self, generation: &Generation) -> Result<bool, LkgError> {
        let source = &generation.source;
        let shown = source.display().to_string();
        let text = crate::policy::read_policy(source)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| LkgError::Changed(shown.clone()))?;
        if hex::encode(Sha256::digest(text.as_bytes())) != generation.digest {
            return Err(LkgError::Changed(shown));
        }
        let refs = wasm_references(&text).ok_or_else(|| LkgError::Changed(shown.clone()))?;
        if refs.len() != generation.plugins.len() {
            return Err(LkgError::Changed(shown));
        }
        let base = source.parent().unwrap_or(Path::new("."));
        let plugins_dir = self.dir.join("plugins");
        std::fs::create_dir_all(&plugins_dir).map_err(io("creating", &plugins_dir))?;

        let mut stored = Vec::new();
        let mut wrote_plugin = false;
        let mut rewritten = text.clone();
        // Replace from the end so earlier spans stay valid.
        let mut edits = Vec::new();
        for ((wasm, span), slot) in refs.iter().zip(&generation.plugins) {
            let path = base.join(wasm);
            let bytes = std::fs::read(&path).map_err(io("reading", &path))?;
            let digest: [u8; 32] = Sha256::digest(&bytes).into();
            if let PluginSlot::Active(p) = slot
                && p.digest != digest
            {
                return Err(LkgError::Changed(path.display().to_string()));
            }
            let hexd = hex::encode(digest);
            let target = plugins_dir.join(format!("{hexd}.wasm"));
            if std::fs::metadata(&target).map(|m| m.len()).ok() != Some(bytes.len() as u64) {
                write_atomically(&target, &bytes)?;
                wrote_plugin = true;
            }
            stored.push(StoredPlugin {
                name: slot.name().to_string(),
                wasm: wasm.clone(),
                sha256: hexd.clone(),
            });
            edits.push((span.clone(), format!("\"../../plugins/{hexd}.wasm\"")));
        }
        let (lists, wrote_list) = self.store_lists(&text, generation, &mut edits)?;
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        for (span, replacement) in edits {
            if rewritten.get(span.clone()).is_none() {
                return Err(LkgError::Changed(shown));
            }
            rewritten.replace_range(span, &replacement);
        }
        let stored_digest = hex::encode(Sha256::digest(rewritten.as_bytes()));
        if let Ok(Some(current)) = self.manifest()
            && current.stored_digest == stored_digest
            && self.policy_path().is_some()
        {
            return Ok(false);
        }

        let manifest = Manifest {
            format: FORMAT,
            saved_at_ms: unix_ms(SystemTime::now()),
            generation: generation.id,
            policy: generation.label.to_string(),
            source: shown,
            source_digest: generation.digest.clone(),
            stored_digest,
            plugins: stored,
            lists,
        };
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!("g{}-{nanos}", generation.id);
        let snapshots = self.dir.join("snapshots");
        let snapshot = snapshots.join(&name);
        std::fs::create_dir_all(&snapshot).map_err(io("creating", &snapshot))?;
        write_durably(&snapshot.join(POLICY_FILE), rewritten.as_bytes())?;
        let json = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        write_durably(&snapshot.join(MANIFEST_FILE), &json)?;
        sync_dir(&snapshot)?;
        sync_dir(&snapshots)?;
        if wrote_plugin {
            sync_dir(&plugins_dir)?;
        }
        if wrote_list {
            sync_dir(&self.dir.join("lists"))?;
        }

        // The swap: a new symlink renamed over `current`.
        let link_tmp = self
            .dir
            .join(format!(".current.{}.tmp", std::process::id()));
        let _ = std::fs::remove_file(&link_tmp);
        std::os::unix::fs::symlink(Path::new("snapshots").join(&name), &link_tmp)
            .map_err(io("linking", &link_tmp))?;
        let current = self.dir.join("current");
        std::fs::rename(&link_tmp, &current).map_err(io("activating", &current))?;
        sync_dir(&self.dir)?;

        self.collect_garbage(&name, &manifest);
        Ok(true)
    }

    /// Checks a generation loaded from a snapshot against the
    /// content-addressed names of its list files: a list file in the state
    /// directory whose bytes no longer hash to its name was tampered with
    /// or corrupted, even if it still parses.
    pub fn verify(&self, generation: &Generation) -> Result<(), LkgError> {
        for list in generation.lists.values() {
            let expected = format!("{}.list", hex::encode(list.digest));
            let named = list.path.file_name().map(|n| n.to_string_lossy());
            if named.as_deref() != Some(expected.as_str()) {
                return Err(LkgError::Corrupt {
                    dir: self.dir.clone(),
                    message: format!(
                        "list {}: {} does not hash to its name (sha256 {})",
                        list.name,
                        list.path.display(),
                        hex::encode(list.digest)
                    ),
                });
            }
        }
        Ok(())
    }

    /// Copies the list files `text` declares into `STATE/lists/` (content
    /// addressed), checking each against the digest `generation` loaded,
    /// and queues the rewrite of their `file` values. Returns what was
    /// stored and whether a file was written.
    fn store_lists(
        &self,
        text: &str,
        generation: &Generation,
        edits: &mut Vec<(std::ops::Range<usize>, String)>,
    ) -> Result<(Vec<StoredList>, bool), LkgError> {
        let shown = generation.source.display().to_string();
        let refs = list_references(text).ok_or_else(|| LkgError::Changed(shown.clone()))?;
        if refs.len() != generation.lists.len() {
            return Err(LkgError::Changed(shown));
        }
        let mut stored = Vec::new();
        let mut wrote = false;
        if refs.is_empty() {
            return Ok((stored, wrote));
        }
        let base = generation.source.parent().unwrap_or(Path::new("."));
        let lists_dir = self.dir.join("lists");
        std::fs::create_dir_all(&lists_dir).map_err(io("creating", &lists_dir))?;
        for (name, file, span) in refs {
            let path = base.join(&file);
            let changed = || LkgError::Changed(path.display().to_string());
            let loaded = generation.lists.get(&name).ok_or_else(changed)?;
            let bytes = match read_capped(&path, MAX_LIST_BYTES) {
                Ok(Capped::Read(bytes)) => bytes,
                Ok(Capped::TooLarge { .. }) => return Err(changed()),
                Err(e) => return Err(io("reading", &path)(e)),
            };
            let digest: [u8; 32] = Sha256::digest(&bytes).into();
            if loaded.digest != digest {
                return Err(changed());
            }
            let hexd = hex::encode(digest);
            let target = lists_dir.join(format!("{hexd}.list"));
            if std::fs::metadata(&target).map(|m| m.len()).ok() != Some(bytes.len() as u64) {
                write_atomically(&target, &bytes)?;
                wrote = true;
            }
            edits.push((span, format!("\"../../lists/{hexd}.list\"")));
            stored.push(StoredList {
                name,
                file,
                sha256: hexd,
            });
        }
        Ok((stored, wrote))
    }

    /// Removes snapshots other than `keep` and plugin and list files it does
    /// not use.
    /// Best effort: a leftover file is harmless.
    fn collect_garbage(&self, keep: &str, manifest: &Manifest) {
        if let Ok(entries) = std::fs::read_dir(self.dir.join("snapshots")) {
            for entry in entries.flatten() {
                if entry.file_name() != keep {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        if let Ok(entries) = std::fs::read_dir(self.dir.join("plugins")) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let used = manifest
                    .plugins
                    .iter()
                    .any(|p| name == format!("{}.wasm", p.sha256));
                if !used {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        if let Ok(entries) = std::fs::read_dir(self.dir.join("lists")) {
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                let used = manifest
                    .lists
                    .iter()
                    .any(|l| name == format!("{}.list", l.sha256));
                if !used {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk,
/// then renames it over (the caller syncs the directory).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), LkgError> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    write_durably(&tmp, bytes)?;
    std::fs::rename(&tmp, path).map_err(io("renaming", path))
}

/// Creates `path` with `bytes` and flushes it to disk.
fn write_durably(path: &Path, bytes: &[u8]) -> Result<(), LkgError> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(io("writing", path))?;
    file.write_all(bytes).map_err(io("writing", path))?;
    file.sync_all().map_err(io("flushing", path))
}

/// Flushes a directory's entries (new, renamed) to disk.
fn sync_dir(dir: &Path) -> Result<(), LkgError> {
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io("flushing", dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wasm_references_span_the_quoted_values() {
        let text = "[policy]\nname = \"x\"\n\n[[plugin]]\nname = \"a\"\nwasm = \"../a.wasm\"\n\n[[plugin]]\nname = \"b\"\nwasm = 'b.wasm'\n";
        let refs = wasm_references(text).unwrap_or_default();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].0, "../a.wasm");
        assert_eq!(&text[refs[0].1.clone()], "\"../a.wasm\"");
        assert_eq!(&text[refs[1].1.clone()], "'b.wasm'");
    }

    #[test]
    fn list_references_span_the_file_values() {
        let text = "[policy]\nname = \"x\"\n\n[lists.orgs]\nkind = \"string\"\nfile = \"orgs.txt\"\n\n[lists.nets]\nfile = 'n.txt'\nkind = \"cidr\"\n";
        let refs = list_references(text).unwrap_or_default();
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].0, "nets");
        assert_eq!(&text[refs[0].2.clone()], "'n.txt'");
        assert_eq!(refs[1].1, "orgs.txt");
        assert_eq!(&text[refs[1].2.clone()], "\"orgs.txt\"");
    }
}
