#!/usr/bin/env bash
# The durable-state benchmark: order+cancel writes/s with --state (journal, group commit) beside in
# memory, after 200 and after 100,000 orders, start-up time and memory, in one release run.
# Usage: bench/durable.sh [long-history-orders] [pairs] [concurrency]   (default 100000 300 16)
set -euo pipefail
cd "$(dirname "$0")/durable"
swift build -c release --product DurableBench >&2
BIN="$(swift build -c release --show-bin-path)/DurableBench"
"$BIN" "${1:-100000}" "${2:-300}" "${3:-16}"
