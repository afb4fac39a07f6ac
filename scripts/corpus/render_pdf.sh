#!/bin/sh
# Render the PDF sample of testdata/corpus from its HTML source with headless
# Chromium (Debian: chromium, fonts-wqy-zenhei for the CJK glyphs).
# Usage: sh scripts/corpus/render_pdf.sh   (after make_corpus.py)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$top/scripts/corpus/2019-08.pdf.html
out=$top/testdata/corpus/2019-08.pdf
ud=$(mktemp -d)
trap 'rm -rf "$ud"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
	--disable-component-update --disable-sync --no-first-run --user-data-dir="$ud" \
	--no-pdf-header-footer --print-to-pdf="$out.tmp" "file://$src" 2>/dev/null
mv "$out.tmp" "$out"
pdftotext "$out" - | head -5
