#!/bin/sh
# Constant memory: a 30 MB single line (generated here) in UTF-8 and in
# GB18030 must go through ipm-norm with a peak RSS under 16 MB.
# Not under ASan, whose shadow memory makes RSS meaningless.
if [ "${IPM_VARIANT:-rel}" = asan ]; then
	echo "SKIP norm memory: not measured under ASan"
	exit 0
fi
if [ ! -x /usr/bin/time ]; then
	echo "SKIP norm memory: /usr/bin/time missing"
	exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
yes '互联网＋行动计划 http://a.cn/x‐y ' | head -n 800000 | tr -d '\n' > "$t/u8"
iconv -f UTF-8 -t GB18030 "$t/u8" > "$t/gb"
for f in u8 gb; do
	/usr/bin/time -o "$t/time" -f '%M' "$IPM_BIN/ipm-norm" < "$t/$f" > /dev/null 2>/dev/null
	kb=$(tail -1 "$t/time")
	if [ "$kb" -le 16384 ]; then
		echo "PASS norm memory $f 30 MB line: ${kb} KB"
	else
		echo "FAIL norm memory $f 30 MB line: ${kb} KB > 16384"
	fi
done
