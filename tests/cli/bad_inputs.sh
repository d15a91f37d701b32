#!/bin/bash
# bad_inputs.sh - the bad-input catalogue: `arsenal check` on every
# tests/bad/NAME.json must exit 2 (errors), never crash (status < 128) or
# hang, and print as its first line exactly tests/bad/NAME.expected (the
# "FILE:" prefix removed). Then generated cases too big to commit (limits),
# files that are not regular files, and the exit codes 0 and 1.
set -u
bin=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
bad=$here/tests/bad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
count=0

# expect FILE STATUS FIRST-LINE: runs check on FILE (as given).
expect() {
    local file=$1 want_rc=$2 want=$3 out rc first
    count=$((count + 1))
    # A hang guard, not a speed limit: the largest file takes 2 s under
    # valgrind, and a loaded machine may take many times that.
    out=$(timeout 120 "$bin" check "$file" 2>/dev/null)
    rc=$?
    first=$(printf '%s\n' "$out" | head -n 1)
    first=${first#"$file"}
    first=${first#:}
    first=${first# }
    if [ "$rc" -ge 124 ]; then
        echo "FAIL $file: crashed or hung (status $rc)"
        fails=$((fails + 1))
    elif [ "$rc" -ne "$want_rc" ]; then
        echo "FAIL $file: status $rc, expected $want_rc"
        fails=$((fails + 1))
    elif [ "$first" != "$want" ]; then
        echo "FAIL $file:"
        echo "  got:      $first"
        echo "  expected: $want"
        fails=$((fails + 1))
    fi
}

n=0
for f in "$bad"/*.json; do
    name=${f%.json}
    if [ ! -f "$name.expected" ]; then
        echo "FAIL $f: no $name.expected"
        fails=$((fails + 1))
        continue
    fi
    expect "$f" 2 "$(cat "$name.expected")"
    n=$((n + 1))
done
if [ "$n" -lt 30 ]; then
    echo "FAIL: only $n catalogue files (want at least 30)"
    fails=$((fails + 1))
fi

# Limits, on generated files.
{
    printf '{"arsenal":1,"periods":['
    seq 1 10001 | sed 's/.*/"P&"/' | paste -sd, -
    printf '],"products":[],"lines":[],"requirements":[]}'
} >"$tmp/too_many_periods.json"
expect "$tmp/too_many_periods.json" 2 "1:24: error: /periods: 10001 periods, over the limit max_periods=10000"
{
    printf '{"arsenal":1,"periods":["P1"],"products":['
    seq 1 100001 | sed 's/.*/{"id":"p&"}/' | paste -sd, -
    printf '],"lines":[],"requirements":[]}'
} >"$tmp/too_many_products.json"
expect "$tmp/too_many_products.json" 2 "1:42: error: /products: 100001 entries, over the limit max_items=100000"
# 65 MiB, sparse: the size is refused before anything is read.
truncate -s 65M "$tmp/huge.json"
expect "$tmp/huge.json" 2 "error: /: file of 68157440 bytes, over the limit max_bytes=67108864"

# Not regular files, and a missing one.
expect "$bad" 2 "error: /: not a regular file (a directory)"
# A device or FIFO is read as a stream (arsenal solve /dev/stdin behind a
# pipe); one with nothing in it, or no writer, is an empty model at once.
expect /dev/null 2 "1:1: error: /: empty model"
mkfifo "$tmp/fifo"
expect "$tmp/fifo" 2 "1:1: error: /: empty model"
expect "$tmp/missing.json" 2 "error: /: cannot open: No such file or directory"

# Exit codes 0 (clean) and 1 (warnings only).
cat >"$tmp/clean.json" <<'JSON'
{"arsenal": 1, "periods": ["P1"], "products": [{"id": "p"}],
 "lines": [{"id": "l", "country": "UA", "capacity": 1, "produces": [{"product": "p"}]}],
 "requirements": [{"id": "r", "demand": 1, "met_by": {"p": 1}}]}
JSON
expect "$tmp/clean.json" 0 ""
sed 's/"capacity": 1,/"capacity": 1, "license": "q",/; s/^ "requirements"/ "licenses": [{"id": "q", "status": "denied", "covers": {"lines": ["l"]}}],\n "requirements"/' \
    "$tmp/clean.json" >"$tmp/warn.json"
expect "$tmp/warn.json" 1 "2:67: warning: /lines/0/license: line \"l\" can never produce: its licence \"q\" is denied"
# A fund eligible for a known country where nothing is paid: line 3 is
# `"funds": [{"id": "f", "amount": 1, "eligible": {"countries": ["PL"]}}],`,
# "PL" (known from the declaration above it) starts at character 64.
cat >"$tmp/fund_pl.json" <<'JSON'
{"arsenal": 1, "periods": ["P1"], "products": [{"id": "p"}],
 "countries": [{"id": "PL", "bloc": "western"}],
 "funds": [{"id": "f", "amount": 1, "eligible": {"countries": ["PL"]}}],
 "lines": [{"id": "l", "country": "UA", "capacity": 1, "produces": [{"product": "p"}]}],
 "requirements": [{"id": "r", "demand": 1, "met_by": {"p": 1}}]}
JSON
expect "$tmp/fund_pl.json" 1 "3:64: warning: /funds/0/eligible/countries/0: fund \"f\" is eligible for country \"PL\", but no line, supplier, drawdown or corridor is there, so this entry pays nothing"
# A bom of 2e9 components per shell beside the balance rows' 1s: a
# coefficient range of 2e9, over 1e9, warned at the bom entry (line 3:
# `"bom": {"tnt": ` ends at character 57, the value starts at 58).
cat >"$tmp/range.json" <<'JSON'
{"arsenal": 1, "periods": ["P1"], "products": [{"id": "p"}], "components": [{"id": "tnt", "initial": 1e12}],
 "lines": [{"id": "l", "country": "UA", "capacity": 1,
            "produces": [{"product": "p", "bom": {"tnt": 2e9}}]}],
 "requirements": [{"id": "r", "demand": 1, "met_by": {"p": 1}}]}
JSON
expect "$tmp/range.json" 1 "3:58: warning: /lines/0/produces/0/bom/tnt: the program's coefficients span a ratio of 2e+09, over 1e9: largest 2e+09 at /lines/0/produces/0/bom/tnt, smallest 1 (balance rows also hold 1s); the solver's relative tolerances (about 1e-7) cannot honour both ends: change units (e.g. thousands of units, millions of money)"

# --format json carries the same pointer; usage errors exit 2.
count=$((count + 1))
out=$("$bin" check --format json "$bad/unknown_product.json" 2>/dev/null)
rc=$?
case "$out" in
*'"pointer":'*'"/lines/0/produces/0/product"'*) [ "$rc" -eq 2 ] || { echo "FAIL json: status $rc"; fails=$((fails + 1)); } ;;
*) echo "FAIL json output: $out"; fails=$((fails + 1)) ;;
esac
count=$((count + 1))
"$bin" check --format xml "$bad/empty.json" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: --format xml should be a usage error"; fails=$((fails + 1)); }
count=$((count + 1))
"$bin" check --help | grep -q "exit status: 0 clean, 1 warnings only, 2 errors" ||
    { echo "FAIL: --help"; fails=$((fails + 1)); }

echo "bad_inputs: $count cases, $fails failed"
[ "$fails" -eq 0 ]
