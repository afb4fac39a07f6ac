#!/bin/sh
# Sharded runs (pipelines/shard, ipm-cluster(7)) against `make pipeline`:
# on testdata/corpus and on a small generated corpus (scripts/gen_corpus.py),
# events.jsonl, collapsed.jsonl, the agg CSVs and the report are the same
# bytes; a shard's tagged records are its documents' make outputs in order
# (doc ids and line numbers right); every generated document gives the record
# count of the generator's manifest; records in = out + rejects; the generator
# is deterministic. The GNU parallel route (pipelines/parallel) gives the same.
set -u
. "$(dirname "$0")/lib.inc"
name=shards
need_pipeline $name
export SOURCE_DATE_EPOCH=1700000000 IPM_DATA="$top/lib/data" LC_ALL=C
w=$top/build/tests/shards.${IPM_VARIANT:-rel}
rm -rf "$w" && mkdir -p "$w"
cd "$top" || exit 1

mk() { MAKEFLAGS= MFLAGS= make --no-print-directory BIN="$bin" IN="$1" PIPE="$2" pipeline-run > "$2.log" 2>&1; }
same() {   # what label make-output shard-output
	bad=$(differ "$2" "$3")
	if [ -z "$bad" ]; then echo "PASS $name: $1: events, collapsed, agg CSVs and report identical to make"
	else echo "FAIL $name: $1: differ from make:$bad"; fi
}

# 1. testdata/corpus (all layouts, a PDF, GB18030), 2 documents per shard, 2 jobs
mk testdata/corpus "$w/make-corpus"
BIN=$bin pipelines/shard local testdata/corpus "$w/sh-corpus" 2 2 2> "$w/sh-corpus.log" ||
	echo "FAIL $name: shard local testdata/corpus: $(tail -2 "$w/sh-corpus.log")"
same "testdata/corpus in 3 shards" "$w/make-corpus" "$w/sh-corpus"
# tagged records of a shard = its documents' make outputs, in order
ok=1
for s in "$w"/sh-corpus/shards/*.list; do
	k=$(basename "$s" .list)
	while IFS= read -r f; do b=${f##*/}; cat "$w/make-corpus/tagged/${b%.*}.jsonl"; done < "$s" > "$w/expect.jsonl"
	cmp -s "$w/expect.jsonl" "$w/sh-corpus/shards/$k/tagged.jsonl" || ok=0
done
[ $ok = 1 ] && echo "PASS $name: each shard's tagged records are its documents' (doc ids, line numbers)" ||
	echo "FAIL $name: a shard's tagged records differ from its documents' make outputs"

# 2. a generated corpus: deterministic, manifest counts, identical to make
python3 scripts/gen_corpus.py --docs 48 --records 25 --periods 4 --seed 7 "$w/gen" 2> /dev/null
python3 scripts/gen_corpus.py --docs 48 --records 25 --periods 4 --seed 7 "$w/gen2" 2> /dev/null
diff -r "$w/gen" "$w/gen2" > /dev/null && echo "PASS $name: gen_corpus.py is deterministic (same --seed, same bytes)" ||
	echo "FAIL $name: gen_corpus.py gives different files for the same seed"
python3 scripts/gen_corpus.py --docs 48 --records 25 --periods 4 --seed 8 "$w/gen3" 2> /dev/null
diff -r "$w/gen" "$w/gen3" > /dev/null && echo "FAIL $name: another --seed gives the same corpus" ||
	echo "PASS $name: another --seed gives another corpus"
mv "$w/gen/MANIFEST.tsv" "$w/gen.manifest"   # not a document of the folder
mk "$w/gen" "$w/make-gen"
BIN=$bin pipelines/shard local "$w/gen" "$w/sh-gen" 10 3 2> "$w/sh-gen.log" ||
	echo "FAIL $name: shard local gen: $(tail -2 "$w/sh-gen.log")"
same "generated corpus (48 documents) in 5 shards" "$w/make-gen" "$w/sh-gen"
cat "$w"/sh-gen/shards/*/rows.jsonl | sed 's/^{"doc":"\([^"]*\)".*/\1/' | sort | uniq -c |
	awk '{print $2 "\t" $1}' > "$w/got.tsv"
awk -F'\t' 'NR > 1 && $5 > 0 {print $1 "\t" $5}' "$w/gen.manifest" | sort > "$w/want.tsv"
if cmp -s "$w/got.tsv" "$w/want.tsv"; then
	echo "PASS $name: every generated document gives the manifest's record count ($(awk '{s+=$2} END{print s}' "$w/want.tsv") records)"
else
	echo "FAIL $name: record counts differ from the manifest: $(diff "$w/want.tsv" "$w/got.tsv" | grep '^[<>]' | head -3 | tr '\n' ' ')"
fi
# dates inside each document's period
bad=$(cat "$w/sh-gen/events.jsonl" | grep -c -v '"date":"[0-9-]*"' || true)
out=$(python3 - "$w/sh-gen/events.jsonl" <<'EOF'
import json, sys
bad = sum(1 for l in open(sys.argv[1], encoding="utf-8")
          for r in [json.loads(l)]
          if r["section"] != "summit" and not (r["period_start"] <= (r["date"] or "") <= r["period_end"]))
print(bad)
EOF
)
[ "$out" = 0 ] && echo "PASS $name: every generated item is dated inside its document's stated period" ||
	echo "FAIL $name: $out items dated outside their period"
ev=$(wc -l < "$w/sh-gen/events.jsonl"); col=$(wc -l < "$w/sh-gen/collapsed.jsonl")
[ "$col" -lt "$ev" ] && echo "PASS $name: generated duplicates merge ($ev records, $col events)" ||
	echo "FAIL $name: no duplicates merged ($ev records, $col events)"
# 3. nothing lost: records in = out + rejects per shard and in total
if awk -F'\t' 'NR > 1 && $5 != $6 + $7 { bad = 1 } END { exit bad }' "$w/sh-gen/counts.tsv" &&
   [ "$(awk -F'\t' '$1 == "total" {print $6}' "$w/sh-gen/counts.tsv")" -eq "$ev" ]; then
	echo "PASS $name: records in = out + rejects in every shard and in total (counts.tsv)"
else
	echo "FAIL $name: counts.tsv does not add up: $(tr '\n' ' ' < "$w/sh-gen/counts.tsv")"
fi
# 4. the GNU parallel route, locally
if command -v parallel > /dev/null; then
	BIN=$bin pipelines/parallel -j 2 -n 10 "$w/gen" "$w/par-gen" > "$w/par-gen.log" 2>&1 ||
		echo "FAIL $name: pipelines/parallel: $(tail -2 "$w/par-gen.log")"
	same "GNU parallel -j 2 on the generated corpus" "$w/make-gen" "$w/par-gen"
	# the --sshlogin code path (--workdir, --env), with ':' (this machine, no ssh)
	BIN=$bin pipelines/parallel -n 2 -S 2/: testdata/corpus "$w/par-ssh" > "$w/par-ssh.log" 2>&1 ||
		echo "FAIL $name: pipelines/parallel -S 2/: : $(tail -2 "$w/par-ssh.log")"
	same "GNU parallel --sshlogin 2/: on testdata/corpus" "$w/make-corpus" "$w/par-ssh"
else
	echo "SKIP $name: GNU parallel not installed"
fi
