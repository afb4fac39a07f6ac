#!/bin/sh
# The bash completion parses (bash -n), loads and registers every tool
# (complete -p), completes flags, ipm-agg's ops and schema field names; and
# `make install` / `make uninstall` into a DESTDIR put it in place and leave
# nothing behind.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
comp=$top/scripts/ipm.bash-completion
command -v bash >/dev/null 2>&1 || { echo "SKIP completion: no bash"; exit 0; }
bash -n "$comp" 2>&1 && echo "PASS completion: bash -n" || echo "FAIL completion: bash -n"
out=$(bash -c "source '$comp' && complete -p ipm-agg ipm-cat ipm-norm" 2>&1)
[ $? -eq 0 ] && [ "$(printf '%s\n' "$out" | grep -c '^complete .*-F _ipm')" = 3 ] &&
	echo "PASS completion: complete -p ipm-agg (and the others) after source" ||
	echo "FAIL completion: complete -p: $out"
try() { # name, words..., then the expected reply (one string)
	n=$1 want=$2; shift 2
	got=$(PATH="$bin:$PATH" IPM_DATA="$top/lib/data" bash -c '
		source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ipm "$1"; echo "${COMPREPLY[*]}"' "$comp" "$@" 2>&1)
	[ "$got" = "$want" ] && echo "PASS completion: $n" || echo "FAIL completion: $n: got '$got', want '$want'"
}
try "flags" "--ojson --ojsonl" ipm-cat --oj
try "ipm-agg ops" "distinct" ipm-agg -g doc di
try "fields after -g" "province province_code" ipm-agg -g prov
try "fields after a comma" "doc,section doc,sections doc,sectors" ipm-agg -g doc,sec
try "field after top N" "companies" ipm-agg top 3 comp
try "delimiter names" "semicolon space" ipm-cat --ifs s
# install and uninstall into a scratch DESTDIR (the tools are built already)
if command -v make >/dev/null 2>&1 && [ "${IPM_VARIANT:-rel}" = rel ]; then
	d=$(mktemp -d) || exit 2
	if make -s -C "$top" install DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1 &&
	   [ -f "$d/usr/share/bash-completion/completions/ipm" ] && [ -L "$d/usr/share/bash-completion/completions/ipm-agg" ] &&
	   grep -q '^_ipm_datadir=/usr/share/ipm$' "$d/usr/share/bash-completion/completions/ipm" &&
	   [ -x "$d/usr/bin/ipm-agg" ] && [ -f "$d/usr/share/ipm/schemas.tsv" ]; then
		echo "PASS completion: make install puts the completion in share/bash-completion/completions"
	else
		echo "FAIL completion: make install"
	fi
	make -s -C "$top" uninstall DESTDIR="$d" PREFIX=/usr >/dev/null 2>&1
	left=$(find "$d" -type f -o -type l | head -5)
	[ -z "$left" ] && echo "PASS completion: make uninstall removes what make install installed" ||
		echo "FAIL completion: make uninstall left $left"
	rm -rf "$d"
fi
exit 0
