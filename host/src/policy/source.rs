//! Reading a policy file without trusting its size.
//!
//! Every path that reads a policy (start-up, `check`, `eval`, the watcher,
//! SIGHUP, the admin endpoint, candidates, the last-known-good) goes through
//! [`read_capped`]: the file's metadata length is checked first, and then at
//! most `cap + 1` bytes are read, because a file can grow between the stat
//! and the read. An oversized file is never read whole, never parsed, and a
//! caller that remembers its [`FileStamp`] need not even stat-and-refuse it
//! again until it changes.

use super::{MAX_POLICY_BYTES, PolicyError};
use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

/// What a file looks like without reading it: enough to tell that it
/// changed (size, modification time, and which file it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub inode: u64,
    pub device: u64,
}

impl FileStamp {
    /// The stamp of a file's metadata.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    /// The stamp of the file at `path` (following symlinks).
    pub fn read(path: &Path) -> std::io::Result<FileStamp> {
        std::fs::metadata(path).map(|m| FileStamp::of(&m))
    }
}

/// A file read under a cap.
#[derive(Debug)]
pub enum Capped {
    /// The whole file, at most the cap.
    Read(Vec<u8>),
    /// Over the cap: `size` is the length seen (at least `cap + 1`); the
    /// content was not read past `cap + 1` bytes.
    TooLarge { size: u64, stamp: FileStamp },
}

/// Reads `path` if it is at most `cap` bytes: the metadata length is
/// checked before any read, and at most `cap + 1` bytes are read (the file
/// may grow between the two).
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Capped> {
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let stamp = FileStamp::of(&meta);
    if meta.len() > cap {
        return Ok(Capped::TooLarge {
            size: meta.len(),
            stamp,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    (&mut file)
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(Capped::TooLarge {
            size: bytes.len() as u64,
            stamp,
        });
    }
    Ok(Capped::Read(bytes))
}

/// Reads a policy file, refusing one over [`MAX_POLICY_BYTES`] before
/// reading it.
pub fn read_policy(path: &Path) -> Result<Vec<u8>, PolicyError> {
    let shown = || path.display().to_string();
    match read_capped(path, MAX_POLICY_BYTES) {
        Ok(Capped::Read(bytes)) => Ok(bytes),
        Ok(Capped::TooLarge { size, .. }) => Err(PolicyError::TooLarge {
            path: shown(),
            size,
            limit: MAX_POLICY_BYTES,
        }),
        Err(source) => Err(PolicyError::Read {
            path: shown(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_over_the_cap_is_refused_without_being_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: 50 MB that would cost 50 MB to read.
        file.set_len(50 << 20).unwrap();
        match read_capped(&path, 1 << 20).unwrap() {
            Capped::TooLarge { size, stamp } => {
                assert_eq!(size, 50 << 20);
                assert_eq!(stamp.len, 50 << 20);
            }
            Capped::Read(_) => panic!("read an oversized file"),
        }
        let err = read_policy(&path).unwrap_err();
        assert!(matches!(err, PolicyError::TooLarge { size, .. } if size == 50 << 20));
    }

    #[test]
    fn a_file_at_the_cap_is_read_and_one_byte_more_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        let mut file = std::fs::File::create(&path).unwrap();
        file.write_all(&[b'#'; 100]).unwrap();
        assert!(matches!(read_capped(&path, 100).unwrap(), Capped::Read(b) if b.len() == 100));
        assert!(matches!(
            read_capped(&path, 99).unwrap(),
            Capped::TooLarge { size: 100, .. }
        ));
    }
}
