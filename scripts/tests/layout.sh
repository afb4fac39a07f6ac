#!/bin/sh
# The house rules the tree itself must keep (see ipm(7), WHERE THINGS ARE):
# no C file directly under lib/; no source file over 1,200 lines; a module in
# lib/<stage>/ includes only lib/core/, lib/text/ and its own folder
# (lib/text/ only core/, lib/core/ only itself). A test or fuzz harness
# (test_*.c, fuzz_*.c) may also use the stages before its own to make input.
cd "$(dirname "$0")/../.." || exit 2
ok=1
fail() { echo "FAIL layout: $*"; ok=0; }
for f in lib/*.c lib/*.h; do
	[ -e "$f" ] && fail "$f: C source directly under lib/ (put it in its stage folder)"
done
for f in lib/*/*.[ch] tools/*.c scripts/bench/*.c; do
	n=$(wc -l < "$f")
	[ "$n" -gt 1200 ] && fail "$f: $n lines (more than 1,200)"
done
for f in lib/*/*.[ch]; do
	dir=$(basename "$(dirname "$f")")
	case $dir in
	core) allow="core" ;;
	text) allow="core text" ;;
	*) allow="core text $dir" ;;
	esac
	case $(basename "$f") in test_*|fuzz_*) allow="$allow norm extract rows tag" ;; esac
	grep -o '#include "[a-z_]*/[a-z_0-9]*\.h"' "$f" | sed 's/#include "\([a-z_]*\)\/.*/\1/' | sort -u |
	while read -r d; do
		case " $allow " in *" $d "*) ;; *) echo "$f includes $d/" ;; esac
	done
done > build/layout.bad 2>&1
if [ -s build/layout.bad ]; then
	while read -r l; do fail "$l (a stage uses only core/, text/ and itself)"; done < build/layout.bad
fi
[ $ok = 1 ] && echo "PASS layout: lib/ by stage, files <= 1200 lines, includes within core/text/own folder"
exit 0
