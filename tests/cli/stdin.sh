#!/usr/bin/env bash
# stdin.sh - models from standard input: "-" for solve, check, whatif,
# sweep and export, and /dev/stdin behind a pipe (a FIFO); the answers equal those from
# the file. check is silent on a clean model unless --verbose (then "ok" on
# stdout).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
model=tests/models/whatif_tiny.json

"$bin" solve "$model" --format json --no-verify >"$tmp/file.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["objective"]))' \
  "$tmp/file.json" >"$tmp/file.obj"
for src in - /dev/stdin; do
  cat "$model" | "$bin" solve "$src" --format json --no-verify >"$tmp/in.json" \
    || fail "solve $src from a pipe: exit $?"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(d["objective"]))' \
    "$tmp/in.json" >"$tmp/in.obj"
  cmp -s "$tmp/file.obj" "$tmp/in.obj" || fail "solve $src: objective differs from the file's"
done
cat "$model" | "$bin" whatif - --scenario more --format json >"$tmp/w.json" || fail "whatif -"
python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))["variants"][0]; assert abs(v["shortfall"]["delta"] + 3) < 1e-6, v' \
  "$tmp/w.json" || fail "whatif -: the 'more' scenario should lower S by 3 (whatif_tiny derivation)"
cat tests/data/sweep_tiny.json | "$bin" sweep - --param lines.line_a.capacity --values 10 \
  --quiet --no-progress >"$tmp/s.csv" || fail "sweep -"
# line_a 10 + line_b 20 of demand 100: S = 70, C = 2 x 10 + 3 x 20 = 80.
grep -q '^0,10,optimal,,70,80,' "$tmp/s.csv" || fail "sweep -: $(cat "$tmp/s.csv")"

"$bin" export "$model" --lp "$tmp/file.lp" || fail "export FILE"
cat "$model" | "$bin" export - --lp "$tmp/in.lp" || fail "export -"
cmp -s "$tmp/file.lp" "$tmp/in.lp" || fail "export -: the LP differs from the file's"

# The loader the commands share names standard input in its diagnostics.
set +e
out=$(printf '{"arsenal": 1' | "$bin" solve - 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] || fail "solve - of a truncated model: exit $rc, expected 2"
case "$out" in "(standard input):1:14: error:"*) ;; *) fail "solve - truncated: '$out'" ;; esac

# check: silent when clean, "ok" on stdout with --verbose, errors named by "(standard input)".
out=$(cat "$model" | "$bin" check - 2>&1) || fail "check - clean: exit $?"
[ -z "$out" ] || fail "check - printed on success: $out"
out=$(cat "$model" | "$bin" check - --verbose 2>/dev/null)
[ "$out" = "(standard input): ok" ] || fail "check --verbose: '$out'"
set +e
out=$(printf '{"arsenal": 1' | "$bin" check - 2>/dev/null); rc=$?
set -e
[ "$rc" = 2 ] || fail "truncated model on stdin: exit $rc, expected 2"
case "$out" in "(standard input):"*"unexpected end of input"*) ;; *) fail "truncated: '$out'" ;; esac
echo "stdin: ok"
