//! Signed plugins: ed25519 detached signatures over a plugin's exact bytes,
//! so an operator can trust a vendor's key rather than pin every build.
//!
//! What is signed is `"palisade plugin v1\0"` followed by the sha256 of the
//! file (hash-then-sign): the loader already has that digest, so checking a
//! signature costs one ed25519 verification (tens of µs) whatever the
//! plugin's size.
//!
//! Formats (all text, so they survive copy-paste and config tools):
//! - public key (`KEY.pub`, or inline in a policy): `ed25519:BASE64` (the 32
//!   key bytes);
//! - secret key (`KEY`, mode 0600): `ed25519-secret:BASE64` (the 32-byte
//!   seed);
//! - signature (`FILE.sig`, beside the plugin): one JSON object
//!   `{"format": "palisade-signature-v1", "key_id": "…", "sha256": "…",
//!   "signature": "BASE64"}`, where `key_id` is the first 16 hex digits of
//!   the sha256 of the public key bytes and `sha256` the signed file's
//!   digest (both informative: only `signature` is trusted, and they let a
//!   refusal say *why*: another key, or changed bytes).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The `format` of a signature file this host writes and reads.
pub const SIGNATURE_FORMAT: &str = "palisade-signature-v1";
const PUBLIC_PREFIX: &str = "ed25519:";
const SECRET_PREFIX: &str = "ed25519-secret:";
const DOMAIN: &[u8] = b"palisade plugin v1\0";
/// Largest signature or key file read (they are ~200 bytes).
const MAX_FILE_BYTES: u64 = 16 << 10;

/// Why a key or a signature was refused. Each says which check failed
/// and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error(
        "missing signature: {0} does not exist; the policy requires this plugin to be signed: ship the vendor's .sig beside it, or sign it with `palisade plugin sign FILE --key KEY`"
    )]
    Missing(PathBuf),
    #[error(
        "stripped signature: {0} is empty or has no signature in it; ship the .sig file exactly as `palisade plugin sign` wrote it"
    )]
    Stripped(PathBuf),
    #[error(
        "malformed signature file {path}: {why}; it must be the JSON object `palisade plugin sign` writes"
    )]
    Malformed { path: PathBuf, why: String },
    #[error(
        "signature does not verify: the file changed after it was signed (its sha256 is {actual}, it was signed as {signed}); a tampered or rebuilt plugin: get the signed file again, or have it re-signed"
    )]
    Tampered { actual: String, signed: String },
    #[error(
        "signature does not verify under key {key} although the file's sha256 is the one signed: the signature itself was altered; get the signed file and its .sig again"
    )]
    BadSignature { key: String },
    #[error(
        "wrong key: signed by key {signer}, which is not {expected}; add the signer's public key under [trust.keys], or get the file signed by a trusted key"
    )]
    WrongKey { signer: String, expected: String },
    #[error("{path}: {why}")]
    Key { path: String, why: String },
}

/// A trusted public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// Parses `ed25519:BASE64`; `origin` names where it came from in errors.
    pub fn parse(text: &str, origin: &str) -> Result<PublicKey, SignatureError> {
        let err = |why: &str| SignatureError::Key {
            path: origin.to_string(),
            why: why.to_string(),
        };
        let b64 = text.trim().strip_prefix(PUBLIC_PREFIX).ok_or_else(|| {
            err("not a Palisade public key (expected `ed25519:BASE64`, as `palisade plugin keygen` writes to KEY.pub)")
        })?;
        let bytes: [u8; 32] = B64
            .decode(b64)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| err("the key is not 32 bytes of base64"))?;
        VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| err("not a valid ed25519 public key"))
    }

    /// Reads a public key file.
    pub fn read(path: &Path) -> Result<PublicKey, SignatureError> {
        let text = read_small(path).map_err(|why| SignatureError::Key {
            path: path.display().to_string(),
            why,
        })?;
        PublicKey::parse(&text, &path.display().to_string())
    }

    /// `ed25519:BASE64`, the form files and policies hold.
    pub fn to_text(&self) -> String {
        format!("{PUBLIC_PREFIX}{}", B64.encode(self.0.as_bytes()))
    }

    /// A short, stable identifier: 16 hex digits of the key's sha256.
    pub fn id(&self) -> String {
        hex::encode(&Sha256::digest(self.0.as_bytes())[..8])
    }

    /// Whether `text` is an inline key rather than a file name.
    pub fn is_inline(text: &str) -> bool {
        text.trim_start().starts_with(PUBLIC_PREFIX)
    }
}

/// A signing key (kept by the vendor, never by the edge).
pub struct SecretKey(SigningKey);

impl SecretKey {
    /// A fresh random key.
    pub fn generate() -> Result<SecretKey, SignatureError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| SignatureError::Key {
            path: "keygen".to_string(),
            why: format!("no randomness: {e}"),
        })?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }

    /// Reads a secret key file (`ed25519-secret:BASE64`).
    pub fn read(path: &Path) -> Result<SecretKey, SignatureError> {
        let shown = path.display().to_string();
        let err = |why: String| SignatureError::Key {
            path: shown.clone(),
            why,
        };
        let text = read_small(path).map_err(err)?;
        let b64 = text.trim().strip_prefix(SECRET_PREFIX).ok_or_else(|| {
            err("not a Palisade secret key (expected `ed25519-secret:BASE64`, as `palisade plugin keygen` writes)".to_string())
        })?;
        let seed: [u8; 32] = B64
            .decode(b64)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| err("the key is not 32 bytes of base64".to_string()))?;
        Ok(SecretKey(SigningKey::from_bytes(&seed)))
    }

    /// `ed25519-secret:BASE64`.
    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}", B64.encode(self.0.to_bytes()))
    }

    /// The matching public key.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// Signs a file whose sha256 is `digest`.
    pub fn sign(&self, digest: &[u8; 32]) -> SignatureFile {
        SignatureFile {
            format: SIGNATURE_FORMAT.to_string(),
            key_id: self.public().id(),
            sha256: hex::encode(digest),
            signature: B64.encode(self.0.sign(&message(digest)).to_bytes()),
        }
    }
}

/// The content of a `.sig` file.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SignatureFile {
    pub format: String,
    pub key_id: String,
    pub sha256: String,
    pub signature: String,
}

impl SignatureFile {
    /// Reads and parses `path`, telling a missing, stripped and malformed
    /// file apart.
    pub fn read(path: &Path) -> Result<SignatureFile, SignatureError> {
        if !path.exists() {
            return Err(SignatureError::Missing(path.to_path_buf()));
        }
        let malformed = |why: String| SignatureError::Malformed {
            path: path.to_path_buf(),
            why,
        };
        let text = read_small(path).map_err(malformed)?;
        if text.trim().is_empty() {
            return Err(SignatureError::Stripped(path.to_path_buf()));
        }
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| malformed(format!("not JSON ({e})")))?;
        match value.get("signature") {
            None => return Err(SignatureError::Stripped(path.to_path_buf())),
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
                return Err(SignatureError::Stripped(path.to_path_buf()));
            }
            _ => {}
        }
        let sig: SignatureFile =
            serde_json::from_value(value).map_err(|e| malformed(e.to_string()))?;
        if sig.format != SIGNATURE_FORMAT {
            return Err(malformed(format!(
                "format {:?}, expected {SIGNATURE_FORMAT:?}",
                sig.format
            )));
        }
        Ok(sig)
    }

    /// The file as written: pretty JSON and a newline.
    pub fn to_text(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Checks the signature over a file whose sha256 is `digest` against
    /// `keys` (name, key). `expected` describes them for a refusal ("the
    /// key `vendor` (…)" or "any trusted key (…)"). Returns the name of the
    /// key that verified.
    pub fn verify<'k>(
        &self,
        path: &Path,
        digest: &[u8; 32],
        keys: &[(&'k str, &PublicKey)],
        expected: &str,
    ) -> Result<&'k str, SignatureError> {
        let bytes: [u8; 64] = B64
            .decode(self.signature.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| SignatureError::Malformed {
                path: path.to_path_buf(),
                why: "`signature` is not 64 bytes of base64".to_string(),
            })?;
        let signature = ed25519_dalek::Signature::from_bytes(&bytes);
        let msg = message(digest);
        for (name, key) in keys {
            if key.0.verify(&msg, &signature).is_ok() {
                return Ok(name);
            }
        }
        let actual = hex::encode(digest);
        match keys.iter().find(|(_, k)| k.id() == self.key_id) {
            Some(_) if !self.sha256.eq_ignore_ascii_case(&actual) => {
                Err(SignatureError::Tampered {
                    actual,
                    signed: self.sha256.clone(),
                })
            }
            Some((name, k)) => Err(SignatureError::BadSignature {
                key: format!("`{name}` ({})", k.id()),
            }),
            None => Err(SignatureError::WrongKey {
                signer: text_id(&self.key_id),
                expected: expected.to_string(),
            }),
        }
    }
}

/// Where a plugin's signature is expected: `FILE.sig` beside it.
pub fn signature_path(wasm: &Path) -> PathBuf {
    let mut name = wasm.as_os_str().to_os_string();
    name.push(".sig");
    PathBuf::from(name)
}

/// The bytes signed for a file with sha256 `digest`.
fn message(digest: &[u8; 32]) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOMAIN.len() + 32);
    m.extend_from_slice(DOMAIN);
    m.extend_from_slice(digest);
    m
}

/// A key id from a file, shown safely (it is untrusted text).
fn text_id(id: &str) -> String {
    let shown: String = id
        .chars()
        .take(32)
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if shown.is_empty() {
        "(none given)".to_string()
    } else {
        shown
    }
}

/// Reads a key or signature file: only a regular file, opened without
/// blocking and read no further than [`MAX_FILE_BYTES`] (a FIFO as a `.sig`
/// used to block `check` and every later reload forever; `/dev/zero` was
/// read until memory ran out).
fn read_small(path: &Path) -> Result<String, String> {
    let bytes = match crate::policy::read_capped(path, MAX_FILE_BYTES) {
        Ok(crate::policy::Capped::Read(bytes)) => bytes,
        Ok(crate::policy::Capped::TooLarge { size, .. }) => {
            return Err(format!(
                "{size} bytes, larger than any key or signature file"
            ));
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    String::from_utf8(bytes).map_err(|_| "not text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(bytes: &[u8]) -> [u8; 32] {
        Sha256::digest(bytes).into()
    }

    #[test]
    fn a_signature_verifies_and_every_refusal_says_which() {
        let vendor = SecretKey::generate().unwrap();
        let other = SecretKey::generate().unwrap();
        let (vpub, opub) = (vendor.public(), other.public());
        let file = b"plugin bytes".to_vec();
        let sig = vendor.sign(&digest(&file));
        let p = Path::new("x.wasm.sig");
        let trusted = [("vendor", &vpub)];
        assert_eq!(sig.verify(p, &digest(&file), &trusted, "v"), Ok("vendor"));

        let mut changed = file.clone();
        changed[0] ^= 1;
        let e = sig.verify(p, &digest(&changed), &trusted, "v").unwrap_err();
        assert!(matches!(e, SignatureError::Tampered { .. }), "{e}");

        let e = sig
            .verify(p, &digest(&file), &[("other", &opub)], "the key `other`")
            .unwrap_err();
        assert!(matches!(e, SignatureError::WrongKey { .. }), "{e}");
        assert!(e.to_string().contains("the key `other`"));

        let mut forged = sig.clone();
        forged.signature = other.sign(&digest(&file)).signature;
        let e = forged.verify(p, &digest(&file), &trusted, "v").unwrap_err();
        assert!(matches!(e, SignatureError::BadSignature { .. }), "{e}");
    }

    #[test]
    fn keys_round_trip_through_their_text() {
        let k = SecretKey::generate().unwrap();
        let p = PublicKey::parse(&k.public().to_text(), "t").unwrap();
        assert_eq!(p, k.public());
        assert_eq!(p.id().len(), 16);
        assert!(PublicKey::is_inline(&p.to_text()));
        assert!(PublicKey::parse("ed25519:AAAA", "t").is_err());
        assert!(PublicKey::parse(&k.to_text(), "t").is_err());
    }

    #[test]
    fn signature_files_tell_missing_stripped_and_malformed_apart() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.wasm.sig");
        assert!(matches!(
            SignatureFile::read(&p),
            Err(SignatureError::Missing(_))
        ));
        std::fs::write(&p, "\n").unwrap();
        assert!(matches!(
            SignatureFile::read(&p),
            Err(SignatureError::Stripped(_))
        ));
        std::fs::write(
            &p,
            r#"{"format":"palisade-signature-v1","key_id":"ab","sha256":"cd"}"#,
        )
        .unwrap();
        assert!(matches!(
            SignatureFile::read(&p),
            Err(SignatureError::Stripped(_))
        ));
        std::fs::write(&p, "{not json").unwrap();
        assert!(matches!(
            SignatureFile::read(&p),
            Err(SignatureError::Malformed { .. })
        ));
        let k = SecretKey::generate().unwrap();
        std::fs::write(&p, k.sign(&[0; 32]).to_text()).unwrap();
        assert!(SignatureFile::read(&p).is_ok());
        assert_eq!(
            signature_path(Path::new("d/a.wasm")),
            Path::new("d/a.wasm.sig")
        );
    }
}
