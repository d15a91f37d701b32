#!/usr/bin/env bash
# bench/clp.sh [--full]: where GLPK's simplex stands. The same LPs as
# bench/glpsol.sh, written as MPS, solved by GLPK (glpsol reading the MPS:
# the baseline, the simplex arsenal uses) and by COIN-OR CLP's dual simplex
# (Debian package coinor-clp), both reading the same file, so the figures
# compare solvers and nothing else.
#
# The MPS comes from `arsenal export MODEL --mps FILE` when this build has it,
# otherwise from glpsol translating bench/arsenal.mod (`--check --wfreemps`);
# the table names the exporter. The two objectives must agree to 1e-6
# relative, or the benchmark fails.
#
# By default sizes xs and s (GLPK needs minutes past ~300k non-zeros);
# --full adds m and l with a limit of ARSENAL_BENCH_LIMIT seconds (default
# 600) per solve. Writes a Markdown section to stdout, progress to stderr.
source "$(dirname "$0")/lib.sh"

full=0
for a in "$@"; do
    case $a in
    --full) full=1 ;;
    -h | --help)
        sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "clp.sh: unknown option '$a'" ;;
    esac
done
need glpsol
need clp
[ -x "$TIME" ] || die "$TIME not found (Debian package 'time'; run scripts/install-deps.sh)"
build_release

LIMIT=${ARSENAL_BENCH_LIMIT:-600}
sizes=()
for size in "${SIZES[@]}"; do
    case $size in
    m | l) [ "$full" = 1 ] && sizes+=("$size") ;;
    *) sizes+=("$size") ;;
    esac
done
failed=0
rows=()

for size in "${sizes[@]}"; do
    echo "clp.sh: size $size: generating and exporting" >&2
    gen_model "$size"
    json=$WORK/$size.json
    mps=$WORK/$size.mps
    rm -f "$mps"
    exporter="glpsol --wfreemps"
    if "$ARSENAL" export "$json" --mps "$mps" >/dev/null 2>&1 && [ -s "$mps" ]; then
        exporter="arsenal export"
    else
        glpsol -m "$MOD" -d "$WORK/$size.dat" --check --wfreemps "$mps" >/dev/null ||
            die "glpsol could not export $mps"
    fi
    # glpsol needs to be told the MPS flavour; CLP detects it.
    fmt=--freemps
    glpsol "$fmt" "$mps" --check >/dev/null 2>&1 || fmt=--mps

    echo "clp.sh: size $size: GLPK" >&2
    measure "clp-glpk-$size" glpsol "$fmt" "$mps" --tmlim "$LIMIT" -o "$WORK/clp-glpk-$size.sol"
    g_wall=$WALL
    g_peak=$PEAK
    g_obj=$(awk '/^Objective:/ { print $4 }' "$WORK/clp-glpk-$size.sol" 2>/dev/null || true)
    g_ok=0
    grep -q "OPTIMAL LP SOLUTION FOUND" "$WORK/clp-glpk-$size.out" && g_ok=1

    echo "clp.sh: size $size: CLP" >&2
    measure "clp-clp-$size" clp "$mps" -sec "$LIMIT" -dualsimplex
    c_wall=$WALL
    c_peak=$PEAK
    c_obj=$(awk '/^Optimal objective/ { print $3 }' "$WORK/clp-clp-$size.out" | tail -n 1)
    if [ "$g_ok" = 1 ] && [ -n "$g_obj" ] && [ -n "$c_obj" ]; then
        d=$(relerr "$c_obj" "$g_obj")
        if objectives_agree "$c_obj" "$g_obj"; then
            agree=$d
        else
            agree="**MISMATCH $d**"
            failed=1
            echo "clp.sh: OBJECTIVE MISMATCH at size $size: GLPK $g_obj, CLP $c_obj (relative difference $d > 1e-6); $mps" >&2
        fi
    else
        agree="not compared (a solver stopped: GLPK ${g_obj:-no objective}, CLP ${c_obj:-no objective})"
    fi
    rows+=("| $size | $exporter | $g_wall | $c_wall | **$(ratio "$g_wall" "$c_wall")x** | $g_peak | $c_peak | $(ratio "$g_peak" "$c_peak")x | ${g_obj:--} | ${c_obj:--} | $agree |")
done

echo "## GLPK against COIN-OR CLP on the same MPS"
echo
echo "Each LP is written once as MPS and read by both solvers: GLPK's simplex"
echo "(\`glpsol\` with default settings) and CLP's dual simplex"
echo "(\`clp FILE -dualsimplex\`). Wall seconds of the whole process (read, solve, write),"
echo "one run each; memory in MiB (peak resident set). Ratio = GLPK / CLP."
echo
echo "| size | MPS from | GLPK s | CLP s | CLP speed-up | GLPK MiB | CLP MiB | ratio | GLPK objective | CLP objective | relative difference |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [ "$full" = 0 ]; then
    echo
    echo "Sizes m and l only with \`bench/run.sh --full\` (GLPK takes minutes there)."
fi
echo
exit "$failed"
