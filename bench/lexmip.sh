#!/usr/bin/env bash
# bench/lexmip.sh - the default (lexicographic) MIP path against the weighted
# one on the same model, cold: `arsenal solve MODEL` with objective.mode
# lexicographic and weighted (and relaxed, for orientation), alternating,
# REPS times each. Prints a markdown section for bench/RESULTS.md on stdout;
# progress on stderr. CPU seconds (user + system of the process) are the
# figures to compare on a shared machine; wall seconds in brackets.
#
# usage: bench/lexmip.sh [ARSENAL] [MODEL]   (defaults: build/arsenal,
#        models/large.json). REPS=N sets the repetitions (default 3).
set -euo pipefail
ars=${1:-build/arsenal}
model=${2:-models/large.json}
reps=${REPS:-3}
[ -x "$ars" ] || { echo "bench/lexmip.sh: $ars is not built" >&2; exit 2; }
python3 - "$ars" "$model" "$reps" <<'PY'
import json, os, resource, statistics, subprocess, sys, time
ars, model, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = {"lexicographic": ["--set", "objective.mode=lexicographic"],
        "weighted": ["--set", "objective.mode=weighted"],
        "relaxed (lexicographic)": ["--set", "objective.relax=true"]}
cpu = {k: [] for k in runs}
wall = {k: [] for k in runs}
res = {}
for i in range(reps):
    for name, extra in runs.items():
        print(f"bench/lexmip.sh: {name} {i + 1}/{reps}", file=sys.stderr)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        out = subprocess.run([ars, "solve", model, "--format", "json", "--quiet", *extra],
                             check=True, capture_output=True, text=True).stdout
        wall[name].append(time.monotonic() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        r = json.loads(out)
        res[name] = (r["status"], r["objective"]["shortfall"], r["objective"]["cost"],
                     r["solver"]["rows"])
lex = statistics.median(cpu["lexicographic"])
print(f"## Cold MIP: lexicographic against weighted ({os.path.basename(model)})")
print()
print(f"`arsenal solve {model}` cold, each mode {reps} times alternating; medians of CPU seconds")
print("(user + system), wall seconds in brackets (the machine is shared). Ratio: the mode's")
print("CPU seconds over the weighted ones (target for lexicographic: at most 2x).")
print()
print("| mode | rows | status | S | C | CPU s | (wall s) | ratio to weighted |")
print("|---|---|---|---|---|---|---|---|")
w = statistics.median(cpu["weighted"])
for name in runs:
    st, S, C, rows = res[name]
    c = statistics.median(cpu[name])
    print(f"| {name} | {rows} | {st} | {S:.10g} | {C:.10g} | {c:.2f} | "
          f"({statistics.median(wall[name]):.2f}) | {c / w:.2f}x |")
print()
PY
