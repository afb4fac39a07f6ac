#!/bin/sh
# Re-make the PDF renderings of our own TAB test report (testdata/rows):
# tsv_report.in -> HTML table (pdf_source.html, hand-made once) -> PDF with
# wkhtmltopdf -> pdftotext -layout / -raw / default order -> pdf_layout.in /
# pdf_raw.in / pdf_default.in.
# Needs wkhtmltopdf and poppler-utils; the outputs are committed, so the
# tests do not need these tools.
set -eu
d=$(cd "$(dirname "$0")/../testdata/rows" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wkhtmltopdf -q "$d/pdf_source.html" "$tmp/r.pdf" 2>/dev/null
pdftotext -layout "$tmp/r.pdf" "$d/pdf_layout.in"
pdftotext -raw "$tmp/r.pdf" "$d/pdf_raw.in"
pdftotext "$tmp/r.pdf" "$d/pdf_default.in"
echo "rendered: $d/pdf_layout.in $d/pdf_raw.in $d/pdf_default.in"
