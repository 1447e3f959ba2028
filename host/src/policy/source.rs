//! Reading a policy file without trusting its size.
//!
//! Every path that reads a policy (start-up, `check`, `eval`, the watcher,
//! SIGHUP, the admin endpoint, candidates, the last-known-good) goes through
//! [`read_capped`]: the file's metadata length is checked first, and then at
//! most `cap + 1` bytes are read, because a file can grow between the stat
//! and the read. An oversized file is never read whole, never parsed, and a
//! caller that remembers its [`FileStamp`] need not even stat-and-refuse it
//! again until it changes.
//!
//! Plugin components and list files are read the same way, and every one
//! must be a regular file (a symlink to one is fine): it is opened without
//! blocking and its type checked before any read, because a FIFO would
//! block the reader (a reload) forever and `/dev/zero` has no end.

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
    let mut file = open_regular(path)?;
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

/// Opens `path` for reading if it is a regular file (after symlinks),
/// else says what it is. The open does not block, so a FIFO is refused
/// rather than waited on.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "of another kind"
    };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file ({what}); give the path of a file"),
    ))
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

    #[test]
    fn only_regular_files_are_read_and_a_fifo_is_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        for (path, what) in [
            (fifo.as_path(), "a FIFO"),
            (Path::new("/dev/zero"), "a character device"),
            (dir.path(), "a directory"),
        ] {
            let e = read_capped(path, 1 << 20).unwrap_err();
            assert!(e.to_string().contains(what), "{}: {e}", path.display());
        }
        let file = dir.path().join("file");
        std::fs::write(&file, b"ok").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(matches!(read_capped(&link, 10).unwrap(), Capped::Read(b) if b == b"ok"));
    }
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
