#!/bin/sh
# make slurm-check inside make check: a throw-away single-node Slurm cluster
# runs the seeds and a generated corpus as a job array (scripts/slurm-check.sh).
# It needs root and slurm-wlm + munge; SKIP otherwise, and under ASan (the
# release tools are the ones a cluster runs).
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${IPM_VARIANT:-rel}" != rel ]; then echo "SKIP slurm: run with the release build only"; exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v slurmctld > /dev/null || ! command -v munged > /dev/null; then
	echo "SKIP slurm: needs root, slurm-wlm and munge"
	exit 0
fi
IPM_BIN=${IPM_BIN:-$top/bin} sh "$top/scripts/slurm-check.sh" 2>&1 | grep -E '^(PASS|FAIL|SKIP) '
