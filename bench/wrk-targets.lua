-- wrk script: cycles through request targets, each sent with $WRK_API_KEY in X-MBX-APIKEY.
--
-- $WRK_TARGETS names a file with one request per line: `PATH?QUERY` (a GET) or `METHOD PATH?QUERY`
-- (pre-signed, or plain). A `{thread}` in the name is replaced by the wrk thread's number (0, 1, …),
-- so each thread can replay its own stream (bench/order_targets.py writes one per thread: a thread's
-- cancels follow its own placements, and two threads never place the same client order id).
--
-- bench/server.sh starts the server with --no-rate-limits, so no request is refused for weight
-- and nothing else is mixed into the measured stream; wrk's "Non-2xx" count shows any refusal.
local threads = 0

function setup(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end

local targets = {}
local key = os.getenv("WRK_API_KEY") or ""
local i = 0

function init(args)
  local file = string.gsub(os.getenv("WRK_TARGETS"), "{thread}", tostring(thread_number or 0))
  for line in io.lines(file) do
    local method, target = string.match(line, "^(%u+) (.*)$")
    targets[#targets + 1] = wrk.format(method or "GET", target or line, { ["X-MBX-APIKEY"] = key })
  end
end

function request()
  i = i % #targets + 1
  return targets[i]
end
