# An empty file: a warning each, no records, exit 0.
: | ipm-extract | ipm-rows --doc empty
echo "rc=$?"
