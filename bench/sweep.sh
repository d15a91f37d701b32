#!/bin/bash
# bench/sweep.sh - points per second of `arsenal sweep` against the naive
# loop on the same study, and scaling over workers. Prints a markdown
# section for bench/RESULTS.md. Ratios are measured in the same run; absolute
# numbers depend on the machine (and on what else runs on it).
#
#   bench/sweep.sh [ARSENAL] [POINTS] [NAIVE_POINTS]
#
# Study: the embedded baseline as an LP (objective.relax=true), a grid of
# POINTS values scaling the 155 mm demand from 0.8 to 1.2 (default metrics).
# Baselines:
#   naive (process)  - one `arsenal solve` process per point on a variant
#                      file written beforehand (parse, validate, build, cold
#                      solve): the usual script around a solver; timed on the
#                      first NAIVE_POINTS points;
#   naive (in-process) - `arsenal sweep --cold`: ars_model_apply + ars_solve
#                      per point, no session (same threads, same output).
set -eu
ARS=${1:-build/arsenal}
N=${2:-96}
K=${3:-12}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CORES=$(nproc)
STUDY=(--set objective.relax=true --param requirements.fires_155.demand --scale --from 0.8 --to 1.2
       --steps "$N" --block 48 --quiet --no-progress)
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$1/($3-$2):.2f}')"; }

# Variant files for the process-per-point loop (not timed).
"$ARS" sweep "${STUDY[@]}" --workers 1 --output "$T/warm1.csv"
"$ARS" solve --format json --quiet >/dev/null # warm the page cache
python3 - "$T" "$K" "$ARS" <<'PY'
import json, subprocess, sys
d, k, ars = sys.argv[1], int(sys.argv[2]), sys.argv[3]
# The embedded baseline, as the binary has it (models/baseline.json).
base = json.load(open("models/baseline.json"))
base.setdefault("objective", {})["relax"] = True
rows = open(f"{d}/warm1.csv").read().splitlines()[1:1 + k]
for r in rows:
    f = float(r.split(",")[1])
    m = json.loads(json.dumps(base))
    for q in m["requirements"]:
        if q["id"] == "fires_155":
            dem = q["demand"]
            q["demand"] = [x * f for x in dem] if isinstance(dem, list) else dem * f
    json.dump(m, open(f"{d}/v{r.split(',')[0]}.json", "w"))
PY
t0=$(now)
for i in $(seq 0 $((K - 1))); do
    "$ARS" solve "$T/v$i.json" --format json --quiet >"$T/s$i.json"
done
t1=$(now)
naive_proc=$(rate "$K" "$t0" "$t1")

# Both objective modes: lexicographic (the default: two stages, each warm
# from its own basis) and weighted. Per mode: the naive in-process loop, the
# sweep on 1, 2, ... workers, and what one point costs against the warm
# solve of the same variant in a session (`arsenal whatif`, its "seconds").
declare -A NC W1 PT WS WM
declare -A W
for mode in lexicographic weighted; do
    MS=("${STUDY[@]}" --set "objective.mode=$mode")
    t0=$(now); "$ARS" sweep "${MS[@]}" --workers 1 --cold --output "$T/cold1-$mode.csv"; t1=$(now)
    NC[$mode]=$(rate "$N" "$t0" "$t1")
    t0=$(now); "$ARS" sweep "${MS[@]}" --workers 1 --output "$T/warm1-$mode.csv"; t1=$(now)
    W1[$mode]=$(rate "$N" "$t0" "$t1")
    PT[$mode]=$(python3 -c "print(($t1-$t0)/$N)")
    for w in 2 4 8 16; do
        [ "$w" -le "$CORES" ] || break
        t0=$(now); "$ARS" sweep "${MS[@]}" --workers "$w" --output "$T/warm$w-$mode.csv"; t1=$(now)
        W[$mode,$w]=$(rate "$N" "$t0" "$t1")
        cmp -s "$T/warm1-$mode.csv" "$T/warm$w-$mode.csv" || echo "warning: $w workers gave another CSV ($mode)" >&2
    done
    # The same points as whatif scenarios: each variant's warm solve time.
    python3 - "$T" "$N" "$mode" <<'PY'
import json, sys
d, n, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
m = json.load(open("models/baseline.json"))
m.setdefault("objective", {}).update({"relax": True, "mode": mode})
m["scenarios"] = {f"p{i}": {"set": [f"requirements.fires_155.demand*={0.8 + 0.4 * i / (n - 1)!r}"]}
                  for i in range(n)}
json.dump(m, open(f"{d}/scen-{mode}.json", "w"))
PY
    "$ARS" whatif "$T/scen-$mode.json" --all-scenarios --no-explain --format json --quiet \
        >"$T/whatif-$mode.json"
    WS[$mode]=$(python3 -c "
import json, statistics, sys
v = json.load(open('$T/whatif-$mode.json'))['variants']
print(statistics.median(x['seconds'] for x in v[1:]))")
    WM[$mode]=$(python3 -c "
import json, statistics
v = json.load(open('$T/whatif-$mode.json'))['variants']
print(statistics.mean(x['seconds'] for x in v[1:]))")
done
cp "$T/warm1-lexicographic.csv" "$T/warm1.csv"
cp "$T/cold1-lexicographic.csv" "$T/cold1.csv"
naive_cold=${NC[lexicographic]}
warm1=${W1[lexicographic]}

# The answers must agree: warm vs cold in-process, and vs the processes.
python3 - "$T" "$K" <<'PY'
import csv, json, sys
d, k = sys.argv[1], int(sys.argv[2])
w = list(csv.DictReader(open(f"{d}/warm1.csv"))); c = list(csv.DictReader(open(f"{d}/cold1.csv")))
worst = 0.0
for a, b in zip(w, c):
    for key in ("shortfall", "cost"):
        x, y = float(a[key]), float(b[key])
        worst = max(worst, abs(x - y) / max(1.0, abs(y)))
for i in range(k):
    s = json.load(open(f"{d}/s{i}.json"))["objective"]
    for key in ("shortfall", "cost"):
        x, y = float(w[i][key]), s[key]
        worst = max(worst, abs(x - y) / max(1.0, abs(y)))
print(f"worst relative difference warm vs cold: {worst:.2e}", file=sys.stderr)
if worst > 1e-6:
    sys.exit("warm and cold answers differ")
PY

x() { python3 -c "print(f'{$1/$2:.1f}x')"; }
echo "## arsenal sweep ($(date -u +%Y-%m-%d), $CORES cores)"
echo
echo "Study: baseline as LP, grid of $N points on requirements.fires_155.demand x 0.8..1.2,"
echo "block 48, default metrics, in both objective modes. Points per second (higher is better):"
echo
echo "| mode | run | points/s | vs naive (process) | vs naive (in-process) |"
echo "|---|---|---|---|---|"
echo "| lexicographic | naive: one \`arsenal solve\` process per point ($K points) | $naive_proc | 1.0x | |"
for mode in lexicographic weighted; do
    echo "| $mode | naive in-process: \`--cold\` (ars_model_apply + ars_solve), 1 worker | ${NC[$mode]} | $(x "${NC[$mode]}" "$naive_proc") | 1.0x |"
    echo "| $mode | sweep, 1 worker (session, warm re-solves) | ${W1[$mode]} | $(x "${W1[$mode]}" "$naive_proc") | $(x "${W1[$mode]}" "${NC[$mode]}") |"
    for w in 2 4 8 16; do
        [ -n "${W[$mode,$w]:-}" ] || continue
        echo "| $mode | sweep, $w workers | ${W[$mode,$w]} | $(x "${W[$mode,$w]}" "$naive_proc") | $(x "${W[$mode,$w]}" "${NC[$mode]}") |"
    done
done
echo
echo "What a sweep point costs against the warm solve of the same variant (\`arsenal whatif\`"
echo "on the same points as scenarios, median and mean of its per-variant seconds, its cold"
echo "base left out; target at most 1.2x). The sweep's s/point is its whole run over N: it"
echo "includes the process, the load and one cold solve per block ($(((N + 47) / 48)) here):"
echo
echo "| mode | sweep s/point (1 worker) | warm solve s (median) | ratio | warm solve s (mean) | ratio |"
echo "|---|---|---|---|---|---|"
for mode in lexicographic weighted; do
    echo "| $mode | $(python3 -c "print(f'{${PT[$mode]}:.4f}')") | $(python3 -c "print(f'{${WS[$mode]}:.4f}')") | $(python3 -c "print(f'{${PT[$mode]}/${WS[$mode]}:.2f}x')") | $(python3 -c "print(f'{${WM[$mode]}:.4f}')") | $(python3 -c "print(f'{${PT[$mode]}/${WM[$mode]}:.2f}x')") |"
done
echo
[ -n "${W[lexicographic,2]:-}" ] && echo "Scaling 1 -> 2 workers (lexicographic): $(x "${W[lexicographic,2]}" "${W1[lexicographic]}") (target 1.8x). Identical CSV for every worker count."
