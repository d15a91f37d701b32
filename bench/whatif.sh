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
# Every size in both objective modes: lexicographic (the default, two
# stages, each re-solved warm from its own basis) and weighted (one stage).
# BIG: the 5.7k-row model of issue 13 (lexicographic, one fund amount, one
# repetition: its cold solve alone takes tens of seconds); BIG=0 skips it.
sizes=("10 8" "20 12" "40 16")
echo "## What-if: warm re-solve vs cold build and solve"
echo
echo "Generated models (\`arsenal-gen --lines N --periods T --seed 7 --mode MODE\`, other options"
echo "default, LP), in both objective modes. Each variant is solved twice: warm in a session that"
echo "already solved the base (\`ars_session_solve\`: patch the changed bounds and right-hand sides,"
echo "start every stage from its own basis of the previous variant) and cold (\`ars_solve\`: build"
echo "and solve from scratch). Medians of $reps alternating variants; \"S rel diff\" and \"C rel"
echo "diff\" are the largest relative differences of S and of C between the warm and the cold"
echo "answer of the same variant; \"warm\" counts the solves that went warm (a warm solve that does"
echo "not end optimal is redone cold and counts as cold)."
echo
echo "| model | mode | rows x cols | variant | cold s | warm s | speed-up | S rel diff | C rel diff | warm |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for mode in lexicographic weighted; do
  for s in "${sizes[@]}"; do
    set -- $s
    "$gen" --lines "$1" --periods "$2" --seed 7 --mode "$mode" >"$tmp/m.json"
    echo "bench/whatif.sh: lines $1 periods $2 $mode" >&2
    "$wb" "$tmp/m.json" --reps "$reps" --label "lines $1, periods $2"
  done
done
if [ "${BIG:-1}" != 0 ]; then
  "$gen" --lines 100 --products 10 --periods 24 --components 30 --seed 3 --mode lexicographic \
    >"$tmp/big.json"
  echo "bench/whatif.sh: lines 100 products 10 periods 24 components 30 (lexicographic)" >&2
  "$wb" "$tmp/big.json" --reps 1 --only fund --label "lines 100, products 10, periods 24, components 30, seed 3"
fi
echo
echo "Machine: $(nproc) CPUs, $(uname -sr); $(date -u +%Y-%m-%d)."
