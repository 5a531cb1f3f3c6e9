#!/bin/sh
# Stands in for the user's browser in the E2E suite: xdg-open runs it (through BROWSER)
# with the URL, and it records what it was asked to open. When a test wrote a decision to
# PIPES_E2E_CONSENT_FILE, a consent page is also walked like a person would (consent-walker.mjs).
printf '%s\n' "$1" >> "${PIPES_E2E_BROWSER_LOG:?}"
case "$1" in
  */oauth/authorize*)
    if [ -n "${PIPES_E2E_CONSENT_FILE:-}" ] && [ -s "$PIPES_E2E_CONSENT_FILE" ]; then
      nohup node "$(dirname "$0")/consent-walker.mjs" "$1" >/dev/null 2>&1 &
    fi
    ;;
esac
