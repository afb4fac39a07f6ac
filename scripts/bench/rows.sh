#!/bin/sh
# Monthly reports through ipm-extract | ipm-rows on a generated corpus
# (scripts/bench/gen_reports.sh: Markdown and TAB layouts), cat as the
# reference. Targets (issue 3): >= 50 MB/s, peak RSS <= 32 MB at any size.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/bench"
c=$top/build/bench/reports.txt
b=$top/build/bench/reports.blocks
[ -s "$c" ] || sh "$top/scripts/bench/gen_reports.sh" 600 > "$c"
"$IPM_BIN/ipm-extract" < "$c" > "$b"
nrec=$("$IPM_BIN/ipm-rows" < "$b" 2>/dev/null | wc -l)
measure cat "generated reports" "$c" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure extract+rows "generated reports" "$c" "$nrec" sh -c "'$IPM_BIN/ipm-extract' | '$IPM_BIN/ipm-rows'"
measure extract "generated reports" "$c" 0 "$IPM_BIN/ipm-extract"
measure rows "their blocks" "$b" "$nrec" "$IPM_BIN/ipm-rows"
