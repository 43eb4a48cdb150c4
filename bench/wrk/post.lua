-- POST a JSON item to the URL's path (e.g. /items); 201 is the only expected answer.
-- Prints the RESULT line of ../shared/perf/wrk/by_id.lua plus err_not_201: answers below 400
-- other than 201 (wrk itself counts 4xx/5xx in err_status), so the sum of err_* counts every
-- request that did not create an item.

wrk.method = "POST"
wrk.body = '{"name":"bench-item","price":"12.50","in_stock":true}'
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_201 = 0
end

function response(status, headers, body)
  if status ~= 201 and status < 400 then
    not_201 = not_201 + 1
  end
end

function done(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do
    unexpected = unexpected + (thread:get("not_201") or 0)
  end
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d err_status=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d err_not_201=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, unexpected))
end
