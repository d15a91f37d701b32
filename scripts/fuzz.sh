#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each on a scratch copy of
# its seed corpus (tests/fuzz/corpus/<target>) for a bounded time.
#   scripts/fuzz.sh [--seconds N] [TARGET...]
# To fuzz for hours, give a large --seconds and keep the scratch corpus:
#   FUZZ_KEEP=1 scripts/fuzz.sh --seconds 14400 fuzz_model
# A crash leaves crash-* beside the scratch corpus; turn it into a regression
# test (tests/bad/ for models, the target's unit test otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=20
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARSENAL_FUZZ=ON >/dev/null
if [ ${#targets[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.c; do targets+=("$(basename "$f" .c)"); done
fi
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
scratch=$(mktemp -d)
[ -n "${FUZZ_KEEP:-}" ] || trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  if [ -d "tests/fuzz/corpus/$t" ]; then cp -r "tests/fuzz/corpus/$t/." "$scratch/$t/"; fi
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  echo "-- $t for ${seconds}s"
  ASAN_OPTIONS=detect_leaks=1 ./build-fuzz/"$t" "${dict[@]}" -max_total_time="$seconds" \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$scratch/$t-" \
    -print_final_stats=1 "$scratch/$t" 2>&1 | tail -n 4
done
echo "fuzzing done (scratch corpus: $scratch)"
