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
for f in small.lp small.mps big.lp result.json; do printf 'previous %s\n' "$f" >"$fs/$f"; done
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

for f in small.lp small.mps big.lp result.json; do
  cmp -s "$fs/$f" "$tmp/before/$f" && ok "previous $f survives" || bad "$f was changed"
done
left=$(cd "$fs" && ls | grep -v -e '^filler' -e '^small\.' -e '^big\.lp$' -e '^result\.json$')
[ -z "$left" ] && ok "no temporary or partial file left" || bad "left behind: $left"

# With room again the same commands write complete files.
rm -f "$fs/filler" "$fs/filler2"
"$bin" export "$small" --quiet --lp "$fs/small.lp" --mps "$fs/small.mps" &&
  tail -n1 "$fs/small.lp" | grep -qx End && tail -n1 "$fs/small.mps" | grep -qx ENDATA &&
  ok "with room the LP and MPS are written whole" || bad "export with room"
exit $fail
