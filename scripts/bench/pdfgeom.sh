#!/bin/sh
# PDF geometry reader (lib/extract/pdfgeom*): a 30-page report PDF of our
# own sample (scripts/pdfgeom_sample.py --scale 20, printed by chromium, or
# wkhtmltopdf), to blocks and to records. ipm-extract runs `mutool trace`
# as a child: the time is both; peak RSS is the larger process. Target
# (issue 12): under a second for the 30 pages. Skipped without mutool or a
# printing engine.
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/bench"
pdf=$top/build/bench/pdfgeom30.pdf
if ! command -v mutool > /dev/null; then
	echo "| extract | 30-page PDF | skipped: no mutool | - | - | - | - |"
	exit 0
fi
if [ ! -s "$pdf" ]; then
	html=$top/build/bench/pdfgeom30.html
	python3 "$top/scripts/pdfgeom_sample.py" --scale 20 --font 9 --html "$html"
	if command -v chromium > /dev/null; then
		timeout 300 chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$pdf" "$html" > /dev/null 2>&1
	else
		timeout 300 wkhtmltopdf -q "$html" "$pdf" > /dev/null 2>&1
	fi
fi
if [ ! -s "$pdf" ]; then
	echo "| extract | 30-page PDF | skipped: could not print the sample | - | - | - | - |"
	exit 0
fi
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
trace=$top/build/bench/pdfgeom30.trace
mutool trace "$pdf" > "$trace" 2>/dev/null
nrec=$("$IPM_BIN/ipm-extract" "$pdf" 2>/dev/null | "$IPM_BIN/ipm-rows" 2>/dev/null | wc -l)
measure "mutool trace" "${pages}-page PDF" "$pdf" 0 mutool trace "$pdf"
measure extract "mutool trace XML of it" "$trace" 0 "$IPM_BIN/ipm-extract"
measure extract "${pages}-page PDF" "$pdf" 0 "$IPM_BIN/ipm-extract" "$pdf"
measure extract+rows "${pages}-page PDF" "$pdf" "$nrec" sh -c "'$IPM_BIN/ipm-extract' '$pdf' 2>/dev/null | '$IPM_BIN/ipm-rows' 2>/dev/null"
secs=$(awk -v b="$(stat -c %s "$pdf")" -v m="$LAST_MBS" 'BEGIN{ printf "%.2f", b / 1e6 / m }')
echo "| extract+rows | ${pages}-page PDF, $nrec records | (the row above) | ${secs} s | - | - | - |"
