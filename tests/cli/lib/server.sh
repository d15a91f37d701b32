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

# start_server NAME [ARGS...]: sets PORT, PID, LOG (access log), ERR (stderr)
start_server() {
  local name=$1; shift
  LOG="$WORK/$name.log"; ERR="$WORK/$name.err"
  rm -f "$WORK/$name.port"
  "$ARS" serve --listen 127.0.0.1:0 --port-file "$WORK/$name.port" --log "$LOG" "$@" 2>"$ERR" &
  PID=$!
  servers+=("$PID")
  # A watchdog, so that no server outlives a stuck test.
  (sleep 300; kill -KILL "$PID" 2>/dev/null) >/dev/null 2>&1 &
  children+=($!)
  local i
  for i in $(seq 1 100); do
    [ -s "$WORK/$name.port" ] && break
    sleep 0.05
  done
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
# prints what comes back until the server closes or SECONDS pass.
raw() {
  local fmt=$1 secs=${2:-5}
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
