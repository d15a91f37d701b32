#!/usr/bin/env bash
# bench/whatif.sh - warm what-if re-solve (a session patching the built
# program and starting from the base's basis) against a cold build and solve,
# on generated models of three sizes. Prints a markdown section for
# bench/RESULTS.md on stdout (bench/run.sh collects it); progress on stderr.
#
# usage: bench/whatif.sh [BUILD_DIR]   (default: build; needs arsenal-gen and
#        arsenal-whatif-bench built there). REPS=N sets the repetitions.
set -euo pipefail
build=${1:-build}
reps=${REPS:-3}
gen=$build/arsenal-gen
wb=$build/arsenal-whatif-bench
for b in "$gen" "$wb"; do
  [ -x "$b" ] || { echo "bench/whatif.sh: $b is not built (cmake --build $build)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# lines periods: cold solves from a few hundredths of a second to about one.
sizes=("10 8" "20 12" "40 16")
echo "## What-if: warm re-solve vs cold build and solve"
echo
echo "Generated models (\`arsenal-gen --lines N --periods T --seed 7\`, other options default, LP,"
echo "weighted objective). Each variant is solved twice: warm in a session that already solved the"
echo "base (\`ars_session_solve\`: patch the changed bounds and right-hand sides, start from the"
echo "previous basis) and cold (\`ars_solve\`: build and solve from scratch). Medians of $reps"
echo "alternating variants; \"max rel diff\" is the largest relative difference of S or C between the"
echo "warm and the cold answer of the same variant; \"warm\" counts the solves that went warm."
echo
echo "| model | rows x cols | variant | cold s | warm s | speed-up | max rel diff | warm |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${sizes[@]}"; do
  set -- $s
  "$gen" --lines "$1" --periods "$2" --seed 7 >"$tmp/m.json"
  echo "bench/whatif.sh: lines $1 periods $2" >&2
  "$wb" "$tmp/m.json" --reps "$reps" --label "lines $1, periods $2"
done
echo
echo "Machine: $(nproc) CPUs, $(uname -sr); $(date -u +%Y-%m-%d)."
