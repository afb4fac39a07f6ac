# A saved gov.cn-style policy page (my own sample): script, style, navigation
# and footer dropped, the label/value table becomes meta blocks, joint issuers
# split into a list, "国办发[2030] 7 号" normalised to 国办发〔2030〕7号, 成文日期
# -> date, 发布日期 -> published, <br> inside the title joined, entities,
# the page's own address from <meta property="og:url">.
ipm-extract | ipm-rows --doc pol
