#!/usr/bin/env bash
# bench/glpsol.sh [--full]: arsenal against glpsol (GNU MathProg) on the same
# program, at four sizes from about 10k to 1M non-zeros.
#
# The baseline is glpsol running bench/arsenal.mod, an independent MathProg
# formulation of model-format.md sections 8-9, on the data arsenal-gen writes
# beside each model. Measured:
#   1. load and build: glpsol's translation (glpsol --check: read the model and
#      data, generate the problem, stop) against arsenal's load (`arsenal
#      check`: parse and validate) plus build (.solver.build_ms of `arsenal
#      solve`); and, more conservatively, against everything `arsenal solve`
#      does except the simplex (its wall time minus .solver.solve_ms);
#   2. the whole run, solve included, and peak memory; the two objectives must
#      agree to 1e-6 relative, or the benchmark fails.
# GLPK's simplex takes minutes past ~300k non-zeros, so by default the whole
# run is measured at the two small sizes and the two large ones are built only
# (arsenal is stopped by a 1 s time limit; GLPK checks it only after scaling
# and its first factorization). --full also solves the large ones, with a time
# limit of ARSENAL_BENCH_LIMIT seconds (default 600) on each side.
#
# Writes a Markdown section to stdout, progress to stderr. Environment:
# ARSENAL_BENCH_REPS (repetitions of the cheap runs, default 3),
# ARSENAL_BENCH_SEED, ARSENAL_BENCH_BUILD, ARSENAL_BENCH_WORK.
source "$(dirname "$0")/lib.sh"

full=0
for a in "$@"; do
    case $a in
    --full) full=1 ;;
    -h | --help)
        sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "glpsol.sh: unknown option '$a'" ;;
    esac
done
need glpsol
need python3
[ -x "$TIME" ] || die "$TIME not found (Debian package 'time'; run scripts/install-deps.sh)"
build_release

REPS=${ARSENAL_BENCH_REPS:-3}
LIMIT=${ARSENAL_BENCH_LIMIT:-600}
solved="xs s"
[ "$full" = 1 ] && solved="xs s m l"
failed=0

is_solved() {
    case " $solved " in *" $1 "*) return 0 ;; esac
    return 1
}

# Cheap runs are repeated; a run of many seconds is done once (the machine
# this was written on shares 2 cores with other work: repeat nothing long).
reps_for() {
    case $1 in xs | s) echo "$REPS" ;; *) echo 1 ;; esac
}

declare -A B_ROW T_ROW
for size in "${SIZES[@]}"; do
    echo "glpsol.sh: size $size: generating" >&2
    if is_solved "$size"; then
        gen_model "$size" --time-limit "$LIMIT"
    else
        gen_model "$size" --time-limit 1
    fi
    json=$WORK/$size.json
    dat=$WORK/$size.dat
    n=$(reps_for "$size")

    # 1. glpsol translation only.
    echo "glpsol.sh: size $size: glpsol --check x$n" >&2
    walls=()
    for ((i = 0; i < n; i++)); do
        measure "glpsol-check-$size" glpsol -m "$MOD" -d "$dat" --check
        [ "$RC" = 0 ] || die "glpsol --check failed on $dat: $(tail -n 3 "$WORK/glpsol-check-$size.out")"
        walls+=("$WALL")
    done
    g_trans=$(median "${walls[@]}")
    g_trans_peak=$PEAK
    read -r g_rows g_cols g_nz < <(glpsol_counts "$WORK/glpsol-check-$size.out")

    # arsenal load: parse and validate, nothing else.
    echo "glpsol.sh: size $size: arsenal check x$n" >&2
    walls=()
    for ((i = 0; i < n; i++)); do
        measure "arsenal-check-$size" "$ARSENAL" check "$json"
        [ "$RC" = 0 ] || die "arsenal check $json: exit $RC: $(head -n 3 "$WORK/arsenal-check-$size.err")"
        walls+=("$WALL")
    done
    a_load=$(median "${walls[@]}")
    a_load_peak=$PEAK

    # arsenal solve: build time, and the whole run where it is solved.
    ns=1
    [ "$size" = xs ] && ns=$n
    echo "glpsol.sh: size $size: arsenal solve x$ns" >&2
    walls=() builds=() nonsolve=()
    for ((i = 0; i < ns; i++)); do
        measure "arsenal-solve-$size" "$ARSENAL" solve "$json" --format json
        res=$WORK/arsenal-solve-$size.out
        b=$(jget "$res" "['solver']['build_ms']")
        s=$(jget "$res" "['solver']['solve_ms']")
        [ "$b" != - ] || die "arsenal solve $json gave no .solver.build_ms (exit $RC): $(head -n 3 "$WORK/arsenal-solve-$size.err")"
        walls+=("$WALL")
        builds+=("$(awk -v b="$b" 'BEGIN { printf "%.4f", b / 1000 }')")
        nonsolve+=("$(awk -v w="$WALL" -v s="$s" 'BEGIN { printf "%.4f", w - s / 1000 }')")
    done
    a_total=$(median "${walls[@]}")
    a_total_peak=$PEAK
    a_build=$(median "${builds[@]}")
    a_nonsolve=$(median "${nonsolve[@]}")
    a_status=$(jget "$res" "['status']")
    a_obj=$(jget "$res" "['objective']['weighted']")
    a_rows=$(jget "$res" "['solver']['rows']")
    a_cols=$(jget "$res" "['solver']['cols']")
    a_nz=$(jget "$res" "['solver']['nonzeros']")
    a_lb=$(awk -v l="$a_load" -v b="$a_build" 'BEGIN { printf "%.4f", l + b }')

    B_ROW[$size]="| $size | $a_rows x $a_cols, $a_nz | $g_rows x $g_cols, $g_nz | $g_trans | $a_load | $a_build | $a_lb | **$(ratio "$g_trans" "$a_lb")x** | $a_nonsolve | $(ratio "$g_trans" "$a_nonsolve")x | $g_trans_peak | $a_load_peak | $(ratio "$g_trans_peak" "$a_load_peak")x |"

    # 2. The whole run, where it is measured.
    if is_solved "$size"; then
        echo "glpsol.sh: size $size: glpsol solve" >&2
        measure "glpsol-solve-$size" glpsol -m "$MOD" -d "$dat" --tmlim "$LIMIT"
        g_total=$WALL
        g_total_peak=$PEAK
        g_out=$WORK/glpsol-solve-$size.out
        g_obj=$(glpsol_obj "$g_out")
        if grep -q "OPTIMAL LP SOLUTION FOUND" "$g_out" && [ -n "$g_obj" ] &&
            [ "$a_status" = optimal ]; then
            d=$(relerr "$a_obj" "$g_obj")
            if objectives_agree "$a_obj" "$g_obj"; then
                agree="$d"
            else
                agree="**MISMATCH $d**"
                failed=1
                echo "glpsol.sh: OBJECTIVE MISMATCH at size $size: arsenal $a_obj, glpsol $g_obj (relative difference $d > 1e-6); model $json, data $dat" >&2
            fi
        else
            agree="not compared (glpsol: $(grep -Eo 'OPTIMAL LP SOLUTION FOUND|TIME LIMIT EXCEEDED|PROBLEM HAS NO [A-Z ]*SOLUTION' "$g_out" | head -n 1 || echo "no solution"); arsenal: $a_status)"
        fi
        T_ROW[$size]="| $size | $g_total | $a_total | **$(ratio "$g_total" "$a_total")x** | $g_total_peak | $a_total_peak | $(ratio "$g_total_peak" "$a_total_peak")x | ${g_obj:--} | $a_obj | $agree |"
    fi
done

echo "## arsenal against glpsol (GNU MathProg twin, bench/arsenal.mod)"
echo
echo "Same generated model (arsenal-gen, seed $SEED) given to arsenal as JSON and to glpsol as"
echo "bench/arsenal.mod + .dat. Times in seconds (wall clock of whole processes, median of $REPS runs"
echo "at sizes xs and s, one run above), memory in MiB (peak resident set). A ratio is"
echo "baseline / arsenal: above 1, arsenal is faster or smaller."
echo
echo "### Load and build"
echo
echo "glpsol translate = \`glpsol --check\` (read model and data, generate the problem)."
echo "arsenal load = \`arsenal check\` (parse and validate); build = .solver.build_ms."
echo "Non-solve = \`arsenal solve\` wall time minus .solver.solve_ms (load, build, result"
echo "output, teardown): the conservative figure."
echo
echo "| size | arsenal rows x cols, non-zeros | glpsol rows x cols, non-zeros | glpsol translate | arsenal load | arsenal build | load + build | speed-up | arsenal non-solve | speed-up | glpsol --check MiB | arsenal check MiB | ratio |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for size in "${SIZES[@]}"; do echo "${B_ROW[$size]}"; done
echo
echo "### Whole run (translate or load, build, solve)"
echo
echo "Both solve with GLPK's simplex; arsenal's program is smaller (see the"
echo "counts above). The objective is sw S + cw C (section 9, weighted); the two must"
echo "agree to 1e-6 relative."
echo
echo "| size | glpsol s | arsenal s | speed-up | glpsol MiB | arsenal MiB | ratio | glpsol objective | arsenal objective | relative difference |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in "${SIZES[@]}"; do
    if [ -n "${T_ROW[$size]:-}" ]; then echo "${T_ROW[$size]}"; fi
done
if [ "$full" = 0 ]; then
    echo
    echo "Sizes m and l are not solved by default (GLPK's simplex takes minutes there);"
    echo "\`bench/run.sh --full\` solves them with a ${LIMIT} s limit on each side."
fi
echo
exit "$failed"
