#!/bin/sh
# The report an analyst sends, page by page (ipm-report -o):
# - on the seeds (../shared/seeds through the pipeline; SKIP without them):
#   the index lists 2018-03, 2018-05, 2019-03 as monitoring periods and no
#   other, 2019-03 says 2019-02 is missing, the yearbook/book pages exist and
#   are linked; no sentence with "0条" or an empty range; no bare 《意见》;
# - every item with a URL appears as a link on its month's page (counted);
# - the filter script's hash is the one the CSP allows;
# - headless Chromium loads every page with no console error, the filter
#   script runs, and screenshots of the index and one month at 1280 px wide
#   go to build/report-index.png and build/report-month.png;
# - ipm-report -f pdf gives an A4 PDF with its fonts embedded (pdfinfo,
#   pdffonts).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
name=report_pages
w=$top/build/tests/report_pages.${IPM_VARIANT:-rel}
rm -rf "$w"
mkdir -p "$w"
export SOURCE_DATE_EPOCH=1525132800
ok() { echo "PASS $name: $*"; }
no() { echo "FAIL $name: $*"; }

# --- the pages of testdata/report: two months and three policy pages ---
(cd "$top/testdata/report" && "$bin/ipm-report" -o "$w/td" apr.in may.in policy.in) ||
	no "ipm-report -o on testdata/report exited $?"
pages="$w/td/index.html $w/td/2018-04.html $w/td/2018-05.html $w/td/policies.html"

# --- the seeds through the pipeline ---
seeds=$top/../shared/seeds
if [ -d "$seeds" ] && command -v pdftotext > /dev/null; then
	if MAKEFLAGS= MFLAGS= make -C "$top" --no-print-directory BIN="$bin" IN="$seeds" \
		PIPE="$w/seeds" pipeline-run > "$w/seeds.log" 2>&1; then
		r=$w/seeds/report
		got=$(sed -n 's/^| \[\([^]]*\)\](\1\.md) | .*/\1/p' "$r/index.md" | tr '\n' ' ')
		[ "$got" = "2018-03 2018-05 2019-03 " ] && ok "seeds: periods $got" ||
			no "seeds: periods '$got', want 2018-03 2018-05 2019-03"
		grep -q '上期（2019-02）缺失' "$r/2019-03.md" && ok "seeds: 2019-03 says 2019-02 is missing" ||
			no "seeds: 2019-03 does not say 2019-02 is missing"
		n=0
		for b in "$r"/book-*.html; do
			[ -f "$b" ] || continue
			grep -q "href=\"$(basename "$b")\"" "$r/index.html" && n=$((n + 1))
		done
		[ "$n" -ge 2 ] && ok "seeds: $n yearbook/book pages, linked from the index" ||
			no "seeds: $n yearbook/book pages linked from the index, want 2"
		if grep -lE '[^0-9]0条|（至）|监测期： –|：\s*–\s*·' "$r"/*.md > "$w/empty.txt"; then
			no "seeds: a sentence with 0条 or an empty range in $(cat "$w/empty.txt" | tr '\n' ' ')"
		else
			ok "seeds: no 0条, no empty ranges"
		fi
		if grep -hE '^\| 《(意见|行动计划|通知|方案|实施意见|办法|规定)》 \|' "$r"/*.md > "$w/abbr.txt"; then
			no "seeds: bare policy titles: $(head -1 "$w/abbr.txt")"
		else
			ok "seeds: policy tables hold full titles only"
		fi
		pages="$pages $(ls "$r"/*.html | tr '\n' ' ')"
		month=$r/2018-05.html
		index=$r/index.html
		events=$w/seeds/collapsed.jsonl
	else
		no "pipeline on the seeds failed: $(tail -2 "$w/seeds.log")"
	fi
else
	echo "SKIP $name: seeds: $seeds or pdftotext missing"
fi
month=${month:-$w/td/2018-05.html}
index=${index:-$w/td/index.html}

# --- every item with a URL is a link on its month's page ---
if command -v jq > /dev/null; then
	count_links() { # count_links FILE: item rows whose text is a link
		grep -c '^<tr><td>[^<]*</td><td><a href="' "$1"
	}
	want_links() { # want_links RECORDS MONTH: distinct records with a URL in MONTH
		jq -r --arg m "$2" 'select(.section as $s | ["ministry","province","enterprise","summit","special"] | index($s))
			| select(((.period_end // .date // "")[0:7]) == $m) | select((.url // "") != "" and (.text // "") != "")
			| [.doc, (.line|tostring), .text] | @tsv' "$1" | sort -u | wc -l
	}
	for m in 2018-04 2018-05; do
		cat "$top/testdata/report/apr.in" "$top/testdata/report/may.in" > "$w/td.jsonl"
		# testdata states no period: the month is the one of the window guessed from the dates
		want=$(jq -r 'select((.url // "") != "") | .doc' "$top/testdata/report/$([ $m = 2018-04 ] && echo apr || echo may).in" | wc -l)
		got=$(count_links "$w/td/$m.html")
		[ "$got" -eq "$want" ] && ok "testdata $m: $got of $want items with a URL are links" ||
			no "testdata $m: $got items are links, want $want"
	done
	if [ -n "${events:-}" ]; then
		for m in 2018-03 2018-05 2019-03; do
			want=$(want_links "$events" $m)
			got=$(count_links "$w/seeds/report/$m.html")
			[ "$got" -eq "$want" ] && [ "$want" -gt 0 ] && ok "seeds $m: $got of $want items with a URL are links" ||
				no "seeds $m: $got items are links, want $want"
		done
	fi
else
	echo "SKIP $name: link count needs jq"
fi

# --- the inline script is the one the CSP allows ---
if command -v openssl > /dev/null; then
	js=$(sed -n 's/^<script>\(.*\)<\/script>$/\1/p' "$month")
	h=$(printf %s "$js" | openssl dgst -sha256 -binary | base64)
	grep -q "script-src 'sha256-$h'" "$month" && ok "CSP allows the filter script by its hash" ||
		no "the filter script's hash sha256-$h is not in the CSP"
fi

# --- chromium: every page, no console errors; screenshots ---
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "SKIP $name: chromium not installed"
else
	run() { # run PAGE ARGS...
		p=$1
		shift
		timeout 60 "$browser" --headless --no-sandbox --disable-gpu \
			--disable-background-networking --disable-component-update --disable-sync \
			--no-first-run --user-data-dir="$w/profile" --enable-logging=stderr --v=0 \
			"$@" "file://$p"
	}
	bad=0
	n=0
	for p in $pages; do
		n=$((n + 1))
		run "$p" --dump-dom > "$w/dom.$n.html" 2> "$w/dom.$n.log" || bad=$((bad + 1))
		if grep -E 'CONSOLE|Refused to|Uncaught' "$w/dom.$n.log" > "$w/err.$n.log"; then
			no "console error on $(basename "$p"): $(head -1 "$w/err.$n.log")"
			bad=$((bad + 1))
		fi
		if grep -q 'id="q"' "$p" && ! grep -q 'data-filter="on"' "$w/dom.$n.html"; then
			no "the filter script did not run on $(basename "$p")"
			bad=$((bad + 1))
		fi
	done
	[ "$bad" -eq 0 ] && ok "chromium: $n pages, no console errors, the filter runs"
	run "$index" --window-size=1280,1400 --screenshot="$top/build/report-index.png" > /dev/null 2>&1
	run "$month" --window-size=1280,2400 --screenshot="$top/build/report-month.png" > /dev/null 2>&1
	for s in index month; do
		size=$(wc -c < "$top/build/report-$s.png" 2>/dev/null || echo 0)
		[ "$size" -gt 20000 ] && ok "screenshot build/report-$s.png ($size bytes)" ||
			no "screenshot build/report-$s.png missing or blank ($size bytes)"
	done
fi

# --- PDF: A4, pages, fonts embedded ---
if [ -n "$browser" ] || command -v wkhtmltopdf > /dev/null; then
	if command -v pdfinfo > /dev/null && command -v pdffonts > /dev/null; then
		(cd "$top/testdata/report" && "$bin/ipm-report" -f pdf -p 2018-05 --prev apr.in apr.in may.in) > "$w/may.pdf" 2> "$w/pdf.err" ||
			no "ipm-report -f pdf exited $?: $(head -1 "$w/pdf.err")"
		cp "$w/may.pdf" "$top/build/report-month.pdf" 2>/dev/null
		pdfinfo "$w/may.pdf" > "$w/pdfinfo.txt" 2>&1
		pg=$(sed -n 's/^Pages: *//p' "$w/pdfinfo.txt")
		grep -q '^Page size:.*(A4)' "$w/pdfinfo.txt" && ok "PDF page size A4" || no "PDF is not A4: $(grep 'Page size' "$w/pdfinfo.txt")"
		[ "${pg:-0}" -ge 2 ] && [ "${pg:-0}" -le 6 ] && ok "PDF has $pg pages (2..6 for 13 items)" ||
			no "PDF has ${pg:-no} pages, want 2..6"
		pdffonts "$w/may.pdf" > "$w/fonts.txt" 2>&1
		if awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit !bad }' "$w/fonts.txt"; then
			no "PDF has a font not embedded: $(cat "$w/fonts.txt")"
		elif grep -qiE 'WenQuanYi|Noto.*CJK|SourceHan|DroidSansFallback|Hei|Song' "$w/fonts.txt"; then
			ok "PDF fonts embedded, with a CJK font ($(grep -oiE '[A-Z]+\+[A-Za-z-]*(WenQuanYi|CJK|Han|Fallback|Hei|Song)[A-Za-z-]*' "$w/fonts.txt" | head -1))"
		else
			no "PDF has no CJK font: $(cat "$w/fonts.txt")"
		fi
	else
		echo "SKIP $name: pdfinfo/pdffonts missing (poppler-utils)"
	fi
fi
