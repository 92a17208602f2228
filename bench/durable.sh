#!/usr/bin/env bash
# The durable-state benchmark, in one run:
#  1. bench/durable (release, in process): order+cancel writes/s with --state (journal, group commit) beside
#     in memory, after 200 and after 100,000 orders, one client and 16; start-up time and memory; the
#     history queries' cost with 1k and 100k records.
#  2. bench/journal_sync.py: one durable commit on this disk — the journal's sync choices and SQLite (WAL).
#  3. bench/durable_http.py: the issue's sequence over HTTP with a Python client, `mops sim serve` in memory
#     vs --state (MOPS=path/to/mops to use a given binary; default: a release build in .build-release, as
#     bench/server.sh makes).
# Usage: bench/durable.sh [long-history-orders] [pairs] [concurrency]   (default 100000 300 16)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/bench/durable"
swift build -c release --product DurableBench >&2
BIN="$(swift build -c release --show-bin-path)/DurableBench"
"$BIN" "${1:-100000}" "${2:-300}" "${3:-16}"
python3 "$root/bench/journal_sync.py" 1000 3
if [[ -z "${MOPS:-}" ]]; then
    swift build -c release --product mops --package-path "$root" --scratch-path "$root/.build-release" >&2
    MOPS="$root/.build-release/release/mops"
fi
python3 -c "import requests" 2>/dev/null || { echo "bench/durable.sh: python3 needs requests (pip install requests)" >&2; exit 1; }
python3 "$root/bench/durable_http.py" "$MOPS" "${2:-300}" 3
