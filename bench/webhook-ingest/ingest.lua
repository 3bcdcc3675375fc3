-- wrk script: POSTs Alertmanager alerts to one of the two ingest endpoints.
--
--   wrk ... -s ingest.lua URL -- TARGET ALERTS_PER_BODY RUN
--
-- TARGET is "health-monitor" (webhook body, payload version 4) or "alertmanager" (/api/v2/alerts array).
-- Every alert of every request gets its own 16-hex id, used as fingerprint and as the "instance" label:
-- health-monitor drops repeated fingerprints for hours and Alertmanager merges alerts with equal labels,
-- so reused ids would measure the cheap duplicate path instead of real ingest.
-- id = RUN (4 hex) .. thread (2 hex) .. request counter (8 hex) .. alert index (2 hex); RUN differs for
-- every wrk invocation against the same service instance. All parts stay below 2^32, so they format
-- exactly in Lua's double numbers.
--
-- done() prints one line for the harness:
--   RESULT requests=.. seconds=.. rps=.. p50_ms=.. p99_ms=.. non2xx=.. connect=.. read=.. write=.. timeout=.. body_bytes=..
-- and, if any answer was not 2xx, one ERROR_SAMPLE line with the first such status and body.

local threads = {}

-- Runs in the controlling Lua state, once per thread, before the threads start.
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_no", #threads)
end

local target, per_body, run
local counter = 0
local starts_at
non2xx = 0          -- globals, so done() can read them through thread:get()
body_bytes = 0
error_sample = nil

local LABELS = '"labels":{"alertname":"McpBenchAlert","instance":"bench-%s","job":"mcp-gateway","severity":"warning"}'
local ANNOTATIONS = '"annotations":{"summary":"benchmark alert","description":"synthetic alert %s for the ingest benchmark"}'
local GENERATOR = '"generatorURL":"http://127.0.0.1:9090/graph?g0.expr=up%%3D%%3D0"'

-- One alert as health-monitor receives it inside a webhook notification (id, id, startsAt, id).
local HM_ALERT = '{"status":"firing",' .. LABELS .. ',' .. ANNOTATIONS
  .. ',"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",' .. GENERATOR .. ',"fingerprint":"%s"}'
local HM_HEAD = '{"version":"4","groupKey":"{}:{alertname=\\"McpBenchAlert\\"}","truncatedAlerts":0,'
  .. '"status":"firing","receiver":"mcp-dr","groupLabels":{"alertname":"McpBenchAlert"},'
  .. '"commonLabels":{"alertname":"McpBenchAlert","job":"mcp-gateway","severity":"warning"},'
  .. '"commonAnnotations":{"summary":"benchmark alert"},"externalURL":"http://127.0.0.1:9093","alerts":['
-- One alert as a client (Prometheus) posts it to Alertmanager (id, id, startsAt).
local AM_ALERT = '{' .. LABELS .. ',' .. ANNOTATIONS .. ',"startsAt":"%s",' .. GENERATOR .. '}'

function init(args)
  target, per_body, run = args[1], tonumber(args[2]), tonumber(args[3])
  assert(target == "health-monitor" or target == "alertmanager", "unknown target " .. tostring(target))
  assert(per_body and per_body >= 1 and per_body <= 256, "alerts per body must be 1..256")
  assert(run and run >= 0 and run < 65536, "run must be 0..65535")
  starts_at = os.date("!%Y-%m-%dT%H:%M:%SZ")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function body()
  counter = counter + 1
  local prefix = string.format("%04x%02x%08x", run, thread_no, counter)
  local parts = {}
  for i = 1, per_body do
    local id = prefix .. string.format("%02x", i - 1)
    if target == "health-monitor" then
      parts[i] = string.format(HM_ALERT, id, id, starts_at, id)
    else
      parts[i] = string.format(AM_ALERT, id, id, starts_at)
    end
  end
  if target == "health-monitor" then
    return HM_HEAD .. table.concat(parts, ",") .. "]}"
  end
  return "[" .. table.concat(parts, ",") .. "]"
end

function request()
  local b = body()
  body_bytes = #b
  return wrk.format(nil, nil, nil, b)
end

-- Counts every answer outside 2xx (wrk's own status counter only covers >= 400) and keeps the first.
function response(status, headers, resp_body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if not error_sample then
      error_sample = "status=" .. status .. " body=" .. string.sub((resp_body or ""):gsub("%s+", " "), 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local bad, bytes, sample = 0, 0, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    bytes = math.max(bytes, t:get("body_bytes") or 0)
    sample = sample or t:get("error_sample")
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.2f p50_ms=%.3f p99_ms=%.3f non2xx=%d connect=%d read=%d write=%d timeout=%d body_bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad, e.connect, e.read, e.write, e.timeout, bytes))
  if sample then
    io.write("ERROR_SAMPLE " .. sample .. "\n")
  end
end
