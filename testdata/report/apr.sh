# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# The report of one period on stdin (apr.in), in Markdown.
ipm-report
