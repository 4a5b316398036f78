#!/usr/bin/env bash
# The Slurm path end to end on a real single-node cluster started here: munged, slurmctld and
# slurmd from Debian's munge and slurm-wlm on private ports, with a private munge socket and key
# and every state, spool, log and pid file under the work folder (nothing system-wide is used or
# changed). `voxbench-cli slurm --submit` runs fp32 and int8 over the demo's clean set as a
# 4-task array and merges the shards in a dependent job; the merged runs must equal a
# single-process run with the same settings: the same hypothesis for every utterance, the same
# WER. Every daemon started is stopped on the way out, whatever happens.
# Usage: check_slurm.sh VOXBENCH_CLI DEMO_DIR WORK_DIR
set -euo pipefail
cli=$1 demo=$2 work=$3

if [ "$(id -u)" -ne 0 ]; then
  echo "check_slurm: starts munged (as the munge user), slurmctld and slurmd (as root): run it as root, as CI does," \
       "or leave it out with ctest -LE slurm" >&2
  exit 1
fi
for tool in munged slurmctld slurmd sbatch squeue sinfo sqlite3; do
  command -v "$tool" >/dev/null || { echo "check_slurm: $tool is missing: run packaging/setup-debian.sh" >&2; exit 1; }
done

rm -rf "$work"
mkdir -p "$work"/{state,spool,log,munge,munge-key,run}
chown munge:munge "$work/munge" "$work/munge-key"
chmod 755 "$work/munge" # the socket's folder: every user must reach it
chmod 700 "$work/munge-key"

stop() {
  local pids=() pid
  for file in "$work/run/slurmd.pid" "$work/run/slurmctld.pid" "$work/munge/munged.pid"; do
    [ -s "$file" ] && pids+=("$(cat "$file")")
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 50); do # until each has exited, at most 10 s
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && return 0
    sleep 0.2
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT

# Two free ports (a connection that fails means nobody listens there).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
ctld_port=$(free_port)
slurmd_port=$(free_port)
while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done

# munge: a private key and socket.
dd if=/dev/urandom of="$work/munge-key/munge.key" bs=1024 count=1 status=none
chown munge:munge "$work/munge-key/munge.key"
chmod 400 "$work/munge-key/munge.key"
su -s /bin/sh munge -c "/usr/sbin/munged --socket=$work/munge/munge.socket --key-file=$work/munge-key/munge.key \
  --pid-file=$work/munge/munged.pid --log-file=$work/munge/munged.log --seed-file=$work/munge-key/munged.seed"

host=$(hostname -s)
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=voxbench-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$(nproc) RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
cat > "$work/cgroup.conf" <<CONF
CgroupPlugin=cgroup/v1
IgnoreSystemd=yes
CgroupAutomount=no
CONF
slurmctld
slurmd
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  [ "$state" = "idle" ] && break
  sleep 1
done
[ "$state" = "idle" ] || { echo "check_slurm: the node is not idle (state '$state'):" >&2; tail -20 "$work"/log/*.log >&2; exit 1; }

project="$work/main.voxbench"
cp "$demo/demo.voxbench" "$project"
set_args=(--variant whisper-demo-fp32 --variant whisper-demo-int8 --dataset "demo clean" --warmup 0 --threads 1)

# The reference: one process, the same settings (runs 1 and 2).
"$cli" run -p "$project" "${set_args[@]}" > "$work/single.txt" 2> "$work/single.log"

# The array job (4 tasks) and its merge (runs 3 and 4).
"$cli" slurm -p "$project" "${set_args[@]}" --shards 4 --dir "$work/job" --submit | tee "$work/submit.txt"
grep -q "submitted array job" "$work/submit.txt"
for _ in $(seq 600); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h)" ] || { echo "check_slurm: jobs still queued after 10 minutes:" >&2; squeue >&2; exit 1; }
"$cli" slurm --status --dir "$work/job" | tee "$work/status.txt"
[ "$(grep -c 'whisper-demo-fp32 finished (30 results), whisper-demo-int8 finished (30 results)' "$work/status.txt")" = 4 ] \
  || { echo "check_slurm: not every shard finished" >&2; cat "$work"/job/logs/*.log >&2; exit 1; }
grep -q 'run 3: whisper-demo-fp32 over "demo clean", 4 shards, 120 results' "$work/job/logs/merge.log" \
  || { echo "check_slurm: the merge job did not merge:" >&2; cat "$work/job/logs/merge.log" >&2; exit 1; }

# Same hypothesis for every utterance, same WER.
for pair in "1 3" "2 4"; do
  set -- $pair
  same=$(sqlite3 "$project" "SELECT count(*) FROM results a JOIN results b ON a.utterance_id = b.utterance_id
                             WHERE a.run_id = $1 AND b.run_id = $2 AND a.hypothesis = b.hypothesis AND a.error IS b.error")
  [ "$same" = 120 ] || { echo "check_slurm: runs $1 and $2 agree on $same of 120 utterances" >&2; exit 1; }
done
"$cli" runs -p "$project" > "$work/runs.txt"
wer() { awk -F'\t' -v run="$1" '$1 == run { print $6 }' "$work/runs.txt"; }
for pair in "1 3" "2 4"; do
  set -- $pair
  [ -n "$(wer "$1")" ] && [ "$(wer "$1")" = "$(wer "$2")" ] \
    || { echo "check_slurm: WER of run $1 ($(wer "$1")) and merged run $2 ($(wer "$2")) differ" >&2; cat "$work/runs.txt" >&2; exit 1; }
done

# A shard that failed (here: made to look so, half its results gone) is the only one submitted
# again, with a new merge job after it.
sqlite3 "$work/job/shard-2.voxbench" "UPDATE runs SET status = 'failed', message = 'node lost';
  DELETE FROM results WHERE run_id = 1 AND utterance_id IN (SELECT utterance_id FROM results WHERE run_id = 1 LIMIT 15)"
"$cli" slurm --resubmit --dir "$work/job" | tee "$work/resubmit.txt"
grep -q "submitted array job [0-9]* (tasks 2) and merge job" "$work/resubmit.txt" \
  || { echo "check_slurm: --resubmit did not submit shard 2 alone" >&2; exit 1; }
for _ in $(seq 600); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 1
done
grep -q 'run 5: whisper-demo-fp32 over "demo clean", 4 shards, 120 results' "$work/job/logs/merge.log" \
  || { echo "check_slurm: the second merge did not merge:" >&2; cat "$work/job/logs/merge.log" >&2; exit 1; }

echo "check_slurm: the merged runs equal the single-process runs (120 utterances each, WER $(wer 3) and $(wer 4))"
