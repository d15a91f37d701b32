#!/usr/bin/env bash
# bench/alloc.sh: arsenal's own malloc settings (solver/cli/main.c,
# keep_freed_memory) against glibc's defaults, same binary, same runs:
#   - `arsenal sweep` of the 8,051-row model (`arsenal-gen --lines 100
#     --products 10 --periods 24 --components 30 --seed 3`, lexicographic),
#     41 points of one fund amount, with --solver clp on 1 and 2 workers and
#     with GLPK on 1 (warm re-solves in sessions, where CLP allocates and
#     frees its work arrays in every simplex call);
#   - `arsenal sweep --block 1` of a small MIP (tests/cli/lib/gen_slow_model.py
#     10 4 12), 12 points, each in a session of its own (built and solved
#     cold: allocation-heavy), with GLPK;
#   - a cold `arsenal solve --solver clp` of the 14,740-row size s.
# The baseline runs with GLIBC_TUNABLES=glibc.malloc.perturb=0: glibc's own
# default, and a malloc setting of the user's, which arsenal leaves alone.
# Runs alternate, ARSENAL_BENCH_REPS each (default 3); medians of wall
# seconds, CPU seconds (user + system) and peak memory. The sweeps' CSV must
# be the same both ways, or the benchmark fails. Markdown on stdout.
source "$(dirname "$0")/lib.sh"

REPS=${ARSENAL_BENCH_REPS:-3}
build_release
"$ARSENAL" --version | grep -q " clp" || die "this build has no COIN-OR backend (coinor-libclp-dev, coinor-libcbc-dev)"
"$GEN" --lines 100 --products 10 --periods 24 --components 30 --seed 3 --mode lexicographic \
    >"$WORK/alloc_k57.json"
"$GEN" ${SIZE_ARGS[s]} --seed "$SEED" --mode lexicographic >"$WORK/alloc_s.json"
python3 "$ROOT/tests/cli/lib/gen_slow_model.py" 10 4 12 >"$WORK/alloc_mip.json"

# one NAME MODE CMD...: runs CMD with arsenal's settings (MODE=own) or
# glibc's (MODE=glibc); appends "wall cpu peak" to $WORK/NAME.MODE.runs.
one() {
    local name=$1 mode=$2 tf=$WORK/alloc.time t0 t1
    shift 2
    t0=$EPOCHREALTIME
    if [ "$mode" = glibc ]; then
        GLIBC_TUNABLES=glibc.malloc.perturb=0 "$TIME" -f "%U %S %M" -o "$tf" "$@" \
            >"$WORK/$name.$mode.out" 2>"$WORK/$name.$mode.err" || die "$name ($mode) failed"
    else
        env -u GLIBC_TUNABLES "$TIME" -f "%U %S %M" -o "$tf" "$@" \
            >"$WORK/$name.$mode.out" 2>"$WORK/$name.$mode.err" || die "$name ($mode) failed"
    fi
    t1=$EPOCHREALTIME
    read -r u s m < <(tail -n 1 "$tf")
    awk -v a="$t0" -v b="$t1" -v u="$u" -v s="$s" -v m="$m" \
        'BEGIN { printf "%.3f %.2f %.1f\n", b - a, u + s, m / 1024 }' >>"$WORK/$name.$mode.runs"
}

col() { median $(awk -v k="$2" '{ print $k }' "$1"); }

declare -a NAMES=(clp1 clp2 glpk1 blocks cold_s)
declare -A LABEL=(
    [clp1]="sweep, 41 points, --solver clp, 1 worker"
    [clp2]="sweep, 41 points, --solver clp, 2 workers"
    [glpk1]="sweep, 41 points, GLPK, 1 worker"
    [blocks]="sweep of a small MIP, 12 points, a session each, GLPK"
    [cold_s]="solve size s (14,740 rows), --solver clp"
)
sweep=(sweep "$WORK/alloc_k57.json" --param funds.f001.amount --from 0.9 --to 1.1 --steps 41
       --scale --no-progress --quiet --format csv)
for name in "${NAMES[@]}"; do
    rm -f "$WORK/$name.glibc.runs" "$WORK/$name.own.runs"
done
for ((i = 0; i < REPS; i++)); do
    for mode in glibc own; do
        echo "alloc.sh: run $((i + 1)) of $REPS, $mode" >&2
        one clp1 "$mode" "$ARSENAL" "${sweep[@]}" --workers 1 --solver clp
        one clp2 "$mode" "$ARSENAL" "${sweep[@]}" --workers 2 --solver clp
        one glpk1 "$mode" "$ARSENAL" "${sweep[@]}" --workers 1 --solver glpk
        one blocks "$mode" "$ARSENAL" sweep "$WORK/alloc_mip.json" --param lines.l0.capacity \
            --scale --from 0.5 --to 1.5 --steps 12 --block 1 --workers 1 --no-progress --quiet \
            --format csv --solver glpk
        one cold_s "$mode" "$ARSENAL" solve "$WORK/alloc_s.json" --solver clp --format json
    done
done
for name in clp1 clp2 glpk1 blocks; do
    cmp -s "$WORK/$name.glibc.out" "$WORK/$name.own.out" || die "$name: the sweeps' CSV differ"
done

echo "## Keeping freed memory in the process (bench/alloc.sh, $(date -u '+%Y-%m-%d'))"
echo
echo "arsenal's malloc settings (freed blocks up to 16 MiB kept at the top of the heap, blocks"
echo "under 4 MiB from the heap: solver/cli/main.c) against glibc's defaults, same binary"
echo "($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)), runs alternating,"
echo "median of $REPS; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end."
echo "Speed-up = glibc's wall seconds / arsenal's. The sweeps' CSV are the same both ways."
echo
echo "| run | glibc wall s | arsenal wall s | speed-up | glibc CPU s | arsenal CPU s | glibc MiB | arsenal MiB |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${NAMES[@]}"; do
    gw=$(col "$WORK/$name.glibc.runs" 1)
    ow=$(col "$WORK/$name.own.runs" 1)
    echo "| ${LABEL[$name]} | $gw | $ow | **$(ratio "$gw" "$ow")x** |" \
        "$(col "$WORK/$name.glibc.runs" 2) | $(col "$WORK/$name.own.runs" 2) |" \
        "$(col "$WORK/$name.glibc.runs" 3) | $(col "$WORK/$name.own.runs" 3) |"
done
