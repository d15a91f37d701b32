#!/usr/bin/env bash
# A plan read from GLPK's optimum keeps its bounds to the verifier's scale:
# on the small generated model below, one fund x0.9, GLPK's default primal
# tolerance left a basic payment column of the cost stage at -3.0e-7 where
# the rows around it are worth 0.15, and `arsenal solve` exited 4 (the plan
# failed its own verification, payee_paid 2.0e-6 relative). Such an optimum
# is polished at a tighter primal tolerance (solver/lp/glpk_backend.c,
# POLISH_TOL_BND). Cold and warm, both backends.
set -euo pipefail
bin=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib/generated.sh"
"$gen" --lines 6 --periods 3 --seed 3 --mode lexicographic >"$tmp/m.json"
fund=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["funds"][0]["id"])' \
    "$tmp/m.json")
for smooth in true false; do
    set_fund=(--set "funds.$fund.amount*=0.9" --set "objective.smooth=$smooth")
    rc=0
    "$bin" solve "$tmp/m.json" "${set_fund[@]}" --format json --quiet >"$tmp/cold.json" || rc=$?
    [ "$rc" = 0 ] || fail "solve (smooth $smooth) exit $rc"
    "$bin" whatif "$tmp/m.json" "${set_fund[@]}" --no-explain --format json --quiet \
        >"$tmp/warm.json" || fail "whatif (smooth $smooth) exit $?"
    python3 - "$tmp/cold.json" "$tmp/warm.json" <<'PY' || fail "plan outside its bounds (smooth $smooth)"
import json, sys
cold = json.load(open(sys.argv[1]))
warm = json.load(open(sys.argv[2]))
v = warm["variants"][0]
assert cold["status"] == "optimal" and cold["verified"] is True, cold["verification"]
assert v["status"] == "optimal" and v["verified"] is True, v
print("cold: worst relative residual", cold["verification"]["max_rel_residual"]["value"])
PY
done
