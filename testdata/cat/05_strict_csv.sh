# a CSV row with the wrong field count: record kept out, reported on stderr, exit 1
ipm-cat --icsv --ocsv 2>&1; echo "rc=$?"
