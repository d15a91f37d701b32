#!/usr/bin/env bash
# arsenal serve over TLS: a self-signed certificate made here with the openssl
# CLI; curl and Python over https (answers equal the plain server's), the
# TLS versions and cipher suites offered, clear start-up errors for bad
# certificates and keys, garbage instead of a ClientHello, clients that stall
# mid-handshake (closed at the deadline while others are served), plain HTTP
# beyond loopback refused, and nginx (docs/server-tls.md's configuration,
# scripts/deploy/nginx-arsenal.conf) terminating TLS in front of
# `arsenal serve --plain-http`.
# valgrind: skip (deadline-driven; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json
PROBE=tests/cli/lib/tls_probe.py

# ---- certificates: RSA (so that non-ECDHE RSA suites exist to be refused),
# another RSA key, an EC key, an encrypted key, and files that are not PEM.
C=$WORK/certs
mkdir -p "$C"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$C/key.pem" -out "$C/cert.pem" -days 2 \
  -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$C/other.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$C/ec.pem" 2>/dev/null
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:secret \
  -out "$C/encrypted.pem" 2>/dev/null
echo "not a certificate" >"$C/garbage.pem"
export CURL_CA_BUNDLE=$C/cert.pem

# ---- start-up errors: each names the flag and the file, and nothing listens.
# start_fails NAME WANT_RC NEEDLE ARGS...
start_fails() {
  local name=$1 want=$2 needle=$3 rc=0
  shift 3
  timeout 10 "$ARS" serve --listen 127.0.0.1:0 --port-file "$WORK/$name.port" "$@" \
    </dev/null 2>"$WORK/$name.err" || rc=$?
  expect_eq "$name: exit status" "$rc" "$want"
  expect_contains "$name: message" "$(cat "$WORK/$name.err")" "$needle"
  [ ! -e "$WORK/$name.port" ] && ok "$name: never listened" || fail "$name: wrote a port file"
}
start_fails missing_cert 3 "--tls-cert: cannot read $C/none.pem: No such file" \
  --tls-cert "$C/none.pem" --tls-key "$C/key.pem"
start_fails missing_key 3 "--tls-key: cannot read $C/none.pem" \
  --tls-cert "$C/cert.pem" --tls-key "$C/none.pem"
start_fails garbage_cert 3 "--tls-cert: $C/garbage.pem holds no usable PEM certificate" \
  --tls-cert "$C/garbage.pem" --tls-key "$C/key.pem"
start_fails key_as_cert 3 "holds no usable PEM certificate" \
  --tls-cert "$C/key.pem" --tls-key "$C/key.pem"
start_fails garbage_key 3 "--tls-key: $C/garbage.pem holds no usable PEM private key" \
  --tls-cert "$C/cert.pem" --tls-key "$C/garbage.pem"
start_fails other_key 3 "--tls-key: $C/other.pem is not the private key of the certificate" \
  --tls-cert "$C/cert.pem" --tls-key "$C/other.pem"
start_fails ec_key 3 "is not the private key of the certificate in $C/cert.pem" \
  --tls-cert "$C/cert.pem" --tls-key "$C/ec.pem"
# An encrypted key is refused at once: no passphrase prompt that would hang.
start_fails encrypted_key 3 "encrypted keys are not supported" \
  --tls-cert "$C/cert.pem" --tls-key "$C/encrypted.pem"
start_fails cert_only 2 "TLS needs both --tls-cert and --tls-key" --tls-cert "$C/cert.pem"
TOKEN=0123456789abcdef-secret-token
printf '%s\n' "$TOKEN" >"$WORK/tokens"
chmod 600 "$WORK/tokens"
start_fails plain_beyond_loopback 2 "--plain-http" --listen 0.0.0.0:0 --token-file "$WORK/tokens"

# same_answer A B: the same JSON but for timings (keys ms and *_ms).
same_answer() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != "ms" and not k.endswith("_ms")}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
EOF
}

# ---- the same server in plain HTTP, for reference answers.
start_server plain --workers 2
PLAIN_URL=$URL
curl -s -o "$WORK/plain_check.json" -H 'Content-Type: application/json' \
  --data-binary @models/large.json "$PLAIN_URL/v1/check"
curl -s -o "$WORK/plain_solve.json" -H 'Content-Type: application/json' \
  --data-binary @$SMALL "$PLAIN_URL/v1/solve"

# ---- HTTPS.
start_server tls --workers 2 --header-timeout 2 --tls-cert "$C/cert.pem" --tls-key "$C/key.pem"
TLS_PID=$PID
URL=https://localhost:$PORT
expect_eq "healthz over https, certificate verified" "$(http GET /v1/healthz)" 200
expect_eq "healthz body" "$(body | json 'j["status"]')" ok
expect_eq "solve over https" "$(post_json /v1/solve $SMALL)" 200
same_answer "$WORK/body" "$WORK/plain_solve.json" && ok "solve answer equals plain HTTP's" ||
  fail "solve over https differs from plain HTTP"
# 345 kB in and out: many TLS records, more than the 64 kB input buffer.
expect_eq "check of models/large.json over https" "$(post_json /v1/check models/large.json)" 200
cmp -s "$WORK/body" "$WORK/plain_check.json" && ok "large check equals plain HTTP's" ||
  fail "large check over https differs from plain HTTP"
expect_eq "keep-alive over https: two requests, one connection" \
  "$(curl -s -o /dev/null -o /dev/null -w '%{num_connects}' "$URL/v1/healthz" "$URL/v1/healthz" |
    tr -d '\n')" 10
expect_eq "pipelined requests in one TLS write both answered" \
  "$(python3 $PROBE pipeline "$PORT")" 2
expect_eq "ALPN picks http/1.1" "$(curl -s -o /dev/null -w '%{http_version}' "$URL/v1/healthz")" 1.1

# Versions and suites: TLS 1.2 and 1.3 with ECDHE + AEAD; the RSA key
# exchange and CBC suites OpenSSL would otherwise accept are refused.
s_client() { openssl s_client -brief -connect "127.0.0.1:$PORT" -servername localhost "$@" </dev/null 2>&1; }
expect_contains "TLS 1.3" "$(s_client -tls1_3)" "Protocol version: TLSv1.3"
expect_contains "TLS 1.2 with ECDHE-RSA-AES128-GCM-SHA256" \
  "$(s_client -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256)" "Ciphersuite: ECDHE-RSA-AES128-GCM-SHA256"
for suite in AES128-GCM-SHA256 AES256-SHA256 ECDHE-RSA-AES128-SHA; do
  expect_contains "TLS 1.2 $suite refused" "$(s_client -tls1_2 -cipher "$suite")" "alert handshake failure"
done
expect_contains "TLS 1.1 refused" "$(s_client -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0')" "alert protocol version"
expect_eq "plain HTTP to the TLS port gets no HTTP answer" \
  "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/v1/healthz")" 000

# Garbage instead of a ClientHello: closed at once, never an HTTP answer.
read -r secs http_answers < <(python3 $PROBE garbage "$PORT")
expect_eq "garbage: no HTTP answer" "$http_answers" 0
python3 -c "import sys; sys.exit(0 if $secs < 0.9 else 1)" && ok "garbage closed at once (${secs}s)" ||
  fail "garbage closed after ${secs}s, not at once"

# Stalls: 24 clients stop halfway through their ClientHello and one after
# the server's reply (25 in all: under a per-address connection cap of 32,
# so that none is closed early to make room). While they stall, a real
# client is served at once (the handshake never blocks the loop: a blocked
# loop would answer after the 2 s deadline); each stalled one is closed at
# that deadline with nothing sent to it (the half ones).
timeouts0=$(metric arsenal_timeouts_total)
python3 $PROBE half "$PORT" 24 >"$WORK/half.out" &
HALF=$!
python3 $PROBE hello "$PORT" >"$WORK/hello.out" &
HELLO=$!
# Once all 25 are connected (and this probe): not after a fixed time, which a
# loaded machine may not keep.
wait_for 60 '[ "$(metric arsenal_connections_open)" -ge 26 ] 2>/dev/null' || true
# curl's own clock, from its start to the answer: a process started on a
# loaded machine is no part of it.
read -r code secs < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 30 \
  "$URL/v1/healthz" || true)
expect_eq "healthz while 25 handshakes stall" "$code" 200
python3 -c "import sys; sys.exit(0 if ${secs:-99} < 1.0 else 1)" &&
  ok "answered within 1 s during the stalls (${secs}s)" || fail "a real client waited behind stalled handshakes (${secs}s)"
wait $HALF
wait $HELLO
read -r first last bytes <"$WORK/half.out"
python3 -c "import sys; sys.exit(0 if 1.8 < $first and $last < 3.5 else 1)" &&
  ok "half ClientHellos closed at the deadline (${first}s to ${last}s after connecting)" ||
  fail "half ClientHellos closed ${first}s to ${last}s after connecting, not at the 2 s deadline"
expect_eq "nothing sent to a half ClientHello" "$bytes" 0
read -r secs bytes <"$WORK/hello.out"
python3 -c "import sys; sys.exit(0 if 1.8 < $secs < 3.5 and $bytes > 0 else 1)" &&
  ok "client stalled after the server's reply closed at the deadline (${secs}s, got $bytes bytes)" ||
  fail "client stalled after the server's reply: ${secs}s, $bytes bytes"
timeouts1=$(metric arsenal_timeouts_total)
expect_eq "25 handshake timeouts counted" "$((timeouts1 - timeouts0))" 25

expect_eq "the server survived: healthz" "$(http GET /v1/healthz)" 200
expect_eq "and solves" "$(post_json /v1/solve $SMALL)" 200
kill -0 "$TLS_PID" 2>/dev/null && ok "server still running" || fail "server died"
stop_server
expect_eq "SIGTERM exits 0" "$RC" 0

# Beyond loopback with TLS: starts (tokens still required).
start_server tls_any --listen 0.0.0.0:0 --token-file "$WORK/tokens" \
  --tls-cert "$C/cert.pem" --tls-key "$C/key.pem"
URL=https://localhost:$PORT
expect_eq "0.0.0.0 with TLS and a token starts; 401 without the token" "$(http GET /metrics)" 401
expect_eq "token over TLS" "$(http GET /metrics -H "Authorization: Bearer $TOKEN")" 200
stop_server

# ---- nginx in front: scripts/deploy/nginx-arsenal.conf, which
# docs/server-tls.md shows verbatim, with this test's ports and files.
python3 - docs/server-tls.md <<'EOF' && ok "docs/server-tls.md shows the nginx file verbatim" ||
import re, sys
doc = open(sys.argv[1]).read()
blocks = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", doc, re.S)
assert [p for p, _ in blocks] == ["scripts/deploy/nginx-arsenal.conf"], blocks
assert open(blocks[0][0]).read() == blocks[0][1], "differs"
EOF
  fail "docs/server-tls.md and scripts/deploy/nginx-arsenal.conf differ"
if ! command -v nginx >/dev/null; then
  fail "nginx is not installed (scripts/install-deps.sh installs it)"
  finish
fi
start_server proxied --listen 0.0.0.0:0 --plain-http --token-file "$WORK/tokens"
BACKEND=$PORT
NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
N=$WORK/nginx
mkdir -p "$N"
# substitute OLD NEW: one line of the shipped file must change.
cp scripts/deploy/nginx-arsenal.conf "$N/arsenal.conf"
substitute() {
  grep -qF -- "$1" "$N/arsenal.conf" || fail "nginx-arsenal.conf no longer has '$1'"
  OLD=$1 NEW=$2 python3 -c 'import os,sys; p=sys.argv[1]; s=open(p).read(); open(p,"w").write(s.replace(os.environ["OLD"], os.environ["NEW"]))' "$N/arsenal.conf"
}
substitute "listen 443 ssl;" "listen 127.0.0.1:$NPORT ssl;"
substitute "listen [::]:443 ssl;" ""
substitute "server 127.0.0.1:8080;" "server 127.0.0.1:$BACKEND;"
substitute "/etc/ssl/certs/arsenal.pem" "$C/cert.pem"
substitute "/etc/ssl/private/arsenal.key" "$C/key.pem"
cat >"$N/nginx.conf" <<EOF
$([ "$(id -u)" -eq 0 ] && echo "user root;")
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log;
events { worker_connections 64; }
http {
    access_log $N/access.log;
    client_body_temp_path $N/body;
    proxy_temp_path $N/proxy;
    fastcgi_temp_path $N/fastcgi;
    uwsgi_temp_path $N/uwsgi;
    scgi_temp_path $N/scgi;
    include $N/arsenal.conf;
}
EOF
nginx -p "$N" -c "$N/nginx.conf" -g 'daemon off;' 2>"$N/stderr" &
children+=($!)
NGINX=$!
for i in $(seq 1 100); do
  curl -s -o /dev/null "https://localhost:$NPORT/v1/healthz" && break
  sleep 0.05
done
URL=https://localhost:$NPORT
expect_eq "healthz through nginx" "$(http GET /v1/healthz)" 200
expect_eq "solve through nginx needs the token" "$(post_json /v1/solve $SMALL)" 401
expect_eq "solve through nginx with the token" \
  "$(post_json /v1/solve $SMALL -H "Authorization: Bearer $TOKEN")" 200
same_answer "$WORK/body" "$WORK/plain_solve.json" && ok "answer through nginx equals the direct one" ||
  fail "answer through nginx differs: $(head -c 300 "$WORK/body"; cat "$N/error.log")"
expect_eq "nginx presents the certificate, verified" "$(curl -s -o /dev/null -w '%{ssl_verify_result}' "$URL/v1/healthz")" 0
expect_contains "arsenal saw the request from nginx" "$(cat "$LOG")" '"remote":"127.0.0.1:'
kill -TERM "$NGINX" 2>/dev/null || true
wait "$NGINX" 2>/dev/null || true
stop_server
expect_eq "proxied server exits 0" "$RC" 0

finish
