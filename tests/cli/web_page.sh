#!/usr/bin/env bash
# The web page in a real browser: Debian's chromium (headless), driven over
# the DevTools protocol by tests/browser/tour.py (python3-websocket). Two
# servers: one open on loopback with a data folder, one with a token.
# Screenshots go to the build tree (web-screenshots/), not the source tree.
# valgrind: skip (drives a browser for a minute; the server runs under ASan+UBSan in ctest)
set -euo pipefail
ARS=$1
cd "$(dirname "$0")/../.."
. tests/cli/lib/server.sh
# Debian's python3: python3-websocket is installed for it, not for a
# python of the user's own.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v chromium >/dev/null || { fail "chromium is not installed (scripts/install-deps.sh)"; finish; }
"$PY" -c 'import websocket' 2>/dev/null || { fail "python3-websocket is not installed (scripts/install-deps.sh)"; finish; }
OUT=${ARS_BINARY_DIR:-$WORK}/web-screenshots

start_server open --data "$WORK/data" --workers 2
OPEN_URL=$URL
OPEN_PID=$PID
TOKEN=0123456789abcdef-browser-token
printf '%s\n' "$TOKEN" >"$WORK/tokens"
start_server auth --token-file "$WORK/tokens" --workers 1
if "$PY" tests/browser/tour.py "$ARS" "$OPEN_URL" "$URL" "$TOKEN" "$OUT"; then
  ok "browser tour"
else
  fail "browser tour (screenshots in $OUT)"
fi
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0
PID=$OPEN_PID
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0

# The same data folder after a restart: the page lists the studies and
# reopens one.
start_server reopen --data "$WORK/data" --workers 1
if "$PY" tests/browser/reopen.py "$URL" "$OUT"; then
  ok "studies reopen after a restart"
else
  fail "studies after a restart"
fi
stop_server
expect_eq "server exits 0 (no sanitizer report)" "$RC" 0
finish
