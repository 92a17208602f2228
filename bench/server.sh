#!/usr/bin/env bash
# Server benchmark for `mops sim serve` (release build, loopback, this machine's 2 cores shared by
# the server and the load generator):
#   1. wrk: unsigned GET /api/v3/ping, then signed GET /sapi/v1/margin/isolatedMarginTier (small
#      answer: mostly the HMAC check) and signed GET /sapi/v1/margin/account (the whole account),
#      HMAC verified per request; same server process, same run, keep-alive connections;
#   2. the same signed request sequence (N sequential GET /sapi/v1/margin/account) through
#      BinanceMargin, the official Python SDK, ccxt, python-binance and bare python-requests.
# Writes bench-results/server.md and prints it.
#
#   bench/server.sh [--duration SECONDS] [--connections N] [--requests N]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=10
connections=16
requests=1000
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --requests) requests="$2"; shift 2 ;;
        *) echo "bench/server.sh: unknown option $1 (use --duration, --connections, --requests)" >&2; exit 2 ;;
    esac
done

command -v wrk >/dev/null || { echo "bench/server.sh: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
"$root/scripts/conformance/setup.sh"
python="$root/scripts/conformance/.venv/bin/python"

echo "building release binaries (first time: several minutes)…" >&2
swift build -c release --product mops --package-path "$root" --scratch-path "$root/.build-release" >&2
swift build -c release --package-path "$root/bench/client-swift" --scratch-path "$root/.build-release-client" >&2
mops="$root/.build-release/release/mops"
client_bench="$root/.build-release-client/release/ClientBench"

work="$(mktemp -d -t mops-bench.XXXXXX)"
# --no-rate-limits: wrk passes Binance's per-minute weight limits in well under a second; the server
# still counts weight and sends the headers, it just never answers 429, so every request is measured.
"$mops" sim serve --host 127.0.0.1 --port 0 --no-rate-limits >"$work/serve.log" 2>&1 &
server=$!
cleanup() { kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

field() { sed -n "s/^ *$1 *\([^ ]*\).*/\1/p" "$work/serve.log" | head -n 1; }
for _ in $(seq 1 100); do url="$(field 'Base URL')"; [[ -n "$url" ]] && break; sleep 0.1; done
[[ -n "${url:-}" ]] || { cat "$work/serve.log" >&2; exit 1; }
key="$(field 'API key')"; secret="$(field 'API secret')"

run_wrk() { # name, wrk args… → "name requests/s non2xx"
    local name="$1"; shift
    local out; out="$(wrk -t2 -c"$connections" -d"${duration}s" "$@")"
    local rps; rps="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")"
    local bad; bad="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")"
    echo "$name $rps ${bad:-0}"
}

export WRK_API_KEY="$key"
echo /api/v3/ping >"$work/ping.txt"
wrk_ping="$(WRK_TARGETS="$work/ping.txt" run_wrk ping -s "$root/bench/wrk-targets.lua" "$url")"
"$python" "$root/bench/signed_paths.py" "$secret" 2000 /sapi/v1/margin/account >"$work/signed.txt"
wrk_signed="$(WRK_TARGETS="$work/signed.txt" run_wrk signed -s "$root/bench/wrk-targets.lua" "$url")"
"$python" "$root/bench/signed_paths.py" "$secret" 2000 /sapi/v1/margin/isolatedMarginTier symbol=BTCUSDT >"$work/tier.txt"
wrk_tier="$(WRK_TARGETS="$work/tier.txt" run_wrk tier -s "$root/bench/wrk-targets.lua" "$url")"

clients="$("$python" "$root/bench/clients.py" "$url" "$key" "$secret" "$requests")"
clients+=$'\n'"$("$client_bench" "$url" "$key" "$secret" "$requests")"

mkdir -p "$root/bench-results"
"$python" - "$wrk_ping" "$wrk_signed" "$wrk_tier" "$clients" "$duration" "$connections" "$requests" >"$root/bench-results/server.md" <<'PY'
import sys
from decimal import Decimal, ROUND_HALF_EVEN

ping, signed, tier, clients, duration, connections, n = sys.argv[1:8]
def wrk(line):
    name, rps, bad = line.split()
    return Decimal(rps), int(bad)
ping_rps, ping_bad = wrk(ping)
signed_rps, signed_bad = wrk(signed)
tier_rps, tier_bad = wrk(tier)
q = lambda d, places="0.01": d.quantize(Decimal(places), rounding=ROUND_HALF_EVEN)
print(f"## mops sim serve on loopback (release, wrk -t2 -c{connections} -d{duration}s)\n")
print("| request | requests/s | non-2xx | vs ping |")
print("|---|---:|---:|---:|")
print(f"| GET /api/v3/ping (unsigned) | {q(ping_rps, '1')} | {ping_bad} | 1.00 |")
print(f"| GET /sapi/v1/margin/isolatedMarginTier (HMAC-signed, small answer) | {q(tier_rps, '1')} | {tier_bad} | {q(tier_rps / ping_rps)} |")
print(f"| GET /sapi/v1/margin/account (HMAC-signed, whole cross account) | {q(signed_rps, '1')} | {signed_bad} | {q(signed_rps / ping_rps)} |")
rows = [line.split() for line in clients.strip().splitlines()]
times = {name: Decimal(seconds) for name, seconds, _ in rows}
base = times["binancemargin"]
print(f"\n## {n} sequential signed GET /sapi/v1/margin/account per client (one kept-alive session)\n")
print("| client | total s | ms/request | time vs BinanceMargin |")
print("|---|---:|---:|---:|")
for name in ["binancemargin", "python-requests", "binance-sdk", "ccxt", "python-binance"]:
    if name in times:
        t = times[name]
        print(f"| {name} | {q(t, '0.001')} | {q(t * 1000 / int(n), '0.001')} | {q(t / base)}× |")
PY
cat "$root/bench-results/server.md"
