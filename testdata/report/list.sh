# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
ipm-report --list-periods may.in apr.in
ipm-report -p 2018-04 may.in apr.in | head -3
