# The window of dates (--window 1, the default): the same notice reported a
# day later (b, across a month end) is a's event; c, two days after a's
# date, is not (an event is found by its first record's date); d is another
# province's. Undated texts: e and f (null and empty date, punctuation
# aside) are one event, g (one character differs) is not. Then --window 0:
# b is its own event. --collapse counts the mentions.
ipm-dedup --collapse | jq -c "[.doc, .date, .mentions, .docs]"
echo '--window 0'
ipm-dedup --window 0 --collapse 06_window.in | jq -c "[.doc, .date, .mentions, .docs]"
