# A 10 MB line without a newline, generated here (not committed), in UTF-8
# and in GB18030: both must stream to the same normalised text.
set -e
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
yes '互联网＋行动计划，http://a.cn/x‐y ' | head -n 250000 | tr -d '\n' > "$t/line"
wc -c < "$t/line"
ipm-norm < "$t/line" > "$t/u8.out"
iconv -f UTF-8 -t GB18030 "$t/line" | ipm-norm 2>/dev/null > "$t/gb.out"
cmp "$t/u8.out" "$t/gb.out" && echo same
wc -c < "$t/u8.out"
cksum < "$t/u8.out"
head -c 64 "$t/u8.out"; echo
