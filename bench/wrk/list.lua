-- GET the URL's own path (e.g. /items?limit=50&offset=0) on every request
-- and print the same RESULT line as ../shared/perf/wrk/by_id.lua.

function done(summary, latency, requests)
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f requests=%d err_status=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
