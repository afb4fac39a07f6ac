# partials made with -g province merged as -g doc: exit 1 naming both specs, no output
ipm-agg --partial -g province count records.jsonl | ipm-agg --merge -g doc count
