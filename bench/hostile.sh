#!/usr/bin/env bash
# bench/hostile.sh: load held while slow clients attack. wrk posts the
# one-line test fixture (tests/data/server/small.json) to POST /v1/solve at
# 16 connections for SECS seconds, first alone (the baseline), then while
# 300 connections from another address (127.0.0.2) dribble their headers a
# byte every half second, reconnecting when closed (the attack of issue 18:
# it used to leave every real client with 503). Reported: requests/s of both and their ratio, non-2xx answers,
# connections the server closed to make room, and the server's resident
# memory before and after. Writes a Markdown section to stdout.
#   ARSENAL_BENCH_SECONDS (default 10) per measurement.
source "$(dirname "$0")/lib.sh"

need wrk
need python3
build_release
SECS=${ARSENAL_BENCH_SECONDS:-10}
TINY=$ROOT/tests/data/server/small.json

portf=$WORK/hostile.port
rm -f "$portf"
"$ARSENAL" serve --listen 127.0.0.1:0 --port-file "$portf" --log /dev/null \
    2>"$WORK/hostile.err" &
spid=$!
trap 'kill -TERM $spid 2>/dev/null || true; kill $slow 2>/dev/null || true' EXIT
slow=
for _ in $(seq 1 100); do [ -s "$portf" ] && break; sleep 0.05; done
port=$(cat "$portf")
cat >"$WORK/hostile.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$TINY", "rb")
wrk.body = f:read("*a")
f:close()
LUA
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$spid/status"; }
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v k="$1" '$1 == k { print $2 }'; }
run_wrk() { # NAME
    wrk -t2 -c16 -d"${SECS}s" -s "$WORK/hostile.lua" "http://127.0.0.1:$port/v1/solve" \
        >"$WORK/hostile.$1.out" 2>&1
    awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$WORK/hostile.$1.out"
}
non2xx() { awk '/Non-2xx/ { n = $NF } END { print n + 0 }' "$WORK/hostile.$1.out"; }
sockerr() { awk '/Socket errors/ { print; f = 1 } END { if (!f) print "none" }' "$WORK/hostile.$1.out"; }

rss0=$(rss)
echo "hostile.sh: wrk alone" >&2
base=$(run_wrk alone)
echo "hostile.sh: wrk with 300 slow connections" >&2
python3 - "$port" "$((SECS + 5))" <<'PY' &
import socket, sys, time
port, secs = int(sys.argv[1]), float(sys.argv[2])
socks, end = [], time.time() + secs
for i in range(300):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=("127.0.0.2", 0))
        s.sendall(b"POST /v1/solve HTTP/1.1\r\nX-Slow: ")
        socks.append(s)
    except OSError:
        pass
while time.time() < end:
    # Reconnect what the server closed: the attack keeps 300 open.
    for k, s in enumerate(socks):
        try:
            s.send(b"a")
        except OSError:
            try:
                socks[k] = socket.create_connection(("127.0.0.1", port), timeout=5,
                                                    source_address=("127.0.0.2", 0))
                socks[k].sendall(b"POST /v1/solve HTTP/1.1\r\nX-Slow: ")
            except OSError:
                pass
    time.sleep(0.5)
PY
slow=$!
sleep 2
attacked=$(run_wrk attacked)
evicted=$(metric arsenal_connections_evicted_total)
rejected=$(metric arsenal_connections_rejected_total)
rss1=$(rss)
kill $slow 2>/dev/null || true
wait $slow 2>/dev/null || true
kill -TERM $spid
wait $spid || die "the server did not exit 0 after SIGTERM"
trap - EXIT

cat <<MD
## Load held under a slow-client attack (bench/hostile.sh)

\`POST /v1/solve\` of the one-line fixture with wrk (16 connections, ${SECS} s each),
alone and while 300 connections from another address dribble their headers (a byte
every 0.5 s, reconnecting when closed). Server defaults (256 connections, 32 per
address). Ratio: requests/s under attack over requests/s alone.

| run | requests/s | ratio | non-2xx | socket errors |
|---|---|---|---|---|
| alone | $base | 1.00 | $(non2xx alone) | $(sockerr alone) |
| 300 slow connections | $attacked | $(ratio "$attacked" "$base") | $(non2xx attacked) | $(sockerr attacked) |

Connections closed to make room: $evicted; refused (503): $rejected. Server resident
memory: $((rss0 / 1024)) MiB at start, $((rss1 / 1024)) MiB after both runs.

MD
