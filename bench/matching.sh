#!/usr/bin/env bash
# The matching benchmark: orders/s through a deep order book (5,000 levels a side, 2,000 resting user
# orders) in process on the signed request path, beside /api/v3/ping, in one release run.
# Usage: bench/matching.sh [orders] [resting]   (default 2000 2000)
set -euo pipefail
cd "$(dirname "$0")/matching"
swift build -c release --product MatchingBench >&2
BIN="$(swift build -c release --show-bin-path)/MatchingBench"
"$BIN" "${1:-2000}" "${2:-2000}"
