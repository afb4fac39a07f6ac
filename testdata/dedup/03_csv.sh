# CSV in and out: the same event ids as JSON Lines
ipm-cat --ocsv records.jsonl | ipm-dedup --icsv --ocsv | ipm-cat --icsv --ocsv
