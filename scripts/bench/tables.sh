#!/bin/sh
# The 2.3 MB yearbook (seed 004) through ipm-extract | ipm-rows and
# ipm-extract | ipm-tables, each stage alone on its own input, and cat as the
# reference. Targets (issue 4): under a second each, peak RSS <= 32 MB.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
set -- "$top"/../shared/seeds/004_*.txt
y=$1
[ -f "$y" ] || { echo "bench tables: no seed 004, skipped" >&2; exit 0; }
b=$top/build/bench/004.blocks
"$IPM_BIN/ipm-extract" < "$y" > "$b"
rows=$("$IPM_BIN/ipm-rows" < "$b" 2>/dev/null | wc -l)
cells=$("$IPM_BIN/ipm-tables" < "$b" 2>/dev/null | wc -l)
measure cat "004 yearbook 2.3 MB" "$y" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure extract+rows "004 yearbook 2.3 MB" "$y" "$rows" sh -c "'$IPM_BIN/ipm-extract' | '$IPM_BIN/ipm-rows'"
measure extract+tables "004 yearbook 2.3 MB" "$y" "$cells" sh -c "'$IPM_BIN/ipm-extract' | '$IPM_BIN/ipm-tables'"
if [ -x "$IPM_BIN/ipm-norm" ]; then
	measure norm+extract+rows "004 yearbook 2.3 MB" "$y" "$rows" \
		sh -c "'$IPM_BIN/ipm-norm' | '$IPM_BIN/ipm-extract' | '$IPM_BIN/ipm-rows'"
	measure norm+extract+tables "004 yearbook 2.3 MB" "$y" "$cells" \
		sh -c "'$IPM_BIN/ipm-norm' | '$IPM_BIN/ipm-extract' | '$IPM_BIN/ipm-tables'"
fi
measure rows "004 blocks" "$b" "$rows" "$IPM_BIN/ipm-rows"
measure tables "004 blocks" "$b" "$cells" "$IPM_BIN/ipm-tables"
