#!/usr/bin/env bash
# --solver on every command, ARSENAL_SOLVER, solver.backend in the result,
# --version listing the solvers built in, and GLPK and COIN-OR agreeing on
# the test models (S and C to 1e-7 relative; the plans may differ where the
# optimum is not unique). Without COIN-OR in the build, --solver clp must
# say it is not built in.
set -euo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset ARSENAL_SOLVER

"$bin" --version >"$tmp/v" || fail "--version"
grep -q "^solvers: glpk" "$tmp/v" || fail "--version lists no solvers: $(cat "$tmp/v")"

set +e
"$bin" solve --solver nosuch >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "unknown solver 'nosuch'" "$tmp/err" || fail "bad --solver: exit $rc"
set +e
ARSENAL_SOLVER=nosuch "$bin" solve >/dev/null 2>"$tmp/err"; rc=$?
set -e
[ "$rc" = 2 ] && grep -q "ARSENAL_SOLVER" "$tmp/err" || fail "bad ARSENAL_SOLVER: exit $rc"

backend() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["solver"]["backend"])' "$1"; }
"$bin" solve tests/models/capacity.json --solver glpk --format json >"$tmp/g.json"
[ "$(backend "$tmp/g.json")" = glpk ] || fail "solver.backend is not glpk"

if ! grep -q " clp" "$tmp/v"; then
  set +e
  "$bin" solve --solver clp >/dev/null 2>"$tmp/err"; rc=$?
  set -e
  [ "$rc" = 2 ] && grep -q "not built in" "$tmp/err" || fail "clp without COIN-OR: exit $rc"
  echo "ok   (built without COIN-OR: --solver clp refused)"
  exit 0
fi

# Both solvers, every hand-derived test model, lexicographic and weighted as
# the models say; plus the embedded baseline (a MIP: CBC against GLPK).
for m in tests/models/*.json ""; do
  case "$m" in *paths_fixture*) continue ;; esac
  for s in glpk clp; do
    "$bin" solve $m --solver $s --format json >"$tmp/$s.json" 2>/dev/null || true
  done
  python3 - "$tmp/glpk.json" "$tmp/clp.json" "${m:-baseline}" <<'PY' || fail "glpk and clp differ on ${m:-baseline}"
import json, sys
g, c = (json.load(open(p)) for p in sys.argv[1:3])
name = sys.argv[3]
assert g["solver"]["backend"] == "glpk" and c["solver"]["backend"] == "clp", name
assert g["status"] == c["status"], (name, g["status"], c["status"])
if g["status"] in ("optimal", "feasible"):
    for k in ("shortfall", "cost"):
        a, b = g["objective"][k], c["objective"][k]
        assert abs(a - b) <= 1e-7 * max(1, abs(a)), (name, k, a, b)
    assert c["verified"] is True, (name, c.get("verification"))
PY
done
echo "ok   glpk and clp agree on S and C, and clp's plans verify"

# The flag on the other commands: whatif (warm re-solves), sweep, export
# (files are written by GLPK whatever the solver).
"$bin" whatif tests/models/whatif_tiny.json --solver clp --set 'requirements.r.demand*=1.5' \
  --format json >"$tmp/w.json" || fail "whatif --solver clp"
python3 - "$tmp/w.json" <<'PY' || fail "whatif --solver clp: backend"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["solver"] == "clp", d.get("solver")
assert all(v["status"] == "optimal" and v["verified"] for v in d["variants"]), d["variants"]
PY
"$bin" export tests/models/capacity.json --mps "$tmp/m.mps" --solver clp || fail "export --solver clp"
[ -s "$tmp/m.mps" ] || fail "export wrote nothing"
echo "ok   --solver on whatif and export"

# The server: --solver is its default, ?solver= chooses per solve or what-if.
ARS=$bin
# shellcheck source=tests/cli/lib/server.sh
. tests/cli/lib/server.sh
start_server solver --workers 1 --solver clp
expect_eq "server --solver clp: 200" "$(post_json /v1/solve tests/models/capacity.json)" 200
expect_eq "server default backend" "$(body | json 'j["solver"]["backend"]')" clp
expect_eq "?solver=glpk: 200" "$(post_json '/v1/solve?solver=glpk' tests/models/capacity.json)" 200
expect_eq "?solver=glpk backend" "$(body | json 'j["solver"]["backend"]')" glpk
expect_eq "?solver=nosuch: 400" "$(post_json '/v1/solve?solver=nosuch' tests/models/capacity.json)" 400
expect_contains "?solver=nosuch names the choices" "$(body)" "glpk or clp"
echo '{}' >"$WORK/empty.json"
expect_eq "?solver= on studies: 400" "$(post_json '/v1/studies?solver=clp' "$WORK/empty.json")" 400
expect_contains "... says where it applies" "$(body)" "applies to /v1/solve"
stop_server
expect_eq "server stops cleanly" "$RC" 0
[ "$fails" = 0 ] || exit 1
