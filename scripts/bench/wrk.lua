-- wrk script: send the site's Host header and, when done, print one JSON line with the
-- figures the report needs (latencies in microseconds).
wrk.headers["Host"] = os.getenv("BENCH_HOST") or "localhost"

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_us": %d, "rps": %.2f, ' ..
      '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"non2xx": %d, "errors": %d}\n',
      summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
      errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
