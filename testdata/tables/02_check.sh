# --check on the same tables: the provinces' 2030 软件业务收入 (万元) summed
# and scaled against the national 2030 row (亿元); shares (%) are not summed.
ipm-extract | ipm-tables --check
