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
  for tool in dbus-run-session gnome-keyring-daemon; do
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

# Inside the private session bus. The daemon exits with the bus when dbus-run-session ends.
eval "$(printf 'pipes-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export PIPES_KEYRING_SCRIPT=1
unset PIPES_KEYRING_INNER
"$@"
