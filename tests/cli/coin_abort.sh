#!/usr/bin/env bash
# CLP and CBC as Debian builds them check themselves with assert(). On the
# generated MIP below with its second demand x1.2, a primal simplex inside
# CBC's branch and cut failed one (ClpPrimalColumnSteepest.cpp:729:
# "Assertion `model_->reducedCost(bestSequence) > 0.0' failed") and abort()
# ended `arsenal solve --solver clp` (exit 134), and would have ended a
# server with it. The search now counts as failed: exit 3 with a message
# that names the assertion and GLPK, which solves the model; CBC is not used
# again in that process (solver/lp/clp_backend.c, cbc_abort_back). Should a
# later CBC solve the model instead, the plan must be optimal and verified.
set -euo pipefail
bin=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib/generated.sh"
# The sanitizer build and valgrind: skipped (what CBC allocated before the
# jump out of it is lost on purpose, which both report as leaks).
[ -n "${ARS_UNDER_VALGRIND:-}${ARS_SANITIZED:-}" ] && exit 0
"$bin" --version | grep -qi clp || exit 0
"$gen" --lines 20 --products 5 --periods 12 --components 10 --funds 4 --licences 3 \
    --requirements 5 --seed 7 --mip --mode lexicographic >"$tmp/m.json"
req=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["requirements"][1]["id"])' \
    "$tmp/m.json")
rc=0
"$bin" solve "$tmp/m.json" --set "requirements.$req.demand*=1.2" --solver clp --format json \
    >"$tmp/clp.json" 2>"$tmp/clp.err" || rc=$?
case $rc in
0 | 3) ;;
*) fail "arsenal solve --solver clp exit $rc (134: aborted): $(tail -c 300 "$tmp/clp.err")" ;;
esac
"$bin" solve "$tmp/m.json" --set "requirements.$req.demand*=1.2" --solver glpk --format json \
    --quiet >"$tmp/glpk.json" || fail "glpk: solve exit $?"
python3 - "$tmp/clp.json" "$tmp/glpk.json" "$rc" <<'PY' || fail "CBC's answer or its failure"
import json, sys
clp, glpk = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert glpk["status"] == "optimal" and glpk["verified"] is True, glpk["status"]
if sys.argv[3] == "3":
    msg = clp.get("message") or ""
    assert clp["status"] == "error" and "assertion" in msg and "GLPK" in msg, (clp["status"], msg)
    print("CBC failed, reported:", msg)
else:
    assert clp["status"] == "optimal" and clp["verified"] is True, clp["status"]
    S = [r["objective"]["shortfall"] for r in (clp, glpk)]
    assert abs(S[0] - S[1]) <= 1e-9 * max(1.0, abs(S[1])), S
    print("CBC solved it: S", S)
PY
