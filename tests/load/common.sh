# Shared by tests/load/run.sh and tests/load/proxy.sh: settings, tool
# checks, processes to clean up, free ports, readiness, generated request
# bodies, and starting Palisade. Expects ROOT to be set by the caller.

BIN=${PALISADE_BIN:-$ROOT/target/release/palisade}
POLICY=${POLICY:-$ROOT/policies/default.toml}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

need() {  # hint tool...
  local hint=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool ($hint)" >&2; exit 2; }
  done
}

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Below Linux's ephemeral range (32768+), where a load run leaves thousands
# of TIME-WAIT sockets that make a later bind() fail.
free_port() {
  local port
  for port in $(shuf -i 20000-32000 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port" >&2; exit 2
}

wait_for() {  # host:port
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${1##*:}") 2>/dev/null; then return; fi
    sleep 0.1
  done
  echo "nothing listening on $1" >&2; exit 2
}

# Realistic bodies: generated traffic (benign populations and campaigns),
# without the ground-truth label, in $WORK/bodies.jsonl.
make_bodies() {
  "$BIN" gen --seed 42 --scale 0.02 --output "$WORK/traffic.jsonl"
  sed 's/,"label":"[^"]*"}$/}/' "$WORK/traffic.jsonl" > "$WORK/bodies.jsonl"
  BODIES=$(wc -l < "$WORK/bodies.jsonl")
  BODY_BYTES=$(awk '{ s += length($0) } END { printf "%d", s / NR }' "$WORK/bodies.jsonl")
}

# Starts `palisade serve` on a free port with $POLICY and any further
# arguments; sets PALISADE_ADDR.
start_palisade() {
  "$BIN" serve --policy "$POLICY" --listen 127.0.0.1:0 --state-dir "$WORK/state" "$@" \
    > "$WORK/serve.out" 2> "$WORK/serve.err" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    grep -q '^listening on ' "$WORK/serve.out" 2>/dev/null && break
    sleep 0.1
  done
  PALISADE_ADDR=$(sed -n 's/^listening on //p' "$WORK/serve.out")
  [ -n "$PALISADE_ADDR" ] || { echo "palisade serve did not start:" >&2; cat "$WORK/serve.err" >&2; exit 2; }
}

# nginx.conf's top level (the arguments first, e.g. load_module lines; one
# worker per core, the same as Palisade's) and the start of its http block,
# all paths inside $WORK/nginx. The caller writes its servers and closes the
# http block.
nginx_head() {
  local line
  for line in "$@"; do echo "$line"; done
  cat <<CONF
daemon off;
master_process on;
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  keepalive_requests 1000000;
CONF
}
