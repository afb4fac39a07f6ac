#!/bin/sh
# make bench: run every scripts/bench/*.sh in one go and write BENCH.md.
# Each bench script prints Markdown table rows through measure() of
# scripts/bench/lib.sh: MB/s, records/s and peak RSS of each command on the
# same input, with ratios against the standard tools measured in the same run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
IPM_DEPS_FULL=1 sh scripts/deps.sh || exit 1
mkdir -p build/bench
out=build/bench/rows.md
: > "$out"
for b in scripts/bench/[0-9a-z]*.sh; do
	# lib.sh and the input generators (gen_*, *_gen.sh) are not benchmarks
	case "$(basename "$b")" in lib.sh | gen_* | *_gen.sh) continue ;; esac
	echo "bench: $b" >&2
	IPM_BIN="$top/bin" sh "$b" >> "$out" || echo "bench: $b failed" >&2
done
{
	echo "# Benchmarks"
	echo
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; $(uname -sr); $(date -u +%Y-%m-%d)."
	echo "Made by \`make bench\` (scripts/bench.sh); each row is one command on the same input in the same run."
	echo "Ratio = this command's MB/s over the reference named in the row (higher is better)."
	echo
	echo "| stage | input | command | MB/s | records/s | peak RSS MB | ratio |"
	echo "|---|---|---|---:|---:|---:|---|"
	cat "$out"
	echo
	echo "## Scaling (scripts/scaling.py)"
	echo
	echo "Adversarial inputs at 1x, 2x, 4x, 8x their base size; a case fails when 8x takes more"
	echo "than 10x the 1x time (1x times under 0.05 s count as 0.05 s)."
	echo
	IPM_BIN="$top/bin" python3 scripts/scaling.py --table build/bench/scaling.md > build/bench/scaling.log 2>&1 ||
		echo "bench: scripts/scaling.py failed" >&2
	cat build/bench/scaling.md
	echo
	echo "## PDF renderings (scripts/render_family.py)"
	echo
	echo "Records equal to the source's (section, actor, date, URL, text) / source records, and F1, of"
	echo "each rendering of the family, through the pipeline's PDF path and pdftotext's three modes."
	echo
	IPM_BIN="$top/bin" python3 scripts/render_family.py --modes pipeline,layout,raw,default,html 2> build/bench/render_family.log ||
		echo "bench: scripts/render_family.py failed" >&2
} > BENCH.md
cat BENCH.md
