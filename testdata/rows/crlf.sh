# The same Markdown report with CRLF line ends gives the same records.
sed 's/$/\r/' md_report.in | ipm-extract | ipm-rows --doc md
