#!/usr/bin/env bash
# arsenal solve end to end: exit statuses, formats, atomic --output, and that
# nothing but our own output reaches stdout (GLPK's terminal text must not).
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# JSON to a pipe by default; stdout must be exactly one JSON document.
"$bin" solve tests/models/all_families.json >"$tmp/out.json" 2>"$tmp/err" || fail "solve exit $?"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"]=="optimal", d["status"]' \
  "$tmp/out.json" || fail "stdout is not one JSON document with status optimal"
grep -q "GLPK\|glp_\|Integer optimization\|simplex" "$tmp/out.json" && fail "GLPK text in stdout"

# The embedded default model, as a table.
"$bin" solve --format table >"$tmp/table.txt" || fail "default model"
grep -q "status: optimal" "$tmp/table.txt" || fail "table has no status line"
grep -q "Plan by product and period" "$tmp/table.txt" || fail "table has no plan"
grep -qi "glpk\|simplex:" "$tmp/table.txt" && fail "GLPK text in the table"

# --output: atomic, and refused when it is the input or cannot be written.
"$bin" solve tests/models/all_families.json --output "$tmp/r.json" >"$tmp/o" || fail "--output"
[ -s "$tmp/r.json" ] && [ ! -s "$tmp/o" ] || fail "--output wrote to stdout or nothing"
cp tests/models/all_families.json "$tmp/m.json"
set +e
"$bin" solve "$tmp/m.json" --output "$tmp/m.json" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "output = input: exit $rc, expected 2"
cmp -s tests/models/all_families.json "$tmp/m.json" || fail "the input was overwritten"
set +e
"$bin" solve tests/models/all_families.json --output "$tmp/no/such/dir/r.json" 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 3 ] || fail "unwritable output: exit $rc, expected 3"
grep -q "cannot write" "$tmp/err" || fail "unwritable output: no message"

# Usage and model errors exit 2.
set +e
"$bin" solve --format xml >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "bad format: exit $rc"
"$bin" solve --time-limit -1 >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || fail "bad time limit: exit $rc"
echo '{"arsenal": 1}' >"$tmp/bad.json"
"$bin" solve "$tmp/bad.json" >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "invalid model: exit $rc"
# --set: weighted.json makes 10 shells at 100 (cost 1000); at a cost of 50
# each the cost halves (500), and a path that matches nothing is an error.
"$bin" solve tests/models/weighted.json --format json --set lines.l.produces.shell.cost=50 \
  >"$tmp/set.json" || fail "--set"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert abs(d["objective"]["cost"]-500)<1e-4, d["objective"]' \
  "$tmp/set.json" || fail "--set did not change the cost"
set +e
"$bin" solve tests/models/weighted.json --set lines.nosuch.capacity=1 >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "--set on nothing: exit $rc, expected 2"
# A value set by --set meets the load's magnitude limits
# (docs/model-validation.md): a rate of 1e-15 is refused before GLPK sees it.
set +e
"$bin" solve tests/models/weighted.json --set lines.l.produces.shell.rate=1e-15 >"$tmp/o" \
  2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "--set rate=1e-15: exit $rc, expected 2"
[ ! -s "$tmp/o" ] || fail "--set rate=1e-15: wrote a result"
grep -q "/lines/0/produces/0/rate: expected 0 or a magnitude between 1e-9 and 1e12.*found the number 1e-15" \
  "$tmp/err" || fail "--set rate=1e-15: message $(cat "$tmp/err")"
grep -qi "glp\|scale factor" "$tmp/err" && fail "--set rate=1e-15: GLPK text"
# --explain: the default model's table names its top bottlenecks on the first
# screen (within 24 lines), each with a value per unit; explain_capacity.json
# (one line, capacity 10, demand 15 at priority 2, two periods) groups both
# periods into one bottleneck worth 2 + 2 = 4 (tests/unit/test_explain.c).
"$bin" solve --explain --format table >"$tmp/ex.txt" || fail "--explain default model"
head -24 "$tmp/ex.txt" | grep -q "^top bottlenecks" || fail "--explain: no bottlenecks on the first screen"
head -24 "$tmp/ex.txt" | grep -A1 "^top bottlenecks" | tail -1 | grep -q "removes .* units of weighted shortfall" \
  || fail "--explain: the top bottleneck has no value"
"$bin" solve tests/models/explain_capacity.json --explain --format json >"$tmp/ex.json" || fail "--explain json"
python3 -c 'import json,sys; b=json.load(open(sys.argv[1]))["bottlenecks"][0]; assert b["id"]=="cap:a" and abs(b["value"]-4)<1e-6 and b["unit"], b' \
  "$tmp/ex.json" || fail "--explain json: wrong bottleneck"
"$bin" solve tests/models/explain_capacity.json --format json >"$tmp/noex.json" || fail "no --explain"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "bottlenecks" not in d and "shadow_prices" not in d' \
  "$tmp/noex.json" || fail "bottlenecks without --explain"
# --licence-value: licences.json (hand values in tests/unit/test_licence_value.c):
# pend approved from P1 gives S = 40, one period earlier (P2) S = 50; the
# denied licence from P1 gives 30 and has no planned approval.
"$bin" solve tests/models/licences.json --licence-value --format json >"$tmp/lv.json" 2>/dev/null \
  || fail "--licence-value"
python3 - "$tmp/lv.json" <<'PY' || fail "--licence-value: wrong values"
import json, sys
d = {l["licence"]: l for l in json.load(open(sys.argv[1]))["licence_value"]["licences"]}
assert abs(d["pend"]["at_start"]["shortfall"] - 40) < 1e-6, d["pend"]
assert abs(d["pend"]["one_period_earlier"]["shortfall"] - 50) < 1e-6, d["pend"]
assert d["pend"]["one_period_earlier"]["approved_from"] == "P2", d["pend"]
assert abs(d["deny"]["at_start"]["shortfall_reduction"] - 30) < 1e-6, d["deny"]
assert d["deny"]["one_period_earlier"] is None and d["deny"]["planned_approval"] is None, d["deny"]
assert "chip_ok" not in d
PY
"$bin" solve tests/models/licences.json --licence-value --format table 2>/dev/null | grep -q "^licence value" \
  || fail "--licence-value: no table section"
# Per requirement, in its units (every priority is 1, so the S differences
# above are each one requirement's): pend removes 20 of ra from the start and
# 10 one period earlier, deny 30 of rb; the US spelling is accepted.
"$bin" solve tests/models/licences.json --license-value --format json >"$tmp/lvr.json" 2>/dev/null \
  || fail "--license-value"
python3 - "$tmp/lvr.json" <<'PY' || fail "--licence-value by requirement"
import json, sys
v = {x["licence"]: x for x in json.load(open(sys.argv[1]))["licence_value"]["licences"]}
assert v["pend"]["at_start"]["by_requirement"] == [
    {"requirement": "ra", "unit": "units of a", "shortfall_reduction": 20}], v["pend"]
assert v["pend"]["one_period_earlier"]["by_requirement"] == [
    {"requirement": "ra", "unit": "units of a", "shortfall_reduction": 10}], v["pend"]
assert v["deny"]["at_start"]["by_requirement"] == [
    {"requirement": "rb", "unit": "units of b", "shortfall_reduction": 30}], v["deny"]
PY
# Verification is on by default: capacity.json's plan (S 8.5, C 422.5 by
# hand, tests/unit/test_verify.c) recomputes to the same numbers; the table
# says so under the objective; --no-verify leaves the members out.
"$bin" solve tests/models/capacity.json --format json >"$tmp/v.json" || fail "verified solve"
python3 - "$tmp/v.json" <<'PY' || fail "verification block wrong"
import json, sys
d = json.load(open(sys.argv[1]))
v = d["verification"]
assert d["verified"] is True and v["verified"] is True and v["violations"] == 0, v
assert v["checked"] > 0 and v["max_rel_residual"]["value"] <= v["tolerance"], v
assert abs(v["recomputed"]["shortfall"] - 8.5) < 1e-5 and abs(v["recomputed"]["cost"] - 422.5) < 1e-3, v
assert "warning" not in v
PY
"$bin" solve tests/models/capacity.json --format table | sed -n 2,3p | grep -q "^verified: " \
  || fail "table: no verified line under the objective"
"$bin" solve tests/models/capacity.json --format json --no-verify >"$tmp/nv.json" || fail "--no-verify"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert "verified" not in d and "verification" not in d' \
  "$tmp/nv.json" || fail "--no-verify still verifies"
# --for: what binds one requirement, in its units (tests/models/explain_for.json
# derives it by hand): cap:S is worth 1 round of fires' shortfall, cap:D 0.5,
# cap:M (another requirement's line) is not listed; per money, cap:S 1/8.
"$bin" solve tests/models/explain_for.json --for fires --format json >"$tmp/for.json" \
  || fail "--for fires"
python3 - "$tmp/for.json" <<'PY' || fail "--for: values differ from the derivation"
import json, sys
e = json.load(open(sys.argv[1]))["requirement_explanation"]
assert e["requirement"] == "fires" and e["unit"] == "rounds of shell", e
assert abs(e["shortfall"] - 17) < 1e-9, e
got = {b["id"]: b["removes"] for b in e["binding"]}
assert set(got) == {"cap:S", "cap:D"}, got
assert abs(got["cap:S"] - 1) < 1e-9 and abs(got["cap:D"] - 0.5) < 1e-9, got
s = [b for b in e["binding"] if b["id"] == "cap:S"][0]
assert abs(s["money_per_unit"] - 8) < 1e-9 and abs(s["removes_per_money"] - 0.125) < 1e-9, s
assert e["per_money"] == ["cap:S"], e
PY
# The overall list ranks within a kind only; across kinds, per unit of money:
# cap:S is worth 4 of S per capacity unit, bought by expansion at 8: 0.5.
python3 - "$tmp/for.json" <<'PY' || fail "--explain: ranking by kind and per money"
import json, sys
d = json.load(open(sys.argv[1]))
kinds = [b["kind"] for b in d["bottlenecks"]]
assert kinds == sorted(kinds, key=["line_capacity", "component_pool"].index), kinds
assert d["bottlenecks_per_money"] == ["cap:S"], d["bottlenecks_per_money"]
s = [b for b in d["bottlenecks"] if b["id"] == "cap:S"][0]
assert abs(s["value_per_money"] - 0.5) < 1e-9 and s["money_per_unit"] == 8, s
assert [b for b in d["bottlenecks"] if b["id"] == "cap:D"][0]["value_per_money"] is None
PY
"$bin" solve tests/models/explain_for.json --for fires --format table >"$tmp/for.txt" || fail "--for table"
head -3 "$tmp/for.txt" | grep -q "what binds fires" || fail "--for: the answer is not on top"
grep -q "cap:S .* is worth 1 rounds of shell of fires's shortfall" "$tmp/for.txt" || fail "--for: no cap:S line"
set +e; "$bin" solve tests/models/explain_for.json --for nope >/dev/null 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "--for nope: exit $rc, expected 2"
grep -q 'no requirement "nope" in the model; it has fires, air' "$tmp/err" || fail "--for nope: $(cat "$tmp/err")"
# Numbers for people (tests/models/big_numbers.json derives them): grouped,
# money as M, integral counts without decimals, prose without exponents.
"$bin" solve tests/models/big_numbers.json --explain --format table >"$tmp/big.txt" \
  || fail "big numbers"
for want in "weighted shortfall 6,335,006,335   cost 7.00M USD" \
  "removes 12,670 units of weighted shortfall" \
  "r                            1,500,000.50    1,000,000   500,000.50    66.7%" \
  "f                                   7.00M       12.35M    56.7%"; do
  grep -qF -- "$want" "$tmp/big.txt" || fail "big numbers: no '$want' in: $(cat "$tmp/big.txt")"
done
grep -v "residual" "$tmp/big.txt" | grep -qE "[0-9]e[+-]?[0-9]" && fail "big numbers: scientific notation"
grep -v "residual" "$tmp/ex.txt" | grep -E "[0-9]e[+-]?[0-9]" \
  && fail "default model: scientific notation in the --explain table"
# --scenario NAME solves the model with that scenario applied: "more" of
# tests/models/whatif_tiny.json (L makes 15 in P2) gives S = 5, C = 25 by
# its _derivation, the same plan as the same change given with --set; an
# unknown name exits 2 and lists the scenarios.
tiny=tests/models/whatif_tiny.json
"$bin" solve "$tiny" --scenario more --format json >"$tmp/sc.json" || fail "--scenario"
"$bin" solve "$tiny" --set 'lines.L.capacity@P2=15' --format json >"$tmp/ss.json" || fail "--set"
python3 - "$tmp/sc.json" "$tmp/ss.json" <<'PY' || fail "--scenario differs from --set or the derivation"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert abs(a["objective"]["shortfall"] - 5) < 1e-6 and abs(a["objective"]["cost"] - 25) < 1e-6, a["objective"]
assert a["objective"] == b["objective"], (a["objective"], b["objective"])
PY
set +e
"$bin" solve "$tiny" --scenario nope --format json >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] || fail "--scenario nope: exit $rc"
grep -qF "no scenario 'nope' in the model; it has more, grant, unchanged" "$tmp/err" \
  || fail "--scenario nope: $(cat "$tmp/err")"
# --charts: three SVGs, written atomically (no temporary left), made from the
# plan. tests/data/server/small.json makes 6 of its demand 6 in its one
# period, so the output axis ends at 6 (ticks 0, 2, 4, 6) with one series,
# and the fill rate is 100%: both points at the top of the plot (y = 46).
"$bin" solve tests/data/server/small.json --charts "$tmp/charts" --format json >/dev/null \
  || fail "--charts"
[ "$(ls "$tmp/charts" | tr '\n' ' ')" = "fill_rate.svg funds.svg output.svg " ] \
  || fail "--charts wrote: $(ls -a "$tmp/charts")"
grep -q 'data-y-max="6"' "$tmp/charts/output.svg" || fail "output axis does not end at 6"
grep -q ',46.0"/>' "$tmp/charts/output.svg" || fail "output point not at the top"
grep -q ',46.0"/>' "$tmp/charts/fill_rate.svg" || fail "fill rate not at 100%"
grep -q 'data-series="0"' "$tmp/charts/funds.svg" || fail "funds chart of a model without funds"
echo "ok"
