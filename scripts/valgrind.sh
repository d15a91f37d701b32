#!/usr/bin/env bash
# Runs the CLI tests (tests/cli/*.sh) with the arsenal binary under valgrind
# memcheck: any memory error or definite/indirect leak fails the test.
# A script may opt out with a line "# valgrind: skip (reason)".
#   scripts/valgrind.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bin="$(pwd)/$build/arsenal"
[ -x "$bin" ] || { echo "valgrind.sh: $bin not built" >&2; exit 2; }
wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT
cat >"$wrap/arsenal" <<WRAP
#!/usr/bin/env bash
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-leak-kinds=definite,indirect "$bin" "\$@"
WRAP
chmod +x "$wrap/arsenal"
fail=0
for t in tests/cli/*.sh; do
  [ -f "$t" ] || continue
  if grep -q '^# valgrind: skip' "$t"; then
    echo "skip $t ($(grep '^# valgrind: skip' "$t" | head -n1 | sed 's/^# valgrind: skip *//'))"
    continue
  fi
  if ARS_BINARY_DIR="$(pwd)/$build" ARS_UNDER_VALGRIND=1 bash "$t" "$wrap/arsenal" >"$wrap/log" 2>&1; then
    echo "ok   $t"
  else
    echo "FAIL $t"; tail -n 40 "$wrap/log"; fail=1
  fi
done
exit $fail
