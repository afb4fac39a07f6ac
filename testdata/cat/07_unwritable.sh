# what CSV cannot carry is told once a kind on stderr, and --strict makes it exit 1:
# a record with no fields, an array item holding ';'
printf '{}\n{"a":["x;y","z"]}\n{}\n' | ipm-cat --ocsv 2>&1; echo "rc=$?"
printf '{}\n' | ipm-cat --ocsv --strict 2>&1; echo "rc=$?"
