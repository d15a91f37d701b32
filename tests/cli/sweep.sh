#!/bin/bash
# sweep.sh - arsenal sweep and merge end to end on tests/data/sweep_tiny.json:
# grid points equal independent cold solves of variants made outside
# arsenal, and hand-derived values; Monte Carlo is the same with 1 and 2 workers; merged shards and a
# resumed study equal one uninterrupted run byte for byte; the tornado
# ranking is the one derived by hand; every SVG is well-formed XML whose
# ranges match the CSV.
set -u
ARS=$1
MODEL=tests/data/sweep_tiny.json
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() { # check NAME COMMAND...
    if "${@:2}"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# ---- grid vs independent solves, and by hand.
# The model: line_a (capacity 30, cost 2) and line_b (capacity 20, cost 3)
# meet one requirement of demand D in one period. Shortfall first, then cost:
# S = max(0, D - a - 20); output goes to line_a first (cheaper), so
# C = 2 min(a, D) + 3 min(20, max(0, D - a)).
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values 10,25,40 \
    --param requirements.fires.demand --values 50,100 --workers 2 \
    --output "$T/grid.csv" --svg "$T/grid.svg" --quiet --no-progress
check "grid runs" test $? -eq 0
python3 - "$T/grid.csv" <<'EOF' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 6, rows
for r in rows:
    a = float(r["lines.line_a.capacity"]); d = float(r["requirements.fires.demand"])
    s = max(0.0, d - a - 20); c = 2 * min(a, d) + 3 * min(20.0, max(0.0, d - a))
    assert r["status"] == "optimal", r
    assert abs(float(r["shortfall"]) - s) <= 1e-9 * max(1, s), (r, s)
    assert abs(float(r["cost"]) - c) <= 1e-9 * max(1, c), (r, c)
    assert abs(float(r["requirements.fires.shortfall"]) - s) <= 1e-9 * max(1, s), r
print("ok   grid values by hand")
EOF
# Each variant is made independently of the path module: python edits the
# model document, and `arsenal solve` solves it cold in its own process.
ok=1
while IFS=, read -r point a d status rest; do
    [ "$point" = point ] && continue
    python3 - "$MODEL" "$a" "$d" >"$T/variant.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
m["lines"][0]["capacity"] = float(sys.argv[2])
m["requirements"][0]["demand"] = float(sys.argv[3])
print(json.dumps(m))
EOF
    "$ARS" solve "$T/variant.json" --format json --quiet >"$T/solve.json" </dev/null
    python3 - "$T/solve.json" "$T/grid.csv" "$point" <<'EOF' || ok=0
import csv, json, sys
res = json.load(open(sys.argv[1]))
row = [r for r in csv.DictReader(open(sys.argv[2])) if r["point"] == sys.argv[3]][0]
for key in ("shortfall", "cost"):
    want = res["objective"][key]; got = float(row[key])
    assert abs(got - want) <= 1e-9 * max(1, abs(want)), (key, got, want)
EOF
done <"$T/grid.csv"
check "grid points equal independent arsenal solve runs" test $ok -eq 1

# ---- Monte Carlo: 1 worker and 2 workers give the same file.
MC=(--vary 'lines.line_a.capacity*~uniform(0.5,1.5)' --vary 'requirements.fires.demand=~normal(100,10)'
    --vary 'lines.line_b.capacity*~triangular(0.5,1,1.2)' --samples 300 --seed 42 --quiet --no-progress)
"$ARS" sweep "$MODEL" "${MC[@]}" --workers 1 --output "$T/mc1.csv" --svg "$T/mc.svg" \
    --summary "$T/mc-summary.json"
"$ARS" sweep "$MODEL" "${MC[@]}" --workers 2 --output "$T/mc2.csv"
check "monte carlo identical with 1 and 2 workers" cmp -s "$T/mc1.csv" "$T/mc2.csv"
check "monte carlo has every point" test "$(wc -l <"$T/mc1.csv")" -eq 301
"$ARS" sweep "$MODEL" "${MC[@]}" --seed 43 --workers 2 --output "$T/mc3.csv"
check "another seed gives other samples" bash -c "! cmp -s '$T/mc1.csv' '$T/mc3.csv'"

# ---- shards merged equal the single run.
for i in 0 1 2; do
    "$ARS" sweep "$MODEL" "${MC[@]}" --block 8 --shard "$i/3" --output "$T/shard$i.csv"
done
"$ARS" sweep "$MODEL" "${MC[@]}" --block 8 --output "$T/mc-b8.csv"
"$ARS" merge "$T/shard2.csv" "$T/shard0.csv" "$T/shard1.csv" --expect 300 --output "$T/merged.csv"
check "merge exit status" test $? -eq 0
check "merged shards equal one run" cmp -s "$T/merged.csv" "$T/mc-b8.csv"
check "... with the shards' fingerprint" cmp -s "$T/merged.csv.fingerprint" "$T/mc-b8.csv.fingerprint"
cp "$T/shard1.csv.fingerprint" "$T/fp1" && cp "$T/mc3.csv.fingerprint" "$T/shard1.csv.fingerprint"
"$ARS" merge "$T/shard0.csv" "$T/shard1.csv" "$T/shard2.csv" --output "$T/bad-merge.csv" 2>"$T/err.txt"
check "merge refuses shards of two studies" test $? -eq 2
check "... naming them" grep -q "not shards of one study" "$T/err.txt"
cp "$T/fp1" "$T/shard1.csv.fingerprint"
check "shards are disjoint" test "$(cat "$T"/shard?.csv | grep -vc '^point')" -eq 300
"$ARS" merge "$T/shard0.csv" "$T/shard1.csv" --expect 300 --output "$T/partial.csv" 2>/dev/null
check "merge --expect notices a missing shard" test $? -eq 1

# ---- resume: a journal (OUTPUT.partial: the fingerprint line, the header,
# rows in completion order) cut by a crash (half a line at the end) is
# completed into exactly the uninterrupted file.
{ cat "$T/mc2.csv.fingerprint"; head -c "$(( $(wc -c <"$T/mc2.csv") / 3 ))" "$T/mc2.csv"; } \
    >"$T/resumed.csv.partial"
"$ARS" sweep "$MODEL" "${MC[@]}" --workers 2 --output "$T/resumed.csv" --resume
check "resume after truncation equals one run" cmp -s "$T/resumed.csv" "$T/mc1.csv"
check "... and the journal is gone" test ! -e "$T/resumed.csv.partial"
# Rows appended in completion order (unsorted), as a killed run leaves them.
{ cat "$T/mc1.csv.fingerprint"; head -1 "$T/mc1.csv"; tail -n +2 "$T/mc1.csv" | awk 'NR % 3 == 0' | sort -t, -k1,1nr; } >"$T/shuffled.csv.partial"
"$ARS" sweep "$MODEL" "${MC[@]}" --workers 2 --output "$T/shuffled.csv" --resume
check "resume from rows in any order equals one run" cmp -s "$T/shuffled.csv" "$T/mc1.csv"
# A finished output (a merged file, docs/cluster.md) with its .fingerprint
# is resumed too: here a third of it.
head -n 100 "$T/mc1.csv" >"$T/third.csv"
cp "$T/mc1.csv.fingerprint" "$T/third.csv.fingerprint"
"$ARS" sweep "$MODEL" "${MC[@]}" --workers 2 --output "$T/third.csv" --resume
check "resume from a finished output and its fingerprint equals one run" cmp -s "$T/third.csv" "$T/mc1.csv"
# A real interruption: SIGINT while running, then resume. The previous
# contents of the output survive the interrupted run (it writes the journal).
# The signal must land before the run ends, also on a loaded machine: the
# run has the lowest priority (what load there is delays it, not this shell),
# this shell looks for its rows without starting a process per look, and
# the study is long: 16,000 points (1.3 s with GLPK, 2.3 s with CLP on one
# worker). Where every point is many times slower, 4,000 take longer than
# that: 4 s in the sanitizer build (ARS_SANITIZED, tests/tests.cmake), half a
# minute under valgrind.
BIG=16000
[ -n "${ARS_UNDER_VALGRIND:-}${ARS_SANITIZED:-}" ] && BIG=4000
# Still, under load the run has now and then ended before the signal (exit
# status 0, no interruption to check): that is the set-up failing, not
# arsenal, so the run is then made again four times longer, up to twice.
mkfifo "$T/tick"
exec {tick}<>"$T/tick"
for attempt in 1 2 3; do
    echo "previous contents" >"$T/big.csv"
    rm -f "$T/big.csv.partial"
    nice -n 19 "$ARS" sweep "$MODEL" "${MC[@]}" --samples $BIG --workers 1 --output "$T/big.csv" &
    pid=$!
    # Once rows reach the journal the study runs (and its handler is set, even
    # under valgrind's slow start). read -t on a FIFO no one writes is a sleep.
    lines=()
    until_s=$((SECONDS + 300))
    while [ $SECONDS -lt $until_s ] && kill -0 $pid 2>/dev/null; do
        [ -e "$T/big.csv.partial" ] && mapfile -t -n 3 lines <"$T/big.csv.partial"
        [ ${#lines[@]} -ge 3 ] && break
        read -r -t 0.01 -u $tick _
    done
    kill -INT $pid 2>/dev/null
    wait $pid
    st=$?
    [ $st -ne 0 ] && break
    echo "note: the sweep of $BIG points ended before SIGINT (attempt $attempt)"
    [ $attempt -lt 3 ] && BIG=$((BIG * 4))
done
exec {tick}>&-
check "an interrupted fresh run leaves the previous output as it was" grep -qx "previous contents" "$T/big.csv"
check "... and its points in the journal" test -s "$T/big.csv.partial"
"$ARS" sweep "$MODEL" "${MC[@]}" --samples $BIG --workers 2 --output "$T/big.csv" --resume
"$ARS" sweep "$MODEL" "${MC[@]}" --samples $BIG --workers 2 --output "$T/big-ref.csv"
check "interrupted (status $st) and resumed equals one run" cmp -s "$T/big.csv" "$T/big-ref.csv"
# Another study's file is refused, naming what differs: the study
# definition (another seed), the model (another file, or another --set; the
# parameter values of each row would match, only the metrics differ).
"$ARS" sweep "$MODEL" "${MC[@]}" --seed 7 --output "$T/mc1.csv" --resume 2>"$T/err.txt"
check "resume refuses another seed's file" test $? -eq 2
check "... naming the difference" grep -q "study definition differs" "$T/err.txt"
"$ARS" sweep "$MODEL" "${MC[@]}" --set lines.line_b.capacity=25 --output "$T/mc1.csv" --resume 2>"$T/err.txt"
check "resume refuses the file of a study with another --set" test $? -eq 2
check "... naming the model" grep -q "the model differs" "$T/err.txt"
python3 -c "
import json,sys; m=json.load(open('$MODEL')); m['lines'][0]['capacity'] += 1
json.dump(m, open('$T/other.json','w'))"
cp "$T/mc1.csv" "$T/mc1.before"
{ cat "$T/mc1.csv.fingerprint"; head -n 50 "$T/mc1.csv"; } >"$T/mc1.csv.partial"
"$ARS" sweep "$T/other.json" "${MC[@]}" --output "$T/mc1.csv" --resume 2>"$T/err.txt"
check "resume refuses a journal of another model" test $? -eq 2
check "... naming the model" grep -q "the model differs" "$T/err.txt"
check "... leaving the output and journal alone" cmp -s "$T/mc1.csv" "$T/mc1.before"
rm -f "$T/mc1.csv.partial"
rm "$T/third.csv.fingerprint"
"$ARS" sweep "$MODEL" "${MC[@]}" --output "$T/third.csv" --resume 2>"$T/err.txt"
check "resume refuses an output without its fingerprint" test $? -eq 2
check "... saying so" grep -q "third.csv.fingerprint" "$T/err.txt"

# ---- tornado ranking by hand, delta 20%:
#   demand 100 -> 80 / 120: S = 80-50 = 30 / 120-50 = 70, swing 40
#   line_a 30 -> 24 / 36:   S = 100-44 = 56 / 100-56 = 44, swing 12
#   line_b 20 -> 16 / 24:   S = 100-46 = 54 / 100-54 = 46, swing 8
# so demand, line_a, line_b.
"$ARS" sweep "$MODEL" --tornado lines.line_b.capacity lines.line_a.capacity \
    requirements.fires.demand --delta 20% --output "$T/tornado.csv" \
    --summary "$T/tornado.json" --svg "$T/tornado.svg" --quiet --no-progress
python3 - "$T/tornado.json" <<'EOF' || fail=1
import json, sys
s = json.load(open(sys.argv[1]))
t = [x for x in s["tornado"] if x["metric"] == "shortfall"][0]
assert t["base"] == 50, t
got = [(r["parameter"], r["down"], r["up"], r["swing"]) for r in t["ranking"]]
want = [("requirements.fires.demand", 30, 70, 40), ("lines.line_a.capacity", 56, 44, 12),
        ("lines.line_b.capacity", 54, 46, 8)]
for g, w in zip(got, want):
    assert g[0] == w[0] and all(abs(a - b) < 1e-9 for a, b in zip(g[1:], w[1:])), (got, want)
print("ok   tornado ranking by hand")
EOF

# ---- a heat map, and every chart against its CSV.
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --from 0 --to 40 --steps 5 \
    --output "$T/line.csv" --svg "$T/line.svg" --quiet --no-progress
python3 - "$T" <<'EOF' || fail=1
import csv, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
def svg(name):
    root = ET.parse(f"{d}/{name}").getroot()   # raises on malformed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    return root.attrib
def col(name, c):
    return [float(r[c]) for r in csv.DictReader(open(f"{d}/{name}")) if r[c] != ""]
a = svg("line.svg"); xs = col("line.csv", "lines.line_a.capacity"); ys = col("line.csv", "shortfall")
assert a["data-chart"] == "line"
assert float(a["data-x-min"]) == min(xs) and float(a["data-x-max"]) == max(xs), a
assert float(a["data-y-min"]) == min(ys) and float(a["data-y-max"]) == max(ys), a
assert (min(ys), max(ys)) == (40, 80), ys   # capacity 40 .. 0 leaves 100-60 .. 100-20
a = svg("grid.svg"); v = col("grid.csv", "shortfall")
assert a["data-chart"] == "heatmap"
assert float(a["data-v-min"]) == min(v) and float(a["data-v-max"]) == max(v), a
assert float(a["data-x-min"]) == 10 and float(a["data-x-max"]) == 40, a
assert float(a["data-y-min"]) == 50 and float(a["data-y-max"]) == 100, a
a = svg("mc.svg"); v = col("mc1.csv", "shortfall")
assert a["data-chart"] == "histogram"
assert float(a["data-x-min"]) == min(v) and float(a["data-x-max"]) == max(v), a
assert int(a["data-n"]) == len(v)
a = svg("tornado.svg"); v = col("tornado.csv", "shortfall")
assert a["data-chart"] == "tornado"
assert float(a["data-x-min"]) == min(v) == 30 and float(a["data-x-max"]) == max(v) == 70, a
# For people: every tick label is a plain number (no exponent), 5 to 10 per
# axis; titles come from the model's names; the tornado has a legend and its
# base, heat-map cells carry their values, the histogram its mean and p5/p95.
import re, statistics
NS = "{http://www.w3.org/2000/svg}"
def texts(name, cls=None):
    root = ET.parse(f"{d}/{name}").getroot()
    return [t.text or "" for t in root.iter(NS + "text") if cls is None or t.get("class") == cls]
for name in ("line.svg", "grid.svg", "mc.svg", "tornado.svg"):
    for t in texts(name):
        assert not re.search(r"\d[eE][+-]?\d", t), (name, t)
for name, cls in (("line.svg", "x-tick"), ("line.svg", "y-tick"), ("mc.svg", "x-tick"),
                  ("tornado.svg", "x-tick")):
    n = len(texts(name, cls))
    assert 5 <= n <= 10, (name, cls, n)
assert texts("tornado.svg", "title") == ["What moves: Weighted shortfall"], texts("tornado.svg", "title")
assert any("sweep-tiny" in t for t in texts("tornado.svg", "subtitle"))
assert len(texts("tornado.svg", "legend")) >= 2 and texts("tornado.svg", "base-label") == ["base 50"]
assert "capacity of line line_a" in texts("line.svg", "x-title")[0], texts("line.svg", "x-title")
assert sorted(texts("grid.svg", "cell")) == sorted(str(int(float(v))) for v in col("grid.csv", "shortfall")), texts("grid.svg", "cell")
a = svg("mc.svg"); v = sorted(col("mc1.csv", "shortfall"))
assert abs(float(a["data-mean"]) - statistics.mean(v)) < 1e-9 * max(1, abs(statistics.mean(v))), a
marks = texts("mc.svg", "marker")
assert [m.split()[0] for m in marks] == ["p5", "mean", "p95"], marks
print("ok   SVGs are well-formed and match the CSV")
EOF

# ---- JSON output, and errors that name what is wrong.
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values 10,20 --format json \
    --output "$T/grid.json" --quiet --no-progress
python3 -c "
import json,sys; j=json.load(open('$T/grid.json'))
assert [p['metrics']['shortfall'] for p in j['points']] == [70, 60], j['points']
assert j['summary']['completed'] == 2
" && echo "ok   json output" || { echo "FAIL json output"; fail=1; }
check "no journal left beside the JSON" test ! -e "$T/grid.json.partial"
"$ARS" sweep "$MODEL" --param lines.nope.capacity --values 1 2>"$T/err.txt"
check "unknown line is a usage error" test $? -eq 2
check "... naming the parameter" grep -q "/parameters/0" "$T/err.txt"
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values 1 --metric funds.none.spend \
    --output "$T/none.csv" 2>"$T/err.txt" >/dev/null
check "unknown metric is an error" test $? -eq 2
check "... naming the metric" grep -q "funds.none.spend" "$T/err.txt"
check "... and leaves no header-only file" test ! -e "$T/none.csv"
# Over two periods (demand 50 then 100, capacity a + 20 in each, nothing to
# store since demand exceeds capacity), the fill rate is met over demand:
# (min(a+20,50) + min(a+20,100)) / 150, not the sum of the two rates.
python3 -c "
import json; m=json.load(open('$MODEL')); m['periods']=['2025Q1','2025Q2']
m['requirements'][0]['demand']=[50,100]; print(json.dumps(m))" >"$T/two.json"
"$ARS" sweep "$T/two.json" --param lines.line_a.capacity --values 10,30 --no-default-metrics \
    --metric fires.fill_rate --metric shortfall --output "$T/two.csv" --quiet --no-progress
check "short metric names run" test $? -eq 0
python3 - "$T/two.csv" <<'EOF' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for r, fill, short in zip(rows, [60 / 150, 100 / 150], [90, 50]):
    assert abs(float(r["fires.fill_rate"]) - fill) <= 1e-9, (r, fill)
    assert abs(float(r["shortfall"]) - short) <= 1e-9 * short, (r, short)
print("ok   a fill rate over periods is a ratio; 'shortfall' is objective.shortfall")
EOF
# An explanation metric turns explanations on: with both lines full, one more
# unit of either line's capacity removes 1 of S (priority 1).
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values 10,40 --no-default-metrics \
    --metric bottlenecks.0.value --output "$T/bn.csv" --quiet --no-progress
check "an explanation metric" test "$(cut -d, -f5 "$T/bn.csv" | tail -n +2 | tr '\n' ' ')" = "1 1 "
# A point whose model is invalid is recorded, and the study goes on.
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values -5,10 --output "$T/inv.csv" \
    --quiet --no-progress
check "a failed point gives exit status 1" test $? -eq 1
check "... and is recorded as invalid" grep -q '^0,-5,invalid,' "$T/inv.csv"
check "... while the next point is solved" grep -q '^1,10,optimal,' "$T/inv.csv"
# A one-parameter sweep makes each point's model from the loaded one, not
# from its JSON (path_struct.c): every point must be what `arsenal solve
# --set` makes and solves, and a bad value mid-sweep (over 1e12, below 0)
# must get the loader's own error, as the --cold loop (ars_model_apply) has
# it. By hand, capacity 50 a period and line_a stocking for the next one:
# x0.5 (demand 25, 50) S 0, C 2*60+3*15 = 165; x1.5 (75, 150) S 125, C 240.
"$ARS" sweep "$T/two.json" --param requirements.fires.demand --scale --values 0.5,1,1e11,-1,1.5 \
    --output "$T/one.csv" --quiet --no-progress
check "a one-parameter sweep with bad points gives exit status 1" test $? -eq 1
"$ARS" sweep "$T/two.json" --param requirements.fires.demand --scale --values 0.5,1,1e11,-1,1.5 \
    --cold --output "$T/one_cold.csv" --quiet --no-progress
check "... the same file as the loop that loads each point" cmp -s "$T/one.csv" "$T/one_cold.csv"
# A plain number (priority: over 0, a coefficient of S) the same way.
"$ARS" sweep "$T/two.json" --param requirements.fires.priority --scale --values 2,0,1e-10,3 \
    --output "$T/prio.csv" --quiet --no-progress
"$ARS" sweep "$T/two.json" --param requirements.fires.priority --scale --values 2,0,1e-10,3 \
    --cold --output "$T/prio_cold.csv" --quiet --no-progress
check "... a number too" cmp -s "$T/prio.csv" "$T/prio_cold.csv"
ok=1
for pf in demand:0.5 demand:1 demand:1e11 demand:-1 demand:1.5 priority:2 priority:0 \
    priority:1e-10 priority:3; do
    what=${pf%%:*} f=${pf#*:} csvf=$T/one.csv
    [ "$what" = priority ] && csvf=$T/prio.csv
    "$ARS" solve "$T/two.json" --set "requirements.fires.$what*=$f" --format json --quiet \
        >"$T/one_solve.json" 2>"$T/one_solve.err" </dev/null
    python3 - "$csvf" "$f" "$T/one_solve.json" "$T/one_solve.err" "$what" <<'EOF' || ok=0
import csv, json, sys
f, what = float(sys.argv[2]), sys.argv[5]
col = f"requirements.fires.{what}*"
row = [r for r in csv.DictReader(open(sys.argv[1])) if float(r[col]) == f][0]
# S is weighted by the priority: 50 short at x1, times 2 and 3.
hand = {0.5: (0, 165), 1.5: (125, 240)} if what == "demand" else {2: (100, 240), 3: (150, 240)}
hand = hand.get(f)
if f <= 0 or f > 1e6 or f < 1e-9:
    # solve --set names the first bad value the same way.
    err = open(sys.argv[4]).read()
    want = row["error"].replace("the changed model is not valid: ", "")
    assert row["status"] == "invalid", row
    assert want in err, (want, err)
    assert ("magnitude" in want) == (f > 1e6 or 0 < f < 1e-9), want
else:
    res = json.load(open(sys.argv[3]))
    assert row["status"] == res["status"] == "optimal", (row, res["status"])
    for key in ("shortfall", "cost"):
        want = res["objective"][key]; got = float(row[key])
        assert abs(got - want) <= 1e-9 * max(1, abs(want)), (key, got, want)
    if hand:
        assert (float(row["shortfall"]), float(row["cost"])) == hand, (row, hand)
EOF
done
check "... every point equal to arsenal solve --set, bad ones with its error" test $ok -eq 1
# A point whose value is outside the magnitudes the solver can honour
# (docs/model-validation.md) is refused the same way, naming the value.
"$ARS" sweep "$MODEL" --param lines.line_a.capacity --values 1e-15,10 --output "$T/mag.csv" \
    --quiet --no-progress
check "a point out of the magnitude limits gives exit status 1" test $? -eq 1
check "... and is recorded as invalid, naming the value" \
    grep -q '^0,1e-15,invalid,.*magnitude between 1e-9 and 1e12.*found the number 1e-15' "$T/mag.csv"
check "... while the next point is solved" grep -q '^1,10,optimal,' "$T/mag.csv"
# ---- Discrete draws on the tiny model (under valgrind too): choice gives
# only the listed capacities, and S = max(0, D - a - 20) at each.
"$ARS" sweep "$MODEL" --vary 'lines.line_a.capacity=~choice(10,25,40)' \
    --vary 'requirements.fires.demand=~randint(90,110)' --samples 12 --seed 5 \
    --output "$T/choice.csv" --quiet --no-progress
check "choice and randint on the tiny model" test $? -eq 0
python3 - "$T/choice.csv" <<'EOF' || fail=1
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 12 and all(r["status"] == "optimal" for r in rows), rows
for r in rows:
    a, d = float(r["lines.line_a.capacity"]), float(r["requirements.fires.demand"])
    assert a in (10, 25, 40) and d == int(d) and 90 <= d <= 110, r
    assert abs(float(r["shortfall"]) - max(0, d - a - 20)) < 1e-6, r
print("ok   choice and randint points by hand")
EOF

# ---- Monte Carlo on an integer field (docs/studies.md): the baseline's
# licence review time drawn by randint; every point is valid, each draw an
# integer of 1..6, and each point's S and C are those of an independent
# `arsenal solve --set` of the same review time. Not under valgrind
# (minutes there; the discrete draws run on the tiny model above).
if [ -z "${ARS_UNDER_VALGRIND:-}" ]; then
"$ARS" sweep models/baseline.json --vary 'licenses.itar_gbad_ua.review=~randint(1,6)' \
    --samples 24 --seed 3 --workers 2 --output "$T/review.csv" --quiet --no-progress
check "randint on a licence review: every point solved" test $? -eq 0
python3 - "$ARS" "$T/review.csv" <<'EOF' || fail=1
import csv, json, subprocess, sys
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 24, len(rows)
assert all(r["status"] == "optimal" for r in rows), [r["status"] for r in rows]
col = "licenses.itar_gbad_ua.review"
assert all(r[col] in [str(i) for i in range(1, 7)] for r in rows), [r[col] for r in rows]
assert len({r[col] for r in rows}) >= 3, "24 draws of 1..6 gave fewer than 3 values"
for v in sorted({r[col] for r in rows}):
    out = subprocess.run([sys.argv[1], "solve", "models/baseline.json", "--set", f"{col}={v}",
                          "--format", "json"], capture_output=True, text=True).stdout
    o = json.loads(out)["objective"]
    for r in rows:
        if r[col] == v:
            for k in ("shortfall", "cost"):
                assert abs(float(r[k]) - o[k]) <= 1e-6 * max(1, abs(o[k])), (v, k, r[k], o[k])
print("ok   randint review points equal independent solves")
EOF
# Every point invalid (a fraction drawn for an integer field): the summary
# says so with the first point's reason, and nothing prints "nan".
"$ARS" sweep models/baseline.json --vary 'licenses.itar_gbad_ua.review=~uniform(1,6)' \
    --samples 4 --seed 3 --workers 2 --output "$T/allbad.csv" --summary "$T/allbad.json" \
    --svg "$T/allbad.svg" --no-progress >"$T/allbad.txt" 2>&1
check "all points invalid gives exit status 1" test $? -eq 1
check "... the summary says no point has a plan, with the first reason" grep -q \
    'no point has a plan, so there are no statistics; the first, point 0, is invalid: .*/licenses/2/review: expected an integer' \
    "$T/allbad.txt"
check "... and prints no nan" bash -c "! grep -qi nan '$T/allbad.txt' '$T/allbad.json' '$T/allbad.svg'"
check "... the JSON summary names the first failure" grep -q '"first_failure"' "$T/allbad.json"
# Bad distribution parameters are refused before any point runs.
"$ARS" sweep models/baseline.json --vary 'licenses.itar_gbad_ua.review=~randint(6,1)' \
    --samples 4 --output "$T/badp.csv" --quiet --no-progress 2>"$T/badp.err"
check "randint(6,1) is a usage error" test $? -eq 2
check "... naming the parameter" grep -q 'licenses.itar_gbad_ua.review: randint(a,b) needs a <= b' "$T/badp.err"
check "... before any point" test ! -s "$T/badp.csv"
fi
exit $fail
