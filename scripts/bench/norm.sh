#!/bin/sh
# ipm-norm throughput and peak RSS on >= 200 MB of GB18030 and of UTF-8 text
# (scripts/gen-norm-input.sh, cached), beside iconv(1) and cat(1) on the same
# files in the same run. Targets: GB18030 >= 1.0x iconv, UTF-8 >= 1000 MB/s,
# peak RSS <= 16 MB.
# measure() uses wall-clock time, which on a shared, loaded machine mostly
# measures the load; the "CPU" rows divide by user+sys seconds instead.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. scripts/bench/lib.sh
sh scripts/gen-norm-input.sh || exit 1
gb=build/bench/norm-gb18030.txt
u8=build/bench/norm-utf8.txt
bin=${IPM_BIN:-$top/bin}
[ "$bin" = "$top/bin" ] && bin=bin
norm=$bin/ipm-norm
load=$(cut -d' ' -f1 /proc/loadavg)

# cpu_row LABEL FILE CMD...: like measure, MB/s over user+sys CPU seconds.
cpu_row() {
	label=$1 file=$2
	shift 2
	tf=$(mktemp)
	/usr/bin/time -o "$tf" -f '%U %S %M' "$@" < "$file" > /dev/null 2>/dev/null
	t=$(tail -1 "$tf")
	rm -f "$tf"
	CPU_MBS=$(echo "$t" | awk -v b="$(stat -c %s "$file")" '{ s = $1 + $2; if (s < 0.005) s = 0.005; printf "%.1f", b / 1e6 / s }')
	rss=$(echo "$t" | awk '{ printf "%.1f", $3 / 1024 }')
	ratio="-"
	[ -n "${CPU_REF:-}" ] && ratio=$(awk -v a="$CPU_MBS" -v b="$CPU_REF" 'BEGIN{ printf "%.2fx iconv CPU", a / b }')
	echo "| norm | $label (CPU time, load $load) | \`$*\` | $CPU_MBS | - | $rss | $ratio |"
}

unset REF_MBS REF_NAME CPU_REF
measure norm "GB18030 $(($(stat -c %s "$gb") / 1000000)) MB" "$gb" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure norm "GB18030" "$gb" 0 iconv -f GB18030 -t UTF-8
REF_MBS=$LAST_MBS REF_NAME=iconv
measure norm "GB18030" "$gb" 0 "$norm"
unset REF_MBS REF_NAME
measure norm "UTF-8 $(($(stat -c %s "$u8") / 1000000)) MB" "$u8" 0 cat
REF_MBS=$LAST_MBS REF_NAME=cat
measure norm "UTF-8" "$u8" 0 "$norm"
unset REF_MBS REF_NAME
cpu_row GB18030 "$gb" iconv -f GB18030 -t UTF-8
CPU_REF=$CPU_MBS
cpu_row GB18030 "$gb" "$norm"
unset CPU_REF
cpu_row UTF-8 "$u8" "$norm"
