# Markdown report (pipe tables with HTML cells): page-break continuation
# tables, a split actor (国家卫生/健康委, 内蒙古/自治区), URLs cut by the break
# (href="#" tails), a lost actor cell (河南 item under 北京市), "X月X日消息",
# "1月12—14日", and a December-January monitoring period.
ipm-extract | ipm-rows --doc md
