#!/usr/bin/env bash
# Re-makes Fuzz/corpus/sandbox from real-client traffic: runs the conformance suite (official SDK, ccxt,
# python-binance) through a recording proxy in front of `mops sim serve`, then cuts the recording into
# seed inputs of up to 8 consecutive requests each. Everything stays on 127.0.0.1.
#
#   Fuzz/seeds/record-conformance.sh      (needs a built mops: swift build --product mops)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scripts/conformance/setup.sh
work=$(mktemp -d)
trap 'kill $server $proxy 2>/dev/null || true; rm -rf "$work"' EXIT
mops="$(swift build --show-bin-path)/mops"
"$mops" sim serve --host 127.0.0.1 --port 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 300); do grep -qs "Base URL" "$work/serve.log" && break; sleep 0.1; done
upstream=$(sed -nE 's/^ *Base URL +(http[^ ]+).*/\1/p' "$work/serve.log" | head -1)
key=$(sed -nE 's/^ *API key +([^ ]+).*/\1/p' "$work/serve.log" | head -1)
secret=$(sed -nE 's/^ *API secret +([^ ]+).*/\1/p' "$work/serve.log" | head -1)
python3 Fuzz/seeds/recording_proxy.py "$upstream" "$work/port" "$work/traffic.txt" &
proxy=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
MOPS_SIM_URL="http://127.0.0.1:$(cat "$work/port")" MOPS_SIM_API_KEY="$key" MOPS_SIM_API_SECRET="$secret" \
  "${MOPS_CONFORMANCE_VENV:-scripts/conformance/.venv}/bin/python" -m pytest -q -p no:cacheprovider scripts/conformance >/dev/null || true
mkdir -p Fuzz/corpus/sandbox
split -l 8 -d -a 4 "$work/traffic.txt" Fuzz/corpus/sandbox/conformance-
echo "recorded $(wc -l <"$work/traffic.txt") requests into $(ls Fuzz/corpus/sandbox | wc -l) seed files"
