#!/usr/bin/env bash
# Installs the Debian packages mops needs when they are missing (libedit for the REPL, pkg-config
# to find it, tmux for the terminal tests). Idempotent and quiet when everything is there.
set -euo pipefail

need=()
pkg-config --exists libedit 2>/dev/null || need+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ "${MOPS_WITH_TEST_DEPS:-0}" = 1 ]; then
  command -v tmux >/dev/null 2>&1 || need+=(tmux)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "mops: installing ${need[*]} (apt)" >&2
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
