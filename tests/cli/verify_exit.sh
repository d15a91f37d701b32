#!/usr/bin/env bash
# Exit status 4 when a plan fails verification, in `solve` and `whatif`
# alike. The plan is corrupted on its way out of the solver (GLPK, or CLP
# in the clp copy of this test) by an LD_PRELOAD library
# (tests/fault/glpk_fault.c: every column value above ARS_FAULT_ABOVE is
# reported one larger), so arsenal carries no test hook.
# tests/data/verify_exit.json: the base makes 4 shells (untouched); a demand
# of 5 makes x = u = 5, reported as 6, and requirement[fires,P1] reads
# 6 + 0 against 5. Scenario glut is infeasible (exit 1 on its own).
set -uo pipefail
bin=$1
model=tests/data/verify_exit.json
fault=${ARS_BINARY_DIR:-}/libglpk_fault.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
[ -f "$fault" ] || { echo "FAIL: no $fault (ARS_BINARY_DIR=${ARS_BINARY_DIR:-unset})"; exit 1; }
# An ASan build must be first in the library list; the fault library is
# not a sanitizer, so the order check is waived for these runs.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# run EXPECTED-STATUS NAME ARGS...: arsenal with the fault library.
run() {
    local want=$1 name=$2 rc
    shift 2
    LD_PRELOAD=$fault ARS_FAULT_ABOVE=4.5 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want ($(head -c 400 "$tmp/err"))"
}

# The fault library changes nothing below the threshold: the base verifies.
run 0 "solve base" solve "$model" --format json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verified"] is True, d["verification"]' \
    "$tmp/out" || fail "solve base: not verified"

# solve: the corrupted plan is written, flagged, and exit 4.
run 4 "solve corrupted" solve "$model" --set requirements.fires.demand=5 --format json
python3 - "$tmp/out" <<'PY' || fail "solve corrupted: verification block"
import json, sys
d = json.load(open(sys.argv[1]))
v = d["verification"]
assert d["verified"] is False and v["violations"] >= 1, v
assert v["max_abs_residual"]["constraint"] == "requirement[fires,P1]", v
assert abs(v["max_abs_residual"]["value"] - 1) < 1e-6, v
PY
grep -q "WARNING: the plan does not satisfy the model" "$tmp/err" || fail "solve corrupted: no warning"

# whatif: a variant whose plan fails makes it exit 4, as solve does, with
# the base verified and the variant named.
run 4 "whatif corrupted variant" whatif "$model" --set requirements.fires.demand=5 --format json
python3 - "$tmp/out" <<'PY' || fail "whatif corrupted variant: verified flags"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["base"]["verified"] is True, d["base"]
assert [(v["name"], v["verified"]) for v in d["variants"]] == [("set", False)], d["variants"]
PY
grep -q "WARNING: set: the plan does not satisfy the model" "$tmp/err" ||
    fail "whatif corrupted variant: no warning naming the variant"
# ... also with --cold, and with --quiet (the warning stays).
run 4 "whatif --cold" whatif "$model" --set requirements.fires.demand=5 --cold --format json
run 4 "whatif --quiet" whatif "$model" --set requirements.fires.demand=5 --quiet --format json
grep -q "WARNING: set:" "$tmp/err" || fail "whatif --quiet: the warning was silenced"

# An infeasible variant alone is 1; with a variant that fails verification
# it is 4: a wrong plan outweighs a missing one.
run 1 "whatif infeasible" whatif "$model" --scenario glut --format json
run 4 "whatif infeasible + corrupted" whatif "$model" --scenario glut \
    --set requirements.fires.demand=5 --format json
python3 - "$tmp/out" <<'PY' || fail "whatif infeasible + corrupted: statuses"
import json, sys
d = json.load(open(sys.argv[1]))
got = [(v["name"], v["status"], v["verified"]) for v in d["variants"]]
assert got == [("glut", "infeasible", None), ("set", "optimal", False)], got
PY

# Documented: whatif --help and docs/whatif.md name exit status 4.
"$bin" whatif --help | tr '\n' ' ' | grep -q "4 some plan (base or variant) fails verification" ||
    fail "whatif --help does not document exit status 4"
grep -q "4 wins over 1" docs/whatif.md || fail "docs/whatif.md does not say 4 wins over 1"

echo "verify_exit: $fails failed"
[ "$fails" -eq 0 ]
