#!/usr/bin/env bash
# Real-client conformance: the official Binance SDK, ccxt and python-binance each run every seed
# operation against `mops sim serve` on 127.0.0.1 and must get correct answers.
#
#   scripts/conformance/run.sh [pytest args…]
#
# Uses $MOPS_BIN when set, otherwise builds the debug `mops` product. Ends with pytest's summary
# line and pytest's exit status; the server is stopped whatever happens.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

"$here/setup.sh"

if [[ -z "${MOPS_BIN:-}" ]]; then
    (cd "$root" && swift build --product mops >/dev/null)
    MOPS_BIN="$(cd "$root" && swift build --show-bin-path)/mops"
fi

log="$(mktemp -t mops-sim-serve.XXXXXX)"
"$MOPS_BIN" sim serve --host 127.0.0.1 --port 0 >"$log" 2>&1 &
server=$!
cleanup() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

field() { sed -n "s/^ *$1 *\([^ ]*\).*/\1/p" "$log" | head -n 1; }
for _ in $(seq 1 300); do
    url="$(field 'Base URL')"
    [[ -n "$url" ]] && break
    if ! kill -0 "$server" 2>/dev/null; then
        echo "mops sim serve exited before it was ready:" >&2
        cat "$log" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ -z "${url:-}" ]]; then
    echo "mops sim serve printed no base URL within 30 s:" >&2
    cat "$log" >&2
    exit 1
fi

export MOPS_SIM_URL="$url"
export MOPS_SIM_API_KEY="$(field 'API key')"
export MOPS_SIM_API_SECRET="$(field 'API secret')"

cd "$here"
set +e
"$here/.venv/bin/python" -m pytest -p no:cacheprovider "$@" "$here"
status=$?
set -e
exit "$status"
