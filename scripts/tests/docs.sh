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
# ipm(7)'s walk-through names functions and files: they must exist
sed -n '/^\.Sh WHERE THINGS ARE/,/^\.Sh /p' tools/man/ipm.7 > build/walk.txt
bad=""
# (libcsv's csv_parse and main() are not ours to find in lib/)
for f in $(grep -o 'Fn [a-z_]*' build/walk.txt | sed 's/Fn //' | grep -vx 'csv_parse\|main' | sort -u); do
	grep -qE "^[a-z].*[ *]$f\(" lib/*/*.c || bad="$bad $f()"
done
for p in $(sed -n 's/^\.P[aq] \(Pa \)\{0,1\}\(lib\/[a-z_/]*\.[ch]\).*/\2/p' build/walk.txt | sort -u); do
	[ -f "$p" ] || bad="$bad $p"
done
[ -z "$bad" ] && echo "PASS man ipm.7 walk-through names functions and files that exist" ||
	echo "FAIL man ipm.7 walk-through: not in the tree:$bad"
