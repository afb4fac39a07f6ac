# A date that lost 年 and 月 in two ways (my own sample): "2018115" is
# 1月15日 or 11月5日, so no date is made up: date null, a warning.
ipm-extract | ipm-rows --doc lostdate
