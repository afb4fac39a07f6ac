# tsv_report.in rendered as an HTML table (pdf_source.html), printed with
# wkhtmltopdf and read back with `pdftotext -layout`: the same records as the
# TAB original (see scripts/render_reports.sh).
ipm-extract | ipm-rows --doc tsv
