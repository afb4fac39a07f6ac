# A broken header table (my own sample): empty values, an impossible 成文日期
# (13月45日: date null, date_raw kept, a warning) and a 文号 without a
# number (passed on normalised, nothing made up); no title, no issuer.
ipm-extract | ipm-rows --doc broken
