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
# One month with 2,000 distinct items (may.in's 13 records with new lines,
# texts and URLs): the HTML page with the full item list must render in
# under a second.
f=$top/build/bench/report-2000items.jsonl
if [ ! -s "$f" ]; then
	i=0
	while [ $i -lt 154 ]; do
		jq -c --argjson i $i '. + {line: (.line + 1000 * $i), text: ("\(.text)（\($i)）"),
			url: (if .url then "\(.url)?n=\($i)" else null end),
			period_start: "2018-04-16", period_end: "2018-05-15"}' "$top/testdata/report/may.in"
		i=$((i + 1))
	done | head -2000 > "$f"
fi
measure report "2,000 items, one month, HTML" "$f" "$(wc -l < "$f")" "$bin/ipm-report" -f html
