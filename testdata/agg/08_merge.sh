# partials of two halves merged == one run (also re-partialled on the way)
ops="count distinct companies top 2 companies first last"
head -n 3 records.jsonl | ipm-agg --partial -g province $ops > "${TMPDIR:-/tmp}/ipm-agg-08a.$$"
tail -n +4 records.jsonl | ipm-agg --partial -g province $ops | ipm-agg --merge --partial -g province $ops > "${TMPDIR:-/tmp}/ipm-agg-08b.$$"
cat "${TMPDIR:-/tmp}/ipm-agg-08a.$$" "${TMPDIR:-/tmp}/ipm-agg-08b.$$" | ipm-agg --merge -g province $ops
rm -f "${TMPDIR:-/tmp}/ipm-agg-08a.$$" "${TMPDIR:-/tmp}/ipm-agg-08b.$$"
