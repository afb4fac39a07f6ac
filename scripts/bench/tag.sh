#!/bin/sh
# ipm-tag speed: MB/s of JSON Lines records, peak RSS with every dictionary
# loaded, against ipm-cat (same record I/O, no tagging) on the same input; and
# the start-up time on empty input (mean of 20 runs; target < 20 ms).
# Inputs, each repeated to ~100 MB: the real ipm-rows records of the seeds
# 000-004 (texts of 100-400 CJK characters, ~700 bytes a record; skipped when
# ../shared/seeds is absent), and the short golden inputs of testdata/tag.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/bench/lib.sh"
bin=${IPM_BIN:-$top/bin}
[ -x "$bin/ipm-tag" ] || { echo "bench tag: no $bin/ipm-tag" >&2; exit 1; }
mkdir -p "$top/build/bench"
# repeat file $1 into $2 until it holds 100 MB
fill() {
	: > "$2"
	while [ "$(stat -c %s "$2")" -lt 100000000 ]; do
		cat "$1" "$1" "$1" "$1" "$1" "$1" "$1" "$1" >> "$2"
	done
	rm -f "$1"
}
real=$top/build/bench/tag-seeds.jsonl
if [ ! -s "$real" ] && ls "$top"/../shared/seeds/00[0-4]_*.txt > /dev/null 2>&1; then
	for f in "$top"/../shared/seeds/00[0-4]_*.txt; do
		d=$(basename "$f" | cut -c1-3)
		"$bin/ipm-extract" < "$f" 2>/dev/null | "$bin/ipm-rows" --doc "$d" 2>/dev/null
	done > "$real.one"
	fill "$real.one" "$real"
fi
in=$top/build/bench/tag.jsonl
if [ ! -s "$in" ]; then
	cat "$top"/testdata/tag/*.in | grep '^{' | grep -v broken > "$in.one"
	fill "$in.one" "$in"
fi
for f in "$real" "$in"; do
	[ -s "$f" ] || continue
	recs=$(wc -l < "$f")
	name=$(basename "$f")
	REF_MBS= REF_NAME=
	measure ipm-cat "$name ($recs records)" "$f" "$recs" "$bin/ipm-cat"
	REF_MBS=$LAST_MBS REF_NAME=ipm-cat
	measure ipm-tag "$name ($recs records)" "$f" "$recs" "$bin/ipm-tag"
	# one thread, for comparison (the default is one per CPU)
	measure ipm-tag "$name ($recs records)" "$f" "$recs" "$bin/ipm-tag" -j 1
done
t0=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	"$bin/ipm-tag" < /dev/null > /dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN{ printf "%.1f", (b - a) / 20 / 1e6 }')
echo "| ipm-tag | empty input (start-up, mean of 20) | \`ipm-tag < /dev/null\` | - | - | - | $ms ms |"
