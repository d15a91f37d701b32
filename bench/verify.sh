#!/usr/bin/env bash
# bench/verify.sh - what verifying a plan (every constraint family and the
# objective recomputed from the model, solver/lp/verify.c) costs against the
# solve that produced it, on the shipped models and generated ones. Prints a
# markdown section for bench/RESULTS.md on stdout (bench/run.sh collects it);
# progress on stderr.
#
# usage: bench/verify.sh [BUILD_DIR]   (default: build; needs arsenal-gen and
#        arsenal-verify-bench built there). REPS=N sets the repetitions.
set -euo pipefail
build=${1:-build}
reps=${REPS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
gen=$build/arsenal-gen
vb=$build/arsenal-verify-bench
for b in "$gen" "$vb"; do
  [ -x "$b" ] || { echo "bench/verify.sh: $b is not built (cmake --build $build)" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "## Verification: recomputing the plan against the solve"
echo
echo "Each model is solved $reps times with verification on (the default). \"solve ms\" is the"
echo "library's own load-and-solve time (\`solver.solve_ms\`: both lexicographic stages, MIP duals),"
echo "\"verify ms\" the recomputation of every constraint and of S and C (\`verification.ms\`), both"
echo "medians from the same results; \"checked\" counts the constraint instances recomputed. A solve"
echo "with verification off must give the same S and C, or the benchmark fails."
echo
echo "| model | rows x cols | non-zeros | checked | solve ms | verify ms | verify/solve | verified |"
echo "|---|---|---|---|---|---|---|---|"
echo "bench/verify.sh: models/tutorial.json" >&2
"$vb" "$root/models/tutorial.json" --reps "$reps" --label "models/tutorial.json (LP)"
echo "bench/verify.sh: models/baseline.json" >&2
"$vb" "$root/models/baseline.json" --reps "$reps" --label "models/baseline.json (MIP)"
for s in "20 12" "40 16" "80 24"; do
  set -- $s
  "$gen" --lines "$1" --periods "$2" --seed 7 --mode lexicographic >"$tmp/m.json"
  echo "bench/verify.sh: lines $1 periods $2" >&2
  "$vb" "$tmp/m.json" --reps "$reps" --label "generated, lines $1, periods $2 (LP)"
done
"$gen" --lines 20 --periods 12 --seed 7 --mip --mode lexicographic --time-limit 60 >"$tmp/m.json"
echo "bench/verify.sh: lines 20 periods 12 MIP" >&2
"$vb" "$tmp/m.json" --reps "$reps" --label "generated, lines 20, periods 12 (MIP)"
echo
echo "Machine: $(nproc) CPUs, $(uname -sr); $(date -u +%Y-%m-%d)."
