//! Signed plugins and `palisade plugin keygen | sign | verify | inspect`:
//! every refusal (changed byte, missing, stripped or malformed `.sig`,
//! another key) is made before compilation and says which it is; and the
//! grant checks of `check` name the plugin and the field.

use crate::common::*;
use palisade::runtime::signature::{SecretKey, SignatureFile};
use std::path::{Path, PathBuf};

/// A directory with a copy of the reasoning plugin (`p.wasm`), a vendor key
/// and an unrelated key, and the plugin signed by the vendor.
struct Signed {
    dir: tempfile::TempDir,
}

impl Signed {
    fn new() -> Signed {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(plugin("reasoning"), dir.path().join("p.wasm")).unwrap();
        std::fs::create_dir(dir.path().join("keys")).unwrap();
        for key in ["vendor", "other"] {
            let out = dir.path().join("keys").join(key);
            succeed(palisade().args(["plugin", "keygen", "--out"]).arg(&out));
        }
        let s = Signed { dir };
        s.sign_with("vendor");
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn sign_with(&self, key: &str) {
        succeed(
            palisade()
                .args(["plugin", "sign"])
                .arg(self.path("p.wasm"))
                .arg("--key")
                .arg(self.path(&format!("keys/{key}"))),
        );
    }

    /// Writes a policy around `p.wasm` with `trust` and the plugin's extra
    /// keys, and runs `check` on it: (exit code, stdout, stderr).
    fn check(&self, trust: &str, plugin_extra: &str) -> (i32, String, String) {
        let policy = format!(
            r#"
[policy]
name = "signed"
version = "1"

{trust}

[[plugin]]
name = "reasoning"
wasm = "p.wasm"
{plugin_extra}

[scoring]
ladder = [{{ score = 0.5, action = "log" }}]
"#
        );
        std::fs::write(self.path("policy.toml"), policy).unwrap();
        let out = palisade()
            .args(["check", "--no-cache", "--policy"])
            .arg(self.path("policy.toml"))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `check` under `require_signatures` and `signed_by = "vendor"`,
    /// which must refuse with `expected` in its message, before compiling.
    fn refused(&self, expected: &str) {
        let (code, _, stderr) = self.check(VENDOR_TRUST, r#"signed_by = "vendor""#);
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains(expected), "want {expected:?} in: {stderr}");
        assert!(
            stderr.contains("plugin.reasoning.signed_by"),
            "names the setting: {stderr}"
        );
        assert!(
            !stderr.contains("WebAssembly"),
            "refused before compiling: {stderr}"
        );
    }
}

const VENDOR_TRUST: &str = r#"
[trust]
require_signatures = true
[trust.keys]
vendor = "keys/vendor.pub"
"#;

fn key_id(pub_file: &Path) -> String {
    palisade::runtime::signature::PublicKey::read(pub_file)
        .unwrap()
        .id()
}

#[test]
fn a_plugin_signed_by_the_named_key_loads() {
    let s = Signed::new();
    let (code, stdout, stderr) = s.check(VENDOR_TRUST, r#"signed_by = "vendor""#);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("plugin reasoning:"), "{stdout}");
}

#[test]
fn keygen_writes_a_private_secret_key_and_refuses_to_overwrite_it() {
    use std::os::unix::fs::PermissionsExt;
    let s = Signed::new();
    let mode = std::fs::metadata(s.path("keys/vendor"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let again = palisade()
        .args(["plugin", "keygen", "--out"])
        .arg(s.path("keys/vendor"))
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not overwriting"));
}

#[test]
fn a_changed_byte_is_refused_as_tampered() {
    let s = Signed::new();
    let mut bytes = std::fs::read(s.path("p.wasm")).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(s.path("p.wasm"), bytes).unwrap();
    s.refused("signature does not verify: the file changed after it was signed");
}

#[test]
fn a_missing_signature_is_refused() {
    let s = Signed::new();
    std::fs::remove_file(s.path("p.wasm.sig")).unwrap();
    s.refused("missing signature");
}

#[test]
fn a_signature_by_another_key_is_refused_as_the_wrong_key() {
    let s = Signed::new();
    s.sign_with("other");
    let other = key_id(&s.path("keys/other.pub"));
    s.refused(&format!(
        "wrong key: signed by key {other}, which is not the key `vendor`"
    ));
}

#[test]
fn a_stripped_signature_is_refused() {
    let s = Signed::new();
    std::fs::write(s.path("p.wasm.sig"), "").unwrap();
    s.refused("stripped signature");
    // The JSON left, the signature taken out.
    s.sign_with("vendor");
    let mut sig: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("p.wasm.sig")).unwrap()).unwrap();
    sig.as_object_mut().unwrap().remove("signature");
    std::fs::write(s.path("p.wasm.sig"), sig.to_string()).unwrap();
    s.refused("stripped signature");
}

#[test]
fn a_malformed_signature_file_is_refused() {
    let s = Signed::new();
    std::fs::write(s.path("p.wasm.sig"), "-----BEGIN SIGNATURE-----\n").unwrap();
    s.refused("malformed signature file");
    s.sign_with("vendor");
    let mut sig: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.path("p.wasm.sig")).unwrap()).unwrap();
    sig["signature"] = serde_json::json!("bm90IGEgc2lnbmF0dXJl");
    std::fs::write(s.path("p.wasm.sig"), sig.to_string()).unwrap();
    s.refused("not 64 bytes of base64");
}

#[test]
fn require_signatures_covers_plugins_without_signed_by_and_accepts_inline_keys() {
    let s = Signed::new();
    let inline = std::fs::read_to_string(s.path("keys/vendor.pub")).unwrap();
    let trust = format!(
        "[trust]\nrequire_signatures = true\n[trust.keys]\nvendor = \"{}\"\n",
        inline.trim()
    );
    let (code, _, stderr) = s.check(&trust, "");
    assert_eq!(code, 0, "{stderr}");
    std::fs::remove_file(s.path("p.wasm.sig")).unwrap();
    let (code, _, stderr) = s.check(&trust, "");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("plugin.reasoning.wasm") && stderr.contains("missing signature"),
        "{stderr}"
    );
    // Unsigned plugins load when nothing asks for a signature.
    let (code, _, stderr) = s.check("", "");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn trust_mistakes_are_named() {
    let s = Signed::new();
    let (code, _, stderr) = s.check(
        "[trust]\nrequire_signatures = true\n",
        r#"signed_by = "nobody""#,
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("trust.require_signatures: no key is trusted"),
        "{stderr}"
    );
    assert!(stderr.contains("signed_by: no key \"nobody\""), "{stderr}");
    let (code, _, stderr) = s.check("[trust.keys]\nvendor = \"keys/missing.pub\"\n", "");
    assert_eq!(code, 1);
    assert!(stderr.contains("trust.keys.vendor"), "{stderr}");
}

#[test]
fn plugin_verify_says_which_check_failed() {
    let s = Signed::new();
    let verify = |key: &str| {
        palisade()
            .args(["plugin", "verify"])
            .arg(s.path("p.wasm"))
            .arg("--pub")
            .arg(s.path(key))
            .output()
            .unwrap()
    };
    let ok = verify("keys/vendor.pub");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("signed by vendor"));
    let wrong = verify("keys/other.pub");
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("wrong key"));
}

#[test]
fn plugin_inspect_shows_what_a_plugin_is() {
    let s = Signed::new();
    let cache = tempfile::tempdir().unwrap();
    let inspect = || {
        let out = succeed(
            palisade()
                .args(["plugin", "inspect", "--json", "--cache-dir"])
                .arg(cache.path().join("c"))
                .arg(s.path("p.wasm"))
                .arg("--pub")
                .arg(s.path("keys/vendor.pub")),
        );
        serde_json::from_slice::<serde_json::Value>(&out).unwrap()
    };
    let doc = inspect();
    let bytes = std::fs::read(s.path("p.wasm")).unwrap();
    use sha2::Digest;
    assert_eq!(doc["sha256"], hex::encode(sha2::Sha256::digest(&bytes)));
    assert_eq!(doc["size"], bytes.len());
    assert_eq!(doc["name"], "reasoning");
    assert_eq!(doc["reads"], serde_json::json!(["prompt", "system_prompt"]));
    assert!(doc["uses_aggregates"].is_boolean());
    assert!(
        doc["interface"]
            .as_str()
            .unwrap()
            .starts_with("palisade:detector/detector@")
    );
    let exports = doc["exports"].as_array().unwrap();
    assert!(exports.iter().any(|e| {
        e.as_str()
            .unwrap()
            .starts_with("palisade:detector/detector@")
    }));
    assert!(doc["imports"].as_array().is_some());
    assert_eq!(doc["signature"]["status"], "verified", "{doc:#}");
    assert_eq!(doc["cache"]["status"], "not cached");
    // The first inspect compiled it into the cache.
    assert_eq!(inspect()["cache"]["status"], "cached");

    let text = String::from_utf8(succeed(
        palisade()
            .args(["plugin", "inspect", "--no-cache"])
            .arg(s.path("p.wasm")),
    ))
    .unwrap();
    assert!(text.contains("reads      prompt, system_prompt"), "{text}");
    assert!(text.contains("signature  unchecked"), "{text}");
}

#[test]
fn check_warns_about_fields_granted_but_not_declared_and_declared_but_not_granted() {
    let policy = |grants: &str| misbehave_policy("ok", &format!("grants = {grants}"));
    let warnings = |grants: &str| {
        let (_dir, path) = write_policy(&policy(grants));
        let out = succeed(
            palisade()
                .args(["check", "--no-cache", "--json", "--policy"])
                .arg(&path),
        );
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let text = String::from_utf8(succeed(
            palisade()
                .args(["check", "--no-cache", "--policy"])
                .arg(&path),
        ))
        .unwrap();
        (doc["warnings"].as_array().unwrap().clone(), text)
    };
    // The misbehaving plugin declares `prompt` only.
    let (w, text) = warnings(r#"["prompt", "client_ip"]"#);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0]["plugin"], "subject");
    assert_eq!(w[0]["field"], "client_ip");
    assert_eq!(w[0]["kind"], "granted-not-declared");
    assert!(text.contains("warning: plugin.subject.grants: `client_ip` is granted but the plugin does not declare it"), "{text}");
    let (w, text) = warnings("[]");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (&w[0]["field"], &w[0]["kind"]),
        (
            &serde_json::json!("prompt"),
            &serde_json::json!("declared-not-granted")
        )
    );
    assert!(text.contains("add \"prompt\" to grants"), "{text}");
    assert!(warnings(r#"["prompt"]"#).0.is_empty());
}

/// The figure for issue 13: what checking a signature adds to loading a
/// 10 MB plugin. The loader hashes every plugin anyway (pins, cache key),
/// so the signature adds one ed25519 verification; both are printed.
/// `cargo test --release -p palisade --test all -- signature_cost --nocapture`
#[test]
fn signature_cost_for_a_10_mb_plugin_is_printed() {
    use sha2::Digest;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let bytes: Vec<u8> = (0..10 << 20)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let key = SecretKey::generate().unwrap();
    let public = key.public();
    let started = std::time::Instant::now();
    let digest: [u8; 32] = sha2::Sha256::digest(&bytes).into();
    let hashed = started.elapsed();
    let sig: SignatureFile = key.sign(&digest);
    let rounds = 100;
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        sig.verify(
            Path::new("x.sig"),
            &digest,
            &[("vendor", &public)],
            "vendor",
        )
        .unwrap();
    }
    let verify = started.elapsed() / rounds;
    println!(
        "10 MB plugin: sha256 {:.2} ms (done for every plugin anyway), signature verification {:.1} µs",
        hashed.as_secs_f64() * 1e3,
        verify.as_secs_f64() * 1e6
    );
}
