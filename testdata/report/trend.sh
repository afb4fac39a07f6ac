# The footer says when the report was made: a fixed time, so the output is reproducible.
export SOURCE_DATE_EPOCH=1525132800
# Several periods in the input: the report of one shows records per period.
ipm-report -p 2018-05 --prev apr.in apr.in may.in | sed -n "/各监测期/,/各部分/p"
