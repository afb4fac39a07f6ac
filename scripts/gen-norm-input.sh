#!/bin/sh
# Build the ipm-norm benchmark inputs (cached): build/bench/norm-utf8.txt and
# build/bench/norm-gb18030.txt, each at least 200 MB, made by repeating the
# seeds (../shared/seeds) or, without them, testdata/norm/utf8.in. The
# GB18030 file is the same text converted with iconv(1).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/bench
min=${IPM_BENCH_BYTES:-200000000}
mkdir -p "$out"
u8=$out/norm-utf8.txt
gb=$out/norm-gb18030.txt
if [ -s "$u8" ] && [ -s "$gb" ] && [ "$(stat -c %s "$gb")" -ge "$min" ]; then
	exit 0
fi
unit=$out/norm-unit.txt
if ls "$top"/../shared/seeds/[0-9]*.txt >/dev/null 2>&1; then
	cat "$top"/../shared/seeds/[0-9]*.txt > "$unit"
else
	cat "$top"/testdata/norm/utf8.in > "$unit"
fi
iconv -f UTF-8 -t GB18030 "$unit" > "$unit.gb"
# repeat a unit file into dst until dst holds at least $min bytes
fill() {
	size=$(stat -c %s "$1")
	n=$(( (min + size - 1) / size ))
	i=0
	: > "$2.tmp"
	while [ $i -lt $n ]; do
		cat "$1"
		i=$((i + 1))
	done >> "$2.tmp"
	mv "$2.tmp" "$2"
}
fill "$unit" "$u8"
fill "$unit.gb" "$gb"
rm -f "$unit" "$unit.gb"
