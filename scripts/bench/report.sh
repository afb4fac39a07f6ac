#!/bin/sh
# ipm-report: tagged JSON Lines (testdata/report/may.in repeated, so the
# groups stay the same) at 10 MB and 100 MB: time, and peak RSS that must not
# grow with the number of records (the report keeps counters, not records).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/bench/lib.sh"
bin=${IPM_BIN:-$top/bin}
mkdir -p "$top/build/bench"
for mb in 10 100; do
	f=$top/build/bench/report-${mb}mb.jsonl
	if [ ! -s "$f" ]; then
		one=$top/build/bench/report-one.jsonl
		cat "$top/testdata/report/may.in" > "$one"
		while [ "$(stat -c %s "$one")" -lt $((mb * 1000000)) ]; do
			cat "$one" "$one" > "$one.2" && mv "$one.2" "$one"
		done
		head -c $((mb * 1000000)) "$one" | sed '$d' > "$f"
		rm -f "$one"
	fi
	measure report "$mb MB JSONL" "$f" "$(wc -l < "$f")" "$bin/ipm-report"
	measure report "$mb MB JSONL, HTML" "$f" "$(wc -l < "$f")" "$bin/ipm-report" -f html
done
