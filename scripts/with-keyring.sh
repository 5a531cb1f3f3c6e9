#!/usr/bin/env bash
# Runs CMD... with a real, fresh, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session bus, keyrings kept in temp dirs, everything torn down afterwards.
#
#   scripts/with-keyring.sh cargo test -p pipes-core --test keychain_secret_service
#
# Tests check PIPES_KEYRING_SCRIPT=1 to know they run here. Needs dbus-run-session and
# gnome-keyring-daemon (apt-get install -y --no-install-recommends gnome-keyring dbus).
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [ "${PIPES_KEYRING_INNER:-}" != "1" ]; then
  for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || {
      echo "$0: $tool not found; install: apt-get install -y --no-install-recommends gnome-keyring dbus" >&2
      exit 127
    }
  done
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/pipes-keyring.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/data" "$scratch/runtime"
  chmod 700 "$scratch/runtime"
  # Not exec: the trap must run after the session ends.
  PIPES_KEYRING_INNER=1 XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/runtime" \
    dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the private session bus. The daemon runs in the foreground as our child so it can be
# stopped for sure: a daemonized gnome-keyring can outlive its bus.
printf 'pipes-test-keyring' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT

# Ready when it owns org.freedesktop.secrets (NameHasOwner never triggers D-Bus activation).
for _ in $(seq 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "$0: gnome-keyring-daemon exited at start" >&2; exit 1; }
  sleep 0.05
done

export PIPES_KEYRING_SCRIPT=1
unset PIPES_KEYRING_INNER
"$@"
