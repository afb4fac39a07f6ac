# Characters lost in a copy (my own sample): the 文号 lost its 〕 and 号
# ("冀政办字〔201918": the year is the first four digits, the serial the
# rest -> 冀政办字〔2018〕18号), the date lost 年 and 月 ("2018315": only
# 3月15日 is a valid split -> 2018-03-15).
ipm-extract | ipm-rows --doc lost
