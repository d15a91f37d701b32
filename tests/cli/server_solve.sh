#!/usr/bin/env bash
# arsenal serve, the solver endpoints: /v1/check, /v1/solve (?explain=1),
# /v1/whatif with hand-derived numbers; model errors (400/422); concurrent
# solves; a full queue (503 + Retry-After); a client that disconnects
# cancels its solve; SIGTERM with a solve in flight (it finishes, exit 0);
# SIGTERM past the grace period (the solve is cancelled, exit 0).
# valgrind: skip (timing-driven; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json
near() { python3 -c "import sys; a=float('$1'); b=float('$2'); sys.exit(0 if abs(a-b) <= 1e-5*max(1,abs(b)) else 1)"; }
expect_near() { if near "$2" "$3"; then ok "$1"; else fail "$1: got $2, want $3"; fi; }

start_server solve --workers 2 --queue 0

# small.json: one line, capacity 10 at cost 2, demand 6 met by the shell.
# Optimal plan: make 6, so shortfall S = 0 and cost C = 6 * 2 = 12.
expect_eq "solve 200" "$(post_json /v1/solve $SMALL)" 200
expect_eq "solve status" "$(body | json 'j["status"]')" optimal
expect_near "solve shortfall" "$(body | json 'j["objective"]["shortfall"]')" 0
expect_near "solve cost" "$(body | json 'j["objective"]["cost"]')" 12
expect_eq "explain=1 200" "$(post_json '/v1/solve?explain=1' $SMALL)" 200
expect_eq "explain=maybe 400" "$(post_json '/v1/solve?explain=maybe' $SMALL)" 400
# licences.json: pending licence `pend` approved from P1 instead of P3 cuts
# S from 60 to 40 (tests/unit/test_licence_value.c has the derivation).
expect_eq "licence_value=1 200" "$(post_json '/v1/solve?licence_value=1' tests/models/licences.json)" 200
expect_near "licence value at start" \
  "$(body | json '[l for l in j["licence_value"]["licences"] if l["licence"]=="pend"][0]["at_start"]["shortfall"]')" 40
expect_eq "licence_value=2 400" "$(post_json '/v1/solve?licence_value=2' $SMALL)" 400
expect_eq "license_value=1 (US spelling) 200" "$(post_json '/v1/solve?license_value=1' tests/models/licences.json)" 200
expect_eq "... is the licence value" \
  "$(body | json '[l for l in j["licence_value"]["licences"] if l["licence"]=="pend"][0]["at_start"]["shortfall"]')" 40
expect_eq "solve verified" "$(post_json /v1/solve $SMALL >/dev/null; body | json 'j["verified"]')" True
expect_eq "verify=0 200" "$(post_json '/v1/solve?verify=0' $SMALL)" 200
expect_eq "verify=0 unverified" "$(body | json '"verification" in j')" False
expect_eq "verify=maybe 400" "$(post_json '/v1/solve?verify=maybe' $SMALL)" 400
expect_eq "verify on check 400" "$(post_json '/v1/check?verify=0' $SMALL)" 400
expect_eq "unknown query 400" "$(post_json '/v1/solve?file=/etc/passwd' $SMALL)" 400
expect_eq "time_limit query 200" "$(post_json '/v1/solve?time_limit=5' $SMALL)" 200

# check: valid, and an invalid model is a successful check that says so.
expect_eq "check 200" "$(post_json /v1/check $SMALL)" 200
expect_eq "check valid" "$(body | json 'j["valid"]')" True
sed 's/"capacity": 10/"capacity": -5/' $SMALL >"$WORK/neg.json"
expect_eq "check of an invalid model 200" "$(post_json /v1/check "$WORK/neg.json")" 200
expect_eq "check says invalid" "$(body | json 'j["valid"]')" False
expect_contains "check names the field" "$(body)" "/lines/0/capacity"

# Model errors on solve: empty body, bad JSON, trailing data -> 400;
# a negative capacity -> 422 naming the field.
printf '' >"$WORK/empty.json"
expect_eq "empty body 400" "$(post_json /v1/solve "$WORK/empty.json")" 400
printf '{"arsenal": 1,' >"$WORK/trunc.json"
expect_eq "truncated JSON 400" "$(post_json /v1/solve "$WORK/trunc.json")" 400
expect_contains "400 gives line and column" "$(body)" "line"
{ cat $SMALL; printf 'garbage'; } >"$WORK/trail.json"
expect_eq "trailing garbage 400" "$(post_json /v1/solve "$WORK/trail.json")" 400
expect_eq "negative capacity 422" "$(post_json /v1/solve "$WORK/neg.json")" 422
expect_eq "422 field" "$(body | json 'j["field"]')" /lines/0/capacity

# whatif: capacity 10 -> 5 leaves 1 of the 6 unmet: variant S = 1 (priority
# 1), C = 5 * 2 = 10, so delta S = +1 and delta C = -2.
python3 -c "
import json; m = json.load(open('$SMALL'))
print(json.dumps({'model': m, 'variants': [{'name': 'half', 'set': ['lines.l1.capacity=5']}],
                  'set': ['lines.l1.capacity=10']}))" >"$WORK/whatif.json"
expect_eq "whatif 200" "$(post_json /v1/whatif "$WORK/whatif.json")" 200
expect_near "whatif base cost" "$(body | json 'j["base"]["objective"]["cost"]')" 12
expect_eq "whatif variants" "$(body | json 'len(j["variants"])')" 2
expect_near "unchanged variant delta S" "$(body | json 'j["variants"][0]["delta"]["shortfall"]')" 0
expect_near "half variant delta S" "$(body | json 'j["variants"][1]["delta"]["shortfall"]')" 1
expect_near "half variant delta C" "$(body | json 'j["variants"][1]["delta"]["cost"]')" -2
# The diff `arsenal whatif` prints: the same S and C deltas, the line's
# output 6 -> 5, and the requirement's shortfall 0 -> 1.
expect_near "diff delta S" "$(body | json 'j["variants"][1]["diff"]["shortfall"]["delta"]')" 1
expect_near "diff delta C" "$(body | json 'j["variants"][1]["diff"]["cost"]["delta"]')" -2
expect_near "diff line output" "$(body | json 'j["variants"][1]["diff"]["lines"][0]["output"]["delta"]')" -1
expect_eq "diff by product" "$(body | json '[(p["product"], p["output"]["delta"], [l["line"] for l in p["lines"]]) for p in j["variants"][1]["diff"]["products"]]')" "[('shell', -1, ['l1'])]"
expect_near "diff requirement" "$(body | json 'j["variants"][1]["diff"]["requirements"][0]["shortfall"]["variant"]')" 1
# ... and the same diff as the CLI's for the same variant (the CLI explains
# by default, so it also has bottlenecks; the server did not explain).
body >"$WORK/whatif_server.json"
"$ARS" whatif $SMALL --set lines.l1.capacity=5 --format json >"$WORK/whatif_cli.json"
expect_eq "server diff = CLI diff" "$(python3 -c "
import json
s = json.load(open('$WORK/whatif_server.json'))['variants'][1]['diff']
c = json.load(open('$WORK/whatif_cli.json'))['variants'][0]
print(all(s[k] == c[k] for k in s) and sorted(s) == sorted(k for k in c if k in s))")" True
printf '{"model": %s, "set": ["lines.nope.capacity=1"]}' "$(cat $SMALL)" >"$WORK/badpath.json"
expect_eq "whatif path matching nothing 422" "$(post_json /v1/whatif "$WORK/badpath.json")" 422
expect_contains "422 names the path" "$(body)" "lines.nope.capacity"
printf '{"model": %s}' "$(cat $SMALL)" >"$WORK/novariant.json"
expect_eq "whatif with nothing to compare 400" "$(post_json /v1/whatif "$WORK/novariant.json")" 400
printf '{"modle": {}}' >"$WORK/typo.json"
expect_eq "whatif unknown field 400" "$(post_json /v1/whatif "$WORK/typo.json")" 400

# Concurrent solves: two at once on two workers, both answered.
python3 tests/cli/lib/gen_slow_model.py 10 4 12 >"$WORK/medium.json"
pids=()
for i in 1 2; do
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 60 -H 'Content-Type: application/json' \
    --data-binary @"$WORK/medium.json" "$URL/v1/solve" >"$WORK/conc.$i" &
  pids+=($!)
done
wait "${pids[@]}" || true
expect_eq "two concurrent solves on two workers" "$(cat "$WORK"/conc.* | sort | uniq -c | awk '{print $1 " " $2}')" "2 200"

# Queue full: two slow solves occupy both workers (queue 0), a third gets
# 503 with Retry-After; then both clients leave and their solves stop.
python3 tests/cli/lib/gen_slow_model.py 40 8 30 >"$WORK/slow.json"
pids=()
for i in 1 2; do
  curl -s -o /dev/null --max-time 120 -H 'Content-Type: application/json' \
    --data-binary @"$WORK/slow.json" "$URL/v1/solve" &
  pids+=($!)
done
# Both on a worker (receiving and parsing the body takes longer in a
# sanitizer build or on a loaded machine).
wait_for 60 '[ "$(metric arsenal_solves_running)" = 2 ]' || true
expect_eq "solves running" "$(metric arsenal_solves_running)" 2
expect_eq "third solve 503" "$(post_json /v1/solve $SMALL)" 503
expect_eq "503 Retry-After" "$(header Retry-After)" 1
# Both clients leave; the slow model needs about a minute, so the workers
# are free again only because the solves were cancelled.
kill "${pids[@]}" 2>/dev/null || true
wait "${pids[@]}" || true
wait_for 30 '[ "$(metric arsenal_solves_running)" = 0 ]' || true
expect_eq "disconnect cancelled the solves" "$(metric arsenal_solves_running)" 0
expect_eq "cancellations counted" "$(metric arsenal_cancelled_by_disconnect_total)" 2
expect_eq "serving after cancellation" "$(post_json /v1/solve $SMALL)" 200

# A client that half-closes its side after a full request (shutdown(SHUT_WR),
# as `nc -N` does) still gets its answer: the solve (about a third of a
# second) is not cancelled by the end of stream, and the connection closes
# after the answer. Interim "100 Continue" lines may come first.
python3 - "$PORT" "$WORK/medium.json" >"$WORK/halfclose.out" <<'PY' || true
import json, socket, sys
body = open(sys.argv[2], "rb").read()
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=60)
s.sendall(b"POST /v1/solve HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          b"Content-Length: %d\r\n\r\n" % len(body) + body)
s.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
while data.startswith(b"HTTP/1.1 100 Continue\r\n\r\n"):
    data = data[len(b"HTTP/1.1 100 Continue\r\n\r\n"):]
head, _, rest = data.partition(b"\r\n\r\n")
print(head.split(b"\r\n")[0].decode())
print(json.loads(rest)["status"])
PY
expect_eq "half-closed client answered" "$(head -n1 "$WORK/halfclose.out")" "HTTP/1.1 200 OK"
expect_eq "... with its plan" "$(sed -n 2p "$WORK/halfclose.out")" optimal

# SIGTERM with a solve in flight: it finishes (200) and the server exits 0;
# new connections are refused meanwhile.
curl -s -o "$WORK/inflight.body" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
  --data-binary @"$WORK/medium.json" "$URL/v1/solve" >"$WORK/inflight.code" &
cpid=$!
# Wait until the solve is on a worker (slow builds such as ASan take longer
# to receive and parse the body), then signal.
wait_for 60 '[ "$(metric arsenal_solves_running)" = 1 ]' || true
kill -TERM "$PID"
# Refused once the server has closed its listening socket (which it does
# first, while the solve goes on).
wait_for 30 '! listening' || true
expect_eq "no new connections while draining" \
  "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$URL/v1/healthz" || true)" 000
wait $cpid || true
expect_eq "in-flight solve answered" "$(cat "$WORK/inflight.code")" 200
expect_eq "in-flight solve optimal" "$(json 'j["status"]' <"$WORK/inflight.body")" optimal
RC=0; wait "$PID" || RC=$?
expect_eq "exit 0 after draining" "$RC" 0

# SIGTERM past the grace period: the slow solve is cancelled, its client
# gets 503, and the server still exits 0 quickly.
start_server grace --workers 1 --grace 0.5
curl -s -o "$WORK/grace.body" -w '%{http_code}' --max-time 60 -H 'Content-Type: application/json' \
  --data-binary @"$WORK/slow.json" "$URL/v1/solve" >"$WORK/grace.code" &
cpid=$!
wait_for 60 '[ "$(metric arsenal_solves_running)" = 1 ]' || true
t0=$(date +%s)
kill -TERM "$PID"
RC=0; wait "$PID" || RC=$?
t1=$(date +%s)
wait $cpid || true
expect_eq "exit 0 after the grace period" "$RC" 0
expect_eq "stopped soon after the grace period" "$([ $((t1 - t0)) -le 15 ] && echo yes)" yes
expect_eq "cancelled solve answered 503" "$(cat "$WORK/grace.code")" 503
expect_eq "503 says shutting down" "$(json 'j["error"]' <"$WORK/grace.body")" shutting_down

finish
