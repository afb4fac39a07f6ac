#!/bin/sh
# CLI conventions, checked on every built tool: --help (exit 0, lists an
# example), --version, a bad flag exits 2 with a hint, a write error on
# /dev/full exits 1, and `| head` ends quietly.
for t in "$IPM_BIN"/ipm-*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	out=$("$t" --help 2>&1); rc=$?
	if [ $rc -eq 0 ] && printf '%s' "$out" | grep -q "Usage: $n" && printf '%s' "$out" | grep -qi "example"; then
		echo "PASS cli $n --help"
	else
		echo "FAIL cli $n --help: rc=$rc or no Usage/Example"
	fi
	out=$("$t" --version 2>&1); rc=$?
	[ $rc -eq 0 ] && printf '%s' "$out" | grep -q "^$n [0-9]" && echo "PASS cli $n --version" || echo "FAIL cli $n --version: rc=$rc [$out]"
	err=$("$t" --no-such-flag </dev/null 2>&1 >/dev/null); rc=$?
	[ $rc -eq 2 ] && printf '%s' "$err" | grep -q "$n" && echo "PASS cli $n bad flag exits 2" || echo "FAIL cli $n bad flag: rc=$rc [$err]"
	"$t" --help > /dev/full 2>/dev/null; rc=$?
	[ $rc -eq 1 ] && echo "PASS cli $n /dev/full exits 1" || echo "FAIL cli $n /dev/full: rc=$rc"
	"$t" /nonexistent/input </dev/null >/dev/null 2>&1; rc=$?
	[ $rc -ne 0 ] && echo "PASS cli $n missing file fails" || echo "FAIL cli $n missing file: rc=$rc"
done
