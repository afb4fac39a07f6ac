# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# One report per period plus the index, in both formats.
d=$(mktemp -d) || exit 1
ipm-report -o "$d" apr.in may.in || echo "rc=$?"
(cd "$d" && ls)
cat "$d/index.md"
(cd "$d" && grep -c "<svg" index.html 2018-05.html)
rm -rf "$d"
