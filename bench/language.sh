#!/usr/bin/env bash
# The mops language benchmark: parse MB/s, pure arithmetic statements/s and statements/s against
# the in-process simulator, each beside python3 running the same loop with `decimal` in the same run.
# Usage: bench/language.sh [iterations]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/language"
N="${1:-1000000}"
swift build -c release --product LanguageBench >&2
BIN="$(swift build -c release --show-bin-path)/LanguageBench"
echo "# mops language benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
"$BIN" "$N" | tee /tmp/mops-language-bench.txt
python3 - "$N" <<'PY' | tee -a /tmp/mops-language-bench.txt
import sys, time
from decimal import Decimal
n = int(sys.argv[1])
def run():
    i = Decimal(0); s = Decimal(0); half = Decimal("0.5"); limit = Decimal(n)
    while i < limit:
        s = s + i * half
        i = i + 1
    return s
best = min((lambda t0: (run(), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(3))
steps = 3 * n + 1
print("python_decimal_statements_per_s %.0f statements/s (%.1f ns/statement, %.1f ns/iteration)" % (steps / best, best * 1e9 / steps, best * 1e9 / n))
PY
awk '/^arithmetic_statements_per_s/ {m=$2} /^python_decimal_statements_per_s/ {p=$2} END { if (p > 0) printf "ratio mops/python (arithmetic statements/s): %.2f\n", m / p }' /tmp/mops-language-bench.txt
