# Helpers for the server tests (sourced): start a server on a free loopback
# port, make requests with curl, raw requests over bash's /dev/tcp, and check
# results. Every server is started under `timeout` and killed on exit.

ARS=${ARS:?set ARS to the arsenal binary}
fails=0
servers=()
children=()
WORK=$(mktemp -d)
cleanup() {
  local p
  for p in "${servers[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  for p in "${children[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

# expect_eq WHAT GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', want '$3'"; fi; }
# expect_contains WHAT TEXT NEEDLE
expect_contains() {
  case "$2" in *"$3"*) ok "$1" ;; *) fail "$1: '$3' not in: $(printf %s "$2" | head -c 600)" ;; esac
}

. "$(dirname "${BASH_SOURCE[0]}")/wait.sh"

# accepted: the server has accepted every connection made to $PORT so far
# (the accept queue of its listening socket, in /proc/net/tcp, is empty).
accepted() {
  awk -v p=":$(printf %04X "$PORT")" '$4 == "0A" && substr($2, length($2) - 4) == p {
    split($5, q, ":"); if (q[2] == "00000000") empty = 1 } END { exit !empty }' /proc/net/tcp
}
# closed_by_server: every connection to $PORT whose client has closed its end
# is closed by the server too (none of its sockets in CLOSE_WAIT).
closed_by_server() {
  awk -v p=":$(printf %04X "$PORT")" '$4 == "08" && substr($2, length($2) - 4) == p { n++ }
    END { exit n > 0 }' /proc/net/tcp
}

# listening: something listens on $PORT.
listening() {
  awk -v p=":$(printf %04X "$PORT")" '$4 == "0A" && substr($2, length($2) - 4) == p { n++ }
    END { exit n == 0 }' /proc/net/tcp
}
# read_all: the server has read everything its clients on $PORT have sent
# (no receive queue on its side of an open connection).
read_all() {
  awk -v p=":$(printf %04X "$PORT")" '$4 == "01" && substr($2, length($2) - 4) == p {
    split($5, q, ":"); if (q[2] != "00000000") n++ } END { exit n > 0 }' /proc/net/tcp
}

# start_server NAME [ARGS...]: sets PORT, PID, LOG (access log), ERR (stderr)
start_server() {
  local name=$1; shift
  LOG="$WORK/$name.log"; ERR="$WORK/$name.err"
  rm -f "$WORK/$name.port"
  "$ARS" serve --listen 127.0.0.1:0 --port-file "$WORK/$name.port" --log "$LOG" "$@" 2>"$ERR" &
  PID=$!
  servers+=("$PID")
  # A watchdog, so that no server outlives a stuck test (ctest stops one
  # after 600 s; a test slowed down by load may still be going before that).
  (sleep 600; kill -KILL "$PID" 2>/dev/null) >/dev/null 2>&1 &
  children+=($!)
  # Start-up takes well under a second; a loaded machine (or a sanitizer
  # build) may take many times that, so wait for the port (or the server's
  # exit), not for a fixed time.
  wait_for 60 "[ -s '$WORK/$name.port' ] || ! kill -0 $PID 2>/dev/null" || true
  PORT=$(cat "$WORK/$name.port" 2>/dev/null || true)
  if [ -z "$PORT" ]; then
    fail "server $name did not start: $(cat "$ERR")"
    exit 1
  fi
  URL="http://127.0.0.1:$PORT"
}

# stop_server: SIGTERM and wait; sets RC
stop_server() {
  kill -TERM "$PID" 2>/dev/null || true
  RC=0
  wait "$PID" || RC=$?
}

# http METHOD PATH [curl args...]: prints the status code, body in $WORK/body
http() {
  local m=$1 p=$2; shift 2
  curl -s -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' --max-time 30 -X "$m" "$@" \
    "$URL$p" || true
}
body() { cat "$WORK/body"; }
header() { grep -i "^$1:" "$WORK/headers" | head -n1 | cut -d' ' -f2- | tr -d '\r'; }

post_json() { # PATH FILE|@- [curl args...]
  local p=$1 f=$2; shift 2
  http POST "$p" -H 'Content-Type: application/json' --data-binary "@$f" "$@"
}

# json EXPR < body: evaluates a Python expression on the parsed JSON `j`
json() { python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"; }

# raw BYTES [SECONDS]: sends bytes (printf format) on a fresh connection and
# prints what comes back until the server closes or SECONDS (default 30; a
# bound against a hang, not a wait) pass.
raw() {
  local fmt=$1 secs=${2:-30}
  FMT=$fmt timeout "$secs" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"; printf "$FMT" >&3; cat <&3' \
    "$PORT" 2>/dev/null || true
}

# metric NAME_WITH_LABELS: current value from /metrics
metric() {
  curl -s --max-time 10 "${AUTH[@]}" "$URL/metrics" | awk -v k="$1" '$1 == k { print $2 }'
}
AUTH=()

finish() {
  if [ "$fails" -ne 0 ]; then
    echo "$fails check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
}
