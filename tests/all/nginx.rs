//! End to end behind a real nginx (Debian's package) with `auth_request`:
//! nginx asks `palisade serve` about each request and refuses a campaign-
//! like one at the proxy while passing a normal one to a small upstream.
//!
//! nginx's `auth_request` never forwards the request body to the check
//! (the subrequest gets an empty one), so the prompt reaches Palisade only
//! when the body is handed over explicitly: the configuration reads it with
//! one line of the Lua module (Debian: libnginx-mod-http-lua) and sends it
//! with `proxy_set_body`. Without it, Palisade decides on headers alone
//! (second test). The configuration generated here is the one documented
//! in README.md (`palisade serve`).
//!
//! Skipped, loudly, only when no nginx binary is installed.

// Test helpers are not `#[test]` functions, so the workspace lints need
// telling that failing loudly is what they are for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::server::{HARVEST, NORMAL, Response, Server, default_policy, override_policy, request};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LUA_MODULES: [&str; 2] = [
    "/usr/lib/nginx/modules/ndk_http_module.so",
    "/usr/lib/nginx/modules/ngx_http_lua_module.so",
];

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

/// The nginx configuration used by the tests and shown in README.md (`palisade serve`).
/// `forward_body` adds the Lua line and `proxy_set_body` that hand the
/// request body to Palisade.
pub fn nginx_conf(
    dir: &Path,
    listen: u16,
    palisade: SocketAddr,
    upstream: SocketAddr,
    forward_body: bool,
) -> String {
    let d = dir.display();
    let modules = if forward_body {
        LUA_MODULES
            .iter()
            .map(|m| format!("load_module {m};\n"))
            .collect::<String>()
    } else {
        String::new()
    };
    let read_body = if forward_body {
        "      # auth_request sends no body: read it now and hand it over below.\n      \
         set $palisade_body \"\";\n      \
         rewrite_by_lua_block { ngx.req.read_body(); ngx.var.palisade_body = ngx.req.get_body_data() or \"\" }\n"
    } else {
        ""
    };
    let send_body = if forward_body {
        "      proxy_method POST;\n      proxy_pass_request_body off;\n      proxy_set_body $palisade_body;\n"
    } else {
        "      proxy_pass_request_body off;\n      proxy_set_header Content-Length \"\";\n"
    };
    format!(
        r#"{modules}daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log info;
events {{ worker_connections 256; }}
http {{
  access_log off;
  client_body_temp_path {d}/body;
  proxy_temp_path {d}/proxy;
  fastcgi_temp_path {d}/fastcgi;
  uwsgi_temp_path {d}/uwsgi;
  scgi_temp_path {d}/scgi;

  upstream palisade {{ server {palisade}; keepalive 16; }}
  upstream app {{ server {upstream}; }}

  server {{
    listen 127.0.0.1:{listen};
    client_max_body_size 2m;
    client_body_buffer_size 2m;   # keep bodies in memory for the check

    location / {{
{read_body}      auth_request /_palisade;
      auth_request_set $palisade_status $upstream_status;
      auth_request_set $palisade_action $upstream_http_x_palisade_action;
      auth_request_set $palisade_decision $upstream_http_x_palisade_decision_id;
      auth_request_set $palisade_retry_after $upstream_http_retry_after;
      auth_request_set $palisade_refusal $upstream_http_x_palisade_body;
      auth_request_set $palisade_max_tokens $upstream_http_x_palisade_max_output_tokens;
      auth_request_set $palisade_strip $upstream_http_x_palisade_strip_reasoning;
      error_page 403 = @palisade_refused;
      error_page 500 = @palisade_error;

      # Directives for the upstream (allow and log).
      proxy_set_header X-Palisade-Action $palisade_action;
      proxy_set_header X-Palisade-Decision-Id $palisade_decision;
      proxy_set_header X-Palisade-Max-Output-Tokens $palisade_max_tokens;
      proxy_set_header X-Palisade-Strip-Reasoning $palisade_strip;
      proxy_pass http://app;
    }}

    location = /_palisade {{
      internal;
      proxy_pass http://palisade/v1/authz;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
{send_body}    }}

    # challenge / block: 403 with Palisade's JSON reason.
    location @palisade_refused {{
      default_type application/json;
      return 403 $palisade_refusal;
    }}
    # auth_request turns any status but 2xx/401/403 into 500: restore
    # throttle's 429 and Retry-After; anything else means Palisade is
    # unreachable or overloaded (fail closed here; proxy_pass to fail open).
    location @palisade_error {{
      default_type application/json;
      if ($palisade_status = 429) {{
        add_header Retry-After $palisade_retry_after always;
        return 429 $palisade_refusal;
      }}
      return 503 '{{"error":"decision service unavailable"}}';
    }}
  }}
}}
"#
    )
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
            for module in LUA_MODULES {
                assert!(
                    Path::new(module).exists(),
                    "nginx is installed but {module} is not: apt-get install libnginx-mod-http-lua"
                );
            }
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
        let mut child = Command::new(binary)
            .arg("-p")
            .arg(dir)
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

fn post_chat(nginx: &Nginx, account: &str, prompt: &str) -> Response {
    request(
        nginx.addr(),
        "POST",
        "/v1/chat/completions",
        &[
            ("content-type", "application/json"),
            ("x-account-id", account),
        ],
        chat(prompt).as_bytes(),
    )
}

#[test]
fn nginx_auth_request_refuses_a_campaign_request_and_passes_a_normal_one() {
    let Some(binary) =
        nginx_or_skip("nginx_auth_request_refuses_a_campaign_request_and_passes_a_normal_one")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("decisions.jsonl");
    let mut palisade = Server::start(
        &default_policy(),
        &[
            "--decision-log",
            log.to_str().unwrap(),
            "--decision-log-input",
            "full",
        ],
    );
    let (up, seen) = upstream();
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, true);

    // A normal request goes through, body intact, with Palisade's verdict attached.
    let r = post_chat(&nginx, "acct-normal", NORMAL);
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
    }

    // A chain-of-thought harvesting request is refused at the proxy.
    let r = post_chat(&nginx, "acct-harvest", HARVEST);
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
    palisade.signal("TERM");
    palisade.wait_exit(Duration::from_secs(10)).unwrap();
    let records: Vec<Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    let harvest = &records[1];
    assert_eq!(harvest["endpoint"], "authz");
    assert_eq!(harvest["decision_id"], refusal["decision_id"]);
    assert_eq!(harvest["input"]["account"]["id"], "acct-harvest");
    assert_eq!(harvest["input"]["client"]["ip"], "127.0.0.1");
    assert_eq!(harvest["input"]["request"]["route"], "/v1/chat/completions");
    assert_eq!(harvest["input"]["request"]["prompt"], HARVEST);
    assert_eq!(harvest["input"]["request"]["max_output_tokens"], 1024);
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

    // Headers only: the account header maps, the prompt is not seen.
    let palisade = Server::start(&default_policy(), &[]);
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, false);
    let r = post_chat(&nginx, "acct-h", HARVEST);
    assert_eq!(
        r.status,
        200,
        "without the body the prompt cannot be judged: {}",
        r.text()
    );
    assert_eq!(seen.lock().unwrap()[0].body, chat(HARVEST));
    let m = palisade.metrics();
    assert_eq!(
        crate::server::metric(&m, "palisade_authz_bodies_total", &[("body", "absent")]),
        1.0,
        "{m}"
    );
    drop(nginx);
    drop(palisade);

    // A policy that blocks: 403 with Palisade's JSON reason, relayed by nginx.
    let dir = tempfile::tempdir().unwrap();
    let palisade = Server::start(&override_policy(dir.path(), "block"), &[]);
    let nginx = Nginx::start(&binary, dir.path(), palisade.addr, up, false);
    let r = post_chat(&nginx, "acct-b", NORMAL);
    assert_eq!(r.status, 403, "{}\n{}", r.text(), nginx.error_log());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let refusal = r.json();
    assert_eq!(refusal["action"], "block");
    assert_eq!(refusal["policy"], "override-block@1.0.0");
    assert_eq!(seen.lock().unwrap().len(), 1);

    // Palisade down: nginx fails closed with 503.
    drop(palisade);
    let r = post_chat(&nginx, "acct-b", NORMAL);
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(seen.lock().unwrap().len(), 1);
}
