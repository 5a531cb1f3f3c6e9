#!/usr/bin/env bash
# Runs the official-SDK conformance suites (Node and Python) against the real fake-workos
# binary. Installs each suite's pinned packages only when its lockfile changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

install_node() {
  local dir="$here/node" stamp="$here/node/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then return; fi
  echo "==> Installing the Node SDK suite's packages (npm ci)"
  (cd "$dir" && npm ci --no-fund --no-audit --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

install_python() {
  local dir="$here/python" stamp="$here/python/.venv/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/requirements.lock"; then return; fi
  echo "==> Installing the Python SDK suite's packages (pip --require-hashes)"
  rm -rf "$dir/.venv"
  python3 -m venv "$dir/.venv"
  "$dir/.venv/bin/pip" install -q --require-hashes -r "$dir/requirements.lock"
  cp "$dir/requirements.lock" "$stamp"
}

(cd "$root" && cargo build --quiet -p fake-workos --bin fake-workos --example check_exchanges -p pipes-doctor)
export FAKE_WORKOS_BIN="$root/target/debug/fake-workos"
# The code the app gives users (`pipes-doctor snippet`) is run by both suites.
export PIPES_DOCTOR_BIN="$root/target/debug/pipes-doctor"
# Every JSON answer the SDKs receive is recorded, then checked against the schemas that
# were reconstructed from the SDKs' own models (crates/fake-workos/spec/).
export FAKE_WORKOS_RECORD="$root/target/sdk-conformance/answers.jsonl"
mkdir -p "$(dirname "$FAKE_WORKOS_RECORD")"
: > "$FAKE_WORKOS_RECORD"
install_node
install_python
echo "==> SDK conformance: Node (@workos-inc/node)"
(cd "$here/node" && node --test --test-reporter=spec test/)
echo "==> SDK conformance: Python (workos)"
(cd "$here/python" && .venv/bin/python -m pytest -q tests)
echo "==> SDK conformance: every recorded answer against the reconstructed schemas, and v0.61 where it holds"
"$root/target/debug/examples/check_exchanges" \
  "$root/crates/fake-workos/spec/workos-pipes-openapi-reconstructed.yaml" "$FAKE_WORKOS_RECORD" \
  "$root/crates/fake-workos/spec/workos-pipes-openapi.yaml"
