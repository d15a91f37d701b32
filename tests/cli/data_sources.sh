#!/usr/bin/env bash
# Provenance of the shipped figures: every data row has a url or says why it
# has none (tests/cli/data_sources.py), every figure-carrying object of every
# shipped model names existing data rows or an assumption, the generated models
# match their generators, and `arsenal check` finds no errors or warnings.
# The checker is first shown to fail on a broken copy, so a pass means something.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check=tests/cli/data_sources.py

# 1. The checker catches each kind of problem (copies of the real files, broken on purpose).
mkdir "$tmp/data"
cp data/*.csv "$tmp/data/"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
m = json.load(open("models/baseline.json"))
del m["lines"][0]["_source"]; m["lines"][0].pop("_assumption", None)   # no provenance
m["funds"][0]["_source"] = "data/funds.csv#no_such_row"               # dangling reference
json.dump(m, open(tmp + "/bad.json", "w"))
with open(tmp + "/data/shells.csv", "a") as f:
    f.write("bad_reported,a reported figure without a url,1,shells,2025,Somewhere,,reported,\n")
    f.write("bad_assumed,an assumption without a reason,1,shells,2025,,,assumption,\n")
    f.write("bad_derived,derived without arithmetic,1,shells,2025,,,derived,trust me\n")
    f.write("bad_basis,unknown basis,1,shells,2025,,https://example.org,rumour,\n")
PY
set +e
python3 $check --data "$tmp/data" "$tmp/bad.json" >"$tmp/out" 2>/dev/null; rc=$?
set -e
[ "$rc" = 1 ] || fail "checker exit $rc on broken inputs, expected 1"
for want in "/lines/0 has figures" "no row 'no_such_row' in data/funds.csv" \
            "bad_reported: basis reported needs a url" "bad_assumed: basis assumption needs a note" \
            "bad_derived: basis derived needs its arithmetic" "bad_basis: basis 'rumour'"; do
  grep -qF "$want" "$tmp/out" || { cat "$tmp/out"; fail "checker did not report: $want"; }
done

# 2. The real data and every shipped model pass.
python3 $check models/*.json || fail "provenance problems (listed above)"

# 3. Generated models are what their scripts write now.
python3 scripts/make-baseline.py "$tmp/baseline.json"
cmp -s "$tmp/baseline.json" models/baseline.json ||
  fail "models/baseline.json differs from scripts/make-baseline.py output: run it and commit"
python3 scripts/make-large-model.py "$tmp/large.json"
cmp -s "$tmp/large.json" models/large.json ||
  fail "models/large.json differs from scripts/make-large-model.py output: run it and commit"

# 4. arsenal check: no errors and no warnings in any shipped model.
for m in models/*.json; do
  set +e
  "$bin" check "$m" >"$tmp/check.out" 2>&1; rc=$?
  set -e
  [ "$rc" = 0 ] || { cat "$tmp/check.out"; fail "arsenal check $m: exit $rc, expected 0"; }
done
echo "data_sources: ok"
