#!/bin/sh
# ipm-tag speed: MB/s of JSON Lines records (built by repeating the golden
# inputs of testdata/tag to ~100 MB), peak RSS with every dictionary loaded,
# against ipm-cat (same record I/O, no tagging) on the same input; and the
# start-up time on empty input (mean of 20 runs; target < 20 ms).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/bench/lib.sh"
bin=${IPM_BIN:-$top/bin}
[ -x "$bin/ipm-tag" ] || { echo "bench tag: no $bin/ipm-tag" >&2; exit 1; }
in=$top/build/bench/tag.jsonl
mkdir -p "$top/build/bench"
if [ ! -s "$in" ]; then
	cat "$top"/testdata/tag/*.in | grep '^{' | grep -v broken > "$in.one"
	: > "$in"
	while [ "$(stat -c %s "$in")" -lt 100000000 ]; do
		cat "$in.one" "$in.one" "$in.one" "$in.one" "$in.one" "$in.one" "$in.one" "$in.one" >> "$in"
	done
	rm -f "$in.one"
fi
recs=$(wc -l < "$in")
measure ipm-cat "tag.jsonl ($recs records)" "$in" "$recs" "$bin/ipm-cat"
REF_MBS=$LAST_MBS REF_NAME=ipm-cat
measure ipm-tag "tag.jsonl ($recs records)" "$in" "$recs" "$bin/ipm-tag"
t0=$(date +%s%N)
i=0
while [ $i -lt 20 ]; do
	"$bin/ipm-tag" < /dev/null > /dev/null
	i=$((i + 1))
done
t1=$(date +%s%N)
ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN{ printf "%.1f", (b - a) / 20 / 1e6 }')
echo "| ipm-tag | empty input (start-up, mean of 20) | \`ipm-tag < /dev/null\` | - | - | - | $ms ms |"
