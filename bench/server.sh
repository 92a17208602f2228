#!/usr/bin/env bash
# Server benchmark for `mops sim serve` (release build, loopback, this machine's 2 cores shared by
# the server and the load generator):
#   1. wrk (requests/s, p50 and p99 latency, ratio to ping): unsigned GET /api/v3/ping, then signed
#      GET /sapi/v1/margin/isolatedMarginTier (small answer: mostly the HMAC check), signed
#      GET /sapi/v1/margin/account (the whole account) and signed order placement + cancel
#      (POST and DELETE /sapi/v1/margin/order alternately), HMAC verified per request; same server
#      process, same run, keep-alive connections;
#   2. unless --skip-clients: the same signed request sequence (N sequential GET
#      /sapi/v1/margin/account) through BinanceMargin, the official Python SDK, ccxt, python-binance
#      and bare python-requests.
# Writes bench-results/server.md and prints it.
#
#   bench/server.sh [--duration SECONDS] [--connections N] [--requests N] [--skip-clients]
#   (MOPS=path/to/mops uses that release binary instead of building one in .build-release)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration=10
connections=16
requests=1000
run_clients=yes
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        --requests) requests="$2"; shift 2 ;;
        --skip-clients) run_clients=no; shift ;;
        *) echo "bench/server.sh: unknown option $1 (use --duration, --connections, --requests, --skip-clients)" >&2; exit 2 ;;
    esac
done
# Pre-signed targets carry recvWindow=60000 and are written just before their run.
(( duration <= 45 )) || { echo "bench/server.sh: --duration is at most 45 (pre-signed requests stay valid for 60 s)" >&2; exit 2; }

command -v wrk >/dev/null || { echo "bench/server.sh: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
"$root/scripts/conformance/setup.sh"
python="$root/scripts/conformance/.venv/bin/python"

echo "building release binaries (first time: several minutes)…" >&2
if [[ -n "${MOPS:-}" ]]; then
    mops="$MOPS"   # an already built release mops (as bench/durable.sh takes it)
else
    swift build -c release --product mops --package-path "$root" --scratch-path "$root/.build-release" >&2
    mops="$root/.build-release/release/mops"
fi
[[ "$run_clients" == no ]] || swift build -c release --package-path "$root/bench/client-swift" --scratch-path "$root/.build-release-client" >&2
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

run_wrk() { # name, wrk args… → "name requests/s non2xx p50 p99" (latencies as wrk prints them: 812.00us, 1.20ms)
    local name="$1"; shift
    local out; out="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$@")"
    local rps; rps="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")"
    local bad; bad="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")"
    local p50; p50="$(sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p' <<<"$out")"
    local p99; p99="$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' <<<"$out")"
    echo "$name $rps ${bad:-0} $p50 $p99"
}

export WRK_API_KEY="$key"
echo /api/v3/ping >"$work/ping.txt"
wrk_ping="$(WRK_TARGETS="$work/ping.txt" run_wrk ping -s "$root/bench/wrk-targets.lua" "$url")"
"$python" "$root/bench/signed_paths.py" "$secret" 2000 /sapi/v1/margin/account >"$work/signed.txt"
wrk_signed="$(WRK_TARGETS="$work/signed.txt" run_wrk signed -s "$root/bench/wrk-targets.lua" "$url")"
"$python" "$root/bench/signed_paths.py" "$secret" 2000 /sapi/v1/margin/isolatedMarginTier symbol=BTCUSDT >"$work/tier.txt"
wrk_tier="$(WRK_TARGETS="$work/tier.txt" run_wrk tier -s "$root/bench/wrk-targets.lua" "$url")"
# One stream per wrk thread (-t2): 30,000 placements, each cancelled 128 requests later.
for thread in 0 1; do
    "$python" "$root/bench/order_targets.py" "$secret" 30000 128 "bench${thread}x" >"$work/orders.$thread.txt"
done
wrk_orders="$(WRK_TARGETS="$work/orders.{thread}.txt" run_wrk orders -s "$root/bench/wrk-targets.lua" "$url")"

clients=""
if [[ "$run_clients" == yes ]]; then
    clients="$("$python" "$root/bench/clients.py" "$url" "$key" "$secret" "$requests")"
    clients+=$'\n'"$("$client_bench" "$url" "$key" "$secret" "$requests")"
fi

mkdir -p "$root/bench-results"
"$python" - "$wrk_ping" "$wrk_tier" "$wrk_signed" "$wrk_orders" "$clients" "$duration" "$connections" "$requests" \
    >"$root/bench-results/server.md" <<'PY'
import sys
from decimal import Decimal, ROUND_HALF_EVEN

ping, tier, signed, orders, clients, duration, connections, n = sys.argv[1:9]
UNITS = {"us": Decimal("0.001"), "ms": Decimal(1), "s": Decimal(1000), "m": Decimal(60000)}
def milliseconds(text):
    number = text.rstrip("usm")
    return Decimal(number) * UNITS[text[len(number):]]
def wrk(line):
    name, rps, bad, p50, p99 = line.split()
    return Decimal(rps), int(bad), milliseconds(p50), milliseconds(p99)
q = lambda d, places="0.01": d.quantize(Decimal(places), rounding=ROUND_HALF_EVEN)
ping_rps = wrk(ping)[0]
print(f"## mops sim serve on loopback (release, wrk -t2 -c{connections} -d{duration}s --latency)\n")
print("| request | requests/s | p50 ms | p99 ms | non-2xx | vs ping |")
print("|---|---:|---:|---:|---:|---:|")
for label, line in [
    ("GET /api/v3/ping (unsigned)", ping),
    ("GET /sapi/v1/margin/isolatedMarginTier (HMAC-signed, small answer)", tier),
    ("GET /sapi/v1/margin/account (HMAC-signed, whole cross account)", signed),
    ("POST + DELETE /sapi/v1/margin/order (HMAC-signed placement and cancel, alternately)", orders),
]:
    rps, bad, p50, p99 = wrk(line)
    print(f"| {label} | {q(rps, '1')} | {q(p50, '0.001')} | {q(p99, '0.001')} | {bad} | {q(rps / ping_rps)} |")
rows = [line.split() for line in clients.strip().splitlines()]
if rows:
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
