#!/bin/sh
# The documentation cannot go stale: every example shown in README.md and in
# the manual pages runs and its output is compared (scripts/doctest.py), and
# every page renders with man(1) without a warning.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
python3 scripts/doctest.py README.md tools/man/*.[157]
for f in tools/man/*.[157]; do
	w=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
	if [ -n "$w" ]; then
		echo "FAIL man $f: $(echo "$w" | head -2 | tr '\n' ' ')"
	else
		echo "PASS man $f renders without warnings"
	fi
done
