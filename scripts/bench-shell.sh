#!/usr/bin/env bash
# The desktop shell against a Tauri v2 hello world (benches/hello-tauri), both built with the
# same tauri (the workspace's Cargo.lock) and the same release settings, measured in one run:
#   - launch → first content rendered: from asking WebDriver for a session (which starts the
#     app) to the first heading on screen, median of LAUNCHES (tests/e2e/measure-launch.mjs);
#   - idle memory: PSS of the app plus its WebKit processes, 5 s after its window appeared,
#     median of MEMORY_RUNS (scripts/lib/idle-pss.sh);
#   - the size of the release binary.
# Figures, not a test: it fails only when something cannot be built or started.
# Usage: scripts/bench-shell.sh        (LAUNCHES=9 MEMORY_RUNS=3 by default)
set -euo pipefail
. "$(dirname "$0")/lib/setup.sh"

export LAUNCHES="${LAUNCHES:-9}"
memory_runs="${MEMORY_RUNS:-3}"

ensure_apt_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_rust
ensure_node
ensure_ui_packages
ensure_tauri_driver
build_ui
build_release
cd "$ROOT"

say "Building the hello world (benches/hello-tauri)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
hello_src="$scratch/hello-tauri"
cp -r benches/hello-tauri "$hello_src"
cp Cargo.lock "$hello_src/"
mkdir -p "$hello_src/icons"
cp src-tauri/icons/icon.png "$hello_src/icons/"
# The workspace's release profile, verbatim.
awk '/^\[profile\.release\]/ {on = 1; print ""; print; next} /^\[/ {on = 0} on' Cargo.toml >>"$hello_src/Cargo.toml"
# The workspace's target folder: the dependencies both builds share are compiled once.
(cd "$hello_src" && CARGO_TARGET_DIR="$ROOT/target" cargo build --release --quiet)

app="$ROOT/target/release/pipes-setup"
hello="$ROOT/target/release/hello-tauri"

launch_ms() {
  say "Launch → first content rendered: $1 ($LAUNCHES launches)"
  # run.sh starts fake-workos from next to the app: target/release for both.
  PIPES_E2E_ONLY=tests/e2e/measure-launch.mjs tests/e2e/run.sh "$1" | tee "$scratch/launch.txt" >&2
  grep -o 'median [0-9]*' "$scratch/launch.txt" | grep -o '[0-9]*'
}

idle_kb() {
  say "Idle memory (PSS): $1 (median of $memory_runs)"
  scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" scripts/lib/idle-pss.sh "$1" "$2" "$memory_runs"
}

app_launch=$(launch_ms "$app")
hello_launch=$(launch_ms "$hello")
app_kb=$(idle_kb "$app" "Pipes Setup")
hello_kb=$(idle_kb "$hello" "Hello Tauri")
app_bytes=$(stat -c %s "$app")
hello_bytes=$(stat -c %s "$hello")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
say "Pipes Setup against the Tauri hello world"
printf '%-34s %12s %12s %8s\n' "" "Pipes Setup" "hello world" "ratio"
printf '%-34s %12s %12s %8s\n' "launch → first content (median)" "$app_launch ms" "$hello_launch ms" "$(ratio "$app_launch" "$hello_launch")"
printf '%-34s %12s %12s %8s\n' "idle PSS, app + WebKit (median)" "$((app_kb / 1024)) MB" "$((hello_kb / 1024)) MB" "$(ratio "$app_kb" "$hello_kb")"
printf '%-34s %12s %12s %8s\n' "release binary" "$(mb "$app_bytes")" "$(mb "$hello_bytes")" "$(ratio "$app_bytes" "$hello_bytes")"
