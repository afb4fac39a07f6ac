#!/bin/sh
# PDF geometry reader (lib/extract/pdfgeom*, `ipm-extract FILE.pdf` running
# `mutool trace`), end to end through ipm-extract | ipm-rows:
#  - bad PDFs (truncated, encrypted, image-only, not a PDF): exit 1, a message
#    naming the file, nothing on stdout;
#  - four of our own sample reports (scripts/pdfgeom_sample.py) printed at run
#    time by wkhtmltopdf and chromium in different styles (narrow/wide first
#    column, 8-13 pt, landscape, header repeated or not, rows split over
#    pages, name cells spanning rows, centred names, no borders): every
#    record (section, actor, date, URL, text) equals the TAB source's, and
#    chromium's running header and footer are rejected as page furniture.
# SKIPs without mutool (mupdf-tools), or without the printing engines.
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v mutool > /dev/null; then
	echo "SKIP pdfgeom: mutool (mupdf-tools) missing"
	exit 0
fi

# bad PDFs, made from the committed sample PDF
src=$top/testdata/pdftext-src/sample.pdf
head -c 20000 "$src" > "$tmp/truncated.pdf"
mutool clean -E aes-256 -U secret -O owner "$src" "$tmp/encrypted.pdf" 2> /dev/null
mutool draw -q -r 40 -o "$tmp/page.png" "$src" 1 2> /dev/null &&
	mutool convert -o "$tmp/image.pdf" "$tmp/page.png" 2> /dev/null
printf 'hello, not a PDF\n' > "$tmp/notpdf.pdf"
for b in truncated encrypted image notpdf; do
	f=$tmp/$b.pdf
	if [ ! -s "$f" ]; then
		echo "SKIP pdfgeom bad PDF $b: could not make it"
		continue
	fi
	"$bin/ipm-extract" "$f" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ $rc = 1 ] && [ ! -s "$tmp/out" ] && grep -q "^ipm-extract: $f: " "$tmp/err"; then
		echo "PASS pdfgeom bad PDF $b: exit 1, $(sed "s|$tmp/||" "$tmp/err" | head -1)"
	else
		echo "FAIL pdfgeom bad PDF $b: exit $rc, $(wc -c < "$tmp/out") bytes out, stderr: $(head -1 "$tmp/err")"
	fi
done
# the pipeline's call (--layout pdfgeom) on a file that is no PDF
"$bin/ipm-extract" --layout pdfgeom "$tmp/page.png" > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc = 1 ] && [ ! -s "$tmp/out" ]; then echo "PASS pdfgeom --layout pdfgeom on a PNG: exit 1"
else echo "FAIL pdfgeom --layout pdfgeom on a PNG: exit $rc"; fi

if ! command -v python3 > /dev/null || ! command -v jq > /dev/null; then
	echo "SKIP pdfgeom renderings: python3 or jq missing"
	exit 0
fi
rec() { jq -r '[.section, .actor // "", .date // "", .url // "", .text] | @tsv'; }
gen=$top/scripts/pdfgeom_sample.py
# render NAME ENGINE SAMPLE-OPTIONS...
render() {
	n=$1 e=$2
	shift 2
	python3 "$gen" --html "$tmp/$n.html" --tsv "$tmp/$n.tsv" "$@" || return 1
	case $e in
	wk)
		command -v wkhtmltopdf > /dev/null || return 2
		o=
		case " $* " in *" --landscape "*) o="-O Landscape" ;; esac
		timeout 120 wkhtmltopdf -q $o "$tmp/$n.html" "$tmp/$n.pdf" > /dev/null 2>&1 ;;
	ch)
		command -v chromium > /dev/null || return 2
		timeout 120 chromium --headless --no-sandbox --disable-gpu \
			--print-to-pdf="$tmp/$n.pdf" "$tmp/$n.html" > /dev/null 2>&1 ;;
	esac
	[ -s "$tmp/$n.pdf" ] || return 2
}
check() {   # check NAME ENGINE OPTIONS...: records equal the source's
	n=$1 e=$2
	if ! render "$@"; then
		echo "SKIP pdfgeom $n ($e): cannot print to PDF here"
		return
	fi
	"$bin/ipm-extract" "$tmp/$n.tsv" 2> /dev/null | "$bin/ipm-rows" --doc s 2> /dev/null | rec > "$tmp/$n.want"
	"$bin/ipm-extract" --rejects "$tmp/$n.rej" "$tmp/$n.pdf" 2> "$tmp/$n.err" |
		"$bin/ipm-rows" --doc s 2> /dev/null | rec > "$tmp/$n.got"
	want=$(wc -l < "$tmp/$n.want")
	same=$(( want - $(diff "$tmp/$n.want" "$tmp/$n.got" | grep -c '^<') ))
	if cmp -s "$tmp/$n.want" "$tmp/$n.got" && [ "$want" -gt 20 ]; then
		echo "PASS pdfgeom $n ($e $(echo "$*" | cut -d' ' -f3-)): $same/$want records equal the source's"
	else
		echo "FAIL pdfgeom $n ($e): $same/$want records equal the source's: $(diff "$tmp/$n.want" "$tmp/$n.got" | head -3 | cut -c1-160 | tr '\n' ' ')"
	fi
}
check wide wk --font 10.5
check rowspan ch --rowspan --valign middle --name narrow --font 8 --landscape
check unruled wk --noborder --valign middle --font 9
check long ch --scale 2 --no-thead --name narrow --font 13
# chromium prints a date and title above each page and the file and "N/M"
# below: furniture, rejected with its text, never in a record
if [ -s "$tmp/long.rej" ]; then
	pages=$(pdfinfo "$tmp/long.pdf" 2> /dev/null | sed -n 's/^Pages: *//p')
	nf=$(grep -c '"pdf: page furniture"' "$tmp/long.rej")
	if [ "${pages:-0}" -gt 1 ] && [ "$nf" -ge "$pages" ] && ! grep -q 'file:' "$tmp/long.got"; then
		echo "PASS pdfgeom long: $nf running header/footer lines rejected over $pages pages"
	else
		echo "FAIL pdfgeom long: $nf furniture lines rejected over ${pages:-?} pages"
	fi
fi
