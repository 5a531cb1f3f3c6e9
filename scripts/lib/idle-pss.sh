#!/usr/bin/env bash
# Prints the idle memory of a Tauri app: the PSS of its process and of every process under it
# (the WebKit web and network processes), in kB, SETTLE seconds after its window appeared;
# the median of RUNS launches. Needs a display (run it under xvfb-run).
# Usage: idle-pss.sh APP WINDOW_TITLE [RUNS] [SETTLE]
set -euo pipefail
app="$1" title="$2" runs="${3:-3}" settle="${4:-5}"

descendants() {
  local child
  for child in $(pgrep -P "$1"); do
    echo "$child"
    descendants "$child"
  done
}

results=()
for _ in $(seq "$runs"); do
  home="$(mktemp -d)"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    NO_AT_BRIDGE=1 "$app" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 400); do
    xdotool search --name "^$title\$" >/dev/null 2>&1 && break
    sleep 0.05
  done
  sleep "$settle"
  total=0
  for p in $pid $(descendants $pid); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  results+=("$total")
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$home"
done
printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
