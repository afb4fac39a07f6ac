#!/bin/sh
# Build an SQLite database from a pipeline directory: scripts/db/schema.sql,
# events.jsonl staged one JSON line per row (ASCII mode: no quoting, a field
# separator that JSON text never holds), scripts/db/load.sql, then every
# agg/NAME.csv as table agg_NAME. Usage: load.sh DB PIPEDIR
set -eu
db=$1
dir=$2
here=$(dirname "$0")
rm -f "$db"
{
	cat "$here/schema.sql"
	printf '.mode ascii\n.separator "\\037" "\\n"\n.import %s raw\n' "$dir/events.jsonl"
	cat "$here/load.sql"
	printf '.mode csv\n.separator , "\\n"\n'
	for csv in "$dir"/agg/*.csv; do
		[ -f "$csv" ] || continue
		printf '.import --csv %s agg_%s\n' "$csv" "$(basename "$csv" .csv)"
	done
} | sqlite3 -bail "$db"
n=$(sqlite3 "$db" 'select count(*) from events')
echo "ipm: $db: $n records"
