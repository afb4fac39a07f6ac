# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# A template file with a short line is a data error naming file:line.
printf '# c\nlabel\ttitle\n' > bad.tmp.tsv
ipm-report --templates bad.tmp.tsv may.in 2>&1 >/dev/null; echo "rc=$?"
rm -f bad.tmp.tsv
ipm-report -f odt may.in 2>&1; echo "rc=$?"
# -f pdf prints one report: not a directory of them.
ipm-report -f pdf -o /nonexistent may.in 2>&1; echo "rc=$?"
