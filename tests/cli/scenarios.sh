#!/usr/bin/env bash
# Every scenario of the shipped models, through `arsenal whatif`: each solves
# to optimality and moves the weighted shortfall S the way its question
# expects (the same table as tests/unit/test_models.c, here end to end).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$bin" whatif models/baseline.json --all-scenarios --no-explain --format json --quiet \
  >"$tmp/base.json" || fail "whatif baseline: exit $?"
"$bin" whatif models/tutorial.json --all-scenarios --no-explain --format json --quiet \
  >"$tmp/tut.json" || fail "whatif tutorial: exit $?"
"$bin" solve models/baseline.json --format json --quiet >"$tmp/plan.json" || fail "solve baseline: exit $?"

# funding_cliff must leave S alone, for a reason read off the base plan: PURL
# may pay exactly the payees USAI pays, and in every period from 2025Q3 its
# unspent money covers what USAI spends, so the base plan stays feasible.
python3 - "$tmp/plan.json" <<'PY' || fail "funding_cliff: PURL cannot take over USAI's payments (above)"
import json, sys
r = json.load(open(sys.argv[1]))
m = json.load(open("models/baseline.json"))
funds = {f["id"]: f for f in m["funds"]}
if funds["usai"]["eligible"] != funds["purl"]["eligible"] or funds["purl"].get("carryover"):
    sys.exit("usai and purl no longer pay the same payees the same way")
spent = {f["fund"]: f for f in r["plan"]["funds"]}
first = r["periods"].index("2025Q3")
for t in range(first, len(r["periods"])):
    slack = spent["purl"]["amount"][t] - spent["purl"]["spent"][t]
    if slack + 1e-6 < spent["usai"]["spent"][t]:
        sys.exit(f"{r['periods'][t]}: purl has {slack} left, usai spends {spent['usai']['spent'][t]}")
PY

python3 - "$tmp/base.json" "$tmp/tut.json" <<'PY' || fail "scenario directions (above)"
import json, sys
# +1: S must rise, -1: S must fall, by at least 0.1% of the base S; 0: S must
# not move beyond the solver's tolerance (1e-6 of the base S).
expected = {
    sys.argv[1]: {"funding_cliff": 0, "europe_cliff": +1, "strike_campaign": +1,
                  "itar_relief": -1, "licensing_surge": -1, "energetics_shock": +1,
                  "coproduction_push": -1, "drones_for_shells": -1, "value_for_money": "weighted"},
    # tutorial: the hand solution's changes (models/tutorial.json descriptions)
    sys.argv[2]: {"more_explosives": -1, "german_money_stops": +1},
}
bad = 0
for path, want in expected.items():
    d = json.load(open(path))
    if d["base"]["status"] != "optimal":
        print(f"{path}: base {d['base']['status']}"); bad += 1
    got = {v["name"]: v for v in d["variants"]}
    if set(got) != set(want):
        print(f"{path}: scenarios {sorted(got)}, expected {sorted(want)}"); bad += 1
    for name, sign in want.items():
        v = got.get(name)
        if v is None:
            continue
        s = v["shortfall"]
        if v["status"] != "optimal":
            print(f"{name}: status {v['status']}"); bad += 1
        elif sign == "weighted":
            # S priced at w per unit: the weighted optimum gives up S (beyond
            # tolerance) only where it saves more than w per unit in C.
            w = float(next(p.split("=", 1)[1] for p in v["set"] if p.startswith("objective.shortfall_weight=")))
            c = v["cost"]
            if not (s["delta"] > 1e-6 * abs(s["base"]) and c["delta"] < 0
                    and w * s["delta"] + c["delta"] <= 1e-6 * (w * s["base"] + c["base"])):
                print(f"{name}: S {s['base']} -> {s['variant']}, C {c['base']} -> {c['variant']}, expected S up and C down by more than {w} x S")
                bad += 1
        elif sign == 0 and abs(s["delta"]) > 1e-6 * abs(s["base"]):
            print(f"{name}: S {s['base']} -> {s['variant']}, expected it not to move"); bad += 1
        elif sign != 0 and not sign * s["delta"] > 1e-3 * abs(s["base"]):
            print(f"{name}: S {s['base']} -> {s['variant']}, expected it to {'rise' if sign > 0 else 'fall'}")
            bad += 1
sys.exit(1 if bad else 0)
PY
echo "scenarios: ok"
