#!/bin/sh
# The same conversions through ipm-cat and Miller (mlr -S: every value a
# string, as ipm reads CSV) must agree: --icsv --ojsonl, --itsv --ocsv,
# --ijson --ocsv, --icsv --ojson, --icsv --otsv. JSON is compared after
# `jq -c .` (Miller pretty-prints); CSV and TSV byte for byte.
# ipm's conventions that Miller lacks are normalised away: an unquoted empty
# CSV cell is null in ipm ("" in Miller), and an empty string is written ""
# to CSV (an empty cell in Miller), so that it reads back as a string.
# Known differences, passed with a note: Miller drops the CR of a CRLF inside
# a quoted field (ipm keeps it, as csv-spectrum's expected JSON does).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
command -v mlr >/dev/null 2>&1 || { echo "SKIP miller_io: mlr not installed"; exit 0; }
command -v jq >/dev/null 2>&1 || { echo "SKIP miller_io: jq not installed"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

spectrum=$top/../shared/thirdparty/csv-spectrum/csvs
files="$top/testdata/agg/09_csv.in $top/testdata/tag/csv.in"
[ -d "$spectrum" ] && files="$files $(ls "$spectrum"/*.csv)"
# a CSV that is neither quoted nor multi-line: also a TSV (its header matches
# no ipm schema, so ipm reads strings as mlr -S does)
printf 'id,province,n,note\nd1,北京,3,a b\nd2,,4,"x;y"\n' > "$tmp/plain.csv"
files="$files $tmp/plain.csv"
# spaces around and inside unquoted cells are data (RFC 4180; libcsv would trim them)
printf 'id,name,note\n d1 , 北京 , a\nd2,x y ,  \n' > "$tmp/spaces.csv"
files="$files $tmp/spaces.csv"

known() { # name of a file whose difference is Miller's, not ipm's
	case $(basename "$1") in newlines_crlf.csv) return 0 ;; esac
	return 1
}

# compare NAME FILE NORM IPM_ARGS MLR_ARGS; NORM: jq (JSON), csv or cat
compare() {
	c_name=$1 c_f=$2 c_norm=$3 c_iargs=$4 c_margs=$5
	"$bin/ipm-cat" $c_iargs "$c_f" > "$tmp/i.raw" 2> "$tmp/i.err"; c_irc=$?
	mlr $c_margs cat "$c_f" > "$tmp/m.raw" 2> "$tmp/m.err"; c_mrc=$?
	c_label="miller_io $c_name $(basename "$c_f")"
	if [ $c_irc -ne 0 ] && [ $c_mrc -ne 0 ]; then
		echo "PASS $c_label: both refuse the input"
		return
	fi
	case $c_norm in
	jq)	jq -c 'walk(if . == null then "" else . end)' < "$tmp/i.raw" > "$tmp/i" 2>/dev/null || cp "$tmp/i.raw" "$tmp/i"
		jq -c . < "$tmp/m.raw" > "$tmp/m" 2>/dev/null || cp "$tmp/m.raw" "$tmp/m" ;;
	csv)	sed -E 's/(^|[,\t])""([,\t]|$)/\1\2/g; s/(^|[,\t])""([,\t]|$)/\1\2/g' "$tmp/i.raw" > "$tmp/i"
		cp "$tmp/m.raw" "$tmp/m" ;;
	*)	cp "$tmp/i.raw" "$tmp/i"
		cp "$tmp/m.raw" "$tmp/m" ;;
	esac
	if [ $c_irc -eq $c_mrc ] && cmp -s "$tmp/i" "$tmp/m"; then
		echo "PASS $c_label"
	elif known "$c_f"; then
		echo "PASS $c_label: known difference (Miller drops a CR inside quotes)"
	else
		echo "FAIL $c_label: ipm exit $c_irc, mlr exit $c_mrc"
		diff "$tmp/m" "$tmp/i" | head -6
	fi
}

for f in $files; do
	compare "--icsv --ojsonl" "$f" jq "--icsv --ojsonl" "-S --icsv --ojsonl"
	compare "--icsv --ojson" "$f" jq "--icsv --ojson" "-S --icsv --ojson"
	compare "--c2j" "$f" jq "--c2j" "-S --c2j"
	# JSON array in (Miller's own --ojson output), CSV out
	if mlr -S --icsv --ojson cat "$f" > "$tmp/in.json" 2>/dev/null; then
		compare "--ijson --ocsv" "$tmp/in.json" csv "--ijson --ocsv" "--ijson --ocsv"
		cp "$tmp/in.json" "$tmp/$(basename "$f").json"
	fi
done

# TSV: Miller's TSV escapes tabs and newlines inside fields; ipm's TSV is CSV
# with a tab, so only plain files are compared
for f in "$tmp/plain.csv" "$top/testdata/agg/09_csv.in"; do
	mlr -S --icsv --otsv cat "$f" > "$tmp/in.tsv"
	compare "--itsv --ocsv" "$tmp/in.tsv" cat "--itsv --ocsv" "-S --itsv --ocsv"
	compare "--icsv --otsv" "$f" csv "--icsv --otsv" "-S --icsv --otsv"
	compare "--tsv" "$tmp/in.tsv" csv "--tsv" "-S --tsv"
	compare "--t2j" "$tmp/in.tsv" jq "--t2j" "-S --t2j"
	compare "--ifs tab --ocsv" "$tmp/in.tsv" cat "--icsv --ifs tab --ocsv" "-S --icsv --ifs tab --ocsv"
done

# separators by name, and -d as --fs for both sides
printf 'a;b\n1;2\n' > "$tmp/semi.csv"
compare "--fs semicolon" "$tmp/semi.csv" cat "--csv --fs semicolon" "--csv --fs semicolon"
compare "--ifs ; --ofs pipe" "$tmp/semi.csv" cat "--csv --ifs ; --ofs pipe" "--csv --ifs ; --ofs pipe"
[ "$("$bin/ipm-cat" --csv -d semicolon "$tmp/semi.csv")" = "$(cat "$tmp/semi.csv")" ] &&
	echo "PASS miller_io -d is --fs" || echo "FAIL miller_io -d is --fs"

# the fields change: Miller's CSV writer starts a new block (blank line, header)
printf '{"a":1}\n{"b":2}\n{"b":3}\n{"a":1,"b":2}\n{"b":2,"a":1}\n' > "$tmp/het.jsonl"
compare "--ijsonl --ocsv (header blocks)" "$tmp/het.jsonl" cat "--ijsonl --ocsv" "--ijsonl --ocsv"
compare "--ijsonl --ojson" "$tmp/het.jsonl" jq "--ijsonl --ojson" "--ijsonl --ojson"
# and ipm reads those blocks back (as Miller's csvlite reader does)
"$bin/ipm-cat" --ocsv "$tmp/het.jsonl" | "$bin/ipm-cat" --icsv --ojsonl > "$tmp/back"
"$bin/ipm-cat" --ocsv "$tmp/het.jsonl" | mlr -S --icsvlite --ojsonl cat 2>/dev/null | jq -c . > "$tmp/mback"
jq -c . < "$tmp/back" | cmp -s - "$tmp/mback" &&
	echo "PASS miller_io header blocks read back as mlr --icsvlite reads them" ||
	echo "FAIL miller_io header blocks read back: diff $tmp/back $tmp/mback"

# header blocks in a file read by threads: serial (a part cannot know its header)
awk 'BEGIN { print "province,x"; for (i = 1; i <= 3000; i++) print "P" i % 3 ",a"; print "";
	print "x,province"; for (i = 1; i <= 3000; i++) print "b,Q" i % 2 }' > "$tmp/blocks.csv"
"$bin/ipm-agg" --icsv -j 1 -g province count "$tmp/blocks.csv" > "$tmp/b1" 2>&1
"$bin/ipm-agg" --icsv -j 4 -g province count "$tmp/blocks.csv" > "$tmp/b4" 2>&1
cmp -s "$tmp/b1" "$tmp/b4" && grep -q '"Q1","count":1500' "$tmp/b1" && ! grep -q null "$tmp/b1" &&
	echo "PASS miller_io header blocks through ipm-agg -j 1 and -j 4" ||
	{ echo "FAIL miller_io header blocks through ipm-agg -j"; cat "$tmp/b1" "$tmp/b4"; }

# the pipeline in JSON arrays: ipm-extract --ojson | ipm-rows == JSON Lines
"$bin/ipm-extract" "$top/testdata/corpus/2019-06.md" 2>/dev/null | "$bin/ipm-rows" > "$tmp/rl" 2>/dev/null
"$bin/ipm-extract" --ojson "$top/testdata/corpus/2019-06.md" 2>/dev/null | "$bin/ipm-rows" 2>/dev/null |
	"$bin/ipm-tag" --ijson --ojson 2>/dev/null | "$bin/ipm-cat" --ijson > "$tmp/ra"
"$bin/ipm-tag" < "$tmp/rl" 2>/dev/null | cmp -s - "$tmp/ra" && [ -s "$tmp/ra" ] &&
	echo "PASS miller_io ipm-extract --ojson | ipm-rows | ipm-tag --ijson --ojson == JSON Lines" ||
	echo "FAIL miller_io JSON arrays through the pipeline"

# empty input: an empty JSON array, as Miller writes it
: > "$tmp/empty.csv"
[ "$("$bin/ipm-cat" --icsv --ojson "$tmp/empty.csv" | jq -c .)" = "[]" ] &&
	echo "PASS miller_io --ojson of nothing is []" || echo "FAIL miller_io --ojson of nothing"
exit 0
