#!/bin/sh
# csv-spectrum: every case read through ipm-cat must equal its expected JSON
# (values as strings; an unquoted empty cell reads as null, compared as "").
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/../shared/thirdparty/csv-spectrum
[ -d "$dir" ] || { echo "SKIP csv-spectrum: $dir not found"; exit 0; }
for csv in "$dir"/csvs/*.csv; do
	n=$(basename "$csv" .csv)
	if [ "$n" = location_coordinates ]; then
		# A bare '"' inside an unquoted field breaks RFC 4180, and this case's
		# expected JSON disagrees with its own CSV (an object, another phone
		# number). Strict libcsv rejects the row: assert the report instead.
		err=$("$IPM_BIN/ipm-cat" --icsv < "$csv" 2>&1 >/dev/null); rc=$?
		case "$err" in *"<stdin>:2: malformed CSV"*) [ $rc -eq 1 ] && echo "PASS csv-spectrum $n (rejected with line, exit 1)" && continue;; esac
		echo "FAIL csv-spectrum $n: want a line-2 rejection and exit 1, got rc=$rc [$err]"
		continue
	fi
	"$IPM_BIN/ipm-cat" --icsv < "$csv" > "$top/build/spectrum.$n.jsonl" 2>&1
	python3 - "$top/build/spectrum.$n.jsonl" "$dir/json/$n.json" <<'PY' && echo "PASS csv-spectrum $n" || echo "FAIL csv-spectrum $n: output differs ($top/build/spectrum.$n.jsonl)"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
got = [{k: ('' if v is None else v) for k, v in r.items()} for r in got]
want = json.load(open(sys.argv[2], encoding='utf-8'))
sys.exit(0 if got == want else 1)
PY
done
