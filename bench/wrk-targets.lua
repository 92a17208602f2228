-- wrk script: cycles through request targets (one per line in $WRK_TARGETS: pre-signed, or plain),
-- each sent with $WRK_API_KEY in X-MBX-APIKEY.
--
-- bench/server.sh starts the server with --no-rate-limits, so no request is refused for weight
-- and nothing else is mixed into the measured stream; wrk's "Non-2xx" count shows any refusal.
local targets = {}
local key = os.getenv("WRK_API_KEY") or ""
for line in io.lines(os.getenv("WRK_TARGETS")) do targets[#targets + 1] = line end
local i = 0

request = function()
  i = i % #targets + 1
  return wrk.format("GET", targets[i], { ["X-MBX-APIKEY"] = key })
end
