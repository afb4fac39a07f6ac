#!/bin/sh
# fuzz.sh SECONDS FUZZER... : run each libFuzzer target for SECONDS with a
# corpus under build/fuzz/corpus/<name> seeded from testdata/, stderr quiet.
set -u
secs=$1; shift
rc=0
for f in "$@"; do
	n=$(basename "$f")
	c=build/fuzz/corpus/$n
	mkdir -p "$c"
	# seed each corpus with the golden inputs once
	[ -n "$(ls -A "$c")" ] || find testdata -type f -name '*.in' -size -64k -exec cp {} "$c"/ \; 2>/dev/null
	echo "fuzz: $n for ${secs}s"
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=3 "$c" > "build/fuzz/$n.log" 2>&1; then
		echo "fuzz: $n clean ($(grep -m1 stat::number_of_executed_units "build/fuzz/$n.log" | awk '{print $2}') runs)"
	else
		echo "fuzz: $n FAILED, see build/fuzz/$n.log"; rc=1
	fi
done
exit $rc
