# The label/value header as plain lines (my own sample): ipm-extract joins
# the lines into one paragraph ("索引号：…主题分类：…发文机关：…"), which is
# split again at the labels; "索 引 号" and "标　　题" are letter-spaced.
ipm-extract | ipm-rows --doc labels
