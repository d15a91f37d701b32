#!/usr/bin/env bash
# Regenerates models/README.md from runs of arsenal on the shipped models.
#   scripts/models-readme.sh [ARSENAL] [OUT]    (defaults: build/arsenal, models/README.md)
# Run it after changing a model or data row; tests/cli/models_readme.sh fails
# until the committed README matches a run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/arsenal}
out=${2:-models/README.md}
[ -x "$bin" ] || { echo "models-readme.sh: $bin is not an executable arsenal" >&2; exit 2; }
case $bin in /*) ;; *) bin="$(pwd)/$bin" ;; esac
exec python3 scripts/models-readme.py "$bin" "$out"
