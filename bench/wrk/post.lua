-- POSTs a JSON body read from a file, for bench/server-load.sh.
--   wrk ... -s bench/wrk/post.lua URL -- PATH BODY_FILE
-- The API key comes from the environment (CREDSTACK_BENCH_KEY), so that it is not on a command line.
-- When the body contains __SEQ__, every request replaces it with a value unique to the run
-- (thread number and a counter), so that each request carries a different credential.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

function init(args)
  path = args[1]
  local file = assert(io.open(args[2], "rb"))
  body = file:read("*a")
  file:close()
  headers = { ["Content-Type"] = "application/json" }
  local key = os.getenv("CREDSTACK_BENCH_KEY")
  if key ~= nil and key ~= "" then
    headers["Authorization"] = "Bearer " .. key
  end
  fresh = body:find("__SEQ__", 1, true) ~= nil
  sequence = 0
  if not fresh then
    fixed = wrk.format("POST", path, headers, body)
  end
end

function request()
  if not fresh then
    return fixed
  end
  sequence = sequence + 1
  local text = body:gsub("__SEQ__", tostring(thread_number) .. "-" .. tostring(sequence))
  return wrk.format("POST", path, headers, text)
end

-- One machine-readable line after wrk's own report (latencies in microseconds).
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
