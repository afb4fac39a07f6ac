# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# Records that carry the monitoring period their report states (ipm-rows:
# period_start, period_end) get that window, not one guessed from the item
# dates (may.in alone: 2018-04-18 – 2018-05-14, see list.expected); a document
# without a stated period keeps the guess.
jq -c '. + {period_start: "2018-04-16", period_end: "2018-05-15"}' may.in | ipm-report --list-periods - apr.in
jq -c '. + {period_start: "2018-04-16", period_end: "2018-05-15"}' may.in | ipm-report | sed -n 3p
