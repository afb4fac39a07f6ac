#!/bin/sh
# PDF-text layout (lib/extract/pdftext) through ipm-extract and ipm-extract | ipm-rows
# on a corpus of PDF-text reports: the committed pdftotext renderings
# (-raw, -layout, flowed) and seed 000 when ../shared is there, repeated to
# about 20 MB. Targets (issue 3): >= 50 MB/s, peak RSS <= 32 MB at any size.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/bench"
c=$top/build/bench/pdftext.txt
if [ ! -s "$c" ]; then
	one=$top/build/bench/pdftext.one
	cat "$top"/testdata/extract/pdf_raw.in "$top"/testdata/extract/pdf_layout.in \
		"$top"/testdata/extract/pdf_flowed.in > "$one"
	seed=$(ls "$top"/../shared/seeds/000_*.txt 2>/dev/null | head -1)
	[ -n "$seed" ] && cat "$seed" >> "$one"
	n=$((20000000 / $(stat -c %s "$one") + 1))
	i=0
	while [ $i -lt $n ]; do cat "$one"; i=$((i + 1)); done > "$c"
	rm -f "$one"
fi
recs=$("$IPM_BIN/ipm-extract" < "$c" 2>/dev/null | "$IPM_BIN/ipm-rows" 2>/dev/null | wc -l)
measure cat "PDF-text reports" "$c" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure extract "PDF-text reports" "$c" 0 "$IPM_BIN/ipm-extract"
measure extract+rows "PDF-text reports" "$c" "$recs" sh -c "'$IPM_BIN/ipm-extract' 2>/dev/null | '$IPM_BIN/ipm-rows' 2>/dev/null"
