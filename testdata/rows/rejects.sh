# --rejects lists every block that gave no record; --strict makes loss exit 1.
ipm-extract < tsv_report.in | ipm-rows --doc tsv --rejects rejects.tmp > /dev/null 2>&1
cat rejects.tmp
ipm-extract < tsv_report.in | ipm-rows --doc tsv --strict > /dev/null 2>&1
echo "strict rc=$?"
rm -f rejects.tmp
