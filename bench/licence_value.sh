#!/usr/bin/env bash
# bench/licence_value.sh - what a licence is worth (solve --licence-value):
# each case re-solved warm from the plan's basis against the same case built
# and solved from scratch (the variant model with the licence granted from
# that period), on the default model and two generated LPs. Prints a
# markdown section for bench/RESULTS.md on stdout (bench/run.sh collects
# it); progress on stderr.
#
# usage: bench/licence_value.sh [BUILD_DIR]   (default: build; needs
#        arsenal-gen and arsenal-licence-value-bench built there)
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
gen=$build/arsenal-gen
lb=$build/arsenal-licence-value-bench
for b in "$gen" "$lb"; do
  [ -x "$b" ] || { echo "bench/licence_value.sh: $b is not built (cmake --build $build)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "## Licence value: warm re-solve vs cold build and solve"
echo
echo "Every pending or denied licence approved at the start and one period before its planned"
echo "approval: \"warm s\" sums the cases re-solved from the plan's basis (primal simplex, the"
echo "bounds being only widened), \"cold s\" the same cases as variant models"
echo "(\`licenses.ID.status=granted\`, \`effective=PERIOD\`) built and solved from scratch. The last"
echo "two columns are the largest relative differences of S and of C between a case and its cold"
echo "twin; S must agree to 1e-6 or the benchmark fails."
echo
echo "| model | rows x cols | cases | cold s | warm s | speed-up | S rel diff | C rel diff |"
echo "|---|---|---|---|---|---|---|---|"
echo "bench/licence_value.sh: models/baseline.json" >&2
"$lb" "$root/models/baseline.json" --label "models/baseline.json (MIP)"
for s in "20 12" "40 16"; do
  set -- $s
  "$gen" --lines "$1" --periods "$2" --seed 7 --licences 6 --mode lexicographic >"$tmp/m.json"
  echo "bench/licence_value.sh: lines $1 periods $2" >&2
  "$lb" "$tmp/m.json" --label "generated LP, lines $1, periods $2, 6 licences"
done
echo
echo "On the 40-line model the cost stage trades about 5e9 of cost per unit of weighted shortfall,"
echo "so the lexicographic tolerance on S (1e-7 relative) leaves C free to a few parts in 1e3:"
echo "warm and cold answers are both within it, and differ there."
echo
echo "Machine: $(nproc) CPUs, $(uname -sr); $(date -u +%Y-%m-%d)."
