#!/usr/bin/env bash
# Adds up what cargo test, Vitest and node's test runner reported in LOG, and prints one
# closing line: "tests: N passed, N failed".
set -euo pipefail
plain="$(sed 's/\x1b\[[0-9;]*m//g' "${1:?usage: count-tests.sh LOG}")"
sum() { grep -oE "$1" <<<"$plain" | grep -oE '[0-9]+' | paste -sd+ - | bc 2>/dev/null || echo 0; }
cargo_passed=$(sum 'test result: [a-zA-Z]+\. [0-9]+ passed')
cargo_failed=$(sum '; [0-9]+ failed')
vitest_passed=$(sum 'Tests +[0-9]+ passed')
node_passed=$(sum 'ℹ pass [0-9]+')
node_failed=$(sum 'ℹ fail [0-9]+')
# pytest's closing line: "97 passed, 1 xfailed in 18.79s" (or "2 failed, 96 passed …").
pytest_lines="$(grep -E '^=* ?[0-9]+ [a-z]+(, [0-9]+ [a-z]+)* in [0-9.]+s' <<<"$plain" || true)"
pytest_count() { grep -oE "[0-9]+ $1" <<<"$pytest_lines" | grep -oE '^[0-9]+' | paste -sd+ - | bc 2>/dev/null || echo 0; }
pytest_passed=$(pytest_count passed)
pytest_failed=$(pytest_count failed)
passed=$(( ${cargo_passed:-0} + ${vitest_passed:-0} + ${node_passed:-0} + ${pytest_passed:-0} ))
failed=$(( ${cargo_failed:-0} + ${node_failed:-0} + ${pytest_failed:-0} ))
echo "cargo test: $cargo_passed passed; Vitest: $vitest_passed passed; node --test (SDK suite and end to end): $node_passed passed; pytest (SDK suite): $pytest_passed passed"
echo "tests: $passed passed, $failed failed"
