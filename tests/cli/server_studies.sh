#!/usr/bin/env bash
# arsenal serve, studies: POST /v1/studies (202 + Location), GET (state,
# progress, results; CSV with Accept: text/csv), GET /v1/studies, DELETE;
# and a restart after SIGKILL with a study half done: the study is listed,
# its completed points survive byte for byte, and it finishes.
# valgrind: skip (timing-driven; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json
DATA="$WORK/data"

# wait_state ID STATE: polls until the study reaches STATE (the studies here
# take seconds; 120 s at most, a bound against a hang on a loaded machine)
wait_state() {
  local s until_s=$((SECONDS + 120))
  while :; do
    s=$(curl -s "$URL/v1/studies/$1" | json 'j["state"]' 2>/dev/null || true)
    [ "$s" = "$2" ] && return 0
    [ $SECONDS -lt $until_s ] || return 1
    sleep 0.1
  done
}

start_server studies --data "$DATA" --workers 1

# Grid over the line's capacity 2, 4, 6, 8 against demand 6 at cost 2 per
# unit (tolerance 0): shortfall = max(0, 6 - cap) = 4, 2, 0, 0 and cost =
# 2 * min(cap, 6) = 4, 8, 12, 12.
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l1.capacity", "values": [2, 4, 6, 8]}]}}' \
  "$(cat $SMALL)" >"$WORK/grid.json"
expect_eq "create 202" "$(post_json /v1/studies "$WORK/grid.json")" 202
id=$(body | json 'j["id"]')
expect_eq "Location" "$(header Location)" "/v1/studies/$id"
expect_eq "total points" "$(body | json 'j["total"]')" 4
wait_state "$id" done && ok "grid study done" || fail "grid study not done"
expect_eq "GET study 200" "$(http GET "/v1/studies/$id")" 200
expect_eq "progress" "$(body | json '"%d/%d" % (j["progress"]["done"], j["progress"]["total"])')" 4/4
expect_eq "shortfalls" "$(body | json '[float(round(p["metrics"]["shortfall"], 6)) for p in j["results"]["points"]]')" \
  "[4.0, 2.0, 0.0, 0.0]"
expect_eq "costs" "$(body | json '[float(round(p["metrics"]["cost"], 6)) for p in j["results"]["points"]]')" \
  "[4.0, 8.0, 12.0, 12.0]"
expect_eq "CSV 200" "$(http GET "/v1/studies/$id" -H 'Accept: text/csv')" 200
expect_contains "CSV content type" "$(header Content-Type)" "text/csv"
expect_eq "CSV rows (header + 4)" "$(body | wc -l | tr -d ' ')" 5
expect_eq "CSV row of point 1" "$(body | sed -n 3p | cut -d, -f1-3)" "1,4,optimal"
expect_eq "list 200" "$(http GET /v1/studies)" 200
expect_eq "list has the study" "$(body | json '[s["id"] for s in j["studies"]]')" "['$id']"
expect_eq "DELETE a finished study 409" "$(http DELETE "/v1/studies/$id")" 409
expect_eq "unknown study 404" "$(http GET /v1/studies/0000000000000000)" 404

# Errors: a path that matches nothing (422 naming it), no study (400),
# a bad study field (422 with the pointer).
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.nope.capacity", "values": [1]}]}}' \
  "$(cat $SMALL)" >"$WORK/badpath.json"
expect_eq "bad path 422" "$(post_json /v1/studies "$WORK/badpath.json")" 422
expect_contains "names the path" "$(body)" "lines.nope.capacity"
printf '{"model": %s}' "$(cat $SMALL)" >"$WORK/nostudy.json"
expect_eq "no study 400" "$(post_json /v1/studies "$WORK/nostudy.json")" 400
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l1.capacity", "from": 1, "to": 2, "steps": 0}]}}' \
  "$(cat $SMALL)" >"$WORK/badsteps.json"
expect_eq "bad steps 422" "$(post_json /v1/studies "$WORK/badsteps.json")" 422
expect_contains "pointer into the study" "$(body | json 'j["field"]')" "/study/parameters/0"

# A slower study (each point about a quarter of a second on one worker,
# 2.8 s in all: with 10 lines, 4 products and 12 periods the points took
# 36 ms each once freed memory stayed in the process, and on a loaded
# machine the whole study ended before this loop saw two of them): kill -9
# once two points are on disk, restart, and it resumes.
python3 tests/cli/lib/gen_slow_model.py 16 5 14 >"$WORK/medium.json"
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l0.capacity", "scale": true, "from": 0.5, "to": 1.5, "steps": 12}], "block": 1}}' \
  "$(cat "$WORK/medium.json")" >"$WORK/slow.json"
expect_eq "slow study 202" "$(post_json /v1/studies "$WORK/slow.json")" 202
sid=$(body | json 'j["id"]')
# Looked at without a process per look (the fingerprint line, the header and
# two rows), so that the kill follows the second point closely.
lines=()
until_s=$((SECONDS + 120))
while [ $SECONDS -lt $until_s ]; do
  [ -e "$DATA/$sid/points.csv" ] && mapfile -t -n 4 lines <"$DATA/$sid/points.csv"
  [ ${#lines[@]} -ge 4 ] && break
  sleep 0.05
done
kill -KILL "$PID"
wait "$PID" 2>/dev/null || true
before=$(( $(wc -l <"$DATA/$sid/points.csv") - 2 ))
# points.csv: the study's fingerprint line, the header, the rows.
expect_contains "points.csv starts with the fingerprint" "$(head -n1 "$DATA/$sid/points.csv")" "# arsenal study model="
tail -n +2 "$DATA/$sid/points.csv" >"$WORK/before.csv"
expect_eq "some but not all points before the kill" \
  "$([ "$before" -ge 2 ] && [ "$before" -lt 12 ] && echo yes)" yes
expect_eq "no state file: unfinished" "$([ -e "$DATA/$sid/state.json" ] && echo yes || echo no)" no
# A copy of the unfinished study whose spec.json now holds another model:
# its points.csv is another study's and must not be continued.
other=abcdef0123456789
mkdir "$DATA/$other"
cp "$DATA/$sid/points.csv" "$DATA/$other/"
cp "$DATA/$sid/points.csv" "$WORK/other-points.csv"
python3 -c "
import json,sys; d=json.load(open('$DATA/$sid/spec.json'))
d['id']='$other'; d['model']['lines'][0]['capacity'] += 1
json.dump(d, open('$DATA/$other/spec.json','w'))"
# A phantom from before studies were created atomically: no spec.json.
mkdir "$DATA/0123456789abcdef"
# A creation cut short: removed at start-up.
mkdir "$DATA/.new-1111111111111111" && touch "$DATA/.new-1111111111111111/spec.json"

start_server restarted --data "$DATA" --workers 1
expect_eq "list after restart" "$(http GET /v1/studies)" 200
expect_eq "the studies listed" "$(body | json 'sorted(s["id"] for s in j["studies"])')" \
  "$(python3 -c "print(sorted(['$id', '$sid', '$other', '0123456789abcdef']))")"
expect_eq "a leftover creation folder is removed" "$([ -e "$DATA/.new-1111111111111111" ] && echo yes || echo no)" no
expect_eq "the copy with another model failed" "$(curl -s "$URL/v1/studies/$other" | json 'j["state"]')" failed
expect_contains "... naming the model" "$(curl -s "$URL/v1/studies/$other" | json 'j["error"]')" "the model differs"
expect_eq "... and its points.csv was not continued" "$(cmp -s "$DATA/$other/points.csv" "$WORK/other-points.csv"; echo $?)" 0
expect_eq "DELETE a failed study 200" "$(http DELETE "/v1/studies/$other")" 200
expect_eq "... removes its folder" "$([ -e "$DATA/$other" ] && echo yes || echo no)" no
expect_eq "... and it is gone" "$(http GET "/v1/studies/$other")" 404
expect_eq "DELETE the phantom 200" "$(http DELETE /v1/studies/0123456789abcdef)" 200
expect_eq "... removes its folder" "$([ -e "$DATA/0123456789abcdef" ] && echo yes || echo no)" no
expect_eq "finished study still done" "$(curl -s "$URL/v1/studies/$id" | json 'j["state"]')" done
wait_state "$sid" done && ok "resumed study finished" || fail "resumed study not finished"
expect_eq "all 12 points" "$(curl -s "$URL/v1/studies/$sid" | json 'j["progress"]["done"]')" 12
# The points completed before the kill are kept as they were: every line
# of the old file is in the new one, and none is solved twice.
curl -s -H 'Accept: text/csv' "$URL/v1/studies/$sid" >"$WORK/after.csv"
missing=$( (grep -vxF -f "$WORK/after.csv" "$WORK/before.csv" || true) | wc -l | tr -d " ")
expect_eq "completed points survive" "$missing" 0
expect_eq "each point once on disk" "$(tail -n +3 "$DATA/$sid/points.csv" | cut -d, -f1 | sort -n | uniq | wc -l | tr -d ' ')" 12
expect_eq "no duplicate rows on disk" "$(tail -n +3 "$DATA/$sid/points.csv" | wc -l | tr -d ' ')" 12

# DELETE: a study whose points take about a minute each is cancelled
# while it runs (or before it starts) and stays cancelled.
python3 tests/cli/lib/gen_slow_model.py 40 8 30 >"$WORK/big.json"
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l0.capacity", "values": [10, 20, 30]}], "block": 1}}' \
  "$(cat "$WORK/big.json")" >"$WORK/long.json"
expect_eq "a long study" "$(post_json /v1/studies "$WORK/long.json")" 202
cid=$(body | json 'j["id"]')
expect_eq "CSV of an unfinished study 409" "$(http GET "/v1/studies/$cid" -H 'Accept: text/csv')" 409
st=$(http DELETE "/v1/studies/$cid")
case $st in
  200 | 202) ok "DELETE accepted ($st)" ;;
  *) fail "DELETE: $st $(body)" ;;
esac
wait_state "$cid" cancelled && ok "cancelled" || fail "not cancelled"
expect_contains "state on disk" "$(cat "$DATA/$cid/state.json")" cancelled
expect_contains "points done counted" "$(curl -s "$URL/metrics")" "arsenal_study_points_done_total"

# DELETE while a MIP point is in branch-and-cut: the point is recorded with
# the best plan found so far (status feasible), since nothing will resume
# it. The point needs several CPU seconds; DELETE goes once the server has
# spent 2.5 s of CPU on it, whatever the machine's load.
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.l0.capacity", "values": [10]}], "block": 1}}' \
  "$(cat "$WORK/big.json")" >"$WORK/one.json"
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
cpu0=$(cpu_s "$PID")
expect_eq "a one-point MIP study" "$(post_json /v1/studies "$WORK/one.json")" 202
mid=$(body | json 'j["id"]')
for i in $(seq 1 1200); do
  python3 -c "import sys; sys.exit(0 if $(cpu_s "$PID") - $cpu0 >= 2.5 else 1)" && break
  sleep 0.05
done
expect_eq "DELETE while it runs 202" "$(http DELETE "/v1/studies/$mid")" 202
wait_state "$mid" cancelled && ok "cancelled" || fail "not cancelled"
expect_eq "the point is recorded with its incumbent" \
  "$(curl -s "$URL/v1/studies/$mid" | json '[(p["point"], p["status"]) for p in j["results"]["points"]]')" "[(0, 'feasible')]"
expect_eq "... in points.csv too" "$(tail -n +3 "$DATA/$mid/points.csv" | cut -d, -f1,3)" "0,feasible"
stop_server
expect_eq "exit 0" "$RC" 0

finish
