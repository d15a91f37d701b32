#!/usr/bin/env bash
# Set-up command 1: installs dependencies, builds arsenal and solves the
# embedded default model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target arsenal
./build/arsenal solve "$@"
