#!/usr/bin/env bash
# Runs the example app's tests (examples/node-app) against the real fake-workos binary:
# the secure flow walked like a browser, the provider call, webhooks, and the failures.
# Installs the app's pinned packages only when its lockfile changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="$root/examples/node-app"

install_app() {
  local stamp="$app/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$app/package-lock.json"; then return; fi
  echo "==> Installing the example app's packages (npm ci)"
  (cd "$app" && npm ci --no-fund --no-audit --loglevel=error)
  cp "$app/package-lock.json" "$stamp"
}

(cd "$root" && cargo build --quiet -p fake-workos --bin fake-workos)
export FAKE_WORKOS_BIN="$root/target/debug/fake-workos"
install_app
echo "==> Example app (examples/node-app) against fake-workos"
cd "$root"
node --test --test-reporter=spec "$here"/*.test.mjs
