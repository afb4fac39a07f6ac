#!/bin/sh
# Seeds 001 (Markdown) and 002 (TAB rows) re-rendered as HTML at run time
# (scripts/render_family.py --modes html: the seed's records printed back as
# report tables, in 24 layouts, half of them with rowspan name cells, one row
# per item) must give exactly the seed's own records (section, actor, date,
# URL, text) through ipm-extract | ipm-rows. SKIP without the seeds.
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$top/../shared/seeds" ]; then
	echo "SKIP html_rowspan_seeds: ../shared/seeds absent"
	exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if python3 "$top/scripts/render_family.py" --out "$out" --sources s001,s002 --modes html \
	--min-f1 html=1 > "$out/table" 2> "$out/err"; then
	n=$(grep -c '| s00[12]-.*-s-[fn] |' "$out/table")
	if [ "$n" -ge 12 ]; then
		echo "PASS html_rowspan_seeds: $(tail -1 "$out/table" | cut -d'|' -f3) ($n renderings with rowspan)"
	else
		echo "FAIL html_rowspan_seeds: only $n renderings with rowspan"
	fi
else
	echo "FAIL html_rowspan_seeds: $(grep 'F1' "$out/err" | head -3 | tr '\n' ' ')"
fi
