//! End to end behind a real nginx (Debian's package) with `auth_request`:
//! nginx asks `palisade serve` about each request and refuses a campaign-
//! like one at the proxy while passing a normal one to a small upstream.
//!
//! The configuration is the one in README.md ("Behind nginx"): the tests
//! read that block and change only ports, paths and the proxy secret
//! ([`nginx_conf`]), so the documented file is the tested file. It sets
//! identity from the API key (a `map` standing in for the key→account
//! lookup) and passes the check no client header, so the client's own
//! `X-Account-Id` is never believed (the trust model in README.md).
//!
//! nginx's `auth_request` never forwards the request body to the check
//! (the subrequest gets an empty one), so the prompt reaches Palisade only
//! when the body is handed over explicitly: the configuration reads it with
//! one line of the Lua module (Debian: libnginx-mod-http-lua, loaded through
//! /etc/nginx/modules-enabled) and sends it with `proxy_set_body`. Without
//! the lines marked ▲, Palisade decides on headers alone (last test).
//!
//! Skipped, loudly, only when no nginx binary is installed.

// Test helpers are not `#[test]` functions, so the workspace lints need
// telling that failing loudly is what they are for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::server::{
    HARVEST, NORMAL, Response, Server, default_policy, override_policy, request, write,
};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Debian's stock module layout: the lua package drops its `load_module`
/// lines here, and the README configuration includes them.
const MODULES_ENABLED: &str = "/etc/nginx/modules-enabled/50-mod-http-lua.conf";

/// The secret the tests give Palisade (`[authz] proxy_secret_file`) and nginx.
const SECRET: &str = "test-proxy-secret-4f9c2a7e1b";

/// API keys the README configuration maps to accounts.
const ALICE: &str = "sk-test-alice";
const BOB: &str = "sk-test-bob";

fn nginx_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin".into(), "/usr/local/sbin".into()])
        .map(|dir| dir.join("nginx"))
        .find(|p| p.is_file())
}

/// The nginx binary, or `None` after a loud skip message.
fn nginx_or_skip(test: &str) -> Option<PathBuf> {
    let found = nginx_binary();
    if found.is_none() {
        eprintln!(
            "\n*** SKIPPED {test}: no nginx binary on PATH or in /usr/sbin. \
             Install it (Debian: apt-get install nginx libnginx-mod-http-lua) to run the proxy end-to-end tests. ***\n"
        );
    }
    found
}

/// The nginx block of README.md's "Behind nginx" section.
fn readme_conf() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("PALISADE_ROOT")).join("README.md")).unwrap();
    let section = readme
        .split_once("### Behind nginx")
        .expect("README.md has a \"Behind nginx\" section")
        .1;
    let block = section
        .split_once("```nginx\n")
        .expect("the section has an nginx block")
        .1;
    block.split_once("```").unwrap().0.to_string()
}

/// `text` with `from` replaced by `to`, which must occur exactly once (so
/// an edit of the README that the tests no longer match fails loudly).
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "README.md's nginx configuration should contain {from:?} once"
    );
    text.replacen(from, to, 1)
}

/// The README configuration with this test's ports, paths and secret;
/// without `forward_body`, the lines marked ▲ (the Lua module's) left out.
pub fn nginx_conf(
    dir: &Path,
    listen: u16,
    palisade: SocketAddr,
    upstream: SocketAddr,
    forward_body: bool,
) -> String {
    let d = dir.display();
    let mut conf = readme_conf();
    if !forward_body {
        conf = conf
            .lines()
            .filter(|l| !l.contains('▲'))
            .map(|l| format!("{l}\n"))
            .collect();
    }
    conf = replace_once(&conf, "listen 80;", &format!("listen 127.0.0.1:{listen};"));
    conf = replace_once(
        &conf,
        "server 127.0.0.1:8080;",
        &format!("server {palisade};"),
    );
    conf = replace_once(
        &conf,
        "server 127.0.0.1:9000;",
        &format!("server {upstream};"),
    );
    conf = replace_once(&conf, "paste-the-proxy_secret_file-contents-here", SECRET);
    conf = replace_once(
        &conf,
        "worker_processes auto;",
        &format!(
            "worker_processes 1;\ndaemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log info;"
        ),
    );
    replace_once(
        &conf,
        "http {\n",
        &format!(
            "http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  \
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n"
        ),
    )
}

/// `palisade serve` with `policy`, the proxy secret and `args`.
fn palisade(policy: &Path, args: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "proxy-secret", &format!("{SECRET}\n"));
    let config = format!(
        "[authz]\nproxy_secret_file = {:?}\n",
        secret.to_str().unwrap()
    );
    let server = Server::with_config(policy, &config, args);
    drop(dir);
    server
}

/// A running nginx, killed on drop.
struct Nginx {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Nginx {
    fn start(
        binary: &Path,
        dir: &Path,
        palisade: SocketAddr,
        upstream: SocketAddr,
        forward_body: bool,
    ) -> Nginx {
        if forward_body {
            assert!(
                Path::new(MODULES_ENABLED).exists(),
                "nginx is installed but {MODULES_ENABLED} is not: apt-get install libnginx-mod-http-lua"
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let conf = dir.join("nginx.conf");
        std::fs::write(
            &conf,
            nginx_conf(dir, port, palisade, upstream, forward_body),
        )
        .unwrap();
        // nginx's own prefix (Debian: /usr/share/nginx, where `modules`
        // links to /usr/lib/nginx/modules), as the stock layout has it.
        let mut child = Command::new(binary)
            .arg("-e")
            .arg(dir.join("error.log"))
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = child.try_wait().unwrap() {
                let mut err = String::new();
                child
                    .stderr
                    .take()
                    .unwrap()
                    .read_to_string(&mut err)
                    .unwrap();
                let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
                panic!("nginx exited ({status}):\n{err}\n{log}");
            }
            assert!(Instant::now() < deadline, "nginx did not listen on {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            child,
            port,
            dir: dir.to_path_buf(),
        }
    }

    fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the upstream saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A tiny upstream that records each request and answers 200 `upstream ok`.
fn upstream() -> (SocketAddr, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let log = log.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let path = line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_string();
                let mut headers = Vec::new();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).is_err() || h.trim_end().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.trim_end().split_once(':') {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                }
                let length = headers
                    .iter()
                    .find(|(k, _)| k == "content-length")
                    .and_then(|(_, v)| v.parse().ok())
                    .unwrap_or(0);
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                log.lock().unwrap().push(Seen {
                    path,
                    headers,
                    body: String::from_utf8_lossy(&body).into_owned(),
                });
                let _ = reader
                    .get_mut()
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 11\r\nconnection: close\r\n\r\nupstream ok");
            });
        }
    });
    (addr, seen)
}

fn chat(prompt: &str) -> String {
    serde_json::json!({
        "model": "frontier-1",
        "max_tokens": 1024,
        "messages": [{ "role": "user", "content": prompt }],
    })
    .to_string()
}

/// POSTs a chat request with `headers` (the API key among them).
fn post_chat(nginx: &Nginx, headers: &[(&str, &str)], prompt: &str) -> Response {
    let mut all = vec![("content-type", "application/json")];
    all.extend_from_slice(headers);
    request(
        nginx.addr(),
        "POST",
        "/v1/chat/completions",
        &all,
        chat(prompt).as_bytes(),
    )
}

/// Stops `palisade` (which flushes its decision log) and returns the log.
fn decision_log(palisade: &mut Server, log: &Path) -> Vec<Value> {
    palisade.signal("TERM");
    palisade.wait_exit(Duration::from_secs(10)).unwrap();
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Palisade on the shipped policy, logging every decision in full to
/// `dir/decisions.jsonl` (returned with it).
fn logged_palisade(dir: &Path) -> (PathBuf, Server) {
    let log = dir.join("decisions.jsonl");
    let log_arg = log.to_str().unwrap();
    let server = palisade(
        &default_policy(),
        &["--decision-log", log_arg, "--decision-log-input", "full"],
    );
    (log, server)
}

#[test]
fn the_readme_nginx_config_is_complete_and_loads_on_debians_module_layout() {
    let Some(binary) =
        nginx_or_skip("the_readme_nginx_config_is_complete_and_loads_on_debians_module_layout")
    else {
        return;
    };
    let readme = readme_conf();
    assert!(readme.contains("\nevents {}\n"), "{readme}");
    assert!(
        readme.contains("include /etc/nginx/modules-enabled/*.conf;"),
        "modules load the Debian way, not by a load_module path: {readme}"
    );
    assert!(!readme.contains("load_module"), "{readme}");
    assert!(
        Path::new(MODULES_ENABLED).exists(),
        "apt-get install libnginx-mod-http-lua"
    );
    let dir = tempfile::tempdir().unwrap();
    let any: SocketAddr = "127.0.0.1:9".parse().unwrap();
    for forward_body in [true, false] {
        let conf = dir.path().join(format!("nginx-{forward_body}.conf"));
        std::fs::write(&conf, nginx_conf(dir.path(), 1, any, any, forward_body)).unwrap();
        let out = Command::new(&binary)
            .arg("-t")
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .arg("-c")
            .arg(&conf)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "nginx -t (forward_body {forward_body}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn nginx_auth_request_refuses_a_campaign_request_and_passes_a_normal_one() {
    let Some(binary) =
        nginx_or_skip("nginx_auth_request_refuses_a_campaign_request_and_passes_a_normal_one")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (log, mut palisade) = logged_palisade(dir.path());
    let (up, seen) = upstream();
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, true);

    // A normal request goes through, body intact, with Palisade's verdict attached.
    let bearer = format!("Bearer {BOB}");
    let r = post_chat(&nginx, &[("authorization", &bearer)], NORMAL);
    assert_eq!(r.status, 200, "{}\n{}", r.text(), nginx.error_log());
    assert_eq!(r.text(), "upstream ok");
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].path, "/v1/chat/completions");
        assert_eq!(
            seen[0].body,
            chat(NORMAL),
            "the upstream gets the original body"
        );
        assert_eq!(seen[0].header("x-palisade-action"), Some("allow"));
        assert!(seen[0].header("x-palisade-decision-id").is_some());
        assert_eq!(seen[0].header("x-account-id"), Some("acct-bob"));
    }

    // A chain-of-thought harvesting request is refused at the proxy.
    let r = post_chat(&nginx, &[("x-api-key", ALICE)], HARVEST);
    assert_eq!(r.status, 429, "{}\n{}", r.text(), nginx.error_log());
    assert_eq!(r.header("retry-after"), Some("30"));
    let refusal: Value = r.json();
    assert_eq!(refusal["action"], "throttle");
    assert_eq!(refusal["policy"], crate::common::default_label());
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the refused request never reached the upstream"
    );

    // Palisade saw the prompt, the route and the account through nginx.
    let records = decision_log(&mut palisade, &log);
    assert_eq!(records.len(), 2);
    let harvest = &records[1];
    assert_eq!(harvest["endpoint"], "authz");
    assert_eq!(harvest["decision_id"], refusal["decision_id"]);
    assert_eq!(harvest["input"]["account"]["id"], "acct-alice");
    assert_eq!(harvest["input"]["account"]["tier"], "pro");
    assert_eq!(harvest["input"]["client"]["ip"], "127.0.0.1");
    assert_eq!(harvest["input"]["request"]["route"], "/v1/chat/completions");
    assert_eq!(harvest["input"]["request"]["prompt"], HARVEST);
    assert_eq!(harvest["input"]["request"]["max_output_tokens"], 1024);
}

#[test]
fn a_client_cannot_choose_the_identity_palisade_sees_through_nginx() {
    let Some(binary) =
        nginx_or_skip("a_client_cannot_choose_the_identity_palisade_sees_through_nginx")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (log, mut palisade) = logged_palisade(dir.path());
    let (up, _seen) = upstream();
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, true);

    // Alice's key with Bob's account and forged identity headers.
    let forged = [
        ("x-account-id", "acct-bob"),
        ("x-account-tier", "enterprise"),
        ("x-account-org", "bigcorp"),
        ("x-payment-fingerprint", "card-of-bob"),
        ("x-client-country", "ZZ"),
        ("x-forwarded-for", "203.0.113.99"),
        ("x-palisade-proxy-secret", "guess"),
    ];
    let bearer = format!("Bearer {ALICE}");
    let mut headers = vec![("authorization", bearer.as_str())];
    headers.extend_from_slice(&forged);
    let r = post_chat(&nginx, &headers, NORMAL);
    assert_eq!(r.status, 200, "{}\n{}", r.text(), nginx.error_log());
    // Rotating the forged account on every request changes nothing either.
    for i in 0..5 {
        let rotated = format!("acct-rotated-{i}");
        let r = post_chat(
            &nginx,
            &[("authorization", &bearer), ("x-account-id", &rotated)],
            NORMAL,
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    // No key: no account, whatever the client claims (counted per client IP).
    let r = post_chat(&nginx, &[("x-account-id", "acct-bob")], NORMAL);
    assert_eq!(r.status, 200, "{}", r.text());
    // Palisade's port without the proxy's secret: refused, not decided.
    let direct = request(
        palisade.addr,
        "POST",
        "/v1/authz",
        &[("x-account-id", "acct-bob")],
        b"",
    );
    assert_eq!(direct.status, 403, "{}", direct.text());

    let records = decision_log(&mut palisade, &log);
    assert_eq!(records.len(), 7, "the direct request is not decided");
    let first = &records[0]["input"];
    assert_eq!(first["account"]["id"], "acct-alice");
    assert_eq!(first["account"]["tier"], "pro");
    assert!(first["account"].get("org").is_none(), "{first}");
    assert!(
        first["account"].get("payment_fingerprint").is_none(),
        "{first}"
    );
    assert!(first["client"].get("country").is_none(), "{first}");
    assert_eq!(
        first["client"]["ip"], "127.0.0.1",
        "not the forged X-Forwarded-For"
    );
    let accounts: Vec<&Value> = records
        .iter()
        .map(|r| &r["input"]["account"]["id"])
        .collect();
    assert!(
        accounts[..6].iter().all(|a| *a == "acct-alice"),
        "one account, so one set of counts, however the header rotates: {accounts:?}"
    );
    assert_eq!(accounts[6], "ip:127.0.0.1");
}

#[test]
fn the_policys_directive_headers_reach_the_upstream_and_forged_ones_do_not() {
    let Some(binary) =
        nginx_or_skip("the_policys_directive_headers_reach_the_upstream_and_forged_ones_do_not")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let policy = write(
        dir.path(),
        "headers.toml",
        "[policy]\nname = \"headers\"\nversion = \"1.0.0\"\noverride_action = \"allow\"\n\n\
         [actions.allow]\nheaders = { \"x-palisade-tier\" = \"gold\", \"x-model-route\" = \"small pool/2\" }\n",
    );
    let palisade = palisade(&policy, &[]);
    let (up, seen) = upstream();
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, true);
    let r = post_chat(
        &nginx,
        &[
            ("x-api-key", ALICE),
            ("x-palisade-tier", "platinum"),
            ("x-palisade-action", "allow"),
            ("x-palisade-forged", "1"),
        ],
        NORMAL,
    );
    assert_eq!(r.status, 200, "{}\n{}", r.text(), nginx.error_log());
    let seen = seen.lock().unwrap();
    let upstream = &seen[0];
    assert_eq!(
        upstream.header("x-palisade-tier"),
        Some("gold"),
        "{upstream:?}"
    );
    assert_eq!(upstream.header("x-model-route"), Some("small pool/2"));
    assert_eq!(upstream.header("x-palisade-action"), Some("allow"));
    assert_eq!(upstream.header("x-palisade-forged"), None, "{upstream:?}");
    assert_eq!(
        upstream
            .headers
            .iter()
            .filter(|(k, _)| k == "x-palisade-tier")
            .count(),
        1,
        "{upstream:?}"
    );
}

#[test]
fn nginx_auth_request_without_the_body_decides_on_headers_and_relays_refusals() {
    let Some(binary) =
        nginx_or_skip("nginx_auth_request_without_the_body_decides_on_headers_and_relays_refusals")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (up, seen) = upstream();

    // Headers only: the account maps from the key, the prompt is not seen.
    let palisade_h = palisade(&default_policy(), &[]);
    let nginx = Nginx::start(&binary, dir.path(), palisade_h.addr, up, false);
    let r = post_chat(&nginx, &[("x-api-key", ALICE)], HARVEST);
    assert_eq!(
        r.status,
        200,
        "without the body the prompt cannot be judged: {}",
        r.text()
    );
    assert_eq!(seen.lock().unwrap()[0].body, chat(HARVEST));
    let m = palisade_h.metrics();
    assert_eq!(
        crate::server::metric(&m, "palisade_authz_bodies_total", &[("body", "absent")]),
        1.0,
        "{m}"
    );
    drop(nginx);
    drop(palisade_h);

    // A policy that blocks: 403 with Palisade's JSON reason, relayed by nginx.
    let dir = tempfile::tempdir().unwrap();
    let palisade_b = palisade(&override_policy(dir.path(), "block"), &[]);
    let nginx = Nginx::start(&binary, dir.path(), palisade_b.addr, up, false);
    let r = post_chat(&nginx, &[("x-api-key", BOB)], NORMAL);
    assert_eq!(r.status, 403, "{}\n{}", r.text(), nginx.error_log());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let refusal = r.json();
    assert_eq!(refusal["action"], "block");
    assert_eq!(refusal["policy"], "override-block@1.0.0");
    assert_eq!(seen.lock().unwrap().len(), 1);

    // Palisade down: nginx fails closed with 503.
    drop(palisade_b);
    let r = post_chat(&nginx, &[("x-api-key", BOB)], NORMAL);
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(seen.lock().unwrap().len(), 1);
}
