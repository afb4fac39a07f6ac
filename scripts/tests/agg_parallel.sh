#!/bin/sh
# ipm-agg -j N (threads over parts of one file, merged) == -j 1, byte for byte,
# on CSV with quoted fields spanning lines (a part must never start inside
# quotes) and on JSON Lines; a malformed row is reported at the same line
# and the --rejects file is the same.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${IPM_BIN:-$top/bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN {
	srand(7); print "province,text,companies";
	for (i = 1; i <= 3000; i++) {
		p = substr("ABCDEFGHIJ", int(rand() * 10) + 1, 1);
		t = (i % 3 == 0) ? "\"line one\nline, two\n\"\"q\"\"\"" : "plain";
		if (i == 1717) { print p ",bad,row,extra"; continue }
		print p "," t "," (i % 7 ? "c" i % 5 ";c" i % 3 : "");
	}
}' > "$tmp/in.csv"
"$bin/ipm-cat" --icsv "$tmp/in.csv" 2>/dev/null > "$tmp/in.jsonl"
ops="-g province count distinct companies top 2 companies"
"$bin/ipm-agg" -j 1 --icsv --rejects "$tmp/rj" $ops "$tmp/in.csv" > "$tmp/one" 2> "$tmp/err1"
rc1=$?
mv "$tmp/rj" "$tmp/rj1"
for j in 2 3 8; do
	"$bin/ipm-agg" -j $j --icsv --rejects "$tmp/rj" $ops "$tmp/in.csv" > "$tmp/par" 2> "$tmp/errn"
	rcn=$?
	if [ "$rc1" = 1 ] && [ "$rcn" = 1 ] && cmp -s "$tmp/one" "$tmp/par" && cmp -s "$tmp/rj1" "$tmp/rj" &&
		[ "$(sort "$tmp/err1")" = "$(sort "$tmp/errn")" ] && grep -q ':2862: wrong number' "$tmp/err1"; then
		echo "PASS agg_parallel csv -j $j == -j 1 (quoted newlines, reject at the same line)"
	else
		echo "FAIL agg_parallel csv -j $j: rc $rc1/$rcn; diff $tmp/one $tmp/par"
		cat "$tmp/err1" "$tmp/errn" | head -6
	fi
	"$bin/ipm-agg" -j $j $ops "$tmp/in.jsonl" > "$tmp/pj"
	"$bin/ipm-agg" -j 1 $ops "$tmp/in.jsonl" > "$tmp/oj"
	if [ "$(wc -l < "$tmp/oj")" -gt 5 ] && cmp -s "$tmp/oj" "$tmp/pj" && cmp -s "$tmp/oj" "$tmp/one"; then
		echo "PASS agg_parallel jsonl -j $j == -j 1 == csv"
	else
		echo "FAIL agg_parallel jsonl -j $j"
	fi
done
# stdin that is a regular file is split too; one read from a pipe is not
"$bin/ipm-agg" -j 3 --icsv $ops < "$tmp/in.csv" > "$tmp/sin" 2>/dev/null
cat "$tmp/in.csv" | "$bin/ipm-agg" -j 3 --icsv $ops > "$tmp/pipe" 2>/dev/null
cmp -s "$tmp/one" "$tmp/sin" && cmp -s "$tmp/one" "$tmp/pipe" &&
	echo "PASS agg_parallel stdin file and pipe == -j 1" || echo "FAIL agg_parallel stdin"
# parts are guessed at line starts and checked: with 64 parts some start
# inside quoted fields and are read again; one field spanning many parts, and
# an unterminated quote at the end, still give the serial result
"$bin/ipm-agg" -v -j 64 --icsv $ops "$tmp/in.csv" > "$tmp/p64" 2> "$tmp/e64"
cmp -s "$tmp/one" "$tmp/p64" && grep -q 'parts read again' "$tmp/e64" &&
	echo "PASS agg_parallel -j 64: $(grep -o '[0-9]* parts read again' "$tmp/e64"), output == -j 1" ||
	echo "FAIL agg_parallel -j 64"
awk 'BEGIN { print "province,text"; for (i = 1; i <= 200; i++) print "P" i % 3 ",x";
	printf "Q,\"long"; for (i = 1; i <= 500; i++) printf "\nline %d, still quoted", i; print "\"";
	for (i = 1; i <= 200; i++) print "R" i % 2 ",y"; print "S,\"never closed"; print "T,z" }' > "$tmp/span.csv"
"$bin/ipm-agg" -j 1 --csv -g province count "$tmp/span.csv" > "$tmp/s1" 2> "$tmp/se1"
for j in 5 40; do
	"$bin/ipm-agg" -j $j --csv -g province count "$tmp/span.csv" > "$tmp/sn" 2> "$tmp/sen"
	cmp -s "$tmp/s1" "$tmp/sn" && cmp -s "$tmp/se1" "$tmp/sen" && grep -q '^Q,1$' "$tmp/s1" &&
		grep -q 'unterminated' "$tmp/se1" &&
		echo "PASS agg_parallel -j $j: a field over many parts, an unterminated quote == -j 1" ||
		{ echo "FAIL agg_parallel -j $j span"; diff "$tmp/s1" "$tmp/sn" | head -5; cat "$tmp/se1" "$tmp/sen"; }
done
# a fuzzer's find: bare CRs ending rows inside lines, NULs, a quote left open;
# parts must read it as the serial reader does (the same records and rejects)
# (and a header line with a bare CR in it: such a file is read serially);
# a quote opened after a bare CR, then a blank line: the line is rejected
# whole, so no part starts inside a quote that the serial reader never closes
for f in "$top"/testdata/agg/fuzz_par_vs_serial.bin "$top"/testdata/agg/fuzz_par_header_cr.bin \
	"$top"/testdata/agg/fuzz_par_cr_quote.bin "$top"/testdata/agg/par_cr_open_quote.csv; do
	"$bin/ipm-agg" -j 1 -g a count "$f" > "$tmp/f1" 2> "$tmp/fe1"
	for j in 2 3 8; do
		"$bin/ipm-agg" -j $j -g a count "$f" > "$tmp/fn" 2> "$tmp/fen"
		cmp -s "$tmp/f1" "$tmp/fn" && cmp -s "$tmp/fe1" "$tmp/fen" && grep -q 'bare CR' "$tmp/fe1" &&
			echo "PASS agg_parallel -j $j == -j 1 on $(basename "$f") (bare CRs, NULs, open quotes)" ||
			{ echo "FAIL agg_parallel -j $j $(basename "$f")"; diff "$tmp/f1" "$tmp/fn" | head -5; diff "$tmp/fe1" "$tmp/fen" | head; }
	done
done
# a fuzzer's find: JSON Lines with a byte order mark at the start of a later
# line (an error there, as in a serial read: only the file's start may hold one)
f=$top/testdata/agg/fuzz_par_bom.bin
"$bin/ipm-agg" -j 1 -g section count "$f" > "$tmp/b1" 2> "$tmp/be1"
for j in 2 3 8; do
	"$bin/ipm-agg" -j $j -g section count "$f" > "$tmp/bn" 2> "$tmp/ben"
	cmp -s "$tmp/b1" "$tmp/bn" && cmp -s "$tmp/be1" "$tmp/ben" && grep -q ':5: invalid JSON' "$tmp/be1" &&
		echo "PASS agg_parallel -j $j == -j 1 on fuzz_par_bom.bin (a BOM mid-file is an error in every part)" ||
		{ echo "FAIL agg_parallel -j $j fuzz_par_bom.bin"; diff "$tmp/b1" "$tmp/bn" | head -5; diff "$tmp/be1" "$tmp/ben" | head; }
done
# blank lines start new blocks of columns (the second block swaps province and
# section, and a quoted field in it holds an empty line, which is no block end):
# from the part that holds the first blank line on, one reader reads to the end
f=$top/testdata/agg/par_blocks.csv
"$bin/ipm-agg" -j 1 --icsv -g province,section count sum amount "$f" > "$tmp/k1" 2> "$tmp/ke1"
for j in 2 3 8; do
	"$bin/ipm-agg" -j $j --icsv -g province,section count sum amount "$f" > "$tmp/kn" 2> "$tmp/ken"
	cmp -s "$tmp/k1" "$tmp/kn" && cmp -s "$tmp/ke1" "$tmp/ken" && [ "$(grep -c '"count":10,' "$tmp/k1")" = 12 ] &&
		echo "PASS agg_parallel -j $j == -j 1 on par_blocks.csv (three blocks of columns)" ||
		{ echo "FAIL agg_parallel -j $j par_blocks.csv"; diff "$tmp/k1" "$tmp/kn" | head -5; head -3 "$tmp/k1"; }
done
