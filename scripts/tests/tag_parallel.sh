#!/bin/sh
# ipm-tag -j N (batches of lines tagged by N threads, written in input order)
# == -j 1, byte for byte: over several batches, through a pipe, with a line
# longer than a batch, blank lines and malformed lines (reported at the same
# line, the same --rejects file, exit 1 as with -j 1); `| head` ends quietly.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -h '^{' "$top"/testdata/tag/*.in | grep -v broken > "$tmp/one"
: > "$tmp/in"
i=0
while [ "$(wc -c < "$tmp/in")" -lt 3500000 ]; do
	cat "$tmp/one" >> "$tmp/in"
	i=$((i + 1))
	[ $i = 30 ] && echo '{"doc":"x","text":"broken' >> "$tmp/in"
	[ $i = 60 ] && echo >> "$tmp/in"
done
# one line of ~1.5 MB (longer than a batch)
awk 'BEGIN { printf "{\"doc\":\"long\",\"section\":\"paragraph\",\"text\":\""; for (i = 0; i < 100000; i++) printf "北京市推进互联网"; print "\"}" }' >> "$tmp/in"
cat "$tmp/one" >> "$tmp/in"
echo 'not json at all' >> "$tmp/in"
"$bin/ipm-tag" -j 1 --rejects "$tmp/rj" < "$tmp/in" > "$tmp/out1" 2> "$tmp/err1"
rc1=$?
mv "$tmp/rj" "$tmp/rj1"
for j in 2 3 8; do
	"$bin/ipm-tag" -j $j --rejects "$tmp/rj" < "$tmp/in" > "$tmp/outn" 2> "$tmp/errn"
	rcn=$?
	mv "$tmp/rj" "$tmp/rjn"
	if [ "$rc1" = 1 ] && [ "$rcn" = 1 ] && [ "$(wc -l < "$tmp/out1")" -gt 1000 ] &&
		cmp -s "$tmp/out1" "$tmp/outn" && cmp -s "$tmp/rj1" "$tmp/rjn" &&
		[ "$(sort "$tmp/err1")" = "$(sort "$tmp/errn")" ] && [ "$(grep -c "invalid JSON:" "$tmp/err1")" = 2 ]; then
		echo "PASS tag_parallel -j $j == -j 1 ($(wc -l < "$tmp/out1") records, 2 malformed lines at the same lines)"
	else
		echo "FAIL tag_parallel -j $j: rc $rc1/$rcn; cmp $tmp/out1 $tmp/outn"
		head -3 "$tmp/err1" "$tmp/errn"
	fi
done
cat "$tmp/in" | "$bin/ipm-tag" -j 3 2> /dev/null > "$tmp/outp"
if cmp -s "$tmp/out1" "$tmp/outp"; then echo "PASS tag_parallel through a pipe"
else echo "FAIL tag_parallel through a pipe"; fi
"$bin/ipm-tag" -j 2 --strict < "$tmp/in" > /dev/null 2>&1
if [ $? = 1 ]; then echo "PASS tag_parallel --strict exits 1"; else echo "FAIL tag_parallel --strict"; fi
n=$("$bin/ipm-tag" -j 2 < "$tmp/in" 2> "$tmp/errh" | head -1 | wc -l)
if [ "$n" = 1 ] && ! grep -qv 'invalid JSON\|not turned into records' "$tmp/errh"; then
	echo "PASS tag_parallel | head ends quietly"
else
	echo "FAIL tag_parallel | head: $(head -2 "$tmp/errh")"
fi
