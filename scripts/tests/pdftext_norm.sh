#!/bin/sh
# The README's pipeline for a PDF's text: pdftotext [-layout|-raw] | ipm-norm |
# ipm-extract | ipm-rows. ipm-norm keeps the form feeds (page breaks), so the
# records are the same with and without it, for the committed renderings of
# our sample report (testdata/extract/pdf_*.in) and, when pdftotext is
# installed, for testdata/pdftext-src/sample.pdf read in all three modes
# (22 records: its facts are checked in scripts/tests/pdftext_seeds.sh).
# Without the form feeds -raw and default order gave 2 records.
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

recs() {   # recs FILE NORM: the records of FILE's text, through ipm-norm if NORM=1
	if [ "$2" = 1 ]; then "$bin/ipm-norm" < "$1"; else cat "$1"; fi |
		"$bin/ipm-extract" 2> /dev/null | "$bin/ipm-rows" --doc t 2> /dev/null |
		jq -c 'del(.line)'
}
for r in layout raw default; do
	f=$top/testdata/extract/pdf_$r.in
	recs "$f" 0 > "$tmp/plain"
	recs "$f" 1 > "$tmp/norm"
	n=$(wc -l < "$tmp/plain")
	if [ "$n" -ge 22 ] && cmp -s "$tmp/plain" "$tmp/norm"; then
		echo "PASS pdftext_norm pdf_$r.in: $n records with and without ipm-norm"
	else
		echo "FAIL pdftext_norm pdf_$r.in: $n records without ipm-norm, $(wc -l < "$tmp/norm") with, or they differ"
	fi
done
if ! command -v pdftotext > /dev/null; then
	echo "SKIP pdftext_norm sample.pdf: no pdftotext"
	exit 0
fi
for r in -layout -raw ""; do
	pdftotext $r -enc UTF-8 "$top/testdata/pdftext-src/sample.pdf" - | "$bin/ipm-norm" |
		"$bin/ipm-extract" 2> /dev/null | "$bin/ipm-rows" --doc t 2> /dev/null > "$tmp/out"
	n=$(wc -l < "$tmp/out")
	if [ "$n" -ge 22 ]; then
		echo "PASS pdftext_norm pdftotext ${r:-(default)} | ipm-norm | ipm-extract: $n records"
	else
		echo "FAIL pdftext_norm pdftotext ${r:-(default)} | ipm-norm | ipm-extract: $n records, want >= 22"
	fi
done
