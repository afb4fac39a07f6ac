#!/bin/sh
# make bench: run every scripts/bench/*.sh and the scaling harness, and write
# BENCH.md. Each bench script prints Markdown table rows through measure() of
# scripts/bench/lib.sh: MB/s, records/s and peak RSS of each command on the
# same input, with ratios against the standard tools measured in the same run.
#
#   sh scripts/bench.sh [NAME...]   (make bench ONLY="agg dedup")
#
# With NAMEs (agg, dedup, ..., scaling, render) only those run again; the rows of the
# others are kept from their last run (build/bench/rows/NAME.md), and every
# section of BENCH.md says when it was measured.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
IPM_DEPS_FULL=1 sh scripts/deps.sh || exit 1
mkdir -p build/bench/rows
wanted() { [ $# -eq 0 ] && return 0; for w in $ONLY; do [ "$w" = "$1" ] && return 0; done; return 1; }
ONLY="$*"
for b in scripts/bench/[0-9a-z]*.sh; do
	n=$(basename "$b" .sh)
	# lib.sh and the input generators (gen_*, *_gen.sh) are not benchmarks
	case "$n" in lib | gen_* | *_gen) continue ;; esac
	[ -z "$ONLY" ] || wanted "$n" $ONLY || continue
	echo "bench: $b" >&2
	{ IPM_BIN="$top/bin" sh "$b" || echo "bench: $b failed" >&2; } > "build/bench/rows/$n.md.tmp"
	{ echo "| **$n** | scripts/bench/$n.sh, run $(date -u '+%Y-%m-%d %H:%M') UTC | | | | | |"; cat "build/bench/rows/$n.md.tmp"; } > "build/bench/rows/$n.md"
	rm -f "build/bench/rows/$n.md.tmp"
done
if [ -z "$ONLY" ] || wanted render $ONLY; then
	echo "bench: scripts/render_family.py" >&2
	IPM_BIN="$top/bin" python3 scripts/render_family.py --modes pipeline,layout,raw,default,html \
		> build/bench/render_family.md 2> build/bench/render_family.log ||
		echo "bench: scripts/render_family.py failed" >&2
	date -u '+%Y-%m-%d %H:%M' > build/bench/render_family.when
fi
if [ -z "$ONLY" ] || wanted scaling $ONLY; then
	echo "bench: scripts/scaling.py" >&2
	IPM_BIN="$top/bin" python3 scripts/scaling.py --table build/bench/scaling.md > build/bench/scaling.log 2>&1 ||
		echo "bench: scripts/scaling.py failed" >&2
	date -u '+%Y-%m-%d %H:%M' > build/bench/scaling.when
fi
{
	echo "# Benchmarks"
	echo
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr)."
	echo "Made by \`make bench\` (scripts/bench.sh); each row is one command on the same input in the same run"
	echo "(rows that compare tools come from one script, so from one run); the row before each script's rows"
	echo "says when it ran."
	echo "Ratio = this command's MB/s over the reference named in the row (higher is better)."
	echo
	echo "| stage | input | command | MB/s | records/s | peak RSS MB | ratio |"
	echo "|---|---|---|---:|---:|---:|---|"
	for b in scripts/bench/[0-9a-z]*.sh; do
		n=$(basename "$b" .sh)
		[ -f "build/bench/rows/$n.md" ] && cat "build/bench/rows/$n.md"
	done
	echo
	echo "## Scaling (scripts/scaling.py)"
	echo
	echo "Adversarial inputs at 1x, 2x, 4x, 8x their base size; a case fails when 8x takes more"
	echo "than 10x the 1x time (1x times under 0.05 s count as 0.05 s). Run: $(cat build/bench/scaling.when 2>/dev/null || echo never) UTC."
	echo
	cat build/bench/scaling.md 2>/dev/null
	echo
	echo "## PDF renderings (scripts/render_family.py)"
	echo
	echo "Records equal to the source's (section, actor, date, URL, text) / source records, and F1, of"
	echo "each rendering of the family, through the pipeline's PDF path and pdftotext's three modes."
	echo "Run: $(cat build/bench/render_family.when 2>/dev/null || echo never) UTC."
	echo
	cat build/bench/render_family.md 2>/dev/null
} > BENCH.md
cat BENCH.md
