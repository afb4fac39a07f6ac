#!/bin/sh
# Render the PDF samples of testdata/corpus from their HTML sources (written
# by make_corpus.py) with headless Chromium (Debian: chromium, and
# fonts-wqy-zenhei for the CJK glyphs): 2019-08.pdf is kept as a PDF input,
# 2019-05 becomes plain text as `pdftotext -layout` gives it (poppler-utils).
# Usage: python3 scripts/corpus/make_corpus.py && sh scripts/corpus/render_pdf.sh
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/scripts/corpus
out=$top/testdata/corpus
ud=$(mktemp -d)
trap 'rm -rf "$ud"' EXIT
render() { # render SRC.html OUT.pdf
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$ud" \
		--no-pdf-header-footer --print-to-pdf="$2.tmp" "file://$1" 2>/dev/null
	mv "$2.tmp" "$2"
}
render "$src/2019-08.pdf.html" "$out/2019-08.pdf"
render "$src/2019-05.pdf.html" "$ud/2019-05.pdf"
pdftotext -layout -enc UTF-8 "$ud/2019-05.pdf" "$out/2019-05.txt"
