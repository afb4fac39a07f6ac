# {"a":null} as the only column: written "" (a blank line would end the block),
# so the record comes back (as {"a":""}), not lost
printf '{"a":null}\n{"a":null}\n' | ipm-cat --ocsv
printf '{"a":null}\n{"a":null}\n' | ipm-cat --ocsv | ipm-cat --icsv
