//! `palisade plugin keygen | sign | verify`: ed25519 detached signatures
//! over a plugin's exact bytes (formats in `palisade::runtime::signature`).

use anyhow::Context;
use palisade::runtime::signature::{PublicKey, SecretKey, SignatureFile, signature_path};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct KeygenArgs {
    /// The secret key file to write (KEY.pub is written beside it).
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The plugin (.wasm) to sign.
    pub file: PathBuf,
    /// The secret key (from `palisade plugin keygen`).
    #[arg(long)]
    pub key: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The plugin (.wasm); its signature is FILE.sig.
    pub file: PathBuf,
    /// A trusted public key (KEY.pub); repeat for several.
    #[arg(long = "pub", required = true)]
    pub keys: Vec<PathBuf>,
}

pub fn keygen(args: KeygenArgs) -> anyhow::Result<ExitCode> {
    let public = public_path(&args.out);
    for p in [&args.out, &public] {
        if p.exists() {
            anyhow::bail!(
                "{} exists; not overwriting a key (remove it first, or choose another --out)",
                p.display()
            );
        }
    }
    let key = SecretKey::generate()?;
    write_new(&args.out, &format!("{}\n", key.to_text()), 0o600)?;
    write_new(&public, &format!("{}\n", key.public().to_text()), 0o644)?;
    println!(
        "wrote {} (secret: keep it private) and {} (key id {})",
        args.out.display(),
        public.display(),
        key.public().id()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn sign(args: SignArgs) -> anyhow::Result<ExitCode> {
    let key = SecretKey::read(&args.key)?;
    let digest = digest_of(&args.file)?;
    let sig = key.sign(&digest);
    let out = signature_path(&args.file);
    std::fs::write(&out, sig.to_text()).with_context(|| format!("writing {}", out.display()))?;
    println!(
        "signed {} (sha256 {}) with key {} -> {}",
        args.file.display(),
        hex::encode(digest),
        sig.key_id,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn verify(args: VerifyArgs) -> anyhow::Result<ExitCode> {
    let digest = digest_of(&args.file)?;
    let keys = read_keys(&args.keys)?;
    match check(&args.file, &digest, &keys) {
        Ok(line) => {
            println!("{line}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{}: refused: {e}", args.file.display());
            Ok(ExitCode::from(1))
        }
    }
}

/// Public keys named by their file stem (`vendor.pub` → `vendor`).
pub(super) fn read_keys(paths: &[PathBuf]) -> anyhow::Result<Vec<(String, PublicKey)>> {
    paths
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map_or("key".into(), |s| s.to_string_lossy().into_owned());
            Ok((name, PublicKey::read(p)?))
        })
        .collect()
}

/// Verifies FILE.sig against `keys`: which key verified, or why not.
pub(super) fn check(
    file: &Path,
    digest: &[u8; 32],
    keys: &[(String, PublicKey)],
) -> Result<String, palisade::runtime::signature::SignatureError> {
    let sig_path = signature_path(file);
    let sig = SignatureFile::read(&sig_path)?;
    let candidates: Vec<(&str, &PublicKey)> = keys.iter().map(|(n, k)| (n.as_str(), k)).collect();
    let expected = format!(
        "any key given ({})",
        keys.iter()
            .map(|(n, k)| format!("{n} {}", k.id()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let name = sig.verify(&sig_path, digest, &candidates, &expected)?;
    let id = keys
        .iter()
        .find(|(n, _)| n == name)
        .map_or(String::new(), |(_, k)| k.id());
    Ok(format!(
        "verified: {} signed by {name} ({id})",
        file.display()
    ))
}

pub(super) fn digest_of(file: &Path) -> anyhow::Result<[u8; 32]> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    Ok(Sha256::digest(&bytes).into())
}

fn public_path(key: &Path) -> PathBuf {
    let mut name = key.as_os_str().to_os_string();
    name.push(".pub");
    PathBuf::from(name)
}

fn write_new(path: &Path, text: &str, mode: u32) -> anyhow::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(text.as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}
