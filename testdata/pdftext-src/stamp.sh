#!/bin/sh
# Rebuild sample.pdf and its renderings (needs wkhtmltopdf, qpdf, poppler-utils,
# fonts-wqy-zenhei). wkhtmltopdf (unpatched qt) has no header/footer switches,
# so a running header and page numbers are underlaid from a stamp PDF made
# with the same page size: that puts page furniture inside the tables.
set -eu
cd "$(dirname "$0")"
tmp=${TMPDIR:-/tmp}/ipm-stamp.$$
mkdir -p "$tmp"
wkhtmltopdf -q --page-size A5 --margin-top 18 --margin-bottom 15 --no-background sample.html "$tmp/body.pdf"
pages=$(pdfinfo "$tmp/body.pdf" | sed -n 's/^Pages: *//p')
{
	printf '<html><head><meta charset="utf-8"><style>body{margin:0;font-family:"WenQuanYi Zen Hei";font-size:9px}'
	printf '.p{position:relative;height:270mm;page-break-after:always}.h{position:absolute;top:8mm;left:16mm}'
	printf '.f{position:absolute;top:258mm;width:100%%;text-align:center}</style></head><body>'
	i=1
	while [ "$i" -le "$pages" ]; do
		printf '<div class="p"><div class="h">中国信息通信研究院</div><div class="f">%s</div></div>' "$i"
		i=$((i + 1))
	done
	printf '</body></html>'
} > "$tmp/stamp.html"
wkhtmltopdf -q --page-size A5 -T 0 -B 0 -L 0 -R 0 --no-background "$tmp/stamp.html" "$tmp/stamp.pdf"
qpdf "$tmp/body.pdf" --underlay "$tmp/stamp.pdf" -- sample.pdf
pdftotext -layout sample.pdf ../extract/pdf_layout.in
pdftotext -raw sample.pdf ../extract/pdf_raw.in
pdftotext sample.pdf ../extract/pdf_default.in
# the same report with names centred in their cells (vertical-align: middle)
sed 's/vertical-align: top;/vertical-align: middle;/' sample.html > "$tmp/mid.html"
wkhtmltopdf -q --page-size A5 --margin-top 18 --margin-bottom 15 --no-background "$tmp/mid.html" "$tmp/mid.pdf"
qpdf "$tmp/mid.pdf" --underlay "$tmp/stamp.pdf" -- "$tmp/mid2.pdf"
pdftotext -layout "$tmp/mid2.pdf" ../extract/pdf_layout_mid.in
rm -rf "$tmp"
