#!/bin/sh
# make slurm-check: a throw-away single-node Slurm cluster on this machine
# (munged with its own key and socket, slurmctld + slurmd as root, state, spool
# and logs in a temporary folder, no accounting), then the seeds folder
# (../shared/seeds, skipped when absent) and a small generated corpus through
# the job array of pipelines/slurm/submit, compared with a local `make
# pipeline` on the same input. Prints PASS/FAIL lines and "N passed, M
# failed"; every daemon it started is stopped on exit.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
bin=${IPM_BIN:-$top/bin}
. "$top/scripts/tests/lib.inc"
export LC_ALL=C SOURCE_DATE_EPOCH=1700000000 IPM_DATA="$top/lib/data"
pass=0 fail=0
ok() { echo "PASS slurm: $*"; pass=$((pass + 1)); }
ko() { echo "FAIL slurm: $*"; fail=$((fail + 1)); }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
for p in munged slurmctld slurmd sbatch sinfo; do
	command -v "$p" > /dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$p" > /dev/null 2>&1 || { echo "SKIP slurm: no $p (apt-get install slurm-wlm munge)"; exit 0; }
done
[ "$(id -u)" = 0 ] || { echo "SKIP slurm: slurmd must run as root"; exit 0; }
[ -x "$bin/ipm-tag" ] || { echo "FAIL slurm: no tools in $bin (make tools)"; exit 1; }

T=$(mktemp -d /tmp/ipm-slurm.XXXXXX)
chmod 700 "$T"
pids=
stop() {
	for f in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munged.pid"; do
		[ -s "$f" ] || continue
		p=$(cat "$f")
		kill "$p" 2> /dev/null || continue
		i=0
		while kill -0 "$p" 2> /dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$p" 2> /dev/null || true
	done
	[ -n "${KEEP:-}" ] || rm -rf "$T"
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

# munge: a fresh key, our own socket (the system's munged, if any, is not touched)
dd if=/dev/urandom of="$T/munge.key" bs=1024 count=1 2> /dev/null
chmod 600 "$T/munge.key"
mkdir -m 700 "$T/munge"
munged --force --key-file="$T/munge.key" --socket="$T/munge/sock" --pid-file="$T/munged.pid" \
	--log-file="$T/munged.log" --seed-file="$T/munged.seed" 2> "$T/munged.err" ||
	{ ko "munged did not start: $(cat "$T/munged.err")"; finish; }

host=$(hostname -s)
cpus=$(nproc)
port=$((20000 + $$ % 20000))
mkdir -p "$T/state" "$T/spool"
cat > "$T/slurm.conf" <<EOF
ClusterName=ipmcheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerParameters=sched_interval=1
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=500 State=UNKNOWN
PartitionName=ipm Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$T/slurm.conf"
slurmctld -i -f "$SLURM_CONF" 2> "$T/slurmctld.err" || { ko "slurmctld did not start: $(cat "$T/slurmctld.err")"; finish; }
slurmd -f "$SLURM_CONF" -N "$host" 2> "$T/slurmd.err" || { ko "slurmd did not start: $(cat "$T/slurmd.err")"; finish; }
i=0
until sinfo -h -N -o '%T' 2> /dev/null | grep -q '^idle'; do
	i=$((i + 1))
	if [ $i -gt 60 ]; then
		ko "the node did not become idle in 30 s: $(sinfo -h -N 2>&1 | head -1); $(tail -3 "$T/slurmctld.log" "$T/slurmd.log" 2>&1)"
		finish
	fi
	sleep 0.5
done
ok "single-node cluster up ($host, $cpus CPUs, partition ipm, in $((i / 2)) s)"

same() {   # label make-output slurm-output
	bad=$(differ "$2" "$3")
	if [ -z "$bad" ]; then ok "$1: events, collapsed, agg CSVs and report identical to the local make run"
	else ko "$1: differ from the local make run:$bad"; fi
}
run() {   # label IN DOCS-per-shard
	w=$T/run-$1
	mkdir -p "$w"
	MAKEFLAGS= MFLAGS= make --no-print-directory BIN="$bin" IN="$2" PIPE="$w/make" pipeline-run > "$w/make.log" 2>&1 ||
		{ ko "$1: local make failed: $(tail -2 "$w/make.log")"; return; }
	t0=$(date +%s)
	# (timeout: a job that never ends must not hang CI)
	if BIN=$bin timeout 600 pipelines/slurm/submit -w -n "$3" "$2" "$w/slurm" > "$w/submit.log" 2>&1; then
		n=$(pipelines/shard count "$w/slurm")
		ok "$1: job array of $n shards and the dependent merge job ran ($(($(date +%s) - t0)) s; $(grep -o 'job array [0-9]*' "$w/submit.log"))"
		same "$1" "$w/make" "$w/slurm"
		tot=$(awk -F'\t' '$1 == "total" {print $5 " in, " $6 " out, " $7 " rejects"}' "$w/slurm/counts.tsv")
		[ -n "$tot" ] && ok "$1: records $tot (counts.tsv, per shard and total)" || ko "$1: no counts"
	else
		ko "$1: submit failed: $(tail -3 "$w/submit.log"); $(cat "$w"/slurm/slurm/*.out 2> /dev/null | tail -5)"
	fi
}

seeds=${IPM_SEEDS:-$top/../shared/seeds}
if [ -d "$seeds" ] && ls "$seeds"/*.txt > /dev/null 2>&1; then
	run seeds "$seeds" 2
else
	echo "SKIP slurm: seeds: no folder $seeds"
fi
python3 scripts/gen_corpus.py --docs 60 --records 40 --periods 3 --seed 5 "$T/gen" 2> /dev/null
rm -f "$T/gen/MANIFEST.tsv"
run generated "$T/gen" 12
finish
