#!/bin/sh
# Round trips of every seed: the seed converted with iconv(1) to GB18030,
# UTF-16 (with BOM) and UTF-16BE with BOM must normalise to exactly the bytes
# ipm-norm makes of the UTF-8 original, and be detected as such.
seeds=../shared/seeds
if [ ! -d "$seeds" ]; then
	echo "SKIP norm seeds round trip: $seeds missing"
	exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
n=$IPM_BIN/ipm-norm
for f in "$seeds"/[0-9]*.txt; do
	b=$(basename "$f" .txt)
	"$n" "$f" > "$t/ref" 2>/dev/null
	iconv -f UTF-8 -t GB18030 "$f" > "$t/gb"
	iconv -f UTF-8 -t UTF-16 "$f" > "$t/u16"
	{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$f"; } > "$t/u16be"
	for enc in gb:GB18030 u16:UTF-16LE u16be:UTF-16BE; do
		file=${enc%%:*}
		want=${enc#*:}
		"$n" -v "$t/$file" > "$t/out" 2> "$t/err"
		if ! cmp -s "$t/out" "$t/ref"; then
			echo "FAIL norm seed $b via $want: output differs from UTF-8 original"
		elif ! grep -q "encoding $want\$" "$t/err"; then
			echo "FAIL norm seed $b via $want: detected $(cat "$t/err")"
		else
			echo "PASS norm seed $b via $want"
		fi
	done
	"$n" -v "$f" 2>&1 > /dev/null | grep -q 'encoding UTF-8$' &&
		echo "PASS norm seed $b detected UTF-8" || echo "FAIL norm seed $b: not detected as UTF-8"
done
