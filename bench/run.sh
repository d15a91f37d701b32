#!/usr/bin/env bash
# bench/run.sh [--full]: the one command that builds arsenal (Release), runs
# every benchmark under bench/ and writes bench/RESULTS.md: the machine, the
# date, the version and commit, and each figure as a ratio against a baseline
# measured in the same run. The default run takes a few minutes; --full also
# solves the two largest sizes (GLPK takes minutes on each; see glpsol.sh).
#
# Each benchmark can be run alone: bench/glpsol.sh, bench/clp.sh.
# RESULTS.md is replaced only when every benchmark passed (an objective
# mismatch fails the run and leaves the previous file).
source "$(dirname "$0")/lib.sh"

full=()
for a in "$@"; do
    case $a in
    --full) full=(--full) ;;
    -h | --help)
        sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    *) die "run.sh: unknown option '$a'" ;;
    esac
done

start=$EPOCHREALTIME
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "run.sh: building (Release) in $BUILD" >&2
build_release

out=$BENCH_DIR/RESULTS.md
tmp=$WORK/RESULTS.md.tmp
body=$WORK/results-body.md
: >"$body"
for b in glpsol clp coin; do
    if [ "$b" = coin ] && ! "$ARSENAL" --version | grep -q " clp"; then
        echo "run.sh: skipping bench/coin.sh (built without COIN-OR)" >&2
        continue
    fi
    echo "run.sh: bench/$b.sh ${full[*]}" >&2
    bash "$BENCH_DIR/$b.sh" "${full[@]}" >>"$body" || die "bench/$b.sh failed: RESULTS.md not updated"
done
echo "run.sh: bench/whatif.sh" >&2
bash "$BENCH_DIR/whatif.sh" "$BUILD" >>"$body" || die "bench/whatif.sh failed: RESULTS.md not updated"
echo "run.sh: bench/lexmip.sh" >&2
bash "$BENCH_DIR/lexmip.sh" "$ARSENAL" >>"$body" || die "bench/lexmip.sh failed: RESULTS.md not updated"
echo "run.sh: bench/licence_value.sh" >&2
bash "$BENCH_DIR/licence_value.sh" "$BUILD" >>"$body" || die "bench/licence_value.sh failed: RESULTS.md not updated"
echo "run.sh: bench/verify.sh" >&2
bash "$BENCH_DIR/verify.sh" "$BUILD" >>"$body" || die "bench/verify.sh failed: RESULTS.md not updated"
echo "run.sh: bench/smooth.sh" >&2
bash "$BENCH_DIR/smooth.sh" >>"$body" || die "bench/smooth.sh failed: RESULTS.md not updated"
echo "run.sh: bench/sweep.sh" >&2
bash "$BENCH_DIR/sweep.sh" "$ARSENAL" >>"$body" || die "bench/sweep.sh failed: RESULTS.md not updated"
if "$ARSENAL" --version | grep -q " clp"; then
    echo "run.sh: bench/alloc.sh" >&2
    bash "$BENCH_DIR/alloc.sh" >>"$body" || die "bench/alloc.sh failed: RESULTS.md not updated"
else
    echo "run.sh: skipping bench/alloc.sh (built without COIN-OR)" >&2
fi
echo "run.sh: bench/server.sh" >&2
bash "$BENCH_DIR/server.sh" >>"$body" || die "bench/server.sh failed: RESULTS.md not updated"
echo "run.sh: bench/hostile.sh" >&2
bash "$BENCH_DIR/hostile.sh" >>"$body" || die "bench/hostile.sh failed: RESULTS.md not updated"

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit (with uncommitted changes)"
fi
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
{
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/run.sh${full:+ --full}\`; regenerate with the same command. Every"
    echo "figure is a ratio against a baseline measured in the same run on the same machine;"
    echo "absolute seconds are for orientation only."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u '+%Y-%m-%d %H:%M UTC') |"
    echo "| arsenal | $("$ARSENAL" --version 2>/dev/null | head -n 1), commit $commit, Release build |"
    echo "| CPU | ${cpu:-unknown}, $(nproc) cores available |"
    echo "| memory | $mem |"
    echo "| OS | ${os:-unknown}, Linux $(uname -r) |"
    echo "| compiler | $(cc --version 2>/dev/null | head -n 1) |"
    echo "| GLPK | $(glpsol --version | head -n 1) |"
    echo "| CLP | $(clp -? 2>/dev/null </dev/null | awk '/Coin LP version/ { sub(/,$/, "", $4); print $4; exit }') |"
    echo "| load average at start | $load |"
    echo "| models | arsenal-gen, seed $SEED; sizes: |"
    for size in "${SIZES[@]}"; do
        echo "| $size | \`arsenal-gen ${SIZE_ARGS[$size]}\` |"
    done
    echo "| duration | ${elapsed} s |"
    echo
    cat "$body"
} >"$tmp"
mv "$tmp" "$out"
echo "run.sh: wrote $out" >&2
