#!/bin/sh
# ipm-dedup on 1 million generated records (scripts/gen_corpus.py, 10,000
# documents, seed 1, through pipelines/shard: cached in build/bench/dedup/)
# against jq -c . on the same file, in the same run; --collapse; and
# linearity (2x the records must take <= 2.2x the time) two ways a corpus
# doubles: twice the sources over the same months (the first half of the
# file: half the documents of every period, so each date holds half the
# records), and twice the months (the records ordered by period, as a
# collection grows month by month: its first half is the first half of the
# periods, each date as full as in the whole). Target: ipm-dedup within 3x
# jq's time (ratio >= 0.33), peak RSS <= 1 GB.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/bench/lib.sh"
bin=${IPM_BIN:-$top/bin}
docs=${BENCH_DEDUP_DOCS:-10000}
w=$top/build/bench/dedup
full=$w/recs-$docs.jsonl
half=$w/recs-$docs-half.jsonl
export LC_ALL=C IPM_DATA="$top/lib/data"
mkdir -p "$w"
if [ ! -s "$full" ]; then
	rm -rf "$w/gen" "$w/out"
	python3 "$top/scripts/gen_corpus.py" --docs "$docs" --records 100 --seed 1 "$w/gen" 2> /dev/null &&
		BIN=$bin "$top/pipelines/shard" local "$w/gen" "$w/out" 500 2 > /dev/null 2>&1 &&
		cat "$w"/out/shards/*/tagged.jsonl > "$full.tmp" && mv "$full.tmp" "$full" ||
		{ echo "bench dedup: generating the records failed" >&2; exit 1; }
	rm -rf "$w/gen" "$w/out"
fi
n=$(wc -l < "$full")
[ -s "$half" ] || head -n $((n / 2)) "$full" > "$half"
h=$(wc -l < "$half")
# by period: gen_corpus.py gives document i the period i mod (docs / 20)
bytime=$w/recs-$docs-bytime.jsonl
tfirst=$w/recs-$docs-bytime-half.jsonl
if [ ! -s "$bytime" ]; then
	awk -v p=$((docs / 20)) -v d="$docs" '{ split($0, a, "\"doc\":\"d"); n = substr(a[2], 1, index(a[2], "\"") - 1) + 0
		printf "%d\t%s\n", (n % p) * d + n, $0 }' "$full" | sort -s -n -k1,1 -S 2G | cut -f2- > "$bytime.tmp" &&
		mv "$bytime.tmp" "$bytime"
	rm -f "$tfirst"
fi
[ -s "$tfirst" ] || head -n $((n / 2)) "$bytime" > "$tfirst"
lf="$n records ($(($(stat -c %s "$full") / 1000000)) MB), best of 3"
lh="$h records, the first half, best of 3"
secs() { awk -v b="$(stat -c %s "$1")" -v m="$2" 'BEGIN { printf "%.2f", b / 1e6 / m }'; }
unset REF_MBS REF_NAME
# every command the best of 3 runs (jq too): the linearity ratios compare two
# runs of a few seconds each, which one neighbour's burst would move
export REPS=3
measure dedup "$lh" "$half" "$h" jq -c .
JQH=$LAST_MBS
REF_MBS=$JQH REF_NAME="jq -c ." measure dedup "$lh" "$half" "$h" "$bin/ipm-dedup"
t_half=$(secs "$half" "$LAST_MBS")
unset REF_MBS REF_NAME
measure dedup "$lf" "$full" "$n" jq -c .
JQ=$LAST_MBS
REF_MBS=$JQ REF_NAME="jq -c ." measure dedup "$lf" "$full" "$n" "$bin/ipm-dedup"
t_full=$(secs "$full" "$LAST_MBS")
REF_MBS=$JQ REF_NAME="jq -c ." measure dedup "$lf" "$full" "$n" "$bin/ipm-dedup" --collapse
REF_MBS=$JQ REF_NAME="jq -c ." measure dedup "$lf" "$full" "$n" "$bin/ipm-dedup" --window 0
unset REF_MBS REF_NAME
measure dedup "$h records, the first half of the periods, best of 3" "$tfirst" "$h" "$bin/ipm-dedup"
t_thalf=$(secs "$tfirst" "$LAST_MBS")
measure dedup "$n records, by period, best of 3" "$bytime" "$n" "$bin/ipm-dedup"
t_tfull=$(secs "$bytime" "$LAST_MBS")
awk -v a="$t_half" -v b="$t_full" -v h="$h" -v n="$n" 'BEGIN {
	printf "| dedup | linearity, 2x the sources (each date twice as full) | `ipm-dedup` on %d then %d records | %.2f s | %.2f s | - | %.2fx the time for %.2fx the records (target <= 2.2x) |\n", h, n, a, b, b / a, n / h }'
awk -v a="$t_thalf" -v b="$t_tfull" -v h="$h" -v n="$n" 'BEGIN {
	printf "| dedup | linearity, 2x the months (the records by period) | `ipm-dedup` on %d then %d records | %.2f s | %.2f s | - | %.2fx the time for %.2fx the records (target <= 2.2x) |\n", h, n, a, b, b / a, n / h }'
