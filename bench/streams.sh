#!/usr/bin/env bash
# The streams benchmark: events/s fanned out to 100 WebSocket subscribers over 127.0.0.1, and the time from a
# /sim/price request to its trade event at a subscriber, in one release run (BENCHMARKS.md, docs/streams.md).
# Usage: bench/streams.sh [subscribers] [events] [latency-samples]   (default 100 2000 300)
set -euo pipefail
cd "$(dirname "$0")/streams"
swift build -c release --product StreamBench >&2
BIN="$(swift build -c release --show-bin-path)/StreamBench"
"$BIN" "${1:-100}" "${2:-2000}" "${3:-300}"
