#!/usr/bin/env bash
# What Palisade costs in the deployment the README describes: wrk → nginx
# (auth_request, body handed over with the Lua module) → palisade /v1/authz,
# then the upstream (an nginx location answering 204). Measured side by side
# with the same nginx proxying to the same upstream without the check. The
# traffic is the generated population as API calls (account, client IP,
# payment and TLS fingerprints as headers; model, prompt, system prompt,
# tools and token cap in the body), so campaign requests are refused at the
# proxy (403/429), which counts as an answer, not an error.
#
# Builds nothing: uses target/release/palisade (override with PALISADE_BIN).
# Needs wrk, nginx, its Lua module and jq
# (Debian: apt-get install wrk nginx libnginx-mod-http-lua jq).
#
#   tests/load/proxy.sh               # 64 connections, 15 s per target
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODULES=/usr/lib/nginx/modules

# shellcheck source=tests/load/common.sh
. "$ROOT/tests/load/common.sh"
need "apt-get install wrk nginx libnginx-mod-http-lua jq; cargo build --release" wrk jq "$NGINX" "$BIN"
[ -f "$MODULES/ngx_http_lua_module.so" ] || { echo "missing: nginx's Lua module (apt-get install libnginx-mod-http-lua)" >&2; exit 2; }
make_bodies

# The features as API calls: route, headers, body (tab-separated).
jq -r '[
  (.request.route // "/v1/messages"),
  "x-request-id: " + .id,
  "x-account-id: " + .account.id,
  (.account.created_ms // empty | "x-account-created-ms: \(.)"),
  (.account.tier // empty | "x-account-tier: " + .),
  (.account.org // empty | "x-account-org: " + .),
  (.account.payment_fingerprint // empty | "x-payment-fingerprint: " + .),
  (.account.email_domain // empty | "x-account-email-domain: " + .),
  "x-forwarded-for: " + .client.ip,
  (.client.asn // empty | "x-client-asn: \(.)"),
  (.client.country // empty | "x-client-country: " + .),
  (.client.user_agent // empty | "user-agent: " + .),
  (.client.tls_fingerprint // empty | "x-tls-fingerprint: " + .),
  ({model: .request.model, prompt: .request.prompt, system: .request.system_prompt,
    max_tokens: .request.max_output_tokens, stream: .request.stream,
    tools: ((.request.tools // []) | map({name: .}))}
   | with_entries(select(.value != null and .value != [])) | tojson)
] | join("\t")' "$WORK/bodies.jsonl" > "$WORK/calls.tsv"

# Palisade: the client IP is the one before nginx's own hop.
cat > "$WORK/serve.toml" <<CONF
[authz.client_ip]
trusted_hops = 1
CONF
start_palisade --config "$WORK/serve.toml"

APP=$(free_port); PLAIN=$(free_port); GUARDED=$(free_port)
while [ "$PLAIN" = "$APP" ]; do PLAIN=$(free_port); done
while [ "$GUARDED" = "$APP" ] || [ "$GUARDED" = "$PLAIN" ]; do GUARDED=$(free_port); done
mkdir -p "$WORK/nginx"
{ nginx_head "load_module $MODULES/ndk_http_module.so;" "load_module $MODULES/ngx_http_lua_module.so;"; cat <<CONF
  upstream palisade { server $PALISADE_ADDR; keepalive 64; }
  upstream app { server 127.0.0.1:$APP; keepalive 64; }

  # The upstream API.
  server {
    listen 127.0.0.1:$APP;
    location / { return 204; }
  }

  # Baseline: nginx proxying to the upstream, no check.
  server {
    listen 127.0.0.1:$PLAIN;
    client_body_buffer_size 2m;
    location / {
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }
  }

  # Guarded: the README's configuration.
  server {
    listen 127.0.0.1:$GUARDED;
    client_max_body_size 2m;
    client_body_buffer_size 2m;
    location / {
      set \$palisade_body "";
      rewrite_by_lua_block { ngx.req.read_body(); ngx.var.palisade_body = ngx.req.get_body_data() or "" }
      auth_request /_palisade;
      auth_request_set \$palisade_status \$upstream_status;
      auth_request_set \$palisade_action \$upstream_http_x_palisade_action;
      auth_request_set \$palisade_decision \$upstream_http_x_palisade_decision_id;
      auth_request_set \$palisade_retry_after \$upstream_http_retry_after;
      auth_request_set \$palisade_refusal \$upstream_http_x_palisade_body;
      error_page 403 = @palisade_refused;
      error_page 500 = @palisade_error;
      proxy_set_header X-Palisade-Action \$palisade_action;
      proxy_set_header X-Palisade-Decision-Id \$palisade_decision;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://app;
    }
    location = /_palisade {
      internal;
      proxy_pass http://palisade/v1/authz;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Original-URI \$request_uri;
      proxy_set_header X-Original-Method \$request_method;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_method POST;
      proxy_pass_request_body off;
      proxy_set_body \$palisade_body;
    }
    location @palisade_refused {
      default_type application/json;
      return 403 \$palisade_refusal;
    }
    location @palisade_error {
      default_type application/json;
      if (\$palisade_status = 429) {
        add_header Retry-After \$palisade_retry_after always;
        return 429 \$palisade_refusal;
      }
      return 503 '{"error":"decision service unavailable"}';
    }
  }
}
CONF
} > "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
wait_for "127.0.0.1:$GUARDED"

run() {  # name port duration
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "$ROOT/tests/load/proxy.lua" "http://127.0.0.1:$2" -- "$WORK/calls.tsv" \
    > "$WORK/$1.wrk" 2>&1 || { cat "$WORK/$1.wrk" >&2; exit 2; }
  grep '^RESULT ' "$WORK/$1.wrk" | sed "s/^RESULT /RESULT target=$1 /"
}

echo "machine: $(nproc) cores, $(uname -r); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $BODIES generated API calls"
echo "nginx → upstream 204, without and with auth_request to palisade $PALISADE_ADDR ($(basename "$POLICY"))"
run warmup-plain "$PLAIN" "$WARMUP" >/dev/null
run warmup-guarded "$GUARDED" "$WARMUP" >/dev/null
PLAIN_RESULT=$(run nginx-proxy "$PLAIN" "$DURATION")
GUARDED_RESULT=$(run nginx-proxy-palisade "$GUARDED" "$DURATION")
echo "$PLAIN_RESULT"
echo "$GUARDED_RESULT"

awk -v a="$PLAIN_RESULT" -v b="$GUARDED_RESULT" 'BEGIN {
  printf "\n%-24s %10s %9s %9s %8s %9s %9s %8s\n", "target", "req/s", "p50 ms", "p99 ms", "errors", "refused", "throttled", "vs plain"
}
function f(line, key,   m) { match(line, " " key "=[0-9.]+"); return substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2) }
function row(name, line, base) { printf "%-24s %10.0f %9.3f %9.3f %8d %9d %9d %7.1f%%\n", name, f(line, "rps"), f(line, "p50_us")/1000, f(line, "p99_us")/1000, f(line, "errors"), f(line, "refused"), f(line, "throttled"), 100 * f(line, "rps") / base }
END { base = f(a, "rps"); row("nginx proxy", a, base); row("nginx proxy + palisade", b, base) }' </dev/null

curl -fsS "http://$PALISADE_ADDR/metrics" 2>/dev/null | grep -E '^palisade_(decisions_total|authz_bodies_total|http_requests_total)' | grep -v ' 0$' || true
