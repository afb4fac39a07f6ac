#!/bin/sh
# fuzz.sh SECONDS FUZZER... : run each libFuzzer target for SECONDS with a
# corpus under build/fuzz/corpus/<name>, seeded from the kept corpus
# testdata/fuzz/<name>/ (else from testdata's golden inputs), stderr quiet.
# IPM_FUZZ_SAVE=1 then minimises the corpus back into testdata/fuzz/<name>/
# (libFuzzer -merge=1: the smallest set with the same coverage).
set -u
secs=$1; shift
rc=0
for f in "$@"; do
	n=$(basename "$f")
	c=build/fuzz/corpus/$n
	mkdir -p "$c"
	# seed each corpus with the golden inputs once
	if [ -z "$(ls -A "$c")" ]; then
		if [ -d "testdata/fuzz/$n" ]; then
			cp testdata/fuzz/"$n"/* "$c"/ 2>/dev/null
		else
			find testdata -type f -name '*.in' -size -64k -exec cp {} "$c"/ \; 2>/dev/null
		fi
	fi
	echo "fuzz: $n for ${secs}s"
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=3 "$c" > "build/fuzz/$n.log" 2>&1; then
		echo "fuzz: $n clean ($(grep -m1 stat::number_of_executed_units "build/fuzz/$n.log" | awk '{print $2}') runs)"
		if [ "${IPM_FUZZ_SAVE:-0}" = 1 ]; then
			rm -rf "testdata/fuzz/$n.new" && mkdir -p "testdata/fuzz/$n.new"
			"$f" -merge=1 -close_fd_mask=3 "testdata/fuzz/$n.new" "$c" > "build/fuzz/$n.merge.log" 2>&1 &&
				rm -rf "testdata/fuzz/$n" && mv "testdata/fuzz/$n.new" "testdata/fuzz/$n" &&
				echo "fuzz: $n corpus kept: $(ls "testdata/fuzz/$n" | wc -l) files in testdata/fuzz/$n"
		fi
	else
		echo "fuzz: $n FAILED, see build/fuzz/$n.log"; rc=1
	fi
done
exit $rc
