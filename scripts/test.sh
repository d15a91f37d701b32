#!/usr/bin/env bash
# Set-up command 2: installs dependencies, then builds and runs the whole test
# suite: a -Werror build, the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer, valgrind over the CLI tests, and the fuzz targets
# for a bounded time. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

echo "== formatting (clang-format with the root .clang-format)"
mapfile -t sources < <(git ls-files '*.c' '*.h' 2>/dev/null || find solver include tests bench -name '*.[ch]')
if [ ${#sources[@]} -gt 0 ] && ! clang-format --dry-run --Werror "${sources[@]}" 2>/dev/null; then
  clang-format --dry-run "${sources[@]}" 2>&1 | grep 'error:' | head -n 20
  echo "run clang-format -i on the files above" >&2
  exit 1
fi

echo "== build (-Wall -Wextra -Werror) and test"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARSENAL_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== build with ASan+UBSan and test"
CC=${SAN_CC:-gcc} cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DARSENAL_WERROR=ON \
  -DARSENAL_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

if [ -x scripts/valgrind.sh ]; then
  echo "== valgrind memcheck over the CLI tests"
  scripts/valgrind.sh build
fi
if [ -x scripts/fuzz.sh ]; then
  echo "== fuzz targets, bounded time"
  scripts/fuzz.sh --seconds "${FUZZ_SECONDS:-20}"
fi
echo "== all tests passed"
