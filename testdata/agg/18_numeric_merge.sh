# numeric partials of two halves (JSON and CSV input) merged == one run
ops="count sum amount mean amount min amount max amount median amount p90 amount"
head -n 5 15_numeric.in | ipm-agg --icsv --partial -g province $ops > "${TMPDIR:-/tmp}/ipm-agg-18a.$$"
{ head -n 1 15_numeric.in; tail -n +6 15_numeric.in; } | ipm-agg --icsv --partial -g province $ops |
	ipm-agg --merge --partial -g province $ops > "${TMPDIR:-/tmp}/ipm-agg-18b.$$"
cat "${TMPDIR:-/tmp}/ipm-agg-18a.$$" "${TMPDIR:-/tmp}/ipm-agg-18b.$$" | ipm-agg --ocsv --merge -g province $ops > "${TMPDIR:-/tmp}/ipm-agg-18m.$$"
ipm-agg --ocsv --icsv -g province $ops 15_numeric.in 2>/dev/null | cmp - "${TMPDIR:-/tmp}/ipm-agg-18m.$$" && echo "merge == direct"
cat "${TMPDIR:-/tmp}/ipm-agg-18m.$$"
rm -f "${TMPDIR:-/tmp}/ipm-agg-18a.$$" "${TMPDIR:-/tmp}/ipm-agg-18b.$$" "${TMPDIR:-/tmp}/ipm-agg-18m.$$"
