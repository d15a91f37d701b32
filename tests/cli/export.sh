#!/usr/bin/env bash
# arsenal export: the LP and MPS files, re-solved by glpsol (glpk-utils), give
# the objective arsenal reports; the CSV tables hold the plan derived by hand.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v glpsol >/dev/null || fail "glpsol (glpk-utils) is not installed"

# objective of a glpsol report ("Objective:  obj = 15250 (MINimum)")
glpsol_obj() { sed -n 's/^Objective: *[^ ]* = \([^ ]*\) .*/\1/p' "$1"; }
# same to 1e-6 relative
close() { python3 -c 'import sys; a,b=map(float,sys.argv[1:]); sys.exit(abs(a-b)>1e-6*max(1,abs(a),abs(b)))' "$1" "$2"; }

# glpsol's objective of one exported stage FILE (LP, and MPS beside it)
# against arsenal's objective.KEY in $tmp/r.json.
check_stage() {
  local file=$1 key=$2 want got
  want=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["objective"][sys.argv[2]]))' "$tmp/r.json" "$key")
  glpsol --lp "$file.lp" -o "$tmp/stage.out" >/dev/null || fail "glpsol --lp $file.lp"
  got=$(glpsol_obj "$tmp/stage.out")
  close "$got" "$want" || fail "$file.lp: objective $got, arsenal $key $want"
  glpsol --freemps "$file.mps" -o "$tmp/stage.out" >/dev/null || fail "glpsol --freemps $file.mps"
  got=$(glpsol_obj "$tmp/stage.out")
  close "$got" "$want" || fail "$file.mps: objective $got, arsenal $key $want"
}

# model key: weighted -> objective.weighted, lexicographic -> objective.shortfall
# (the exported objective is the first stage, S). The later stages are
# written beside it (m.cost.lp, m.smooth.lp) with the earlier optima held:
# re-solved, they give C and V.
check_model() {
  local model=$1 key=$2 want got
  "$bin" solve "$model" --format json --quiet >"$tmp/r.json" || fail "solve $model"
  want=$(python3 -c 'import json,sys; print(repr(json.load(open(sys.argv[1]))["objective"][sys.argv[2]]))' "$tmp/r.json" "$key")
  "$bin" export "$model" --quiet --lp "$tmp/m.lp" --mps "$tmp/m.mps" || fail "export $model"
  glpsol --lp "$tmp/m.lp" -o "$tmp/lp.out" >/dev/null || fail "glpsol --lp $model"
  glpsol --freemps "$tmp/m.mps" -o "$tmp/mps.out" >/dev/null || fail "glpsol --freemps $model"
  got=$(glpsol_obj "$tmp/lp.out")
  close "$got" "$want" || fail "$model: LP objective $got, arsenal $key $want"
  got=$(glpsol_obj "$tmp/mps.out")
  close "$got" "$want" || fail "$model: MPS objective $got, arsenal $key $want"
  [ "$key" = weighted ] || check_stage "$tmp/m.cost" cost
  check_stage "$tmp/m.smooth" variation
}

# By hand for export_weighted.json: line ua has no fund, so it makes nothing;
# us makes its capacity 10 shells in P1 (cost 5, paid by usai), fires is short
# 15 - 10 = 5. Drones start in P2; fund bank carries 100 + 100 = 200, at cost
# 10 that buys 20 drones, recon is short 30 - 20 = 10. S = 15, C = 50 + 200 =
# 250, weighted = 1000 S + C = 15250.
check_model tests/models/export_weighted.json weighted
got=$(glpsol_obj "$tmp/lp.out")
close "$got" 15250 || fail "weighted objective $got, by hand 15250"
check_model tests/models/all_families.json shortfall
check_model tests/models/ramp.json shortfall
# Format 1.1 rows (test_solve_format11.c derives S = 80 and 70 by hand):
# the capped substitute's share rows and the terminal goal with its gap.
check_model tests/models/substitution_cap.json shortfall
close "$(glpsol_obj "$tmp/lp.out")" 80 || fail "substitution_cap: S $(glpsol_obj "$tmp/lp.out"), by hand 80"
grep -q '^ share(fires,drone,P1): + 0.5 u(fires,drone,P1) <= 60$' "$tmp/m.lp" ||
  fail "the LP has no share row for the capped drone entry"
grep -q 'share(fires,shell' "$tmp/m.lp" && fail "an uncapped entry got a share row"
check_model tests/models/terminal.json shortfall
close "$(glpsol_obj "$tmp/lp.out")" 70 || fail "terminal: S $(glpsol_obj "$tmp/lp.out"), by hand 70"
grep -q '^ terminal(shell): + tg(shell) + inv(shell,P2) >= 50$' "$tmp/m.lp" ||
  fail "the LP has no terminal row"
# capacity.json by hand (test_verify.c): S = 8.5; C = 3 x 7.5 + 100 x 4 =
# 422.5 with S held; V = 5 + 4 = 9 with S and C held.
check_model tests/models/capacity.json shortfall
glpsol --lp "$tmp/m.cost.lp" -o "$tmp/stage.out" >/dev/null
close "$(glpsol_obj "$tmp/stage.out")" 422.5 || fail "capacity.json: cost stage not 422.5"
glpsol --lp "$tmp/m.smooth.lp" -o "$tmp/stage.out" >/dev/null
close "$(glpsol_obj "$tmp/stage.out")" 9 || fail "capacity.json: smooth stage not 9"
grep -q '^ lex: .* <= 8\.5$' "$tmp/m.smooth.lp" || fail "smooth stage lacks lex <= 8.5"

# Readable names: brackets in MPS, parentheses in LP (the format forbids []).
"$bin" export tests/models/export_weighted.json -q --lp "$tmp/w.lp" --mps "$tmp/w.mps"
grep -q 'cap(us,P1):' "$tmp/w.lp" || fail "LP lacks the row name cap(us,P1)"
grep -q 'x(us,shell,P1)' "$tmp/w.lp" || fail "LP lacks the column name x(us,shell,P1)"
grep -q 'cap\[us,P1\]' "$tmp/w.mps" || fail "MPS lacks the row name cap[us,P1]"

# CSV tables.
mkdir "$tmp/csv"
"$bin" export tests/models/export_weighted.json -q --format csv --output "$tmp/csv" || fail "csv export"
[ "$(head -1 "$tmp/csv/plan.csv")" = "line,product,period,quantity" ] || fail "plan.csv header"
[ "$(head -1 "$tmp/csv/shortfalls.csv")" = "requirement,period,demand,shortfall" ] || fail "shortfalls.csv header"
[ "$(head -1 "$tmp/csv/payments.csv")" = "fund,payee,period,amount" ] || fail "payments.csv header"
# 3 lines x 1 product x 2 periods; 2 requirements x 2 periods; payees us (usai)
# and dr (bank) x 2 periods (ua has no eligible fund, so no row).
[ "$(wc -l <"$tmp/csv/plan.csv")" = 7 ] || fail "plan.csv rows"
[ "$(wc -l <"$tmp/csv/shortfalls.csv")" = 5 ] || fail "shortfalls.csv rows"
[ "$(wc -l <"$tmp/csv/payments.csv")" = 5 ] || fail "payments.csv rows"
grep -qx '"us","shell","P1",10' "$tmp/csv/plan.csv" || fail "plan: us P1 should make 10"
grep -qx '"dr","drone","P2",20' "$tmp/csv/plan.csv" || fail "plan: dr P2 should make 20"
grep -qx '"fires","P1",15,5' "$tmp/csv/shortfalls.csv" || fail "fires P1 shortfall 5"
grep -qx '"recon","P2",30,10' "$tmp/csv/shortfalls.csv" || fail "recon P2 shortfall 10"
grep -qx '"usai","us","P1",50' "$tmp/csv/payments.csv" || fail "usai pays us 50 in P1"
grep -qx '"bank","dr","P2",200' "$tmp/csv/payments.csv" || fail "bank pays dr 200 in P2"
# Bottlenecks by hand (weighted: 1000 per unit of shortfall, 1 per USD): one
# more capacity unit at us in P1 is one more shell, -1000 + 5 = 995; one
# more USD in fund bank in P1 or P2 buys 0.1 drone, -100 + 1 = 99 each, 198
# over the run P1-P2.
[ "$(head -1 "$tmp/csv/bottlenecks.csv")" = "rank,id,kind,thing,from,to,value,shortfall_value,cost_value,weighted_value,unit" ] \
  || fail "bottlenecks.csv header"
[ "$(wc -l <"$tmp/csv/bottlenecks.csv")" = 3 ] || fail "bottlenecks.csv rows"
grep -qx '1,"cap:us","line_capacity","us","P1","P1",995,,,995,"capacity unit per period at line us"' \
  "$tmp/csv/bottlenecks.csv" || fail "bottleneck 1: us capacity worth 995"
grep -qx '2,"fund:bank","fund","bank","P1","P2",198,,,198,"USD per period in fund bank"' \
  "$tmp/csv/bottlenecks.csv" || fail "bottleneck 2: fund bank worth 198"

# Failures: usage errors exit 2; an unwritable place exits 3 and leaves nothing.
set +e
"$bin" export tests/models/export_weighted.json -q 2>/dev/null; rc=$?
[ "$rc" = 2 ] || fail "nothing to write: exit $rc, expected 2"
"$bin" export tests/models/export_weighted.json -q --format csv --output "$tmp/nodir" 2>/dev/null; rc=$?
[ "$rc" = 2 ] || fail "missing --output folder: exit $rc, expected 2"
"$bin" export tests/models/export_weighted.json -q --lp "$tmp/nodir/m.lp" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 3 ] || fail "unwritable LP path: exit $rc, expected 3"
[ ! -e "$tmp/nodir" ] || fail "a file was left behind"
grep -q "nodir" "$tmp/err" || fail "the error does not name the path"
echo "export: ok"
