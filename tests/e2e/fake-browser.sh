#!/bin/sh
# Stands in for the user's browser in the E2E suite: xdg-open runs it (through BROWSER)
# with the URL, and it records what it was asked to open.
printf '%s\n' "$1" >> "${PIPES_E2E_BROWSER_LOG:?}"
