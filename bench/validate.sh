#!/usr/bin/env bash
# bench/validate.sh BASELINE [CANDIDATE]: load+validate time of `arsenal check`
# (parse, strict scan, schema walk, rules, warnings) of CANDIDATE (default:
# build-bench/arsenal) against BASELINE, another arsenal binary (e.g. one
# built from main: git archive main | tar -x -C DIR, then a Release build),
# on generated models of bench/lib.sh's sizes and on models/large.json. Both
# binaries run the same invocation alternately, REPS times (default 9); the
# medians and their ratio go to stdout as a markdown section. Fails when a
# ratio exceeds MAX_RATIO (default 1.10: validation must not get slower).
source "$(dirname "$0")/lib.sh"
base=${1:?usage: bench/validate.sh BASELINE_ARSENAL [CANDIDATE_ARSENAL]}
cand=${2:-}
reps=${REPS:-9}
max_ratio=${MAX_RATIO:-1.10}
if [ -z "$cand" ]; then
    build_release
    cand=$ARSENAL
fi
[ -x "$base" ] || die "validate.sh: $base is not an executable"
[ -x "$cand" ] || die "validate.sh: $cand is not an executable"
[ -x "$GEN" ] || build_release

# median of the wall times (ms) of `BIN check FILE`, run REPS times
# alternately with the other binary so both see the same machine state.
declare -A times
run_pair() {
    local file=$1 i t0 t1 bin
    times[base]="" times[cand]=""
    for ((i = 0; i < reps; i++)); do
        for bin in base cand; do
            local exe=$base
            [ $bin = cand ] && exe=$cand
            t0=$EPOCHREALTIME
            "$exe" check "$file" >/dev/null 2>&1 || [ $? -eq 1 ] || die "validate.sh: $exe check $file failed"
            t1=$EPOCHREALTIME
            times[$bin]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) * 1000 }') "
        done
    done
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "## Validation: load and validate against a baseline binary"
echo
echo "\`arsenal check MODEL\` (parse, scan, validate, warnings) of this build against the"
echo "baseline binary given (main's, see bench/README.md), run alternately $reps times each; medians of the"
echo "process wall time. A ratio above $max_ratio fails the benchmark."
echo
echo "| model | bytes | baseline ms | this build ms | ratio |"
echo "|---|---|---|---|---|"
worst=0
models=("$ROOT/models/large.json")
for size in "${SIZES[@]}"; do
    # shellcheck disable=SC2086
    "$GEN" ${SIZE_ARGS[$size]} --seed "$SEED" >"$WORK/validate-$size.json"
    models+=("$WORK/validate-$size.json")
done
for f in "${models[@]}"; do
    run_pair "$f"
    b=$(echo "${times[base]}" | median)
    c=$(echo "${times[cand]}" | median)
    r=$(awk -v b="$b" -v c="$c" 'BEGIN { printf "%.3f", c / b }')
    worst=$(awk -v w="$worst" -v r="$r" 'BEGIN { print (r > w ? r : w) }')
    echo "| $(basename "$f") | $(stat -c %s "$f") | $b | $c | $r |"
    echo "validate.sh: $(basename "$f") $b ms -> $c ms ($r)" >&2
done
echo
awk -v w="$worst" -v m="$max_ratio" 'BEGIN { exit !(w <= m) }' || die "validate.sh: ratio $worst over $max_ratio"
