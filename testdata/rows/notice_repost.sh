# A repost of a provincial notice (my own sample): the page's 发布时间 is
# the publication date (published 2019-04-02), the 成文 date is the
# signature's (2019-03-25), never the repost's. The title ends in 的通知
# after a 》, so 方案 inside the title does not cut it.
ipm-extract | ipm-rows --doc repost
