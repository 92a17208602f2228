#!/usr/bin/env bash
# The in-process account-read benchmark, this tree against a baseline commit in the same run:
# N × crossAccount() on the client, N × `let x = marginLevel`, and N × (`sim price` + `marginLevel`),
# a stand-in for one replayed minute. Both builds run the same bench source (bench/account-read),
# alternately, and the ratios compare them.
# Usage: bench/account-read.sh [N] [runs]   (default 20000 3)
# Environment: BASE (default d68f0d7, main before issue 14's speed work); BASE_DIR, where the baseline
# tree is unpacked and built (default /tmp/mops-account-read-$BASE, kept and reused between runs).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-20000}"
RUNS="${2:-3}"
BASE="${BASE:-d68f0d7}"
BASE_DIR="${BASE_DIR:-/tmp/mops-account-read-$BASE}"

# The baseline: the commit's tree (git archive: no worktree registered) with this bench's source.
if [ ! -f "$BASE_DIR/Package.swift" ]; then
    mkdir -p "$BASE_DIR"
    git -C "$ROOT" archive "$BASE" | tar -x -C "$BASE_DIR"
fi
rm -rf "$BASE_DIR/bench/account-read/Sources" && mkdir -p "$BASE_DIR/bench/account-read"
cp -R "$ROOT/bench/account-read/Package.swift" "$ROOT/bench/account-read/Sources" "$BASE_DIR/bench/account-read/"

build() { (cd "$1/bench/account-read" && swift build -c release >&2 && echo "$(swift build -c release --show-bin-path)/AccountReadBench"); }
BASE_BIN="$(build "$BASE_DIR")"
HEAD_BIN="$(build "$ROOT")"

OUT="$(mktemp)"
echo "# in-process account reads, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# baseline $BASE ($(git -C "$ROOT" rev-parse --short "$BASE")), current $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- Sources || echo '+changes')"
for round in 1 2; do
    BENCH_LABEL=baseline "$BASE_BIN" "$N" "$RUNS" | tee -a "$OUT"
    BENCH_LABEL=current "$HEAD_BIN" "$N" "$RUNS" | tee -a "$OUT"
done
# The best of both rounds per build and figure, and current/baseline.
awk '{ key = $2; w = $3; c = $6
       if (!(($1, key) in wall) || w < wall[$1, key]) wall[$1, key] = w
       if (!(($1, key) in cpu) || c < cpu[$1, key]) cpu[$1, key] = c; names[key] = 1 }
     END { for (k in names) if (k != "script_loop_only")
             printf "%s: baseline %.2f µs, current %.2f µs wall (%.1fx faster); cpu %.2f → %.2f µs (%.1fx)\n", k,
                    wall["baseline", k], wall["current", k], wall["baseline", k] / wall["current", k],
                    cpu["baseline", k], cpu["current", k], cpu["baseline", k] / cpu["current", k] }' "$OUT" | sort
rm -f "$OUT"
