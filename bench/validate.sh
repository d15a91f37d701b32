#!/usr/bin/env bash
# bench/validate.sh BASELINE [CANDIDATE]: load+validate time of `arsenal check`
# (parse, strict scan, schema walk, rules, warnings) of CANDIDATE (default:
# build-bench/arsenal) against BASELINE, another arsenal binary (e.g. one
# built from main: git archive main | tar -x -C DIR, then a Release build),
# on generated models of bench/lib.sh's sizes and on models/large.json. Both
# binaries run the same invocation alternately, REPS times (default 9); the
# medians of the processes' CPU time (user + system, from GNU time: less
# disturbed than wall time by other work on a shared machine) and their
# ratio go to stdout as a markdown section, beside the ratio of instructions
# executed (valgrind's callgrind, one run each: the same on every run, so
# it shows a change of a few percent that the machine's noise hides). Fails
# when an instruction ratio exceeds MAX_RATIO (default 1.02: validation
# must not get slower).
source "$(dirname "$0")/lib.sh"
base=${1:?usage: bench/validate.sh BASELINE_ARSENAL [CANDIDATE_ARSENAL]}
cand=${2:-}
reps=${REPS:-7}
loops=${LOOPS:-10} # at least this many checks per sample: GNU time counts in 10 ms steps
max_ratio=${MAX_RATIO:-1.02}
if [ -z "$cand" ]; then
    build_release
    cand=$ARSENAL
fi
[ -x "$base" ] || die "validate.sh: $base is not an executable"
[ -x "$cand" ] || die "validate.sh: $cand is not an executable"
[ -x "$GEN" ] || build_release

# CPU times (ms) of `BIN check FILE`, run REPS times alternately with the
# other binary so both see the same machine state.
declare -A times
run_pair() {
    local file=$1 i bin rc n
    # Smaller models get more checks per sample: about 20 MB of JSON each.
    n=$(($(stat -c %s "$file") > 0 ? 20000000 / $(stat -c %s "$file") : 1))
    [ "$n" -ge "$loops" ] || n=$loops
    times[base]="" times[cand]=""
    for ((i = 0; i < reps; i++)); do
        for bin in base cand; do
            local exe=$base
            [ $bin = cand ] && exe=$cand
            rc=0
            "$exe" check "$file" >/dev/null 2>&1 || rc=$?
            [ $rc -le 1 ] || die "validate.sh: $exe check $file failed ($rc)"
            "$TIME" -f "%U %S" -o "$WORK/validate-time" bash -c \
                'for ((k = 0; k < $2; k++)); do "$0" check "$1" >/dev/null 2>&1; done' \
                "$exe" "$file" "$n"
            times[$bin]+="$(awk -v n="$n" '{ printf "%.2f", ($1 + $2) * 1000 / n }' "$WORK/validate-time") "
        done
    done
}
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Instructions executed by `BIN check FILE`.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" check "$2" 2>&1 >/dev/null |
        awk '/Collected :/ { print $NF }'
}
need valgrind

echo "## Validation: load and validate against a baseline binary"
echo
echo "\`arsenal check MODEL\` (parse, scan, validate, warnings) of this build against the"
echo "baseline binary given (main's, see bench/README.md): $reps samples each, alternately, of"
echo "checks in a row (at least $loops, about 20 MB of JSON); medians of the CPU time (user +"
echo "system) per check, and the instructions each executes (callgrind). An instruction ratio"
echo "above $max_ratio fails the benchmark."
echo
echo "| model | bytes | baseline ms | this build ms | ratio | baseline instructions | this build | ratio |"
echo "|---|---|---|---|---|---|---|---|"
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
    ib=$(instructions "$base" "$f")
    ic=$(instructions "$cand" "$f")
    ri=$(awk -v b="$ib" -v c="$ic" 'BEGIN { printf "%.3f", c / b }')
    worst=$(awk -v w="$worst" -v r="$ri" 'BEGIN { print (r > w ? r : w) }')
    echo "| $(basename "$f") | $(stat -c %s "$f") | $b | $c | $r | $ib | $ic | $ri |"
    echo "validate.sh: $(basename "$f") $b ms -> $c ms ($r), instructions $ri" >&2
done
echo
awk -v w="$worst" -v m="$max_ratio" 'BEGIN { exit !(w <= m) }' || die "validate.sh: ratio $worst over $max_ratio"
