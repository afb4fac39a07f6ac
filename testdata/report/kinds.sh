# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# Document kinds: the monthly reports (apr.in, may.in) make the periods; the
# policy pages (policy.in, 1996..2018) are no periods but one register by
# issuer and date, linked from the index.
d=$(mktemp -d) || exit 1
ipm-report --list-periods apr.in may.in policy.in
ipm-report -o "$d" apr.in may.in policy.in || echo "rc=$?"
(cd "$d" && ls)
sed -n '/监测期一览/,$p' "$d/index.md"
cat "$d/policies.md"
grep -c 'href="policies.html"' "$d/index.html"
rm -rf "$d"
