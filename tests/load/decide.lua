-- wrk script for tests/load/run.sh: POSTs generated request-features
-- bodies (one JSON object per line of the file given after `--`) in
-- rotation, prebuilt once per wrk thread, and prints one machine-readable
-- RESULT line at the end.
local requests = {}
local n = 0

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
  for line in file:lines() do
    if #line > 0 then
      n = n + 1
      requests[n] = wrk.format("POST", wrk.path, { ["Content-Type"] = "application/json" }, line)
    end
  end
  file:close()
  assert(n > 0, "no request bodies in " .. args[1])
  -- start threads at different offsets so they do not send the same body in step
  n_offset = math.random(n)
end

local i = 0
function request()
  i = i + 1
  return requests[(i + n_offset) % n + 1]
end

function done(summary, latency, _)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors, e.connect, e.read, e.write, e.status, e.timeout))
end
