#!/usr/bin/env bash
# The local pre-flight scan (project scan + .env parse + findings) against the old setup
# guide's grep commands, on a plain project and a generated 100,000-file monorepo.
#
# 1. `cargo bench --bench local_scan`: in-process timings (min / median / mean) of the scan and
#    of the greps (each grep as `sh -c`, so it pays for a process start as a user would).
# 2. If hyperfine is installed (`apt-get install -y hyperfine`): the same trees, every command as
#    a process of its own, so scan and grep are measured alike; with ripgrep installed
#    (`apt-get install -y ripgrep`), also against `rg --files`, ripgrep's walk of the same tree.
#
# Usage: scripts/bench-scan.sh        (CARGO_TARGET_DIR and nice are honoured as usual)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -p pipes-core --bench local_scan

if ! command -v hyperfine >/dev/null; then
  echo "hyperfine not installed: skipping the process-level comparison" >&2
  exit 0
fi

bin=$(cargo bench -p pipes-core --bench local_scan --no-run --message-format=json 2>/dev/null \
  | grep -o '"executable":"[^"]*local_scan[^"]*"' | tail -1 | cut -d'"' -f4)
trees=$(mktemp -d)
trap 'rm -rf "$trees"' EXIT
"$bin" generate "$trees" >/dev/null

# ripgrep's walk of the same tree (.gitignore-aware, parallel, no dependency folders since the
# tree's .gitignore lists node_modules) is the yardstick for the scan's own walk.
rg=()
if command -v rg >/dev/null; then
  rg=(-n 'rg --files (ripgrep walk)' "rg --files")
else
  echo "ripgrep not installed: the scan is compared with the greps only" >&2
fi

for tree in plain monorepo; do
  echo
  echo "== $tree =="
  (cd "$trees/$tree" && hyperfine -N -i --warmup 3 --runs 20 --style basic \
    -n "pipes-core full local scan" "$bin scan-once $trees/$tree" \
    "${rg[@]}" \
    -n 'grep -r WORKOS_API_KEY --include=*.env*' "grep -r WORKOS_API_KEY . --include=*.env*" \
    -n 'grep -rE @workos-inc/node|workos package.json requirements.txt' "grep -rE @workos-inc/node|workos package.json requirements.txt")
done
