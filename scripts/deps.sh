#!/bin/sh
# Install what ipm needs to build and test, when it is missing.
# Detects with pkg-config / a compile probe; installs with apt-get when root,
# otherwise prints the exact command and fails.
set -u
need=""
probe() { # probe HEADER LIB
	printf '#include <%s>\nint main(void){return 0;}\n' "$1" |
		${CC:-cc} -x c - -o /dev/null "$2" >/dev/null 2>&1
}
command -v cc >/dev/null 2>&1 || need="$need gcc"
command -v make >/dev/null 2>&1 || need="$need make"
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
probe csv.h -lcsv || need="$need libcsv-dev"
probe yajl/yajl_parse.h -lyajl || need="$need libyajl-dev"
probe expat.h -lexpat || need="$need libexpat1-dev"
command -v python3 >/dev/null 2>&1 || need="$need python3"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
command -v mutool >/dev/null 2>&1 || need="$need mupdf-tools"
command -v sqlite3 >/dev/null 2>&1 || need="$need sqlite3"
command -v iconv >/dev/null 2>&1 || need="$need libc-bin"
if [ "${IPM_DEPS_FULL:-0}" = 1 ]; then
	# test and benchmark extras: sanitizer runtimes, fuzzer, comparison tools
	command -v clang >/dev/null 2>&1 || need="$need clang"
	[ -d /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux ] || need="$need libclang-rt-14-dev"
	command -v mlr >/dev/null 2>&1 || need="$need miller"
	command -v datamash >/dev/null 2>&1 || need="$need datamash"
	command -v jq >/dev/null 2>&1 || need="$need jq"
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "deps: installing$need"
	export DEBIAN_FRONTEND=noninteractive
	# refresh the package lists only when the install fails without it
	apt-get install -y -qq $need >/dev/null 2>&1 ||
		{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $need >/dev/null; } ||
		{ echo "deps: apt-get install$need failed" >&2; exit 1; }
	exit 0
fi
echo "deps: missing$need; run: sudo apt-get install$need" >&2
exit 1
