#!/usr/bin/env bash
# Runs the E2E suite against a built app: Xvfb display, a private session bus, a throwaway
# HOME, tauri-driver + WebKitWebDriver, and a recording "browser" behind xdg-open.
# Usage: tests/e2e/run.sh path/to/pipes-setup
# PIPES_E2E_FAKE_WORKOS names the fake-workos binary when it is not next to the app (an
# installed app); PIPES_E2E_ONLY runs one script instead of the suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app="$(realpath "${1:?usage: run.sh path/to/pipes-setup}")"
work="$(mktemp -d)"

export PIPES_E2E_APP="$app"
export PIPES_E2E_SCREENSHOTS="${PIPES_E2E_SCREENSHOTS:-$here/screenshots}"
export PIPES_E2E_BROWSER_LOG="$work/browser.log"
export PIPES_E2E_CONSENT_FILE="$work/consent-decision"
export BROWSER="$here/fake-browser.sh"
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" && install -d -m 700 "$XDG_RUNTIME_DIR"
export NO_AT_BRIDGE=1
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION

port="${PIPES_E2E_PORT:-4444}"
fake_port="${PIPES_E2E_FAKE_PORT:-4460}"
# The WorkOS the app uses once a key is saved (demo mode runs its own inside the app).
export WORKOS_BASE_URL="http://127.0.0.1:$fake_port"
"${PIPES_E2E_FAKE_WORKOS:-$(dirname "$app")/fake-workos}" --port "$fake_port" --seed demo > "$work/fake-workos.log" 2>&1 &
fake=$!
trap 'kill $fake 2>/dev/null || true; rm -rf "$work"' EXIT
# A private session bus with a real, unlocked gnome-keyring, a virtual display, then the driver.
"$here/../../scripts/with-keyring.sh" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  tauri-driver --port '"$port"' --native-port '"$((port + 1))"' --native-driver /usr/bin/WebKitWebDriver > "'"$work"'/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill \$driver 2>/dev/null || true" EXIT
  for _ in $(seq 1 100); do
    curl -sf http://127.0.0.1:'"$port"'/status >/dev/null 2>&1 && break
    sleep 0.1
  done
  if [ -n "${PIPES_E2E_ONLY:-}" ]; then
    PIPES_E2E_DRIVER=http://127.0.0.1:'"$port"' node "$PIPES_E2E_ONLY"
    exit $?
  fi
  PIPES_E2E_DRIVER=http://127.0.0.1:'"$port"' node --test --test-reporter=spec --test-concurrency=1 \
    "'"$here"'"/*.e2e.test.mjs "'"$here"'"/theme/*.e2e.test.mjs || { cat "'"$work"'/tauri-driver.log" >&2; exit 1; }
  kill $driver; wait $driver 2>/dev/null || true
  # Once more with a dark desktop theme, which the window must follow.
  GTK_THEME=Adwaita:dark tauri-driver --port '"$port"' --native-port '"$((port + 1))"' --native-driver /usr/bin/WebKitWebDriver > "'"$work"'/tauri-driver-dark.log" 2>&1 &
  driver=$!
  for _ in $(seq 1 100); do
    curl -sf http://127.0.0.1:'"$port"'/status >/dev/null 2>&1 && break
    sleep 0.1
  done
  PIPES_E2E_THEME=dark PIPES_E2E_DRIVER=http://127.0.0.1:'"$port"' node --test --test-reporter=spec \
    "'"$here"'"/theme/*.e2e.test.mjs || { cat "'"$work"'/tauri-driver-dark.log" >&2; exit 1; }
'
