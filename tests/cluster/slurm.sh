#!/bin/bash
# slurm.sh - docs/cluster.md's Slurm recipe on a real, private one-node Slurm:
# munged, slurmctld and slurmd started from a generated slurm.conf in a
# temporary directory (own ports, sockets, spool and state; no cgroups, no
# accounting database). The docs' job scripts (scripts/cluster/slurm-*.sh, the
# same bytes the docs show) run a 4-shard array and the dependent merge; the
# merged CSV, summary and chart must equal one `arsenal sweep` run byte for
# byte, with one task killed by scancel and one requeued while running, both
# resumed from their partial files.
#   bash tests/cluster/slurm.sh ARSENAL_BINARY      (exit 77: Slurm not installed)
set -u
ARS=$(realpath "$1")
SRC=$(pwd)
fails=0
fail() { echo "FAIL $*" >&2; fails=$((fails + 1)); }
ok() { echo "ok   $*"; }

# ---- the docs show exactly the scripts that run (no copy that can drift).
# A block preceded by "<!-- file: PATH -->" must equal PATH byte for byte.
if python3 - docs/cluster.md <<'EOF'; then ok "docs/cluster.md shows scripts/cluster/*.sh verbatim"; else fail "docs/cluster.md and scripts/cluster differ"; fi
import re, sys
doc = open(sys.argv[1]).read()
blocks = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", doc, re.S)
names = sorted(p for p, _ in blocks)
if names != ["scripts/cluster/slurm-array.sh", "scripts/cluster/slurm-merge.sh"]:
    sys.exit("file blocks found: %s" % names)
for path, text in blocks:
    if open(path).read() != text:
        sys.exit("%s differs from its block in %s" % (path, sys.argv[1]))
EOF

for tool in munged mungekey slurmctld slurmd sbatch squeue scontrol scancel; do
    if ! command -v "$tool" >/dev/null; then
        echo "SKIP: $tool not found; install slurmctld slurmd slurm-client munge (scripts/install-deps.sh)"
        exit 77
    fi
done

T=$(mktemp -d)
# munged wants every directory above its socket searchable by all.
chmod 755 "$T"
daemons=()
JOBS=()
cleanup() {
    local p i
    # Cancel our jobs while the controller is still there, then stop the daemons.
    if [ ${#JOBS[@]} -gt 0 ]; then
        scancel "${JOBS[@]}" 2>/dev/null
        for i in $(seq 1 50); do
            [ -z "$(squeue -h -j "$(IFS=,; echo "${JOBS[*]}")" -t R,CG 2>/dev/null)" ] && break
            sleep 0.1
        done
    fi
    for p in "${daemons[@]}"; do kill -TERM "$p" 2>/dev/null; done
    for p in "${daemons[@]}"; do
        for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The daemons and the jobs take seconds here and many times that on a loaded
# machine: wait_for waits for what the test needs, bounded only against a hang.
. "$SRC/tests/cli/lib/wait.sh"

show_logs() {
    local f
    for f in "$T"/log/*.log "$T"/job/logs/*.out; do
        [ -f "$f" ] && { echo "--- $f"; tail -n 15 "$f"; }
    done
}
die() { fail "$*"; show_logs; exit 1; }

# ---- the study, and the reference: one run of the whole study.
# 64 Monte Carlo points of the baseline model (about 0.15 s each), blocks of 4:
# a shard of 4 runs long enough to be killed midway.
cat >"$T/study.json" <<'EOF'
{"type": "monte_carlo", "samples": 64, "seed": 7, "block": 4,
 "parameters": ["lines[country=UA].availability*~uniform(0.5,1.0)",
                "requirements.*.demand*~normal(1,0.1)"]}
EOF
MODEL=$SRC/models/baseline.json
mkdir -p "$T/single"
(cd "$T/single" && "$ARS" sweep "$MODEL" --study "$T/study.json" --output study.csv \
    --summary summary.json --svg study.svg --quiet) || die "the single reference run failed"
[ "$(wc -l <"$T/single/study.csv")" -eq 65 ] || die "the single run has not 64 rows"

# ---- a private Slurm: munged, slurmctld, slurmd.
mkdir -p "$T/run" "$T/state" "$T/spool" "$T/log" "$T/job/logs"
chmod 755 "$T/run"
mungekey --create --keyfile="$T/munge.key" 2>/dev/null || die "mungekey failed"
chmod 400 "$T/munge.key"
munged --foreground --socket="$T/run/munge.sock" --key-file="$T/munge.key" \
    --pid-file="$T/run/munged.pid" --log-file="$T/log/munged.log" \
    --seed-file="$T/run/munged.seed" &
daemons+=($!)

read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
NODE=$(hostname -s)
ME=$(id -un)
export SLURM_CONF=$T/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=arsenaltest
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=$ME
SlurmdUser=$ME
AuthType=auth/munge
AuthInfo=socket=$T/run/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/run/slurmctld.pid
SlurmdPidFile=$T/run/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobRequeue=1
MinJobAge=600
# 4 CPUs whatever the machine has, so that the 4 shards run at once.
SlurmdParameters=config_overrides
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
PartitionName=test Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

wait_for 60 '[ -S "$T/run/munge.sock" ]' || die "munged did not start in 60 s"
slurmctld -D -i -f "$SLURM_CONF" 2>>"$T/log/slurmctld.log" &
daemons+=($!)
slurmd -D -N "$NODE" -f "$SLURM_CONF" 2>>"$T/log/slurmd.log" &
daemons+=($!)
# Bounded wait for the node to be idle (the controller up, slurmd registered).
state=
wait_for 120 'state=$(sinfo -h -n "$NODE" -o %T 2>/dev/null); [ "$state" = idle ]' ||
    die "the Slurm node is not idle after 120 s (state '$state')"
ok "munged, slurmctld and slurmd up (node $NODE, ports $CTLD_PORT/$SLURMD_PORT)"

# ---- submit as docs/cluster.md says, with the test's model, study and a 4-task array.
export ARSENAL=$ARS MODEL STUDY=$T/study.json OUT=out EXPECT=64
cd "$T/job"
ARRAY=$(sbatch --parsable --array=0-3 --cpus-per-task=1 "$SRC/scripts/cluster/slurm-array.sh") ||
    die "sbatch of the array failed"
JOBS+=("$ARRAY")
MERGE=$(sbatch --parsable --dependency="afterok:$ARRAY" "$SRC/scripts/cluster/slurm-merge.sh") ||
    die "sbatch of the merge failed"
JOBS+=("$MERGE")
ok "submitted array $ARRAY (4 tasks) and merge $MERGE (afterok)"

# job_field JOB FIELD: one field of `scontrol show job`.
job_field() { scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n1; }
# rows SHARD_CSV: data rows (lines that start with a point number) a shard has
# written so far, in its journal FILE.partial while it runs if sweep keeps one
# there, else in FILE itself.
rows() {
    # The journal is FILE.partial until the shard completes and FILE after:
    # read whichever is there in one go (a test then a read could fall
    # between the two), and leave out a row still being written (no newline
    # yet), which a resume drops as cut off.
    local f=$1 data
    data=$({ cat "$f.partial" 2>/dev/null || cat "$f" 2>/dev/null; } && echo .)
    data=${data%.}
    [[ $data == *$'\n' ]] || data=${data%$'\n'*}
    printf '%s' "$data" | grep -c '^[0-9]' || true
}

# Kill shard 1 with scancel and requeue shard 2 while it runs (a preemption),
# each once it has written 3 of its 16 rows.
killed=0 preempted=0 k1=0 k2=0
until_s=$((SECONDS + 180))
while [ $SECONDS -lt $until_s ]; do
    if [ $killed -eq 0 ] && [ "$(rows "$T/job/out/shard-1.csv")" -ge 3 ]; then
        scancel "${ARRAY}_1" && killed=1
    fi
    if [ $preempted -eq 0 ] && [ "$(rows "$T/job/out/shard-2.csv")" -ge 3 ]; then
        scontrol requeue "${ARRAY}_2" && preempted=1
    fi
    [ $killed -eq 1 ] && [ $preempted -eq 1 ] && break
    sleep 0.05
done
[ $killed -eq 1 ] && [ $preempted -eq 1 ] || die "shards 1 and 2 never reached 3 rows in 180 s"
# Wait for the cancelled task to have stopped before requeueing it.
wait_for 120 '[ "$(job_field "${ARRAY}_1" JobState)" = CANCELLED ]'
expect_state=$(job_field "${ARRAY}_1" JobState)
[ "$expect_state" = CANCELLED ] || die "shard 1 is $expect_state after scancel, not CANCELLED"
k1=$(rows "$T/job/out/shard-1.csv")
k2=$(rows "$T/job/out/shard-2.csv")
[ "$k1" -lt 16 ] && [ "$k2" -lt 16 ] || die "a shard finished before it was stopped ($k1, $k2 rows)"
ok "shard 1 killed by scancel with $k1/16 rows, shard 2 requeued running with $k2/16 rows"
scontrol requeue "${ARRAY}_1" || die "scontrol requeue of the cancelled shard 1 failed"
# Slurm holds a requeued job for a while; start both now, once both are back
# in the queue (a task requeued while running is pending only when its old
# run has ended, which takes longer on a loaded machine), but not in the same
# second as the kill: slurmd refuses a launch credential that is not newer
# than the job's revocation (the sleep is that second, not a wait). Then
# re-arm the merge as docs/cluster.md says: the cancelled run broke afterok on
# the whole array.
for t in 1 2; do
    wait_for 120 'case $(job_field "${ARRAY}_$t" JobState) in PENDING | RUNNING | COMPLETED) ;; *) false ;; esac' ||
        die "shard $t is $(job_field "${ARRAY}_$t" JobState) 120 s after its requeue, not back in the queue"
done
sleep 2
for t in 1 2; do
    # (One Slurm let go of by itself meanwhile needs no release.)
    [ "$(job_field "${ARRAY}_$t" JobState)" != PENDING ] ||
        scontrol update JobId="${ARRAY}_$t" StartTime=now || die "releasing shard $t failed"
done
scontrol update JobId="$MERGE" Dependency="afterok:$(seq -s: -f "${ARRAY}_%g" 0 3)" ||
    die "re-arming the merge's dependency failed"

# Bounded wait for the merge (about 10 s; bounded against a hang); meanwhile
# a resumed shard never loses its rows (a restart from scratch would truncate
# the file to its header).
min1=$k1 min2=$k2 state=
until_s=$((SECONDS + 240))
while [ $SECONDS -lt $until_s ]; do
    r=$(rows "$T/job/out/shard-1.csv"); [ "$r" -lt "$min1" ] && min1=$r
    r=$(rows "$T/job/out/shard-2.csv"); [ "$r" -lt "$min2" ] && min2=$r
    state=$(job_field "$MERGE" JobState)
    case "$state" in COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY) break ;; esac
    sleep 0.1
done
echo "     squeue: $(squeue -h -t all -j "$ARRAY,$MERGE" -o '%i=%T' | tr '\n' ' ')"
[ "$state" = COMPLETED ] || die "merge job $MERGE is '$state' after 240 s ($(job_field "$MERGE" Reason))"
[ "$(job_field "$MERGE" ExitCode)" = 0:0 ] || fail "merge exit code $(job_field "$MERGE" ExitCode)"
ok "the merge job ran after every shard succeeded"
for t in 0 1 2 3; do
    st=$(job_field "${ARRAY}_$t" JobState)
    [ "$st" = COMPLETED ] || fail "shard $t is $st"
done
for t in 1 2; do
    r=$(job_field "${ARRAY}_$t" Restarts)
    [ "$r" = 1 ] && ok "shard $t ran twice (Restarts=1)" || fail "shard $t: Restarts=$r, want 1"
done
[ "$min1" -ge "$k1" ] && [ "$min2" -ge "$k2" ] && ok "requeued shards resumed from their rows" ||
    fail "a requeued shard restarted from scratch (rows fell to $min1, $min2)"

for f in study.csv summary.json study.svg; do
    cmp -s "$T/single/$f" "$T/job/$f" && ok "$f from the cluster equals the single run" ||
        fail "$f from the cluster differs from the single run"
done

[ $fails -eq 0 ] || { show_logs; echo "$fails failure(s)"; exit 1; }
echo "all slurm checks passed"
