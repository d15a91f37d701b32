# bench/lib.sh - shared by the bench/*.sh scripts (sourced, not run).
#
# Every figure is a ratio against a baseline measured in the same run on the
# same machine, so the tables compare like with like whatever the hardware.
# Times are wall-clock seconds of whole processes measured by GNU time
# (/usr/bin/time, Debian package `time`), which also gives the peak resident
# memory; repeated runs report the median.

set -euo pipefail
export LC_ALL=C

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BUILD=${ARSENAL_BENCH_BUILD:-$ROOT/build-bench}
WORK=${ARSENAL_BENCH_WORK:-$ROOT/bench/out}
MOD=$BENCH_DIR/arsenal.mod
TIME=/usr/bin/time
mkdir -p "$WORK"

die() {
    echo "bench: $*" >&2
    exit 1
}

need() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found (run scripts/install-deps.sh)"
}

# Release build of arsenal and arsenal-gen (no -Werror: this is not the lint build).
build_release() {
    if [ -n "${ARSENAL_BENCH_BUILT:-}" ]; then
        return
    fi
    need cmake
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DARSENAL_WERROR=OFF >/dev/null
    cmake --build "$BUILD" -j2 --target arsenal arsenal-gen arsenal-whatif-bench arsenal-verify-bench arsenal-licence-value-bench arsenal_core >/dev/null
    export ARSENAL_BENCH_BUILT=1
}

ARSENAL=$BUILD/arsenal
GEN=$BUILD/arsenal-gen

# Sizes: name, then arsenal-gen options. About 10k, 100k, 300k and 1M
# non-zeros in arsenal's program (glpsol's twin has more rows: it keeps one
# payment variable per fund and payee and a row per gating rule).
# ARSENAL_BENCH_SIZES="xs s" restricts a run (a quick check of the scripts).
read -r -a SIZES <<<"${ARSENAL_BENCH_SIZES:-xs s m l}"
declare -A SIZE_ARGS=(
    [xs]="--lines 20 --products 5 --periods 12 --components 10 --funds 4 --licences 3 --requirements 5"
    [s]="--lines 200 --products 10 --periods 24 --components 30 --funds 6 --licences 6 --requirements 10"
    [m]="--lines 400 --products 15 --periods 36 --components 50 --funds 6 --licences 10 --requirements 15"
    [l]="--lines 1000 --products 20 --periods 52 --components 80 --funds 8 --licences 12 --requirements 20"
)
SEED=${ARSENAL_BENCH_SEED:-20250101}

# gen_model SIZE [extra gen options]: writes $WORK/SIZE.json and SIZE.dat.
gen_model() {
    local size=$1
    shift
    # shellcheck disable=SC2086
    "$GEN" ${SIZE_ARGS[$size]} --seed "$SEED" "$@" --dat "$WORK/$size.dat" >"$WORK/$size.json"
}

# measure NAME CMD...: runs CMD once; stdout to $WORK/NAME.out, stderr to
# $WORK/NAME.err; sets WALL (s) and PEAK (MiB) and RC. Never fails itself.
measure() {
    local name=$1
    shift
    local tf=$WORK/$name.time
    local t0 t1
    RC=0
    # GNU time gives the peak memory; its %e has only 10 ms resolution, so the
    # wall time comes from bash's microsecond clock around it.
    t0=$EPOCHREALTIME
    "$TIME" -f "%M" -o "$tf" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || RC=$?
    t1=$EPOCHREALTIME
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    # GNU time prefixes a note when the command failed; the figure is last.
    PEAK=$(tail -n 1 "$tf" | awk '{ printf "%.1f", $1 / 1024 }')
}

# median of the arguments.
median() {
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
        if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# ratio A B: A / B with two decimals ("-" when B is 0 or missing).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-" }'
}

# jget FILE EXPR: a field of a JSON file; EXPR is Python indexing on `d`,
# e.g. "['solver']['build_ms']". Prints "-" when absent or null.
jget() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
try:
    with open(sys.argv[1]) as f:
        d = json.load(f)
    v = eval("d" + sys.argv[2], {"d": d})
    print("-" if v is None else v)
except Exception:
    print("-")
EOF
}

# relerr A B: |A - B| / max(1, |B|).
relerr() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
        if (m < 1) m = 1; printf "%.3g", d / m }'
}

# objectives_agree A B: true when A and B agree to 1e-6 relative.
objectives_agree() {
    awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b;
        if (m < 1) m = 1; exit !(d / m <= 1e-6) }'
}

# glpsol_obj FILE: the objective printed by arsenal.mod after its solve.
glpsol_obj() {
    awk '/^arsenal-mod objective/ { print $3 }' "$1" | tail -n 1
}

# glpsol_counts FILE: "rows cols nonzeros" of the problem glpsol --check
# generated. glpsol counts the objective as a row and its coefficients in the
# matrix; both are taken out to count as GLPK's glp_get_num_rows/nz do.
glpsol_counts() {
    awk '/^Number of rows/ { r = $NF } /^Number of columns/ { c = $NF }
         /^Number of non-zeros \(matrix\)/ { n = $NF } /^Number of non-zeros \(objrow\)/ { o = $NF }
         END { print r - 1, c, n - o }' "$1"
}
