#!/bin/sh
# Every tool over hostile input: the JSONTestSuite and csv-spectrum files,
# random bytes, truncated GB18030 and CR-only text. No crash, no hang (10 s
# each), exit 0, 1 or 2, and a message on stderr whenever the exit is not 0.
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tp=$top/../shared/thirdparty
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# inputs we make ourselves
head -c 65536 /dev/urandom > "$tmp/random.bin" 2>/dev/null ||
	python3 -c 'import os,sys; sys.stdout.buffer.write(os.urandom(65536))' > "$tmp/random.bin"
printf '关于积极推进“互联网+”行动的指导意见\n' | iconv -f UTF-8 -t GB18030 | head -c 17 > "$tmp/truncated-gb18030.txt"
# (smaller under ASan, where the 100,000-column header it makes is slow to check)
ncr=100000
[ "${IPM_VARIANT:-rel}" = rel ] || ncr=10000
python3 -c "import sys; sys.stdout.write('a\r' * $ncr)" > "$tmp/cr-only.txt"
inputs="$tmp/random.bin $tmp/truncated-gb18030.txt $tmp/cr-only.txt"
if [ -d "$tp" ]; then
	# (under ASan every fourth file: each run there costs a slow start-up)
	step=1
	[ "${IPM_VARIANT:-rel}" = rel ] || step=4
	inputs="$inputs $(ls "$tp"/JSONTestSuite/test_parsing/*.json "$tp"/csv-spectrum/csvs/*.csv | awk -v s=$step 'NR % s == 1 || s == 1')"
else
	echo "SKIP robust: ../shared/thirdparty not found (our own inputs only)"
fi
bad=0
n=0
for t in norm extract rows tables tag dedup agg report cat; do
	for f in $inputs; do
		n=$((n + 1))
		timeout 10 "$bin/ipm-$t" "$f" > /dev/null 2> "$tmp/err"
		rc=$?
		case $rc in
		0) ;;
		1 | 2) [ -s "$tmp/err" ] || { echo "FAIL robust ipm-$t $(basename "$f"): exit $rc without a message"; bad=$((bad + 1)); } ;;
		124) echo "FAIL robust ipm-$t $(basename "$f"): no answer in 10 s"; bad=$((bad + 1)) ;;
		*) echo "FAIL robust ipm-$t $(basename "$f"): exit $rc"; bad=$((bad + 1)) ;;
		esac
	done
done
[ $bad -eq 0 ] && echo "PASS robust: every tool on $((n / 9)) hostile inputs: no crash, no hang, exit 0/1/2 with a message"
# a named FIFO whose writer has finished: read once, never opened again (no hang)
mkfifo "$tmp/fifo"
(printf 'a,b\n1,2\n' > "$tmp/fifo") &
sleep 0.2
out=$(timeout 10 "$bin/ipm-agg" --icsv --ocsv count "$tmp/fifo" 2>&1)
rc=$?
wait
[ $rc -eq 0 ] && [ "$out" = "$(printf 'count\n1')" ] && echo "PASS robust: ipm-agg reads a FIFO whose writer finished" ||
	echo "FAIL robust: ipm-agg on a FIFO: exit $rc, $out"
exit 0
