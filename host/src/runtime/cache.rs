//! The compiled-component cache on disk, so a restart or a reload does not
//! recompile plugins (a large plugin can take seconds to compile).
//!
//! An entry is keyed by the sha256 of the plugin's bytes, a hash of the
//! engine's compilation settings (`Engine::precompile_compatibility_hash`:
//! target, Cranelift flags, tunables, features, wasmtime's module version),
//! the wasm stack limit and the wasmtime version. Whatever changes one of
//! them gets a different entry; old ones are simply never read again.
//!
//! Deserialising compiled code is `unsafe`: wasmtime trusts the bytes to be
//! its own output and maps them executable. The cache is protected so that
//! only bytes this host wrote itself are ever deserialised:
//!
//! - the directory must be owned by the user running Palisade and not be
//!   group- or world-writable (created 0700; an unsafe one is refused, and
//!   Palisade runs without the cache, saying so);
//! - a per-cache secret (`secret`, 32 random bytes, 0600) is created on
//!   first use; each entry starts with an HMAC-SHA256, under that secret, of
//!   the entry's key and the serialized bytes, checked *before* anything is
//!   deserialised: a truncated, bit-flipped, renamed or copied-in entry
//!   (from another cache, another engine configuration) fails it;
//! - the bytes are read into memory once, checked and deserialised from
//!   that copy, so the file cannot change between check and use;
//! - wasmtime itself then checks the engine configuration recorded in the
//!   artifact, a second line for an entry made by another configuration.
//!
//! A rejected entry is deleted and the plugin compiled again; a write is a
//! temp file (0600) renamed into place, so readers never see half an entry.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use wasmtime::Engine;
use wasmtime::component::Component;

/// The wasmtime version entries are made with (pinned in Cargo.toml).
pub const WASMTIME_VERSION: &str = "48.0.8";

/// First bytes of every entry: format and version of the entry layout.
const MAGIC: &[u8; 16] = b"palisade-cache1\n";
const MAC_BYTES: usize = 32;
const SECRET_FILE: &str = "secret";
const SECRET_BYTES: usize = 32;
const ENTRY_EXT: &str = "cwasm";

type HmacSha256 = Hmac<Sha256>;

/// Why the cache directory cannot be used. Palisade then runs without it.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(
        "cache directory {path}: {what}; the cache holds code that will be executed, so only its owner may write there (chmod 700 it, or choose another with --cache-dir)"
    )]
    Unsafe { path: PathBuf, what: String },
    #[error("cache directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What looking a component up found (for `plugin inspect` and logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    /// An entry is there (not yet verified: that happens at load).
    Present,
    /// No entry: the next load compiles and stores one.
    Absent,
}

/// An open, checked cache directory.
pub struct DiskCache {
    dir: PathBuf,
    secret: [u8; SECRET_BYTES],
    hits: AtomicU64,
    stores: AtomicU64,
    rejected: AtomicU64,
}

impl std::fmt::Debug for DiskCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskCache").field("dir", &self.dir).finish()
    }
}

/// Counts since the cache was opened, for `check` and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Components loaded from a verified entry.
    pub hits: u64,
    /// Entries written after a compilation.
    pub stores: u64,
    /// Entries refused (bad MAC, truncated, foreign) and deleted.
    pub rejected: u64,
}

/// The default cache directory: `$XDG_CACHE_HOME/palisade`, else
/// `$HOME/.cache/palisade`; `None` if neither is set.
pub fn default_dir() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CACHE_HOME").filter(|v| !v.is_empty());
    if let Some(x) = xdg {
        return Some(PathBuf::from(x).join("palisade"));
    }
    let home = std::env::var_os("HOME").filter(|v| !v.is_empty())?;
    Some(PathBuf::from(home).join(".cache").join("palisade"))
}

impl DiskCache {
    /// Opens (creating it 0700 if needed) the cache at `dir`, refusing a
    /// directory another user owns or others may write, and reads (or
    /// creates) its secret.
    pub fn open(dir: &Path) -> Result<DiskCache, CacheError> {
        let io = |source| CacheError::Io {
            path: dir.to_path_buf(),
            source,
        };
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(io)?;
        let meta = fs::symlink_metadata(dir).map_err(io)?;
        let unsafe_dir = |what: String| CacheError::Unsafe {
            path: dir.to_path_buf(),
            what,
        };
        if !meta.is_dir() {
            return Err(unsafe_dir("not a directory (a symlink?)".to_string()));
        }
        let uid = our_uid(dir).map_err(io)?;
        if meta.uid() != uid {
            return Err(unsafe_dir(format!(
                "owned by uid {}, not by this user (uid {uid})",
                meta.uid()
            )));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(unsafe_dir(format!(
                "writable by group or others (mode {:o})",
                meta.mode() & 0o777
            )));
        }
        let secret = secret(dir, uid)?;
        Ok(DiskCache {
            dir: dir.to_path_buf(),
            secret,
            hits: AtomicU64::new(0),
            stores: AtomicU64::new(0),
            rejected: AtomicU64::new(0),
        })
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Counts since opening.
    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            stores: self.stores.load(Ordering::Relaxed),
            rejected: self.rejected.load(Ordering::Relaxed),
        }
    }

    /// The file holding the entry for `key`.
    pub fn entry_path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.{ENTRY_EXT}"))
    }

    /// Whether an entry for `key` exists (unverified).
    pub fn state(&self, key: &str) -> EntryState {
        if self.entry_path(key).is_file() {
            EntryState::Present
        } else {
            EntryState::Absent
        }
    }

    fn mac(&self, key: &str, body: &[u8]) -> Option<[u8; MAC_BYTES]> {
        let mut mac = HmacSha256::new_from_slice(&self.secret).ok()?;
        mac.update(key.as_bytes());
        mac.update(&[0]);
        mac.update(body);
        Some(mac.finalize().into_bytes().into())
    }

    /// The component stored under `key`, if there is a verified entry that
    /// `engine` accepts. A bad entry is deleted (and counted), never loaded.
    pub fn load(&self, engine: &Engine, key: &str) -> Option<Component> {
        let path = self.entry_path(key);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(entry = %path.display(), error = %e, "cannot read a compiled-cache entry; compiling instead");
                return None;
            }
        };
        let body = match self.verified_body(key, &bytes) {
            Ok(body) => body,
            Err(why) => {
                self.reject(&path, why);
                return None;
            }
        };
        // SAFETY: wasmtime requires the bytes to be a compiled artifact it
        // produced itself (by `serialize`), unchanged. `body` is an
        // in-memory copy whose HMAC, under this cache's own secret (0600, in
        // a directory only this user can write), was just verified over the
        // entry key and these exact bytes: only this host's own `store`
        // can have produced it, from `Component::serialize`. The copy is
        // not shared, so it cannot change between the check and this call;
        // wasmtime then also checks the engine configuration recorded in it.
        #[allow(unsafe_code)]
        let component = unsafe { Component::deserialize(engine, body) };
        match component {
            Ok(c) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(c)
            }
            Err(e) => {
                self.reject(&path, &format!("wasmtime refused it: {e}"));
                None
            }
        }
    }

    /// The serialized component inside an entry, if its MAC verifies.
    fn verified_body<'a>(&self, key: &str, bytes: &'a [u8]) -> Result<&'a [u8], &'static str> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or("not a Palisade cache entry (bad header)")?;
        if rest.len() < MAC_BYTES {
            return Err("truncated");
        }
        let (mac, body) = rest.split_at(MAC_BYTES);
        let mut check = HmacSha256::new_from_slice(&self.secret).map_err(|_| "bad secret")?;
        check.update(key.as_bytes());
        check.update(&[0]);
        check.update(body);
        check.verify_slice(mac).map_err(
            |_| "its MAC does not verify (truncated, changed, or not written by this cache)",
        )?;
        Ok(body)
    }

    fn reject(&self, path: &Path, why: &str) {
        self.rejected.fetch_add(1, Ordering::Relaxed);
        tracing::warn!(entry = %path.display(), why, "compiled-cache entry rejected and deleted; compiling instead");
        let _ = fs::remove_file(path);
    }

    /// Stores `component` under `key` (temp file, 0600, renamed into
    /// place). Failures are logged: the cache is an optimisation.
    pub fn store(&self, key: &str, component: &Component) {
        if let Err(e) = self.try_store(key, component) {
            tracing::warn!(dir = %self.dir.display(), error = %e, "could not write a compiled-cache entry");
        }
    }

    fn try_store(&self, key: &str, component: &Component) -> std::io::Result<()> {
        let body = component
            .serialize()
            .map_err(|e| std::io::Error::other(format!("serialize: {e}")))?;
        let mac = self
            .mac(key, &body)
            .ok_or_else(|| std::io::Error::other("bad secret"))?;
        // Unique per process and call: two loads of one plugin may race.
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let seq = SEQ.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .dir
            .join(format!(".{key}.{}.{seq}.tmp", std::process::id()));
        let written = (|| {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(MAGIC)?;
            f.write_all(&mac)?;
            f.write_all(&body)?;
            f.sync_all()?;
            fs::rename(&tmp, self.entry_path(key))
        })();
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        } else {
            self.stores.fetch_add(1, Ordering::Relaxed);
        }
        written
    }
}

/// The cache key of a plugin's bytes compiled by `engine` with this stack
/// limit: hex sha256 over the wasmtime version, the engine's compatibility
/// hash, the stack limit and the bytes' digest.
pub fn key(engine: &Engine, stack_bytes: usize, digest: &[u8; 32]) -> String {
    use std::hash::Hash;
    let mut config = ShaHasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut config);
    let mut h = Sha256::new();
    h.update(b"palisade compiled component v1\0");
    h.update(WASMTIME_VERSION.as_bytes());
    h.update([0]);
    h.update(config.0.finalize());
    h.update((stack_bytes as u64).to_le_bytes());
    h.update(digest);
    hex::encode(h.finalize())
}

/// Feeds `Hash` output into sha256: unlike `DefaultHasher`, stable across
/// Rust versions and processes.
struct ShaHasher(Sha256);

impl std::hash::Hasher for ShaHasher {
    fn finish(&self) -> u64 {
        0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

/// This process's user id, as the owner of a file it creates.
fn our_uid(dir: &Path) -> std::io::Result<u32> {
    if let Ok(m) = fs::metadata("/proc/self") {
        return Ok(m.uid());
    }
    let probe = dir.join(format!(".uid-probe.{}", std::process::id()));
    let f = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&probe)?;
    let uid = f.metadata()?.uid();
    drop(f);
    let _ = fs::remove_file(&probe);
    Ok(uid)
}

/// Reads the cache's secret, creating it (random, 0600) on first use. A
/// secret another user owns or others can read is refused.
fn secret(dir: &Path, uid: u32) -> Result<[u8; SECRET_BYTES], CacheError> {
    let path = dir.join(SECRET_FILE);
    let io = |source| CacheError::Io {
        path: path.clone(),
        source,
    };
    if !path.exists() {
        let mut fresh = [0u8; SECRET_BYTES];
        getrandom::fill(&mut fresh).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        let tmp = dir.join(format!(".secret.{}.tmp", std::process::id()));
        let made = (|| {
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&tmp)?;
            f.write_all(&fresh)?;
            f.sync_all()?;
            // A link fails if another process made the secret meanwhile:
            // then its secret is the one, and is read below.
            match fs::hard_link(&tmp, &path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(e),
                _ => Ok(()),
            }
        })();
        let _ = fs::remove_file(&tmp);
        made.map_err(io)?;
    }
    let meta = fs::symlink_metadata(&path).map_err(io)?;
    if !meta.is_file() || meta.uid() != uid || meta.permissions().mode() & 0o077 != 0 {
        return Err(CacheError::Unsafe {
            path: dir.to_path_buf(),
            what: format!(
                "its secret {} must be a regular file of this user with mode 0600",
                path.display()
            ),
        });
    }
    let bytes = fs::read(&path).map_err(io)?;
    bytes.try_into().map_err(|_| CacheError::Unsafe {
        path: dir.to_path_buf(),
        what: format!(
            "its secret {} is not {SECRET_BYTES} bytes; delete the directory to start a new cache",
            path.display()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest valid component: its header alone.
    const EMPTY_COMPONENT: &[u8] = b"\0asm\x0d\0\x01\0";

    fn engine(stack: usize) -> Engine {
        crate::runtime::engine::build_engine(stack).unwrap()
    }

    fn stored(dir: &Path, engine: &Engine, key: &str) -> DiskCache {
        let cache = DiskCache::open(dir).unwrap();
        let c = Component::new(engine, EMPTY_COMPONENT).unwrap();
        cache.store(key, &c);
        cache
    }

    #[test]
    fn an_entry_round_trips_and_files_are_private() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cache");
        let e = engine(512 << 10);
        let key = key(&e, 512 << 10, &[7; 32]);
        let cache = stored(&dir, &e, &key);
        assert_eq!(cache.state(&key), EntryState::Present);
        assert!(cache.load(&e, &key).is_some());
        assert_eq!(cache.stats().hits, 1);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join(SECRET_FILE)), 0o600);
        assert_eq!(mode(&cache.entry_path(&key)), 0o600);
    }

    #[test]
    fn keys_differ_by_stack_digest_and_engine_settings() {
        let (a, b) = (engine(512 << 10), engine(256 << 10));
        let k = key(&a, 512 << 10, &[1; 32]);
        assert_eq!(k, key(&a, 512 << 10, &[1; 32]));
        assert_ne!(k, key(&a, 512 << 10, &[2; 32]));
        assert_ne!(k, key(&b, 256 << 10, &[1; 32]));
    }

    #[test]
    fn truncated_flipped_and_copied_entries_are_deleted_not_loaded() {
        let tmp = tempfile::tempdir().unwrap();
        let e = engine(512 << 10);
        let key = key(&e, 512 << 10, &[3; 32]);
        let cache = stored(&tmp.path().join("a"), &e, &key);
        let path = cache.entry_path(&key);
        let good = fs::read(&path).unwrap();

        fs::write(&path, &good[..good.len() / 2]).unwrap();
        assert!(cache.load(&e, &key).is_none());
        assert!(!path.exists(), "a truncated entry is deleted");

        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        fs::write(&path, &flipped).unwrap();
        assert!(cache.load(&e, &key).is_none());
        assert!(!path.exists());

        // The same entry under another key (renamed) fails its MAC too.
        let other = key.replace(&key[..4], "ffff");
        fs::write(cache.entry_path(&other), &good).unwrap();
        assert!(cache.load(&e, &other).is_none());

        // An entry from another cache (another secret) is foreign.
        let elsewhere = stored(&tmp.path().join("b"), &e, &key);
        fs::copy(elsewhere.entry_path(&key), &path).unwrap();
        assert!(cache.load(&e, &key).is_none());
        assert_eq!(cache.stats().rejected, 4);
    }

    #[test]
    fn an_entry_from_another_engine_configuration_is_refused_by_wasmtime_too() {
        // Even with a valid MAC (same secret), an artifact compiled by an
        // engine with other settings is refused when deserialised.
        let tmp = tempfile::tempdir().unwrap();
        let mut config = wasmtime::Config::new();
        config.epoch_interruption(false);
        let foreign = Engine::new(&config).unwrap();
        let ours = engine(512 << 10);
        let key = key(&ours, 512 << 10, &[4; 32]);
        let cache = stored(&tmp.path().join("c"), &foreign, &key);
        assert!(cache.load(&ours, &key).is_none());
        assert_eq!(cache.stats().rejected, 1);
        assert!(!cache.entry_path(&key).exists());
    }

    #[test]
    fn a_directory_others_can_write_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("open");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
        let err = DiskCache::open(&dir).unwrap_err().to_string();
        assert!(err.contains("writable by group or others"), "{err}");
    }
}
