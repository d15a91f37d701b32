#!/usr/bin/env bash
# bench/smooth.sh: what the smooth stage (objective.smooth, spec 1.1 section
# 9) adds to a solve, and what it does to the plan, on the shipped baseline
# (a MIP) and on a generated LP of about 1.8k rows (`arsenal-gen --lines 40
# --periods 16 --seed 7`), in the default lexicographic mode.
#
# Each model is solved cold with smooth on and off, alternating, REPS times
# (default 5); medians of .solver.solve_ms (load into GLPK and every stage)
# and of .solver.smooth_ms (the smooth stage itself). The variation V is
# compared at the same S and C: the run fails when S or C differ between on
# and off by more than 1e-9 relative (spec 1.1: the stage never trades
# them). Warm re-solves: arsenal-whatif-bench's demand variants of the
# generated model, smooth on and off (cold and warm medians of its own).
#
# Writes a Markdown section to stdout, progress to stderr. Environment:
# ARSENAL_BENCH_REPS, ARSENAL_BENCH_BUILD, ARSENAL_BENCH_WORK.
source "$(dirname "$0")/lib.sh"

case ${1:-} in
-h | --help)
    sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'
    exit 0
    ;;
esac
need python3
build_release
REPS=${ARSENAL_BENCH_REPS:-5}
WB=$BUILD/arsenal-whatif-bench

"$GEN" --lines 40 --periods 16 --seed 7 >"$WORK/smooth_gen.json"
python3 - "$ROOT/models/baseline.json" "$WORK/smooth_gen.json" "$WORK" <<'EOF'
import json, sys
for src, name in ((sys.argv[1], "baseline"), (sys.argv[2], "gen")):
    m = json.load(open(src))
    for on in (True, False):
        m.setdefault("objective", {})["smooth"] = on
        json.dump(m, open("%s/smooth_model_%s_%s.json" % (sys.argv[3], name, "on" if on else "off"), "w"))
EOF

# One solve: appends "solve_ms smooth_ms S C V rows cols status" to $WORK/NAME.runs.
solve_once() {
    local name=$1 model=$2
    "$ARSENAL" solve "$model" --format json --no-verify >"$WORK/$name.json" ||
        die "arsenal solve $model failed"
    python3 - "$WORK/$name.json" >>"$WORK/$name.runs" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
s, o = j["solver"], j["objective"]
print(s["solve_ms"], s["smooth_ms"], repr(o["shortfall"]), repr(o["cost"]), repr(o["variation"]),
      s["rows"], s["cols"], j["status"])
EOF
}

echo "## The smooth stage (objective.smooth, bench/smooth.sh)"
echo
echo "Cold \`arsenal solve\` (default lexicographic mode) with \`objective.smooth\` on and off,"
echo "alternating, medians of $REPS runs each; solve = .solver.solve_ms (loading into GLPK and"
echo "every stage), stage = .solver.smooth_ms (the smooth stage alone, from the cost stage's"
echo "optimum). \"added\" = solve on / solve off - 1: the stage plus what its rows and columns"
echo "cost the stages before it. V = the plan's variation (sum over lines and periods of"
echo "|change of output|) at the same S and C (checked to 1e-9 relative)."
echo
echo "| model | rows x cols off | on | solve off ms | solve on ms | added | stage ms | stage / solve on | S on = off | C on = off | V off | V on | V on / off |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for name in baseline gen; do
    rm -f "$WORK/smooth_${name}_on.runs" "$WORK/smooth_${name}_off.runs"
    for ((i = 0; i < REPS; i++)); do
        echo "bench/smooth.sh: $name run $((i + 1))/$REPS" >&2
        solve_once "smooth_${name}_off" "$WORK/smooth_model_${name}_off.json"
        solve_once "smooth_${name}_on" "$WORK/smooth_model_${name}_on.json"
    done
    label=$name
    [ "$name" = baseline ] && label="models/baseline.json (MIP)"
    [ "$name" = gen ] && label="arsenal-gen --lines 40 --periods 16 --seed 7 (LP)"
    python3 - "$WORK/smooth_${name}_off.runs" "$WORK/smooth_${name}_on.runs" "$label" <<'EOF' ||
import statistics, sys
def load(p):
    return [l.split() for l in open(p)]
off, on = load(sys.argv[1]), load(sys.argv[2])
med = lambda rows, k: statistics.median(float(r[k]) for r in rows)
def same(k):
    a, b = float(off[0][k]), float(on[0][k])
    d = abs(a - b) / max(1, abs(a))
    if d > 1e-9:
        sys.exit("%s: %s differs with smooth on: %r vs %r" % (sys.argv[3], "SC"[k - 2], a, b))
    return "yes (%.1e)" % d
for r in off + on:
    if r[7] != "optimal":
        sys.exit("%s: status %s" % (sys.argv[3], r[7]))
s_off, s_on, st = med(off, 0), med(on, 0), med(on, 1)
v_off, v_on = float(off[0][4]), float(on[0][4])
print("| %s | %s x %s | %s x %s | %.1f | %.1f | %+.0f%% | %.1f | %.0f%% | %s | %s | %.6g | %.6g | %s |" % (
    sys.argv[3], off[0][5], off[0][6], on[0][5], on[0][6], s_off, s_on, 100 * (s_on / s_off - 1),
    st, 100 * st / s_on, same(2), same(3), v_off, v_on,
    "%.3f" % (v_on / v_off) if v_off > 0 else "-"))
EOF
        die "smooth.sh: $name failed"
done

echo
echo "Warm what-if re-solves with the smooth stage (arsenal-whatif-bench, demand variants of"
echo "the generated model, medians of $REPS; the objective stages warm from their own basis of"
echo "the previous variant, the smooth stage from the stage before's optimum):"
echo
echo "| model | mode | rows x cols | kind | cold median s | warm median s | speed-up | S rel diff | C rel diff | warm |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for s in off on; do
    echo "bench/smooth.sh: warm what-if, smooth $s" >&2
    "$WB" "$WORK/smooth_model_gen_$s.json" --reps "$REPS" --only demand --label "lines 40, periods 16, smooth $s" ||
        die "arsenal-whatif-bench failed"
done
echo
echo "Machine: $(nproc) CPUs, $(uname -sr); $(date -u +%Y-%m-%d); load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
