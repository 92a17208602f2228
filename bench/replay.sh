#!/usr/bin/env bash
# The replay benchmark: a year of generated 1-minute candles (525,600; bench/replay/generate.py, seeded)
# through a guard script that reads marginLevel every simulated minute (bench/replay/guard.mops), with
# the release build of mops: wall time, peak memory, and the time to read the file alone.
# Usage: bench/replay.sh [candles]   (default 525600; the target is ≤ 5 s for a year)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-525600}"
if [ -n "${MOPS_BINARY:-}" ]; then
    BIN="$MOPS_BINARY"   # an already built mops (e.g. to check this script with a debug build)
else
    swift build -c release --product mops --package-path "$ROOT" >&2
    BIN="$(swift build -c release --show-bin-path --package-path "$ROOT")/mops"
fi
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
FILE="$DIR/BTCUSDT-1m-2024.csv"
python3 "$ROOT/bench/replay/generate.py" "$N" > "$FILE"
echo "# mops replay benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $N candles ($(du -m "$FILE" | cut -f1) MB)"
# Reading and checking the file alone: a script that ends at its first statement.
echo 'print 1' > "$DIR/read.mops"
/usr/bin/time -f "read_only_seconds %e  peak_rss_kb %M" "$BIN" run --replay "$FILE" "$DIR/read.mops" > /dev/null 2> "$DIR/read.err" || { cat "$DIR/read.err"; exit 1; }
grep read_only_seconds "$DIR/read.err"
# The engine alone: one `sim advance` through the whole year (every path point, fill check, liquidation check,
# interest hour and sample), no script statements per minute.
printf 'borrow 2000 USDT\nsim advance 366d\n' > "$DIR/engine.mops"
/usr/bin/time -f "engine_only_seconds %e  peak_rss_kb %M" "$BIN" run --replay "$FILE" "$DIR/engine.mops" > /dev/null 2> "$DIR/engine.err" || { cat "$DIR/engine.err"; exit 1; }
grep engine_only_seconds "$DIR/engine.err"
/usr/bin/time -f "replay_seconds %e  peak_rss_kb %M" "$BIN" run --replay "$FILE" "$ROOT/bench/replay/guard.mops" > "$DIR/out.txt" 2> "$DIR/err.txt" || { cat "$DIR/err.txt"; exit 1; }
grep replay_seconds "$DIR/err.txt"
awk -v n="$N" '/^replay_seconds/ { printf "per_simulated_minute_us %.2f\n", $2 * 1e6 / n }' "$DIR/err.txt"
head -3 "$DIR/out.txt"
