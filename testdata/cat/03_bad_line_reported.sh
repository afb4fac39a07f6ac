# a malformed line is reported with its line, written to --rejects, and exits 1
t=$(mktemp); ipm-cat --rejects "$t"; echo "rc=$?"; cat "$t"; rm -f "$t"
