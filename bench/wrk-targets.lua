-- wrk script: cycles through request targets (one per line in $WRK_TARGETS: pre-signed, or plain),
-- each sent with $WRK_API_KEY in X-MBX-APIKEY.
--
-- The simulator enforces Binance's per-minute request-weight limits (6,000 on /api, 12,000 per
-- /sapi endpoint), which a load test passes in well under a second. With $WRK_RESET_EVERY = N > 0,
-- every Nth request of each wrk thread is POST /sim/reset instead, which starts a fresh weight
-- window (and a fresh default account); wrk's "Non-2xx" count shows whether any 429 slipped through.
local targets = {}
local key = os.getenv("WRK_API_KEY") or ""
local reset_every = tonumber(os.getenv("WRK_RESET_EVERY") or "0")
for line in io.lines(os.getenv("WRK_TARGETS")) do targets[#targets + 1] = line end
local i, sent = 0, 0

request = function()
  sent = sent + 1
  if reset_every > 0 and sent % reset_every == 0 then
    return wrk.format("POST", "/sim/reset", { ["Content-Length"] = "0" })
  end
  i = i % #targets + 1
  return wrk.format("GET", targets[i], { ["X-MBX-APIKEY"] = key })
end
