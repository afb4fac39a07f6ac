# duplicate keys: the last value is kept, in the first one's place (as jq and
# Miller do), said once per input; CSV: a repeated column name likewise
printf '{"a":1,"b":2,"a":3}\n{"a":1,"a":[]}\n' | ipm-cat 2>&1
printf 'a,b,a\n1,2,3\n4,5,6\n' | ipm-cat --icsv 2>&1
