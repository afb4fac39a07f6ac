# JSON nested deeper than yajl's generator allows (127 levels with the record)
# is rejected with its line, exit 1; never written as broken JSON. 127 levels pass.
deep() { awk -v n="$1" 'BEGIN { s = "{\"a\":"; for (i = 1; i < n; i++) s = s "["; for (i = 1; i < n; i++) s = s "]"; print s "}" }'; }
t=${TMPDIR:-/tmp}/ipm-cat-09.$$
{ echo '{"ok":1}'; deep 127; deep 128; echo '{"ok":2}'; } | ipm-cat > "$t" 2>&1; echo "rc=$?"
cut -c1-60 "$t"
deep 127 | ipm-cat | wc -c
deep 200 | ipm-cat --ijson --ocsv 2>&1; echo "rc=$?"
printf '[%s\n]\n' "$(deep 128)" | ipm-cat --ijson --ojson 2>&1; echo "rc=$?"
rm -f "$t"
