#!/bin/sh
# Mergeable partials: for every op, splitting the input into pieces, running
# --partial on each and --merge on the result (directly, and through a second
# level of --merge --partial) is byte-identical to one run over all input.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$top/scripts/bench/agg_gen.sh" 1 "$tmp/in.csv"
head -1 "$tmp/in.csv" > "$tmp/hdr"
tail -n +2 "$tmp/in.csv" > "$tmp/body"
split -n l/4 "$tmp/body" "$tmp/piece."
for p in "$tmp"/piece.*; do cat "$tmp/hdr" "$p" > "$p.csv"; rm "$p"; done
check() { # name, then the ipm-agg arguments
	name=$1
	shift
	"$bin/ipm-agg" --icsv "$@" "$tmp/in.csv" > "$tmp/one" || { echo "FAIL agg_merge $name: one run failed"; return; }
	for p in "$tmp"/piece.*.csv; do
		"$bin/ipm-agg" --icsv --partial "$@" "$p" || echo "FAIL agg_merge $name: partial failed"
	done > "$tmp/parts"
	"$bin/ipm-agg" --merge "$@" "$tmp/parts" > "$tmp/merged"
	# two levels: pieces 1-2 and 3-4 merged into partials, then merged
	{
		for p in "$tmp"/piece.a[ab].csv; do "$bin/ipm-agg" --icsv --partial "$@" "$p"; done |
			"$bin/ipm-agg" --merge --partial "$@"
		for p in "$tmp"/piece.a[cd].csv; do "$bin/ipm-agg" --icsv --partial "$@" "$p"; done |
			"$bin/ipm-agg" --merge --partial "$@"
	} | "$bin/ipm-agg" --merge "$@" > "$tmp/tree"
	if [ -s "$tmp/one" ] && [ "$(wc -l < "$tmp/one")" -gt 2 ] && cmp -s "$tmp/one" "$tmp/merged" && cmp -s "$tmp/one" "$tmp/tree"; then
		echo "PASS agg_merge $name: split+partial+merge == one run ($(wc -l < "$tmp/one") rows)"
	else
		echo "FAIL agg_merge $name: merged output differs"
		diff "$tmp/one" "$tmp/merged" | head -4
	fi
}
check count -g province,section count
check exploded -g province,sectors count
check distinct -g province distinct companies distinct sectors
check first_last -g section first last
check top -g province top 3 companies top 2 sectors
check all_ops --by-quarter -g province count distinct companies top 2 companies first last
check by_month --by-month -g section count
check pivot -g province --pivot sectors
check ojson --ojsonl -g event_type count distinct doc
