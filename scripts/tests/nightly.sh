#!/bin/sh
# pipelines/nightly (ipm-nightly(1)) on a temporary inbox of testdata/corpus:
# publish, nothing changed, a new document, a removed one, a doc id collision,
# a failing document (and --strict), two runs at once, kill -9 at three points
# (the next run equals a clean run byte for byte), dictionary edits.
# The tools are $IPM_BIN behind wrappers that can be slowed down (file
# $w/slow), to kill a run at a chosen point.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# reports name their generation time: fixed, so runs compare byte for byte
export SOURCE_DATE_EPOCH=1700000000
bin=${IPM_BIN:-$top/bin}
name=nightly
for t in bash flock setsid sqlite3 pdftotext; do
	command -v $t > /dev/null || { echo "SKIP $name: needs $t"; exit 0; }
done
w=$top/build/tests/nightly.${IPM_VARIANT:-rel}
rm -rf "$w"
mkdir -p "$w/bin" "$w/in"
for t in "$bin"/ipm-*; do
	printf '#!/bin/sh\n[ -f "%s/slow" ] && sleep 0.15\nexec "%s" "$@"\n' "$w" "$t" > "$w/bin/${t##*/}"
	chmod +x "$w/bin/${t##*/}"
done
cp "$top"/testdata/corpus/* "$w/in/"
cp -r "$top/lib/data" "$w/data"
export IPM_BIN="$w/bin" IPM_DATA="$w/data"
unset MAKEFLAGS MFLAGS MAKELEVEL
nightly=$top/pipelines/nightly
pass() { echo "PASS $name: $*"; }
fail() { echo "FAIL $name: $*"; }
# nt OUT LOGDIR [ARGS]: one run, its log alone in LOGDIR; sets rc
nt() {
	nt_o=$1 nt_l=$2
	shift 2
	rm -rf "$nt_l"
	"$nightly" --in "$w/in" --out "$nt_o" --log "$nt_l" "$@" > "$nt_l.out" 2> "$nt_l.err"
	rc=$?
}
# steps LOGDIR STAGE: how many times STAGE ran in the run logged in LOGDIR
steps() { cat "$1"/*.log | grep -c " step $2 "; }
counts() { echo "norm $(steps "$1" norm) extract $(steps "$1" extract) rows $(steps "$1" rows) tag $(steps "$1" tag) dedup $(steps "$1" dedup) agg $(steps "$1" agg) report $(steps "$1" report) db $(steps "$1" db)"; }
o=$w/out
h=$("$nightly" --help 2>&1 | head -1)
v=$("$nightly" --version 2>&1)
"$nightly" --bogus > /dev/null 2> "$w/bogus.err"
rb=$?
"$nightly" --in "$w/in" > /dev/null 2>&1
rn=$?
[ "${h%% *}" = Usage: ] && [ "$v" = "ipm-nightly 0.1.0" ] && [ $rb -eq 2 ] && [ $rn -eq 2 ] && grep -q "Try 'ipm-nightly --help'" "$w/bogus.err" &&
	pass "--help, --version, a bad flag or a missing --out exits 2 with a hint" ||
	fail "cli: help '$h', version '$v', bad flag exit $rb, no --out exit $rn"

# 1. first run
nt "$o" "$w/l1"
if [ $rc -eq 0 ] && [ -f "$o/current/report/index.html" ] && [ -s "$o/current/events.jsonl" ] &&
	[ "$(sqlite3 "$o/current/ipm.sqlite" 'select count(*) from events')" -gt 0 ] && grep -q '^ipm-nightly: published' "$w/l1.out"; then
	pass "first run publishes ($(cat "$w/l1.out" | cut -c14-70)...)"
else
	fail "first run: exit $rc, $(cat "$w/l1.out" "$w/l1.err" | head -3)"
fi
bad=$(grep -cv '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z ' "$w"/l1/*.log)
grep -q ' stage tag: 5 runs' "$w"/l1/*.log && grep -q ' counts: 5 documents' "$w"/l1/*.log && grep -q ' exit 0 ' "$w"/l1/*.log &&
	[ "$bad" -eq 0 ] && pass "the log has a UTC time on every line, per-stage timings, counts, the exit status" ||
	fail "log: $bad lines without a time, or no stage/counts/exit lines"
cur1=$(readlink "$o/current")

# 2. nothing changed
nt "$o" "$w/l2"
[ $rc -eq 0 ] && grep -q 'nothing changed' "$w/l2.out" && [ "$(readlink "$o/current")" = "$cur1" ] &&
	[ "$(ls "$o/runs" | wc -l)" -eq 1 ] && [ "$(steps "$w/l2" '[a-z]*')" -eq 0 ] &&
	pass "second run publishes nothing, says so, exits 0" ||
	fail "second run: exit $rc, $(cat "$w/l2.out"), current $(readlink "$o/current")"

# 3. a new document: only its stages
sed 's/工信部/工业和信息化部/' "$w/in/2019-05.txt" > "$w/in/2019-10.txt"
nt "$o" "$w/l3"
c=$(counts "$w/l3")
[ $rc -eq 0 ] && [ "$c" = "norm 1 extract 1 rows 1 tag 1 dedup 1 agg 3 report 1 db 1" ] &&
	grep -q '"doc":"2019-10"' "$o/current/events.jsonl" &&
	pass "a new document runs its 4 stages once and the corpus steps ($c)" ||
	fail "new document: exit $rc, ran: $c"

# 4. a renamed document: same content, new id: rows and tag only
mv "$w/in/2019-10.txt" "$w/in/2019-11_renamed.txt"
nt "$o" "$w/l4"
c=$(counts "$w/l4")
[ $rc -eq 0 ] && [ "$c" = "norm 0 extract 0 rows 1 tag 1 dedup 1 agg 3 report 1 db 1" ] &&
	! grep -q '"2019-10"' "$o/current/events.jsonl" && grep -q '"doc":"2019-11"' "$o/current/events.jsonl" &&
	pass "a renamed document keeps its text and blocks, reruns rows and tag under its new id" ||
	fail "renamed document: exit $rc, ran: $c"

# 5. a removed document is gone from every output
rm "$w/in/2019-06.md"
nt "$o" "$w/l5"
r=$o/current
left=$(grep -l '"2019-06"' "$r/events.jsonl" "$r/collapsed.jsonl" "$r"/tagged/* "$r"/rows/* 2> /dev/null;
	grep -lE '2019-06（[0-9]+ 条）|文档：[^·]*2019-06' "$r"/report/*.md; grep -l '2019-06' "$r/MANIFEST"; grep -l '^2019-06,' "$r/agg/sections.csv"; ls "$r"/*/2019-06.* 2> /dev/null)
ndb=$(sqlite3 "$r/ipm.sqlite" "select count(*) from events where doc = '2019-06'")
[ $rc -eq 0 ] && [ -z "$left" ] && [ "$ndb" = 0 ] && [ -f "$r/report/2019-05.md" ] &&
	pass "a removed document is gone from events, report, agg and the database" ||
	fail "removed document: exit $rc, still in: $left; $ndb rows in the database"

# 6. doc id collision: error naming both files, nothing published
cur=$(readlink "$o/current")
nruns=$(ls "$o/runs" | wc -l)
cp "$w/in/2019-05.txt" "$w/in/2019-05_other.txt"
nt "$o" "$w/l6"
[ $rc -eq 1 ] && grep -q '2019-05.txt' "$w/l6.err" && grep -q '2019-05_other.txt' "$w/l6.err" &&
	[ "$(readlink "$o/current")" = "$cur" ] && [ "$(ls "$o/runs" | wc -l)" -eq "$nruns" ] &&
	pass "a doc id collision names both files, exits 1, current unchanged" ||
	fail "collision: exit $rc, $(cat "$w/l6.err"), current $(readlink "$o/current")"
rm "$w/in/2019-05_other.txt"

# 7. a failing document: reported and skipped, exit 1; --strict publishes nothing
printf 'not a PDF\n' > "$w/in/2019-12.pdf"
cur=$(readlink "$o/current")
nt "$o" "$w/l7s" --strict
rcs=$rc
cs=$(readlink "$o/current")
nt "$o" "$w/l7"
[ $rcs -eq 1 ] && [ "$cs" = "$cur" ] && [ $rc -eq 1 ] && [ "$(readlink "$o/current")" != "$cur" ] &&
	grep -q '2019-12.pdf (norm failed)' "$w/l7.out" && grep -q '"doc":"2019-05"' "$o/current/events.jsonl" &&
	pass "a bad PDF is named and skipped, the rest published, exit 1; --strict publishes nothing" ||
	fail "bad document: --strict exit $rcs, exit $rc: $(cat "$w/l7.out")"
rm "$w/in/2019-12.pdf"
nt "$o" "$w/l7b"

# 8. two runs at once: one exits 75; --wait waits
touch "$w/slow"
for i in a b; do
	rm -rf "$w/l8$i"
	"$nightly" --in "$w/in" --out "$w/out8" --log "$w/l8$i" > "$w/l8$i.out" 2> "$w/l8$i.err" &
	eval "p$i=\$!"
done
wait $pa; ra=$?
wait $pb; rb=$?
"$nightly" --in "$w/in" --out "$w/out8" --log "$w/l8c" > "$w/l8c.out" 2>&1 &
pc=$!
sleep 0.3
"$nightly" --in "$w/in" --out "$w/out8" --log "$w/l8d" --wait > "$w/l8d.out" 2>&1
rd=$?
wait $pc; rc=$?
rm -f "$w/slow"
if { [ $ra = 0 ] && [ $rb = 75 ] && grep -q locked "$w/l8b.err"; } || { [ $ra = 75 ] && [ $rb = 0 ] && grep -q locked "$w/l8a.err"; }; then
	[ $rd = 0 ] && [ $rc = 0 ] && pass "two runs at once: one exits 75 saying the folder is locked; --wait waits ($(cat "$w/l8d.out"))" ||
		fail "--wait: exit $rd, the other $rc"
else
	fail "two runs at once: exit $ra and $rb"
fi

# 9. kill -9 at three points, then a run: the same bytes as a clean run
nt "$w/ref" "$w/lref"
# waitlog DIR PATTERN: until the run's log shows PATTERN (10 s at most)
waitlog() {
	i=0
	while [ $i -lt 1000 ]; do
		cat "$1"/*.log 2> /dev/null | grep -q "$2" && return 0
		sleep 0.01
		i=$((i + 1))
	done
	return 1
}
k=0
for point in "step norm|during the per-document stages" "stage corpus|during the corpus-wide steps" \
	"stage corpus: make exit|while the run folder is made and published"; do
	k=$((k + 1))
	ko=$w/kill$k
	if [ $k -gt 1 ]; then # a published run of four documents, then the fifth is new
		mv "$w/in/2019-09.html" "$w/held.html"
		nt "$ko" "$w/lk${k}a"
		mv "$w/held.html" "$w/in/2019-09.html"
	fi
	before=$(readlink "$ko/current" 2> /dev/null)
	touch "$w/slow"
	rm -rf "$w/lk$k"
	setsid "$nightly" --in "$w/in" --out "$ko" --log "$w/lk$k" > /dev/null 2>&1 &
	pid=$!
	waitlog "$w/lk$k" "${point%%|*}"
	kill -9 -$pid 2> /dev/null
	wait $pid 2> /dev/null
	rm -f "$w/slow"
	after=$(readlink "$ko/current" 2> /dev/null)
	complete=yes
	if [ -n "$after" ]; then
		[ -f "$ko/current/FINGERPRINT" ] && [ -f "$ko/current/ipm.sqlite" ] && [ -f "$ko/current/report/index.html" ] || complete=no
	fi
	hit="killed $(grep -c ' step ' "$w"/lk$k/*.log) steps in"
	[ "$after" = "$before" ] || hit="$hit, after the publish"
	# --wait: a killed tool's process can take a moment to end (and let go of
	# the lock it inherited) after the group is reaped; the next run waits
	nt "$ko" "$w/lk${k}b" --wait
	d=$(diff -r "$w/ref/current" "$ko/current" 2>&1 | head -3)
	[ $rc -eq 0 ] && [ -z "$d" ] && [ $complete = yes ] &&
		pass "kill -9 ${point#*|} ($hit): current stayed complete, the next run equals a clean run byte for byte" ||
		fail "kill -9 ${point#*|}: exit $rc, current complete: $complete, differs: $d"
done
# make install: the driver runs outside the source tree, tools beside it
rm -rf "$w/prefix"
if env -u IPM_BIN -u IPM_DATA make -s -C "$top" install PREFIX="$w/prefix" > "$w/install.log" 2>&1; then
	(cd / && env -u IPM_BIN -u IPM_DATA "$w/prefix/bin/ipm-nightly" --in "$w/in" --out "$w/outi" > "$w/li.out" 2>&1)
	rc=$?
	d=$(for f in events.jsonl collapsed.jsonl agg/sections.csv agg/months.csv report/index.md; do
		cmp "$w/ref/current/$f" "$w/outi/current/$f" 2>&1; done)
	[ $rc -eq 0 ] && [ -z "$d" ] && grep -q "tools $w/prefix/bin, data $w/prefix/share/ipm," "$w"/outi/logs/*.log &&
		pass "after make install, PREFIX/bin/ipm-nightly runs outside the tree with PREFIX's tools and share/ipm" ||
		fail "installed ipm-nightly: exit $rc, $(cat "$w/li.out"), differs: $d"
else
	fail "make install: $(tail -3 "$w/install.log")"
fi
left=$(find "$o" "$w"/kill* -name '*.tmp*' | head -3)
[ -z "$left" ] && pass "no temporary file left" || fail "temporary files left: $left"

# 10. dictionary edits rerun the stages that read them, and only those
edit_data() {   # edit_data FILE LOG WANT WHAT
	sed -i '1i # edited' "$w/data/$1"
	nt "$o" "$w/$2"
	c=$(counts "$w/$2")
	[ $rc -eq 0 ] && [ "$c" = "$3" ] && pass "$1 edited: $4 ($c)" || fail "$1 edited: exit $rc, ran: $c"
}
edit_data companies.tsv l10a "norm 0 extract 0 rows 0 tag 5 dedup 1 agg 3 report 1 db 1" \
	"ipm-tag reruns for every document, then the corpus steps"
edit_data tiles.tsv l10b "norm 0 extract 0 rows 0 tag 0 dedup 0 agg 0 report 1 db 0" "only ipm-report reruns"
edit_data columns.tsv l10c "norm 0 extract 5 rows 5 tag 5 dedup 1 agg 3 report 1 db 1" \
	"ipm-extract and what follows rerun, not ipm-norm"
n=$(ls "$o/runs" | wc -l)
[ "$n" -eq 7 ] && pass "keeps the last 7 runs" || fail "$n runs kept"
