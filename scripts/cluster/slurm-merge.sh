#!/bin/bash
#SBATCH --job-name=arsenal-merge
#SBATCH --time=00:30:00
#SBATCH --output=logs/%x.out
# Submitted with --dependency=afterok:ARRAY_JOB_ID: runs once every shard
# succeeded. EXPECT is the study's number of points.
set -euo pipefail
ARSENAL=${ARSENAL:-arsenal}
MODEL=${MODEL:-models/baseline.json}
STUDY=${STUDY:-study.json}
OUT=${OUT:-out}
EXPECT=${EXPECT:-100000}
"$ARSENAL" merge "$OUT"/shard-*.csv --expect "$EXPECT" --output study.csv
# Every point is in study.csv: nothing is solved, only the summary and chart are written.
"$ARSENAL" sweep "$MODEL" --study "$STUDY" --resume \
    --output study.csv --summary summary.json --svg study.svg --quiet
