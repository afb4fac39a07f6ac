#!/bin/sh
# The make logic of pipelines/default.mk on testdata/corpus, with stand-in
# stages (scripts/tests/stubs) for the ones not built: `make -j4` builds one
# report per period and the index; a second run rebuilds nothing; touching one
# document rebuilds only its chain and what follows; no .tmp file is left.
set -u
. "$(dirname "$0")/lib.inc"
name=pipeline
need_pipeline $name
w=$top/build/tests/pipeline.${IPM_VARIANT:-rel}
rm -rf "$w"
mkdir -p "$w/bin"
# wrappers, not links: new files, so make's $(BIN)/% rule sees them up to date
for s in norm extract rows tag; do
	[ -x "$bin/ipm-$s" ] || ln -s "$top/scripts/tests/stubs/ipm-stub.py" "$w/bin/ipm-$s"
done
for t in "$bin"/ipm-*; do
	[ -e "$w/bin/${t##*/}" ] || printf '#!/bin/sh\nexec "%s" "$@"\n' "$t" > "$w/bin/${t##*/}"
	chmod +x "$w/bin/${t##*/}"
done
cp -r "$top/testdata/corpus" "$w/in"
# MAKEFLAGS unset: under `make -s check` the inner make would inherit -s and
# echo no command, and this test counts the commands it runs
mk() { IPM_DATA="$top/lib/data" MAKEFLAGS= MFLAGS= make -C "$top" --no-print-directory V=1 BIN="$w/bin" IN="$w/in" PIPE="$w/out" "$@" pipeline-run; }
mk -j4 > "$w/log1" 2>&1 || { echo "FAIL $name: make -j4 failed: $(tail -3 "$w/log1")"; exit 0; }
n=$(ls "$w/out/report"/20*.html 2>/dev/null | wc -l)
[ -f "$w/out/report/index.html" ] && [ "$n" -eq 5 ] && echo "PASS $name: make -j4 builds 5 period reports and the index" ||
	echo "FAIL $name: $n period reports, index: $(ls "$w/out/report" 2>&1 | tr '\n' ' ')"
grep -q "report: $w/out/report/index.html" "$w/log1" && echo "PASS $name: make says where the report is" ||
	echo "FAIL $name: no 'report:' line in the output"
mk > "$w/log2" 2>&1
if grep -q '/bin/ipm-' "$w/log2"; then
	echo "FAIL $name: second run ran a stage: $(grep -m1 '/bin/ipm-' "$w/log2")"
else
	echo "PASS $name: second run rebuilds nothing"
fi
n=$(ls "$w/out/txt"/*.txt "$w/out/blocks"/*.jsonl "$w/out/rows"/*.jsonl "$w/out/tagged"/*.jsonl | wc -l)
[ "$n" -eq 20 ] && echo "PASS $name: every stage's output is kept" || echo "FAIL $name: $n of 20 stage outputs kept"
sleep 1
touch "$w/in/2019-07.txt"
mk > "$w/log3" 2>&1
runs=$(grep -c 'bin/ipm-\(norm\|extract\|rows\|tag\)' "$w/log3")
[ "$runs" -eq 4 ] && grep -q 'ipm-report' "$w/log3" &&
	echo "PASS $name: one touched document reruns its 4 stages and the report" ||
	echo "FAIL $name: touching one document ran $runs per-document stages"
left=$(find "$w/out" -name '*.tmp*' | wc -l)
[ "$left" -eq 0 ] && echo "PASS $name: no temporary files left" || echo "FAIL $name: $left .tmp files left"
