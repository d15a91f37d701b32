#!/bin/bash
#SBATCH --job-name=arsenal-mc
#SBATCH --array=0-15
#SBATCH --cpus-per-task=8
#SBATCH --time=02:00:00
#SBATCH --output=logs/%x-%a.out
# One array task per shard; each uses the cores Slurm gave it. The array
# indices must be 0..N-1: task I runs shard I of N.
set -euo pipefail
ARSENAL=${ARSENAL:-arsenal}
MODEL=${MODEL:-models/baseline.json}
STUDY=${STUDY:-study.json}
OUT=${OUT:-out}
N=$SLURM_ARRAY_TASK_COUNT
I=$SLURM_ARRAY_TASK_ID
if [ "$SLURM_ARRAY_TASK_MIN" -ne 0 ] || [ "$SLURM_ARRAY_TASK_MAX" -ne $((N - 1)) ]; then
    echo "slurm-array.sh: --array must be 0-$((N - 1)), not $SLURM_ARRAY_TASK_MIN-$SLURM_ARRAY_TASK_MAX" >&2
    exit 2
fi
mkdir -p "$OUT"
"$ARSENAL" sweep "$MODEL" --study "$STUDY" \
    --shard "$I/$N" --workers "${SLURM_CPUS_PER_TASK:-1}" \
    --output "$OUT/shard-$I.csv" --resume --quiet
