# A notice in traditional characters with pinyin glosses, from text to tags
# (../rows/notice_pinyin.in, my own sample): the policy record's issuer,
# inferred from 遼政辦發 as 辽宁省人民政府办公厅, gives province 辽宁; its
# body paragraphs follow as paragraph records.
ipm-extract < ../rows/notice_pinyin.in | ipm-rows --doc pinyin | ipm-tag
