# 40 plain records given to --merge: 10 messages, then one line with the count
for i in 1 2 3 4 5; do cat records.jsonl; done | ipm-agg --ocsv --merge -g province count
