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
python3 - "$tmp/base.json" "$tmp/tut.json" <<'PY' || fail "scenario directions (above)"
import json, sys
# +1: S must rise, -1: S must fall, by at least 0.1% of the base S.
expected = {
    sys.argv[1]: {"funding_cliff": +1, "strike_campaign": +1, "itar_relief": -1,
                  "licensing_surge": -1, "energetics_shock": +1, "coproduction_push": -1,
                  "drones_for_shells": -1},
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
        elif not sign * s["delta"] > 1e-3 * abs(s["base"]):
            print(f"{name}: S {s['base']} -> {s['variant']}, expected it to {'rise' if sign > 0 else 'fall'}")
            bad += 1
sys.exit(1 if bad else 0)
PY
echo "scenarios: ok"
