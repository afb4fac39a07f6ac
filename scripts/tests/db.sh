#!/bin/sh
# make db's loader (scripts/db/load.sh, schema.sql, load.sql) on the fixed
# records of testdata/report: every record and list item is loaded, the
# views answer with the numbers the records hold, an agg CSV becomes a table.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
name=db
command -v sqlite3 > /dev/null || { echo "SKIP $name: sqlite3 not installed"; exit 0; }
w=$top/build/tests/db.${IPM_VARIANT:-rel}
rm -rf "$w"
mkdir -p "$w/agg"
cat "$top/testdata/report/apr.in" "$top/testdata/report/may.in" > "$w/events.jsonl"
printf 'province,sectors,count\n,,1\n"河南","益民服务",2\n' > "$w/agg/province_sector.csv"
if ! sh "$top/scripts/db/load.sh" "$w/t.sqlite" "$w" > "$w/log" 2>&1; then
	echo "FAIL $name: load.sh failed: $(tail -1 "$w/log")"
	exit 0
fi
q() { sqlite3 "$w/t.sqlite" "$1"; }
check() { # check NAME GOT WANT
	[ "$2" = "$3" ] && echo "PASS $name: $1" || echo "FAIL $name: $1: got [$2] want [$3]"
}
check "all records loaded" "$(q 'select count(*) from events')" 17
check "sections per doc" "$(q "select n from v_sections where doc='m05' and section='province'")" 7
check "array items exploded" "$(q 'select count(*) from event_sectors')" 18
check "province x subsector view" "$(q "select group_concat(province) from v_province_subsector where subsector='工业互联网'")" "山东,天津,福建,安徽,河南"
check "policy documents with issuer" "$(q "select issuers from v_policy_docs where title like '%医疗健康%'")" "国务院"
check "companies view" "$(q "select n from v_companies where company='腾讯'")" 3
check "agg CSV imported" "$(q 'select count(*) from agg_province_sector')" 2
