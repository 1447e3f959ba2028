//! Validation of `[trust]` and of each plugin's signature: keys are read
//! and parsed here, and a plugin that must be signed is checked against
//! them before anything compiles it (a refusal says which check failed:
//! missing, stripped or malformed `.sig`, changed bytes, another key).

use super::valid_name;
use crate::policy::error::Problems;
use crate::policy::raw::{RawPlugin, RawPolicy};
use crate::runtime::signature::{PublicKey, SignatureFile, signature_path};
use std::path::Path;

/// The trusted keys of a policy, and whether signatures are required.
pub(super) struct Trust {
    require: bool,
    keys: Vec<(String, PublicKey)>,
}

/// Reads `[trust]`: every key parsed (files relative to `dir`).
pub(super) fn trust(raw: &RawPolicy, dir: &Path, problems: &mut Problems<'_>) -> Trust {
    let mut keys = Vec::new();
    for (name, value) in &raw.trust.keys {
        let field = format!("trust.keys.{name}");
        let at = value.span().start;
        if !valid_name(name) {
            problems.add(
                at,
                field.clone(),
                format!(
                    "{name:?} is not a valid key name; use 1-64 lower-case letters, digits, '-' or '_'"
                ),
            );
        }
        let text = value.get_ref();
        let parsed = if PublicKey::is_inline(text) {
            PublicKey::parse(text, "the inline key")
        } else {
            PublicKey::read(&dir.join(text))
        };
        match parsed {
            Ok(key) => keys.push((name.clone(), key)),
            Err(e) => problems.add(
                at,
                field,
                format!(
                    "{e}; give a file written by `palisade plugin keygen` (KEY.pub, relative to the policy) or an inline \"ed25519:BASE64\" key"
                ),
            ),
        }
    }
    let require = raw
        .trust
        .require_signatures
        .as_ref()
        .is_some_and(|r| *r.get_ref());
    if let Some(r) = &raw.trust.require_signatures
        && *r.get_ref()
        && raw.trust.keys.is_empty()
    {
        problems.add(
            r.span().start,
            "trust.require_signatures",
            "no key is trusted: add the vendors' public keys under [trust.keys] (e.g. vendor = \"keys/vendor.pub\")",
        );
    }
    Trust { require, keys }
}

/// Checks one plugin's signature if the policy asks for one (`signed_by`,
/// or `require_signatures`); `digest` is the sha256 of its bytes. Returns
/// whether it may be loaded.
pub(super) fn check_plugin(
    trust: &Trust,
    p: &RawPlugin,
    wasm_path: &Path,
    digest: &[u8; 32],
    problems: &mut Problems<'_>,
) -> bool {
    let pname = p.name.get_ref();
    let (candidates, expected, at, field) = match &p.signed_by {
        Some(by) => {
            let Some((name, key)) = trust.keys.iter().find(|(n, _)| n == by.get_ref()) else {
                let known: Vec<&str> = trust.keys.iter().map(|(n, _)| n.as_str()).collect();
                problems.add(
                    by.span().start,
                    format!("plugin.{pname}.signed_by"),
                    if known.is_empty() {
                        format!(
                            "no key {:?}: the policy trusts no key; declare it under [trust.keys] (e.g. {} = \"keys/{}.pub\")",
                            by.get_ref(),
                            by.get_ref(),
                            by.get_ref()
                        )
                    } else {
                        format!(
                            "no key {:?} under [trust.keys] (declared: {}); declare it, or name one of those",
                            by.get_ref(),
                            known.join(", ")
                        )
                    },
                );
                return false;
            };
            (
                vec![(name.as_str(), key)],
                format!("the key `{name}` ({}) the policy names", key.id()),
                by.span().start,
                format!("plugin.{pname}.signed_by"),
            )
        }
        None if trust.require => (
            trust.keys.iter().map(|(n, k)| (n.as_str(), k)).collect(),
            format!(
                "any key the policy trusts ({})",
                trust
                    .keys
                    .iter()
                    .map(|(n, k)| format!("{n} {}", k.id()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            p.wasm.span().start,
            format!("plugin.{pname}.wasm"),
        ),
        None => return true,
    };
    if candidates.is_empty() {
        return false; // reported at `require_signatures`
    }
    let sig_path = signature_path(wasm_path);
    let verified = SignatureFile::read(&sig_path)
        .and_then(|sig| sig.verify(&sig_path, digest, &candidates, &expected));
    match verified {
        Ok(name) => {
            tracing::debug!(plugin = %pname, key = name, "signature verified");
            true
        }
        Err(e) => {
            problems.add(at, field, format!("{} refused: {e}", wasm_path.display()));
            false
        }
    }
}
