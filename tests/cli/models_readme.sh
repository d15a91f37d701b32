#!/usr/bin/env bash
# models/README.md quotes figures from runs of arsenal on the shipped models.
# Regenerate it (scripts/models-readme.sh) and fail when it differs from the
# committed file, i.e. when the README no longer tells what a run answers.
# valgrind: skip (about 30 solves and a 40-point sweep, minutes under memcheck; solve --for/--licence-value, whatif --variant/--all-scenarios and sweep --vary run under valgrind in their own tests)
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

scripts/models-readme.sh "$bin" "$tmp/README.md" || fail "models-readme.sh failed"
grep -q "^| \`baseline.json\` |" "$tmp/README.md" || fail "generated README has no baseline row"
if ! diff -u models/README.md "$tmp/README.md" >"$tmp/diff"; then
  head -n 60 "$tmp/diff" >&2
  fail "models/README.md is out of date: run scripts/models-readme.sh and commit"
fi
echo "models_readme: ok"
