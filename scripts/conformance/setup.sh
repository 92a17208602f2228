#!/usr/bin/env bash
# Creates scripts/conformance/.venv with the pinned real Binance clients the conformance test drives.
# Idempotent and quiet: when the venv already holds exactly these versions it returns at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${MOPS_CONFORMANCE_VENV:-$here/.venv}"
requirements="$here/requirements.txt"
stamp="$venv/.mops-requirements"

if [[ -x "$venv/bin/python" && -f "$stamp" ]] && cmp -s "$requirements" "$stamp"; then
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
cp "$requirements" "$stamp"
