# A notice saved with its 索引号/主题分类 header table as TAB rows (my own
# sample): each label cell gives the field of the cell after it; the
# header's 成文日期 is the date, its 发布日期 published, its 主题分类 the topic.
ipm-extract | ipm-rows --doc table
