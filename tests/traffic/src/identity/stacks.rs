//! Client software stacks: user agents and the TLS fingerprints they produce.
//!
//! Many accounts share a popular stack's fingerprint (Chrome, python-httpx), so a shared fingerprint alone
//! proves nothing; a rare scripted-client fingerprint shared across accounts is the strong link.

use crate::dist::{Rng, pick, range};
use rand::Rng as _;
use std::borrow::Cow;

/// User agent template (`{v}` takes a version) with the versions seen, and the TLS fingerprint of that stack.
pub(crate) struct Stack {
    pub ua: &'static str,
    pub versions: &'static [&'static str],
    pub tls: &'static str,
}

const fn s(ua: &'static str, versions: &'static [&'static str], tls: &'static str) -> Stack {
    Stack { ua, versions, tls }
}

const CHROMIUM_TLS: &str = "t13d1516h2_8daaf6152771_02713d6af862";
const CHROME_V: &[&str] = &[
    "140.0.0.0",
    "141.0.0.0",
    "142.0.0.0",
    "142.0.0.0",
    "143.0.0.0",
];
/// Client stacks: browsers first, then SDKs and HTTP libraries, then coding agents.
#[rustfmt::skip]
pub(crate) static STACKS: &[Stack] = &[
    s("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v} Safari/537.36", CHROME_V, CHROMIUM_TLS),
    s("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v} Safari/537.36", CHROME_V, CHROMIUM_TLS),
    s("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v} Safari/537.36 Edg/{v}", CHROME_V, CHROMIUM_TLS),
    s("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v} Mobile Safari/537.36", CHROME_V, "t13d1516h2_8daaf6152771_e5627efa2ab1"),
    s("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{v}) Gecko/20100101 Firefox/{v}", &["143.0", "144.0", "145.0"], "t13d1715h2_5b57614c22b0_3d5424432f57"),
    s("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{v} Safari/605.1.15", &["18.6", "26.0", "26.1"], "t13d2014h2_a09f3c656075_14788d8d241b"),
    s("Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{v} Mobile/15E148 Safari/604.1", &["18.6", "26.0", "26.1"], "t13d2014h2_a09f3c656075_14788d8d241b"),
    s("frontier-sdk-python/{v}", &["1.3.0", "1.4.1", "1.4.2", "1.5.0"], "t13d1812h2_e8a523a41297_b00751acaffa"),
    s("frontier-sdk-typescript/{v}", &["0.9.4", "0.10.0", "0.10.2"], "t13d1011h2_61a7ad8aa9b6_3a8073edd8ef"),
    s("python-httpx/{v}", &["0.27.2", "0.28.1"], "t13d1812h2_e8a523a41297_b00751acaffa"),
    s("python-requests/{v}", &["2.31.0", "2.32.3", "2.32.5"], "t13d1812h1_e8a523a41297_b00751acaffa"),
    s("axios/{v}", &["1.7.9", "1.12.2"], "t13d1011h1_61a7ad8aa9b6_3a8073edd8ef"),
    s("node", &["22"], "t13d1011h2_61a7ad8aa9b6_3a8073edd8ef"),
    s("Go-http-client/{v}", &["2.0", "1.1"], "t13d1209h2_5b57614c22b0_f2a3bd4bb1a2"),
    s("curl/{v}", &["8.5.0", "8.14.1", "8.16.0"], "t13d3112h2_e8f1e7e78f70_ce5650b735ce"),
    s("okhttp/{v}", &["4.12.0", "5.1.0"], "t13d1613h2_46e7e9700bed_eca864cca44a"),
    s("Java-http-client/{v}", &["17.0.12", "21.0.8"], "t13d4413h2_1ccd1ae2ee43_ab7e3b40a677"),
    s("codeagent-cli/{v} (external, cli)", &["2.0.14", "2.0.31", "2.1.2"], "t13d1011h2_61a7ad8aa9b6_3a8073edd8ef"),
    s("ide-assistant/{v} (vscode)", &["1.9.2", "1.10.0"], "t13d1011h2_61a7ad8aa9b6_3a8073edd8ef"),
    s("agentkit-python/{v}", &["0.8.3", "0.9.0"], "t13d1812h2_e8a523a41297_b00751acaffa"),
];

/// Indices into [`STACKS`] by family, so populations can say "a browser" or "an SDK".
pub(crate) const BROWSERS: &[usize] = &[0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 6];
/// Desktop browsers an office standardises on (Chrome and Edge on Windows dominate).
pub(crate) const OFFICE_BROWSERS: &[usize] = &[0, 0, 0, 0, 2, 2, 1, 4];
/// SDKs and HTTP libraries used by scripts and services.
pub(crate) const SDKS: &[usize] = &[7, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
/// Coding-agent clients.
pub(crate) const AGENTS: &[usize] = &[17, 17, 18, 19];

/// A concrete user agent and TLS fingerprint for stack `idx`.
pub(crate) fn stack_client(rng: &mut Rng, idx: usize) -> (Cow<'static, str>, Cow<'static, str>) {
    let Some(st) = STACKS.get(idx) else {
        return (
            Cow::Borrowed("curl/8.5.0"),
            Cow::Borrowed("t13d3112h2_e8f1e7e78f70_ce5650b735ce"),
        );
    };
    let v = pick(rng, st.versions);
    (Cow::Owned(st.ua.replace("{v}", v)), Cow::Borrowed(st.tls))
}

/// A random JA4-style fingerprint for a custom scripted client: rare, so sharing it is a strong link.
pub(crate) fn scripted_tls(rng: &mut Rng) -> String {
    let alpn = pick(rng, &["h2", "h1", "h2", "00"]);
    format!(
        "t13d{:02}{:02}{}_{:012x}_{:012x}",
        range(rng, 8, 40),
        range(rng, 6, 18),
        alpn,
        rng.random::<u64>() >> 16,
        rng.random::<u64>() >> 16
    )
}
