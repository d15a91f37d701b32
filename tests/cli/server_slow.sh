#!/usr/bin/env bash
# arsenal serve against slow clients: 300 connections that dribble their
# headers from one address (more than the 256-connection cap) must not
# starve a real client. Before, every new client got 503 until the header
# timeout (120 s here) and the slow client could repeat that for ever; now
# the per-address cap and the closing of the connection that has waited
# longest in its headers keep real clients served: /v1/healthz and
# /v1/solve are answered (with the right plan) while the 300 keep dribbling.
# valgrind: skip (timing-driven; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
SMALL=tests/data/server/small.json

start_server slow --workers 1 --header-timeout 120

python3 - "$PORT" "$WORK/slow.connected" >"$WORK/slow.out" 2>&1 <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
socks = []
for i in range(300):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    s.sendall(b"GET /v1/healthz HTTP/1.1\r\nX-Slow: ")
    socks.append(s)
open(sys.argv[2], "w").close()
# Dribble a byte on each every half second until the test is done with them
# (those the server closed fail silently); 120 s at most.
end = time.time() + 120
while time.time() < end:
    for s in socks:
        try:
            s.send(b"a")
        except OSError:
            pass
    time.sleep(0.5)
print("opened", len(socks))
PY
slow=$!
children+=("$slow")
# Let all 300 connect and the server accept them (well under 2 s, unless the
# machine is loaded), then count them once: a probe made while they arrive
# would count itself and could be closed to make room.
wait_for 120 "[ -e '$WORK/slow.connected' ] || ! kill -0 $slow 2>/dev/null" || true
wait_for 60 accepted || true
n=$(curl -s --max-time 30 "$URL/metrics" | awk '/^arsenal_connections_total/ {print $2}' || true)
expect_eq "the 300 slow connections were accepted" "$([ "${n:-0}" -ge 300 ] && echo yes)" yes

t0=$(date +%s.%N)
expect_eq "healthz answered among slow clients" "$(http GET /v1/healthz --max-time 5)" 200
# small.json: capacity 10 at cost 2, demand 6: S = 0, C = 6 * 2 = 12.
expect_eq "solve answered among slow clients" "$(post_json /v1/solve $SMALL --max-time 5)" 200
expect_eq "... with the plan" "$(body | json '(j["objective"]["shortfall"], j["objective"]["cost"])')" "(0, 12)"
t1=$(date +%s.%N)
echo "healthz + solve among 300 slow connections: $(python3 -c "print(round($t1 - $t0, 3))") s"
m=$(curl -s --max-time 5 "$URL/metrics")
expect_eq "slow connections were closed to make room" \
  "$(echo "$m" | awk '/^arsenal_connections_evicted_total/ {print ($2 > 0) ? "yes" : "no"}')" yes
expect_eq "none of the real clients was refused" \
  "$(echo "$m" | awk '/^arsenal_connections_rejected_total/ {print $2}')" 0
expect_eq "one address holds at most 32 connections" \
  "$(echo "$m" | awk '/^arsenal_connections_open/ {print ($2 <= 33) ? "yes" : "no"}')" yes
kill "$slow" 2>/dev/null || true
wait "$slow" 2>/dev/null || true
stop_server
expect_eq "exit 0" "$RC" 0
finish
