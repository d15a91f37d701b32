#!/usr/bin/env bash
# arsenal serve, the HTTP layer: every error status with its JSON body,
# limits, deadlines, keep-alive, pipelining, the connection cap, auth and
# the access log, with curl and raw bytes over /dev/tcp.
# valgrind: skip (deadline-driven; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json

start_server http --workers 1 --max-body 4096 --header-timeout 1 --body-timeout 1 \
  --idle-timeout 1 --max-connections 4

expect_eq "healthz" "$(http GET /v1/healthz)" 200
expect_eq "healthz body" "$(body | json 'j["status"]')" ok

# 404 / 405 with Allow / 415, each with a JSON error body.
expect_eq "unknown path 404" "$(http GET /v1/nothing)" 404
expect_eq "404 error code" "$(body | json 'j["error"]')" not_found
expect_eq "study id that is not one 404" "$(http GET /v1/studies/..%2f..%2fetc)" 404
expect_eq "wrong method 405" "$(http GET /v1/solve)" 405
expect_eq "405 Allow header" "$(header Allow)" POST
expect_eq "405 error code" "$(body | json 'j["error"]')" method_not_allowed
expect_eq "studies 405 Allow" "$(http PUT /v1/studies)" 405
expect_eq "studies Allow lists both" "$(header Allow)" "GET, POST"
expect_eq "text/plain 415" "$(http POST /v1/solve -H 'Content-Type: text/plain' --data-binary @$SMALL)" 415
expect_eq "415 names the header" "$(body | json 'j["field"]')" Content-Type
# No Content-Type, or curl's default form type, with a JSON body: the body
# decides (accepted); the form type with a body that is no JSON: 415.
expect_eq "no Content-Type, JSON body 200" "$(http POST /v1/check --data-binary @$SMALL -H 'Content-Type:')" 200
expect_eq "curl's default type, JSON body 200" "$(http POST /v1/check --data-binary @$SMALL)" 200
expect_eq "form type, form body 415" "$(http POST /v1/check --data 'a=1&b=2')" 415
expect_eq "... naming the header" "$(body | json 'j["field"]')" Content-Type
expect_eq "charset parameter accepted" \
  "$(http POST /v1/check -H 'Content-Type: application/json; charset=utf-8' --data-binary @$SMALL)" 200

# 413: declared too large (answered before the body), and a chunked body
# that grows past the limit (running count).
head -c 5000 /dev/zero | tr '\0' ' ' >"$WORK/big.json"
expect_eq "Content-Length over --max-body 413" "$(post_json /v1/solve "$WORK/big.json")" 413
expect_eq "413 limit" "$(body | json 'j["limit"]')" 4096
expect_eq "chunked over --max-body 413" \
  "$(post_json /v1/solve "$WORK/big.json" -H 'Transfer-Encoding: chunked')" 413

# 431: a header over 8 KiB; more than 100 headers.
long=$(head -c 9000 /dev/zero | tr '\0' a)
expect_eq "header over 8 KiB 431" "$(http GET /v1/healthz -H "X-Long: $long")" 431
many=()
for i in $(seq 1 101); do many+=(-H "X-H$i: v"); done
expect_eq "101 headers 431" "$(http GET /v1/healthz "${many[@]}")" 431
expect_eq "431 JSON body" "$(body | json 'j["error"]')" headers_too_large

# 400 then close: malformed request line, bad Content-Length, CL+TE,
# obs-fold, whitespace before the colon.
r=$(raw 'GARBAGE\r\n\r\n')
expect_contains "malformed request line 400" "$r" "HTTP/1.1 400"
expect_contains "400 closes" "$r" "Connection: close"
expect_contains "400 has a JSON body" "$r" '"error":"bad_request"'
expect_contains "bad Content-Length 400" \
  "$(raw 'POST /v1/check HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1x\r\n\r\n{}')" \
  "HTTP/1.1 400"
expect_contains "Content-Length with Transfer-Encoding 400" \
  "$(raw 'POST /v1/check HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}')" \
  "HTTP/1.1 400"
expect_contains "obs-fold 400" "$(raw 'GET /v1/healthz HTTP/1.1\r\nX-A: b\r\n c\r\n\r\n')" \
  "HTTP/1.1 400"
expect_contains "space before colon 400" "$(raw 'GET /v1/healthz HTTP/1.1\r\nHost : x\r\n\r\n')" \
  "HTTP/1.1 400"
expect_contains "HTTP/2 preface refused" "$(raw 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')" "HTTP/1.1 400"
# Chunked framing must be exact: junk where the CRLF after chunk data
# belongs, or a space inside a chunk size, is 400 (http-parser took both).
CHK='POST /v1/check HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n'
expect_contains "exact chunked body 200" "$(raw "${CHK}2\r\n{}\r\n0\r\n\r\n")" "HTTP/1.1 200"
expect_contains "junk after chunk data 400" "$(raw "${CHK}2\r\n{}XX0\r\n\r\n")" "HTTP/1.1 400"
expect_contains "chunk size '2 2' 400" "$(raw "${CHK}2 2\r\n{}\r\n0\r\n\r\n")" "HTTP/1.1 400"
# Absolute-form targets are served by their path; CONNECT is 405.
expect_contains "absolute-form target served" \
  "$(raw 'GET http://127.0.0.1/v1/healthz HTTP/1.1\r\nConnection: close\r\n\r\n')" '"status":"ok"'
expect_contains "absolute-form without a path 400" \
  "$(raw 'GET http://127.0.0.1 HTTP/1.1\r\n\r\n')" "HTTP/1.1 400"
expect_contains "CONNECT 405" "$(raw 'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n')" \
  "HTTP/1.1 405"

# 408: headers that never finish, a body that never arrives.
r=$(raw 'GET /v1/healthz HTTP/1.1\r\nX-Slow: 1\r\n')
expect_contains "slow headers 408" "$r" "HTTP/1.1 408"
expect_contains "408 JSON body" "$r" '"error":"request_timeout"'
r=$(raw 'POST /v1/check HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{')
expect_contains "slow body 408" "$r" "HTTP/1.1 408"

# Keep-alive: two requests on one connection; then the idle timeout closes
# it.
r=$(raw 'GET /v1/healthz HTTP/1.1\r\n\r\nGET /v1/nothing HTTP/1.1\r\n\r\nGET /v1/healthz HTTP/1.1\r\nConnection: close\r\n\r\n')
expect_eq "pipelined requests all answered" "$(printf %s "$r" | grep -c '^HTTP/1.1 ')" 3
expect_eq "pipelined answers in order" \
  "$(printf %s "$r" | grep '^HTTP/1.1 ' | cut -d' ' -f2 | tr -d '\r' | tr '\n' ' ')" "200 404 200 "
# Timed from the request to the server's close in one process (starting
# processes on a loaded machine is no part of it): idle timeout 1 s, swept
# every 50 ms, so closed in well under 3 s.
r=$(python3 - "$PORT" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
t0 = time.monotonic()
s.sendall(b"GET /v1/healthz HTTP/1.1\r\n\r\n")
data = b""
try:
    while True:
        chunk = s.recv(65536)
        if not chunk:
            print("closed after %.3f s" % (time.monotonic() - t0))
            break
        data += chunk
except socket.timeout:
    print("still open after 30 s")
print(data.decode(errors="replace"))
PY
)
expect_contains "keep-alive response" "$r" "Connection: keep-alive"
expect_eq "idle keep-alive closed by the server" \
  "$(printf %s "$r" | head -n1 | awk '/^closed after/ && $3 < 3 { print "yes" }')" yes

# Pipelining flood: 2000 requests in one go with no reading until the end;
# every one is answered in order and the server keeps serving.
python3 - "$PORT" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
req = b"GET /v1/healthz HTTP/1.1\r\n\r\n"
s.sendall(req * 1999 + b"GET /v1/healthz HTTP/1.1\r\nConnection: close\r\n\r\n")
data = b""
s.settimeout(20)
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
n = data.count(b"HTTP/1.1 200 OK")
print("flood answered", n)
sys.exit(0 if n == 2000 else 1)
PY
[ $? -eq 0 ] && ok "pipelining flood answered" || fail "pipelining flood"
expect_eq "still serving after the flood" "$(http GET /v1/healthz)" 200

# Access log: one JSON line per answered request, never the token.
n_log=$(grep -c '"status":' "$LOG")
n_metrics=$(curl -s "$URL/metrics" | awk '/^arsenal_http_requests_total/ {s += $2} END {print s}')
expect_eq "one access log line per request" "$n_log" "$n_metrics"
python3 -c "
import json, sys
for line in open('$LOG'):
    json.loads(line)
" && ok "access log lines are JSON" || fail "access log not JSON"
expect_contains "metrics counts 431" "$(curl -s "$URL/metrics")" \
  'arsenal_http_requests_total{endpoint="other",status="431"} 2'
expect_contains "metrics histogram" "$(curl -s "$URL/metrics")" \
  'arsenal_http_request_duration_seconds_bucket{endpoint="healthz",le="+Inf"}'
expect_contains "metrics timeouts" "$(curl -s "$URL/metrics")" "arsenal_timeouts_total"
stop_server
expect_eq "SIGTERM exits 0" "$RC" 0

# Connection cap (4), on a server whose header and body deadlines (60 s)
# cannot pass during the checks. Four connections still in their headers: a
# fifth closes the one that has waited longest and is served. Four
# connections sending bodies (past their headers): the fifth gets 503 and
# close. Each step waits until the server has accepted (and read) what the
# clients sent, not for a fixed time.
start_server cap --workers 1 --max-connections 4 --header-timeout 60 --body-timeout 60
exec 5<>/dev/tcp/127.0.0.1/$PORT
wait_for 60 accepted || true
# A moment between the oldest and the others: the server stamps each
# connection with its loop's clock in milliseconds.
sleep 0.05
exec 6<>/dev/tcp/127.0.0.1/$PORT 7<>/dev/tcp/127.0.0.1/$PORT 8<>/dev/tcp/127.0.0.1/$PORT
wait_for 60 accepted || true
expect_contains "at the cap, a new client is served" \
  "$(raw 'GET /v1/healthz HTTP/1.1\r\nConnection: close\r\n\r\n')" '"status":"ok"'
# Closed (end of stream before the 30 s cap) with nothing sent.
rc=0
n=$(timeout 30 cat <&5 | wc -c | tr -d ' ') || rc=$?
expect_eq "... by closing the oldest connection in its headers" "$rc $n" "0 0"
exec 5>&- 6>&- 7>&- 8>&-
wait_for 60 closed_by_server || true
BODY='POST /v1/check HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{'
for fd in 5 6 7 8; do
  eval "exec $fd<>/dev/tcp/127.0.0.1/$PORT"
  printf "$BODY" >&$fd
done
wait_for 60 "accepted && read_all" || true
r=$(raw '')
expect_contains "over the cap with every slot past its headers: 503" "$r" "HTTP/1.1 503"
exec 5>&- 6>&- 7>&- 8>&-
wait_for 60 closed_by_server || true
expect_eq "serving again below the cap" "$(http GET /v1/healthz)" 200
stop_server
expect_eq "SIGTERM exits 0 (the capped server)" "$RC" 0

# Auth: beyond loopback without tokens refuses to start; a short token too.
set +e
"$ARS" serve --listen 0.0.0.0:0 2>"$WORK/refuse.err"
rc=$?
set -e
expect_eq "0.0.0.0 without tokens refused" "$rc" 2
expect_contains "refusal says why" "$(cat "$WORK/refuse.err")" "token"
set +e
ARSENAL_TOKENS=short "$ARS" serve --listen 127.0.0.1:0 2>"$WORK/short.err"
rc=$?
set -e
expect_eq "short token refused" "$rc" 2
case "$(cat "$WORK/short.err")" in *short*) fail "error echoes the token" ;; *) ok "token not echoed" ;; esac

TOKEN=0123456789abcdef-secret-token
# --token-file: one token, its first line trimmed; the file private.
refused() { # WHAT FILE MESSAGE-PART
  local rc
  set +e
  "$ARS" serve --listen 127.0.0.1:0 --token-file "$2" 2>"$WORK/tf.err" >/dev/null &
  local p=$!
  ( sleep 10; kill -KILL $p 2>/dev/null ) >/dev/null 2>&1 &
  wait $p; rc=$?
  set -e
  expect_eq "$1: refused" "$rc" 2
  expect_contains "$1: says why" "$(cat "$WORK/tf.err")" "$3"
  case "$(cat "$WORK/tf.err")" in *"$TOKEN"* | *operators* | *second*) fail "$1: echoes the file" ;; *) ok "$1: content not echoed" ;; esac
}
printf '%s\nsecond-line-0123456789\n' "$TOKEN" >"$WORK/two" && chmod 600 "$WORK/two"
refused "two lines" "$WORK/two" "exactly one token"
printf '# operators\n%s\n' "$TOKEN" >"$WORK/comment" && chmod 600 "$WORK/comment"
refused "a comment line then the token" "$WORK/comment" "exactly one token"
printf '%s\n' "$TOKEN" >"$WORK/open" && chmod 640 "$WORK/open"
refused "group-readable" "$WORK/open" "mode 0640"
chmod 604 "$WORK/open"
refused "other-readable" "$WORK/open" "mode 0604"
printf '\n%s\n' "$TOKEN" >"$WORK/late" && chmod 600 "$WORK/late"
refused "token not on the first line" "$WORK/late" "line 2"
printf '  %s \r\n\n  \n' "$TOKEN" >"$WORK/tokens" && chmod 600 "$WORK/tokens"
start_server auth --token-file "$WORK/tokens"
expect_eq "no token 401" "$(http GET /v1/studies)" 401
expect_eq "401 WWW-Authenticate" "$(header WWW-Authenticate)" 'Bearer realm="arsenal"'
expect_eq "wrong token 401" "$(http GET /metrics -H "Authorization: Bearer ${TOKEN}x")" 401
expect_eq "prefix of the token 401" "$(http GET /metrics -H "Authorization: Bearer ${TOKEN:0:20}")" 401
expect_eq "unknown path without token is 401, not 404" "$(http GET /v1/secret)" 401
expect_eq "right token 200" "$(http GET /metrics -H "Authorization: Bearer $TOKEN")" 200
expect_eq "healthz needs no token" "$(http GET /v1/healthz)" 200
expect_eq "solve without token 401 (nothing solved)" "$(post_json /v1/solve $SMALL)" 401
case "$(cat "$LOG")" in *"$TOKEN"*) fail "token in the access log" ;; *) ok "token never logged" ;; esac
stop_server
ARSENAL_TOKENS="$TOKEN" start_server envauth --listen 0.0.0.0:0 --plain-http
expect_eq "0.0.0.0 with env token starts; 401 without" "$(http GET /metrics)" 401
expect_eq "env token works" "$(http GET /metrics -H "Authorization: Bearer $TOKEN")" 200
stop_server

finish
