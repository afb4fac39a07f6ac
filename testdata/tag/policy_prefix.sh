# Province and city of policy records (my own samples): with no issuer the
# 文号 prefix gives it (闽政 -> 福建; 新政发 -> 新疆), unless the title names
# another province (新政办 of 新乡市 -> 河南, city 新乡市 410700); a county
# issuer gives its prefecture-level city (政和县 -> 南平市 350700); the
# addressee line naming other provinces (江西省, 浙江省; 北京、上海 in the
# body) does not move the issuer's province.
ipm-tag
