#!/usr/bin/env bash
# bench/server.sh: the server's cost per request. wrk (Debian package) posts
# the default model (models/baseline.json) to POST /v1/solve at 1, 8 and 64
# connections; the baseline is the same work (load, solve, result JSON)
# done in-process in a loop by bench/server_inproc.c, with one thread and
# with as many threads as the server has workers (the cores). Reported:
# requests per second and p50/p99 latency of both, the p50 overhead per
# request at 1 connection (server p50 - in-process p50 on one thread), and
# throughput as a ratio of the in-process loop on all workers. Then the cost
# of TLS: the same requests over https (--tls-cert/--tls-key, an ECDSA P-256
# certificate made here) against plain HTTP on a second server with the same
# options, with keep-alive and with a new connection (a handshake) per request.
# Writes a Markdown section to stdout, progress to stderr.
#   ARSENAL_BENCH_SECONDS (default 10) per measurement.
source "$(dirname "$0")/lib.sh"

need wrk
need cc
need pkg-config
need openssl
build_release
SECS=${ARSENAL_BENCH_SECONDS:-10}
MODEL=$ROOT/models/baseline.json
CORES=$(nproc)

# The in-process loop links the library the release build just made.
INPROC=$WORK/server_inproc
# shellcheck disable=SC2046
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" "$BENCH_DIR/server_inproc.c" \
    "$BUILD/libarsenal_core.a" $(pkg-config --cflags --libs libcjson libuv openssl) -lglpk -lhttp_parser \
    -lpthread -lm -o "$INPROC"

inproc() { # THREADS -> "rps p50 p99"
    "$INPROC" "$MODEL" "$1" "$SECS" | awk '{ printf "%.1f %.2f %.2f\n", $2 / $4, $6, $8 }'
}
echo "server.sh: in-process loop, 1 and $CORES threads" >&2
read -r ip1_rps ip1_p50 ip1_p99 <<<"$(inproc 1)"
read -r ipn_rps ipn_p50 ipn_p99 <<<"$(inproc "$CORES")"
# The fixed cost of HTTP shows best on a model that solves in microseconds:
# the test fixture (one line, one product, one period).
TINY=$ROOT/tests/data/server/small.json
read -r it_rps it_p50 it_p99 <<<"$("$INPROC" "$TINY" 1 "$SECS" |
    awk '{ printf "%.1f %.3f %.3f\n", $2 / $4, $6, $8 }')"

portf=$WORK/server.port
rm -f "$portf"
"$ARSENAL" serve --listen 127.0.0.1:0 --port-file "$portf" --workers "$CORES" --queue 256 \
    --max-connections 512 --log /dev/null 2>"$WORK/server.err" &
spid=$!
trap 'kill -TERM $spid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$portf" ] && break; sleep 0.05; done
port=$(cat "$portf")
lua() { # MODEL -> a wrk script posting it
    cat <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$1", "rb")
wrk.body = f:read("*a")
f:close()
statuses = {}
response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("status " .. status .. "\n")
  end
end
LUA
}
lua "$MODEL" >"$WORK/post.lua"
lua "$TINY" >"$WORK/tiny.lua"
# Sanity: the server gives the same status as the in-process solve.
code=$(curl -s -o "$WORK/server.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$MODEL" "http://127.0.0.1:$port/v1/solve")
[ "$code" = 200 ] || die "POST /v1/solve gave $code"

# wrk's latency lines: "50%  12.34ms"; convert to ms.
to_ms() {
    awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
           else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.3f", v }'
}
echo "server.sh: wrk with 1 connection, tiny model" >&2
wrk -t1 -c1 -d"${SECS}s" --latency -s "$WORK/tiny.lua" "http://127.0.0.1:$port/v1/solve" \
    >"$WORK/wrk.tiny.out" 2>"$WORK/wrk.tiny.err"
st_rps=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$WORK/wrk.tiny.out")
st_p50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.tiny.out" | to_ms)
st_p99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.tiny.out" | to_ms)
rows=()
for c in 1 8 64; do
    echo "server.sh: wrk with $c connections" >&2
    th=$((c < 2 ? 1 : 2))
    wrk -t"$th" -c"$c" -d"${SECS}s" --latency -s "$WORK/post.lua" "http://127.0.0.1:$port/v1/solve" \
        >"$WORK/wrk.$c.out" 2>"$WORK/wrk.$c.err"
    rps=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$WORK/wrk.$c.out")
    p50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.$c.out" | to_ms)
    p99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.$c.out" | to_ms)
    non2xx=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.$c.out")
    errs=$(grep -c '^status' "$WORK/wrk.$c.err" || true)
    rows+=("| server, $c connection(s) | $rps | $p50 | $p99 | $(ratio "$rps" "$ipn_rps") | ${non2xx:-0} non-2xx |")
    [ "$c" = 1 ] && s1_p50=$p50
done

# ---- TLS against plain HTTP: a second server, the same options, HTTPS.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/tls.key" \
    -out "$WORK/tls.pem" -days 2 -subj /CN=localhost 2>/dev/null
tportf=$WORK/server-tls.port
rm -f "$tportf"
"$ARSENAL" serve --listen 127.0.0.1:0 --port-file "$tportf" --workers "$CORES" --queue 256 \
    --max-connections 512 --log /dev/null --tls-cert "$WORK/tls.pem" --tls-key "$WORK/tls.key" \
    2>"$WORK/server-tls.err" &
tpid=$!
trap 'kill -TERM $spid $tpid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$tportf" ] && break; sleep 0.05; done
tport=$(cat "$tportf")
code=$(curl -s -k -o "$WORK/server-tls.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$TINY" "https://127.0.0.1:$tport/v1/solve")
[ "$code" = 200 ] || die "POST /v1/solve over https gave $code"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# CPU seconds (user + system) a process has used, from /proc: unlike wall
# time, hardly moved by other load on the machine.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# wrk_pair LABEL LUA CONNECTIONS [wrk args...]: a table row. Plain and https
# alternate, 3 times each, and each column is the median: a shared machine's
# load drifts during a run, and alternating spreads the drift over both.
wrk_pair() {
    local label=$1 script=$2 c=$3 th out scheme p pid rep errs=0 cpu0 cpu1 nreq
    local -A rps=() p50=() cpu=()
    shift 3
    th=$((c < 2 ? 1 : 2))
    for rep in 1 2 3; do
        for scheme in http https; do
            p=$port pid=$spid
            [ "$scheme" = https ] && p=$tport pid=$tpid
            echo "server.sh: wrk $label over $scheme ($rep/3)" >&2
            out=$WORK/wrk.tls.$scheme.out
            cpu0=$(cpu_s "$pid")
            wrk -t"$th" -c"$c" -d"${TLS_SECS}s" --timeout 30s --latency -s "$script" "$@" \
                "$scheme://127.0.0.1:$p/v1/solve" >"$out" 2>"$out.err"
            cpu1=$(cpu_s "$pid")
            nreq=$(awk '/requests in/ { print $1 }' "$out")
            cpu[$scheme]+="$(awk -v a="$cpu0" -v b="$cpu1" -v n="$nreq" 'BEGIN { printf "%.1f", (b - a) / n * 1e6 }') "
            rps[$scheme]+="$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$out") "
            p50[$scheme]+="$(awk '$1 == "50%" { print $2 }' "$out" | to_ms) "
            errs=$((errs + $(grep -c '^status' "$out.err" || true) +
                $(awk '/Non-2xx|Socket errors/ { n++ } END { print n + 0 }' "$out")))
        done
    done
    local prps pp50 pcpu trps tp50 tcpu
    prps=$(tr ' ' '\n' <<<"${rps[http]}" | grep . | median)
    pp50=$(tr ' ' '\n' <<<"${p50[http]}" | grep . | median)
    pcpu=$(tr ' ' '\n' <<<"${cpu[http]}" | grep . | median)
    trps=$(tr ' ' '\n' <<<"${rps[https]}" | grep . | median)
    tp50=$(tr ' ' '\n' <<<"${p50[https]}" | grep . | median)
    tcpu=$(tr ' ' '\n' <<<"${cpu[https]}" | grep . | median)
    echo "| $label | $prps | $pp50 | $pcpu | $trps | $tp50 | $tcpu | $(ratio "$trps" "$prps") |" \
        "$(awk -v a="$tp50" -v b="$pp50" 'BEGIN { printf "%.3f", a - b }') |" \
        "$(awk -v a="$tcpu" -v b="$pcpu" 'BEGIN { printf "%.1f", a - b }') | $errs |"
}
TLS_SECS=$(( SECS > 4 ? SECS / 2 : 2 ))
tls_rows=()
tls_rows+=("$(wrk_pair "tiny model, 1 connection, keep-alive" "$WORK/tiny.lua" 1)")
tls_rows+=("$(wrk_pair "tiny model, 8 connections, keep-alive" "$WORK/tiny.lua" 8)")
tls_rows+=("$(wrk_pair "tiny model, 1 connection, a new one per request" "$WORK/tiny.lua" 1 -H 'Connection: close')")
tls_rows+=("$(wrk_pair "default model, 8 connections, keep-alive" "$WORK/post.lua" 8)")
kill -TERM $spid $tpid
wait $spid || die "the server did not exit 0 after SIGTERM"
wait $tpid || die "the TLS server did not exit 0 after SIGTERM"
trap - EXIT
overhead=$(awk -v a="$s1_p50" -v b="$ip1_p50" 'BEGIN { printf "%.2f", a - b }')
tiny_overhead=$(awk -v a="$st_p50" -v b="$it_p50" 'BEGIN { printf "%.3f", a - b }')

cat <<MD
## Server overhead (bench/server.sh)

\`POST /v1/solve\` of models/baseline.json with wrk (${SECS} s each) against the same load,
solve and result JSON done in-process in a loop (bench/server_inproc.c). The server runs
$CORES workers (the cores); wrk runs on the same machine and takes CPU from it. Ratio:
requests/s over the in-process loop on $CORES threads.

| run | requests/s | p50 ms | p99 ms | ratio | notes |
|---|---|---|---|---|---|
| in-process, 1 thread | $ip1_rps | $ip1_p50 | $ip1_p99 | $(ratio "$ip1_rps" "$ipn_rps") | |
| in-process, $CORES threads | $ipn_rps | $ipn_p50 | $ipn_p99 | 1.00 | baseline |
$(printf '%s\n' "${rows[@]}")

The fixed cost of a request, on the one-line test fixture (tests/data/server/small.json)
that solves in microseconds, 1 connection against 1 thread:

| run | requests/s | p50 ms | p99 ms |
|---|---|---|---|
| in-process, 1 thread, tiny model | $it_rps | $it_p50 | $it_p99 |
| server, 1 connection, tiny model | $st_rps | $st_p50 | $st_p99 |

Overhead per request at p50 (target: under 1 ms): $tiny_overhead ms on the tiny model;
$overhead ms on the default model, where it is within the run-to-run noise of a
100 ms solve on a shared 2-core machine. Throughput at 8 connections against the
in-process loop on $CORES threads: the ratio column (target: at least 0.90).

TLS: the same \`POST /v1/solve\` over https (\`--tls-cert/--tls-key\`, ECDSA P-256,
TLS 1.3) against plain HTTP on a server with the same options, in the same run;
${TLS_SECS} s per measurement, plain and https alternating 3 times, medians.
"A new one per request" sends \`Connection: close\`, so every request pays a full
handshake (wrk's side of it too, on the same cores). Ratio: https requests/s over
plain. CPU: the server process's user + system time per request (from /proc), which
other load on the machine hardly moves; the TLS cost per request is its difference.

| requests | plain req/s | plain p50 ms | plain CPU us/req | https req/s | https p50 ms | https CPU us/req | ratio | p50 overhead ms | TLS CPU us/req | errors |
|---|---|---|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${tls_rows[@]}")
MD
