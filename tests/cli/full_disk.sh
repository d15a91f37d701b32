#!/usr/bin/env bash
# Every file arsenal writes on a full disk: the command fails with a message
# naming the file, exit 3, and the previous file survives byte for byte with
# no temporary left. A 64 KiB tmpfs (needs root, as in CI; skipped with a
# message otherwise) is filled to the last block, so even a file small
# enough to sit in a stdio buffer cannot be written: GLPK's LP/MPS writer
# used to report success for it, and arsenal renamed an empty file into place.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
fs=$tmp/fs
mkdir "$fs"
cleanup() { umount "$fs" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if ! mount -t tmpfs -o size=64k tmpfs "$fs" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here (not root?); CI runs this test as root"
  [ -n "${ARS_UNDER_VALGRIND:-}" ] && exit 0
  exit 77
fi
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

small=tests/models/weighted.json # its LP is under 400 bytes
# The previous good files.
for f in small.lp small.mps big.lp result.json sweep.csv; do printf 'previous %s\n' "$f" >"$fs/$f"; done
cp -a "$fs" "$tmp/before"

# Larger than the whole file system: fails while writing.
"$bin" export --quiet --lp "$fs/big.lp" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "export of a large LP on a small disk exits 3" || bad "export big: exit $st"
grep -q "big.lp" "$tmp/err" && ok "... naming the file" || bad "no message: $(cat "$tmp/err")"

# Fill every block left, then the small files.
dd if=/dev/zero of="$fs/filler" bs=1k 2>/dev/null
dd if=/dev/zero of="$fs/filler2" bs=1 count=4096 2>/dev/null
rm -f "$tmp/before/filler" "$tmp/before/filler2"
"$bin" export "$small" --quiet --lp "$fs/small.lp" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "small LP on a full disk exits 3" || bad "small LP: exit $st"
grep -q "small.lp" "$tmp/err" && ok "... naming the file" || bad "no message: $(cat "$tmp/err")"
"$bin" export "$small" --quiet --mps "$fs/small.mps" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "small MPS on a full disk exits 3" || bad "small MPS: exit $st"
"$bin" solve "$small" --quiet --format json --output "$fs/result.json" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "solve --output on a full disk exits 3" || bad "solve --output: exit $st"
grep -q "result.json" "$tmp/err" && ok "... naming the file" || bad "no message: $(cat "$tmp/err")"
mkdir -p "$tmp/csvprev"
"$bin" export "$small" --quiet --format csv --output "$fs" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "export --format csv on a full disk exits 3" || bad "export csv: exit $st"

"$bin" sweep tests/data/sweep_tiny.json --param lines.line_a.capacity --values 10,20 \
  --quiet --no-progress --output "$fs/sweep.csv" 2>"$tmp/err"
st=$?
[ $st -eq 3 ] && ok "sweep --output on a full disk exits 3" || bad "sweep: exit $st"
grep -q "sweep.csv" "$tmp/err" && ok "... naming the file" || bad "no message: $(cat "$tmp/err")"

# The server: a study that cannot be stored is refused (507) and leaves no
# folder behind, so nothing is listed after a restart (it once left a
# phantom "failed" study that could not be deleted).
mkdir -p "$tmp/data"
rm -f "$fs/filler2"
mkdir "$fs/data"
dd if=/dev/zero of="$fs/filler2" bs=1 count=4096 2>/dev/null
"$bin" serve --listen 127.0.0.1:0 --port-file "$tmp/port" --data "$fs/data" 2>"$tmp/serr" &
spid=$!
for i in $(seq 1 600); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port" 2>/dev/null)
printf '{"model": %s, "study": {"type": "grid", "parameters": [{"path": "lines.line_a.capacity", "values": [10, 20]}]}}' \
  "$(cat tests/data/sweep_tiny.json)" >"$tmp/study.json"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' --max-time 30 -H 'Content-Type: application/json' \
  --data-binary @"$tmp/study.json" "http://127.0.0.1:$port/v1/studies")
[ "$code" = 507 ] && ok "a study on a full disk is refused with 507" || bad "study: $code $(cat "$tmp/body")"
[ -z "$(ls -A "$fs/data")" ] && ok "... leaving nothing in the data folder" || bad "left: $(ls -A "$fs/data")"
kill -TERM $spid; wait $spid
"$bin" serve --listen 127.0.0.1:0 --port-file "$tmp/port2" --data "$fs/data" 2>"$tmp/serr" &
spid=$!
for i in $(seq 1 600); do [ -s "$tmp/port2" ] && break; sleep 0.05; done
n=$(curl -s --max-time 30 "http://127.0.0.1:$(cat "$tmp/port2")/v1/studies" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["studies"]))')
[ "$n" = 0 ] && ok "... and no study is listed after a restart" || bad "$n studies listed after a restart"
kill -TERM $spid; wait $spid

for f in small.lp small.mps big.lp result.json sweep.csv; do
  cmp -s "$fs/$f" "$tmp/before/$f" && ok "previous $f survives" || bad "$f was changed"
done
left=$(cd "$fs" && ls | grep -v -e '^filler' -e '^small\.' -e '^big\.lp$' -e '^result\.json$' -e '^sweep\.csv$' -e '^data$')
[ -z "$left" ] && ok "no temporary or partial file left" || bad "left behind: $left"

# With room again the same commands write complete files.
rm -f "$fs/filler" "$fs/filler2"
"$bin" export "$small" --quiet --lp "$fs/small.lp" --mps "$fs/small.mps" &&
  tail -n1 "$fs/small.lp" | grep -qx End && tail -n1 "$fs/small.mps" | grep -qx ENDATA &&
  ok "with room the LP and MPS are written whole" || bad "export with room"
exit $fail
