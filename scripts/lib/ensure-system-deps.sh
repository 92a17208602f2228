#!/usr/bin/env bash
# Installs the Debian packages mops needs when they are missing (libedit for the REPL, pkg-config
# to find it; with MOPS_WITH_TEST_DEPS=1 also tmux for the terminal tests and python3 with venv for
# the real-client conformance tests, and chromium-headless-shell to check the rehearsal chart as a browser
# draws it). Idempotent and quiet when everything is there.
set -euo pipefail

need=()
pkg-config --exists libedit 2>/dev/null || need+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ "${MOPS_WITH_TEST_DEPS:-0}" = 1 ]; then
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
  command -v chromium-headless-shell >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1 || need+=(chromium-headless-shell)
  if ! command -v python3 >/dev/null 2>&1; then
    need+=(python3 python3-venv)
  elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    need+=(python3-venv)   # Debian's python3 ships venv without ensurepip
  fi
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "mops: installing ${need[*]} (apt)" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
