-- wrk script of bench/tail.ts: sends the requests of a file in order, says when it has had the
-- answers it was asked for, and prints the latency percentiles the bench reads.
-- Arguments (after `--`): the requests file (METHOD<TAB>PATH<TAB>BODY per line) and how many
-- answers to wait for.

local requests = {}
local count = 0
local wanted = 0
local sent = 0
local announced = false

function init(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%u+)\t([^\t]*)\t(.*)$")
    if body == "" then
      requests[#requests + 1] = wrk.format(method, path, {})
    else
      requests[#requests + 1] =
        wrk.format(method, path, { ["Content-Type"] = "application/json" }, body)
    end
  end
  wanted = tonumber(args[2])
end

-- The file holds more requests than the answers waited for: wrk goes on sending while it is
-- being stopped. Past the file's end the thread stops (a request is still returned, unsent).
function request()
  sent = sent + 1
  if sent > #requests then
    wrk.thread:stop()
    return requests[#requests]
  end
  return requests[sent]
end

function response(status, headers, body)
  count = count + 1
  if count >= wanted and not announced then
    announced = true
    io.stdout:write("tail: answered\n")
    io.stdout:flush()
  end
end

function done(summary, latency)
  io.stdout:write(string.format(
    "tail: requests=%d non2xx=%d errors=%d p50=%d p90=%d p99=%d p999=%d max=%d\n",
    summary.requests,
    summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
