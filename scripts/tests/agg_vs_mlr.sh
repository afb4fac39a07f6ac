#!/bin/sh
# ipm-agg counts equal `mlr count -g` and `datamash -s -g ... count` on the
# same CSV (a generated 2 MB sample of tagged records, with empty groups).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$top/scripts/bench/agg_gen.sh" 2 "$tmp/in.csv"
"$bin/ipm-agg" --csv -g province,section count < "$tmp/in.csv" | tail -n +2 | LC_ALL=C sort > "$tmp/ipm" ||
	echo "FAIL agg_vs_mlr: ipm-agg failed"
# the same with the header and the empty group check
[ "$(head -1 "$tmp/in.csv" | cut -c1-3)" = doc ] && grep -q '^,' "$tmp/ipm" &&
	echo "PASS agg_vs_mlr: sample has an empty group" || echo "FAIL agg_vs_mlr: no empty group in the sample"
if command -v mlr >/dev/null 2>&1; then
	mlr --icsv --ocsv count -g province,section < "$tmp/in.csv" | tail -n +2 | LC_ALL=C sort > "$tmp/mlr"
	if [ -s "$tmp/mlr" ] && cmp -s "$tmp/ipm" "$tmp/mlr"; then
		echo "PASS agg_vs_mlr: counts equal mlr count -g ($(wc -l < "$tmp/ipm") groups)"
	else
		echo "FAIL agg_vs_mlr: counts differ from mlr: diff $tmp/ipm $tmp/mlr"
		diff "$tmp/ipm" "$tmp/mlr" | head -5
	fi
else
	echo "SKIP agg_vs_mlr: mlr not installed (apt-get install miller)"
fi
if command -v datamash >/dev/null 2>&1; then
	datamash -s -t, --header-in -g 3,2 count 3 < "$tmp/in.csv" | LC_ALL=C sort > "$tmp/dm"
	if [ -s "$tmp/dm" ] && cmp -s "$tmp/ipm" "$tmp/dm"; then
		echo "PASS agg_vs_datamash: counts equal datamash -s -g count"
	else
		echo "FAIL agg_vs_datamash: counts differ from datamash"
		diff "$tmp/ipm" "$tmp/dm" | head -5
	fi
else
	echo "SKIP agg_vs_datamash: datamash not installed (apt-get install datamash)"
fi
