#!/usr/bin/env bash
# Load benchmark for `palisade serve`, side by side with the ceiling of the
# HTTP path on this machine: nginx answering a static 204 to the same
# requests. Builds nothing: uses target/release/palisade (override with
# PALISADE_BIN). Needs wrk and nginx (Debian: apt-get install wrk nginx).
#
#   tests/load/run.sh                 # 64 connections, 15 s per target
#   CONNECTIONS=128 DURATION=30s tests/load/run.sh
#
# Goals (issue 4): at 64 connections, zero errors, p99 under 5 ms, and at
# least 50% of the nginx-static throughput. Exits 1 if a goal is missed.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)

# shellcheck source=tests/load/common.sh
. "$ROOT/tests/load/common.sh"
SERVE_ARGS=${SERVE_ARGS:-}
need "apt-get install wrk nginx; cargo build --release" wrk "$NGINX" "$BIN"
make_bodies

# nginx: a static 204 for the same POSTs, same worker count as Palisade's.
NGINX_PORT=$(free_port)
mkdir -p "$WORK/nginx"
{ nginx_head; cat <<CONF
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { return 204; }
  }
}
CONF
} > "$WORK/nginx/nginx.conf"
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)

# palisade serve with the default policy.
# shellcheck disable=SC2086
start_palisade $SERVE_ARGS
wait_for "127.0.0.1:$NGINX_PORT"

run() {  # name url duration
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency -s "$ROOT/tests/load/decide.lua" "$2" -- "$WORK/bodies.jsonl" \
    > "$WORK/$1.wrk" 2>&1 || { cat "$WORK/$1.wrk" >&2; exit 2; }
  grep '^RESULT ' "$WORK/$1.wrk" | sed "s/^RESULT /RESULT target=$1 /"
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }

echo "machine: $(nproc) cores, $(uname -r); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $BODIES distinct bodies, ${BODY_BYTES} B mean"
echo "palisade: $PALISADE_ADDR ($(basename "$POLICY")) $SERVE_ARGS; nginx: 127.0.0.1:$NGINX_PORT (static 204)"
run warmup-nginx "http://127.0.0.1:$NGINX_PORT/v1/decide" "$WARMUP" >/dev/null
run warmup-palisade "http://$PALISADE_ADDR/v1/decide" "$WARMUP" >/dev/null
NGINX_RESULT=$(run nginx-static-204 "http://127.0.0.1:$NGINX_PORT/v1/decide" "$DURATION")
PALISADE_RESULT=$(run palisade-decide "http://$PALISADE_ADDR/v1/decide" "$DURATION")
echo "$NGINX_RESULT"
echo "$PALISADE_RESULT"

NR=$(field "$NGINX_RESULT" rps); PR=$(field "$PALISADE_RESULT" rps)
awk -v n="$NGINX_RESULT" -v p="$PALISADE_RESULT" -v nr="$NR" -v pr="$PR" 'BEGIN {
  printf "\n%-18s %10s %9s %9s %9s %8s %8s\n", "target", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "vs nginx"
}
function f(line, key,   m) { match(line, " " key "=[0-9.]+"); return substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2) }
function row(name, line) { printf "%-18s %10.0f %9.3f %9.3f %9.3f %8d %7.1f%%\n", name, f(line, "rps"), f(line, "p50_us")/1000, f(line, "p99_us")/1000, f(line, "max_us")/1000, f(line, "errors"), 100 * f(line, "rps") / nr }
END { row("nginx static 204", n); row("palisade decide", p) }' </dev/null

# The server's own view: decisions by action, plugin failures.
curl -fsS "http://$PALISADE_ADDR/metrics" 2>/dev/null | grep -E '^palisade_(decisions_total|plugin_failures_total|http_requests_total)' | grep -v ' 0$' || true

P99=$(field "$PALISADE_RESULT" p99_us); ERR=$(field "$PALISADE_RESULT" errors)
awk -v pr="$PR" -v nr="$NR" -v p99="$P99" -v err="$ERR" 'BEGIN {
  ok = (err == 0) && (p99 < 5000) && (pr >= 0.5 * nr)
  printf "\ngoals: errors 0 (%s), p99 < 5 ms (%s), >= 50%% of nginx (%s): %s\n",
    (err == 0 ? "yes" : "NO"), (p99 < 5000 ? "yes" : "NO"), (pr >= 0.5 * nr ? "yes" : "NO"), (ok ? "met" : "MISSED")
  exit ok ? 0 : 1
}'
