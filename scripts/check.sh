#!/bin/sh
# Run the whole suite once per build variant given as BINDIR:BUILDDIR.
# Every test prints lines "PASS name", "FAIL name: why" or "SKIP name: why";
# this counts them and ends with "N passed, M failed, K skipped".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
log=build/check.log
mkdir -p build
: > "$log"
for v in "$@"; do
	bin=${v%%:*}
	bld=${v#*:}
	name=$(basename "$bld")
	echo "== $name ($bin)"
	{
		for t in "$bld"/t/test_*; do
			[ -x "$t" ] || continue
			"$t" 2>&1 || echo "FAIL $(basename "$t"): exit $?"
		done
		IPM_BIN="$top/$bin" sh scripts/golden.sh
		for s in scripts/tests/*.sh; do
			[ -f "$s" ] || continue
			IPM_BIN="$top/$bin" IPM_VARIANT="$name" sh "$s" 2>&1 ||
				echo "FAIL $(basename "$s"): exit $?"
		done
	} | sed "s/^\(PASS\|FAIL\|SKIP\) /\1 [$name] /" | tee -a "$log" | grep -E '^(FAIL|SKIP)' || true
	printf '   %s passed\n' "$(grep -c "^PASS \[$name\]" "$log")"
done
p=$(grep -c '^PASS ' "$log")
f=$(grep -c '^FAIL ' "$log")
s=$(grep -c '^SKIP ' "$log")
echo "full log: $log"
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
