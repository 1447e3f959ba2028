-- wrk script for tests/load/proxy.sh: sends generated API requests (one per
-- line of the file given after `--`: the route, then `name: value` headers,
-- then the JSON body, tab-separated) in rotation, counts the proxy's 403 and
-- 429 refusals (expected for campaign traffic), and prints one RESULT line.
local requests = {}
local n = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  refused, throttled, other = 0, 0, 0
  local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
  for line in file:lines() do
    local fields = {}
    for field in string.gmatch(line, "[^\t]+") do
      fields[#fields + 1] = field
    end
    if #fields >= 2 then
      local headers = { ["Content-Type"] = "application/json" }
      for k = 2, #fields - 1 do
        local name, value = string.match(fields[k], "^([^:]+): (.*)$")
        if name then headers[name] = value end
      end
      n = n + 1
      requests[n] = wrk.format("POST", fields[1], headers, fields[#fields])
    end
  end
  file:close()
  assert(n > 0, "no requests in " .. args[1])
  n_offset = math.random(n)
end

local i = 0
function request()
  i = i + 1
  return requests[(i + n_offset) % n + 1]
end

function response(status)
  if status == 403 then
    refused = refused + 1
  elseif status == 429 then
    throttled = throttled + 1
  elseif status >= 300 then
    other = other + 1
  end
end

function done(summary, latency, _)
  local r, t, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    r = r + thread:get("refused")
    t = t + thread:get("throttled")
    o = o + thread:get("other")
  end
  local e = summary.errors
  -- Refusals are answers; only transport errors and other statuses count.
  local errors = e.connect + e.read + e.write + e.timeout + o
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d seconds=%.2f rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d errors=%d refused=%d throttled=%d other=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    errors, r, t, o))
end
