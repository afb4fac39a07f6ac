#!/bin/sh
# The whole pipeline over a generated corpus (scripts/gen_corpus.py, seed 1):
# documents/s of the sharded run (pipelines/shard local: one process per stage
# and shard, then dedup, --collapse, agg, report) with 1 and 2 shard jobs,
# against the floor: every document piped through the per-document stages as
# ONE stream (ipm-norm ALL | ipm-extract | ipm-rows | ipm-tag: no per-document
# work at all, and wrong doc ids) plus what make does next (ipm-dedup,
# --collapse, ipm-agg x3 over the events, ipm-report) on the same
# records. Target: the sharded run within 1.5x the floor's time. The last two
# rows compare the per-document stages alone (no merge) with the one stream.
# BENCH_DOCS [10000] documents of BENCH_RECORDS [100] records (1 million), SHARD_DOCS [500]
# a shard; `BENCH_DOCS=2000 sh scripts/bench/pipeline.sh` for a quicker run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
[ -x "$bin/ipm-tag" ] || { echo "bench pipeline: no $bin/ipm-tag" >&2; exit 1; }
docs=${BENCH_DOCS:-10000} recs=${BENCH_RECORDS:-100} per=${SHARD_DOCS:-500}
w=$top/build/bench/pipeline
in=$w/gen-$docs-$recs
export LC_ALL=C IPM_DATA="$top/lib/data" SOURCE_DATE_EPOCH=1700000000
if [ ! -s "$in.manifest" ]; then
	rm -rf "$in" && mkdir -p "$w"
	python3 "$top/scripts/gen_corpus.py" --docs "$docs" --records "$recs" --seed 1 "$in" 2> /dev/null &&
		mv "$in/MANIFEST.tsv" "$in.manifest" || { echo "bench pipeline: gen_corpus.py failed" >&2; exit 1; }
fi
n=$(awk -F'\t' 'NR > 1 {s += $5} END {print s}' "$in.manifest")
mb=$(du -sb "$in" | awk '{printf "%.1f", $1 / 1e6}')
label="$docs generated documents ($n records, $mb MB)"
# timed CMD...: sets SECS and KB (peak RSS of the largest process)
timed() {
	tf=$(mktemp)
	/usr/bin/time -o "$tf" -f '%e %M' "$@" > /dev/null 2>&1
	t=$(tail -1 "$tf"); rm -f "$tf"
	SECS=${t% *} KB=${t#* }
}
row() {   # stage command secs kb note
	awk -v st="$1" -v l="$label" -v c="$2" -v s="$3" -v k="$4" -v n="$n" -v d="$docs" -v m="$mb" -v note="$5" \
		'BEGIN { if (s < 0.005) s = 0.005
		         printf "| %s | %s | `%s` | %.1f | %.0f | %.1f | %.0f docs/s%s |\n", st, l, c, m / s, n / s, k / 1024, d / s, note }'
}
cd "$top" || exit 1
# the floor: one stream through the per-document stages, then what follows in
# make pipeline (ipm-dedup, --collapse, ipm-agg x3 over the events, ipm-report),
# timed on the sharded run's records (the one stream mixes documents up)
timed sh -c "'$bin/ipm-norm' '$in'/* | '$bin/ipm-extract' | '$bin/ipm-rows' | '$bin/ipm-tag' > '$w/floor.jsonl'"
stream=$SECS stream_kb=$KB
BIN=$bin pipelines/shard local "$in" "$w/out" "$per" 1 > /dev/null 2>&1 ||
	{ echo "bench pipeline: pipelines/shard failed" >&2; exit 1; }
cat "$w"/out/shards/*/tagged.jsonl > "$w/all.jsonl"
rm -rf "$w/rep" && mkdir -p "$w/rep"
timed sh -c "cd '$w' && '$bin/ipm-dedup' all.jsonl > ev.jsonl && '$bin/ipm-dedup' --collapse ev.jsonl > col.jsonl &&
	'$bin/ipm-agg' -g doc,section count ev.jsonl > a1.csv && '$bin/ipm-agg' -g province,sectors count ev.jsonl > a2.csv &&
	'$bin/ipm-agg' --by-month -g section count ev.jsonl > a3.csv && '$bin/ipm-report' -o rep col.jsonl"
down=$SECS down_kb=$KB
floor=$(awk -v a="$stream" -v b="$down" 'BEGIN { printf "%.2f", a + b }')
fkb=$(( stream_kb > down_kb ? stream_kb : down_kb ))
row "pipeline (floor)" "ipm-norm ALL | ipm-extract | ipm-rows | ipm-tag; ipm-dedup; --collapse; ipm-agg x3; ipm-report" "$floor" "$fkb" \
	" (stream ${stream} s + dedup, agg, report ${down} s)"
for j in 1 2; do
	timed env BIN="$bin" pipelines/shard local "$in" "$w/out" "$per" "$j"
	ratio=$(awk -v a="$SECS" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
	row pipeline "pipelines/shard local IN OUT $per $j" "$SECS" "$KB" "; ${ratio}x the floor's time (-j $j, $(pipelines/shard count "$w/out") shards)"
done
# the per-document stages alone (plan + every shard's run, no merge) against the one stream
ns=$(pipelines/shard count "$w/out")
for j in 1 2; do
	timed sh -c "BIN='$bin' pipelines/shard plan '$in' '$w/out' $per 2>/dev/null && seq 0 $((ns - 1)) | xargs -P $j -I{} env BIN='$bin' pipelines/shard run '$w/out' {}"
	ratio=$(awk -v a="$SECS" -v b="$stream" 'BEGIN { printf "%.2f", a / b }')
	row "per-document stages" "pipelines/shard plan + run of every shard, $j at a time" "$SECS" "$KB" \
		"; ${ratio}x the one stream's ${stream} s (ipm-norm ALL | ipm-extract | ipm-rows | ipm-tag)"
done
