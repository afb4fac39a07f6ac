#!/bin/sh
# No tool is super-linear in its input: scripts/scaling.py at small sizes
# (make bench runs it at full size and puts the table in BENCH.md).
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ "${IPM_VARIANT:-rel}" != rel ]; then
	echo "SKIP scaling: timed on the release build only"
	exit 0
fi
IPM_BIN=${IPM_BIN:-$top/bin} python3 "$top/scripts/scaling.py" --quick
