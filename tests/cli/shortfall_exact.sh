#!/usr/bin/env bash
# The shortfall stage ends at the exact optimum S*, cold and warm alike, on
# the small generated model of bench/whatif.sh (issue 13): spec 1.1 section 9
# lets the returned S exceed S* by at most 1e-9 max(1, |S*|). There a dollar
# buys about 1e-10 of shortfall, a price GLPK's default dual tolerance calls
# zero: the cold solve of one fund x0.9 stopped at S = 17805.2602, 3.7e-6
# above S* (and 2.9% off in C, which is that steep in S), the warm one at
# 17805.19398. S* comes from the variant's shortfall-stage LP as
# `arsenal export` writes it, solved by glpsol and finished in exact
# arithmetic from its final basis (--xcheck, glp_exact).
#
# The same on a one-demand variant of the 2,390-row model of bench/whatif.sh:
# there GLPK's S* lies 1.0e-10 relative above the exact one and the cost
# stage, where C falls as S rises, used the whole 1e-9 room the spec gives
# it on top, ending 1.10e-9 above the exact S* (solver/lp/solve.c,
# LEX_ROOM_LP).
#
# And CLP's cold shortfall stage against GLPK's on a model where a dollar
# buys 1e-10 of a small S (`arsenal-gen --lines 30 --periods 16 --funds 3
# --seed 10`, its first demand x0.9, S 213.65): polished at CLP's dual
# tolerance 1e-9 its S lay 1.8e-6 relative above GLPK's (and C 3% below:
# shortfall given up for money). glp_exact did not finish there in 5
# minutes, so GLPK's verified plan bounds S* from above instead: CLP's S
# must not exceed GLPK's by more than the room (clp_backend.c,
# SHORTFALL_DUAL_TOL, now 1e-10).
set -euo pipefail
bin=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib/generated.sh"
command -v glpsol >/dev/null || fail "glpsol not found (glpk-utils, scripts/install-deps.sh)"

# exact_case LINES PERIODS SECTION FIELD FACTOR WARM: the variant "FIELD of
# SECTION[0] times FACTOR" of the generated model, cold and by what-if
# (WARM=1: which must have gone warm; with CLP the 2,390-row variant is
# redone cold, its price of S having outgrown the base's stand-in weight).
exact_case() {
    local lines=$1 periods=$2 section=$3 field=$4 factor=$5 must_warm=$6
    "$gen" --lines "$lines" --periods "$periods" --seed 7 --mode lexicographic >"$tmp/m.json"
    local id
    id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]][0]["id"])' \
        "$tmp/m.json" "$section")
    local set_one="$section.$id.$field*=$factor"
    "$bin" solve "$tmp/m.json" --set "$set_one" --format json --quiet >"$tmp/cold.json" ||
        fail "solve exit $?"
    "$bin" whatif "$tmp/m.json" --set "$set_one" --no-explain --format json --quiet \
        >"$tmp/warm.json" || fail "whatif exit $?"

    # The variant as a model of its own, for export.
    python3 - "$tmp/m.json" "$section" "$id" "$field" "$factor" "$tmp/v.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
e = next(e for e in m[sys.argv[2]] if e["id"] == sys.argv[3])
a, k = e[sys.argv[4]], float(sys.argv[5])
e[sys.argv[4]] = [x * k for x in a] if isinstance(a, list) else a * k
json.dump(m, open(sys.argv[6], "w"))
PY
    "$bin" export "$tmp/v.json" --lp "$tmp/v.lp" --quiet || fail "export exit $?"
    glpsol --lp "$tmp/v.lp" --xcheck -w "$tmp/v.sol" >"$tmp/glpsol.log" 2>&1 ||
        fail "glpsol: $(tail -n 5 "$tmp/glpsol.log")"

    python3 - "$tmp/cold.json" "$tmp/warm.json" "$tmp/v.sol" "$must_warm" <<'PY' || fail "S is not the exact optimum ($lines lines, $set_one)"
import json, sys
cold = json.load(open(sys.argv[1]))
warm = json.load(open(sys.argv[2]))
v = warm["variants"][0]
assert cold["status"] == "optimal" and v["status"] == "optimal", (cold["status"], v["status"])
assert v["warm"] is True or sys.argv[4] == "0", "the variant was not solved warm"
# glpsol's plain-text solution: "s bas ROWS COLS PRIM DUAL OBJ".
line = next(l for l in open(sys.argv[3]) if l.startswith("s bas"))
f = line.split()
assert f[4:6] == ["f", "f"], line
s_star = float(f[6])
room = 1e-9 * max(1, abs(s_star))
S = {"cold": cold["objective"]["shortfall"], "warm": v["shortfall"]["variant"]}
for name in S:
    print(f"{name}: S {S[name]!r}, exact S* {s_star!r}, relative {(S[name] - s_star) / s_star:.2e}")
    assert abs(S[name] - s_star) <= room, (name, S[name], s_star)
assert abs(S["cold"] - S["warm"]) <= room, S
PY
}

exact_case 10 8 funds amount 0.9 1

if "$bin" --version | grep -qi clp; then
    "$gen" --lines 30 --periods 16 --funds 3 --seed 10 --mode lexicographic >"$tmp/m10.json"
    id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["requirements"][0]["id"])' \
        "$tmp/m10.json")
    for solver in glpk clp; do
        "$bin" solve "$tmp/m10.json" --set "requirements.$id.demand*=0.9" --solver "$solver" \
            --format json --quiet >"$tmp/s_$solver.json" || fail "$solver: solve exit $?"
    done
    python3 - "$tmp/s_glpk.json" "$tmp/s_clp.json" <<'PY' || fail "CLP's S above GLPK's verified plan's"
import json, sys
g, c = (json.load(open(p)) for p in sys.argv[1:])
for r in (g, c):
    assert r["status"] == "optimal" and r["verified"] is True, (r["status"], r.get("message"))
sg, sc = g["objective"]["shortfall"], c["objective"]["shortfall"]
print(f"GLPK S {sg!r}, CLP S {sc!r}, CLP above by {(sc - sg) / sg:.2e} relative")
assert sc - sg <= 1e-9 * max(1.0, abs(sg)), (sc, sg)
PY
fi
# valgrind: the 2,390-row case is skipped (seconds of solves, minutes under memcheck).
[ -n "${ARS_UNDER_VALGRIND:-}" ] && exit 0
exact_case 40 16 requirements demand 1.1 0
