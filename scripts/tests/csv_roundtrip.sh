#!/bin/sh
# Typed CSV: JSON -> CSV -> JSON is the identity, byte for byte, for every
# golden record set of ipm records: `ipm-cat --ocsv F | ipm-cat --icsv` == F
# for each testdata/*/*.expected that is JSON Lines whose every field belongs
# to a schema of lib/data/schemas.tsv (the others, such as a pivot table's
# value columns or test records {"a":…}, are not ipm records: counted, skipped).
# ipm-agg --partial rows are the aggregator's state, not records: skipped.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
command -v jq >/dev/null 2>&1 || { echo "SKIP csv_roundtrip: jq not installed"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
# the schema fields, one a line; a prefix field (distinct_*) as "distinct_*"
grep -v '^#' "$top/lib/data/schemas.tsv" | tail -n +2 | cut -f2 | sort -u > "$tmp/fields"
n=0 skipped=0
for f in "$top"/testdata/*/*.expected; do
	[ -s "$f" ] || continue
	args=${f%.expected}.args
	if [ -f "$args" ] && grep -q -- '--partial' "$args"; then
		skipped=$((skipped + 1)); continue
	fi
	# JSON Lines of objects only
	jq -e -c 'if type == "object" then keys_unsorted[] else error("no") end' < "$f" > "$tmp/keys" 2>/dev/null ||
		{ skipped=$((skipped + 1)); continue; }
	unknown=$(sort -u "$tmp/keys" | sed 's/^"//; s/"$//' | while read -r k; do
		grep -qxF "$k" "$tmp/fields" && continue
		m=0
		for p in $(grep '\*$' "$tmp/fields"); do
			case $k in "${p%\*}"?*) m=1 ;; esac
		done
		[ $m = 1 ] || echo "$k"
	done)
	[ -z "$unknown" ] || { skipped=$((skipped + 1)); continue; }
	name=$(basename "$(dirname "$f")")/$(basename "$f")
	n=$((n + 1))
	if "$bin/ipm-cat" --ocsv --strict "$f" > "$tmp/csv" 2> "$tmp/err" &&
	   "$bin/ipm-cat" --icsv "$tmp/csv" > "$tmp/back" 2>> "$tmp/err" && cmp -s "$tmp/back" "$f"; then
		echo "PASS csv_roundtrip $name"
	else
		echo "FAIL csv_roundtrip $name: ipm-cat --ocsv F | ipm-cat --icsv differs from F"
		diff "$f" "$tmp/back" | head -4
		head -3 "$tmp/err"
	fi
done
[ $n -gt 20 ] && echo "PASS csv_roundtrip: $n record sets round-trip, $skipped files are not ipm records" ||
	echo "FAIL csv_roundtrip: only $n record sets found"
# unknown fields stay strings; a known schema's number that is not a JSON number stays a string
printf 'doc,section,line,x\nd,s,42,42\nd,s,4x,1.0\n' | "$bin/ipm-cat" --icsv > "$tmp/o"
printf '%s\n' '{"doc":"d","section":"s","line":42,"x":"42"}' '{"doc":"d","section":"s","line":"4x","x":"1.0"}' |
	cmp -s - "$tmp/o" && echo "PASS csv_roundtrip: unknown fields stay strings" ||
	{ echo "FAIL csv_roundtrip: unknown fields"; cat "$tmp/o"; }
# an untyped CSV (no schema matches) is all strings
printf 'a,line,sectors\n1,2,x;y\n' | "$bin/ipm-cat" --icsv | grep -qxF '{"a":"1","line":"2","sectors":"x;y"}' &&
	echo "PASS csv_roundtrip: no schema, no types" || echo "FAIL csv_roundtrip: no schema, no types"
exit 0
